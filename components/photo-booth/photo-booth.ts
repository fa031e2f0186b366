import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CaptureError } from '../../src/capture/errors.js';
import { EFFECT_NAMES, type EffectName } from '../../src/capture/effects.js';
import { CapturePipeline, type CapturePipelineOptions, type RendererKind, type RendererPreference } from '../../src/capture/pipeline.js';
import type { PhotoFormat } from '../../src/capture/raster.js';
import { MediaCaptureError } from '../../src/errors.js';
import { MediaErrorEvent } from '../../src/events.js';
import { parseEnum, warnInvalidAttribute } from '../internal/attributes.js';
import { CameraViewElement } from '../internal/camera-view-element.js';
import { format, mergeStrings, type StringTemplate } from '../internal/capture-element.js';
import { FormAssociated } from '../internal/form-associated.js';
import { icon } from '../internal/icons.js';
import { styles } from './photo-booth.styles.js';

export type { MirrorMode } from '../internal/camera-view-element.js';
/** Where a photo's pixels come from. */
export type PhotoSource = 'video' | 'photo';
export type { EffectName, PhotoFormat, RendererKind, RendererPreference };

const RENDERERS: readonly RendererPreference[] = ['auto', 'webgl2', '2d'];
const FORMATS: readonly PhotoFormat[] = ['image/jpeg', 'image/png', 'image/webp'];
const SOURCES: readonly PhotoSource[] = ['video', 'photo'];
const DEFAULT_QUALITY = 0.92;
const DEFAULT_MAX_SHOTS = 4;
/**
 * How long a lost WebGL2 context of the live preview may stay lost before the element rebuilds
 * its pipeline on a new canvas. A GPU reset gives the context back within this; a context the
 * browser took for good (beyond its limit of live contexts, WebKit counts dropped ones until
 * garbage collection) never comes back.
 */
const CONTEXT_RESTORE_GRACE_MS = 2000;
/** The element's own errors are about the camera. */
const CAMERA = { device: 'camera' } as const;
/** How long the still flash of `prefers-reduced-motion` (an outline, no animation) shows. */
const FLASH_STILL_MS = 400;
/** How long after its duration an animated flash is removed should no `animationend` come. */
const FLASH_END_GRACE_MS = 1000;

/** A CSS `<time>` list's first value (`350ms`, `1s`) in milliseconds; 0 if unreadable. */
function cssTimeMs(value: string): number {
  const first = value.split(',')[0]?.trim() ?? '';
  const n = parseFloat(first);
  if (!Number.isFinite(n)) return 0;
  return first.endsWith('ms') ? n : n * 1000;
}

/** Detail of {@link PhotoCaptureEvent}. */
export interface PhotoCaptureDetail {
  /** The encoded photo. */
  readonly file: File;
  /** Its size in pixels (the camera track's size). */
  readonly width: number;
  readonly height: number;
  /** The effect applied. */
  readonly effect: EffectName;
}

/** Fired by `<photo-booth>` each time a photo is taken (before any review). */
export class PhotoCaptureEvent extends Event {
  static readonly eventName = 'photo-capture';
  readonly detail: PhotoCaptureDetail;
  constructor(detail: PhotoCaptureDetail) {
    super(PhotoCaptureEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'photo-capture': PhotoCaptureEvent;
  }
}

/** Options of {@link PhotoBooth.capture}. */
export interface PhotoBoothCaptureOptions {
  /** Run the `countdown` first (what the shutter does). Default false: take the photo at once. */
  countdown?: boolean;
}

/**
 * Every user-visible or announced string of `<photo-booth>`. In those with placeholders (`{n}`,
 * `{seconds}`) the numbers are written in the digits of the element's language (`lang`); such a
 * string may also be a function of the numbers, for languages that need plural forms.
 */
export interface PhotoBoothStrings {
  /** Accessible name of the live preview. */
  previewLabel: string;
  /** Idle view: why the camera is needed. */
  startExplanation: string;
  /** Idle view: the start button. */
  start: string;
  /** Requesting view. */
  requesting: string;
  requestingAdvice: string;
  /** Retry button of the denied, unavailable and error views. */
  retry: string;
  /** Shown over the preview while the camera sends no frames (muted track). */
  muted: string;
  /** The shutter button. */
  shutter: string;
  /** The shutter button when a countdown is set (`{seconds}`). */
  shutterCountdown: StringTemplate<{ seconds: number }>;
  /** The shutter button during a countdown (it cancels it). */
  cancelCountdown: string;
  /** Announced each second of a countdown (`{n}`). */
  countdownTick: StringTemplate<{ n: number }>;
  /** Announced when a countdown is cancelled. */
  countdownCancelled: string;
  /** Announced when a photo was taken. */
  photoTaken: string;
  /** Announced when a photo was taken and waits for review. */
  photoReview: string;
  /** Announced when a photo could not be taken. */
  captureFailed: string;
  /** Accessible name of the reviewed photo. */
  reviewLabel: string;
  /** Review buttons. */
  retake: string;
  accept: string;
  download: string;
  /** Announced after accept / retake. */
  photoAccepted: string;
  photoDiscarded: string;
  /** Accessible name of the strip of recent photos. */
  stripLabel: string;
  /** Alternative text of a photo in the strip (`{n}`: 1 = oldest). */
  stripItem: StringTemplate<{ n: number }>;
  /** Validation message when `required` and no photo was taken. */
  valueMissing: string;
  /**
   * The name of a photo's file (the download's name, and the name submitted with a form):
   * `{time}` is when it was taken (milliseconds since 1970), `{ext}` the extension of the format
   * it was encoded in (`jpg`, `png`, `webp`). May be a function of `{ time, ext }`.
   */
  fileName: StringTemplate<{ time: number; ext: string }>;
  /** Announced when the camera goes live, off or is requested. */
  announceLive: string;
  announceIdle: string;
  announceRequesting: string;
  announceMuted: string;
  announceResumed: string;
}

const DEFAULT_STRINGS: PhotoBoothStrings = {
  previewLabel: 'Camera preview',
  startExplanation: 'Take a photo with your camera. The camera turns on only when you start it, and photos stay on this device.',
  start: 'Turn on camera',
  requesting: 'Waiting for camera access…',
  requestingAdvice: 'If your browser asks, choose “Allow”.',
  retry: 'Try again',
  muted: 'The camera is not sending a picture right now.',
  shutter: 'Take photo',
  shutterCountdown: ({ seconds }) => (seconds === 1 ? 'Take photo in 1 second' : `Take photo in ${seconds} seconds`),
  cancelCountdown: 'Cancel countdown',
  countdownTick: '{n}',
  countdownCancelled: 'Countdown cancelled.',
  photoTaken: 'Photo taken.',
  photoReview: 'Photo taken. Keep it or retake it.',
  captureFailed: 'The photo could not be taken.',
  reviewLabel: 'The photo just taken',
  retake: 'Retake',
  accept: 'Use photo',
  download: 'Download',
  photoAccepted: 'Photo kept.',
  photoDiscarded: 'Photo discarded.',
  stripLabel: 'Recent photos',
  stripItem: 'Photo {n}',
  valueMissing: 'Take a photo.',
  fileName: 'photo-{time}.{ext}',
  announceLive: 'Camera on.',
  announceIdle: 'Camera off.',
  announceRequesting: 'Requesting camera access.',
  announceMuted: 'The camera is not sending a picture.',
  announceResumed: 'The camera picture is back.',
};

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
 * @cssprop [--photo-booth-aspect-ratio=4 / 3] - Aspect ratio of the stage (and the thumbnails).
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
 * @fires {PhotoCaptureEvent} photo-capture - A photo was taken: `{ file, width, height, effect }`.
 * @fires {Event} change - The user took (without `review`) or accepted a photo: the value changed.
 * @fires {Event} input - Fired with `change`.
 * @fires {MediaStateChangeEvent} media-state-change - The shared controller's state changed.
 * @fires {MediaStreamChangeEvent} media-stream-change - The shared controller's stream changed.
 * @fires {MediaErrorEvent} media-error - Capture failed (fatal or not), or a photo could not be taken (`frozen` when a countdown ends on a frozen picture).
 * @fires {MediaTrackMuteEvent} media-track-mute - The camera stopped or resumed sending frames.
 * @fires {MediaTrackStallEvent} media-track-stall - The picture stalled without the track being muted (`stalled: true`), or frames came back.
 */
export class PhotoBooth extends FormAssociated(CameraViewElement) {
  static override styles = styles;
  static override holdStream = true;
  static override forwardedEvents = ['media-state-change', 'media-stream-change', 'media-error', 'media-track-mute'] as const;

  #effect: EffectName = 'none';
  #brightness = 1;
  #contrast = 1;
  #saturation = 1;
  #renderer: RendererPreference = 'auto';
  #format: PhotoFormat = 'image/jpeg';
  #quality = DEFAULT_QUALITY;
  #source: PhotoSource = 'video';
  #countdown = 0;
  #maxShots = DEFAULT_MAX_SHOTS;
  #strings: PhotoBoothStrings = DEFAULT_STRINGS;

  #value: File | null = null;
  #photos: File[] = [];
  #formDisabled = false;
  #pipeline: CapturePipeline | null = null;
  #pipelineRenderer: RendererPreference | null = null;
  #canvas: HTMLCanvasElement | null = null;
  #urls = new Map<File, string>();
  /** The streams handed out by captureStream(), with their frame rates (moved to a new pipeline). */
  #streams = new Map<MediaStream, number | undefined>();
  /** The live worker failed in this element once: later pipelines draw on the main thread. */
  #liveWorkerFailed = false;
  #timer: { handle: ReturnType<typeof setTimeout>; reject: (e: unknown) => void } | null = null;
  #flashTimer: ReturnType<typeof setTimeout> | undefined;
  #busy = 0;

  @query('video') private video?: HTMLVideoElement | null;
  @query('.preview-host') private previewHost?: HTMLElement | null;
  @query('[part~="shutter"]') private shutter?: HTMLButtonElement | null;

  /** The photo under review (with `review`), or null. */
  @state() private reviewFile: File | null = null;
  /** Seconds left of a running countdown, or 0. */
  @state() private remaining = 0;
  @state() private flashing = false;

  // ---------------------------------------------------------------- attributes

  /**
   * The effect: `none` (default), `grayscale`, `sepia`, `invert`, `vintage` or `pixelate`. Live and in photos.
   * @default 'none'
   */
  @property()
  get effect(): EffectName {
    return this.#effect;
  }
  set effect(value: EffectName | string | null | undefined) {
    this.#effect = parseEnum(this, 'effect', value, EFFECT_NAMES, 'none');
  }

  /**
   * Brightness, 0..2 (neutral 1). Applied after the effect, live and in photos.
   * @default 1
   */
  @property()
  get brightness(): number {
    return this.#brightness;
  }
  set brightness(value: number | string | null | undefined) {
    this.#brightness = this.#parseNumber('brightness', value, 0, 2, 1);
  }

  /**
   * Contrast, 0..2 (neutral 1).
   * @default 1
   */
  @property()
  get contrast(): number {
    return this.#contrast;
  }
  set contrast(value: number | string | null | undefined) {
    this.#contrast = this.#parseNumber('contrast', value, 0, 2, 1);
  }

  /**
   * Saturation, 0..2 (neutral 1; 0 is grey).
   * @default 1
   */
  @property()
  get saturation(): number {
    return this.#saturation;
  }
  set saturation(value: number | string | null | undefined) {
    this.#saturation = this.#parseNumber('saturation', value, 0, 2, 1);
  }

  /**
   * The renderer of the live preview and of effects in photos: `auto` (default: WebGL2 on a
   * hardware GPU; 2D where WebGL2 is missing or software-rendered, where 2D is faster), `webgl2`
   * (falls back to 2D with a warning where it is missing) or `2d`.
   * @default 'auto'
   */
  @property()
  get renderer(): RendererPreference {
    return this.#renderer;
  }
  set renderer(value: RendererPreference | string | null | undefined) {
    this.#renderer = parseEnum(this, 'renderer', value, RENDERERS, 'auto');
  }

  /**
   * The photo type: `image/jpeg` (default), `image/png` or `image/webp`. Another value falls back
   * to JPEG with a warning, and so does a type this browser cannot encode.
   * @default 'image/jpeg'
   */
  @property()
  get format(): PhotoFormat {
    return this.#format;
  }
  set format(value: PhotoFormat | string | null | undefined) {
    this.#format = parseEnum(this, 'format', value, FORMATS, 'image/jpeg');
  }

  /**
   * Encoder quality for JPEG and WebP, 0..1 (default 0.92).
   * @default 0.92
   */
  @property()
  get quality(): number {
    return this.#quality;
  }
  set quality(value: number | string | null | undefined) {
    this.#quality = this.#parseNumber('quality', value, 0, 1, DEFAULT_QUALITY);
  }



  /** Mirror the photos too (a selfie as seen in the preview). */
  @property({ type: Boolean, attribute: 'mirror-photo' }) mirrorPhoto = false;

  /**
   * `video` (default): the current frame of the video. `photo`: `ImageCapture.takePhoto()` where
   * the browser has it (full sensor still, scaled to the track's size), else `video` with a warning.
   * @default 'video'
   */
  @property()
  get source(): PhotoSource {
    return this.#source;
  }
  set source(value: PhotoSource | string | null | undefined) {
    this.#source = parseEnum(this, 'source', value, SOURCES, 'video');
  }

  /**
   * Seconds the shutter counts down before the photo (0, default: none). Escape cancels it.
   * @default 0
   */
  @property()
  get countdown(): number {
    return this.#countdown;
  }
  set countdown(value: number | string | null | undefined) {
    this.#countdown = this.#parseCount('countdown', value, 0);
  }

  /** Show each photo for review (retake, accept, download) before it becomes the value. */
  @property({ type: Boolean, reflect: true }) review = false;

  /**
   * How many recent photos the strip shows (default 4; 0 hides it).
   * @default 4
   */
  @property({ attribute: 'max-shots' })
  get maxShots(): number {
    return this.#maxShots;
  }
  set maxShots(value: number | string | null | undefined) {
    this.#maxShots = this.#parseCount('max-shots', value, DEFAULT_MAX_SHOTS);
    if (this.#photos.length > this.#maxShots) this.#photos = this.#photos.slice(this.#photos.length - this.#maxShots);
  }



  /** The name under which the photo is submitted with a form. */
  @property({ reflect: true }) name = '';

  /** The form is invalid while there is no photo. */
  @property({ type: Boolean, reflect: true }) required = false;

  /**
   * Disables the booth's controls (as for native controls; a disabled `<fieldset>` disables it
   * too): the shutter, start, retake and accept controls are off and a running countdown stops.
   * `capture()` from script still works, as script can still set a disabled input's value.
   */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Replace any of the visible or announced strings (merged over the English defaults). */
  @property({ attribute: false })
  get strings(): PhotoBoothStrings {
    return this.#strings;
  }
  set strings(value: Partial<PhotoBoothStrings> | null | undefined) {
    this.#strings = mergeStrings(DEFAULT_STRINGS, value);
  }

  // ---------------------------------------------------------------- value and form

  /**
   * The photo (a `File`) the form submits, or `null`: the last photo taken, or with `review`
   * the last one accepted. Setting it fires no event, like native controls.
   */
  @property({ attribute: false })
  get value(): File | null {
    return this.#value;
  }
  set value(file: File | null | undefined) {
    this.#value = file instanceof File ? file : null;
  }

  /** The recent photos shown in the strip, oldest first (at most `max-shots`). */
  get photos(): readonly File[] {
    return [...this.#photos];
  }

  /** @internal */
  formResetCallback(): void {
    this.#cancelCountdown(false);
    this.reviewFile = null;
    this.value = null;
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    // A disabled control takes no photo: a countdown running when the form is disabled stops.
    if (disabled) this.#cancelCountdown(false);
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
    return this.#pipeline?.rendererKind ?? null;
  }

  /**
   * The live preview canvas (the camera picture with the effect), or `null` until the camera is
   * live (the pipeline is made then, and dropped on disconnect).
   * Where the 2D preview is drawn in a worker (Chromium) its control belongs to that
   * worker: read it with `drawImage`, `createImageBitmap`, `toBlob` or `captureStream`, not
   * `getContext`.
   */
  get canvasElement(): HTMLCanvasElement | null {
    return this.#canvas;
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
    if (options.countdown && this.#countdown > 0) await this.#runCountdown(this.#countdown);
    this.#busy++;
    this.requestUpdate();
    try {
      const pipeline = this.#pipeline;
      const video = this.video;
      if (!pipeline || !video || !this.#isLive()) throw new MediaCaptureError('not-live', CAMERA);
      // The frame on screen would be stale: say so rather than hand back an old picture.
      if (this.#frozen) throw new MediaCaptureError('frozen', CAMERA);
      // A camera that has just gone live may have no frame yet: the pipeline waits for one (at
      // most 5 s), and stops waiting as soon as the track stops or the element leaves the page.
      const effect = this.#effect;
      let file: File;
      try {
        file = await pipeline.capturePhoto({
          format: this.#format,
          quality: this.#quality,
          mirrorPhoto: this.mirrorPhoto,
          source: this.#photoSource(),
          renderer: this.#renderer,
          effect,
          adjustments: this.#adjustments(),
        });
      } catch (err) {
        // The camera stopped, or the element left the page (its pipeline was disposed) meanwhile.
        const gone = !this.#isLive() || pipeline !== this.#pipeline;
        if (gone || (err instanceof CaptureError && (err.code === 'not-live' || err.code === 'no-source' || err.code === 'disposed')))
          throw new MediaCaptureError('not-live', { ...CAMERA, cause: err });
        throw err;
      }
      file = this.#named(file);
      const info = pipeline.lastCapture;
      const width = info?.width ?? video.videoWidth;
      const height = info?.height ?? video.videoHeight;
      this.#flash();
      if (this.review) {
        this.reviewFile = file;
        this.announce(this.#strings.photoReview);
      } else {
        this.#keep(file);
        this.announce(this.#strings.photoTaken); // the same text again for the next photo
      }
      this.dispatchEvent(new PhotoCaptureEvent({ file, width, height, effect }));
      return file;
    } finally {
      this.#busy--;
      this.requestUpdate();
    }
  }

  /** The photo under the name `strings.fileName` gives it (the same File when that is its name). */
  #named(file: File): File {
    if (this.#strings.fileName === DEFAULT_STRINGS.fileName) return file; // the pipeline's name
    const ext = /\.(\w+)$/.exec(file.name)?.[1] ?? 'jpg';
    const values = { time: file.lastModified, ext };
    const name = format(this.#strings.fileName, values) || format(DEFAULT_STRINGS.fileName, values);
    if (name === file.name) return file;
    return new File([file], name, { type: file.type, lastModified: file.lastModified });
  }

  /** Keeps the photo under review: it becomes the value and joins the strip. Returns it. */
  accept(): File | null {
    const file = this.reviewFile;
    if (!file) return null;
    this.reviewFile = null;
    this.#keep(file);
    this.announce(this.#strings.photoAccepted);
    return file;
  }

  /** Discards the photo under review (the value does not change). */
  retake(): void {
    if (!this.reviewFile) return;
    this.reviewFile = null;
    this.announce(this.#strings.photoDiscarded);
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
    if (!this.#pipeline || !this.isConnected) throw new MediaCaptureError('not-live', CAMERA);
    const stream = this.#pipeline.captureStream(fps);
    this.#streams.set(stream, fps);
    return stream;
  }

  // ---------------------------------------------------------------- parsing helpers

  #parseNumber(attribute: string, value: unknown, min: number, max: number, fallback: number): number {
    // A blank value means the default (Number('  ') would be 0: a black picture, the lowest quality).
    if (value === null || value === undefined || String(value).trim() === '') return fallback;
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isFinite(n) || n < min || n > max) {
      warnInvalidAttribute(this, attribute, value, fallback);
      return fallback;
    }
    return n;
  }

  #parseCount(attribute: string, value: unknown, fallback: number): number {
    if (value === null || value === undefined || String(value).trim() === '') return fallback;
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(n) || n < 0) {
      warnInvalidAttribute(this, attribute, value, fallback);
      return fallback;
    }
    return n;
  }

  #adjustments() {
    return { brightness: this.#brightness, contrast: this.#contrast, saturation: this.#saturation };
  }

  #photoSource(): PhotoSource {
    if (this.#source === 'photo' && typeof (globalThis as { ImageCapture?: unknown }).ImageCapture !== 'function') {
      warnInvalidAttribute(this, 'source', 'photo', 'video (ImageCapture is not supported by this browser)');
      return 'video';
    }
    return this.#source;
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
    this.#value = file;
    this.requestUpdate('value');
    if (this.#maxShots > 0) {
      this.#photos = [...this.#photos, file].slice(-this.#maxShots);
    }
  }

  #runCountdown(seconds: number): Promise<void> {
    this.#cancelCountdown(false);
    return new Promise<void>((resolve, reject) => {
      let n = seconds;
      const tick = () => {
        if (n <= 0 || !this.#isLive()) {
          this.#timer = null;
          this.#stopEscapeWatch();
          this.remaining = 0;
          if (this.#isLive()) resolve();
          else reject(new MediaCaptureError('not-live', CAMERA));
          return;
        }
        this.remaining = n;
        this.announcement = this.formatString(this.#strings.countdownTick, { n });
        n--;
        this.#timer = { handle: setTimeout(tick, 1000), reject };
      };
      this.#watchEscape();
      tick();
    });
  }

  /**
   * Cancels a running countdown: its capture rejects with `aborted`, or with `not-live` when the
   * camera stopped under it.
   */
  #cancelCountdown(announce: boolean, code: 'aborted' | 'not-live' = 'aborted'): boolean {
    const t = this.#timer;
    if (!t) return false;
    this.#timer = null;
    clearTimeout(t.handle);
    this.remaining = 0;
    t.reject(new MediaCaptureError(code, CAMERA));
    this.#stopEscapeWatch();
    if (announce) this.announcement = this.#strings.countdownCancelled;
    return true;
  }

  /**
   * While a countdown runs, Escape cancels it also when the focus is on nothing in particular
   * (the page's body): a mouse click on the shutter does not focus it in Safari or in Firefox
   * on macOS, so the key would never reach the element.
   */
  #watchEscape(): void {
    if (this.#escapeDoc) return;
    this.#escapeDoc = this.ownerDocument;
    this.#escapeDoc.addEventListener('keydown', this.#onDocumentKeyDown);
  }

  #stopEscapeWatch(): void {
    this.#escapeDoc?.removeEventListener('keydown', this.#onDocumentKeyDown);
    this.#escapeDoc = null;
  }

  #escapeDoc: Document | null = null;

  #onDocumentKeyDown = (e: KeyboardEvent) => {
    const doc = this.#escapeDoc;
    const idle = !doc?.activeElement || doc.activeElement === doc.body || doc.activeElement === doc.documentElement;
    if (e.key === 'Escape' && !e.defaultPrevented && idle && this.#cancelCountdown(true)) e.preventDefault();
  };

  /**
   * Shows the flash until its animation ends (`--photo-booth-flash-duration`). Without an
   * animation (reduced motion) it stays {@link FLASH_STILL_MS}; a timer a second after the
   * animation's duration ends it too, should no `animationend` come (a hidden page).
   */
  #flash(): void {
    clearTimeout(this.#flashTimer);
    this.flashing = false;
    void this.updateComplete.then(async () => {
      if (!this.isConnected) return;
      this.flashing = true;
      await this.updateComplete;
      const flash = this.renderRoot.querySelector<HTMLElement>('[part~="flash"]');
      const style = flash ? getComputedStyle(flash) : null;
      const animated = !!style && style.animationName !== 'none';
      const ms = animated ? cssTimeMs(style.animationDuration) + FLASH_END_GRACE_MS : FLASH_STILL_MS;
      this.#flashTimer = setTimeout(() => (this.flashing = false), ms);
    });
  }

  #onFlashEnd = () => {
    clearTimeout(this.#flashTimer);
    this.flashing = false;
  };

  #url(file: File): string {
    if (!this.isConnected) return ''; // an update after disconnect must not create URLs again
    let url = this.#urls.get(file);
    if (!url) {
      url = URL.createObjectURL(file);
      this.#urls.set(file, url);
    }
    return url;
  }

  /** Revokes the object URLs of photos no longer shown (all of them with `all`). */
  #revokeUrls(all = false): void {
    const shown = new Set<File>(all ? [] : [...(this.reviewFile ? [this.reviewFile] : []), ...this.#photos]);
    for (const [file, url] of this.#urls) {
      if (shown.has(file)) continue;
      URL.revokeObjectURL(url);
      this.#urls.delete(file);
    }
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
  #rebuildPipeline(): void {
    this.#disposePipeline();
    this.#createPipeline();
    this.requestUpdate(); // label the new canvas
  }

  #createPipeline(): void {
    const host = this.previewHost;
    const video = this.video;
    if (!host || !video || this.#pipeline) return;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('part', 'preview');
    canvas.setAttribute('role', 'img');
    // The canvas is the element's own: the 2D preview may move it to a worker (liveWorker).
    const options: CapturePipelineOptions = {
      ...this.pipelineOptions(),
      canvas,
      liveWorker: !this.#liveWorkerFailed,
      effect: this.#effect,
      adjustments: this.#adjustments(),
    };
    options.onLiveFailed = () => {
      // The canvas belongs to the dead worker: go on with a new one, drawn on the main thread.
      this.#liveWorkerFailed = true;
      if (this.#pipeline === pipeline) this.#rebuildPipeline();
    };
    let pipeline: CapturePipeline;
    try {
      pipeline = new CapturePipeline({ ...options, renderer: this.#renderer });
    } catch (err) {
      if (!(err instanceof CaptureError && err.code === 'unsupported' && this.#renderer === 'webgl2')) {
        console.warn(`<${this.localName}>: the live preview cannot be rendered.`, err);
        return;
      }
      warnInvalidAttribute(this, 'renderer', 'webgl2', '2d (WebGL2 is not available)');
      // A canvas that failed to give WebGL2 can still give 2D.
      pipeline = new CapturePipeline({ ...options, canvas: document.createElement('canvas'), renderer: '2d' });
      pipeline.canvas.setAttribute('part', 'preview');
      pipeline.canvas.setAttribute('role', 'img');
    }
    this.#pipeline = pipeline;
    this.#pipelineRenderer = this.#renderer;
    this.#canvas = pipeline.canvas;
    host.replaceChildren(pipeline.canvas);
    pipeline.attach(video);
    if (video.srcObject) pipeline.start();
    if (pipeline.rendererKind === 'webgl2') this.#watchContext(pipeline);
    this.#moveStreams(pipeline);
  }

  #unwatchContext: (() => void) | null = null;

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
        this.#rebuildPipeline();
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

  #disposePipeline(): void {
    this.#unwatchContext?.();
    this.#unwatchContext = null;
    // The canvas is the element's and is dropped here: release its GL context or pixels now.
    this.#pipeline?.dispose({ releaseCanvas: true });
    this.#pipeline = null;
    this.#pipelineRenderer = null;
    this.#canvas?.remove();
    this.#canvas = null;
  }

  // ---------------------------------------------------------------- state

  protected override viewStrings(): PhotoBoothStrings {
    return this.#strings;
  }

  #isMirrored(): boolean {
    return this.mirroredFor(this.#stream());
  }

  get #disabled(): boolean {
    return this.disabled || this.#formDisabled;
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
    if (Object.keys(video).length) void this.controller.setOptions({ video });
  }

  // ---------------------------------------------------------------- lifecycle

  constructor() {
    super();
    this.addEventListener('keydown', this.#onKeyDown);
  }

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
    this.#cancelCountdown(false, 'not-live');
    clearTimeout(this.#flashTimer);
    this.flashing = false;
    if (this.video) this.video.srcObject = null;
    this.#disposePipeline();
    for (const s of this.#streams.keys()) s.getTracks().forEach((t) => t.stop());
    this.#streams.clear();
    this.#revokeUrls(true);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const m = this.#isMirrored();
    if (m !== this.mirrored) this.mirrored = m;
    if (this.state !== 'live' && this.#timer) this.#cancelCountdown(false, 'not-live');
    if (changed.has('disabled') && this.disabled) this.#cancelCountdown(false);
    this.announceFrozen(this.state === 'live' && this.#noFrames);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const focusInReview = !!this.renderRoot.querySelector('.review')?.matches(':focus-within');
    if (this.isConnected) {
      // The pipeline (a canvas, maybe a WebGL2 context, its workers) is made when the camera
      // first goes live, not for a booth that waits to be started: a page may hold many of them,
      // and browsers keep only so many WebGL contexts. It then stays until disconnect.
      const wanted = !!this.#pipeline || !!this.#stream();
      if (this.#pipeline && this.#pipelineRenderer !== this.#renderer) this.#disposePipeline();
      if (!this.#pipeline && wanted) this.#createPipeline();
    }
    const pipeline = this.#pipeline;
    const video = this.video;
    if (pipeline && (changed.has('effect') || changed.has('brightness') || changed.has('contrast') || changed.has('saturation'))) {
      pipeline.setEffect(this.#effect, this.#adjustments());
    }
    if (video) {
      const target = this.isConnected ? this.#stream() : null;
      if (video.srcObject !== target) {
        video.srcObject = target;
        if (target) {
          video.muted = true;
          video.play().catch(() => {
            /* autoplay policies: a muted inline video normally plays; the next update tries again */
          });
          if (pipeline) {
            pipeline.attach(video);
            pipeline.start();
          }
        } else pipeline?.stop();
      } else if (target && video.paused && video.readyState >= 1) {
        video.play().catch(() => {});
      }
    }
    if (this.#canvas) {
      this.#canvas.setAttribute('aria-label', this.#strings.previewLabel);
      this.#canvas.classList.toggle('effect', this.#effect !== 'none');
    }
    this.#revokeUrls();
    // Form value and validity.
    const value = this.#disabled ? null : this.#value;
    this.internals.setFormValue(value, this.#value);
    // The anchor is looked for only when the form needs one (it reads the layout).
    if (this.required && !this.#value && !this.#disabled)
      this.internals.setValidity({ valueMissing: true }, this.#strings.valueMissing || DEFAULT_STRINGS.valueMissing, this.#validationAnchor());
    else this.internals.setValidity({});
    this.setCustomState('mirrored', this.mirrored);
    this.setCustomState('muted', this.state === 'live' && this.#noFrames);
    this.setCustomState('countdown', this.remaining > 0);
    this.setCustomState('review', !!this.reviewFile);
    this.setCustomState('has-value', !!this.#value);
    this.setCustomState('disabled', this.#disabled);
    // Keep the focus in the element when its view changes under it.
    if (changed.has('reviewFile')) {
      const before = changed.get('reviewFile') as File | null | undefined;
      if (this.reviewFile && !before && this.#shutterHadFocus) {
        this.renderRoot.querySelector<HTMLElement>('[part~="accept-button"]')?.focus();
      } else if (!this.reviewFile && before && (focusInReview || this.#reviewHadFocus)) {
        this.shutter?.focus();
      }
    }
    this.#shutterHadFocus = false;
    this.#reviewHadFocus = false;
  }

  #shutterHadFocus = false;
  #reviewHadFocus = false;

  /**
   * The control the browser points at (and focuses) when a `required` booth without a photo
   * blocks its form: the one that gives a photo in this view (Use photo in review, the shutter
   * live, the start or retry control of a view), never a disabled or missing one.
   */
  #validationAnchor(): HTMLElement | undefined {
    const root = this.renderRoot;
    // A control slotted through another component's slot is not in this element: the browser
    // takes no anchor from outside (setValidity throws).
    const usable = (el: Element | null | undefined): el is HTMLElement =>
      el instanceof HTMLElement &&
      (this.contains(el) || root.contains(el)) &&
      !el.matches(':disabled') &&
      el.getClientRects().length > 0;
    const candidates = [
      root.querySelector('[part~="accept-button"]'),
      root.querySelector('[part~="shutter"]'),
      this.slottedControl('start-button') ?? root.querySelector('[part~="start-button"]'),
      this.slottedControl('retry-button') ?? root.querySelector('[part~="retry-button"]'),
    ];
    return candidates.find(usable);
  }

  protected override shouldUpdate(changed: PropertyValues): boolean {
    // Remember where the focus was before a view that holds it is replaced.
    const active = this.shadowRoot?.activeElement ?? null;
    this.#shutterHadFocus = !!active && active === this.shutter;
    this.#reviewHadFocus = !!active?.closest?.('.review');
    return super.shouldUpdate(changed);
  }

  // ---------------------------------------------------------------- events

  #onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.#cancelCountdown(true)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };



  #onShutter = () => {
    if (this.#cancelCountdown(true)) return;
    if (this.#busy || this.#disabled) return;
    if (this.#frozen) {
      // The shutter is aria-disabled while the picture is frozen: say why again, take nothing.
      this.announce(this.#strings.announceMuted);
      return;
    }
    this.capture({ countdown: true }).then(
      () => {
        if (!this.review) this.#fireChange();
      },
      (err: unknown) => {
        if (err instanceof MediaCaptureError && err.code === 'aborted') return;
        // The camera stopped under a countdown (or the booth left the page): its state change is
        // announced already; no failure to add.
        if (err instanceof MediaCaptureError && err.code === 'not-live' && !this.#isLive()) return;
        this.announce(err instanceof MediaCaptureError && err.code === 'frozen' ? this.#strings.announceMuted : this.#strings.captureFailed);
        const error =
          err instanceof MediaCaptureError ? err : new MediaCaptureError(err instanceof CaptureError && err.code === 'not-live' ? 'not-live' : 'capture-failed', { ...CAMERA, cause: err });
        this.dispatchEvent(new MediaErrorEvent({ error }));
      },
    );
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
    const s = this.#strings;
    const live = this.state === 'live' && !!this.#stream();
    const reviewing = !!this.reviewFile;
    const classes = ['base', this.state, reviewing ? 'reviewing' : '', this.mirrored ? 'mirrored' : ''].filter(Boolean).join(' ');
    const strip = this.#maxShots > 0 && this.#photos.length > 0;
    return html`<div part="base" class=${classes}>
      <div part="stage" class="stage">
        <video class="media source" aria-hidden="true" playsinline muted autoplay disablepictureinpicture ?hidden=${!live}></video>
        <div class="preview-host" ?hidden=${!live}></div>
        ${live && this.#noFrames && !reviewing
          ? html`<div part="muted-overlay" class="overlay">${icon('pause')}<slot name="muted-message">${s.muted}</slot></div>`
          : nothing}
        ${live && this.remaining > 0
          ? html`<div part="countdown" class="countdown" aria-hidden="true">${this.numberFormat().format(this.remaining)}</div>`
          : nothing}
        ${live && !reviewing ? this.#renderControls() : nothing}
        ${this.flashing ? html`<div part="flash" class="flash" aria-hidden="true" @animationend=${this.#onFlashEnd}></div>` : nothing}
        ${reviewing ? this.#renderReview(this.reviewFile!) : live ? nothing : this.#renderView()}
      </div>
      ${strip
        ? html`<ul part="strip" class="strip" aria-label=${s.stripLabel}>
            ${this.#photos.map(
              (file, i) =>
                html`<li><img part="thumbnail" src=${this.#url(file)} alt=${this.formatString(s.stripItem, { n: i + 1 })} /></li>`,
            )}
          </ul>`
        : nothing}
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  #renderControls(): TemplateResult {
    const s = this.#strings;
    const counting = this.remaining > 0;
    const frozen = this.#frozen && !counting;
    // Busy with a photo, the shutter stays focusable (aria-disabled; presses are ignored): a
    // disabled button would lose the keyboard focus in Chromium after every photo.
    const busy = this.#busy > 0 && !counting;
    const label = counting ? s.cancelCountdown : this.#countdown > 0 ? this.formatString(s.shutterCountdown, { seconds: this.#countdown }) : s.shutter;
    return html`<div part="controls" class="bar">
      <slot name="controls"></slot>
      <button
        part="shutter"
        class="shutter ${counting ? 'counting' : ''}"
        type="button"
        aria-disabled=${frozen || busy ? 'true' : nothing}
        ?disabled=${this.#disabled}
        @click=${this.#onShutter}
      >
        <span class="visually-hidden">${label}</span>
      </button>
    </div>`;
  }

  #renderReview(file: File): TemplateResult {
    const s = this.#strings;
    const url = this.#url(file);
    return html`<div part="review" class="review">
      <img part="review-image" src=${url} alt=${s.reviewLabel} />
      <div part="review-controls" class="bar">
        <button part="button retake-button" class="button secondary" type="button" ?disabled=${this.#disabled} @click=${this.#onRetake}>
          ${s.retake}
        </button>
        <a part="button download-button" class="button secondary" href=${url} download=${file.name}>${s.download}</a>
        <button part="button accept-button" class="button" type="button" ?disabled=${this.#disabled} @click=${this.#onAccept}>
          ${s.accept}
        </button>
      </div>
    </div>`;
  }

  #renderView(): TemplateResult {
    if (this.state === 'live')
      // live state without a video track (an audio-only shared stream): nothing to photograph
      return html`<div part="panel" class="panel error">
        ${icon('cameraOff')}
        <p part="message" class="message">${new MediaCaptureError('not-live', CAMERA).message}</p>
      </div>`;
    return this.renderStateView();
  }
}
