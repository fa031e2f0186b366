/**
 * Module worker that draws a transferred frame onto an OffscreenCanvas, applies the effect (with
 * its own WebGL2 context on an OffscreenCanvas, or the exact per-pixel path: the WebAssembly
 * kernel of `pixel-kernel.ts`, else script) and encodes it,
 * keeping the decode/convert/effect/encode work and the encoder's long slices off the main thread.
 *
 * Protocol: on start it posts {@link WorkerHello}; then for each {@link EncodeJob} it posts an
 * {@link EncodeReply} with the same `id`. Loaded with
 * `new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module' })`:
 * a same-origin file, so it works under `worker-src 'self'` (no blob:, no eval).
 */
import { applyEffectToPixels } from './effect-pixels.js';
import { adoptEffect, isIdentity, type EffectSettings } from './effects.js';
import { copiesAsRgba, kernelPixels, loadPixelKernel, needsKernel, RGBA_COPY } from './frame-pixels.js';
import { pixelKernel } from './pixel-kernel.js';
import { encodeCanvas, renderExact } from './raster.js';
import { WebGL2Renderer } from './webgl2-renderer.js';

/** First message from the worker: whether it can encode at all. */
export interface WorkerHello {
  kind: 'hello';
  ok: boolean;
}

/** A request to encode one frame. `image` is transferred. */
export interface EncodeJob {
  id: number;
  image: ImageBitmap | VideoFrame;
  width: number;
  height: number;
  mirror: boolean;
  /** `null` when the pixels are final (no effect, or already rendered by WebGL2). */
  settings: EffectSettings | null;
  /**
   * How to apply `settings`: `webgl2` uses the worker's WebGL2 context when it has one (not
   * lost), `auto` does so only on a hardware GPU, `2d` uses the exact per-pixel path.
   */
  renderer: 'auto' | 'webgl2' | '2d';
  type: string;
  quality: number;
  /** File name; default `photo-<Date.now()>.<ext>`. */
  name?: string;
}

/**
 * Sent when the photo size is known: size the canvas and buffer and warm the encoder at it. With
 * `image` (a real frame, transferred), the worker also runs the whole photo path once on it
 * (frame conversion, draw, encode) and drops the result, so that the first photo pays for none
 * of the one-time set-up (the browser's frame-conversion resources, encoder tables).
 */
export interface PrepareMessage {
  kind: 'prepare';
  width: number;
  height: number;
  image?: ImageBitmap | VideoFrame;
}

/** Reply to an {@link EncodeJob}. */
export type EncodeReply =
  | { kind: 'done'; id: number; file: File; fellBack: boolean; renderer: 'webgl2' | '2d' }
  | { kind: 'error'; id: number; message: string };

interface WorkerScope {
  postMessage(message: WorkerHello | EncodeReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<EncodeJob | PrepareMessage>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
let gl: WebGL2Renderer | null | undefined;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

function context(width: number, height: number): OffscreenCanvasRenderingContext2D {
  if (!canvas || !ctx) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: true });
    if (!ctx) throw new Error('OffscreenCanvas 2D context unavailable');
  }
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return ctx;
}

let pixels: ImageData | null = null;
/** The reused RGBA buffer, (re)made at `width` x `height`. */
function pixelBuffer(width: number, height: number): ImageData {
  if (!pixels || pixels.width !== width || pixels.height !== height) pixels = new ImageData(width, height);
  return pixels;
}
/**
 * Converts a VideoFrame straight into the canvas with `VideoFrame.copyTo({ format: 'RGBA' })`
 * and `putImageData`: cheaper than drawImage of the frame plus getImageData. With an effect or a
 * mirror, the copy goes into the effect kernel's memory and the kernel applies both
 * (`frame-pixels.ts`, `pixel-kernel.ts`: a few ms at 1080p where the script loop took 12-25);
 * an effect the kernel does not do (pixelate, adjustments) runs in script on a reused buffer.
 * Returns false where that does not apply (no copyTo that converts to RGBA, see `copiesAsRgba`;
 * a rotated or flipped frame, a frame whose visible size is not the photo size; a mirrored
 * photo without the kernel): draw it then.
 */
async function copyPixels(c2d: OffscreenCanvasRenderingContext2D, job: DrawJob): Promise<boolean> {
  const { image: frame, width, height, mirror, settings } = job;
  if (needsKernel(settings, mirror)) {
    const image = await kernelPixels(frame, width, height, settings, mirror, await loadPixelKernel());
    if (image) {
      c2d.putImageData(image, 0, 0);
      return true;
    }
  }
  if (mirror || !(await copiesAsRgba(frame, width, height))) return false;
  let buffer: ImageData;
  try {
    buffer = pixelBuffer(width, height);
    await (frame as VideoFrame).copyTo(buffer.data, RGBA_COPY);
  } catch {
    return false;
  }
  if (settings && !isIdentity(settings)) applyEffectToPixels(buffer.data, width, height, settings);
  c2d.putImageData(buffer, 0, 0);
  return true;
}

type DrawJob = Pick<EncodeJob, 'image' | 'width' | 'height' | 'mirror' | 'settings'>;

/** Draws the job's frame with its effect on the reused 2D canvas and returns that canvas. */
async function draw2D(job: DrawJob): Promise<OffscreenCanvas> {
  const c2d = context(job.width, job.height);
  if (!(await copyPixels(c2d, job))) {
    // drawn (and mirrored) by the canvas; the effect by the kernel where it can, else in script
    const kernel = pixelKernel();
    renderExact(c2d, job.image, job.width, job.height, job.settings, job.mirror, (data, w, h, s) => {
      if (!kernel?.applyTo(data, w, h, s)) applyEffectToPixels(data, w, h, s);
    });
  }
  return canvas!;
}

/** Renders with the worker's WebGL2 context; returns its canvas, or null to use 2D instead. */
function renderGL(job: EncodeJob): OffscreenCanvas | null {
  if (!job.settings || job.renderer === '2d') return null;
  if (gl === undefined) gl = WebGL2Renderer.create(new OffscreenCanvas(1, 1), true);
  if (!gl || gl.lost || (job.renderer === 'auto' && gl.software)) return null;
  try {
    return gl.render(job.image, job.width, job.height, job.settings, job.mirror) ? (gl.canvas as OffscreenCanvas) : null;
  } catch {
    return null;
  }
}

// Jobs run one after another: they share the canvas and the pixel buffer.
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (e) => {
  const msg = e.data;
  if ('kind' in msg && msg.kind === 'prepare') {
    // Size everything for the coming photos now, so the first one pays for nothing extra.
    queue = queue.then(async () => {
      try {
        const { width, height, image } = msg;
        context(width, height);
        pixelBuffer(width, height);
        if (image) await draw2D({ image, width, height, mirror: false, settings: null });
        await encodeCanvas(canvas!, 'image/jpeg', 0.92);
      } catch {
        /* best effort */
      } finally {
        msg.image?.close();
      }
    });
    return;
  }
  const job = msg as EncodeJob;
  queue = queue.then(async () => {
    try {
      adoptEffect(job.settings); // an effect the page registered: this copy of the table learns it
      let target = renderGL(job);
      const renderer = target ? 'webgl2' : '2d';
      target ??= await draw2D(job);
      job.image.close();
      const result = await encodeCanvas(target, job.type, job.quality, job.name);
      if (!result) throw new Error(`encoder returned nothing for ${job.type}`);
      scope.postMessage({ kind: 'done', id: job.id, file: result.file, fellBack: result.fellBack, renderer });
    } catch (err) {
      try {
        job.image.close();
      } catch {
        /* already closed */
      }
      scope.postMessage({ kind: 'error', id: job.id, message: String((err as Error)?.message ?? err) });
    }
  });
});

let ok = false;
try {
  // Creates the reused canvas and context now rather than on the first photo.
  ok = typeof OffscreenCanvas === 'function' && !!context(16, 16);
} catch {
  ok = false;
}
scope.postMessage({ kind: 'hello', ok });
// Compile the effect kernel now (a few ms, once), not with the first photo.
void loadPixelKernel();
// Warm the JPEG encoder (code paths, tables) so the first photo does not pay for it.
if (ok) queue = encodeCanvas(canvas!, 'image/jpeg', 0.92).then(() => undefined, () => undefined);
