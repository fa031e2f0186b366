/**
 * A video track that stays the same while the controller's camera changes: the capture
 * pipeline's canvas track (`captureStream()`), fed by whichever camera track the controller has
 * now. Effects set on the pipeline are in it. For a `MediaRecorder` (which stops when its
 * stream's tracks change) or an `RTCRtpSender`.
 *
 * ```ts
 * const video = new SteadyVideoTrack(controller, { effect: 'sepia' });
 * const recorder = new MediaRecorder(new MediaStream([video.track, audio.track]));
 * ```
 *
 * Why the pipeline's canvas rather than the camera track: a new camera track cannot be put into
 * a running `MediaRecorder`, while a canvas's track outlives any number of sources, and the
 * pipeline already draws each camera frame at the camera's size (with the effect) for the preview
 * and the photo, so recording costs no second copy. Between a switch's two cameras the canvas
 * keeps the last frame. It follows the controller it was made with; after
 * `deleteMediaStreamController(name)`, make a new one for the controller the name stands for then.
 */
import type { MediaStreamController } from '../controller.js';
import { MediaStreamChangeEvent, MediaTrackChangeEvent } from '../events.js';
import { CapturePipeline } from './pipeline.js';
import type { CapturePipelineOptions } from './pipeline-options.js';

export interface SteadyVideoTrackOptions extends CapturePipelineOptions {
  /**
   * A pipeline to draw through (kept on dispose); by default one of its own (disposed on dispose).
   * It attaches the controller's camera track to it: pass one that nothing else attaches a source to.
   */
  pipeline?: CapturePipeline;
  /** Maximum frame rate of the track; omitted: one frame per camera frame. */
  fps?: number;
}

export class SteadyVideoTrack {
  /** The track that stays: record or send this one. */
  readonly track: MediaStreamTrack;
  /** The pipeline that draws it (set its effect here). */
  readonly pipeline: CapturePipeline;
  readonly #controller: MediaStreamController;
  readonly #ownPipeline: boolean;
  #sourceTrack: MediaStreamTrack | null = null;
  #disposed = false;
  readonly #follow = () => this.#attach();

  constructor(controller: MediaStreamController, options: SteadyVideoTrackOptions = {}) {
    const { pipeline, fps, ...pipelineOptions } = options;
    this.#controller = controller;
    this.#ownPipeline = !pipeline;
    this.pipeline = pipeline ?? new CapturePipeline(pipelineOptions);
    try {
      this.track = this.pipeline.captureStream(fps).getVideoTracks()[0]!;
    } catch (e) {
      // No canvas capture here (`unsupported`): the pipeline made for this goes with it.
      if (this.#ownPipeline) this.pipeline.dispose();
      throw e;
    }
    controller.addEventListener(MediaTrackChangeEvent.eventName, this.#follow);
    controller.addEventListener(MediaStreamChangeEvent.eventName, this.#follow);
    this.#attach();
  }

  /** The camera track drawn now, or `null` (the last frame stays). */
  get sourceTrack(): MediaStreamTrack | null {
    return this.#sourceTrack;
  }

  #attach(): void {
    if (this.#disposed) return;
    const cam = this.#controller.videoTrack;
    const live = cam && cam.readyState === 'live' ? cam : null;
    if (!live || live === this.#sourceTrack) return;
    this.#sourceTrack = live;
    try {
      this.pipeline.attach(live);
      this.pipeline.start();
    } catch (e) {
      // A pipeline the page passed in and disposed: this track has nothing to draw any more.
      console.warn('SteadyVideoTrack: the pipeline cannot draw the new camera track', e);
    }
  }

  /** Stop the track (and the pipeline, when it is its own); the camera stays the controller's. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#controller.removeEventListener(MediaTrackChangeEvent.eventName, this.#follow);
    this.#controller.removeEventListener(MediaStreamChangeEvent.eventName, this.#follow);
    this.track.stop();
    if (this.#ownPipeline) this.pipeline.dispose();
    this.#sourceTrack = null;
  }
}
