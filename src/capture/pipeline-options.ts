/**
 * The options and results of `CapturePipeline` (`pipeline.ts`): which renderer, the
 * pipeline's options, a photo's options, and how the last photo was made.
 */
import type { EncodePath } from './encoder.js';
import type { Adjustments, EffectName } from './effects.js';
import type { PhotoFormat } from './raster.js';

/**
 * Which renderer to use. `auto` picks WebGL2 on a hardware GPU, and the 2D canvas where WebGL2 is
 * missing or runs on a software rasteriser (SwiftShader, llvmpipe): there the 2D preview keeps up
 * with the camera and leaves the main thread far more time (see the README's benchmark).
 */
export type RendererPreference = 'auto' | 'webgl2' | '2d';
/** The renderer actually in use. */
export type RendererKind = 'webgl2' | '2d';

/** Options of `CapturePipeline`. */
export interface CapturePipelineOptions {
  /**
   * Output canvas for the live preview (and `captureStream`). Created when omitted; `dispose()`
   * then releases it (see `dispose`). A canvas given here stays the page's unless
   * `dispose({ releaseCanvas: true })` is called.
   */
  canvas?: HTMLCanvasElement;
  /** Renderer choice. `webgl2` throws `CaptureError('unsupported')` where WebGL2 is missing. Default `auto`. */
  renderer?: RendererPreference;
  /** Initial effect. Default `none`. */
  effect?: EffectName;
  /** Initial adjustments (each 0..2, neutral 1). */
  adjustments?: Adjustments;
  /** Pixelate block size in pixels; 0 (default) = about 1/80 of the longer side. */
  pixelSize?: number;
  /** Mirror the live preview (selfie view). Photos are not mirrored unless `mirrorPhoto`. */
  mirror?: boolean;
  /**
   * The encode worker module: omitted = `encode.worker.js` in the page-wide asset folder when one is set (`setAssetBase()`, the `<meta>` tag), else the bundled one; `null` = never use a
   * worker (encode on the main thread). A URL of another origin is started through a same-origin `blob:` module (CORS; CSP `worker-src blob:`).
   */
  workerUrl?: URL | string | null;
  /**
   * Milliseconds a photo may spend in the encode worker (default 15000). Past it, or if the
   * worker crashes, the worker is given up with a warning and the photo (and every later one)
   * is encoded on the main thread, so a hung worker never hangs `capturePhoto()`.
   */
  workerTimeout?: number;
  /**
   * Milliseconds `capturePhoto()` waits for the source's first frame when it has none yet (a
   * camera that just went live); default 5000. Past it, it rejects with `no-frame`.
   */
  frameTimeout?: number;
  /** Drive the preview with requestAnimationFrame even where requestVideoFrameCallback exists. */
  forceAnimationFrame?: boolean;
  /** Use `MediaStreamTrackProcessor` frames when a track is attached and it exists. Default true. */
  useTrackProcessor?: boolean;
  /**
   * Draw the 2D live preview in a worker, where that works and reading the canvas back is
   * reliable (Chromium; Firefox ESR and WebKitGTK draw on the main thread, see the README): the
   * main thread then only hands each camera frame over, and stays free (see the README's benchmark).
   * The canvas's control moves to the worker for good: it has no context on the page any more,
   * the worker sets its size, and the page can still show it, draw it, `createImageBitmap()` it,
   * call its `toBlob()` and `captureStream()`. Default: on for a canvas the pipeline makes, off
   * for one given in `canvas` (pass `true` to allow it). Never with WebGL2 or `workerUrl: null`.
   * The worker starts with the first `start()`; where it cannot be used (`liveWorkerWorks()`),
   * the preview is drawn on the main thread as before. If the worker fails once it has the canvas
   * (an error, or no answer to a frame within 3 s), the preview stops for good with a warning and
   * `liveThread` becomes `failed`: nothing can draw on that canvas any more (photos still work).
   */
  liveWorker?: boolean;
  /**
   * The live preview worker module (see `liveWorker`): omitted = `live.worker.js` in the page-wide asset folder when one is set, else the bundled one. A
   * URL of another origin is started through a `blob:` module (CORS). For tests (a worker that fails on purpose) and custom deployments.
   */
  liveWorkerUrl?: URL | string;
  /**
   * Called once when the live worker fails after it took the canvas (`liveThread` becomes
   * `failed`): the owner of the canvas can put a new pipeline on a new canvas, with
   * `liveWorker: false`. `<photo-booth>` does.
   */
  onLiveFailed?: () => void;
  /**
   * Hold the live preview (and `captureStream()`) on its last frame while a photo is encoded in
   * the worker, so that the photo does not share the machine's cores with the preview's drawing,
   * and a preview drawn on the main thread puts no frame's work in the middle of a photo. A frame
   * is still drawn at least every half second (a slow encode, or photos one after another). At
   * 1080p the hold lasts about one camera frame, and on a 2-core machine photos taken during the
   * preview are 10–20 % faster (see the README's benchmark). Default true; false draws every
   * camera frame during a photo too.
   */
  holdPreview?: boolean;
}

/** Options of `CapturePipeline.capturePhoto`. */
export interface CapturePhotoOptions {
  /** Output type; default `image/jpeg`. Unsupported types fall back to JPEG with a warning. */
  format?: PhotoFormat | (string & {});
  /** Encoder quality 0..1 for JPEG/WebP; default 0.92. */
  quality?: number;
  /** Mirror the photo. Default false, even when the preview is mirrored. */
  mirrorPhoto?: boolean;
  /**
   * `video` (default): the current video frame. `photo`: `ImageCapture.takePhoto()` where it
   * exists (falls back to `video` with a warning otherwise); the decoded image is brought to the
   * track's size without distortion (its centre, at the track's aspect ratio, as the track's own
   * frames show it, scaled), and the effect is applied to it.
   */
  source?: 'video' | 'photo';
  /** Effect for this photo; default the pipeline's current effect. */
  effect?: EffectName;
  /** Adjustments for this photo; default the pipeline's current adjustments. */
  adjustments?: Adjustments;
  /**
   * How to apply the effect: `auto` (default) uses WebGL2 only on a hardware GPU (`gpu`), else the
   * exact 2D path; `webgl2` uses WebGL2 wherever it is available and not lost; `2d` always uses
   * the 2D path. In the encode worker, WebGL2 is the worker's own context, whichever renderer the
   * live preview uses; on the main thread (`worker: false`, or no usable worker), it is the live
   * renderer's, so there a photo uses WebGL2 only when the live preview does.
   */
  renderer?: RendererPreference;
  /** Encode in the worker when possible (default true); false forces the main thread. */
  worker?: boolean;
  /** File name; default `photo-<Date.now()>.<ext>`. */
  name?: string;
}

/** How the last photo was produced (diagnostics and tests). */
export interface CaptureInfo {
  /** Where the effect was applied. */
  renderer: RendererKind;
  /** Where the image was encoded. */
  encoder: EncodePath;
  /** Where the pixels came from. */
  source: 'video' | 'frame' | 'photo';
  width: number;
  height: number;
  /** The type asked for and the type produced. */
  requestedType: string;
  type: string;
  /** Milliseconds from the call to the File. */
  ms: number;
}
