import type { ReactiveControllerHost } from 'lit';
import { CaptureError } from '../../src/capture/errors.js';
import type { Adjustments, EffectName } from '../../src/capture/effects.js';
import type { EncodePath } from '../../src/capture/encoder.js';
import { type CapturePhotoOptions, CapturePipeline, type CapturePipelineOptions, type RendererPreference } from '../../src/capture/pipeline.js';
import { MediaCaptureError } from '../../src/errors.js';
import { warnInvalidAttribute } from './attributes.js';
import { VideoSource } from './video-source.js';

/**
 * How long a lost WebGL2 context of the live preview may stay lost before the element rebuilds
 * its pipeline on a new canvas. A GPU reset gives the context back within this; a context the
 * browser took for good (beyond its limit of live contexts, WebKit counts dropped ones until
 * garbage collection) never comes back.
 */
const CONTEXT_RESTORE_GRACE_MS = 2000;

/** What {@link PreviewPipeline} reads from its element. */
export interface PreviewPipelineOptions {
  /** The element's box the preview canvas goes in. */
  previewHost: () => HTMLElement | null | undefined;
  /** The element's `<video>` that plays the camera. */
  video: () => HTMLVideoElement | null | undefined;
  renderer: () => RendererPreference;
  effect: () => EffectName;
  adjustments: () => Adjustments;
  /** Further options of each pipeline (a design system's worker URLs, a test's failing worker). */
  pipelineOptions: () => CapturePipelineOptions;
  /**
   * The pipeline is about to be rebuilt on a new canvas (a lost WebGL2 context, a failed preview
   * worker): the tracks from captureStream() then move to the new canvas, the old ones end.
   * Called before the old pipeline goes (a recording of its canvas can still end with its data).
   */
  onRebuild?: () => void;
}

/**
 * The live preview of `<photo-booth>`: its {@link CapturePipeline} on a canvas of the element,
 * made when the camera first goes live and kept until the element leaves the page, rebuilt on a
 * new canvas when the renderer changes, when a WebGL2 context does not come back, or when the
 * preview worker fails; and the streams `captureStream()` handed out, moved to each new canvas.
 */
export class PreviewPipeline {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: PreviewPipelineOptions;
  #pipeline: CapturePipeline | null = null;
  #pipelineRenderer: RendererPreference | null = null;
  #canvas: HTMLCanvasElement | null = null;
  /** The streams handed out by captureStream(), with their frame rates (moved to a new pipeline). */
  #streams = new Map<MediaStream, number | undefined>();
  /** The live worker failed in this element once: later pipelines draw on the main thread. */
  #liveWorkerFailed = false;
  #unwatchContext: (() => void) | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: PreviewPipelineOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The pipeline, or null until the camera first goes live. */
  get pipeline(): CapturePipeline | null {
    return this.#pipeline;
  }

  /** The preview canvas, or null. */
  get canvas(): HTMLCanvasElement | null {
    return this.#canvas;
  }

  /**
   * A photo from `pipeline` (the one in use when the capture began) with its size. `source:
   * 'photo'` where ImageCapture is missing takes `video`, with a warning. A camera that stopped
   * (`live()` false), a pipeline gone meanwhile (the element left the page) or one without a
   * source rejects with `not-live`.
   */
  async takePhoto(
    pipeline: CapturePipeline,
    options: CapturePhotoOptions,
    live: () => boolean,
  ): Promise<{ file: File; width: number; height: number; encoder: EncodePath }> {
    const video = this.#options.video();
    let source = options.source;
    if (source === 'photo' && typeof (globalThis as { ImageCapture?: unknown }).ImageCapture !== 'function') {
      warnInvalidAttribute(this.#host, 'source', 'photo', 'video (ImageCapture is not supported by this browser)');
      source = 'video';
    }
    let file: File;
    try {
      file = await pipeline.capturePhoto({ ...options, source });
    } catch (err) {
      // The camera stopped, or the element left the page (its pipeline was disposed) meanwhile.
      const gone = !live() || pipeline !== this.#pipeline;
      if (gone || (err instanceof CaptureError && (err.code === 'not-live' || err.code === 'no-source' || err.code === 'disposed')))
        throw new MediaCaptureError('not-live', { device: 'camera', cause: err });
      throw err;
    }
    const info = pipeline.lastCapture;
    return { file, width: info?.width ?? video?.videoWidth ?? 0, height: info?.height ?? video?.videoHeight ?? 0, encoder: info?.encoder ?? 'main' };
  }

  /** A stream of the preview that follows it to each new canvas (its tracks stop in {@link leave}). */
  captureStream(pipeline: CapturePipeline, fps?: number): MediaStream {
    // Streams whose tracks were all stopped (a recording that ended) are not kept.
    for (const s of this.#streams.keys()) if (!s.getVideoTracks().some((t) => t.readyState === 'live')) this.#streams.delete(s);
    const stream = pipeline.captureStream(fps);
    this.#streams.set(stream, fps);
    return stream;
  }

  /** What the `<video>` shows (set again when the controller's video track is replaced). */
  readonly #source = new VideoSource();

  /**
   * After each update: makes the pipeline once the camera is live (`stream`), remakes it for a
   * new renderer, applies a changed effect, and plays `stream` (null: none) in the video.
   */
  sync(stream: MediaStream | null, effectChanged: boolean): void {
    if (this.#host.isConnected) {
      // The pipeline (a canvas, maybe a WebGL2 context, its workers) is made when the camera
      // first goes live, not for a booth that waits to be started: a page may hold many of them,
      // and browsers keep only so many WebGL contexts. It then stays until disconnect.
      const wanted = !!this.#pipeline || !!stream;
      if (this.#pipeline && this.#pipelineRenderer !== this.#options.renderer()) this.#dispose();
      if (!this.#pipeline && wanted) this.#create();
    }
    const pipeline = this.#pipeline;
    const video = this.#options.video();
    if (pipeline && effectChanged) pipeline.setEffect(this.#options.effect(), this.#options.adjustments());
    if (video) {
      const target = this.#host.isConnected ? stream : null;
      if (this.#source.show(video, target)) {
        if (target) {
          if (pipeline) {
            pipeline.attach(video);
            pipeline.start();
          }
        } else pipeline?.stop();
      } else if (target && video.paused && video.readyState >= 1) {
        video.play().catch(() => {});
      }
    }
  }

  /** The element left the page: the video stops, the pipeline goes, handed-out streams end. */
  leave(): void {
    const video = this.#options.video();
    if (video) video.srcObject = null;
    this.#source.reset();
    this.#dispose();
    for (const s of this.#streams.keys()) s.getTracks().forEach((t) => t.stop());
    this.#streams.clear();
  }

  /**
   * Puts each stream from captureStream() on the new pipeline's canvas (same MediaStream). A
   * stream whose track the page stopped is dropped, not brought back.
   */
  #moveStreams(pipeline: CapturePipeline): void {
    for (const [stream, fps] of this.#streams) {
      if (!stream.getVideoTracks().some((t) => t.readyState === 'live')) {
        this.#streams.delete(stream);
        continue;
      }
      const fresh = pipeline.captureStream(fps).getVideoTracks()[0];
      if (!fresh) continue;
      for (const old of stream.getVideoTracks()) {
        stream.removeTrack(old);
        old.stop();
      }
      stream.addTrack(fresh);
    }
  }

  /** Drops the pipeline and builds a new one on a new canvas (the preview goes on). */
  #rebuild(): void {
    this.#options.onRebuild?.();
    this.#dispose();
    this.#create();
    this.#host.requestUpdate(); // label the new canvas
  }

  #create(): void {
    const host = this.#options.previewHost();
    const video = this.#options.video();
    if (!host || !video || this.#pipeline) return;
    const renderer = this.#options.renderer();
    const canvas = document.createElement('canvas');
    canvas.setAttribute('part', 'preview');
    canvas.setAttribute('role', 'img');
    // The canvas is the element's own: the 2D preview may move it to a worker (liveWorker).
    const options: CapturePipelineOptions = {
      ...this.#options.pipelineOptions(),
      canvas,
      liveWorker: !this.#liveWorkerFailed,
      effect: this.#options.effect(),
      adjustments: this.#options.adjustments(),
    };
    options.onLiveFailed = () => {
      // The canvas belongs to the dead worker: go on with a new one, drawn on the main thread.
      this.#liveWorkerFailed = true;
      if (this.#pipeline === pipeline) this.#rebuild();
    };
    let pipeline: CapturePipeline;
    try {
      pipeline = new CapturePipeline({ ...options, renderer });
    } catch (err) {
      if (!(err instanceof CaptureError && err.code === 'unsupported' && renderer === 'webgl2')) {
        console.warn(`<${this.#host.localName}>: the live preview cannot be rendered.`, err);
        return;
      }
      warnInvalidAttribute(this.#host, 'renderer', 'webgl2', '2d (WebGL2 is not available)');
      // A canvas that failed to give WebGL2 can still give 2D.
      pipeline = new CapturePipeline({ ...options, canvas: document.createElement('canvas'), renderer: '2d' });
      pipeline.canvas.setAttribute('part', 'preview');
      pipeline.canvas.setAttribute('role', 'img');
    }
    this.#pipeline = pipeline;
    this.#pipelineRenderer = renderer;
    this.#canvas = pipeline.canvas;
    host.replaceChildren(pipeline.canvas);
    pipeline.attach(video);
    if (video.srcObject) pipeline.start();
    if (pipeline.rendererKind === 'webgl2') this.#watchContext(pipeline);
    this.#moveStreams(pipeline);
  }

  /**
   * While the preview's WebGL2 context is lost, photos take the 2D path and the preview holds its
   * last frame; if the context is not given back within {@link CONTEXT_RESTORE_GRACE_MS}, the
   * pipeline is rebuilt on a new canvas so that the preview goes on.
   */
  #watchContext(pipeline: CapturePipeline): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onLost = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (this.#pipeline !== pipeline || !pipeline.contextLost) return;
        this.#rebuild();
      }, CONTEXT_RESTORE_GRACE_MS);
    };
    const onRestored = (): void => clearTimeout(timer);
    pipeline.canvas.addEventListener('webglcontextlost', onLost);
    pipeline.canvas.addEventListener('webglcontextrestored', onRestored);
    this.#unwatchContext = () => {
      clearTimeout(timer);
      pipeline.canvas.removeEventListener('webglcontextlost', onLost);
      pipeline.canvas.removeEventListener('webglcontextrestored', onRestored);
    };
  }

  #dispose(): void {
    this.#unwatchContext?.();
    this.#unwatchContext = null;
    // The canvas is the element's and is dropped here: release its GL context or pixels now.
    this.#pipeline?.dispose({ releaseCanvas: true });
    this.#pipeline = null;
    this.#pipelineRenderer = null;
    this.#canvas?.remove();
    this.#canvas = null;
  }
}
