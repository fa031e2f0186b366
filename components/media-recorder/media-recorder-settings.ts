import { property } from 'lit/decorators.js';
import { EFFECT_NAMES, type EffectName } from '../../src/capture/effects.js';
import { parseEnum } from '../internal/attributes.js';
import { CameraViewElement } from '../internal/camera-view-element.js';
import { parseCountAttribute, parseNumberAttribute } from '../internal/number-attributes.js';
import { Strings } from '../internal/strings.js';
import { DEFAULT_STRINGS, type MediaRecorderStrings } from './media-recorder.strings.js';

/** The most a number attribute takes (a day in seconds, 2^53 bytes…): beyond is a typo. */
const DAY_S = 86_400;

/**
 * The attributes and properties a page sets on `<media-recorder>`, parsed (a bad value warns
 * once and gives the default) and documented; `MediaRecorderElement` extends it.
 */
export abstract class MediaRecorderSettings extends CameraViewElement {
  #effect: EffectName = 'none';
  #maxDuration = 0;
  #maxSize = 0;
  #countdown = 0;
  #timeslice = 0;
  #videoBps = 0;
  #audioBps = 0;
  #mimeType = '';
  /** The strings in use (`.value`), with the defaults to fall back to. */
  protected readonly recorderStrings = new Strings<MediaRecorderStrings>(DEFAULT_STRINGS);

  /** `audio-only` or `no-audio` changed: the element asks the controller for other kinds. */
  protected abstract kindsChanged(): void;

  /**
   * The microphone alone (a voice message): no camera is asked for, and a level display shows
   * instead of the picture.
   */
  @property({ type: Boolean, reflect: true, attribute: 'audio-only' })
  get audioOnly(): boolean {
    return this.#audioOnly;
  }
  set audioOnly(v: boolean) {
    const old = this.#audioOnly;
    this.#audioOnly = !!v;
    if (old !== this.#audioOnly) {
      this.requestUpdate('audioOnly', old);
      this.kindsChanged();
    }
  }
  #audioOnly = false;

  /** The camera without the microphone: the recording has no sound. */
  @property({ type: Boolean, reflect: true, attribute: 'no-audio' })
  get noAudio(): boolean {
    return this.#noAudio;
  }
  set noAudio(v: boolean) {
    const old = this.#noAudio;
    this.#noAudio = !!v;
    if (old !== this.#noAudio) {
      this.requestUpdate('noAudio', old);
      this.kindsChanged();
    }
  }
  #noAudio = false;

  /**
   * The effect, in the preview and baked into the recording: `none` (default), `grayscale`,
   * `sepia`, `invert`, `vintage`, `pixelate`, or a name the page registered with
   * `registerEffect()` before setting it.
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
   * Mirror the recording too (`mirror` mirrors the preview only). The preview is then the
   * mirrored picture that is recorded.
   */
  @property({ type: Boolean, attribute: 'mirror-recording' }) mirrorRecording = false;

  /**
   * Seconds after which a recording stops by itself (pauses left out); 0 (default): no limit.
   * @default 0
   */
  @property({ attribute: 'max-duration' })
  get maxDuration(): number {
    return this.#maxDuration;
  }
  set maxDuration(value: number | string | null | undefined) {
    this.#maxDuration = parseNumberAttribute(this, 'max-duration', value, 0, DAY_S, 0);
  }

  /**
   * Bytes a recording may take: it stops before the file would pass this; 0 (default): no
   * limit. The data is looked at every 250 ms (or every `timeslice`), so keep it well above what
   * a quarter second takes.
   * @default 0
   */
  @property({ attribute: 'max-size' })
  get maxSize(): number {
    return this.#maxSize;
  }
  set maxSize(value: number | string | null | undefined) {
    this.#maxSize = parseCountAttribute(this, 'max-size', value, 0);
  }

  /**
   * Seconds counted down (announced, cancellable with Escape) before a recording starts; 0
   * (default): none.
   * @default 0
   */
  @property()
  get countdown(): number {
    return this.#countdown;
  }
  set countdown(value: number | string | null | undefined) {
    this.#countdown = parseCountAttribute(this, 'countdown', value, 0);
  }

  /** Show each recording for review (play, record again, download, use) before it becomes the value. */
  @property({ type: Boolean, reflect: true }) review = false;

  /**
   * The preferred type (`video/webm;codecs=vp9,opus`, `audio/ogg`…). One this browser cannot
   * record, or one of the wrong kind (`audio/…` for a picture), falls back to the best type it
   * offers (MP4, else WebM, else Ogg for sound), with a warning. Read `mimeType` for what is
   * really recorded.
   * @default ''
   */
  @property({ attribute: 'mime-type' })
  get preferredMimeType(): string {
    return this.#mimeType;
  }
  set preferredMimeType(value: string | null | undefined) {
    this.#mimeType = value === null || value === undefined ? '' : String(value).trim();
  }

  /**
   * Video bit rate asked of the recorder (bits per second); 0 (default): the browser's.
   * @default 0
   */
  @property({ attribute: 'video-bits-per-second' })
  get videoBitsPerSecond(): number {
    return this.#videoBps;
  }
  set videoBitsPerSecond(value: number | string | null | undefined) {
    this.#videoBps = parseCountAttribute(this, 'video-bits-per-second', value, 0);
  }

  /**
   * Audio bit rate asked of the recorder (bits per second); 0 (default): the browser's.
   * @default 0
   */
  @property({ attribute: 'audio-bits-per-second' })
  get audioBitsPerSecond(): number {
    return this.#audioBps;
  }
  set audioBitsPerSecond(value: number | string | null | undefined) {
    this.#audioBps = parseCountAttribute(this, 'audio-bits-per-second', value, 0);
  }

  /**
   * Milliseconds between `recording-data` events (the data as it is recorded); 0 (default):
   * no `recording-data`, one file at the end.
   * @default 0
   */
  @property()
  get timeslice(): number {
    return this.#timeslice;
  }
  set timeslice(value: number | string | null | undefined) {
    this.#timeslice = parseCountAttribute(this, 'timeslice', value, 0);
  }

  /** The name under which the recording is submitted with a form. */
  @property({ reflect: true }) name = '';

  /** The form is invalid while there is no recording. */
  @property({ type: Boolean, reflect: true }) required = false;

  /**
   * Disables the element's controls (as for native controls; a disabled `<fieldset>` disables it
   * too). A recording running then ends, with `recording-stop` (`reason: 'disabled'`) carrying
   * what was recorded; a countdown stops.
   */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Replace any of the visible or announced strings (merged over the English defaults). */
  @property({ attribute: false })
  get strings(): MediaRecorderStrings {
    return this.recorderStrings.value;
  }
  set strings(value: Partial<MediaRecorderStrings> | null | undefined) {
    this.recorderStrings.value = value;
  }
}
