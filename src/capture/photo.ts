/**
 * A photo of a `CapturePipeline` (`capturePhoto()`): grab the frame, apply the effect and
 * encode it, in the encode worker where it can (its own WebGL2 or the exact 2D path), else on the
 * main thread (the live WebGL2 renderer, or the 2D path), and say how it was made.
 */
import type { Canvas2DRenderer } from './canvas2d-renderer.js';
import type { EncodePath, PhotoEncoder } from './encoder.js';
import { EFFECT_NAMES, isIdentity, resolveSettings, type Adjustments, type EffectSettings } from './effects.js';
import { CaptureError, throwIfDisposed } from './errors.js';
import type { CaptureInfo, CapturePhotoOptions, RendererKind } from './pipeline-options.js';
import { snapshot, type AttachedSource, type Grabbed } from './source.js';
import { webgl2Support, type WebGL2Renderer } from './webgl2-renderer.js';

/** What a photo needs of its pipeline, read when needed (the pipeline's state moves on while a photo waits). */
export interface PhotoHost {
  readonly canvas: HTMLCanvasElement;
  readonly encoder: PhotoEncoder;
  readonly source: AttachedSource;
  /** The live settings (effect, adjustments, pixel size). */
  settings(): EffectSettings;
  /** The main thread's live renderer, if any. */
  renderer(): WebGL2Renderer | Canvas2DRenderer | null;
  /** Whether the live preview runs. */
  running(): boolean;
  disposed(): boolean;
  /** Draws the current frame on the live canvas; `force`: even while a photo holds the preview. */
  drawLive(force: boolean): void;
  /** Runs an encode with the live preview held still (`holdPreview`). */
  holdingPreview<T>(encode: () => Promise<T>): Promise<T>;
}

const adjustmentsOf = ({ brightness, contrast, saturation }: EffectSettings): Required<Adjustments> => ({ brightness, contrast, saturation });

/**
 * Takes a photo (see `CapturePipeline.capturePhoto`) and says how it was made.
 * @throws CaptureError `no-source`, `not-live` (track ended/stopped), `no-frame`, `disposed`,
 *   `invalid-option`, `encode-failed`.
 */
export async function takePhoto(host: PhotoHost, opts: CapturePhotoOptions): Promise<{ file: File; info: CaptureInfo }> {
  const t0 = performance.now();
  throwIfDisposed(host.disposed());
  const current = host.settings();
  const requestedType = String(opts.format ?? 'image/jpeg').toLowerCase();
  const quality = opts.quality ?? 0.92;
  if (typeof quality !== 'number' || !(quality >= 0 && quality <= 1)) {
    throw new CaptureError('invalid-option', `quality must be within 0..1, got ${quality}.`);
  }
  const settings =
    opts.effect !== undefined || opts.adjustments !== undefined
      ? resolveSettings(opts.effect ?? current.effect, opts.adjustments ?? adjustmentsOf(current), current.pixelSize)
      : current;
  if (opts.effect !== undefined && !EFFECT_NAMES.includes(opts.effect)) {
    throw new CaptureError('invalid-option', `Unknown effect "${opts.effect}".`);
  }
  const mirror = !!opts.mirrorPhoto;
  const pref = opts.renderer ?? 'auto';
  const effectSettings = isIdentity(settings) ? null : settings;
  let grabbed = await host.source.grab(opts.source ?? 'video');
  throwIfDisposed(host.disposed(), grabbed.release);
  const { width, height } = grabbed;
  const job = { width, height, mirror, settings: effectSettings, type: requestedType, quality, name: opts.name };

  let result: { file: File; fellBack: boolean } | null = null;
  let renderedBy: RendererKind = '2d';
  let encodedBy: EncodePath = 'main';
  const workerReady = (opts.worker ?? true) && (await host.encoder.warm());
  // dispose() makes a pending warm() answer false at once: not a reason to encode on the main thread.
  throwIfDisposed(host.disposed(), grabbed.release);
  if (workerReady) {
    // Main thread: only wrap the current frame (no copy) and transfer it.
    let image: VideoFrame | ImageBitmap;
    try {
      image = grabbed.image instanceof HTMLVideoElement ? await snapshot(grabbed.image) : (grabbed.image as VideoFrame | ImageBitmap);
    } catch (err) {
      throw new CaptureError('no-frame', undefined, { cause: err });
    }
    throwIfDisposed(host.disposed(), () => image.close());
    try {
      // `auto` without a hardware GPU is the 2D path: say so, so that the worker does not make a
      // WebGL2 context (a GPU-context hand-off through the main thread) only to find that out.
      const renderer = pref === 'auto' && webgl2Support() !== 'hardware' ? '2d' : pref;
      const r = await host.holdingPreview(() => host.encoder.encodeInWorker({ ...job, image, renderer }));
      throwIfDisposed(host.disposed());
      result = r;
      renderedBy = effectSettings ? r.renderer : '2d';
      encodedBy = 'worker';
    } catch (err) {
      throwIfDisposed(host.disposed());
      // The worker crashed or hung (it is given up): encode this photo on the main thread,
      // from a fresh frame, since the first one was transferred to the worker.
      if (!(err instanceof CaptureError) || err.code !== 'encode-failed' || !host.encoder.workerFailed) throw err;
      console.warn(`[capture] ${err.message} Photos are encoded on the main thread from now on.`);
      grabbed = await host.source.grab(opts.source ?? 'video');
      throwIfDisposed(host.disposed(), grabbed.release);
    }
  }
  if (!result) {
    let image: CanvasImageSource = grabbed.image as CanvasImageSource;
    let mainSettings = effectSettings;
    let mainMirror = mirror;
    const gl = host.renderer()?.kind === 'webgl2' ? (host.renderer() as WebGL2Renderer) : null;
    const useGL = effectSettings && gl && !gl.lost && pref !== '2d' && (pref === 'webgl2' || !gl.software);
    if (useGL) {
      const snap = renderOnLiveCanvas(host, gl, grabbed, settings, mirror);
      if (snap) {
        image = await snap;
        throwIfDisposed(host.disposed(), () => (image as ImageBitmap).close());
        renderedBy = 'webgl2';
        mainSettings = null;
        mainMirror = false;
      }
    }
    result = await host.encoder.encodeOnMain({ ...job, image, settings: mainSettings, mirror: mainMirror });
    throwIfDisposed(host.disposed());
    encodedBy = 'main';
  }
  const { file } = result;
  const type = file.type;
  if (result.fellBack) {
    console.warn(`[capture] ${requestedType} cannot be encoded by this browser; the photo was encoded as ${type}.`);
  }
  const info: CaptureInfo = {
    renderer: renderedBy,
    encoder: encodedBy,
    source: grabbed.source,
    width,
    height,
    requestedType,
    type,
    ms: performance.now() - t0,
  };
  return { file, info };
}

/**
 * Renders a photo with the live WebGL2 renderer, which draws on the live canvas, and starts the
 * snapshot of it; then, in the same task (nothing else is composited), puts back what the canvas
 * showed: the current frame where the preview runs, else a copy of the picture it had. Releases
 * `grabbed`. Returns null (nothing drawn, `grabbed` kept) when the context cannot render.
 * @throws CaptureError `encode-failed` when rendering throws.
 */
function renderOnLiveCanvas(
  host: PhotoHost,
  gl: WebGL2Renderer,
  grabbed: Grabbed,
  settings: EffectSettings,
  mirror: boolean,
): Promise<ImageBitmap> | null {
  const canvas = host.canvas;
  const running = host.running();
  let saved: HTMLCanvasElement | null = null;
  let snap: Promise<ImageBitmap>;
  try {
    if (!running && canvas.width > 0 && canvas.height > 0) {
      saved = document.createElement('canvas');
      saved.width = canvas.width;
      saved.height = canvas.height;
      saved.getContext('2d')?.drawImage(canvas, 0, 0);
    }
    if (!gl.render(grabbed.image, grabbed.width, grabbed.height, settings, mirror)) return null;
    snap = createImageBitmap(canvas);
  } catch (err) {
    grabbed.release();
    throw new CaptureError('encode-failed', `The photo could not be rendered with WebGL2: ${String((err as Error)?.message ?? err)}`, {
      cause: err,
    });
  } finally {
    // Whatever happened, the page's canvas must not keep the photo (unmirrored, photo-sized).
    try {
      if (running) host.drawLive(true);
      else if (saved) gl.render(saved, saved.width, saved.height, resolveSettings('none', undefined), false);
    } catch {
      /* the next live frame draws over it */
    }
  }
  grabbed.release();
  return snap;
}
