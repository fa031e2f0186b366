/**
 * Devices: the list (kept current from `devicechange` while anything is attached), choosing a
 * device (remembered per kind), the audio output, and asking for access without capturing.
 * @internal A layer of {@link MediaStreamController}; pages use that class.
 */
import { type AudioOptions, type FacingMode, type VideoOptions, requestedDeviceId, requestedFacingMode, toTrackConstraints } from '../constraints.js';
import { diffDevices, devicesOfKind, findDevice, hasLabels } from '../devices.js';
import { environmentError } from '../environment.js';
import { errorDeviceOf, toMediaCaptureError } from '../errors.js';
import { type DeviceKind, type TrackKind, MediaDevicesChangeEvent } from '../events.js';
import type { PermissionValue } from '../permissions.js';
import type { Consumer } from './demand.js';
import { ReconcilingController } from './reconcile.js';
import { permissionOf } from './state.js';

/** Who makes a change of options or devices (told when another consumer overrules it). */
export interface ChangeSource {
  /** The consumer making the change (an element); left out for a script. */
  consumer?: Consumer;
}

export abstract class DeviceController extends ReconcilingController {
  #sinkId = '';
  /** Whether selectDevice('audiooutput') was called (else the remembered output is used once listed). */
  #sinkChosen = false;
  /** @internal A count of device/option choices per kind: a selectDevice overtaken while it waited is dropped. */
  protected _choiceCall: Record<DeviceKind, number> = { videoinput: 0, audioinput: 0, audiooutput: 0 };
  #enumCall = 0;
  #enumLatest: Promise<void> | null = null;
  #watching = false;
  readonly #onDeviceChange = () => void this.refreshDevices();

  /** Change how a kind is captured (see {@link MediaStreamController.setOptions}). */
  abstract setOptions(change: Partial<{ video: boolean | VideoOptions; audio: boolean | AudioOptions }>, source?: ChangeSource): Promise<void>;
  /** The live track of a kind. */
  abstract get videoTrack(): MediaStreamTrack | null;
  abstract get audioTrack(): MediaStreamTrack | null;
  /** Settings of the live track of a kind. */
  abstract getSettings(kind?: TrackKind): MediaTrackSettings | null;

  /** All known devices (cameras, microphones, audio outputs). */
  get devices(): readonly MediaDeviceInfo[] {
    return this._devices;
  }
  /** The chosen audio output (sink) id; `''` is the system default. */
  get sinkId(): string {
    return this.#sinkId;
  }
  /** The devices of one kind. */
  devicesOf(kind: DeviceKind): MediaDeviceInfo[] {
    return devicesOfKind(this._devices, kind);
  }
  /** True when device labels of a kind are visible (permission was given). */
  hasLabels(kind: DeviceKind): boolean {
    return hasLabels(this._devices, kind);
  }
  /** The deviceId of the device currently used for a kind (`sinkId` for `audiooutput`). */
  currentDeviceId(kind: DeviceKind): string | undefined {
    if (kind === 'audiooutput') return this.#sinkId || undefined;
    const t = kind === 'videoinput' ? this.videoTrack : this.audioTrack;
    return t?.getSettings?.().deviceId || requestedDeviceId(this._requested[kind === 'videoinput' ? 'video' : 'audio']?.constraints ?? false);
  }
  /**
   * Use a device. For `videoinput`/`audioinput` the shared stream switches to it; for
   * `audiooutput` the kit's media elements route their sound to it (`setSinkId`); `''` is the
   * default device (and forgets the remembered one). The choice is remembered unless `remember`
   * is false.
   *
   * An id the device list does not have (it is enumerated again first) is never remembered, so a
   * wrong id (unplugged, or an old one the browser has since rotated) does not stay behind for the
   * next visit. It is still asked for as a requirement: a live switch to it fails with `not-found`
   * and keeps the device in use; while idle, the next start fails with `not-found` (choose another
   * device, or `''` for the default, to go on).
   *
   * When a newer `selectDevice`, `setOptions` or `flipCamera` for the same kind is made while
   * this one waits for the device list, this one is dropped.
   */
  async selectDevice(kind: DeviceKind, deviceId: string, { remember = true, consumer }: { remember?: boolean } & ChangeSource = {}): Promise<void> {
    const call = ++this._choiceCall[kind];
    const find = () => this._devices.find((d) => d.kind === kind && d.deviceId === deviceId);
    let info = find();
    if (!info && deviceId) {
      await this.refreshDevices();
      if (call !== this._choiceCall[kind]) return this.whenSettled(); // a newer choice decides
      info = find();
    }
    if (remember && deviceId && info) this._memory.remember(kind, { deviceId, groupId: info.groupId, label: info.label });
    if (remember && !deviceId) this._memory.forget(kind);
    if (kind === 'audiooutput') {
      this.#sinkChosen = true;
      this.#sinkId = deviceId;
      this._emitChange();
      return;
    }
    const trackKind: TrackKind = kind === 'videoinput' ? 'video' : 'audio';
    const cur = this._options[trackKind];
    const base = typeof cur === 'object' ? cur : {};
    const done = this.setOptions({ [trackKind]: { ...base, deviceId: deviceId || undefined, facingMode: undefined } }, { consumer });
    this._useDefault[trackKind] = !deviceId;
    return done;
  }

  /** Switch between the front (`user`) and back (`environment`) camera. */
  flipCamera(source: ChangeSource = {}): Promise<void> {
    const settings = this.getSettings('video');
    const v = this._options.video;
    const asked = requestedFacingMode(toTrackConstraints(v));
    const current = (settings?.facingMode || asked || 'user') as FacingMode;
    const next: FacingMode = current === 'user' ? 'environment' : 'user';
    return this.setOptions({ video: { ...(typeof v === 'object' ? v : {}), deviceId: undefined, facingMode: { exact: next, preferred: true } } }, source);
  }

  /** Whether the chosen device of a kind is remembered, and which. */
  rememberedDevice(kind: DeviceKind) {
    return this._memory.recall(kind);
  }
  /** Turn remembering devices on or off (`false` also forgets what was stored). */
  set rememberDevices(on: boolean) {
    if (!on) this._memory.forget();
    this._memory.enabled = on;
  }
  get rememberDevices(): boolean {
    return this._memory.enabled;
  }

  /** Enumerate devices now. The list is kept current from `devicechange` while anything is attached. */
  async refreshDevices(): Promise<readonly MediaDeviceInfo[]> {
    const md = globalThis.navigator?.mediaDevices;
    if (!md?.enumerateDevices) return this._devices;
    const call = ++this.#enumCall;
    const run = (async () => {
      let list: MediaDeviceInfo[];
      try {
        list = await md.enumerateDevices();
      } catch {
        return;
      }
      if (call !== this.#enumCall) return; // a newer enumeration decides
      const { added, removed } = diffDevices(this._devices, list);
      this._devices = list;
      this._recallSink();
      if (added.length || removed.length) this._emit(new MediaDevicesChangeEvent({ devices: list, added, removed }));
    })();
    this.#enumLatest = run;
    // Resolve with the newest list, even when a later call overtook this one.
    let waited: Promise<void> | null = null;
    while (waited !== this.#enumLatest) {
      waited = this.#enumLatest;
      await waited;
    }
    return this._devices;
  }

  /**
   * Ask for permission (so labels become visible) without keeping the device open: the tracks
   * obtained are stopped at once. Returns the permission state afterwards.
   */
  async requestAccess(kind: DeviceKind = 'videoinput'): Promise<PermissionValue> {
    const trackKind: TrackKind = kind === 'videoinput' ? 'video' : 'audio';
    const name = permissionOf(trackKind);
    if (this._tracks.track(trackKind)?.readyState === 'live') return 'granted';
    const device = errorDeviceOf([trackKind]);
    const env = environmentError(globalThis, device);
    if (env) {
      this._reportError(env);
      return this._permissions.state[name];
    }
    let s: MediaStream | null = null;
    let listed = false;
    try {
      s = await navigator.mediaDevices.getUserMedia({ [trackKind]: true });
      this._acquired(s);
      this._permissions.noteOutcome([name], 'granted');
      // Enumerate while the track is live: Firefox shows labels only then (or with a persistent grant).
      await this.refreshDevices();
      listed = true;
    } catch (e) {
      const err = toMediaCaptureError(e, device);
      if (err.code === 'permission-denied') this._permissions.noteOutcome([name], 'denied');
      this._reportError(err);
    } finally {
      for (const t of s?.getTracks() ?? []) t.stop();
    }
    // Not listed yet: getUserMedia failed, or what came after it threw (an onAcquire hook).
    if (!listed) await this.refreshDevices();
    this._emitChange();
    return this._permissions.state[name];
  }

  /** Until an output is chosen, use the remembered one once the list has it (found as inputs are). */
  private _recallSink(): void {
    if (this.#sinkChosen || !this._memory.enabled) return;
    const found = findDevice(this._devices, 'audiooutput', this._memory.recall('audiooutput'));
    const id = found?.deviceId ?? '';
    if (id === this.#sinkId) return;
    this.#sinkId = id;
    this._emitChange();
  }

  /** @internal */
  protected _startWatching(): void {
    if (this.#watching) return;
    this.#watching = true;
    void this._permissions.start();
    globalThis.navigator?.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    void this.refreshDevices();
  }

  /** @internal Stop watching devices and permissions once nothing observes or wants capture. */
  protected _unwatchIfUnused(): void {
    if (this._observers.size === 0 && !this._demand.wanted) this._stopWatching();
  }

  /** @internal */
  protected _stopWatching(): void {
    if (!this.#watching) return;
    this.#watching = false;
    this._permissions.dispose();
    globalThis.navigator?.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
  }

}
