/**
 * The main thread's side of the live preview drawn in a worker (see `live.worker.ts` and
 * `CapturePipeline`'s `liveWorker` option).
 */
import { assetUrl, warnAssetFailed } from '../assets.js';
import { bundledUrl, crossOriginBundled, startModuleWorker } from '../asset-loading.js';
import { resolveSettings, type EffectSettings } from './effects.js';
import type { LiveMessage, LiveReply } from './live.worker.js';

/** How long the worker may take to say hello before the preview is drawn on the main thread. */
const HELLO_TIMEOUT_MS = 5000;
/**
 * How long a released canvas waits for the worker to free it before the worker is ended anyway.
 * The worker is ended as soon as the page's canvas shows the freed 1x1 frame (milliseconds,
 * normally); ended before, the canvas keeps the last frame for good. On a loaded machine that
 * frame reaches the page late: with 1000 ms, a main thread blocked for 1.2 s after `dispose()` lost
 * the shrink in 4 of 24 tries (Chromium 156); with 5000 ms, in none of 12 such tries, nor of 12
 * with the main thread blocked for 2.5 s.
 */
const RELEASE_TIMEOUT_MS = 5000;
/**
 * How long the worker may take to answer a frame before it is given up (`onFail`): a 4K frame with
 * an effect takes a small fraction of it, even on a loaded two-core machine.
 */
export const LIVE_DRAW_TIMEOUT_MS = 3000;

/**
 * Whether this page could draw the live preview in a worker (the worker itself says the rest).
 *
 * Reading a canvas drawn from a worker must be reliable, and no feature test can show that: in
 * Firefox ESR here `toBlob()` of such a canvas sometimes gave an all-black picture, and once the
 * page hung while reading it; WebKitGTK's `toBlob()` gives null from some size on.
 * So the worker is only used where `MediaStreamTrackProcessor` is exposed to the window, which
 * stands for the engine (Chromium) where those reads held in every test here.
 */
export function liveWorkerPossible(canvas: HTMLCanvasElement): boolean {
  return (
    typeof Worker === 'function' &&
    typeof VideoFrame === 'function' &&
    typeof canvas.transferControlToOffscreen === 'function' &&
    typeof (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor === 'function'
  );
}

/** The probe's answer per worker URL ('' for the default one). */
const works = new Map<string, Promise<boolean>>();

/**
 * Whether drawing the live preview in a worker really works in this browser, tested once per page
 * (and worker URL) with the live worker itself: a red frame drawn at 1280x720 on a transferred
 * canvas must reach the page, where `drawImage`, `createImageBitmap` and `toBlob` of that canvas
 * must give it back. (WebKitGTK's `toBlob` of such a canvas gives null from some size on: 64x64
 * works, 640x480 not; see also {@link liveWorkerPossible}.)
 * @param url - the live worker module; omitted = `live.worker.js` in the page-wide asset folder
 *   (`setAssetBase()`), else the bundled one.
 */
export function liveWorkerWorks(url?: URL | string): Promise<boolean> {
  const key = String(url ?? assetUrl('live.worker.js') ?? '');
  let answer = works.get(key);
  if (!answer) works.set(key, (answer = probe(url).catch(() => false)));
  return answer;
}

/** The bundled worker's path from this module, as the build writes it (see `bundledUrl`): named by the warning. */
const BUILT_WORKER = 'mce-built:live.worker.js';

/** What the page loses when the live worker cannot be loaded (see `warnAssetFailed`). */
const FALLBACK = 'the live preview is drawn on the main thread';

/** A module worker that draws live frames on a transferred canvas. */
export class LiveWorker {
  /** Resolves true once the worker said it can draw, false when it cannot be used. */
  readonly ready: Promise<boolean>;
  private worker: Worker | null;
  private inFlight = false;
  private failed = false;
  private onReleased: (() => void) | null = null;
  private canvas: HTMLCanvasElement | null = null;
  /** Gives the worker up when a frame in flight gets no answer (see `LIVE_DRAW_TIMEOUT_MS`). */
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param onDrawn - called for each frame the worker answered, with whether it was drawn.
   * @param onFail - called once if the worker fails after it said hello: an error, a message it
   *   cannot take or send, or no answer to a frame within `LIVE_DRAW_TIMEOUT_MS`.
   * @param url - the worker module; omitted = `live.worker.js` in the page-wide asset folder
   *   (`setAssetBase()`) if one is set, else the bundled `live.worker.ts`. A module that does
   *   not load warns once per page and URL (see `warnAssetFailed`).
   */
  constructor(
    private readonly onDrawn: (ok: boolean) => void,
    private readonly onFail: (message: string) => void,
    url?: URL | string,
  ) {
    let worker: Worker | null = null;
    // The bundled worker where it is on another origin (the CDN file): started through a blob: module.
    const src = url ?? assetUrl('live.worker.js') ?? crossOriginBundled(BUILT_WORKER, import.meta.url);
    const warnLoad = (): void => {
      warnAssetFailed('live.worker.js', src ?? bundledUrl(BUILT_WORKER, './live.worker.ts', import.meta.url), FALLBACK);
    };
    try {
      // Bundlers (Vite, webpack 5) recognise only this literal form as a worker entry to build;
      // inside `url ?? new URL(...)` the module would be copied as a raw .ts asset.
      worker = src
        ? startModuleWorker(src)
        : new Worker(new URL('./live.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      worker = null;
      warnLoad();
    }
    this.worker = worker;
    if (!worker) {
      this.ready = Promise.resolve(false);
      return;
    }
    this.ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        warnLoad();
        fail();
      }, HELLO_TIMEOUT_MS);
      const fail = (e?: Event): void => {
        e?.preventDefault(); // handled: the preview is drawn on the main thread
        clearTimeout(timer);
        this.end();
        resolve(false);
      };
      // An error before the hello: the module did not load (not found, blocked) or threw as it started.
      const failLoad = (e: Event): void => {
        warnLoad();
        fail(e);
      };
      worker.addEventListener('error', failLoad);
      worker.addEventListener('messageerror', fail);
      worker.addEventListener('message', (e: MessageEvent<LiveReply>) => {
        const msg = e.data;
        if (msg.kind === 'hello') {
          clearTimeout(timer);
          worker.removeEventListener('error', failLoad);
          worker.removeEventListener('messageerror', fail);
          worker.addEventListener('error', (ev) => {
            ev.preventDefault();
            this.fail(`The live preview worker failed: ${(ev as ErrorEvent).message || 'error'}.`);
          });
          worker.addEventListener('messageerror', () => this.fail('A message of the live preview worker could not be read.'));
          if (msg.ok) resolve(true);
          else fail();
        } else if (msg.kind === 'drawn') {
          clearTimeout(this.watchdog);
          this.inFlight = false;
          this.onDrawn(msg.ok);
        } else if (msg.kind === 'released') {
          this.onReleased?.();
        }
      });
    });
  }

  /** Moves the canvas to the worker for good. Returns false when the canvas cannot be transferred. */
  takeCanvas(canvas: HTMLCanvasElement): boolean {
    if (!this.worker) return false;
    let offscreen: OffscreenCanvas;
    try {
      offscreen = canvas.transferControlToOffscreen();
    } catch {
      return false;
    }
    this.canvas = canvas;
    this.post({ kind: 'canvas', canvas: offscreen }, [offscreen]);
    return true;
  }

  /**
   * Sends one frame to draw, unless the worker is still drawing the previous one (the frame is
   * then dropped: the preview never falls behind the camera). `make` is only called when the
   * frame is sent. Returns whether it was sent.
   */
  draw(make: () => VideoFrame | null, width: number, height: number, settings: EffectSettings, mirror: boolean): boolean {
    if (!this.worker || this.inFlight) return false;
    let frame: VideoFrame | null = null;
    try {
      frame = make();
    } catch {
      frame = null;
    }
    if (!frame) return false;
    this.inFlight = true;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => this.fail(`The live preview worker did not answer a frame within ${LIVE_DRAW_TIMEOUT_MS} ms.`),
      LIVE_DRAW_TIMEOUT_MS,
    );
    this.post({ kind: 'frame', frame, width, height, settings, mirror }, [frame as unknown as Transferable]);
    return !!this.worker;
  }

  /**
   * Ends the worker; with `releaseCanvas`, first lets it free the canvas's backing store (the
   * canvas becomes 1x1: see `live.worker.ts`), waiting at most `RELEASE_TIMEOUT_MS`.
   */
  dispose(releaseCanvas: boolean): void {
    const worker = this.worker;
    if (!worker) return;
    if (!releaseCanvas || this.failed) {
      this.end();
      return;
    }
    const timer = setTimeout(() => this.end(), RELEASE_TIMEOUT_MS);
    // The shrunk frame reaches the page's canvas after the worker's answer, and only if the
    // worker still runs: end it once the canvas shows it.
    const canvas = this.canvas;
    const check = (): void => {
      if (this.worker !== worker) return; // ended already (the timeout)
      if (!canvas || (canvas.width <= 1 && canvas.height <= 1)) {
        clearTimeout(timer);
        this.end();
      } else setTimeout(check, 16);
    };
    this.onReleased = check;
    this.post({ kind: 'release' });
  }

  private post(msg: LiveMessage, transfer: Transferable[] = []): void {
    try {
      this.worker?.postMessage(msg, transfer);
    } catch (err) {
      if (msg.kind === 'frame') msg.frame.close();
      this.fail(`The live preview worker could not take a message: ${String((err as Error)?.message ?? err)}.`);
    }
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.end();
    this.onFail(message);
  }

  private end(): void {
    clearTimeout(this.watchdog);
    this.worker?.terminate();
    this.worker = null;
    this.inFlight = false;
  }
}

/** The test behind {@link liveWorkerWorks}, with a {@link LiveWorker} like the pipeline's. */
async function probe(url?: URL | string): Promise<boolean> {
  const canvas = document.createElement('canvas');
  if (!liveWorkerPossible(canvas)) return false;
  let answer: (ok: boolean) => void = () => {};
  const drawn = new Promise<boolean>((resolve) => (answer = resolve));
  const live = new LiveWorker(
    (ok) => answer(ok),
    () => answer(false),
    url,
  );
  try {
    if (!(await live.ready) || !live.takeCanvas(canvas)) return false;
    const red = Object.assign(document.createElement('canvas'), { width: 2, height: 2 });
    const rctx = red.getContext('2d')!;
    rctx.fillStyle = '#ff0000';
    rctx.fillRect(0, 0, 2, 2);
    const [width, height] = [1280, 720];
    if (!live.draw(() => new VideoFrame(red, { timestamp: 0 }), width, height, resolveSettings('none', undefined), false)) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HELLO_TIMEOUT_MS)));
    const answered = await Promise.race([drawn, timeout]);
    clearTimeout(timer);
    if (!answered) return false;
    // The frame reaches the page's canvas a little after the worker's answer, and much later on a
    // loaded machine: wait for it as long as for the hello (the answer is kept for the page).
    const sized = (): boolean => canvas.width === width && canvas.height === height;
    const end = performance.now() + HELLO_TIMEOUT_MS;
    while (!sized() && performance.now() < end) await new Promise((r) => setTimeout(r, 16));
    if (!sized()) return false;
    const isRed = (ctx: CanvasRenderingContext2D): boolean => {
      const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
      return r! > 200 && g! < 60 && b! < 60;
    };
    const read = Object.assign(document.createElement('canvas'), { width: 2, height: 2 });
    const ctx = read.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(canvas, 0, 0);
    if (!isRed(ctx)) return false;
    const bitmap = await createImageBitmap(canvas);
    ctx.clearRect(0, 0, 2, 2);
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    if (!isRed(ctx)) return false;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve));
    return !!blob && blob.size > 0;
  } finally {
    live.dispose(false);
  }
}
