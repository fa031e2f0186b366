import type { PropertyValues, TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { Demand } from '../../src/controller.js';
import type { CapturePipelineOptions } from '../../src/capture/pipeline.js';
import type { ErrorDevice } from '../../src/errors.js';
import { MediaCaptureError } from '../../src/errors.js';
import { MediaErrorEvent } from '../../src/events.js';
import { RecordingError } from '../../src/recording/errors.js';
import { chooseMimeType } from '../../src/recording/formats.js';
import type { RecordingResult, RecordingState, RecordingStopReason } from '../../src/recording/session.js';
import { warnInvalidAttribute } from '../internal/attributes.js';
import type { CameraViewStrings } from '../internal/camera-view-element.js';
import { CountdownController } from '../internal/countdown.js';
import { FileFormValue } from '../internal/file-form-value.js';
import { needAudioLevelMeter } from '../internal/lazy-meter.js';
import { FormAssociated } from '../internal/form-associated.js';
import { ObjectUrls } from '../internal/object-urls.js';
import { ReviewController } from '../internal/review-view.js';
import { PreviewPipeline } from '../internal/preview-pipeline.js';
import { MediaRecorderSettings } from './media-recorder-settings.js';
import {
  RecordingDataEvent,
  RecordingPauseEvent,
  RecordingResumeEvent,
  RecordingStartEvent,
  RecordingStopEvent,
  type RecordingStopDetail,
} from './media-recorder-events.js';
import { renderRecorder } from './media-recorder.render.js';
import type { MediaRecorderStrings } from './media-recorder.strings.js';
import { styles } from './media-recorder.styles.js';
import { HiddenPageWatch } from './hidden-page-watch.js';
import { RecordingRun } from './recording-run.js';

export * from './media-recorder-events.js';
export type { MediaRecorderStrings } from './media-recorder.strings.js';
export type { RecordingState, RecordingStopReason } from '../../src/recording/session.js';

/**
 * Records video (or, with `audio-only`, a voice message) from the shared camera and
 * microphone: a live preview with the effect (the capture pipeline's canvas, which is also what
 * is recorded), a record / stop button, pause / resume, the elapsed time (and the time left with
 * `max-duration`), an optional countdown and review. It is a form control: the accepted
 * recording is the form's value as a `File`.
 *
 * What is recorded: the preview canvas's track (the camera's native size, the effect baked in,
 * not mirrored unless `mirror-recording`) and the microphone through a Web Audio graph: a camera
 * or microphone switched during a recording (a picker beside it) goes on in the same file.
 * Whatever ends a recording (a stop, `max-duration`, `max-size`, the camera stopping or
 * unplugged, the element removed or disabled, an engine error), `recording-stop` carries what was
 * recorded so far. After a removal it is fired on the detached element (the last data comes
 * after the element left the page): listen on the element itself, not on `document` or an
 * ancestor, to get it.
 *
 * Memory: the chunks are kept until the recording ends, for the `File`. With `timeslice`, a
 * `recording-data` listener that calls `event.preventDefault()` takes the chunk: the element
 * keeps no copy of it. The final `File` holds only the chunks nobody took: `null` when every
 * chunk was taken (then `stopRecording()` rejects `recording-failed` and `recording-stop` has
 * `file: null`); a `File` whose first chunk (the container's header) was taken does not play.
 * Take every chunk or none.
 *
 * Hidden tab: the picture is drawn when the preview's `<video>` presents a camera frame; where a
 * browser stops presenting video in a hidden page, the recorded picture holds its last frame
 * while the sound goes on, and the element warns once in the console.
 *
 * @summary Video and voice recording on the shared stream, effects baked in, nothing lost.
 * @tag media-recorder
 *
 * @slot idle-message - Replaces the explanation of the start view.
 * @slot start-button - The start control.
 * @slot requesting-message - Replaces the text of the requesting view.
 * @slot denied-message - Replaces the message and advice of the denied view.
 * @slot unavailable-message - Replaces the message and advice of the unavailable view.
 * @slot error-message - Replaces the message and advice of the error view.
 * @slot retry-button - The retry control of the denied, unavailable and error views.
 * @slot muted-message - Replaces the text shown over a frozen (muted) camera.
 * @slot controls - Extra controls in the bar, beside the record button (a device picker, …).
 *
 * @csspart base - The wrapper of everything.
 * @csspart stage - The box the preview, the review and the views fill.
 * @csspart preview - The live `<canvas>` (the camera picture with the effect; what is recorded).
 * @csspart level - The `<audio-level-meter>` of `audio-only`.
 * @csspart panel - The box of a non-live view.
 * @csspart message - The main text of a view.
 * @csspart advice - The secondary text of a view.
 * @csspart button - Every built-in text button (pause, the review's, the views').
 * @csspart start-button - The built-in start button.
 * @csspart retry-button - The built-in retry button.
 * @csspart controls - The bar that holds the record button.
 * @csspart record-button - The record / stop button (it cancels a countdown).
 * @csspart pause-button - Pause / resume.
 * @csspart time - The elapsed time (and the time left) while recording.
 * @csspart countdown - The countdown number.
 * @csspart review - The review view.
 * @csspart review-media - The `<video>` (or `<audio>`) of the recording under review.
 * @csspart review-controls - The bar of the review buttons.
 * @csspart retake-button - Discards the recording under review.
 * @csspart accept-button - Keeps it (sets the value).
 * @csspart download-button - Saves it (a download link).
 * @csspart muted-overlay - The bar shown over a frozen camera.
 * @csspart icon - Decorative icons.
 * @csspart status - The screen-reader live region (visually hidden).
 *
 * @cssprop [--media-recorder-aspect-ratio=4 / 3] - Aspect ratio of the stage.
 * @cssprop [--media-recorder-audio-aspect-ratio=3 / 1] - Aspect ratio of the stage with `audio-only`.
 * @cssprop [--media-recorder-min-height=14rem] - Minimum height of the stage.
 * @cssprop [--media-recorder-audio-min-height=10rem] - Minimum height of the stage with `audio-only`.
 * @cssprop [--media-recorder-width=auto] - Inline size.
 * @cssprop [--media-recorder-fit=contain] - `object-fit` of the preview and the review.
 * @cssprop [--media-recorder-position=center] - `object-position` of the preview.
 * @cssprop [--media-recorder-video-background=#000] - Behind the picture.
 * @cssprop [--media-recorder-stage-background] - Background of the views.
 * @cssprop [--media-recorder-controls-background=rgb(0 0 0 / 0.6)] - Background of the bars and the time.
 * @cssprop [--media-recorder-controls-color=#fff] - Text colour of the bars and the time.
 * @cssprop [--media-recorder-record-color=#e11d48] - The record dot and button.
 * @cssprop [--media-recorder-button-ring=#fff] - Ring of the record button (and its stop square).
 * @cssprop [--media-recorder-button-size=3.5rem] - Diameter of the record button.
 * @cssprop [--media-recorder-countdown-size=5rem] - Font size of the countdown number.
 * @cssprop [--media-recorder-padding=1.25rem] - Padding of the views.
 * @cssprop [--media-recorder-font-size=1rem] - Font size.
 * @cssprop [--media-recorder-background] - Background (falls back to `--media-capture-background`).
 * @cssprop [--media-recorder-color] - Text colour (falls back to `--media-capture-color`).
 * @cssprop [--media-recorder-muted-color] - Secondary text colour (falls back to `--media-capture-muted-color`).
 * @cssprop [--media-recorder-accent] - Button background and focus ring (falls back to `--media-capture-accent`).
 * @cssprop [--media-recorder-accent-color] - Button text (falls back to `--media-capture-accent-color`).
 * @cssprop [--media-recorder-danger] - Colour of failure messages (falls back to `--media-capture-danger`).
 * @cssprop [--media-recorder-border-color] - Border colour (falls back to `--media-capture-border-color`).
 * @cssprop [--media-recorder-radius=8px] - Corner radius (falls back to `--media-capture-radius`).
 * @cssprop [--media-recorder-gap=0.75rem] - Space between items (falls back to `--media-capture-gap`).
 * @cssprop [--media-recorder-font] - Font family (falls back to `--media-capture-font`).
 * @cssprop [--media-recorder-focus-ring] - Focus ring box-shadow (falls back to `--media-capture-focus-ring`).
 *
 * @cssstate idle - The camera (microphone) is off.
 * @cssstate requesting - Access is being requested.
 * @cssstate live - Live.
 * @cssstate denied - Access was blocked.
 * @cssstate unavailable - No device, or the page cannot use one.
 * @cssstate error - The device failed.
 * @cssstate recording - A recording is gathering data.
 * @cssstate paused - A recording is paused.
 * @cssstate countdown - A countdown is running.
 * @cssstate review - A recording waits for accept or retake.
 * @cssstate has-value - The element has a recording as its value.
 * @cssstate disabled - Disabled (itself or by a disabled fieldset).
 * @cssstate mirrored - The preview is shown mirrored.
 * @cssstate muted - The camera sends no frames.
 *
 * @fires {RecordingStartEvent} recording-start - A recording gathers data: `{ mimeType }`.
 * @fires {RecordingPauseEvent} recording-pause - Paused: `{ recordedTime }`.
 * @fires {RecordingResumeEvent} recording-resume - Resumed: `{ recordedTime }`.
 * @fires {RecordingDataEvent} recording-data - A chunk, with `timeslice`: `{ data, timecode }`; `preventDefault()` takes it (no copy kept).
 * @fires {RecordingStopEvent} recording-stop - The recording ended: `{ file, duration, mimeType, width, height, size, reason }`.
 * @fires {Event} change - A recording became the value (at once without `review`, on accept with it).
 * @fires {Event} input - Fired with `change`.
 * @fires {MediaErrorEvent} media-error - Capture failed, or the recorder failed (`recording-failed`; what was recorded follows in `recording-stop`).
 * @fires {MediaStateChangeEvent} media-state-change - The shared controller's state changed.
 * @fires {MediaStreamChangeEvent} media-stream-change - The shared stream got its first track, or lost its last.
 * @fires {MediaTrackMuteEvent} media-track-mute - The camera stopped or resumed sending frames.
 * @fires {MediaTrackStallEvent} media-track-stall - The picture stalled without the track being muted (`stalled: true`), or frames came back.
 * @fires {MediaOptionsConflictEvent} media-options-conflict - Another element changed an option this element set.
 */
export class MediaRecorderElement extends FormAssociated(MediaRecorderSettings) {
  static override styles = styles;
  static override holdStream = true;
  static override forwardedEvents = ['media-state-change', 'media-stream-change', 'media-error', 'media-track-mute', 'media-track-ended'] as const;

  readonly #urls = new ObjectUrls(this);
  readonly #countdownTimer = new CountdownController(this, {
    active: () => this.#isLive(),
    onTick: (n) => (this.announcement = this.formatString(this.recorderStrings.value.countdownTick, { n })),
    onCancel: () => (this.announcement = this.recorderStrings.value.countdownCancelled),
    device: this.#device(),
  });
  readonly #review = new ReviewController(this, { urls: this.#urls, control: () => this.recordButton });
  readonly #form = new FileFormValue(this, {
    internals: this.internals,
    required: () => this.required,
    disabled: () => this.disabled,
    valueMissing: () => this.recorderStrings.formatOrDefault('valueMissing', {}),
    anchors: () => {
      const root = this.renderRoot;
      return [
        root.querySelector('[part~="accept-button"]'),
        root.querySelector('[part~="record-button"]'),
        this.slottedControl('start-button') ?? root.querySelector('[part~="start-button"]'),
        this.slottedControl('retry-button') ?? root.querySelector('[part~="retry-button"]'),
      ];
    },
  });
  readonly #preview = new PreviewPipeline(this, {
    previewHost: () => this.previewHost,
    video: () => this.video,
    renderer: () => 'auto',
    effect: () => this.effect,
    adjustments: () => ({}),
    pipelineOptions: () => this.pipelineOptions(),
    onRebuild: () => this.#previewRebuilt(),
  });

  @query('video.source') private video?: HTMLVideoElement | null;
  @query('.preview-host') private previewHost?: HTMLElement | null;
  @query('[part~="record-button"]') private recordButton?: HTMLButtonElement | null;

  readonly #run = new RecordingRun(this, {
    finished: (file, result, size) => this.#finished(file, result, size),
    fileName: (ext) => this.recorderStrings.formatOrDefault('fileName', { time: Date.now(), ext }),
    fixDuration: (blob, ms) => this.fixDuration(blob, ms),
  });
  /** Counts startRecording() calls: a stale one (cancelled, superseded) gives up. */
  #call = 0;
  /** The last recording made (its object URL is kept for the review). */
  #lastFile: File | null = null;

  constructor() {
    super();
    this.addEventListener('media-track-ended', () => this.#endIfRecording('ended'));
  }

  readonly #hiddenWatch = new HiddenPageWatch({
    recording: () => !this.audioOnly && this.#run.state === 'recording',
    frames: () => this.#preview.pipeline?.frameCount ?? null,
    warn: () =>
      console.warn(
        `<${this.localName}>: this browser stops the camera picture while the page is hidden; the recording holds the last frame until the page is shown again (the sound goes on).`,
      ),
  });

  // ---------------------------------------------------------------- value and form

  /**
   * The recording (a `File`) the form submits, or `null`: the last one made, or with `review`
   * the last one accepted. Setting it fires no event, like native controls.
   */
  @property({ attribute: false })
  get value(): File | null {
    return this.#form.value;
  }
  set value(file: File | null | undefined) {
    this.#form.value = file;
  }

  /** The accepted recording (the value), or `null`. */
  get file(): File | null {
    return this.#form.value;
  }

  /** @internal */
  formResetCallback(): void {
    this.#countdownTimer.cancel();
    this.#review.file = null;
    this.value = null;
    this.requestUpdate();
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#form.formDisabled = disabled;
    if (disabled) {
      this.#countdownTimer.cancel();
      this.#endIfRecording('disabled');
    }
    void Promise.resolve().then(() => this.requestUpdate());
  }

  /** @internal */
  formStateRestoreCallback(stateValue: string | File | FormData | null): void {
    this.#form.restore(stateValue);
  }

  // ---------------------------------------------------------------- recording state

  /** `inactive`, `recording` or `paused`, as `MediaRecorder.state`. */
  get recordingState(): RecordingState {
    return this.#run.state;
  }

  /** Milliseconds recorded by the running recording (pauses left out); after it, the last one's length. */
  get recordedTime(): number {
    return this.#run.recordedTime;
  }

  /**
   * What is being recorded (`video/webm;codecs=vp8,opus`), as the engine reports it; while no
   * recording runs, the type the next one would ask for (`''`: the engine's own choice, or no
   * `MediaRecorder` here).
   */
  get mimeType(): string {
    return this.#run.mimeType ?? chooseMimeType({ video: !this.audioOnly, audio: !this.noAudio || this.audioOnly }, this.preferredMimeType).mimeType;
  }

  // ---------------------------------------------------------------- public methods

  /**
   * Starts a recording: runs the `countdown` first, then resolves once data is being gathered
   * (`recording-start`).
   * @throws MediaCaptureError `not-live` when the camera (the microphone with `audio-only`) is
   *   not live, also when it stops during the countdown; `invalid-state` while a recording runs,
   *   and when the element is disabled (itself or by a fieldset; also when that happens before
   *   the recording starts); `aborted` when the countdown or the pending start was cancelled
   *   (Escape, the record button, `stopRecording()`); `recording-failed` when the engine cannot
   *   record; `no-api` without `MediaRecorder`.
   */
  async startRecording(): Promise<void> {
    const device = this.#device();
    if (!this.#isLive()) throw new RecordingError('not-live', { device });
    if (this.#disabled) throw new RecordingError('invalid-state', { device, message: 'The recorder is disabled.' });
    if (this.#run.active || this.#run.starting || this.#countdownTimer.running)
      throw new RecordingError('invalid-state', { device, message: 'A recording is already running.' });
    const call = ++this.#call;
    if (this.countdown > 0) await this.#countdownTimer.run(this.countdown);
    const check = (): RecordingError | null =>
      call !== this.#call
        ? new RecordingError('aborted', { device, message: 'The recording was cancelled before it started.' })
        : this.#disabled
          ? new RecordingError('invalid-state', { device, message: 'The recorder is disabled.' })
          : this.#isLive()
            ? null
            : new RecordingError('not-live', { device });
    const gone = check();
    if (gone) throw gone;
    const video = this.audioOnly ? null : this.#canvasTrack();
    if (!this.audioOnly && !video) throw new RecordingError('not-live', { device });
    const cam = this.audioOnly ? undefined : this.controller.videoTrack?.getSettings();
    this.#review.file = null;
    const session = await this.#run.start({
      controller: this.controller,
      video,
      audio: this.audioOnly || !this.noAudio,
      size: { width: cam?.width ?? 0, height: cam?.height ?? 0 },
      device,
      check,
      session: {
        mimeType: this.preferredMimeType,
        videoBitsPerSecond: this.videoBitsPerSecond,
        audioBitsPerSecond: this.audioBitsPerSecond,
        timeslice: this.timeslice,
        maxDuration: this.maxDuration * 1000,
        maxSize: this.maxSize,
        onData: (data, timecode) => !this.dispatchEvent(new RecordingDataEvent({ data, timecode })),
        onError: (error) => this.dispatchEvent(new MediaErrorEvent({ error })),
        onPause: () => this.requestUpdate(),
        onResume: () => this.requestUpdate(),
      },
    });
    if (session.mimeRejected) warnInvalidAttribute(this, 'mime-type', this.preferredMimeType, session.requestedType || '(the browser’s choice)');
    this.announce(this.recorderStrings.value.announceRecording);
    this.dispatchEvent(new RecordingStartEvent({ mimeType: session.mimeType }));
  }

  /**
   * Stops the recording and resolves with its `File` (also in `recording-stop`; with `review`
   * it waits for accept, else it is the value at once). During a countdown or while a recording
   * is being set up, it cancels it (`startRecording()` then rejects `aborted`) and rejects
   * `invalid-state`, as nothing was recording.
   * @throws MediaCaptureError `invalid-state` when no recording runs; `recording-failed` when
   *   no `File` is left: nothing was recorded (WebKitGTK records no picture), or, with
   *   `timeslice`, `recording-data` listeners took every chunk (`recording-stop` still fires,
   *   with `file: null` and the `size` recorded).
   */
  async stopRecording(): Promise<File> {
    const device = this.#device();
    const ending = this.#run.end('stop');
    if (!ending) {
      if (this.#countdownTimer.running || this.#run.starting) {
        this.#call++;
        if (this.#countdownTimer.running) this.#countdownTimer.cancel({ announce: true });
      }
      throw new RecordingError('invalid-state', { device });
    }
    const file = await ending;
    if (!file) {
      const taken = (this.#run.lastResult?.takenSize ?? 0) > 0;
      throw new RecordingError('recording-failed', {
        device,
        message: taken ? 'Every chunk was taken by a recording-data listener: no File is kept.' : 'Nothing was recorded.',
      });
    }
    return file;
  }

  /** Pauses the recording (the time paused is left out of `recordedTime` and the file). */
  pauseRecording(): void {
    const s = this.#run.pause();
    if (!s) throw new RecordingError('invalid-state', { device: this.#device() });
    this.announce(this.recorderStrings.value.announcePaused);
    this.dispatchEvent(new RecordingPauseEvent({ recordedTime: s.recordedTime }));
  }

  /** Resumes a paused recording. */
  resumeRecording(): void {
    const s = this.#run.resume();
    if (!s) throw new RecordingError('invalid-state', { device: this.#device() });
    this.announce(this.recorderStrings.value.announceResumed);
    this.dispatchEvent(new RecordingResumeEvent({ recordedTime: s.recordedTime }));
  }

  /** Keeps the recording under review: it becomes the value. Returns it. */
  accept(): File | null {
    const file = this.#review.take();
    if (!file) return null;
    this.#keep(file);
    this.announce(this.recorderStrings.value.recordingAccepted);
    return file;
  }

  /** Discards the recording under review (the value does not change). */
  retake(): void {
    if (!this.#review.take()) return;
    this.announce(this.recorderStrings.value.recordingDiscarded);
  }

  /** Turn the shared camera off (a recording running ends first, with what it gathered). */
  override stop(): void {
    this.#endIfRecording('ended');
    super.stop();
  }

  // ---------------------------------------------------------------- recording internals

  /** @internal The stream being recorded (tests make the engine's recorder fail with it). */
  recordedStreamForTest(): MediaStream | null {
    return this.#run.stream;
  }

  /**
   * The options of the element's capture pipeline (the canvas, renderer, effect and live worker
   * are the element's). A subclass may add to them: a design system's worker URLs, or a test's
   * failing worker.
   */
  protected pipelineOptions(): CapturePipelineOptions {
    return {};
  }

  /**
   * The preview is rebuilt on a new canvas (its WebGL2 context did not come back, or its worker
   * failed): the recorded canvas track ends with the old canvas, and a running `MediaRecorder`
   * cannot take the new one. The recording ends now with what it has (a `media-error`
   * `recording-failed`, then `recording-stop` with reason `error`) rather than going on with the
   * sound under an ended picture.
   */
  #previewRebuilt(): void {
    if (this.audioOnly || this.#run.state === 'inactive') return;
    const error = new RecordingError('recording-failed', {
      device: this.#device(),
      message: 'The preview the recording is made of failed (its graphics context or worker): the recording ended with what it had.',
    });
    this.dispatchEvent(new MediaErrorEvent({ error }));
    void this.#run.end('error');
  }

  /** A new track of the preview canvas (it follows the preview to a new canvas). */
  #canvasTrack(): MediaStreamTrack | null {
    const pipeline = this.#preview.pipeline;
    if (!pipeline) return null;
    const stream = this.#preview.captureStream(pipeline);
    return stream.getVideoTracks()[0] ?? null;
  }

  #endIfRecording(reason: RecordingStopReason): void {
    if (this.#run.state !== 'inactive') void this.#run.end(reason);
  }

  /** A recording ended: review it or make it the value, announce it, fire `recording-stop`. */
  #finished(file: File | null, result: RecordingResult, size: { width: number; height: number }): void {
    const s = this.recorderStrings.value;
    this.#lastFile = file;
    const connected = this.isConnected;
    if (file && connected) {
      if (this.review) this.#review.file = file;
      else this.#keep(file);
    }
    const texts: Partial<Record<RecordingStopReason, string>> = {
      'max-duration': s.announceMaxDuration,
      'max-size': s.announceMaxSize,
      error: s.recordingFailed,
    };
    // The engine gathered nothing at all (WebKitGTK records no picture): say so, as a failure.
    const empty = result.size === 0 && result.reason !== 'error';
    if (empty)
      this.dispatchEvent(new MediaErrorEvent({ error: new RecordingError('recording-failed', { device: this.#device(), message: 'Nothing was recorded: this browser gave no data for the recording.' }) }));
    this.announce(empty ? s.recordingFailed : (texts[result.reason] ?? (file && this.review ? s.announceReview : s.announceStopped)));
    // The bytes recorded as delivered: the File (its duration written in) and the chunks taken.
    const bytes = result.takenSize + (file?.size ?? 0);
    const detail: RecordingStopDetail = { file, duration: result.duration, mimeType: result.mimeType, ...size, size: bytes, reason: result.reason };
    this.dispatchEvent(new RecordingStopEvent({ ...detail }));
    if (file && connected && !this.review) this.#fireChange();
  }

  /**
   * The recorded blob with a duration in its header. A WebM from `MediaRecorder` may have none
   * (Firefox's sound-only WebM; Chromium's with `timeslice` or `max-size`): `fixWebmDuration`
   * writes it. WebKit's fragmented MP4 says 0 in its `mehd` (its `<audio>` then reads about one
   * second whatever the length): `fixMp4Duration` writes it. Both read and patch only the head
   * of the file. A subclass may do its own.
   */
  protected async fixDuration(blob: Blob, durationMs: number): Promise<Blob> {
    // Loaded when a recording ends (not with the element): most pages record seldom.
    const [{ fixWebmDuration }, { fixMp4Duration }] = await Promise.all([
      import('../../src/recording/webm-duration.js'),
      import('../../src/recording/mp4-duration.js'),
    ]);
    return fixMp4Duration(await fixWebmDuration(blob, durationMs), durationMs);
  }

  // ---------------------------------------------------------------- state

  #device(): ErrorDevice {
    return this.audioOnly ? 'microphone' : this.noAudio ? 'camera' : 'camera-or-microphone';
  }

  protected override demand(): Demand {
    return { video: !this.audioOnly, audio: this.audioOnly || !this.noAudio };
  }

  protected override kindsChanged(): void {
    this.adapter?.demandChanged();
  }

  #isLive(): boolean {
    if (!this.isConnected || this.state !== 'live') return false;
    const c = this.controller;
    if (c.state !== 'live' || !c.stream) return false;
    return this.audioOnly ? !!c.audioTrack : !!c.videoTrack;
  }

  #stream(): MediaStream | null {
    const c = this.controller;
    const s = c.state === 'live' ? c.stream : null;
    return s && (this.audioOnly ? s.getAudioTracks().length > 0 : s.getVideoTracks().length > 0) ? s : null;
  }

  #keep(file: File): void {
    this.#form.value = file;
    this.requestUpdate('value');
  }

  protected override viewStrings(): CameraViewStrings {
    const s = this.recorderStrings.value;
    return {
      ...s,
      startExplanation: this.audioOnly ? s.startExplanationAudio : s.startExplanation,
      start: this.audioOnly ? s.startAudio : s.start,
      announceResumed: s.announcePictureBack,
    };
  }

  get #disabled(): boolean {
    return this.#form.disabled;
  }

  protected override controlsDisabled(): boolean {
    return this.#disabled;
  }

  protected override viewFocusTarget(): HTMLElement | null {
    return this.state === 'live' && this.recordButton ? this.recordButton : super.viewFocusTarget();
  }

  protected override applyOptions(changed: PropertyValues): void {
    if (this.audioOnly) return;
    const video = this.videoOptionsChange(changed);
    if (Object.keys(video).length) void this.controller.setOptions({ video }, { consumer: this });
  }

  protected watchedVideo(): HTMLVideoElement | null | undefined {
    return this.audioOnly ? null : this.video;
  }

  get #noFrames(): boolean {
    return this.controller.muted || this.stalled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#hiddenWatch.connect(this.ownerDocument);
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override leftPage(): void {
    // The recording ends first, so that its last data is gathered before its tracks stop.
    this.#endIfRecording('removed');
    this.#hiddenWatch.disconnect();
    super.leftPage();
    this.#countdownTimer.cancel({ code: 'not-live' });
    this.#preview.leave();
    this.#run.leave();
    void this.#run.settled().then(() => this.#urls.revokeAll());
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const m = this.mirrorRecording ? false : this.mirroredFor(this.audioOnly ? null : this.#stream());
    if (m !== this.mirrored) this.mirrored = m;
    if (this.state !== 'live' && this.#countdownTimer.running) this.#countdownTimer.cancel({ code: 'not-live' });
    // What is recorded changed under the recording (the camera or microphone given up or asked
    // for): it ends with what it has, as when a device stops.
    if ((changed.has('audioOnly') || changed.has('noAudio')) && this.hasUpdated) this.#endIfRecording('ended');
    if (changed.has('disabled') && this.disabled) {
      this.#countdownTimer.cancel();
      this.#endIfRecording('disabled');
    }
    // The camera (microphone) stopped or failed under the recording.
    if (this.#run.state !== 'inactive' && this.controller.state !== 'live') this.#endIfRecording('ended');
    this.announceFrozen(this.state === 'live' && !this.audioOnly && this.#noFrames);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.audioOnly) {
      const effectChanged = changed.has('effect');
      this.#preview.sync(this.#stream(), effectChanged);
      const pipeline = this.#preview.pipeline;
      if (pipeline && pipeline.mirror !== this.mirrorRecording) pipeline.mirror = this.mirrorRecording;
      const canvas = this.#preview.canvas;
      if (canvas) canvas.setAttribute('aria-label', this.recorderStrings.value.previewLabel);
    } else if (this.#preview.pipeline) this.#preview.leave();
    const keep = [this.#review.file, this.#lastFile].filter((f): f is File => !!f);
    this.#urls.keep(keep);
    const rs = this.recordingState;
    this.setCustomState('recording', rs === 'recording');
    this.setCustomState('paused', rs === 'paused');
    this.setCustomState('mirrored', this.mirrored);
    this.setCustomState('muted', this.state === 'live' && !this.audioOnly && this.#noFrames);
    this.setCustomState('countdown', this.#countdownTimer.remaining > 0);
    this.setCustomState('review', !!this.#review.file);
  }

  // ---------------------------------------------------------------- events

  #onRecord = () => {
    if (this.#disabled || this.#run.starting) return;
    if (this.#countdownTimer.running) {
      this.#countdownTimer.cancel({ announce: true });
      return;
    }
    if (this.#run.active) {
      void this.#run.end('stop');
      return;
    }
    this.startRecording().catch((err: unknown) => {
      const code = (err as MediaCaptureError)?.code;
      if (code === 'aborted' || code === 'not-live') return; // cancelled, or the state change says it
      if (err instanceof MediaCaptureError) this.dispatchEvent(new MediaErrorEvent({ error: err }));
      this.announce(err instanceof Error ? err.message : String(err));
    });
  };

  #onPause = () => {
    if (this.#disabled || this.#run.starting) return;
    if (this.recordingState === 'paused') this.resumeRecording();
    else if (this.recordingState === 'recording') this.pauseRecording();
  };

  #onAccept = () => {
    if (this.accept()) this.#fireChange();
  };

  #onRetake = () => {
    this.retake();
  };

  #fireChange(): void {
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    // The level display of `audio-only`: loaded and defined on first need (a video recorder does
    // not download it).
    if (this.audioOnly) needAudioLevelMeter();
    const reviewFile = this.#review.file;
    const strings: MediaRecorderStrings = this.recorderStrings.value;
    return renderRecorder({
      state: this.state,
      live: this.state === 'live' && !!this.#stream(),
      audioOnly: this.audioOnly,
      stream: this.audioOnly ? this.#stream() : null,
      noFrames: this.#noFrames,
      mirrored: this.mirrored,
      disabled: this.#disabled,
      recordingState: this.recordingState,
      starting: this.#run.starting,
      recordedTime: this.recordedTime,
      // The running recording's own limit (an attribute changed meanwhile applies to the next one).
      maxDuration: this.#run.maxDuration ?? this.maxDuration * 1000,
      countdownSeconds: this.countdown,
      strings,
      announcement: this.announcement,
      numbers: this.numberFormat(),
      format: (template, values) => this.formatString(template, values),
      countdown: this.#countdownTimer,
      review: reviewFile ? { file: reviewFile, url: this.#urls.url(reviewFile) } : null,
      onRecord: this.#onRecord,
      onPause: this.#onPause,
      onAccept: this.#onAccept,
      onRetake: this.#onRetake,
      stateView: () => this.renderStateView(),
    });
  }
}
