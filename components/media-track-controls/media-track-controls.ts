import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Demand } from '../../src/controller.js';
import type { CaptureState, TrackKind } from '../../src/events.js';
import { parseEnum } from '../internal/attributes.js';
import { MediaCaptureElement } from '../internal/capture-element.js';
import { Strings } from '../internal/strings.js';
import { type ControlModel, DEFAULT_PROPERTIES, PROPERTIES, controlFor, settingsOf } from './properties.js';
import { type ControlsView, renderControl, valueOfControl } from './media-track-controls.render.js';
import { DEFAULT_TRACK_CONTROLS_STRINGS, type MediaTrackControlsStrings } from './media-track-controls.strings.js';
import { styles } from './media-track-controls.styles.js';

export type { MediaTrackControlsStrings } from './media-track-controls.strings.js';
export { DEFAULT_PROPERTIES, PROPERTIES } from './properties.js';

/** The kinds of track the controls can be for. */
export const TRACK_KINDS: readonly TrackKind[] = ['video', 'audio'];

/**
 * Controls for the settings of the shared stream's camera or microphone, built from what the
 * live track says it can do (`getCapabilities()`): a slider for a range (with its value and
 * unit), a list for a set of modes, a switch for on and off. Each is a native control whose
 * `name` is the property's name (`frameRate`, `focusDistance`, `echoCancellation`, ...).
 *
 * A change is applied on the same track through the shared controller (`applySettings`:
 * `applyConstraints`, no new `getUserMedia`, no prompt); afterwards the control shows what the
 * device really set. A value the device refuses fires `media-error` (an `overconstrained` error
 * naming the setting) and the control shows the setting in force. The values chosen stay the
 * stream's options, so they survive a device switch where the new device can take them.
 *
 * Properties the track lacks are not shown (Firefox and Safari report fewer than Chromium; a
 * browser without `getCapabilities` shows a message). A control that depends on a mode
 * (manual focus distance, manual exposure time, manual colour temperature) is enabled only in
 * that mode. The element does not turn the device on by itself (use `autostart` or another
 * element); it shows a message until the track of its kind is live.
 *
 * @summary Camera and microphone settings (zoom, torch, focus, exposure, frame rate, echo cancellation, ...) from the track's capabilities.
 * @tag media-track-controls
 *
 * @csspart base - The group of controls (or the message).
 * @csspart control - The row of one control (also `control-<name>`, e.g. `control-frameRate`).
 * @csspart label - A control's label.
 * @csspart range - A slider (`input type=range`).
 * @csspart value - The value and unit shown beside a slider.
 * @csspart select - A list of modes or sizes (`select`).
 * @csspart switch - An on/off switch (`input type=checkbox role=switch`).
 * @csspart hint - Why a control is disabled ("Available when Focus mode is Manual.").
 * @csspart message - The text shown when there are no controls, or no live track.
 * @csspart status - The screen-reader live region (visually hidden).
 *
 * @cssprop [--media-track-controls-font-size=0.875rem] - Font size.
 * @cssprop [--media-track-controls-padding=0] - Padding around the controls.
 * @cssprop [--media-track-controls-field-background] - Background of the lists (default: the background).
 * @cssprop [--media-track-controls-background] - Background (falls back to `--media-capture-background`).
 * @cssprop [--media-track-controls-color] - Text colour (falls back to `--media-capture-color`).
 * @cssprop [--media-track-controls-muted-color] - Hints and messages (falls back to `--media-capture-muted-color`).
 * @cssprop [--media-track-controls-accent] - Sliders, switches and the focus ring (falls back to `--media-capture-accent`).
 * @cssprop [--media-track-controls-accent-color] - The knob of a switch that is on (falls back to `--media-capture-accent-color`).
 * @cssprop [--media-track-controls-border-color] - Borders (falls back to `--media-capture-border-color`).
 * @cssprop [--media-track-controls-radius=8px] - Corner radius (falls back to `--media-capture-radius`).
 * @cssprop [--media-track-controls-gap=0.75rem] - Space between controls (falls back to `--media-capture-gap`).
 * @cssprop [--media-track-controls-font] - Font family (falls back to `--media-capture-font`).
 * @cssprop [--media-track-controls-focus-ring] - Focus ring box-shadow (falls back to `--media-capture-focus-ring`).
 *
 * @cssstate idle - The track of the kind is not live and not being requested.
 * @cssstate requesting - The device is being requested.
 * @cssstate live - The track of the kind is live.
 * @cssstate denied - Access is blocked.
 * @cssstate unavailable - No device of the kind.
 * @cssstate error - The shared stream failed.
 * @cssstate empty - Live, and no control to show.
 * @cssstate applying - A change is being applied.
 *
 * @fires {MediaSettingsChangeEvent} media-settings-change - The settings of a track of the stream changed and took effect (`{ kind, settings, changed }`), by this element, another one or a script.
 * @fires {MediaErrorEvent} media-error - A value was refused (`overconstrained`, `error.constraint` names it), or the shared stream failed.
 * @fires {MediaOptionsConflictEvent} media-options-conflict - Another element on the stream changed a setting this element set; the last change wins. Also warned in the console.
 */
export class MediaTrackControls extends MediaCaptureElement {
  static override styles = styles;
  static override forwardedEvents = ['media-settings-change', 'media-error'] as const;

  #kind: TrackKind = 'video';
  #properties: readonly string[] | null = null;
  #propertiesAttr: string | null = null;
  readonly #strings = new Strings<MediaTrackControlsStrings>(DEFAULT_TRACK_CONTROLS_STRINGS);
  /** Values chosen and not yet applied, by property. */
  readonly #pending = new Map<string, unknown>();
  /** A call id per property: an older change that settles late does not clear a newer one. */
  readonly #calls = new Map<string, number>();
  #models = new Map<string, ControlModel>();

  /**
   * Which track: `video` (the camera, default) or `audio` (the microphone). Another value falls
   * back to `video` with a warning.
   * @default 'video'
   */
  @property()
  get kind(): TrackKind {
    return this.#kind;
  }
  set kind(value: TrackKind | string | null | undefined) {
    const next = parseEnum(this, 'kind', value, TRACK_KINDS, 'video');
    if (next === this.#kind) return;
    this.#kind = next;
    this.#pending.clear();
    this.adapter.demandChanged();
  }

  /**
   * Which properties to show, in this order, separated by spaces (`zoom torch focusMode`). A
   * name the element does not know is left out with a warning; a property the track lacks is
   * not shown. `resolution` is a list of the sizes the device can give. Without it, a default
   * set per kind (see `DEFAULT_PROPERTIES`); so does an empty value.
   */
  @property()
  get properties(): string | null {
    return this.#propertiesAttr;
  }
  set properties(value: string | null | undefined) {
    this.#propertiesAttr = value ?? null;
    this.#properties = value == null || !value.trim() ? null : this.#parseProperties(value);
  }

  /** Disables every control. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Replace any of the visible or announced strings (merged over the English defaults). */
  @property({ attribute: false })
  get strings(): MediaTrackControlsStrings {
    return this.#strings.value;
  }
  set strings(value: Partial<MediaTrackControlsStrings> | null | undefined) {
    this.#strings.value = value;
  }

  /** The live track of the kind, or `null`. */
  get track(): MediaStreamTrack | null {
    return this.#kind === 'video' ? this.controller.videoTrack : this.controller.audioTrack;
  }
  /** What the live track can do (`getCapabilities()`), or `null`. */
  get capabilities(): MediaTrackCapabilities | null {
    return this.controller.getCapabilities(this.#kind);
  }
  /** The settings in force (`getSettings()`), or `null`. */
  get settings(): MediaTrackSettings | null {
    return this.controller.getSettings(this.#kind);
  }
  /** The names of the controls shown now, in order. */
  get shownProperties(): string[] {
    return [...this.#models.keys()];
  }

  /**
   * Set properties of the track (as the controls do): applied on the same track through the
   * shared controller. Resolves with the settings in force afterwards; a refused value fires
   * `media-error` and leaves the setting in force. Never rejects.
   */
  async apply(values: Record<string, string | number | boolean>): Promise<MediaTrackSettings | null> {
    const names = Object.keys(values);
    const calls = names.map((n) => [n, (this.#calls.get(n) ?? 0) + 1] as const);
    for (const [n, call] of calls) {
      this.#calls.set(n, call);
      this.#pending.set(n, values[n]);
    }
    this.setCustomState('applying', true);
    this.requestUpdate();
    const c = this.controller;
    const before = c.error;
    const applied: Record<string, string | number | boolean> = {};
    for (const n of names) Object.assign(applied, settingsOf(n, values[n]));
    const result = await c.applySettings(this.#kind, applied, { consumer: this });
    for (const [n, call] of calls) if (this.#calls.get(n) === call) this.#pending.delete(n);
    this.setCustomState('applying', this.#pending.size > 0);
    const err = c.error;
    if (err && err !== before && err.code === 'overconstrained' && (!err.constraint || err.constraint in applied)) {
      this.announce(this.#strings.format('refused', { message: err.message }));
    }
    this.requestUpdate();
    return result;
  }

  protected override demand(): Demand {
    return { [this.#kind]: true };
  }

  protected override computeState(): CaptureState {
    return this.controller.stateFor(this.demand());
  }

  #parseProperties(value: string): string[] {
    const names = value.split(/[\s,]+/).filter(Boolean);
    const known = names.filter((n) => Object.hasOwn(PROPERTIES, n));
    const unknown = names.filter((n) => !Object.hasOwn(PROPERTIES, n));
    if (unknown.length) {
      console.warn(
        `<${this.localName}>: properties="${value}" names ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a constrainable property it knows; left out. Known: ${Object.keys(PROPERTIES).join(', ')}.`,
      );
    }
    return [...new Set(known)];
  }

  readonly #onInput = (e: Event): void => {
    const el = e.target as HTMLInputElement;
    const v = valueOfControl(el, this.#models.get(el.name));
    if (v === null) return;
    this.#pending.set(el.name, v);
    this.requestUpdate();
  };

  readonly #onChange = (e: Event): void => {
    e.stopPropagation();
    const el = e.target as HTMLInputElement | HTMLSelectElement;
    const v = valueOfControl(el, this.#models.get(el.name));
    if (v === null) return;
    void this.apply({ [el.name]: v });
    // The page hears of the choice as of a native control's (the control is in the shadow root).
    this.dispatchEvent(new Event('change', { bubbles: true }));
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const track = this.track;
    const caps = (track && this.capabilities) as Record<string, unknown> | null;
    const settings = (this.settings ?? {}) as Record<string, unknown>;
    const names = this.#properties ?? DEFAULT_PROPERTIES[this.#kind];
    const models = new Map<string, ControlModel>();
    if (caps) {
      for (const n of names) {
        const m = controlFor(n, caps, settings);
        if (m) models.set(n, m);
      }
    }
    this.#models = models;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setCustomState('empty', this.state === 'live' && this.#models.size === 0);
  }

  protected override render(): TemplateResult {
    const s = this.#strings.value;
    const group = this.#kind === 'video' ? s.cameraSettings : s.microphoneSettings;
    return html`<div part="base" class="base" role="group" aria-label=${group}>${this.#content()}</div>
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>`;
  }

  #content(): TemplateResult {
    const s = this.#strings.value;
    const track = this.track;
    const message = (text: string) => html`<p part="message" class="message">${text}</p>`;
    if (!track) return message(this.#kind === 'video' ? s.inactiveCamera : s.inactiveMicrophone);
    if (typeof track.getCapabilities !== 'function') return message(s.unsupported);
    if (this.#models.size === 0) return message(s.noControls);
    const view: ControlsView = {
      strings: this.#strings,
      numbers: this.numberFormat(),
      settings: (this.settings ?? {}) as Record<string, unknown>,
      pending: this.#pending,
      disabled: this.disabled,
      onInput: this.#onInput,
      onChange: this.#onChange,
    };
    const has = (n: string) => this.#models.has(n);
    return html`${[...this.#models.values()].map((m) => renderControl(view, m, has))}`;
  }
}
