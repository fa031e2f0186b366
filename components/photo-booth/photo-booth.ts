import type { PropertyValues, TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { EffectName } from '../../src/capture/effects.js';
import type { CapturePipelineOptions, RendererKind, RendererPreference } from '../../src/capture/pipeline.js';
import type { PhotoFormat } from '../../src/capture/raster.js';
import { assetUrl } from '../../src/assets.js';
import { MediaCaptureError } from '../../src/errors.js';
import { warnInvalidAttribute } from '../internal/attributes.js';
import { CountdownController } from '../internal/countdown.js';
import { ShutterController } from '../internal/shutter.js';
import { ThumbnailStrip } from '../internal/thumbnail-strip.js';
import { FileFormValue } from '../internal/file-form-value.js';
import { FlashController } from '../internal/flash.js';
import { FormAssociated } from '../internal/form-associated.js';
import { ObjectUrls } from '../internal/object-urls.js';
import { ReviewController } from '../internal/review-view.js';
import { CAMERA, renderBooth } from './photo-booth.render.js';
import { DEFAULT_MAX_SHOTS, PhotoBoothSettings } from './photo-booth-settings.js';
import { namedPhoto, type PhotoBoothStrings } from './photo-booth.strings.js';
import { styles } from './photo-booth.styles.js';
import { PhotoCaptureEvent } from './photo-capture-event.js';
import { PreviewPipeline } from '../internal/preview-pipeline.js';

export type { MirrorMode } from '../internal/camera-view-element.js';
export type { PhotoSource } from './photo-booth-settings.js';
export type { EffectName, PhotoFormat, RendererKind, RendererPreference };
export type { PhotoBoothStrings } from './photo-booth.strings.js';
export { PhotoCaptureEvent, type PhotoCaptureDetail } from './photo-capture-event.js';

/** Options of {@link PhotoBooth.capture}. */
export interface PhotoBoothCaptureOptions {
  /** Run the `countdown` first (what the shutter does). Default false: take the photo at once. */
  countdown?: boolean;
}

/**
 * A camera photo booth: a live preview with effects (rendered by the GPU capture pipeline, so
 * the effect is visible live), a shutter with an optional countdown, a flash, a review step,
 * and a strip of the last shots. It is a form control: the accepted photo is the form's value
 * as a `File`.
 *
 * Each capture state has its own view, like `<media-preview>`: a start control that explains
 * why the camera is needed, a requesting view, the live preview, a denied view that says how
 * to re-allow the camera, an unavailable view, and an error view with retry.
 *
 * The kit never sends a photo anywhere: photos are `File`s in the page (download, form data).
 *
 * @summary Live camera preview with effects, shutter, countdown, review and a strip of shots.
 * @tag photo-booth
 *
 * @slot idle-message - Replaces the explanation of the start view.
 * @slot start-button - The start control (a click on anything slotted here starts the camera).
 * @slot requesting-message - Replaces the text of the requesting view.
 * @slot denied-message - Replaces the message and advice of the denied view.
 * @slot unavailable-message - Replaces the message and advice of the unavailable view.
 * @slot error-message - Replaces the message and advice of the error view.
 * @slot retry-button - The retry control of the denied, unavailable and error views.
 * @slot muted-message - Replaces the text shown over a frozen (muted) camera.
 * @slot controls - Extra controls in the live bar, beside the shutter (an effect picker, …).
 *
 * @csspart base - The wrapper of everything.
 * @csspart stage - The box the preview, the review and the views fill.
 * @csspart preview - The live `<canvas>` (the camera picture with the effect).
 * @csspart panel - The box of a non-live view (start, requesting, denied, unavailable, error).
 * @csspart message - The main text of a view.
 * @csspart advice - The secondary text of a view.
 * @csspart button - Every built-in button of the views and the review (and the download link); not the shutter, which has its own part.
 * @csspart start-button - The built-in start button.
 * @csspart retry-button - The built-in retry button.
 * @csspart controls - The bar under the live preview that holds the shutter.
 * @csspart shutter - The shutter button (`aria-disabled="true"` while the picture is frozen: pressing it then only repeats why).
 * @csspart countdown - The countdown number over the preview.
 * @csspart flash - The flash shown when a photo is taken.
 * @csspart review - The review view (the photo and its buttons).
 * @csspart review-image - The photo under review.
 * @csspart review-controls - The bar of the review buttons.
 * @csspart retake-button - Discards the photo under review.
 * @csspart accept-button - Keeps the photo under review (sets the value).
 * @csspart download-button - Saves the photo under review (a download link).
 * @csspart strip - The list of recent photos.
 * @csspart thumbnail - A photo in the strip.
 * @csspart muted-overlay - The bar shown over a frozen (muted) camera.
 * @csspart icon - Decorative icons.
 * @csspart status - The screen-reader live region (visually hidden).
 *
 * @cssprop [--photo-booth-aspect-ratio] - Aspect ratio of the stage (and the thumbnails). By default the camera's own (4 / 3 until its first frame), so that a 16:9 camera is not letterboxed.
 * @cssprop [--photo-booth-min-height=14rem] - Minimum height of the stage (room for the messages).
 * @cssprop [--photo-booth-width=auto] - Inline size.
 * @cssprop [--photo-booth-fit=contain] - `object-fit` of the preview (`contain` or `cover`).
 * @cssprop [--photo-booth-position=center] - `object-position` of the preview.
 * @cssprop [--photo-booth-video-background=#000] - Behind the live picture and the review.
 * @cssprop [--photo-booth-stage-background] - Background of the views (default: the background).
 * @cssprop [--photo-booth-controls-background=rgb(0 0 0 / 0.6)] - Background of the shutter and review bars, and of the frozen-picture bar (`muted-overlay`, where the default is a darker `rgb(0 0 0 / 0.78)` so that its text stays readable over any picture).
 * @cssprop [--photo-booth-controls-color=#fff] - Text colour of those bars.
 * @cssprop [--photo-booth-shutter-size=3.5rem] - Diameter of the shutter.
 * @cssprop [--photo-booth-shutter-color=#e11d48] - Fill of the shutter.
 * @cssprop [--photo-booth-shutter-ring=#fff] - Ring of the shutter.
 * @cssprop [--photo-booth-countdown-size=5rem] - Font size of the countdown number.
 * @cssprop [--photo-booth-flash-color=#fff] - Colour of the flash.
 * @cssprop [--photo-booth-flash-duration=350ms] - Duration of the flash (none with `prefers-reduced-motion`).
 * @cssprop [--photo-booth-thumbnail-size=4rem] - Height of the strip's photos.
 * @cssprop [--photo-booth-padding=1.25rem] - Padding of the views.
 * @cssprop [--photo-booth-font-size=1rem] - Font size.
 * @cssprop [--photo-booth-background] - Background (falls back to `--media-capture-background`).
 * @cssprop [--photo-booth-color] - Text colour (falls back to `--media-capture-color`).
 * @cssprop [--photo-booth-muted-color] - Secondary text colour (falls back to `--media-capture-muted-color`).
 * @cssprop [--photo-booth-accent] - Button background and focus ring (falls back to `--media-capture-accent`).
 * @cssprop [--photo-booth-accent-color] - Button text (falls back to `--media-capture-accent-color`).
 * @cssprop [--photo-booth-danger] - Colour of failure messages (falls back to `--media-capture-danger`).
 * @cssprop [--photo-booth-border-color] - Border colour (falls back to `--media-capture-border-color`).
 * @cssprop [--photo-booth-radius=8px] - Corner radius (falls back to `--media-capture-radius`).
 * @cssprop [--photo-booth-gap=0.75rem] - Space between items (falls back to `--media-capture-gap`).
 * @cssprop [--photo-booth-font] - Font family (falls back to `--media-capture-font`).
 * @cssprop [--photo-booth-focus-ring] - Focus ring box-shadow (falls back to `--media-capture-focus-ring`).
 *
 * @cssstate idle - The camera is off; the start view shows.
 * @cssstate requesting - The camera is being requested.
 * @cssstate live - The live preview shows.
 * @cssstate denied - Access was blocked.
 * @cssstate unavailable - No camera, or the page cannot use one.
 * @cssstate error - The camera failed.
 * @cssstate mirrored - The preview is shown mirrored.
 * @cssstate muted - The camera sends no frames (frozen): its track is muted, or the picture stalled.
 * @cssstate stalled - The picture stopped changing although the track is live and not muted (see `stall-timeout`).
 * @cssstate countdown - A countdown is running.
 * @cssstate review - A photo waits for accept or retake.
 * @cssstate has-value - The element has a photo as its value.
 * @cssstate disabled - The booth is disabled (itself or by a disabled fieldset).
 *
 * @fires {PhotoCaptureEvent} photo-capture - A photo was taken: `{ file, width, height, effect, encoder }` (`encoder`: `worker` or `main`, where it was encoded).
 * @fires {Event} change - The user took (without `review`) or accepted a photo: the value changed.
 * @fires {Event} input - Fired with `change`.
 * @fires {MediaStateChangeEvent} media-state-change - The shared controller's state changed.
 * @fires {MediaStreamChangeEvent} media-stream-change - The shared stream got its first track, or lost its last (`stream: null`). A device switch changes its tracks in place instead (the controller's `media-track-change`).
 * @fires {MediaOptionsConflictEvent} media-options-conflict - Another element on the stream changed an option this element set (`{ kind, constraint, value, by }`); the last change wins. Also warned in the console.
 * @fires {MediaErrorEvent} media-error - Capture failed (fatal or not), or a photo could not be taken (`frozen` when a countdown ends on a frozen picture).
 * @fires {MediaTrackMuteEvent} media-track-mute - The camera stopped or resumed sending frames.
 * @fires {MediaTrackStallEvent} media-track-stall - The picture stalled without the track being muted (`stalled: true`), or frames came back.
 */
export class PhotoBooth extends FormAssociated(PhotoBoothSettings) {
  static override styles = styles;
  static override holdStream = true;
  static override forwardedEvents = ['media-state-change', 'media-stream-change', 'media-error', 'media-track-mute'] as const;

  readonly #urls = new ObjectUrls(this);
  readonly #strip = new ThumbnailStrip(this.#urls, DEFAULT_MAX_SHOTS, () => this.requestUpdate());
  readonly #countdownTimer = new CountdownController(this, {
    active: () => this.#isLive(),
    onTick: (n) => (this.announcement = this.formatString(this.boothStrings.value.countdownTick, { n })),
    onCancel: () => (this.announcement = this.boothStrings.value.countdownCancelled),
  });
  readonly #shutter = new ShutterController(this, {
    countdown: this.#countdownTimer,
    disabled: () => this.#disabled,
    live: () => this.#isLive(),
    frozen: () => this.#frozen,
    action: () => this.capture({ countdown: true }),
    done: () => {
      if (!this.review) this.#fireChange();
    },
    announce: (why) => this.announce(why === 'frozen' ? this.boothStrings.value.announceMuted : this.boothStrings.value.captureFailed),
  });
  readonly #review = new ReviewController(this, { urls: this.#urls, control: () => this.shutter });
  readonly #flash = new FlashController(this);
  readonly #form = new FileFormValue(this, {
    internals: this.internals,
    required: () => this.required,
    disabled: () => this.disabled,
    valueMissing: () => this.boothStrings.formatOrDefault('valueMissing', {}),
    // The control that gives a photo in this view: Use photo in review, the shutter live, the
    // start or retry control of a view.
    anchors: () => {
      const root = this.renderRoot;
      return [
        root.querySelector('[part~="accept-button"]'),
        root.querySelector('[part~="shutter"]'),
        this.slottedControl('start-button') ?? root.querySelector('[part~="start-button"]'),
        this.slottedControl('retry-button') ?? root.querySelector('[part~="retry-button"]'),
      ];
    },
  });
  readonly #preview = new PreviewPipeline(this, {
    previewHost: () => this.previewHost,
    video: () => this.video,
    renderer: () => this.renderer,
    effect: () => this.effect,
    adjustments: () => this.#adjustments(),
    pipelineOptions: () => ({ ...this.#assetOptions(), ...this.pipelineOptions() }),
  });

  @query('video') private video?: HTMLVideoElement | null;
  @query('.preview-host') private previewHost?: HTMLElement | null;
  @query('[part~="shutter"]') private shutter?: HTMLButtonElement | null;

  // ---------------------------------------------------------------- value and form

  /**
   * The photo (a `File`) the form submits, or `null`: the last photo taken, or with `review`
   * the last one accepted. Setting it fires no event, like native controls.
   */
  @property({ attribute: false })
  get value(): File | null {
    return this.#form.value;
  }
  set value(file: File | null | undefined) {
    this.#form.value = file;
  }

  /** The recent photos shown in the strip, oldest first (at most `max-shots`). */
  get photos(): readonly File[] {
    return [...this.#strip.files];
  }

  protected override maxShotsChanged(max: number): void {
    this.#strip.max = max;
  }

  /** @internal */
  formResetCallback(): void {
    this.#countdownTimer.cancel();
    this.#review.file = null;
    this.value = null;
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#form.formDisabled = disabled;
    // A disabled control takes no photo: a countdown running when the form is disabled stops.
    if (disabled) this.#countdownTimer.cancel();
    void Promise.resolve().then(() => this.requestUpdate());
  }

  /** @internal */
  formStateRestoreCallback(stateValue: string | File | FormData | null): void {
    if (stateValue instanceof File) this.value = stateValue;
  }

  // ---------------------------------------------------------------- public methods

  /**
   * The renderer of the live preview now (`webgl2` or `2d`), or `null` until the camera is live
   * (the pipeline is made then, and dropped on disconnect).
   */
  get activeRenderer(): RendererKind | null {
    return this.#preview.pipeline?.rendererKind ?? null;
  }

  /**
   * The live preview canvas (the camera picture with the effect), or `null` until the camera is
   * live (the pipeline is made then, and dropped on disconnect).
   * Where the 2D preview is drawn in a worker (Chromium) its control belongs to that
   * worker: read it with `drawImage`, `createImageBitmap`, `toBlob` or `captureStream`, not
   * `getContext`.
   */
  get canvasElement(): HTMLCanvasElement | null {
    return this.#preview.canvas;
  }

  /**
   * Takes a photo at the camera's full resolution with the current effect. Without `review` it
   * becomes the value; with `review` it waits for accept (the promise resolves at once).
   * Fires `photo-capture`.
   *
   * A photo is never taken of a frozen picture: while the track is muted or the picture stalled
   * (see `stall-timeout`), it rejects with `frozen` rather than return the last frame shown.
   *
   * @throws MediaCaptureError `not-live` when the camera is not live, `frozen` when it sends no
   *   picture at the moment of the photo, `aborted` when the countdown was cancelled;
   *   CaptureError for encoder failures.
   */
  async capture(options: PhotoBoothCaptureOptions = {}): Promise<File> {
    if (!this.#isLive()) throw new MediaCaptureError('not-live', CAMERA);
    if (options.countdown && this.countdown > 0) await this.#countdownTimer.run(this.countdown);
    return this.#shutter.busyWhile(async () => {
      const pipeline = this.#preview.pipeline;
      if (!pipeline || !this.video || !this.#isLive()) throw new MediaCaptureError('not-live', CAMERA);
      // The frame on screen would be stale: say so rather than hand back an old picture.
      if (this.#frozen) throw new MediaCaptureError('frozen', CAMERA);
      // A camera that has just gone live may have no frame yet: the pipeline waits for one (at
      // most 5 s), and stops waiting as soon as the track stops or the element leaves the page.
      const effect = this.effect;
      const photo = await this.#preview.takePhoto(
        pipeline,
        { format: this.format, quality: this.quality, mirrorPhoto: this.mirrorPhoto, source: this.source, renderer: this.renderer, effect, adjustments: this.#adjustments() },
        () => this.#isLive(),
      );
      const file = namedPhoto(photo.file, this.boothStrings);
      this.#flash.fire();
      if (this.review) {
        this.#review.file = file;
        this.announce(this.boothStrings.value.photoReview);
      } else {
        this.#keep(file);
        this.announce(this.boothStrings.value.photoTaken); // the same text again for the next photo
      }
      this.dispatchEvent(new PhotoCaptureEvent({ file, width: photo.width, height: photo.height, effect, encoder: photo.encoder }));
      return file;
    });
  }

  /** Keeps the photo under review: it becomes the value and joins the strip. Returns it. */
  accept(): File | null {
    const file = this.#review.take();
    if (!file) return null;
    this.#keep(file);
    this.announce(this.boothStrings.value.photoAccepted);
    return file;
  }

  /** Discards the photo under review (the value does not change). */
  retake(): void {
    if (!this.#review.take()) return;
    this.announce(this.boothStrings.value.photoDiscarded);
  }

  /**
   * A MediaStream of the processed preview (effect included, not mirrored) for `MediaRecorder`
   * or an `RTCPeerConnection`. Frames flow while the preview is live. Its tracks are stopped
   * when the element is disconnected.
   *
   * When the element puts its preview on a new canvas (`renderer` changed, a WebGL2 context
   * that did not come back, a preview worker that failed), the same MediaStream goes on: its
   * video track is replaced by one of the new canvas and the old one is stopped. A `<video>`
   * showing the stream follows in Chromium (Firefox and WebKit need its `srcObject` set again);
   * an `RTCRtpSender` holds a track, so call `replaceTrack()` with
   * `stream.getVideoTracks()[0]` when the sender's track has ended; a `MediaRecorder` stops
   * when its stream's tracks change.
   * @param fps - maximum frame rate; omitted = one frame per camera frame.
   * @throws MediaCaptureError `not-live` while there is no preview: until the camera first goes
   *   live (since this release; before, a stream could be taken from an idle booth), and while
   *   the element is not in the page. Once made, the preview stays until the element leaves the
   *   page: a stream taken while the camera is off gets frames when it is on again.
   */
  captureStream(fps?: number): MediaStream {
    const pipeline = this.#preview.pipeline;
    if (!pipeline || !this.isConnected) throw new MediaCaptureError('not-live', CAMERA);
    return this.#preview.captureStream(pipeline, fps);
  }

  #adjustments() {
    return { brightness: this.brightness, contrast: this.contrast, saturation: this.saturation };
  }

  // ---------------------------------------------------------------- capture helpers

  #isLive(): boolean {
    return this.isConnected && this.state === 'live' && !!this.#stream();
  }

  #stream(): MediaStream | null {
    const c = this.controller;
    const s = c.state === 'live' ? c.stream : null;
    return s && s.getVideoTracks().length > 0 ? s : null;
  }

  #keep(file: File): void {
    this.#form.value = file;
    this.requestUpdate('value');
    this.#strip.add(file);
  }

  // ---------------------------------------------------------------- pipeline

  /**
   * The options of the element's capture pipelines (the canvas, renderer, effect and live
   * worker are the element's). A subclass may add to them: a design system's worker URLs, or a
   * test's failing worker.
   */
  protected pipelineOptions(): CapturePipelineOptions {
    return {};
  }

  /**
   * The folder this element loads its worker files from (`encode.worker.js` and
   * `live.worker.js`, the files of the package's `dist/workers/`), for a page whose bundler does
   * not copy them; it wins over the page-wide `setAssetBase()`. Read when the element's pipeline
   * is made (when the camera first goes live). Unset: the page-wide folder, else where the
   * package's build put them. A file that does not load warns once, and photos are then encoded
   * on the main thread (`photo-capture`'s `encoder` says where each one was).
   */
  @property({ attribute: 'asset-base' }) assetBase: string | null = null;

  /** The worker URLs in `asset-base`, if set (a value that is no URL warns and is ignored). */
  #assetOptions(): CapturePipelineOptions {
    if (!this.assetBase) return {};
    try {
      return { workerUrl: assetUrl('encode.worker.js', this.assetBase) ?? undefined, liveWorkerUrl: assetUrl('live.worker.js', this.assetBase) ?? undefined };
    } catch {
      warnInvalidAttribute(this, 'asset-base', this.assetBase, 'the page-wide folder');
      return {};
    }
  }

  // ---------------------------------------------------------------- state

  protected override viewStrings(): PhotoBoothStrings {
    return this.boothStrings.value;
  }

  #isMirrored(): boolean {
    return this.mirroredFor(this.#stream());
  }

  get #disabled(): boolean {
    return this.#form.disabled;
  }

  protected override controlsDisabled(): boolean {
    return this.#disabled;
  }

  /** Live, the focus that a start or retry control had goes to the shutter. */
  protected override viewFocusTarget(): HTMLElement | null {
    return this.state === 'live' && this.shutter ? this.shutter : super.viewFocusTarget();
  }

  protected override applyOptions(changed: PropertyValues): void {
    const video = this.videoOptionsChange(changed);
    if (Object.keys(video).length) void this.controller.setOptions({ video }, { consumer: this });
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  /** The camera sends no frames: its track is muted, or the picture stalled (see `stallTimeout`). */
  get #noFrames(): boolean {
    return this.controller.muted || this.stalled;
  }

  /**
   * A photo now would be of a stale picture: frames stopped after one was shown. A track muted
   * before its first frame (some engines start cameras muted) has no old picture: a photo then
   * waits for the first frame in the pipeline, as for any camera that has just gone live.
   */
  get #frozen(): boolean {
    return this.#noFrames && (this.video?.readyState ?? 0) >= HTMLMediaElement.HAVE_CURRENT_DATA;
  }

  protected watchedVideo(): HTMLVideoElement | null | undefined {
    return this.video;
  }

  protected override leftPage(): void {
    super.leftPage();
    this.#countdownTimer.cancel({ code: 'not-live' });
    this.#flash.stop();
    this.#preview.leave();
    this.#urls.revokeAll();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const m = this.#isMirrored();
    if (m !== this.mirrored) this.mirrored = m;
    if (this.state !== 'live' && this.#countdownTimer.running) this.#countdownTimer.cancel({ code: 'not-live' });
    if (changed.has('disabled') && this.disabled) this.#countdownTimer.cancel();
    this.announceFrozen(this.state === 'live' && this.#noFrames);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const effectChanged = changed.has('effect') || changed.has('brightness') || changed.has('contrast') || changed.has('saturation');
    this.#preview.sync(this.#stream(), effectChanged);
    const canvas = this.#preview.canvas;
    if (canvas) {
      canvas.setAttribute('aria-label', this.boothStrings.value.previewLabel);
      canvas.classList.toggle('effect', this.effect !== 'none');
    }
    this.#urls.keep([...(this.#review.file ? [this.#review.file] : []), ...this.#strip.shown]);
    this.setCustomState('mirrored', this.mirrored);
    this.setCustomState('muted', this.state === 'live' && this.#noFrames);
    this.setCustomState('countdown', this.#countdownTimer.remaining > 0);
    this.setCustomState('review', !!this.#review.file);
  }

  // ---------------------------------------------------------------- events

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
    return renderBooth({
      state: this.state,
      live: this.state === 'live' && !!this.#stream(),
      noFrames: this.#noFrames,
      mirrored: this.mirrored,
      disabled: this.#disabled,
      countdownSeconds: this.countdown,
      strings: this.boothStrings.value,
      announcement: this.announcement,
      numbers: this.numberFormat(),
      format: (template, values) => this.formatString(template, values),
      countdown: this.#countdownTimer,
      shutter: this.#shutter,
      review: this.#review,
      strip: this.#strip,
      onAccept: this.#onAccept,
      onRetake: this.#onRetake,
      stateView: () => this.renderStateView(),
    });
  }
}
