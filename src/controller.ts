/**
 * The shared MediaStream controller: one owner of one MediaStream, shared by every element
 * that names it. Framework-free (an EventTarget); elements attach through a small Lit
 * ReactiveController in `components/internal/`.
 *
 * What it does, one job per module:
 * - `controller/demand.ts`: who wants capture and which kinds each consumer needs;
 * - `controller/options.ts`: merging option changes, the target of each kind;
 * - `controller/acquire.ts`: getUserMedia with relaxed constraints and a busy-device retry;
 * - `controller/life-stream.ts`: the one MediaStream, its tracks changed in place, track events;
 * - `controller/reconcile.ts`: the serial pass that makes the tracks what the demand asks for;
 * - this file: the public API, and what happens when a track ends or a permission changes.
 */
import { type AudioOptions, type CaptureOptions, type FacingMode, type VideoOptions, requestedDeviceId, requestedFacingMode, toTrackConstraints } from './constraints.js';
import { diffDevices, devicesOfKind, findDevice, hasLabels } from './devices.js';
import { environmentError } from './environment.js';
import { MediaCaptureError, errorDeviceOf, toMediaCaptureError, type ErrorDevice } from './errors.js';
import {
  type CaptureState,
  type DeviceKind,
  type MediaStreamControllerEventMap,
  type TrackKind,
  MediaDevicesChangeEvent,
  MediaOptionsConflictEvent,
  MediaPermissionChangeEvent,
  MediaTrackEndedEvent,
} from './events.js';
import type { PermissionName, PermissionValue } from './permissions.js';
import { type Consumer, type Demand, KINDS } from './controller/demand.js';
import { type KindOptions, changedKeys, deviceKindOf, mergeKind } from './controller/options.js';
import { ReconcilingController } from './controller/reconcile.js';
import { type MediaStreamControllerInit, permissionOf } from './controller/state.js';

export { environmentError } from './environment.js';
export type { Consumer, Demand } from './controller/demand.js';
export type { MediaStreamControllerInit } from './controller/state.js';

const SCRIPT = Object.freeze({ consumer: 'script' });

/** Who makes a change of options or devices (told when another consumer overrules it). */
export interface ChangeSource {
  /** The consumer making the change (an element); left out for a script. */
  consumer?: Consumer;
}

/**
 * Owns one MediaStream shared by many consumers.
 *
 * - Each consumer says which kinds it needs when it {@link request}s (a preview the camera, a
 *   level meter the microphone, a recorder both); the controller opens the union and closes a
 *   kind once no consumer needs it (after `releaseDelay`), keeping the other kind's track.
 * - The stream is one MediaStream object for the controller's life: a device switch replaces a
 *   track in place and fires `media-track-change` (add, then remove).
 * - Options (devices, constraints) are per stream; the last change wins, and the consumer it
 *   overrules gets `media-options-conflict`.
 * - Every change of what is wanted goes through one serial reconcile pass (`controller/reconcile.ts`).
 */
export class MediaStreamController extends ReconcilingController {
  #sinkId = '';
  /** Whether selectDevice('audiooutput') was called (else the remembered output is used once listed). */
  #sinkChosen = false;
  /** A count of device/option choices per kind: a selectDevice overtaken while it waited is dropped. */
  #choiceCall: Record<DeviceKind, number> = { videoinput: 0, audioinput: 0, audiooutput: 0 };
  #enumCall = 0;
  #enumLatest: Promise<void> | null = null;
  #watching = false;
  readonly #onDeviceChange = () => void this.refreshDevices();

  constructor(init: MediaStreamControllerInit = {}) {
    super(init);
  }

  // ---------------------------------------------------------------- observable state

  /** `idle`, `requesting`, `live`, `denied`, `unavailable` or `error`. */
  get state(): CaptureState {
    return this._state;
  }
  /**
   * The stream while it has tracks, else `null`. It is the same MediaStream object for the
   * controller's whole life: a switch changes its tracks in place (see `media-track-change`).
   */
  get stream(): MediaStream | null {
    return this._tracks.stream;
  }
  /**
   * The last error, cleared when capture goes live again or a later change is carried out. A change
   * that failed while live (the other kind kept) leaves its error here with the state still `live`.
   */
  get error(): MediaCaptureError | null {
    return this._error;
  }
  /** All known devices (cameras, microphones, audio outputs). */
  get devices(): readonly MediaDeviceInfo[] {
    return this._devices;
  }
  /** The current capture options. */
  get options(): CaptureOptions {
    return this._options;
  }
  /** What the consumers need now, as errors name it: `camera`, `microphone` or `camera-or-microphone`. */
  get requestedDevice(): ErrorDevice {
    return errorDeviceOf(this._neededKinds());
  }
  /** Permission states for camera and microphone. */
  get permissions(): Readonly<Record<PermissionName, PermissionValue>> {
    return { ...this._permissions.state };
  }
  /** True while the video track is muted (no frames arrive: frozen or paused by the system). */
  get muted(): boolean {
    return this._tracks.muted.video;
  }
  /** True while the audio track is muted. */
  get audioMuted(): boolean {
    return this._tracks.muted.audio;
  }
  /** True while a live stream is being replaced (device switch): the old frames stay on screen. */
  get switching(): boolean {
    return this._switching;
  }
  /** The chosen audio output (sink) id; `''` is the system default. */
  get sinkId(): string {
    return this.#sinkId;
  }
  /** The live video track, if any. */
  get videoTrack(): MediaStreamTrack | null {
    return this._tracks.track('video');
  }
  /** The live audio track, if any. */
  get audioTrack(): MediaStreamTrack | null {
    return this._tracks.track('audio');
  }
  /** How many consumers currently want capture. */
  get requesterCount(): number {
    return this._demand.size;
  }
  /** Whether any consumer needs a kind now. */
  needs(kind: TrackKind): boolean {
    return this._demand.needs(kind, this._options);
  }
  /**
   * The state as a consumer that needs `demand` sees it: `live` only when every kind it needs
   * has a track; while a kind it needs is being opened, `requesting`; when that kind failed
   * (denied, lost, unreadable) while another went on, the state of that error.
   */
  stateFor(demand: Demand): CaptureState {
    const s = this._state;
    if (s !== 'live') return s;
    for (const kind of KINDS) {
      if (!demand[kind] || this._tracks.track(kind)) continue;
      const err = this._error;
      const word = kind === 'video' ? 'camera' : 'microphone';
      if (err && (err.device === word || err.device === 'camera-or-microphone') && !this._busy) return err.state;
      return this._busy || this.needs(kind) ? 'requesting' : s;
    }
    return s;
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
  /** Capabilities of the live track of a kind, or `null` (no track, or the engine lacks the API). */
  getCapabilities(kind: TrackKind = 'video'): MediaTrackCapabilities | null {
    const t = this._tracks.track(kind);
    return t && typeof t.getCapabilities === 'function' ? t.getCapabilities() : null;
  }
  /** Settings of the live track of a kind, or `null`. */
  getSettings(kind: TrackKind = 'video'): MediaTrackSettings | null {
    const t = this._tracks.track(kind);
    return t && typeof t.getSettings === 'function' ? t.getSettings() : null;
  }

  // ---------------------------------------------------------------- consumers

  /** Start observing (devices, permissions) without asking for the camera. */
  attach(consumer: Consumer): void {
    this._observers.add(consumer);
    this.#startWatching();
  }

  /** Stop observing; also releases the consumer's request. */
  detach(consumer: Consumer): void {
    this._observers.delete(consumer);
    this._owners.forget(consumer);
    this.release(consumer);
    this.#unwatchIfUnused();
  }

  /**
   * Ask for capture on behalf of a consumer. `demand` names the kinds it needs (`{ video: true }`,
   * `{ audio: true }`, both); without it, the consumer follows the options (`options.video` and
   * `options.audio` not `false`), as a script's `start()` does. Asking again with another
   * demand replaces it. Resolves when the controller has settled (live, or an error state);
   * never rejects.
   */
  request(consumer: Consumer, demand?: Demand | null): Promise<void> {
    this.#startWatching();
    const first = !this._demand.wanted;
    const before = this._demand.key(this._options);
    const had = this._demand.has(consumer);
    this._demand.add(consumer, demand ?? null);
    // A consumer that needs a kind given up on is a new reason to try it again.
    if (!had) for (const k of this._gaveUp) if (this.needs(k)) this._gaveUp.delete(k);
    if (first || this._state !== 'live' || this._demand.key(this._options) !== before) this._schedule();
    return this.whenSettled();
  }

  /**
   * Give up a consumer's request. Its demand stays for `releaseDelay` ms (a move in the page
   * asks again before then); then the kinds nobody else needs stop, and the last one out stops
   * every track.
   */
  release(consumer: Consumer): void {
    const before = this._demand.key(this._options);
    this._demand.remove(consumer, this.releaseDelay, () => {
      if (this._demand.wanted && this._demand.key(this._options) === before) return;
      this._schedule();
      if (!this._demand.wanted && this._observers.size === 0) void this.whenSettled().then(() => this.#unwatchIfUnused());
    });
  }

  /** Whether a consumer currently wants capture. */
  isRequesting(consumer: Consumer): boolean {
    return this._demand.has(consumer);
  }

  /**
   * Start capture from script (what the options say: by default the camera). Resolves with the
   * stream when live, with `null` when a later `stop()` superseded it; rejects with a
   * {@link MediaCaptureError} when capture failed.
   */
  async start(): Promise<MediaStream | null> {
    await this.request(SCRIPT);
    if (this._state === 'live') return this.stream;
    if (this._error && this._state !== 'idle') throw this._error;
    return null;
  }

  /**
   * Stop capture now, for every consumer: all requests are dropped, every track stops, the
   * state becomes `idle`. Consumers ask again with `request()`.
   */
  stop(): void {
    this._demand.clear();
    this._teardown();
    this._error = null;
    this._setState('idle');
    this._emitChange();
    this._schedule();
  }

  /**
   * Try again after an error, for the consumers that want capture (clears relaxed constraints,
   * kinds given up on and the error). It adds no request of its own: with nobody asking, the
   * controller stays (or goes) idle.
   */
  retry(): Promise<void> {
    this._relaxed = { video: new Set(), audio: new Set() };
    this._gaveUp.clear();
    if (!this._demand.wanted && this._state !== 'live') {
      this._error = null;
      this._setState('idle');
    }
    this._schedule();
    return this.whenSettled();
  }

  // ---------------------------------------------------------------- options

  /**
   * Change how a kind is captured (its device and constraints; for consumers that name no
   * demand, also whether it is captured). Objects are merged into the current options of their
   * kind (a key set to `undefined` is removed); `true`/`false` replace them. On the same device
   * the change is applied with `applyConstraints` (no new prompt); a device change re-acquires.
   * Resolves once settled and never rejects: a change the device cannot make fires `media-error`,
   * leaves that error in {@link error} (until a later change succeeds or the state changes) and
   * puts the options of that kind back to the ones that work, unless a newer change came meanwhile.
   *
   * `source.consumer`: who makes the change. When it changes a value another consumer still on
   * the stream set to something else, the change wins and that consumer is told
   * (`media-options-conflict`).
   */
  setOptions(change: Partial<{ video: boolean | VideoOptions; audio: boolean | AudioOptions }>, source: ChangeSource = {}): Promise<void> {
    const next: CaptureOptions = { ...this._options };
    const conflicts: MediaOptionsConflictEvent[] = [];
    const alive = (c: Consumer) => this._demand.has(c) || this._observers.has(c);
    for (const kind of KINDS) {
      if (!(kind in change)) continue;
      this.#choiceCall[deviceKindOf(kind)]++;
      const v = change[kind] as KindOptions | undefined;
      if (v === undefined) continue;
      next[kind] = mergeKind(next[kind], v);
      this._relaxed[kind] = new Set();
      this._gaveUp.delete(kind);
      if (typeof v === 'object' && (v.deviceId || (v as VideoOptions).facingMode)) this._useDefault[kind] = false;
      for (const [key, value] of changedKeys(v)) {
        const lost = this._owners.note(kind, key, value, source.consumer, alive);
        if (lost) conflicts.push(new MediaOptionsConflictEvent({ kind, constraint: key, value, consumer: lost, by: source.consumer }));
      }
    }
    this._options = next;
    this._emitChange();
    for (const e of conflicts) this._emit(e);
    if (this._demand.wanted) this._schedule();
    else this._lastGood = next;
    return this.whenSettled();
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
    const call = ++this.#choiceCall[kind];
    const find = () => this._devices.find((d) => d.kind === kind && d.deviceId === deviceId);
    let info = find();
    if (!info && deviceId) {
      await this.refreshDevices();
      if (call !== this.#choiceCall[kind]) return this.whenSettled(); // a newer choice decides
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

  // ---------------------------------------------------------------- devices and permission

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
      this.#recallSink();
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

  /** Stop everything and forget all listeners. The controller can be used again afterwards. */
  dispose(): void {
    this._observers.clear();
    this.stop();
    this.#stopWatching();
  }

  // ---------------------------------------------------------------- internals

  /** Until an output is chosen, use the remembered one once the list has it (found as inputs are). */
  #recallSink(): void {
    if (this.#sinkChosen || !this._memory.enabled) return;
    const found = findDevice(this._devices, 'audiooutput', this._memory.recall('audiooutput'));
    const id = found?.deviceId ?? '';
    if (id === this.#sinkId) return;
    this.#sinkId = id;
    this._emitChange();
  }

  #startWatching(): void {
    if (this.#watching) return;
    this.#watching = true;
    void this._permissions.start();
    globalThis.navigator?.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    void this.refreshDevices();
  }

  /** Stop watching devices and permissions once nothing observes or wants capture. */
  #unwatchIfUnused(): void {
    if (this._observers.size === 0 && !this._demand.wanted) this.#stopWatching();
  }

  #stopWatching(): void {
    if (!this.#watching) return;
    this.#watching = false;
    this._permissions.dispose();
    globalThis.navigator?.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
  }

  /** @internal A track ended without us stopping it: unplugged, revoked, or failed. */
  protected _onTrackEnded(track: MediaStreamTrack): void {
    if (this._tracks.stoppedByUs(track) || !this._tracks.has(track)) return;
    const kind = track.kind as TrackKind;
    const endedId = this._tracks.deviceOf(track);
    const generation = this._tracks.generation;
    const version = this._version;
    this._tracks.stop(track); // an ended track may still read 'live' when the event was synthetic
    this._requested[kind] = null;
    if (endedId) this._lostDevices.set(kind, endedId);
    // A stop(), a new request or another change while we wait decides what happens instead.
    const superseded = () => {
      if (this._tracks.generation === generation && this._version === version) return false;
      this._emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: null }));
      return true;
    };
    void (async () => {
      await this._permissions.refresh();
      if (superseded()) return;
      if (this._permissions.state[permissionOf(kind)] === 'denied') {
        this._emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: null }));
        this._dropKind(kind, new MediaCaptureError('permission-denied', { device: errorDeviceOf([kind]) }));
        return;
      }
      await this.refreshDevices();
      if (superseded()) return;
      const alt = this.devicesOf(deviceKindOf(kind)).find((d) => d.deviceId && d.deviceId !== endedId);
      this._emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: alt?.deviceId ?? null }));
      if (alt && this.needs(kind)) {
        // Keep the stream as it is (its last frame stays on screen) until the fallback is live.
        const cur = this._options[kind];
        this._options = { ...this._options, [kind]: { ...(typeof cur === 'object' ? cur : {}), deviceId: alt.deviceId, facingMode: undefined } };
        // A device of the other kind lost at the same moment (a webcam's own microphone) is
        // replaced too: its handler finds this pass scheduled and leaves it to it, and the pass
        // must not ask for the device that went away.
        for (const [other, goneId] of this._lostDevices) {
          const opt = this._options[other];
          if (other === kind || typeof opt !== 'object' || requestedDeviceId(toTrackConstraints(opt, this._relaxed[other])) !== goneId) continue;
          const otherAlt = this.devicesOf(deviceKindOf(other)).find((d) => d.deviceId && d.deviceId !== goneId);
          this._options = { ...this._options, [other]: { ...opt, deviceId: otherAlt?.deviceId } };
        }
        this._switching = true;
        this._schedule();
        return;
      }
      // What is still live now (another track of the stream may have ended meanwhile, e.g. a
      // webcam's own microphone unplugged with it) goes on; with nothing left, capture fails.
      this._dropKind(kind, new MediaCaptureError('device-lost', { device: errorDeviceOf([kind]) }));
    })();
  }

  /** @internal A permission changed (the user, another tab, the browser's settings). */
  protected _onPermission(name: PermissionName, state: PermissionValue): void {
    this._emit(new MediaPermissionChangeEvent({ name, state }));
    const kind: TrackKind = name === 'camera' ? 'video' : 'audio';
    if (state === 'denied') {
      // A pass noting the outcome of its own request handles that failure itself. Else the kind
      // that was taken away stops; the other kind goes on.
      if (this._notingOutcome || !this._tracks.track(kind)) return;
      this._dropKind(kind, new MediaCaptureError('permission-denied', { device: errorDeviceOf([kind]) }));
    } else if (state === 'granted') {
      void this.refreshDevices();
      const given = this._gaveUp.delete(kind);
      if (this._state === 'denied') {
        this._error = null;
        if (this._demand.wanted) this._schedule();
        else this._setState('idle');
      } else if (given && this._demand.wanted && !this._notingOutcome) this._schedule();
    }
  }
}

// Typed listeners.
export interface MediaStreamController {
  addEventListener<K extends keyof MediaStreamControllerEventMap>(
    type: K,
    listener: (this: MediaStreamController, ev: MediaStreamControllerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof MediaStreamControllerEventMap>(
    type: K,
    listener: (this: MediaStreamController, ev: MediaStreamControllerEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

const REGISTRY = Symbol.for('media-capture-elements.controllers');

/**
 * The page-wide controller of a name (created on first use). Elements with the same
 * `stream` attribute share it, even when the kit's module is loaded twice.
 */
export function getMediaStreamController(name = 'default'): MediaStreamController {
  const g = globalThis as unknown as Record<symbol, Map<string, MediaStreamController> | undefined>;
  const map = (g[REGISTRY] ??= new Map());
  let c = map.get(name);
  if (!c) {
    c = new MediaStreamController({ name });
    map.set(name, c);
  }
  return c;
}

/** Remove a named controller from the page registry (disposing it). */
export function deleteMediaStreamController(name: string): void {
  const g = globalThis as unknown as Record<symbol, Map<string, MediaStreamController> | undefined>;
  const c = g[REGISTRY]?.get(name);
  c?.dispose();
  g[REGISTRY]?.delete(name);
}
