/**
 * Module worker that draws the live preview on a canvas whose control was transferred to it
 * (`transferControlToOffscreen`), with the same 2D renderer the main thread uses. The main thread
 * only wraps each camera frame (`new VideoFrame(video)`, no copy) and transfers it here, so the
 * frame's conversion, the effect and the drawing leave the main thread free.
 *
 * A colour effect (a matrix, with its vignette) is drawn at the frame's full size: the frame is
 * copied as RGBA into the WebAssembly effect kernel, which applies the effect and the mirror in
 * one pass, and the result is put on the canvas (`frame-pixels.ts`): the canvas's stream, and so
 * a recording of it, has the camera's own resolution. Other effects (pixelate, adjustments), and
 * frames until the kernel is compiled, take the renderer's bounded per-pixel path.
 *
 * Protocol: on start it posts {@link LiveHello}. It then takes one {@link LiveCanvasMessage}, any
 * number of {@link LiveFrameMessage}s (each answered with {@link LiveDrawn}, which the main thread
 * uses to keep at most one frame in flight) and, to end, a {@link LiveReleaseMessage}.
 */
import { Canvas2DRenderer } from './canvas2d-renderer.js';
import { adoptEffect, isIdentity, type EffectSettings } from './effects.js';
import { kernelPixels, loadPixelKernel } from './frame-pixels.js';
import { pixelKernel } from './pixel-kernel.js';

/** First message from the worker: whether it can draw frames at all. */
export interface LiveHello {
  kind: 'hello';
  ok: boolean;
}
/** The transferred canvas. */
export interface LiveCanvasMessage {
  kind: 'canvas';
  canvas: OffscreenCanvas;
}
/** One frame to draw (transferred; the worker closes it). */
export interface LiveFrameMessage {
  kind: 'frame';
  frame: VideoFrame;
  width: number;
  height: number;
  settings: EffectSettings;
  mirror: boolean;
}
/** Free the canvas's backing store (its size becomes 1x1, see below), then answer `released`. */
export interface LiveReleaseMessage {
  kind: 'release';
}
/** Answer to a frame: whether it was drawn. */
export interface LiveDrawn {
  kind: 'drawn';
  ok: boolean;
}
export type LiveReply = LiveHello | LiveDrawn | { kind: 'released' };
export type LiveMessage = LiveCanvasMessage | LiveFrameMessage | LiveReleaseMessage;

interface WorkerScope {
  postMessage(message: LiveReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LiveMessage>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;
let renderer: Canvas2DRenderer | null = null;

scope.addEventListener('message', (e) => {
  const msg = e.data;
  if (msg.kind === 'canvas') {
    renderer = Canvas2DRenderer.create(msg.canvas, { cssFilter: false });
    return;
  }
  if (msg.kind === 'release') {
    // A canvas drawn from a worker shows what the worker last committed, and a 0x0 canvas commits
    // nothing: shrink it to one drawn pixel, so that the page's canvas lets go of the last frame.
    renderer?.shrinkToPixel();
    renderer = null;
    // Answer after this task, once the 1x1 frame is committed.
    setTimeout(() => scope.postMessage({ kind: 'released' }), 0);
    return;
  }
  void drawFrame(msg);
});

/** Draws one frame (the kernel's full-size path where it applies), closes it, and answers. */
async function drawFrame(msg: LiveFrameMessage): Promise<void> {
  let ok = false;
  const target = renderer;
  try {
    adoptEffect(msg.settings); // an effect the page registered: this copy of the table learns it
    const kernel = isIdentity(msg.settings) ? null : pixelKernel();
    const image = kernel ? await kernelPixels(msg.frame, msg.width, msg.height, msg.settings, msg.mirror, kernel) : null;
    // a release while the frame was copied: the canvas is no longer this frame's to draw on
    if (image) ok = renderer === target && !!target?.putPixels(image);
    else ok = !!target && renderer === target && target.render(msg.frame, msg.width, msg.height, msg.settings, msg.mirror);
  } catch {
    ok = false;
  } finally {
    msg.frame.close();
  }
  scope.postMessage({ kind: 'drawn', ok });
}

let ok = false;
try {
  ok = typeof VideoFrame === 'function' && typeof OffscreenCanvas === 'function' && !!new OffscreenCanvas(1, 1).getContext('2d');
} catch {
  ok = false;
}
scope.postMessage({ kind: 'hello', ok });
// Compile the effect kernel now (a few ms, once), so that the first frames with an effect use it.
if (ok) void loadPixelKernel();
