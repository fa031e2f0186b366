import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { environmentError } from '../../src/controller.js';
import { MediaCaptureError, type ErrorDevice } from '../../src/errors.js';
import type { CaptureState, DeviceKind, MediaDevicesChangeEvent, MediaTrackEndedEvent } from '../../src/events.js';
import type { PermissionValue } from '../../src/permissions.js';
import { parseEnum } from '../internal/attributes.js';
import { MediaCaptureElement, format } from '../internal/capture-element.js';
import { icon } from '../internal/icons.js';
import { FormAssociated } from '../internal/form-associated.js';
import { styles } from './media-device-picker.styles.js';

/** The device kinds a picker can list. */
export const DEVICE_KINDS: readonly DeviceKind[] = ['videoinput', 'audioinput', 'audiooutput'];

/** Every user-visible string of `<media-device-picker>`. `{device}`, `{fallback}`, `{n}` are filled in. */
export interface MediaDevicePickerStrings {
  /** Label of the list, per kind. */
  cameraLabel: string;
  microphoneLabel: string;
  speakerLabel: string;
  /** Why access is needed before the list can be shown, per kind. */
  cameraAccessExplanation: string;
  microphoneAccessExplanation: string;
  speakerAccessExplanation: string;
  /** The button that asks for access, per kind. */
  allowCamera: string;
  allowMicrophone: string;
  allowSpeaker: string;
  /** While the browser asks the user. */
  requestingAccess: string;
  /** Before the first enumeration finished. */
  loading: string;
  /** When there is no device of the kind. */
  noCamera: string;
  noMicrophone: string;
  noSpeaker: string;
  /** `audiooutput` where `setSinkId` is missing. */
  outputUnsupported: string;
  outputUnsupportedAdvice: string;
  /** The retry button in the denied and unavailable views. */
  tryAgain: string;
  /** A device without a label (some engines hide labels of some devices). */
  unnamedDevice: string;
  /** Announced after a device was chosen. */
  deviceSelected: string;
  /** The current device went away and the controller moved to another one. */
  deviceRemoved: string;
  /** The current device went away and there is no other one. */
  deviceRemovedNoFallback: string;
  /** The chosen device could not be started; the one in use stays (`{device}`, `{current}`). */
  deviceFailed: string;
  /** Validation message when `required` and nothing can be chosen. */
  valueMissing: string;
}

const DEFAULT_STRINGS: MediaDevicePickerStrings = {
  cameraLabel: 'Camera',
  microphoneLabel: 'Microphone',
  speakerLabel: 'Speaker',
  cameraAccessExplanation: 'To choose a camera, allow this page to use your camera. Your cameras are listed once access is allowed.',
  microphoneAccessExplanation:
    'To choose a microphone, allow this page to use your microphone. Your microphones are listed once access is allowed.',
  speakerAccessExplanation:
    'To choose a speaker, allow this page to use your microphone. Your speakers are listed once access is allowed.',
  allowCamera: 'Allow camera access',
  allowMicrophone: 'Allow microphone access',
  allowSpeaker: 'Allow access to list speakers',
  requestingAccess: 'Waiting for your permission…',
  loading: 'Looking for devices…',
  noCamera: 'No camera was found.',
  noMicrophone: 'No microphone was found.',
  noSpeaker: 'No speaker was found.',
  outputUnsupported: 'This browser cannot choose a speaker for this page.',
  outputUnsupportedAdvice: 'Sound plays on your system’s default speaker. Change it in your system’s sound settings.',
  tryAgain: 'Try again',
  unnamedDevice: 'Device {n}',
  deviceSelected: '{device} selected.',
  deviceRemoved: '{device} was disconnected. Now using {fallback}.',
  deviceRemovedNoFallback: '{device} was disconnected.',
  deviceFailed: '{device} could not be started. Still using {current}.',
  valueMissing: 'Please choose a device.',
};

const KIND_KEYS = {
  videoinput: { label: 'cameraLabel', explain: 'cameraAccessExplanation', allow: 'allowCamera', none: 'noCamera' },
  audioinput: { label: 'microphoneLabel', explain: 'microphoneAccessExplanation', allow: 'allowMicrophone', none: 'noMicrophone' },
  audiooutput: { label: 'speakerLabel', explain: 'speakerAccessExplanation', allow: 'allowSpeaker', none: 'noSpeaker' },
} as const satisfies Record<DeviceKind, Record<string, keyof MediaDevicePickerStrings>>;

type View = 'unsupported' | 'loading' | 'denied' | 'unavailable' | 'access' | 'list';

const supportsSinkId = () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/**
 * A list of cameras, microphones or speakers that switches the shared stream to the chosen one.
 *
 * Before permission (when the browser hides device names) it shows a button that asks for
 * access instead of a list of nameless devices. It keeps up with devices being plugged in
 * and out, and is a form control: the form's data carries the chosen `deviceId` under `name`.
 *
 * @summary Choose the camera, microphone or speaker of a shared media stream.
 * @tag media-device-picker
 *
 * @slot label - The list's visible label (default: "Camera", "Microphone" or "Speaker").
 * @slot access-message - Why access is needed, shown before permission.
 * @slot allow-button - The button that asks for access (a click on anything slotted here asks).
 * @slot denied-message - Replaces the message and advice shown when access is blocked.
 * @slot unavailable-message - Replaces the message shown when there is no device of the kind.
 * @slot unsupported-message - Replaces the message shown for `audiooutput` where the browser cannot route sound.
 * @slot retry-button - The button of the denied and unavailable views.
 *
 * @csspart base - The wrapper of everything.
 * @csspart label - The visible label of the list.
 * @csspart select - The native `<select>` listing the devices.
 * @csspart notice - The note shown after the current device was disconnected, or a chosen one could not be started.
 * @csspart panel - The box of the access, denied, unavailable and unsupported views.
 * @csspart message - The main text of a view.
 * @csspart advice - The secondary text of a view.
 * @csspart button - Every built-in button.
 * @csspart allow-button - The built-in button that asks for access.
 * @csspart retry-button - The built-in button of the denied and unavailable views.
 * @csspart status - The screen-reader live region (visually hidden).
 * @csspart icon - Decorative icons.
 *
 * @cssprop [--media-device-picker-font-size=1rem] - Font size.
 * @cssprop [--media-device-picker-padding=0.75rem] - Padding of the views' panel.
 * @cssprop [--media-device-picker-field-background] - Background of the list (default: the background).
 * @cssprop [--media-device-picker-background] - Background (falls back to `--media-capture-background`; light `#f6f7f9`, dark `#1b1d22`).
 * @cssprop [--media-device-picker-color] - Text colour of the views and the list (falls back to `--media-capture-color`; the label and notice otherwise inherit the page colour).
 * @cssprop [--media-device-picker-muted-color] - Secondary text colour (falls back to `--media-capture-muted-color`).
 * @cssprop [--media-device-picker-accent] - Button background and focus ring (falls back to `--media-capture-accent`).
 * @cssprop [--media-device-picker-accent-color] - Button text (falls back to `--media-capture-accent-color`).
 * @cssprop [--media-device-picker-danger] - Colour of the denied and unavailable messages (falls back to `--media-capture-danger`).
 * @cssprop [--media-device-picker-border-color] - Border colour (falls back to `--media-capture-border-color`).
 * @cssprop [--media-device-picker-radius=8px] - Corner radius (falls back to `--media-capture-radius`).
 * @cssprop [--media-device-picker-font] - Font family (falls back to `--media-capture-font`).
 * @cssprop [--media-device-picker-focus-ring] - Focus ring box-shadow (falls back to `--media-capture-focus-ring`).
 *
 * @cssstate idle - No capture and no access request in progress (also before permission).
 * @cssstate requesting - Access or the camera is being requested.
 * @cssstate live - The shared stream is live.
 * @cssstate denied - Access is blocked.
 * @cssstate unavailable - No device of the kind, or the page cannot use devices, or no speaker routing.
 * @cssstate error - The shared stream failed.
 * @cssstate needs-access - The browser hides device names until access is allowed; the allow button shows.
 * @cssstate disabled - The picker is disabled (itself or by its fieldset).
 *
 * @fires {Event} input - The user chose a device (before the switch is done).
 * @fires {Event} change - The user chose a device (before the switch is done).
 * @fires {MediaDevicesChangeEvent} media-devices-change - The device list changed (hot-plug, labels appearing).
 * @fires {MediaTrackEndedEvent} media-track-ended - A device in use went away; `detail.fallbackDeviceId` is where the stream moves.
 * @fires {MediaErrorEvent} media-error - A request for access or a switch failed.
 * @fires {MediaPermissionChangeEvent} media-permission-change - Camera or microphone permission changed.
 */
export class MediaDevicePicker extends FormAssociated(MediaCaptureElement) {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...MediaCaptureElement.shadowRootOptions, delegatesFocus: true };
  static override forwardedEvents = ['media-devices-change', 'media-track-ended', 'media-error', 'media-permission-change'] as const;

  #kind: DeviceKind = 'videoinput';
  #strings: MediaDevicePickerStrings = DEFAULT_STRINGS;
  /** The explicit choice (by the user or by script), if any. */
  #choice: string | null = null;
  /** A choice being applied. */
  #pending: string | null = null;
  /** A choice made before connecting, applied on connect. */
  #choiceUnapplied = false;
  /** The value a form reset goes back to: the first device shown. */
  #defaultValue: string | null = null;
  #formDisabled = false;
  #enumerated = false;
  #accessPending = false;

  @state() private notice = '';

  @query('select') private select?: HTMLSelectElement | null;

  /**
   * Which devices to list: `videoinput` (cameras, default), `audioinput` (microphones) or
   * `audiooutput` (speakers). An unknown value falls back to `videoinput` with a warning.
   * @default 'videoinput'
   */
  @property()
  get kind(): DeviceKind {
    return this.#kind;
  }
  set kind(value: DeviceKind | string | null | undefined) {
    const next = parseEnum(this, 'kind', value, DEVICE_KINDS, 'videoinput');
    if (next !== this.#kind) {
      this.#kind = next;
      this.#choice = null;
      this.#pending = null;
      this.#defaultValue = null;
      this.notice = '';
    }
  }

  /** The name under which the chosen deviceId is submitted with a form. */
  @property({ reflect: true }) name = '';

  /** Disables the list (as for native controls; a disabled `<fieldset>` disables it too). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The form is invalid while no device can be chosen (before permission, or with none). */
  @property({ type: Boolean, reflect: true }) required = false;

  /**
   * Replace any of the visible or announced strings (merged over the English defaults).
   * Messages of errors come from the controller's errors (see `setErrorMessages`).
   */
  @property({ attribute: false })
  get strings(): MediaDevicePickerStrings {
    return this.#strings;
  }
  set strings(value: Partial<MediaDevicePickerStrings> | null | undefined) {
    this.#strings = { ...DEFAULT_STRINGS, ...value };
  }

  /**
   * The chosen deviceId (`''` when nothing can be chosen yet). Setting it switches the shared
   * stream to that device (`controller.selectDevice`); it fires no event, like native controls.
   */
  @property({ attribute: false })
  get value(): string {
    return this.#selectedId();
  }
  set value(id: string | null | undefined) {
    void this.#choose(id ?? '', false);
  }

  /** The devices listed (of `kind`). */
  get devices(): MediaDeviceInfo[] {
    return this.controller.devicesOf(this.#kind);
  }

  /**
   * Ask for access so that device names can be shown (what the allow button does). Nothing is
   * kept open. Resolves with the permission state afterwards.
   */
  async requestAccess(): Promise<PermissionValue> {
    this.#accessPending = true;
    this.requestUpdate();
    try {
      return await this.controller.requestAccess(this.#kind);
    } finally {
      this.#accessPending = false;
      this.requestUpdate();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('media-track-ended', this.#onTrackEnded);
    this.addEventListener('media-devices-change', this.#onDevicesChange);
    void this.#enumerate();
    if (this.#choiceUnapplied && this.#choice) void this.#choose(this.#choice, false);
  }

  async #enumerate(): Promise<void> {
    const c = this.controller;
    await c.refreshDevices();
    if (c !== this.controller) return;
    this.#enumerated = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('media-track-ended', this.#onTrackEnded);
    this.removeEventListener('media-devices-change', this.#onDevicesChange);
  }

  /** @internal */
  formResetCallback(): void {
    this.notice = '';
    const target = this.#defaultValue;
    this.#choice = null;
    if (target && target !== this.value) void this.#choose(target, false);
    this.requestUpdate();
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    // Called while Lit reflects `disabled` (inside an update, when a request would be dropped):
    // ask for the next update once this one is done.
    void Promise.resolve().then(() => this.requestUpdate());
  }

  /** @internal */
  formStateRestoreCallback(stateValue: string | File | FormData | null): void {
    if (typeof stateValue === 'string' && stateValue) this.value = stateValue;
  }

  // ---------------------------------------------------------------- state

  get #permission(): PermissionValue {
    return this.controller.permissions[this.#kind === 'videoinput' ? 'camera' : 'microphone'];
  }

  get #isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  #view(): View {
    const c = this.controller;
    if (this.#kind === 'audiooutput' && !supportsSinkId()) return 'unsupported';
    if (environmentError()) return 'unavailable';
    const list = c.devicesOf(this.#kind);
    const labelled = c.hasLabels(this.#kind);
    const deniedError = c.error?.state === 'denied' && !labelled;
    if (c.state === 'denied' || this.#permission === 'denied' || deniedError) return 'denied';
    if (!this.#enumerated && list.length === 0) return 'loading';
    if (list.length === 0) return this.#permission === 'granted' || c.state === 'live' ? 'unavailable' : 'access';
    return labelled ? 'list' : 'access';
  }

  protected override computeState(): CaptureState {
    const view = this.#view();
    if (this.#accessPending) return 'requesting';
    switch (view) {
      case 'denied':
        return 'denied';
      case 'unavailable':
      case 'unsupported':
        return 'unavailable';
      case 'loading':
      case 'access':
        return this.controller.state === 'idle' ? 'idle' : this.controller.state;
      default:
        return this.controller.state;
    }
  }

  protected override announcementFor(s: CaptureState): string {
    if (s === 'requesting') return this.#strings.requestingAccess;
    if (s === 'denied') return this.#deniedError().message;
    if (s === 'unavailable') return this.#unavailableText()[0];
    return '';
  }

  /** The deviceId shown as selected. */
  #selectedId(): string {
    const c = this.controller;
    const list = c.devicesOf(this.#kind);
    const has = (id: string | null | undefined): id is string => !!id && list.some((d) => d.deviceId === id);
    if (!list.length || !c.hasLabels(this.#kind)) return this.#choice ?? '';
    if (has(this.#pending)) return this.#pending;
    const current = c.currentDeviceId(this.#kind);
    if (has(current)) return current;
    if (has(this.#choice)) return this.#choice;
    const remembered = c.rememberedDevice(this.#kind)?.deviceId;
    if (has(remembered)) return remembered;
    if (this.#kind === 'audiooutput' && has('default')) return 'default';
    return list[0].deviceId;
  }

  #labelOf(id: string | null | undefined, fallback = ''): string {
    if (!id) return fallback;
    const list = this.controller.devicesOf(this.#kind);
    const i = list.findIndex((d) => d.deviceId === id);
    if (i < 0) return fallback;
    return list[i].label || format(this.#strings.unnamedDevice, { n: i + 1 });
  }

  async #choose(id: string, user: boolean): Promise<void> {
    this.notice = '';
    if (!id) {
      this.#choice = null;
      this.requestUpdate();
      return;
    }
    this.#choice = id;
    if (!this.isConnected) {
      this.#choiceUnapplied = true;
      return;
    }
    this.#choiceUnapplied = false;
    this.#pending = id;
    this.requestUpdate();
    if (user) {
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
    const c = this.controller;
    try {
      await c.selectDevice(this.#kind, id);
    } finally {
      if (this.#pending === id) this.#pending = null;
    }
    if (this.#choice !== id) return; // a later choice took over
    const current = c.currentDeviceId(this.#kind);
    if (this.#kind !== 'audiooutput' && c.state === 'live' && current !== id) {
      // the switch failed: the controller kept (or reopened) the device that works
      this.#choice = null;
      this.notice = format(this.#strings.deviceFailed, { device: this.#labelOf(id, id), current: this.#labelOf(current, current ?? '') });
      this.announcement = this.notice;
    } else {
      this.announcement = format(this.#strings.deviceSelected, { device: this.#labelOf(id, id) });
    }
    this.requestUpdate();
  }

  readonly #onTrackEnded = (e: MediaTrackEndedEvent) => {
    if (e.target !== this) return;
    const kind: DeviceKind = e.detail.kind === 'video' ? 'videoinput' : 'audioinput';
    if (kind !== this.#kind) return;
    const device = e.detail.track.label || this.#labelOf(e.detail.track.getSettings?.().deviceId, format(this.#strings.unnamedDevice, { n: 1 }));
    const fallback = e.detail.fallbackDeviceId;
    this.#choice = fallback;
    this.#pending = null;
    this.notice = fallback
      ? format(this.#strings.deviceRemoved, { device, fallback: this.#labelOf(fallback, fallback) })
      : format(this.#strings.deviceRemovedNoFallback, { device });
    this.announcement = this.notice;
  };

  readonly #onDevicesChange = (e: MediaDevicesChangeEvent) => {
    if (e.target !== this) return;
    const gone = e.detail.removed.find((d) => d.kind === this.#kind && d.deviceId && d.deviceId === this.#choice);
    if (gone && !e.detail.devices.some((d) => d.kind === this.#kind && d.deviceId === gone.deviceId)) {
      const fallback = this.controller.currentDeviceId(this.#kind);
      this.#choice = null;
      this.notice =
        fallback && fallback !== gone.deviceId
          ? format(this.#strings.deviceRemoved, { device: gone.label, fallback: this.#labelOf(fallback, fallback) })
          : format(this.#strings.deviceRemovedNoFallback, { device: gone.label });
      this.announcement = this.notice;
    }
  };

  /** The device this picker lists, as errors name it (outputs: their labels need the microphone). */
  #errorDevice(): ErrorDevice {
    return this.#kind === 'videoinput' ? 'camera' : 'microphone';
  }

  #deniedError(): MediaCaptureError {
    const e = this.controller.error;
    return e?.state === 'denied' ? e : new MediaCaptureError('permission-denied', { device: this.#errorDevice() });
  }

  #unavailableText(): [message: string, advice: string] {
    const env = environmentError(globalThis, this.#errorDevice());
    if (env) return [env.message, env.advice];
    if (this.#view() === 'unsupported') return [this.#strings.outputUnsupported, this.#strings.outputUnsupportedAdvice];
    const e = this.controller.error;
    if (e?.state === 'unavailable') return [this.#strings[KIND_KEYS[this.#kind].none], e.advice];
    return [this.#strings[KIND_KEYS[this.#kind].none], new MediaCaptureError('not-found', { device: this.#errorDevice() }).advice];
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.hasUpdated && (changed.has('streamName') || changed.has('controller'))) {
      this.#enumerated = false;
      void this.#enumerate();
    }
    if (this.#defaultValue === null && this.#view() === 'list') this.#defaultValue = this.#selectedId() || null;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const view = this.#view();
    const value = view === 'list' ? this.#selectedId() : '';
    if (this.select && this.select.value !== value) this.select.value = value;
    // Disabled controls submit nothing (engines differ on applying this to custom elements).
    this.internals.setFormValue(this.#isDisabled ? null : value || null, value);
    const anchor = (this.select ?? this.renderRoot.querySelector('button') ?? undefined) as HTMLElement | undefined;
    if (this.required && !value && !this.#isDisabled) this.internals.setValidity({ valueMissing: true }, this.#strings.valueMissing, anchor);
    else this.internals.setValidity({});
    this.setCustomState('needs-access', view === 'access');
    this.setCustomState('disabled', this.#isDisabled);
  }

  #onSelect = (e: Event) => {
    e.stopPropagation();
    const id = (e.target as HTMLSelectElement).value;
    if (e.type === 'change' && id !== this.#choice) void this.#choose(id, true);
  };

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const view = this.#view();
    return html`<div part="base" class="base">
      ${view === 'list' ? this.#renderList() : this.#renderPanel(view)}
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  #renderList(): TemplateResult {
    const s = this.#strings;
    const keys = KIND_KEYS[this.#kind];
    const list = this.controller.devicesOf(this.#kind);
    const selected = this.#selectedId();
    return html`<label part="label" class="label" for="select"><slot name="label">${s[keys.label]}</slot></label>
      <div class="field">
        <select
          id="select"
          part="select"
          ?disabled=${this.#isDisabled}
          ?required=${this.required}
          aria-describedby=${this.notice ? 'notice' : nothing}
          @change=${this.#onSelect}
          @input=${this.#onSelect}
        >
          ${list.map(
            (d, i) =>
              html`<option value=${d.deviceId} ?selected=${d.deviceId === selected}>
                ${d.label || format(s.unnamedDevice, { n: i + 1 })}
              </option>`,
          )}
        </select>
        <svg class="chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 6l5 5 5-5" /></svg>
      </div>
      ${this.notice ? html`<p id="notice" part="notice" class="notice">${this.notice}</p>` : nothing}`;
  }

  #renderPanel(view: Exclude<View, 'list'>): TemplateResult {
    const s = this.#strings;
    const keys = KIND_KEYS[this.#kind];
    const disabled = this.#isDisabled;
    const retry = html`<slot name="retry-button" @click=${this.#onAllow}
      ><button part="button retry-button" class="button" type="button" ?disabled=${disabled || this.#accessPending}>
        ${s.tryAgain}
      </button></slot
    >`;
    switch (view) {
      case 'loading':
        return html`<div part="panel" class="panel loading">
          <p part="message" class="advice busy"><span class="spinner" aria-hidden="true"></span>${s.loading}</p>
        </div>`;
      case 'denied': {
        const err = this.#deniedError();
        return html`<div part="panel" class="panel denied">
          <slot name="denied-message">
            <p part="message" class="message">${icon('lock')} ${err.message}</p>
            <p part="advice" class="advice">${err.advice}</p>
          </slot>
          ${retry}
        </div>`;
      }
      case 'unavailable':
      case 'unsupported': {
        const [message, advice] = this.#unavailableText();
        const slot = view === 'unsupported' ? 'unsupported-message' : 'unavailable-message';
        return html`<div part="panel" class="panel unavailable">
          <slot name=${slot}>
            <p part="message" class="message">${message}</p>
            <p part="advice" class="advice">${advice}</p>
          </slot>
          ${view === 'unavailable' && !environmentError() ? retry : nothing}
        </div>`;
      }
      case 'access':
        return html`<div part="panel" class="panel access">
          <p part="advice" class="advice" id="explanation"><slot name="access-message">${s[keys.explain]}</slot></p>
          <slot name="allow-button" @click=${this.#onAllow}
            ><button
              part="button allow-button"
              class="button"
              type="button"
              aria-describedby="explanation"
              ?disabled=${disabled || this.#accessPending}
            >
              ${this.#accessPending ? html`<span class="spinner" aria-hidden="true"></span>${s.requestingAccess}` : s[keys.allow]}
            </button></slot
          >
        </div>`;
    }
  }

  #onAllow = (e: Event) => {
    if (this.#isDisabled || this.#accessPending) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest?.('button,[role=button]')?.hasAttribute('disabled')) return;
    void this.requestAccess();
  };
}
