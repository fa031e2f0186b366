/**
 * The capture pipeline: live effect preview (WebGL2 or 2D), `captureStream()`, and photos encoded
 * off the main thread. This file holds the public class and its live preview; the source it reads
 * is `source.ts`, a photo's steps are `photo.ts`, the options and results `pipeline-options.ts`.
 */
import { Canvas2DRenderer } from './canvas2d-renderer.js';
import { PhotoEncoder } from './encoder.js';
import { EFFECT_NAMES, resolveSettings, type Adjustments, type EffectName, type EffectSettings } from './effects.js';
import { CaptureError, throwIfDisposed } from './errors.js';
import { LiveWorker, liveWorkerPossible, liveWorkerWorks } from './live.js';
import { takePhoto, type PhotoHost } from './photo.js';
import type { CaptureInfo, CapturePhotoOptions, CapturePipelineOptions, RendererKind } from './pipeline-options.js';
import { FrameScheduler } from './scheduler.js';
import { AttachedSource, hasFrame } from './source.js';
import { WebGL2Renderer, webgl2Support, type FrameSource, type WebGL2Support } from './webgl2-renderer.js';

export type {
  CaptureInfo,
  CapturePhotoOptions,
  CapturePipelineOptions,
  RendererKind,
  RendererPreference,
} from './pipeline-options.js';

/**
 * The longest the live preview holds still for photos (`holdPreview`): even if an encode takes
 * longer, or photos follow one another without a pause, a frame is drawn at least this often.
 */
const PREVIEW_HOLD_MAX_MS = 500;

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
  /** The attached source, and the frames read from it. */
  private readonly source: AttachedSource;
  /** What a photo needs of this pipeline (see `photo.ts`). */
  private readonly photoHost: PhotoHost;
  private scheduler: FrameScheduler | null = null;
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
    this.source = new AttachedSource(
      options,
      () => this.disposed,
      () => {
        if (this.runningFlag) this.drawLive(); // which also prepares the encoder
        else this.prepareEncoder();
      },
    );
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
    this.photoHost = {
      canvas: this.canvas,
      encoder: this.encoder,
      source: this.source,
      settings: () => this.settings,
      renderer: () => this.renderer,
      running: () => this.runningFlag,
      disposed: () => this.disposed,
      drawLive: (force) => this.drawLive(force),
      holdingPreview: (encode) => this.holdingPreview(encode),
    };
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
    this.source.attach(source);
    const src = this.source;
    if (src.video) {
      this.scheduler = new FrameScheduler(src.video, () => this.drawLiveSafely(), !this.options.forceAnimationFrame);
    }
    void this.encoder
      .warm()
      .then(async (ok) => {
        if (!ok || this.disposed) return;
        // Warm the worker with a real frame of this source as soon as there is one.
        const track = src.currentTrack();
        const t = track?.getSettings?.();
        if (t?.width && t.height) this.encoder.prepare(t.width, t.height);
        const video = src.video;
        if (video && !hasFrame(video)) await src.firstFrame(track, video);
        if (src.video === video && video) this.prepareEncoder();
      })
      .catch(() => undefined); // best effort: a photo without the warm-up still works
    if (wasRunning) this.start();
  }

  /** Detaches the source (stops the preview loop; does not stop the camera). */
  detach(): void {
    this.scheduler?.stop();
    this.scheduler = null;
    this.runningFlag = false;
    this.source.detach();
  }


  /** Starts the live preview: one render per camera frame, never faster. */
  start(): void {
    this.assertNotDisposed();
    if (!this.source.attached) throw new CaptureError('no-source');
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
    const { file, info } = await takePhoto(this.photoHost, opts);
    this.lastCapture = info;
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
    throwIfDisposed(this.disposed);
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
    const { latestFrame, video } = this.source;
    if (latestFrame) {
      source = latestFrame;
      w = latestFrame.displayWidth;
      h = latestFrame.displayHeight;
    } else if (video && video.readyState >= 2 && video.videoWidth) {
      source = video;
      w = video.videoWidth;
      h = video.videoHeight;
    }
    if (!source) return;
    this.prepareEncoder();
    if (this.live && this.liveMode === 'worker') {
      const frame = latestFrame;
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
    const live = (await liveWorkerWorks(this.options.liveWorkerUrl))
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
    const frame = this.source.latestFrame;
    if (frame) {
      this.encoder.prepare(frame.displayWidth, frame.displayHeight, () => frame.clone());
      return;
    }
    const video = this.source.video;
    if (!video || !hasFrame(video)) return;
    this.encoder.prepare(video.videoWidth, video.videoHeight, () =>
      typeof VideoFrame === 'function' ? new VideoFrame(video) : null,
    );
  }

  private redraw(): void {
    if (this.runningFlag) this.drawLive();
  }
}
