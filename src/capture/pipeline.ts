/**
 * The capture pipeline: live effect preview (WebGL2 or 2D), `captureStream()`, and photos encoded
 * off the main thread.
 */
import { Canvas2DRenderer } from './canvas2d-renderer.js';
import { PhotoEncoder, type EncodePath } from './encoder.js';
import {
  EFFECT_NAMES,
  isIdentity,
  resolveSettings,
  type Adjustments,
  type EffectName,
  type EffectSettings,
} from './effects.js';
import { CaptureError } from './errors.js';
import { LiveWorker, liveWorkerPossible, liveWorkerWorks } from './live.js';
import { coverBitmap, type PhotoFormat } from './raster.js';
import { FrameScheduler } from './scheduler.js';
import { WebGL2Renderer, webgl2Support, type FrameSource, type WebGL2Support } from './webgl2-renderer.js';

/**
 * Which renderer to use. `auto` picks WebGL2 on a hardware GPU, and the 2D canvas where WebGL2 is
 * missing or runs on a software rasteriser (SwiftShader, llvmpipe): there the 2D preview keeps up
 * with the camera and leaves the main thread far more time (see the README's benchmark).
 */
export type RendererPreference = 'auto' | 'webgl2' | '2d';
/** The renderer actually in use. */
export type RendererKind = 'webgl2' | '2d';

/** Options of {@link CapturePipeline}. */
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
   * The encode worker module: omitted = the bundled `encode.worker.ts`; `null` = never use a
   * worker (encode on the main thread). A URL must be same-origin (CSP `worker-src 'self'`).
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
   * The live preview worker module (see `liveWorker`): omitted = the bundled `live.worker.ts`. A
   * URL must be same-origin. For tests (a worker that fails on purpose) and custom deployments.
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

/**
 * The longest the live preview holds still for photos (`holdPreview`): even if an encode takes
 * longer, or photos follow one another without a pause, a frame is drawn at least this often.
 */
const PREVIEW_HOLD_MAX_MS = 500;

/** Options of {@link CapturePipeline.capturePhoto}. */
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

interface TrackProcessorCtor {
  new (init: { track: MediaStreamTrack; maxBufferSize?: number }): { readable: ReadableStream<VideoFrame> };
}
interface ImageCaptureCtor {
  new (track: MediaStreamTrack): { takePhoto(settings?: Record<string, unknown>): Promise<Blob> };
}

interface Grabbed {
  image: FrameSource;
  width: number;
  height: number;
  source: CaptureInfo['source'];
  /** Closes what grabbing created (a clone or a decoded bitmap). */
  release(): void;
}

/** Wraps the video's current frame without copying it (VideoFrame), else copies it (ImageBitmap). */
async function snapshot(video: HTMLVideoElement): Promise<VideoFrame | ImageBitmap> {
  if (typeof VideoFrame === 'function') {
    try {
      return new VideoFrame(video);
    } catch {
      /* fall through */
    }
  }
  return createImageBitmap(video);
}

/** Whether a video element has a decoded frame to draw. */
const hasFrame = (video: HTMLVideoElement): boolean => video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;

/**
 * GPU-backed capture pipeline, framework-free.
 *
 * ```ts
 * const pipeline = new CapturePipeline({ effect: 'sepia', mirror: true });
 * pipeline.attach(videoElement);          // or a MediaStreamTrack
 * document.body.append(pipeline.canvas);
 * pipeline.start();                       // live effect preview at the track's native size
 * const file = await pipeline.capturePhoto({ format: 'image/png' });
 * const stream = pipeline.captureStream(30); // effects into a recording / RTCPeerConnection
 * ```
 *
 * The kit never sends a photo anywhere.
 */
export class CapturePipeline {
  /** The live output canvas. */
  readonly canvas: HTMLCanvasElement;
  /** The renderer in use for the live preview. */
  readonly rendererKind: RendererKind;
  /** Diagnostics of the last successful `capturePhoto()`. */
  lastCapture: CaptureInfo | null = null;

  /** The main thread's renderer; null while the live worker starts, and when it draws. */
  private renderer: WebGL2Renderer | Canvas2DRenderer | null = null;
  private live: LiveWorker | null = null;
  private liveMode: 'main' | 'pending' | 'worker' | 'failed' = 'main';
  private liveStarted = false;
  private readonly encoder: PhotoEncoder;
  private readonly options: CapturePipelineOptions;
  private settings: EffectSettings;
  private mirrorFlag: boolean;
  private video: HTMLVideoElement | null = null;
  private ownVideo = false;
  private track: MediaStreamTrack | null = null;
  private scheduler: FrameScheduler | null = null;
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private latestFrame: VideoFrame | null = null;
  private runningFlag = false;
  private disposed = false;
  private framesRendered = 0;
  /** Photos in the encode worker that hold the live preview still (`holdPreview`). */
  private holds = 0;
  /** When the live preview last drew a frame or sent one to its worker (`performance.now()`). */
  private lastDrawn = 0;

  /** @throws CaptureError `unsupported` when `renderer: 'webgl2'` is forced but unavailable. */
  constructor(options: CapturePipelineOptions = {}) {
    this.options = options;
    this.canvas = options.canvas ?? document.createElement('canvas');
    this.settings = resolveSettings(options.effect, options.adjustments, options.pixelSize);
    this.mirrorFlag = !!options.mirror;
    const pref = options.renderer ?? 'auto';
    let renderer: WebGL2Renderer | Canvas2DRenderer | null = null;
    if (pref === 'webgl2' || (pref === 'auto' && webgl2Support() === 'hardware')) {
      // preserveDrawingBuffer: a page that draws the live canvas, or calls its toBlob(), in a
      // later task must get the picture; without it every engine gives a blank one once the
      // canvas has been composited.
      renderer = WebGL2Renderer.create(this.canvas, true);
      if (!renderer && pref === 'webgl2') throw new CaptureError('unsupported', 'WebGL2 is not available.');
    }
    this.encoder = new PhotoEncoder(options.workerUrl, options.workerTimeout);
    const liveWorker = options.liveWorker ?? !options.canvas;
    if (!renderer && liveWorker && options.workerUrl !== null && liveWorkerPossible(this.canvas)) {
      // The 2D preview in a worker. It starts with the preview (`start()`), so a pipeline used
      // only for photos has none; until it can draw, nothing is drawn (no context is taken, so
      // that the canvas can still be transferred).
      this.rendererKind = '2d';
      this.liveMode = 'pending';
    } else {
      renderer ??= Canvas2DRenderer.create(this.canvas);
      if (!renderer) throw new CaptureError('unsupported', 'Neither WebGL2 nor a 2D canvas context is available.');
      this.renderer = renderer;
      this.rendererKind = renderer.kind;
    }
    // Start the encode worker now (module load, canvas and encoder set-up) so that the first
    // photo does not pay for it.
    void this.encoder.warm();
  }

  /**
   * The page's WebGL2, whichever renderer the preview uses: on a `hardware` GPU, on a `software`
   * rasteriser, or `none`.
   */
  get gpu(): WebGL2Support {
    return this.renderer?.kind === 'webgl2' ? (this.renderer.software ? 'software' : 'hardware') : webgl2Support();
  }

  /** True while the WebGL2 context is lost (captures then use the 2D path). */
  get contextLost(): boolean {
    return this.renderer?.lost ?? false;
  }

  /**
   * Where the live preview is drawn: `worker` (see the `liveWorker` option), `main`, or
   * `pending` until the preview first starts and the live worker is ready (nothing is drawn then);
   * `failed` once the live worker failed with the canvas (nothing draws on it any more: make a new
   * pipeline, with a new canvas, to show a preview again).
   */
  get liveThread(): 'main' | 'pending' | 'worker' | 'failed' {
    return this.liveMode;
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.runningFlag;
  }

  /** Number of live frames drawn between `start()` and `stop()` since construction (for frame-rate measurements). */
  get frameCount(): number {
    return this.framesRendered;
  }

  /** The current effect. */
  get effect(): EffectName {
    return this.settings.effect;
  }

  /** The current adjustments (resolved, each 0..2). */
  get adjustments(): Required<Adjustments> {
    const { brightness, contrast, saturation } = this.settings;
    return { brightness, contrast, saturation };
  }

  /** Whether the live preview is mirrored. */
  get mirror(): boolean {
    return this.mirrorFlag;
  }
  set mirror(value: boolean) {
    this.mirrorFlag = !!value;
    this.redraw();
  }

  /** Sets the effect (and optionally the adjustments) of the live preview and later photos. */
  setEffect(effect: EffectName, adjustments?: Adjustments): void {
    if (!EFFECT_NAMES.includes(effect)) throw new CaptureError('invalid-option', `Unknown effect "${effect}".`);
    this.settings = resolveSettings(effect, adjustments ?? this.adjustments, this.settings.pixelSize);
    this.redraw();
  }

  /** Updates some adjustments (each clamped to 0..2, neutral 1). */
  setAdjustments(adjustments: Adjustments): void {
    this.settings = resolveSettings(this.settings.effect, { ...this.adjustments, ...adjustments }, this.settings.pixelSize);
    this.redraw();
  }

  /**
   * Attaches a source: a playing `<video>` whose `srcObject` is a camera stream, or a video
   * `MediaStreamTrack` (read as `VideoFrame`s with `MediaStreamTrackProcessor` where it exists,
   * else through an internal muted `<video>`). Replaces any previous source; keeps the running state.
   */
  attach(source: HTMLVideoElement | MediaStreamTrack): void {
    this.assertNotDisposed();
    const wasRunning = this.runningFlag;
    this.detach();
    const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
    if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) {
      this.video = source;
    } else {
      const track = source as MediaStreamTrack;
      this.track = track;
      if (typeof Processor === 'function' && this.options.useTrackProcessor !== false) {
        const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
        this.reader = reader;
        void this.pump(reader);
      } else {
        const video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.srcObject = new MediaStream([track]);
        void video.play().catch(() => undefined);
        this.video = video;
        this.ownVideo = true;
      }
    }
    if (this.video) {
      this.scheduler = new FrameScheduler(this.video, () => this.drawLiveSafely(), !this.options.forceAnimationFrame);
    }
    void this.encoder
      .warm()
      .then(async (ok) => {
        if (!ok || this.disposed) return;
        // Warm the worker with a real frame of this source as soon as there is one.
        const track = this.currentTrack();
        const t = track?.getSettings?.();
        if (t?.width && t.height) this.encoder.prepare(t.width, t.height);
        const video = this.video;
        if (video && !hasFrame(video)) await this.firstFrame(track, video);
        if (this.video === video && video) this.prepareEncoder();
      })
      .catch(() => undefined); // best effort: a photo without the warm-up still works
    if (wasRunning) this.start();
  }

  /** Detaches the source (stops the preview loop; does not stop the camera). */
  detach(): void {
    const waiters = this.frameWaiters.splice(0);
    this.scheduler?.stop();
    this.scheduler = null;
    if (this.reader) {
      void this.reader.cancel().catch(() => undefined);
      this.reader = null;
    }
    this.latestFrame?.close();
    this.latestFrame = null;
    if (this.ownVideo && this.video) this.video.srcObject = null;
    this.video = null;
    this.ownVideo = false;
    this.track = null;
    this.runningFlag = false;
    waiters.forEach((wake) => wake());
  }

  /** Starts the live preview: one render per camera frame, never faster. */
  start(): void {
    this.assertNotDisposed();
    if (!this.video && !this.reader) throw new CaptureError('no-source');
    this.runningFlag = true;
    if (this.liveMode === 'pending' && !this.liveStarted) {
      this.liveStarted = true;
      void this.startLiveWorker();
    }
    this.scheduler?.start();
    this.drawLive();
  }

  /** Stops the live preview (the canvas keeps its last frame). */
  stop(): void {
    this.runningFlag = false;
    this.scheduler?.stop();
  }

  /**
   * A `MediaStream` of the live output canvas (effects included), for `MediaRecorder` or an
   * `RTCPeerConnection`. Frames flow while the preview runs (`start()`).
   * @param fps - maximum frame rate; omitted = one frame per rendered frame.
   */
  captureStream(fps?: number): MediaStream {
    this.assertNotDisposed();
    if (typeof this.canvas.captureStream !== 'function') {
      throw new CaptureError('unsupported', 'HTMLCanvasElement.captureStream() is not supported.');
    }
    return fps === undefined ? this.canvas.captureStream() : this.canvas.captureStream(fps);
  }

  /**
   * Takes a photo at the track's full native resolution with the current effect.
   *
   * @returns a `File` named `photo-<timestamp>.<ext>` whose `type` is the encoded type.
   * @throws CaptureError `no-source`, `not-live` (track ended/stopped), `no-frame`, `disposed`,
   *   `invalid-option`, `encode-failed`.
   */
  async capturePhoto(opts: CapturePhotoOptions = {}): Promise<File> {
    const t0 = performance.now();
    this.assertNotDisposed();
    const requestedType = String(opts.format ?? 'image/jpeg').toLowerCase();
    const quality = opts.quality ?? 0.92;
    if (typeof quality !== 'number' || !(quality >= 0 && quality <= 1)) {
      throw new CaptureError('invalid-option', `quality must be within 0..1, got ${quality}.`);
    }
    const settings =
      opts.effect !== undefined || opts.adjustments !== undefined
        ? resolveSettings(opts.effect ?? this.settings.effect, opts.adjustments ?? this.adjustments, this.settings.pixelSize)
        : this.settings;
    if (opts.effect !== undefined && !EFFECT_NAMES.includes(opts.effect)) {
      throw new CaptureError('invalid-option', `Unknown effect "${opts.effect}".`);
    }
    const mirror = !!opts.mirrorPhoto;
    const pref = opts.renderer ?? 'auto';
    const effectSettings = isIdentity(settings) ? null : settings;
    let grabbed = await this.grab(opts.source ?? 'video');
    this.checkNotDisposed(grabbed.release);
    const { width, height } = grabbed;
    const job = { width, height, mirror, settings: effectSettings, type: requestedType, quality, name: opts.name };

    let result: { file: File; fellBack: boolean } | null = null;
    let renderedBy: RendererKind = '2d';
    let encodedBy: EncodePath = 'main';
    const workerReady = (opts.worker ?? true) && (await this.encoder.warm());
    // dispose() makes a pending warm() answer false at once: not a reason to encode on the main thread.
    this.checkNotDisposed(grabbed.release);
    if (workerReady) {
      // Main thread: only wrap the current frame (no copy) and transfer it.
      let image: VideoFrame | ImageBitmap;
      try {
        image = grabbed.image instanceof HTMLVideoElement ? await snapshot(grabbed.image) : (grabbed.image as VideoFrame | ImageBitmap);
      } catch (err) {
        throw new CaptureError('no-frame', undefined, { cause: err });
      }
      this.checkNotDisposed(() => image.close());
      try {
        // `auto` without a hardware GPU is the 2D path: say so, so that the worker does not make a
        // WebGL2 context (a GPU-context hand-off through the main thread) only to find that out.
        const renderer = pref === 'auto' && webgl2Support() !== 'hardware' ? '2d' : pref;
        const r = await this.holdingPreview(() => this.encoder.encodeInWorker({ ...job, image, renderer }));
        this.checkNotDisposed();
        result = r;
        renderedBy = effectSettings ? r.renderer : '2d';
        encodedBy = 'worker';
      } catch (err) {
        this.checkNotDisposed();
        // The worker crashed or hung (it is given up): encode this photo on the main thread,
        // from a fresh frame, since the first one was transferred to the worker.
        if (!(err instanceof CaptureError) || err.code !== 'encode-failed' || !this.encoder.workerFailed) throw err;
        console.warn(`[capture] ${err.message} Photos are encoded on the main thread from now on.`);
        grabbed = await this.grab(opts.source ?? 'video');
        this.checkNotDisposed(grabbed.release);
      }
    }
    if (!result) {
      let image: CanvasImageSource = grabbed.image as CanvasImageSource;
      let mainSettings = effectSettings;
      let mainMirror = mirror;
      const gl = this.renderer?.kind === 'webgl2' ? this.renderer : null;
      const useGL = effectSettings && gl && !gl.lost && pref !== '2d' && (pref === 'webgl2' || !gl.software);
      if (useGL) {
        const snap = this.renderOnLiveCanvas(gl, grabbed, settings, mirror);
        if (snap) {
          image = await snap;
          this.checkNotDisposed(() => (image as ImageBitmap).close());
          renderedBy = 'webgl2';
          mainSettings = null;
          mainMirror = false;
        }
      }
      result = await this.encoder.encodeOnMain({ ...job, image, settings: mainSettings, mirror: mainMirror });
      this.checkNotDisposed();
      encodedBy = 'main';
    }
    const { file } = result;
    const type = file.type;
    if (result.fellBack) {
      console.warn(`[capture] ${requestedType} cannot be encoded by this browser; the photo was encoded as ${type}.`);
    }
    this.lastCapture = {
      renderer: renderedBy,
      encoder: encodedBy,
      source: grabbed.source,
      width,
      height,
      requestedType,
      type,
      ms: performance.now() - t0,
    };
    return file;
  }

  /**
   * Stops everything and releases GPU objects and the worker. The pipeline is unusable after.
   * @param options.releaseCanvas - also release the output canvas: its WebGL2 context is lost on
   *   purpose (freed now, and no longer counted against the browser's limit of live WebGL
   *   contexts, beyond which Chromium loses the oldest one, possibly a live preview's), or its 2D
   *   backing store is freed (size 0x0; 1x1 for a canvas the live worker draws, a moment later:
   *   such a canvas shows the last frame the worker committed, and a 0x0 one commits none).
   *   Default: true when the pipeline made the canvas.
   */
  dispose({ releaseCanvas = !this.options.canvas }: { releaseCanvas?: boolean } = {}): void {
    if (this.disposed) return;
    this.stop();
    this.detach();
    this.renderer?.dispose(releaseCanvas);
    this.live?.dispose(releaseCanvas);
    this.live = null;
    this.encoder.dispose();
    this.disposed = true;
  }

  /**
   * Runs a photo's encode with the live preview held still (`holdPreview`). The next camera frame
   * after it is drawn as usual: drawing one at once would put a frame's work (on the main thread,
   * where the preview is drawn there) between the encoded photo and its caller.
   */
  private async holdingPreview<T>(encode: () => Promise<T>): Promise<T> {
    if (this.options.holdPreview === false || !this.runningFlag) return encode();
    this.holds++;
    try {
      return await encode();
    } finally {
      this.holds--;
    }
  }

  private assertNotDisposed(): void {
    if (this.disposed) throw new CaptureError('disposed');
  }

  /** Like `assertNotDisposed`, first calling `release` (what the photo held so far) when disposed. */
  private checkNotDisposed(release?: () => void): void {
    if (!this.disposed) return;
    try {
      release?.();
    } catch {
      /* already closed */
    }
    throw new CaptureError('disposed');
  }

  /**
   * Renders a photo with the live WebGL2 renderer, which draws on the live canvas, and starts the
   * snapshot of it; then, in the same task (nothing else is composited), puts back what the canvas
   * showed: the current frame where the preview runs, else a copy of the picture it had. Releases
   * `grabbed`. Returns null (nothing drawn, `grabbed` kept) when the context cannot render.
   * @throws CaptureError `encode-failed` when rendering throws.
   */
  private renderOnLiveCanvas(
    gl: WebGL2Renderer,
    grabbed: Grabbed,
    settings: EffectSettings,
    mirror: boolean,
  ): Promise<ImageBitmap> | null {
    const canvas = this.canvas;
    let saved: HTMLCanvasElement | null = null;
    let snap: Promise<ImageBitmap>;
    try {
      if (!this.runningFlag && canvas.width > 0 && canvas.height > 0) {
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
        if (this.runningFlag) this.drawLive(true);
        else if (saved) gl.render(saved, saved.width, saved.height, resolveSettings('none', undefined), false);
      } catch {
        /* the next live frame draws over it */
      }
    }
    grabbed.release();
    return snap;
  }

  private currentTrack(): MediaStreamTrack | null {
    if (this.track) return this.track;
    const stream = this.video?.srcObject;
    if (stream && typeof (stream as MediaStream).getVideoTracks === 'function') {
      return (stream as MediaStream).getVideoTracks()[0] ?? null;
    }
    return null;
  }

  private async grab(kind: 'video' | 'photo'): Promise<Grabbed> {
    this.assertNotDisposed();
    if (!this.video && !this.reader) throw new CaptureError('no-source');
    const track = this.currentTrack();
    const isCamera = !!this.track || (this.video?.srcObject ?? null) !== null;
    if (isCamera && (!track || track.readyState !== 'live')) throw new CaptureError('not-live');

    const ImageCaptureImpl = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
    if (kind === 'photo' && track) {
      if (typeof ImageCaptureImpl === 'function') {
        try {
          const blob = await new ImageCaptureImpl(track).takePhoto();
          this.assertNotDisposed();
          const decoded = await createImageBitmap(blob);
          this.checkNotDisposed(() => decoded.close());
          const { width = decoded.width, height = decoded.height } = track.getSettings();
          const bitmap = await coverBitmap(decoded, width, height);
          this.checkNotDisposed(() => bitmap.close());
          return { image: bitmap, width, height, source: 'photo', release: () => bitmap.close() };
        } catch (err) {
          if (err instanceof CaptureError && err.code === 'disposed') throw err;
          if (track.readyState !== 'live') throw new CaptureError('not-live', undefined, { cause: err });
          console.warn('[capture] ImageCapture.takePhoto() failed; using the video frame instead.', err);
        }
      } else {
        console.warn('[capture] ImageCapture is not supported; using the video frame instead.');
      }
    }

    if (this.reader) {
      if (!this.latestFrame) await this.firstFrame(track);
      this.assertNotDisposed();
      if (track && track.readyState !== 'live') throw new CaptureError('not-live');
      if (!this.latestFrame) throw new CaptureError('no-frame');
      const frame = this.latestFrame.clone();
      return {
        image: frame,
        width: frame.displayWidth,
        height: frame.displayHeight,
        source: 'frame',
        release: () => frame.close(),
      };
    }
    const video = this.video!;
    if (!hasFrame(video)) await this.firstFrame(track, video);
    this.assertNotDisposed();
    if (isCamera && (!track || track.readyState !== 'live')) throw new CaptureError('not-live');
    if (!hasFrame(video)) throw new CaptureError('no-frame');
    return { image: video, width: video.videoWidth, height: video.videoHeight, source: 'video', release: () => {} };
  }

  private frameWaiters: Array<() => void> = [];

  /**
   * Waits (at most `frameTimeout` ms) for the source's first frame: a camera that has just gone
   * live has not always delivered one. Ends early when the track ends (its `ended` event, or
   * `readyState` read every 50 ms: a track stopped by script fires no event) or the source goes away.
   */
  private firstFrame(track: MediaStreamTrack | null, video?: HTMLVideoElement): Promise<void> {
    if (video && !video.srcObject && !video.currentSrc) return Promise.resolve(); // nothing will come
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (!video || hasFrame(video)) done();
      };
      const done = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        video?.removeEventListener('loadeddata', check);
        video?.removeEventListener('resize', check);
        track?.removeEventListener('ended', done);
        const i = this.frameWaiters.indexOf(done);
        if (i >= 0) this.frameWaiters.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, this.options.frameTimeout ?? 5000);
      const poll = track ? setInterval(() => track.readyState === 'ended' && done(), 50) : undefined;
      video?.addEventListener('loadeddata', check);
      video?.addEventListener('resize', check);
      track?.addEventListener('ended', done);
      this.frameWaiters.push(done); // woken by a VideoFrame (track source) or by detach()
    });
  }

  private async pump(reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
    let warned = false;
    for (;;) {
      let result: ReadableStreamReadResult<VideoFrame>;
      try {
        result = await reader.read();
      } catch {
        return; // cancelled or track ended
      }
      const { value, done } = result;
      if (done || this.reader !== reader) {
        value?.close();
        return;
      }
      this.latestFrame?.close();
      this.latestFrame = value;
      this.frameWaiters.splice(0).forEach((wake) => wake());
      try {
        if (this.runningFlag) this.drawLive(); // which also prepares the encoder
        else this.prepareEncoder();
      } catch (err) {
        // A frame that cannot be drawn must not stop the reading: photos need the next frames.
        if (!warned) console.warn('[capture] A live frame could not be drawn.', err);
        warned = true;
      }
    }
  }

  private drawWarned = false;

  /**
   * {@link drawLive} for the video's frame loop: a frame that cannot be drawn is reported once and
   * the loop goes on, rather than an uncaught exception reaching the page on every frame.
   */
  private drawLiveSafely(): void {
    try {
      this.drawLive();
    } catch (err) {
      if (!this.drawWarned) console.warn('[capture] A live frame could not be drawn.', err);
      this.drawWarned = true;
    }
  }

  /** Draws the current frame with the live settings; `force`: even while a photo holds the preview. */
  private drawLive(force = false): void {
    if (this.liveMode === 'pending' || this.liveMode === 'failed' || this.renderer?.lost) return;
    if (!force && this.holds > 0 && performance.now() - this.lastDrawn < PREVIEW_HOLD_MAX_MS) return;
    let source: FrameSource | null = null;
    let w = 0;
    let h = 0;
    if (this.latestFrame) {
      source = this.latestFrame;
      w = this.latestFrame.displayWidth;
      h = this.latestFrame.displayHeight;
    } else if (this.video && this.video.readyState >= 2 && this.video.videoWidth) {
      source = this.video;
      w = this.video.videoWidth;
      h = this.video.videoHeight;
    }
    if (!source) return;
    this.prepareEncoder();
    if (this.live && this.liveMode === 'worker') {
      const frame = this.latestFrame;
      const video = this.video;
      // Wrap the current frame without copying it; the worker draws it and closes it.
      if (this.live.draw(() => (frame ? frame.clone() : video ? new VideoFrame(video) : null), w, h, this.settings, this.mirrorFlag)) {
        this.lastDrawn = performance.now();
      }
      return;
    }
    if (this.renderer?.render(source, w, h, this.settings, this.mirrorFlag, true)) {
      this.framesRendered++;
      this.lastDrawn = performance.now();
    }
  }

  /** Moves the 2D preview to a worker where that works here, else draws it on the main thread. */
  private async startLiveWorker(): Promise<void> {
    const live = (await liveWorkerWorks())
      ? new LiveWorker(
          (ok) => {
            // A frame sent before stop() and drawn after it is not counted: stop() ends the count.
            if (ok && this.runningFlag) this.framesRendered++;
          },
          (message) => this.liveWorkerFailed(live, message),
          this.options.liveWorkerUrl,
        )
      : null;
    if (this.disposed) return live?.dispose(false);
    this.live = live;
    const ok = !!live && (await live.ready);
    if (this.disposed || this.live !== live) return;
    if (ok && live?.takeCanvas(this.canvas)) this.liveMode = 'worker';
    else this.drawOnMainThread();
    this.redraw();
  }

  /**
   * The live worker failed after it said hello. Before it took the canvas, `startLiveWorker` draws
   * on the main thread instead; after, the canvas is the dead worker's: the preview is over.
   */
  private liveWorkerFailed(live: LiveWorker | null, message: string): void {
    if (this.disposed || this.live !== live) return;
    if (this.liveMode !== 'worker') {
      console.warn(`[capture] ${message}`);
      return;
    }
    console.warn(`[capture] ${message} The live preview stopped.`);
    this.live = null;
    this.liveMode = 'failed';
    this.options.onLiveFailed?.();
  }

  /** The live worker cannot be used: draw the preview on the main thread. */
  private drawOnMainThread(): void {
    this.live?.dispose(false);
    this.live = null;
    this.liveMode = 'main';
    this.renderer = Canvas2DRenderer.create(this.canvas);
    if (!this.renderer) console.warn('[capture] The live preview cannot be drawn: no 2D canvas context.');
  }

  /** Lets the encode worker warm up at the source's size, with one of its frames (see `prepare`). */
  private prepareEncoder(): void {
    const frame = this.latestFrame;
    if (frame) {
      this.encoder.prepare(frame.displayWidth, frame.displayHeight, () => frame.clone());
      return;
    }
    const video = this.video;
    if (!video || !hasFrame(video)) return;
    this.encoder.prepare(video.videoWidth, video.videoHeight, () =>
      typeof VideoFrame === 'function' ? new VideoFrame(video) : null,
    );
  }

  private redraw(): void {
    if (this.runningFlag) this.drawLive();
  }
}
