import { property } from 'lit/decorators.js';
import { EFFECT_NAMES, EFFECT_REGISTER_EVENT, type EffectName } from '../../src/capture/effects.js';
import type { RendererPreference } from '../../src/capture/pipeline.js';
import type { PhotoFormat } from '../../src/capture/raster.js';
import { parseEnum } from '../internal/attributes.js';
import { CameraViewElement } from '../internal/camera-view-element.js';
import { parseCountAttribute, parseNumberAttribute } from '../internal/number-attributes.js';
import { Strings } from '../internal/strings.js';
import { DEFAULT_STRINGS, type PhotoBoothStrings } from './photo-booth.strings.js';

/** Where a photo's pixels come from. */
export type PhotoSource = 'video' | 'photo';

const RENDERERS: readonly RendererPreference[] = ['auto', 'webgl2', '2d'];
const FORMATS: readonly PhotoFormat[] = ['image/jpeg', 'image/png', 'image/webp'];
const SOURCES: readonly PhotoSource[] = ['video', 'photo'];
const DEFAULT_QUALITY = 0.92;
/** How many photos the strip shows by default. */
export const DEFAULT_MAX_SHOTS = 4;

/**
 * The attributes and properties a page sets on `<photo-booth>`, parsed (a bad value warns once
 * and gives the default) and documented; `PhotoBooth` extends it and reads them as plain values.
 * Its own state (the value, the photos, the parts) stays in the element.
 */
export abstract class PhotoBoothSettings extends CameraViewElement {
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
  /** The strings in use (`.value`), with the defaults to fall back to. */
  protected readonly boothStrings = new Strings<PhotoBoothStrings>(DEFAULT_STRINGS);

  /** `max-shots` changed (after parsing): the element's strip keeps that many photos. */
  protected abstract maxShotsChanged(max: number): void;

  /**
   * The effect: `none` (default), `grayscale`, `sepia`, `invert`, `vintage`, `pixelate`, or the
   * name of an effect the page registered with `registerEffect()`. Live and in photos. A name
   * registered only after it was set (a module that registers after the element was upgraded) is
   * taken when it is registered; until then the booth shows `none`, with a warning.
   * @default 'none'
   */
  @property()
  get effect(): EffectName {
    return this.#effect;
  }
  set effect(value: EffectName | string | null | undefined) {
    this.#effect = parseEnum(this, 'effect', value, EFFECT_NAMES, 'none');
    const asked = typeof value === 'string' ? value.trim().toLowerCase() : '';
    this.#pendingEffect = asked && this.#effect === 'none' && asked !== 'none' ? asked : null;
  }

  /** An effect name set before it was registered (see `effect`). */
  #pendingEffect: string | null = null;
  readonly #onEffectRegistered = (e: Event) => {
    const name = (e as CustomEvent<{ name: string }>).detail?.name;
    if (!name || name !== this.#pendingEffect) return;
    const old = this.#effect;
    this.#effect = name as EffectName;
    this.#pendingEffect = null;
    this.requestUpdate('effect', old);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.(EFFECT_REGISTER_EVENT, this.#onEffectRegistered);
    // Registered while the booth was away from the page.
    const pending = this.#pendingEffect;
    if (pending && EFFECT_NAMES.includes(pending)) this.#onEffectRegistered(new CustomEvent(EFFECT_REGISTER_EVENT, { detail: { name: pending } }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.(EFFECT_REGISTER_EVENT, this.#onEffectRegistered);
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
    this.#brightness = parseNumberAttribute(this, 'brightness', value, 0, 2, 1);
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
    this.#contrast = parseNumberAttribute(this, 'contrast', value, 0, 2, 1);
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
    this.#saturation = parseNumberAttribute(this, 'saturation', value, 0, 2, 1);
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
    this.#quality = parseNumberAttribute(this, 'quality', value, 0, 1, DEFAULT_QUALITY);
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
    this.#countdown = parseCountAttribute(this, 'countdown', value, 0);
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
    this.#maxShots = parseCountAttribute(this, 'max-shots', value, DEFAULT_MAX_SHOTS);
    this.maxShotsChanged(this.#maxShots);
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
    return this.boothStrings.value;
  }
  set strings(value: Partial<PhotoBoothStrings> | null | undefined) {
    this.boothStrings.value = value;
  }
}
