/**
 * Module worker that draws a transferred frame onto an OffscreenCanvas, applies the effect (with
 * its own WebGL2 context on an OffscreenCanvas, or the exact 2D per-pixel path) and encodes it,
 * keeping the decode/convert/effect/encode work and the encoder's long slices off the main thread.
 *
 * Protocol: on start it posts {@link WorkerHello}; then for each {@link EncodeJob} it posts an
 * {@link EncodeReply} with the same `id`. Loaded with
 * `new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module' })`:
 * a same-origin file, so it works under `worker-src 'self'` (no blob:, no eval).
 */
import type { EffectSettings } from './effects.js';
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
}

/** Reply to an {@link EncodeJob}. */
export type EncodeReply =
  | { kind: 'done'; id: number; blob: Blob; fellBack: boolean; renderer: 'webgl2' | '2d' }
  | { kind: 'error'; id: number; message: string };

interface WorkerScope {
  postMessage(message: WorkerHello | EncodeReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<EncodeJob>) => void): void;
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

scope.addEventListener('message', (e) => {
  const job = e.data;
  void (async () => {
    try {
      let target = renderGL(job);
      const renderer = target ? 'webgl2' : '2d';
      if (!target) {
        renderExact(context(job.width, job.height), job.image, job.width, job.height, job.settings, job.mirror);
        target = canvas!;
      }
      job.image.close();
      const result = await encodeCanvas(target, job.type, job.quality);
      if (!result) throw new Error(`encoder returned nothing for ${job.type}`);
      scope.postMessage({ kind: 'done', id: job.id, blob: result.blob, fellBack: result.fellBack, renderer });
    } catch (err) {
      try {
        job.image.close();
      } catch {
        /* already closed */
      }
      scope.postMessage({ kind: 'error', id: job.id, message: String((err as Error)?.message ?? err) });
    }
  })();
});

let ok = false;
try {
  ok = typeof OffscreenCanvas === 'function' && !!new OffscreenCanvas(1, 1).getContext('2d');
} catch {
  ok = false;
}
scope.postMessage({ kind: 'hello', ok });
