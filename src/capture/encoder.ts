/**
 * Photo encoder: sends frames to the module worker (`encode.worker.ts`) and falls back to the
 * main thread where a worker or OffscreenCanvas is unavailable.
 */
import type { EffectSettings } from './effects.js';
import type { EncodeJob, EncodeReply, PrepareMessage, WorkerHello } from './encode.worker.js';
import { assetUrl, warnAssetFailed } from '../assets.js';
import { bundledUrl, crossOriginBundled, startModuleWorker } from '../asset-loading.js';
import { CaptureError } from './errors.js';
import { encodeCanvas, renderExact, type EncodeResult } from './raster.js';

/** Where a photo was encoded. */
export type EncodePath = 'worker' | 'main';

/** Input of {@link PhotoEncoder.encodeInWorker}. The image is transferred (or closed). */
export type WorkerRequest = Omit<EncodeJob, 'id'>;

/** Input of {@link PhotoEncoder.encodeOnMain}. An ImageBitmap/VideoFrame image is closed. */
export interface MainRequest {
  image: CanvasImageSource;
  width: number;
  height: number;
  mirror: boolean;
  settings: EffectSettings | null;
  type: string;
  quality: number;
  /** File name; default `photo-<Date.now()>.<ext>`. */
  name?: string;
}

const HELLO_TIMEOUT_MS = 10_000;
/** Default time a worker encode may take before the worker is given up (see `jobTimeout`). */
export const WORKER_JOB_TIMEOUT_MS = 15_000;

const closeImage = (image: unknown): void => {
  (image as { close?: () => void }).close?.();
};

/** The bundled worker's path from this module, as the build writes it (see `bundledUrl`): named by the warning. */
const BUILT_WORKER = 'mce-built:encode.worker.js';

/** What the page loses when the encode worker cannot be used (see `warnAssetFailed`). */
const FALLBACK = 'photos are encoded on the main thread (which blocks the page for tens of milliseconds per photo)';

/**
 * Owns at most one encode worker. `workerUrl`: `undefined` = `encode.worker.js` in the page-wide
 * asset folder (`setAssetBase()`) if one is set, else the bundled worker; `null` = never use a
 * worker; a URL = load that module (an element's `asset-base`, tests, custom deployments).
 */
export class PhotoEncoder {
  private worker: Worker | null = null;
  /** Resolves true once the worker said hello with ok, false if it cannot be used. */
  private ready: Promise<boolean> | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Extract<EncodeReply, { kind: 'done' }>) => void; reject: (e: unknown) => void }>();
  /** Settles `ready` while the worker has not said hello (clears the hello timer); null after. */
  private settleHello: ((ok: boolean) => void) | null = null;

  /**
   * @param workerUrl `undefined` = the bundled worker, `null` = never use a worker, a URL = that module.
   * @param jobTimeout ms a worker encode may take; past it the worker is terminated, the job
   *   rejects with `encode-failed` (reason `timeout`) and later photos are encoded on the main thread.
   */
  constructor(
    private readonly workerUrl?: URL | string | null,
    private readonly jobTimeout: number = WORKER_JOB_TIMEOUT_MS,
  ) {}

  /**
   * Starts the worker (once) and resolves whether it is usable. Call early so that the first
   * capture does not pay the start-up.
   */
  warm(): Promise<boolean> {
    if (this.ready) return this.ready;
    if (this.workerUrl === null || typeof Worker !== 'function') return (this.ready = Promise.resolve(false));
    let worker: Worker;
    // The bundled worker where it is on another origin (the CDN file): started through a blob: module.
    const url = this.workerUrl ?? assetUrl('encode.worker.js') ?? crossOriginBundled(BUILT_WORKER, import.meta.url);
    // Warns once per page and URL that the file did not load (a 404 beside an esbuild bundle, a
    // CSP without worker-src): the one thing a page can fix.
    const warnLoad = (): void => {
      warnAssetFailed('encode.worker.js', url ?? bundledUrl(BUILT_WORKER, './encode.worker.ts', import.meta.url), FALLBACK);
    };
    try {
      // Bundlers (Vite, webpack 5) recognise only this literal form as a worker entry to build.
      worker = url
        ? startModuleWorker(url)
        : new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      warnLoad();
      return (this.ready = Promise.resolve(false));
    }
    this.worker = worker;
    this.ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        warnLoad();
        fail();
      }, HELLO_TIMEOUT_MS);
      // failWorker() (a failure, or dispose()) settles a pending hello at once, so that a photo
      // waiting for it is not left waiting for the timer.
      this.settleHello = (ok) => {
        clearTimeout(timer);
        this.settleHello = null;
        resolve(ok);
      };
      const fail = (e?: Event): void => {
        e?.preventDefault(); // handled here (main-thread fallback): not an uncaught error of the page
        this.failWorker();
      };
      // An error before the worker said hello: its module did not load (not found, blocked, a
      // syntax error) or threw as it started.
      const failLoad = (e: Event): void => {
        warnLoad();
        fail(e);
      };
      worker.addEventListener('error', failLoad);
      worker.addEventListener('messageerror', fail);
      worker.addEventListener('message', (e: MessageEvent<WorkerHello | EncodeReply>) => {
        const msg = e.data;
        if (msg.kind === 'hello') {
          if (this.worker !== worker) return;
          worker.removeEventListener('error', failLoad);
          worker.addEventListener('error', (e) => {
            e.preventDefault(); // handled: the pending photo falls back to the main thread
            this.failWorker(`The encode worker failed: ${(e as ErrorEvent).message || 'error'}.`);
          });
          if (msg.ok) this.settleHello?.(true);
          else fail();
          return;
        }
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.kind === 'done') p.resolve(msg);
        else p.reject(new CaptureError('encode-failed', `Photo encoding failed in the worker: ${msg.message}`));
      });
    });
    return this.ready;
  }

  private failWorker(message = 'The encode worker failed.'): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = Promise.resolve(false);
    this.settleHello?.(false);
    for (const p of this.pending.values()) p.reject(new CaptureError('encode-failed', message));
    this.pending.clear();
  }

  /** Whether the worker was given up (it failed, crashed or timed out) after it had started. */
  get workerFailed(): boolean {
    return this.ready !== null && this.worker === null && this.workerUrl !== null;
  }

  /** The size last prepared, and whether a frame was already offered for it. */
  #prepared = { width: 0, height: 0, frameTried: false };
  /**
   * Tells the worker the size of the coming photos: it sizes its canvas and buffer and warms the
   * encoder at that size. `frame`, when given, is called once per size for a real frame, which
   * the worker puts through the whole photo path once, so that the first photo pays for none of
   * the one-time set-up. Cheap to call on every frame: it posts only when something is new.
   */
  prepare(width: number, height: number, frame?: () => VideoFrame | ImageBitmap | null): void {
    if (!this.worker || !width || !height) return;
    const p = this.#prepared;
    const sameSize = p.width === width && p.height === height;
    if (sameSize && (p.frameTried || !frame)) return;
    this.#prepared = { width, height, frameTried: !!frame };
    let image: VideoFrame | ImageBitmap | null = null;
    try {
      image = frame?.() ?? null;
    } catch {
      image = null;
    }
    if (sameSize && !image) return; // the size-only warm-up was already sent
    if (image) {
      try {
        this.worker.postMessage({ kind: 'prepare', width, height, image } satisfies PrepareMessage, [image]);
        return;
      } catch {
        closeImage(image); // an engine that cannot transfer it: the size-only warm-up still helps
      }
    }
    this.worker.postMessage({ kind: 'prepare', width, height } satisfies PrepareMessage);
  }

  /**
   * Encodes in the worker (call only after `warm()` resolved true). A VideoFrame that cannot be
   * transferred is converted to an ImageBitmap first.
   */
  async encodeInWorker(req: WorkerRequest): Promise<EncodeResult & { renderer: 'webgl2' | '2d' }> {
    const worker = this.worker;
    if (!worker) {
      closeImage(req.image);
      throw new CaptureError('encode-failed', 'The encode worker is not available.');
    }
    const id = this.nextId++;
    try {
      worker.postMessage({ id, ...req } satisfies EncodeJob, [req.image]);
    } catch {
      // e.g. an engine that cannot transfer VideoFrames: send an ImageBitmap of it instead.
      let bitmap: ImageBitmap;
      try {
        bitmap = await createImageBitmap(req.image);
      } catch (err) {
        throw new CaptureError('encode-failed', 'The photo could not be sent to the encode worker.', { cause: err });
      } finally {
        closeImage(req.image);
      }
      try {
        if (this.worker !== worker) throw new Error('the worker was given up meanwhile');
        worker.postMessage({ id, ...req, image: bitmap } satisfies EncodeJob, [bitmap]);
      } catch (err) {
        bitmap.close();
        throw new CaptureError('encode-failed', 'The photo could not be sent to the encode worker.', { cause: err });
      }
    }
    // Registered only once the job is with the worker (its answer comes in a later task): a job
    // that never got there leaves no entry, and no timer to give up a healthy worker.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reply = new Promise<Extract<EncodeReply, { kind: 'done' }>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A worker that never answers (a hung GPU or encoder) must not hang the capture.
      timer = setTimeout(
        () => this.failWorker(`The encode worker did not answer within ${this.jobTimeout} ms.`),
        this.jobTimeout,
      );
    }).finally(() => clearTimeout(timer));
    const { file, fellBack, renderer } = await reply;
    return { file, fellBack, renderer };
  }

  /** Draws, applies the effect (per pixel) and encodes on the main thread. */
  async encodeOnMain(req: MainRequest): Promise<EncodeResult> {
    const { width, height } = req;
    // A canvas per photo: photos encoded at the same time must not share one (a photo that ends
    // first would shrink the canvas that another one still encodes, or re-encodes as JPEG).
    const canvas: HTMLCanvasElement | OffscreenCanvas =
      typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(width, height);
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: true }) as
      | CanvasRenderingContext2D
      | OffscreenCanvasRenderingContext2D
      | null;
    if (!ctx) throw new CaptureError('unsupported', 'No 2D canvas context is available to encode the photo.');
    try {
      renderExact(ctx, req.image, width, height, req.settings, req.mirror);
    } finally {
      closeImage(req.image);
    }
    const result = await encodeCanvas(canvas, req.type, req.quality, req.name);
    // Release the backing store of a large photo.
    canvas.width = canvas.height = 1;
    if (!result) throw new CaptureError('encode-failed');
    return result;
  }

  /** Terminates the worker: pending encodes reject, and a `warm()` still waiting for its hello resolves false. */
  dispose(): void {
    this.failWorker();
  }
}
