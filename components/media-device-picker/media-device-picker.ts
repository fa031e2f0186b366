import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CaptureState, DeviceKind, MediaDevicesChangeEvent, MediaTrackEndedEvent } from '../../src/events.js';
import type { PermissionValue } from '../../src/permissions.js';
import { parseEnum } from '../internal/attributes.js';
import { MediaCaptureElement, format, mergeStrings } from '../internal/capture-element.js';
import { DeviceNames, listed } from '../internal/device-names.js';
import { FormAssociated } from '../internal/form-associated.js';
import { emptyChoice, failedSwitch, removedChoice, selectedDeviceId, staleDeviceId } from './device-choice.js';
import { renderPicker } from './media-device-picker.render.js';
import { DEFAULT_PICKER_STRINGS, KIND_KEYS, type MediaDevicePickerStrings } from './media-device-picker.strings.js';
import { styles } from './media-device-picker.styles.js';
import { failedNotice, outcomeText, pickerState, pickerView, removedNotice, stateText, supportsSinkId, type View } from './picker-view.js';
import { refocusView } from './refocus.js';
import { MediaTestSoundEvent } from './test-sound-event.js';
import { SpeakerCheck } from './speaker-check.js';

export { MediaTestSoundEvent } from './test-sound-event.js';

/** The device kinds a picker can list. */
export const DEVICE_KINDS: readonly DeviceKind[] = ['videoinput', 'audioinput', 'audiooutput'];

export type { MediaDevicePickerStrings } from './media-device-picker.strings.js';

/**
 * A list of cameras, microphones or speakers that switches the shared stream to the chosen one.
 *
 * A speaker list (`kind="audiooutput"`) has a "Play a test sound" button that plays a short tone
 * through the chosen output (`setSinkId`), so that the user can hear whether it is the right one
 * (see {@link MediaDevicePicker.playTestSound}). Where the browser cannot route sound the list
 * is not shown (the unsupported view), and neither is the button.
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
 * @csspart test-sound-button - `audiooutput`: the button that plays a test sound through the chosen speaker (shown only where `setSinkId` exists).
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
 * @cssstate testing-sound - `audiooutput`: the test sound plays.
 *
 * @fires {Event} input - The user chose a device (before the switch is done).
 * @fires {Event} change - The user chose a device (before the switch is done).
 * @fires {MediaDevicesChangeEvent} media-devices-change - The device list changed (hot-plug, labels appearing).
 * @fires {MediaTrackEndedEvent} media-track-ended - A device in use went away; `detail.fallbackDeviceId` is where the stream moves.
 * @fires {MediaErrorEvent} media-error - A request for access or a switch failed.
 * @fires {MediaPermissionChangeEvent} media-permission-change - Camera or microphone permission changed.
 * @fires {MediaTestSoundEvent} media-test-sound - `audiooutput`: the test sound ended, failed or was stopped (`{ deviceId, played, error }`).
 * @fires {MediaOptionsConflictEvent} media-options-conflict - Another element on the stream changed an option this element set (`{ kind, constraint, value, by }`); the last change wins. Also warned in the console.
 */
export class MediaDevicePicker extends FormAssociated(MediaCaptureElement) {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...MediaCaptureElement.shadowRootOptions, delegatesFocus: true };
  static override forwardedEvents = ['media-devices-change', 'media-track-ended', 'media-error', 'media-permission-change'] as const;

  #kind: DeviceKind = 'videoinput';
  #strings: MediaDevicePickerStrings = DEFAULT_PICKER_STRINGS;
  /** The choice (see ChoiceState). */
  #sel = emptyChoice();
  /** The value a form reset goes back to: the first device shown. */
  #defaultValue: string | null = null;
  #formDisabled = false;
  #enumerated = false;
  #accessPending = false;
  /** The update right after this picker's own access request (its outcome is announced by requestAccess). */
  #accessSettling = false;
  /** The name of a device without a label (`strings.unnamedDevice`). */
  readonly #unnamed = (n: number): string => this.formatString(this.#strings.unnamedDevice, { n });
  /** Finding and naming the listed devices; a device's name for a message falls back to the kind's word ("Camera"). */
  readonly #names = new DeviceNames(
    () => this.controller.devicesOf(this.#kind),
    this.#unnamed,
    () => this.#strings[KIND_KEYS[this.#kind].label],
  );

  @state() private notice = '';
  /** The speaker check (`audiooutput`). */
  readonly #speakerCheck = new SpeakerCheck(this);

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
      this.#sel = emptyChoice();
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
    this.#strings = mergeStrings(DEFAULT_PICKER_STRINGS, value);
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
    // Say how it ended unless the list now shows.
    const outcome = outcomeText(this.controller, this.#kind, this.#view(), this.#strings);
    if (outcome) this.announce(outcome);
    if (hadFocus) refocusView(this, this.renderRoot, this.select, (name) => this.slottedControl(name));
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

  /**
   * `kind="audiooutput"`: play a short test tone (0.6 s) through the chosen speaker (`value`;
   * the system default when none is chosen), so that the user can check it. What the "Play a test
   * sound" button does; call it from a user gesture (an autoplay policy may refuse sound
   * otherwise). Resolves when the sound ended with whether it played to its end, and fires
   * `media-test-sound`; `false` at once for another kind, where `setSinkId` is missing, or while
   * one plays. A failure is announced. Never rejects. Stopped when the element leaves the page.
   */
  async playTestSound(): Promise<boolean> {
    if (this.#kind !== 'audiooutput' || !supportsSinkId()) return false;
    const deviceId = this.value;
    const result = await this.#speakerCheck.play(deviceId);
    if (!result) return false; // one plays already
    const { stopped, ...detail } = result;
    this.dispatchEvent(new MediaTestSoundEvent({ ...detail }));
    if (!result.played && !stopped) {
      const device = deviceId ? this.#names.name(deviceId) : this.#strings.speakerLabel;
      this.announce(format(this.#strings.testSoundFailed, { device }));
    }
    return result.played;
  }

  #onTestSound = (e: Event) => {
    e.stopPropagation();
    if (this.#isDisabled) return;
    void this.playTestSound();
  };

  /** Left the page (not a move: a framework that moves the picker keeps its test sound playing). */
  protected override leftPage(): void {
    super.leftPage();
    this.#speakerCheck.stop();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('media-track-ended', this.#onTrackEnded);
    this.removeEventListener('media-devices-change', this.#onDevicesChange);
  }

  /** @internal */
  formResetCallback(): void {
    this.notice = '';
    this.#sel.unconfirmed = null;
    const target = this.#defaultValue;
    this.#sel.choice = null;
    // The first device shown may have been unplugged since: then reset to the one in use.
    if (target && this.#names.has(target) && target !== this.value) void this.#choose(target, false);
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

  get #isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  #view(): View {
    return pickerView(this.controller, this.#kind, this.#enumerated);
  }

  protected override computeState(): CaptureState {
    return pickerState(this.#view(), this.#accessPending, this.controller.state);
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
      const text = stateText(this.controller, this.#kind, this.#view(), s, this.#strings);
      if (text) this.announce(text);
    }
    return '';
  }

  /** The deviceId shown as selected. */
  #selectedId(): string {
    return selectedDeviceId(this.controller, this.#kind, this.#sel);
  }

  #setValue(id: string): void {
    this.#sel.unconfirmed = null;
    if (!id) {
      void this.#choose('', false);
      return;
    }
    if (!this.isConnected || !this.#enumerated || !this.controller.hasLabels(this.#kind)) {
      // The list cannot confirm it yet: it is chosen once the list has it (see willUpdate).
      this.#sel.unconfirmed = id;
      this.requestUpdate();
      return;
    }
    // An id the list does not have (unplugged, or rotated by the browser since it was stored) is ignored.
    if (this.#names.has(id)) void this.#choose(id, false);
  }

  async #choose(id: string, user: boolean): Promise<void> {
    this.notice = '';
    if (!id) {
      this.#sel.choice = null;
      this.#syncForm();
      this.requestUpdate();
      return;
    }
    this.#sel.choice = id;
    this.#sel.pending = id;
    this.#sel.failed = null;
    this.requestUpdate();
    // The form's value is the new one before anyone hears of the change (a change listener may read FormData).
    this.#syncForm();
    if (user) {
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
    const c = this.controller;
    try {
      await c.selectDevice(this.#kind, id, { consumer: this });
    } finally {
      if (this.#sel.pending === id) this.#sel.pending = null;
    }
    if (this.#sel.choice !== id) return; // a later choice took over
    const failed = failedSwitch(c, this.#kind, id);
    if (!failed) {
      this.announce(format(this.#strings.deviceSelected, { device: this.#names.name(id) }));
    } else {
      // The switch failed: the controller kept (or reopened) the device that works, if any.
      this.#sel.choice = null;
      this.#sel.failed = id;
      this.notice = failedNotice(this.#strings, this.#names.name(id), this.#names.label(failed.inUse));
      this.announce(this.notice);
    }
    this.requestUpdate();
  }

  readonly #onTrackEnded = (e: MediaTrackEndedEvent) => {
    if (e.target !== this) return;
    const kind: DeviceKind = e.detail.kind === 'video' ? 'videoinput' : 'audioinput';
    if (kind !== this.#kind) return;
    const device = e.detail.track.label || this.#names.name(e.detail.track.getSettings?.().deviceId);
    const fallback = e.detail.fallbackDeviceId;
    this.#sel.choice = fallback;
    this.#sel.pending = null;
    this.notice = removedNotice(this.#strings, device, fallback ? this.#names.name(fallback) : '');
    this.announce(this.notice);
  };

  readonly #onDevicesChange = (e: MediaDevicesChangeEvent) => {
    if (e.target !== this) return;
    // A form reset goes back to the first device shown only while it is there.
    if (this.#defaultValue && !listed(e.detail.devices, this.#kind, this.#defaultValue)) this.#defaultValue = null;
    const gone = removedChoice(e.detail, this.#kind, this.#sel.choice);
    if (gone) {
      const fallback = this.controller.currentDeviceId(this.#kind);
      const device = gone.label || this.#strings[KIND_KEYS[this.#kind].label];
      this.#sel.choice = null;
      const moved = fallback && fallback !== gone.deviceId && this.#names.has(fallback);
      this.notice = removedNotice(this.#strings, device, moved ? this.#names.name(fallback) : '');
      this.announce(this.notice);
    }
  };

  /** A device the controller is told to use that the list no longer has (see staleDeviceId). */
  #staleDevice(): string | null {
    if (!this.isConnected || !this.#enumerated || !this.controller.hasLabels(this.#kind)) return null;
    return staleDeviceId(this.controller, this.#kind);
  }

  /** Tell the controller to stop asking for a device that is gone (see #staleDevice). */
  #dropStaleDevice(): void {
    if (!this.#staleDevice()) return;
    const c = this.controller;
    if (this.#kind === 'audiooutput') void c.selectDevice('audiooutput', '', { remember: false });
    else void c.setOptions({ [this.#kind === 'videoinput' ? 'video' : 'audio']: { deviceId: undefined } }, { consumer: this });
  }

  /** The form's value and validity, from what is shown. */
  #syncForm(): void {
    const value = this.#view() === 'list' ? this.#selectedId() : '';
    // Disabled controls submit nothing (engines differ on applying this to custom elements).
    this.internals.setFormValue(this.#isDisabled ? null : value || null, value);
    const anchor = (this.select ?? this.renderRoot?.querySelector('button') ?? undefined) as HTMLElement | undefined;
    if (this.required && !value && !this.#isDisabled) this.internals.setValidity({ valueMissing: true }, this.#strings.valueMissing || DEFAULT_PICKER_STRINGS.valueMissing, anchor);
    else this.internals.setValidity({});
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues): void {
    if (this.#sel.unconfirmed && this.isConnected && this.#enumerated && this.controller.hasLabels(this.#kind)) {
      const id = this.#sel.unconfirmed;
      this.#sel.unconfirmed = null;
      if (this.#names.has(id)) void this.#choose(id, false);
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
    this.setCustomState('testing-sound', this.#speakerCheck.playing);
    if (this.#staleDevice()) queueMicrotask(() => this.#dropStaleDevice());
  }

  #onSelect = (e: Event) => {
    e.stopPropagation();
    const id = (e.target as HTMLSelectElement).value;
    if (e.type === 'change' && id !== this.#sel.choice) void this.#choose(id, true);
  };

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    return renderPicker(this.#view(), this.announcement, {
      controller: this.controller,
      kind: this.#kind,
      strings: this.#strings,
      unnamed: this.#unnamed,
      selected: this.#selectedId(),
      disabled: this.#isDisabled,
      required: this.required,
      notice: this.notice,
      accessPending: this.#accessPending,
      onSelect: this.#onSelect,
      onAllow: this.#onAllow,
      testSound: this.#kind === 'audiooutput' && supportsSinkId(),
      testSoundPlaying: this.#speakerCheck.playing,
      onTestSound: this.#onTestSound,
    });
  }

  #onAllow = (e: Event) => {
    if (this.#isDisabled || this.#accessPending) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest?.('button,[role=button]')?.hasAttribute('disabled')) return;
    void this.requestAccess();
  };
}
