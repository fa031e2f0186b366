import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { environmentError } from '../../src/controller.js';
import { MediaCaptureError, type ErrorDevice } from '../../src/errors.js';
import type { CaptureState, DeviceKind, MediaDevicesChangeEvent, MediaTrackEndedEvent } from '../../src/events.js';
import type { PermissionValue } from '../../src/permissions.js';
import { parseEnum } from '../internal/attributes.js';
import { MediaCaptureElement, format, mergeStrings, type StringTemplate } from '../internal/capture-element.js';
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
  /** What to do when there is no device of the kind, per kind. */
  noCameraAdvice: string;
  noMicrophoneAdvice: string;
  noSpeakerAdvice: string;
  /** `audiooutput` where `setSinkId` is missing. */
  outputUnsupported: string;
  outputUnsupportedAdvice: string;
  /** The retry button in the denied and unavailable views. */
  tryAgain: string;
  /**
   * A device without a label (some engines hide labels of some devices); `{n}` is its place in
   * the list, written in the digits of the element's `lang`. May be a function of `{ n }`.
   */
  unnamedDevice: StringTemplate<{ n: number }>;
  /** Announced after a device was chosen. */
  deviceSelected: string;
  /** The current device went away and the controller moved to another one. */
  deviceRemoved: string;
  /** The current device went away and there is no other one. */
  deviceRemovedNoFallback: string;
  /** The chosen device could not be started; the one in use stays (`{device}`, `{current}`). */
  deviceFailed: string;
  /** The chosen device could not be started and no device of the kind is in use (`{device}`). */
  deviceFailedNoFallback: string;
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
  noCameraAdvice: 'Connect a camera, then try again.',
  noMicrophoneAdvice: 'Connect a microphone, then try again.',
  noSpeakerAdvice: 'Connect a speaker or headphones, then try again.',
  outputUnsupported: 'This browser cannot choose a speaker for this page.',
  outputUnsupportedAdvice: 'Sound plays on your system’s default speaker. Change it in your system’s sound settings.',
  tryAgain: 'Try again',
  unnamedDevice: 'Device {n}',
  deviceSelected: '{device} selected.',
  deviceRemoved: '{device} was disconnected. Now using {fallback}.',
  deviceRemovedNoFallback: '{device} was disconnected.',
  deviceFailed: '{device} could not be started. Still using {current}.',
  deviceFailedNoFallback: '{device} could not be started.',
  valueMissing: 'Please choose a device.',
};

const KIND_KEYS = {
  videoinput: { label: 'cameraLabel', explain: 'cameraAccessExplanation', allow: 'allowCamera', none: 'noCamera', advice: 'noCameraAdvice' },
  audioinput: {
    label: 'microphoneLabel',
    explain: 'microphoneAccessExplanation',
    allow: 'allowMicrophone',
    none: 'noMicrophone',
    advice: 'noMicrophoneAdvice',
  },
  audiooutput: { label: 'speakerLabel', explain: 'speakerAccessExplanation', allow: 'allowSpeaker', none: 'noSpeaker', advice: 'noSpeakerAdvice' },
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
 * Its live region announces only what the picker itself caused: its own access request
 * (waiting, blocked, nothing found), a device chosen in it or one that could not be started,
 * and a device in use being disconnected. Changes of the shared stream caused by other
 * elements (a `<media-preview>` asking for the camera and being blocked) are shown but left
 * to those elements to announce; a picker that asks for the camera itself (`autostart`,
 * `start()`) announces them too.
 *
 * When the shared stream is told to use a device of the picker's kind that the list no longer
 * has while none of that kind is live (chosen while off, then unplugged), the picker drops that
 * deviceId from the controller's options, so that the next start uses a device that is there.
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
  /**
   * A deviceId set by script (`value`, form state restore) before the list could confirm it
   * (not connected, or device names still hidden): chosen once the list has it, else dropped.
   */
  #unconfirmed: string | null = null;
  /** The value a form reset goes back to: the first device shown. */
  #defaultValue: string | null = null;
  #formDisabled = false;
  #enumerated = false;
  #accessPending = false;
  /** The update right after this picker's own access request (its outcome is announced by requestAccess). */
  #accessSettling = false;
  /** The device of the last failed pick (not shown as selected because it is remembered). */
  #failed: string | null = null;

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
      this.#unconfirmed = null;
      this.#failed = null;
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
    this.#strings = mergeStrings(DEFAULT_STRINGS, value);
  }

  /**
   * The chosen deviceId (`''` when nothing can be chosen yet). Setting it switches the shared
   * stream to that device (`controller.selectDevice`); it fires no event, like native controls.
   * A deviceId that is not in the list is ignored; one set before the list can be read (before
   * permission, or before the element is connected) waits for the list and is dropped if the
   * list does not have it.
   */
  @property({ attribute: false })
  get value(): string {
    return this.#selectedId();
  }
  set value(id: string | null | undefined) {
    this.#setValue(id ?? '');
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
    // Where focus was (the allow or retry button): that button goes away, so focus follows.
    const hadFocus = this.matches(':focus-within');
    this.#accessPending = true;
    this.requestUpdate();
    let result: PermissionValue;
    try {
      result = await this.controller.requestAccess(this.#kind);
    } finally {
      this.#accessPending = false;
      this.#accessSettling = true;
      this.requestUpdate();
      await this.updateComplete;
      this.#accessSettling = false;
    }
    this.#announceOutcome();
    if (hadFocus) this.#refocus();
    return result;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('media-track-ended', this.#onTrackEnded);
    this.addEventListener('media-devices-change', this.#onDevicesChange);
    void this.#enumerate();
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
    this.#unconfirmed = null;
    const target = this.#defaultValue;
    this.#choice = null;
    // The first device shown may have been unplugged since: then reset to the one in use.
    if (target && this.#has(target) && target !== this.value) void this.#choose(target, false);
    this.#syncForm();
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

  /** Why devices of this picker's kind cannot be used on this page at all, if they cannot. */
  #environmentError(): MediaCaptureError | null {
    return environmentError(globalThis, this.#errorDevice());
  }

  /** Whether an error is about this picker's device (a request for both concerns every picker). */
  #concerns(e: MediaCaptureError | null): e is MediaCaptureError {
    return !!e && (e.device === 'camera-or-microphone' || e.device === this.#errorDevice());
  }

  #view(): View {
    const c = this.controller;
    if (this.#kind === 'audiooutput' && !supportsSinkId()) return 'unsupported';
    if (this.#environmentError()) return 'unavailable';
    const list = c.devicesOf(this.#kind);
    const labelled = c.hasLabels(this.#kind);
    // Only a denial of this picker's device counts: a microphone picker has nothing to say about a blocked camera.
    const e = c.error;
    const denied = e?.state === 'denied' && this.#concerns(e) && (c.state === 'denied' || !labelled);
    if (this.#permission === 'denied' || denied) return 'denied';
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
      default: {
        // A shared stream blocked for another device (see #view): this picker is not blocked.
        const s = this.controller.state;
        return s === 'denied' ? 'idle' : s;
      }
    }
  }

  /**
   * The shared state is announced only where this picker caused it: while its own access request
   * runs (its outcome is announced when it settles, see requestAccess), or when it asked for the
   * camera itself (`autostart`, `start()`). Otherwise the element that asked announces it.
   */
  protected override announcementFor(s: CaptureState): string {
    if (this.#accessPending) {
      if (s === 'requesting') this.announce(this.#strings.requestingAccess);
    } else if (!this.#accessSettling && this.adapter.requesting) {
      const text = this.#stateText(s);
      if (text) this.announce(text);
    }
    return '';
  }

  #stateText(s: CaptureState): string {
    if (s === 'requesting') return this.#strings.requestingAccess;
    if (s === 'denied') return this.#deniedError().message;
    if (s === 'unavailable') return this.#unavailableText()[0];
    return '';
  }

  /** After this picker's own access request: say how it ended unless the list now shows. */
  #announceOutcome(): void {
    const view = this.#view();
    if (view === 'denied') this.announce(this.#deniedError().message);
    else if (view === 'unavailable' || view === 'unsupported') this.announce(this.#unavailableText()[0]);
  }

  /**
   * The button that had focus went away with the view: focus what replaced it (the list, or the
   * retry or allow button), unless focus has moved elsewhere on the page meanwhile.
   */
  #refocus(): void {
    const active = document.activeElement;
    if (active && active !== document.body && active !== this && !this.contains(active)) return;
    if (this.select) {
      this.select.focus();
      return;
    }
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="retry-button"], slot[name="allow-button"]');
    const target = (slot && this.slottedControl(slot.name)) ?? slot?.querySelector('button');
    target?.focus();
  }

  /** Whether the list has a device of this kind with this id. */
  #has(id: string | null | undefined): id is string {
    return !!id && this.controller.devicesOf(this.#kind).some((d) => d.deviceId === id);
  }

  /** The deviceId shown as selected. */
  #selectedId(): string {
    const c = this.controller;
    const list = c.devicesOf(this.#kind);
    if (!list.length || !c.hasLabels(this.#kind)) return this.#unconfirmed ?? this.#choice ?? '';
    const has = (id: string | null | undefined): id is string => this.#has(id);
    if (has(this.#pending)) return this.#pending;
    if (has(this.#unconfirmed)) return this.#unconfirmed;
    const current = c.currentDeviceId(this.#kind);
    if (has(current)) return current;
    if (has(this.#choice)) return this.#choice;
    const remembered = c.rememberedDevice(this.#kind)?.deviceId;
    if (has(remembered) && remembered !== this.#failed) return remembered;
    if (this.#kind === 'audiooutput' && has('default')) return 'default';
    return list[0].deviceId;
  }

  /** The name of a listed device (`''` when the list does not have it). */
  #labelOf(id: string | null | undefined): string {
    if (!id) return '';
    const list = this.controller.devicesOf(this.#kind);
    const i = list.findIndex((d) => d.deviceId === id);
    if (i < 0) return '';
    return list[i].label || this.formatString(this.#strings.unnamedDevice, { n: i + 1 });
  }

  /** A device's name for a message: its label, else the kind's word ("Camera"), never a raw deviceId. */
  #nameOf(id: string | null | undefined): string {
    return this.#labelOf(id) || this.#strings[KIND_KEYS[this.#kind].label];
  }

  #setValue(id: string): void {
    this.#unconfirmed = null;
    if (!id) {
      void this.#choose('', false);
      return;
    }
    if (!this.isConnected || !this.#enumerated || !this.controller.hasLabels(this.#kind)) {
      // The list cannot confirm it yet: it is chosen once the list has it (see willUpdate).
      this.#unconfirmed = id;
      this.requestUpdate();
      return;
    }
    // An id the list does not have (unplugged, or rotated by the browser since it was stored) is ignored.
    if (this.#has(id)) void this.#choose(id, false);
  }

  async #choose(id: string, user: boolean): Promise<void> {
    this.notice = '';
    if (!id) {
      this.#choice = null;
      this.#syncForm();
      this.requestUpdate();
      return;
    }
    this.#choice = id;
    this.#pending = id;
    this.#failed = null;
    this.requestUpdate();
    // The form's value is the new one before anyone hears of the change (a change listener may read FormData).
    this.#syncForm();
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
    const track = this.#kind === 'videoinput' ? c.videoTrack : c.audioTrack;
    const inUse = track?.readyState === 'live' ? c.currentDeviceId(this.#kind) : undefined;
    // Nothing was started (outputs, or no capture wanted): the choice is simply made.
    const attempted = this.#kind !== 'audiooutput' && c.state !== 'idle' && c.requesterCount > 0;
    if (!attempted || inUse === id) {
      this.announce(format(this.#strings.deviceSelected, { device: this.#nameOf(id) }));
    } else {
      // The switch failed: the controller kept (or reopened) the device that works, if any.
      this.#choice = null;
      this.#failed = id;
      const current = this.#labelOf(inUse);
      this.notice = current
        ? format(this.#strings.deviceFailed, { device: this.#nameOf(id), current })
        : format(this.#strings.deviceFailedNoFallback, { device: this.#nameOf(id) });
      this.announce(this.notice);
    }
    this.requestUpdate();
  }

  readonly #onTrackEnded = (e: MediaTrackEndedEvent) => {
    if (e.target !== this) return;
    const kind: DeviceKind = e.detail.kind === 'video' ? 'videoinput' : 'audioinput';
    if (kind !== this.#kind) return;
    const device = e.detail.track.label || this.#nameOf(e.detail.track.getSettings?.().deviceId);
    const fallback = e.detail.fallbackDeviceId;
    this.#choice = fallback;
    this.#pending = null;
    this.notice = fallback
      ? format(this.#strings.deviceRemoved, { device, fallback: this.#nameOf(fallback) })
      : format(this.#strings.deviceRemovedNoFallback, { device });
    this.announce(this.notice);
  };

  readonly #onDevicesChange = (e: MediaDevicesChangeEvent) => {
    if (e.target !== this) return;
    const there = (id: string) => e.detail.devices.some((d) => d.kind === this.#kind && d.deviceId === id);
    // A form reset goes back to the first device shown only while it is there.
    if (this.#defaultValue && !there(this.#defaultValue)) this.#defaultValue = null;
    const gone = e.detail.removed.find((d) => d.kind === this.#kind && d.deviceId && d.deviceId === this.#choice);
    if (gone && !there(gone.deviceId)) {
      const fallback = this.controller.currentDeviceId(this.#kind);
      const device = gone.label || this.#strings[KIND_KEYS[this.#kind].label];
      this.#choice = null;
      this.notice =
        fallback && fallback !== gone.deviceId && this.#has(fallback)
          ? format(this.#strings.deviceRemoved, { device, fallback: this.#nameOf(fallback) })
          : format(this.#strings.deviceRemovedNoFallback, { device });
      this.announce(this.notice);
    }
  };

  /**
   * A device the controller is told to use for this kind that the list no longer has (unplugged
   * while nothing of the kind was live), which would make the next start fail with "not found".
   * A live device that goes away is the controller's to handle (it moves to another one).
   */
  #staleDevice(): string | null {
    const c = this.controller;
    if (!this.isConnected || !this.#enumerated || !c.hasLabels(this.#kind) || c.switching || c.state === 'requesting') return null;
    if (this.#kind === 'audiooutput') return c.sinkId && !this.#has(c.sinkId) ? c.sinkId : null;
    const kind = this.#kind === 'videoinput' ? 'video' : 'audio';
    if ((kind === 'video' ? c.videoTrack : c.audioTrack)?.readyState === 'live') return null;
    const options = c.options[kind];
    if (typeof options !== 'object') return null;
    const d = options.deviceId;
    const id = typeof d === 'string' ? d : d && !d.preferred ? d.exact : undefined;
    return id && !this.#has(id) ? id : null;
  }

  /** Tell the controller to stop asking for a device that is gone (see #staleDevice). */
  #dropStaleDevice(): void {
    if (!this.#staleDevice()) return;
    const c = this.controller;
    if (this.#kind === 'audiooutput') void c.selectDevice('audiooutput', '', { remember: false });
    else void c.setOptions({ [this.#kind === 'videoinput' ? 'video' : 'audio']: { deviceId: undefined } });
  }

  /** The device this picker lists, as errors name it (outputs: their labels need the microphone). */
  #errorDevice(): ErrorDevice {
    return this.#kind === 'videoinput' ? 'camera' : 'microphone';
  }

  #deniedError(): MediaCaptureError {
    const e = this.controller.error;
    return e?.state === 'denied' && this.#concerns(e) ? e : new MediaCaptureError('permission-denied', { device: this.#errorDevice() });
  }

  #unavailableText(): [message: string, advice: string] {
    const env = this.#environmentError();
    if (env) return [env.message, env.advice];
    if (this.#view() === 'unsupported') return [this.#strings.outputUnsupported, this.#strings.outputUnsupportedAdvice];
    const keys = KIND_KEYS[this.#kind];
    return [this.#strings[keys.none], this.#strings[keys.advice]];
  }

  /** The form's value and validity, from what is shown. */
  #syncForm(): void {
    const value = this.#view() === 'list' ? this.#selectedId() : '';
    // Disabled controls submit nothing (engines differ on applying this to custom elements).
    this.internals.setFormValue(this.#isDisabled ? null : value || null, value);
    const anchor = (this.select ?? this.renderRoot?.querySelector('button') ?? undefined) as HTMLElement | undefined;
    if (this.required && !value && !this.#isDisabled) this.internals.setValidity({ valueMissing: true }, this.#strings.valueMissing || DEFAULT_STRINGS.valueMissing, anchor);
    else this.internals.setValidity({});
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    if (this.#unconfirmed && this.isConnected && this.#enumerated && this.controller.hasLabels(this.#kind)) {
      const id = this.#unconfirmed;
      this.#unconfirmed = null;
      if (this.#has(id)) void this.#choose(id, false);
    }
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
    this.#syncForm();
    this.setCustomState('needs-access', view === 'access');
    this.setCustomState('disabled', this.#isDisabled);
    if (this.#staleDevice()) queueMicrotask(() => this.#dropStaleDevice());
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
                ${d.label || this.formatString(s.unnamedDevice, { n: i + 1 })}
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
          ${view === 'unavailable' && !this.#environmentError() ? retry : nothing}
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
