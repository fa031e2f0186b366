/** Helpers for the capture tests (real cameras from the browser's fake devices; nothing mocked). */
import { CapturePipeline, type CapturePipelineOptions } from '../../src/capture/index.js';

export interface Camera {
  stream: MediaStream;
  track: MediaStreamTrack;
  video: HTMLVideoElement;
}

const open: Array<{ camera?: Camera; pipeline?: CapturePipeline }> = [];

/** Opens the fake camera and plays it in a muted `<video>` until a first frame is presented. */
export async function openCamera(video: MediaTrackConstraints | boolean = true): Promise<Camera> {
  const stream = await within(navigator.mediaDevices.getUserMedia({ video, audio: false }), 10_000, 'getUserMedia');
  const el = document.createElement('video');
  el.muted = true;
  el.playsInline = true;
  el.srcObject = stream;
  document.body.append(el);
  const camera = { stream, track: stream.getVideoTracks()[0]!, video: el };
  open.push({ camera }); // cleaned up even when a step below fails
  await within(el.play(), 10_000, 'video.play() of the camera');
  await within(nextVideoFrame(el), 10_000, 'the first video frame of the camera');
  return camera;
}

/**
 * Rejects with "timed out waiting for <what>" when `promise` takes longer than `ms`, so that a
 * stuck step names itself instead of ending in the test's own timeout.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves after the video presents a new frame (or 100 ms where rVFC is missing). */
export function nextVideoFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((done) => {
    const ready = (): void => {
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => done());
      else setTimeout(done, 100);
    };
    if (video.readyState >= 2 && video.videoWidth) ready();
    else video.addEventListener('loadeddata', ready, { once: true });
  });
}

/**
 * Counts the frames `video` presents from now on (requestVideoFrameCallback) until `stop()`,
 * which returns the count.
 */
export function countVideoFrames(video: HTMLVideoElement): { stop(): number } {
  let count = 0;
  let handle = 0;
  const next = (): void => {
    handle = video.requestVideoFrameCallback(() => {
      count++;
      next();
    });
  };
  next();
  return {
    stop: () => {
      video.cancelVideoFrameCallback(handle);
      return count;
    },
  };
}

/** A pipeline disposed by {@link cleanup}. */
export function pipeline(options: CapturePipelineOptions = {}): CapturePipeline {
  const p = new CapturePipeline(options);
  open.push({ pipeline: p });
  return p;
}

/**
 * Attaches `source` to `p`, starts its live preview and waits until it has drawn more than
 * `frames` frames (`what` names the wait if it times out).
 */
export async function startLive(
  p: CapturePipeline,
  source: HTMLVideoElement | MediaStreamTrack,
  { frames = 1, ms = 5000, what = 'live frames' } = {},
): Promise<void> {
  p.attach(source);
  p.start();
  await until(() => p.frameCount > frames, ms, what);
}

/**
 * The preview canvas's size as `WxH`, once it is the video's (or after `ms`, whatever it is then).
 * A canvas drawn by the live worker takes the worker's size when the worker's frame reaches the
 * page, a little after the worker says it drew it, and later under load: the pipeline's own probe
 * waits for it the same way.
 */
export async function previewSize(p: CapturePipeline, video: HTMLVideoElement, ms = 10_000): Promise<string> {
  const size = (): string => `${p.canvas.width}x${p.canvas.height}`;
  await until(() => size() === `${video.videoWidth}x${video.videoHeight}`, ms).catch(() => {});
  return size();
}

/**
 * Starts `p` on `source` (2D, drawn on the main thread), makes the next `failures` live frames fail
 * to draw, and waits until more frames are drawn after them. Injected fault: `drawImage()` onto the
 * pipeline's canvas throws, since no browser makes a camera frame fail to draw on demand. Returns
 * how many "could not be drawn" warnings the pipeline printed.
 */
export async function drawThroughFailures(p: CapturePipeline, source: HTMLVideoElement | MediaStreamTrack, failures: number): Promise<number> {
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  let left = 0;
  CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    if (left > 0 && this.canvas === p.canvas) {
      left--;
      throw new DOMException('injected', 'InvalidStateError');
    }
    return (draw as (...a: unknown[]) => void).apply(this, args);
  } as typeof draw;
  try {
    const { warnings } = await captureWarnings(async () => {
      // A track's frames come through MediaStreamTrackProcessor, whose first one is slow under load.
      await startLive(p, source, { frames: 2, ms: 20_000 });
      left = failures;
      await until(() => left === 0, 10_000, 'the injected failures');
      const frames = p.frameCount;
      await until(() => p.frameCount > frames + 3, 10_000, 'frames drawn after the failures');
    });
    return warnings.filter((w) => String(w[0]).includes('could not be drawn')).length;
  } finally {
    CanvasRenderingContext2D.prototype.drawImage = draw;
  }
}

/** Stops every camera/** Stops every camera and disposes every pipeline made through this module. */
export function cleanup(): void {
  for (const { camera, pipeline: p } of open.splice(0)) {
    p?.dispose();
    camera?.stream.getTracks().forEach((t) => t.stop());
    camera?.video.remove();
  }
}

/** Waits until `predicate()` is true, polling every animation frame, for at most `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 16));
  }
}

/** Decodes an image file to ImageData. */
export async function decode(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  const c = document.createElement('canvas');
  c.width = bitmap.width;
  c.height = bitmap.height;
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, c.width, c.height);
}

/** Largest per-channel spread (max - min of R, G, B) over a sparse grid of pixels. */
export function maxChannelSpread(img: ImageData, step = 17): number {
  let worst = 0;
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) {
      const i = (y * img.width + x) * 4;
      const r = img.data[i]!;
      const g = img.data[i + 1]!;
      const b = img.data[i + 2]!;
      worst = Math.max(worst, Math.max(r, g, b) - Math.min(r, g, b));
    }
  }
  return worst;
}

/** Calls `fn` while recording console.warn calls; returns them. */
export async function captureWarnings<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: unknown[][] }> {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args);
  };
  try {
    return { result: await fn(), warnings };
  } finally {
    console.warn = original;
  }
}
