/**
 * The shared MediaStream controller: one owner of one MediaStream, shared by every element
 * that names it. Framework-free (an EventTarget); elements attach through a small Lit
 * ReactiveController in `components/internal/`.
 */
import {
  type AudioOptions,
  type CaptureOptions,
  type FacingMode,
  type VideoOptions,
  DEFAULT_OPTIONS,
  preferredConstraints,
  requestedDeviceId,
  requestedFacingMode,
  toTrackConstraints,
} from './constraints.js';
import { DeviceMemory, diffDevices, devicesOfKind, findDevice, hasLabels } from './devices.js';
import { MediaCaptureError, errorDeviceOf, toMediaCaptureError, type ErrorDevice } from './errors.js';
import {
  type CaptureState,
  type DeviceKind,
  type MediaStreamControllerEventMap,
  type TrackKind,
  MediaControllerChangeEvent,
  MediaDevicesChangeEvent,
  MediaErrorEvent,
  MediaPermissionChangeEvent,
  MediaStateChangeEvent,
  MediaStreamChangeEvent,
  MediaTrackChangeEvent,
  MediaTrackEndedEvent,
  MediaTrackMuteEvent,
} from './events.js';
import { type PermissionName, type PermissionValue, PermissionWatcher } from './permissions.js';

/** Options for a new {@link MediaStreamController}. */
export interface MediaStreamControllerInit {
  /** The name elements use to find this controller (`stream` attribute). Default `default`. */
  name?: string;
  /** What to capture. Default: camera on, microphone off. */
  options?: Partial<CaptureOptions>;
  /** Milliseconds to wait after the last consumer leaves before the tracks stop. Default 250. */
  releaseDelay?: number;
  /** Remember the last chosen device per kind in localStorage. Default true. */
  rememberDevices?: boolean;
  /**
   * Called with every MediaStream the controller obtains from getUserMedia, including ones it
   * discards at once because they lost a race. For instrumentation and leak tests.
   */
  onAcquire?: (stream: MediaStream) => void;
}

/** Anything that uses a controller (an element, a script). */
export type Consumer = object;

const KINDS: readonly TrackKind[] = ['video', 'audio'];
const deviceKindOf = (k: TrackKind): DeviceKind => (k === 'video' ? 'videoinput' : 'audioinput');
const permissionOf = (k: TrackKind): PermissionName => (k === 'video' ? 'camera' : 'microphone');
const SCRIPT = Object.freeze({ consumer: 'script' });

/**
 * Why the camera cannot be used here at all, if it cannot. `device` names what is wanted, in the
 * message and in the permissions-policy check: `camera` needs the `camera` feature, `microphone`
 * the `microphone` feature, `camera-or-microphone` both. Without `device`, a policy blocks only
 * when it allows neither.
 */
export function environmentError(
  win: typeof globalThis = globalThis,
  device?: ErrorDevice,
): MediaCaptureError | null {
  if (win.isSecureContext === false) return new MediaCaptureError('insecure-context', { device });
  const md = win.navigator?.mediaDevices;
  if (!md || typeof md.getUserMedia !== 'function') return new MediaCaptureError('no-api', { device });
  const doc = win.document as (Document & { featurePolicy?: { allowsFeature(f: string): boolean } }) | undefined;
  try {
    const policy = doc?.featurePolicy;
    if (policy) {
      const needed = device === 'camera' ? ['camera'] : device === 'microphone' ? ['microphone'] : device ? ['camera', 'microphone'] : null;
      const blocked = needed ? needed.some((f) => !policy.allowsFeature(f)) : !policy.allowsFeature('camera') && !policy.allowsFeature('microphone');
      if (blocked) return new MediaCaptureError('security', { device });
    }
  } catch {
    /* ignore engines with a partial implementation */
  }
  return null;
}

interface Requested {
  constraints: MediaTrackConstraints | false;
}

/**
 * Owns one MediaStream shared by many consumers.
 *
 * - The first consumer that {@link request}s starts capture; when the last one
 *   {@link release}s (after `releaseDelay`) every track is stopped.
 * - Every change of what is wanted goes through one serial reconcile loop: any interleaving of
 *   start, stop, device switch, constraint change and release ends in the state the last call
 *   asked for, and a getUserMedia that lost the race has its tracks stopped at once.
 */
export class MediaStreamController extends EventTarget {
  /** The name elements use to find this controller. */
  readonly name: string;
  /** Milliseconds between the last release and the tracks stopping. */
  releaseDelay: number;

  #state: CaptureState = 'idle';
  #stream: MediaStream | null = null;
  #error: MediaCaptureError | null = null;
  #devices: MediaDeviceInfo[] = [];
  #options: CaptureOptions;
  #lastGood: CaptureOptions;
  #relaxed: Record<TrackKind, Set<string>> = { video: new Set(), audio: new Set() };
  #requested: Record<TrackKind, Requested | null> = { video: null, audio: null };
  #muted: Record<TrackKind, boolean> = { video: false, audio: false };
  #sinkId = '';
  /** Whether selectDevice('audiooutput') was called (else the remembered output is used once listed). */
  #sinkChosen = false;
  /** A count of device/option choices per kind: a selectDevice overtaken while it waited is dropped. */
  #choiceCall: Record<DeviceKind, number> = { videoinput: 0, audioinput: 0, audiooutput: 0 };
  #switching = false;

  #observers = new Set<Consumer>();
  #requesters = new Set<Consumer>();
  #releaseTimer: ReturnType<typeof setTimeout> | null = null;

  #loop: Promise<void> | null = null;
  #dirty = false;
  #version = 0;
  #enumCall = 0;
  #enumLatest: Promise<void> | null = null;
  #watching = false;
  #ownStops = new WeakSet<MediaStreamTrack>();
  #trackCleanup = new Map<MediaStreamTrack, () => void>();
  /** The device of each watched track, read while it was live (see #watchTrack). */
  #trackDevice = new WeakMap<MediaStreamTrack, string>();
  /** The device of each kind whose track ended by itself, until that kind is acquired again. */
  #lostDevices = new Map<TrackKind, string>();
  #streamCleanup: (() => void) | null = null;

  readonly #memory: DeviceMemory;
  readonly #permissions: PermissionWatcher;
  readonly #onAcquire: ((s: MediaStream) => void) | undefined;
  readonly #onDeviceChange = () => void this.refreshDevices();

  constructor(init: MediaStreamControllerInit = {}) {
    super();
    this.name = init.name ?? 'default';
    this.releaseDelay = init.releaseDelay ?? 250;
    this.#options = { ...DEFAULT_OPTIONS, ...init.options };
    this.#lastGood = this.#options;
    this.#memory = new DeviceMemory(this.name, init.rememberDevices ?? true);
    this.#onAcquire = init.onAcquire;
    this.#permissions = new PermissionWatcher((name, state) => this.#onPermission(name, state));
  }

  // ---------------------------------------------------------------- observable state

  /** `idle`, `requesting`, `live`, `denied`, `unavailable` or `error`. */
  get state(): CaptureState {
    return this.#state;
  }
  /** The live stream, or `null`. */
  get stream(): MediaStream | null {
    return this.#stream;
  }
  /**
   * The last error, cleared when capture goes live again or a later change is carried out. A change
   * that failed while live (the camera kept) leaves its error here with the state still `live`.
   */
  get error(): MediaCaptureError | null {
    return this.#error;
  }
  /** All known devices (cameras, microphones, audio outputs). */
  get devices(): readonly MediaDeviceInfo[] {
    return this.#devices;
  }
  /** The current capture options. */
  get options(): CaptureOptions {
    return this.#options;
  }
  /** What the current options ask for, as errors name it: `camera`, `microphone` or `camera-or-microphone`. */
  get requestedDevice(): ErrorDevice {
    return errorDeviceOf(KINDS.filter((k) => !!this.#options[k]));
  }
  /** Permission states for camera and microphone. */
  get permissions(): Readonly<Record<PermissionName, PermissionValue>> {
    return { ...this.#permissions.state };
  }
  /** True while the video track is muted (no frames arrive: frozen or paused by the system). */
  get muted(): boolean {
    return this.#muted.video;
  }
  /** True while the audio track is muted. */
  get audioMuted(): boolean {
    return this.#muted.audio;
  }
  /** True while a live stream is being replaced (device switch): the old frames stay on screen. */
  get switching(): boolean {
    return this.#switching;
  }
  /** The chosen audio output (sink) id; `''` is the system default. */
  get sinkId(): string {
    return this.#sinkId;
  }
  /** The live video track, if any. */
  get videoTrack(): MediaStreamTrack | null {
    return this.#stream?.getVideoTracks()[0] ?? null;
  }
  /** The live audio track, if any. */
  get audioTrack(): MediaStreamTrack | null {
    return this.#stream?.getAudioTracks()[0] ?? null;
  }
  /** How many consumers currently want capture. */
  get requesterCount(): number {
    return this.#requesters.size;
  }
  /** The devices of one kind. */
  devicesOf(kind: DeviceKind): MediaDeviceInfo[] {
    return devicesOfKind(this.#devices, kind);
  }
  /** True when device labels of a kind are visible (permission was given). */
  hasLabels(kind: DeviceKind): boolean {
    return hasLabels(this.#devices, kind);
  }
  /** The deviceId of the device currently used for a kind (`sinkId` for `audiooutput`). */
  currentDeviceId(kind: DeviceKind): string | undefined {
    if (kind === 'audiooutput') return this.#sinkId || undefined;
    const t = kind === 'videoinput' ? this.videoTrack : this.audioTrack;
    return t?.getSettings?.().deviceId || requestedDeviceId(this.#requested[kind === 'videoinput' ? 'video' : 'audio']?.constraints ?? false);
  }
  /** Capabilities of the live track of a kind, or `null` (no track, or the engine lacks the API). */
  getCapabilities(kind: TrackKind = 'video'): MediaTrackCapabilities | null {
    const t = kind === 'video' ? this.videoTrack : this.audioTrack;
    return t && typeof t.getCapabilities === 'function' ? t.getCapabilities() : null;
  }
  /** Settings of the live track of a kind, or `null`. */
  getSettings(kind: TrackKind = 'video'): MediaTrackSettings | null {
    const t = kind === 'video' ? this.videoTrack : this.audioTrack;
    return t && typeof t.getSettings === 'function' ? t.getSettings() : null;
  }

  // ---------------------------------------------------------------- consumers

  /** Start observing (devices, permissions) without asking for the camera. */
  attach(consumer: Consumer): void {
    this.#observers.add(consumer);
    this.#startWatching();
  }

  /** Stop observing; also releases the consumer's request. */
  detach(consumer: Consumer): void {
    this.#observers.delete(consumer);
    this.release(consumer);
    this.#unwatchIfUnused();
  }

  /**
   * Ask for capture on behalf of a consumer. Resolves when the controller has settled
   * (live, or an error state); never rejects.
   */
  request(consumer: Consumer): Promise<void> {
    this.#startWatching();
    const first = this.#requesters.size === 0 && !this.#releaseTimer;
    this.#requesters.add(consumer);
    this.#cancelRelease();
    if (first || this.#state !== 'live') this.#schedule();
    return this.whenSettled();
  }

  /** Give up a consumer's request. The last one out stops capture after `releaseDelay`. */
  release(consumer: Consumer): void {
    if (!this.#requesters.delete(consumer) || this.#requesters.size > 0) return;
    this.#cancelRelease();
    const done = () => {
      this.#releaseTimer = null;
      if (this.#requesters.size > 0) return;
      this.#schedule();
      if (this.#observers.size === 0) void this.whenSettled().then(() => this.#unwatchIfUnused());
    };
    if (this.releaseDelay <= 0) done();
    else this.#releaseTimer = setTimeout(done, this.releaseDelay);
  }

  /** Whether a consumer currently wants capture. */
  isRequesting(consumer: Consumer): boolean {
    return this.#requesters.has(consumer);
  }

  /**
   * Start capture from script. Resolves with the stream when live, with `null` when a later
   * `stop()` superseded it; rejects with a {@link MediaCaptureError} when capture failed.
   */
  async start(): Promise<MediaStream | null> {
    await this.request(SCRIPT);
    if (this.#state === 'live') return this.#stream;
    if (this.#error && this.#state !== 'idle') throw this.#error;
    return null;
  }

  /**
   * Stop capture now, for every consumer: all requests are dropped, every track stops, the
   * state becomes `idle`. Consumers ask again with `request()`.
   */
  stop(): void {
    this.#requesters.clear();
    this.#cancelRelease();
    this.#teardown();
    this.#error = null;
    this.#setState('idle');
    this.#schedule();
  }

  /** Try again after an error (clears relaxed constraints and the error). */
  retry(): Promise<void> {
    this.#relaxed = { video: new Set(), audio: new Set() };
    if (this.#requesters.size === 0) this.#requesters.add(SCRIPT);
    this.#schedule();
    return this.whenSettled();
  }

  /** Resolves once every pending change has been carried out. */
  async whenSettled(): Promise<void> {
    while (this.#loop) await this.#loop;
  }

  // ---------------------------------------------------------------- options

  /**
   * Change what is captured. Objects are merged into the current options of their kind
   * (a key set to `undefined` is removed); `true`/`false` replace them. On the same device
   * the change is applied with `applyConstraints` (no new prompt); a device change re-acquires.
   * Resolves once settled and never rejects: a change the device cannot make fires `media-error`,
   * leaves that error in {@link error} (until a later change succeeds or the state changes) and
   * puts the options of that kind back to the ones that work, unless a newer change came meanwhile.
   */
  setOptions(change: Partial<{ video: boolean | VideoOptions; audio: boolean | AudioOptions }>): Promise<void> {
    const next: CaptureOptions = { ...this.#options };
    for (const kind of KINDS) {
      if (!(kind in change)) continue;
      this.#choiceCall[deviceKindOf(kind)]++;
      const v = change[kind];
      if (v === undefined) continue;
      const cur = next[kind];
      if (typeof v === 'object' && typeof cur === 'object') {
        const merged: Record<string, unknown> = { ...cur, ...v };
        for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
        next[kind] = merged;
      } else if (typeof v === 'object') {
        const clean: Record<string, unknown> = { ...v };
        for (const k of Object.keys(clean)) if (clean[k] === undefined) delete clean[k];
        next[kind] = clean;
      } else next[kind] = v;
      this.#relaxed[kind] = new Set();
    }
    this.#options = next;
    this.#emitChange();
    if (this.#wanted) this.#schedule();
    else this.#lastGood = next;
    return this.whenSettled();
  }

  /**
   * Use a device. For `videoinput`/`audioinput` the shared stream switches to it; for
   * `audiooutput` the kit's media elements route their sound to it (`setSinkId`); `''` is the
   * default device. The choice is remembered unless `remember` is false.
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
  async selectDevice(kind: DeviceKind, deviceId: string, { remember = true } = {}): Promise<void> {
    const call = ++this.#choiceCall[kind];
    const find = () => this.#devices.find((d) => d.kind === kind && d.deviceId === deviceId);
    let info = find();
    if (!info && deviceId) {
      await this.refreshDevices();
      if (call !== this.#choiceCall[kind]) return this.whenSettled(); // a newer choice decides
      info = find();
    }
    if (remember && deviceId && info) this.#memory.remember(kind, { deviceId, groupId: info.groupId, label: info.label });
    if (kind === 'audiooutput') {
      this.#sinkChosen = true;
      this.#sinkId = deviceId;
      this.#emitChange();
      return;
    }
    const trackKind: TrackKind = kind === 'videoinput' ? 'video' : 'audio';
    const cur = this.#options[trackKind];
    const base = typeof cur === 'object' ? cur : {};
    return this.setOptions({ [trackKind]: { ...base, deviceId: deviceId || undefined, facingMode: undefined } });
  }

  /** Switch between the front (`user`) and back (`environment`) camera. */
  flipCamera(): Promise<void> {
    const settings = this.getSettings('video');
    const v = this.#options.video;
    const asked = requestedFacingMode(toTrackConstraints(v));
    const current = (settings?.facingMode || asked || 'user') as FacingMode;
    const next: FacingMode = current === 'user' ? 'environment' : 'user';
    return this.setOptions({ video: { ...(typeof v === 'object' ? v : {}), deviceId: undefined, facingMode: { exact: next, preferred: true } } });
  }

  /** Whether the chosen device of a kind is remembered, and which. */
  rememberedDevice(kind: DeviceKind) {
    return this.#memory.recall(kind);
  }
  /** Turn remembering devices on or off (`false` also forgets what was stored). */
  set rememberDevices(on: boolean) {
    if (!on) this.#memory.forget();
    this.#memory.enabled = on;
  }
  get rememberDevices(): boolean {
    return this.#memory.enabled;
  }

  // ---------------------------------------------------------------- devices and permission

  /** Enumerate devices now. The list is kept current from `devicechange` while anything is attached. */
  async refreshDevices(): Promise<readonly MediaDeviceInfo[]> {
    const md = globalThis.navigator?.mediaDevices;
    if (!md?.enumerateDevices) return this.#devices;
    const call = ++this.#enumCall;
    const run = (async () => {
      let list: MediaDeviceInfo[];
      try {
        list = await md.enumerateDevices();
      } catch {
        return;
      }
      if (call !== this.#enumCall) return; // a newer enumeration decides
      const { added, removed } = diffDevices(this.#devices, list);
      this.#devices = list;
      this.#recallSink();
      if (added.length || removed.length) this.#emit(new MediaDevicesChangeEvent({ devices: list, added, removed }));
    })();
    this.#enumLatest = run;
    // Resolve with the newest list, even when a later call overtook this one.
    let waited: Promise<void> | null = null;
    while (waited !== this.#enumLatest) {
      waited = this.#enumLatest;
      await waited;
    }
    return this.#devices;
  }

  /**
   * Ask for permission (so labels become visible) without keeping the device open: the tracks
   * obtained are stopped at once. Returns the permission state afterwards.
   */
  async requestAccess(kind: DeviceKind = 'videoinput'): Promise<PermissionValue> {
    const trackKind: TrackKind = kind === 'videoinput' ? 'video' : 'audio';
    const name = permissionOf(trackKind);
    if ((trackKind === 'video' ? this.videoTrack : this.audioTrack)?.readyState === 'live') return 'granted';
    const device = errorDeviceOf([trackKind]);
    const env = environmentError(globalThis, device);
    if (env) {
      this.#reportError(env);
      return this.#permissions.state[name];
    }
    let s: MediaStream | null = null;
    let listed = false;
    try {
      s = await navigator.mediaDevices.getUserMedia({ [trackKind]: true });
      this.#acquired(s);
      this.#permissions.noteOutcome([name], 'granted');
      // Enumerate while the track is live: Firefox shows labels only then (or with a persistent grant).
      await this.refreshDevices();
      listed = true;
    } catch (e) {
      const err = toMediaCaptureError(e, device);
      if (err.code === 'permission-denied') this.#permissions.noteOutcome([name], 'denied');
      this.#reportError(err);
    } finally {
      for (const t of s?.getTracks() ?? []) t.stop();
    }
    // Not listed yet: getUserMedia failed, or what came after it threw (an onAcquire hook).
    if (!listed) await this.refreshDevices();
    this.#emitChange();
    return this.#permissions.state[name];
  }

  /** Stop everything and forget all listeners. The controller can be used again afterwards. */
  dispose(): void {
    this.#observers.clear();
    this.stop();
    this.#stopWatching();
  }

  // ---------------------------------------------------------------- internals

  /** Until an output is chosen, use the remembered one once the list has it (found as inputs are). */
  #recallSink(): void {
    if (this.#sinkChosen || !this.#memory.enabled) return;
    const found = findDevice(this.#devices, 'audiooutput', this.#memory.recall('audiooutput'));
    const id = found?.deviceId ?? '';
    if (id === this.#sinkId) return;
    this.#sinkId = id;
    this.#emitChange();
  }

  get #wanted(): boolean {
    return this.#requesters.size > 0 || this.#releaseTimer !== null;
  }

  #cancelRelease(): void {
    if (this.#releaseTimer) clearTimeout(this.#releaseTimer);
    this.#releaseTimer = null;
  }

  #startWatching(): void {
    if (this.#watching) return;
    this.#watching = true;
    void this.#permissions.start();
    globalThis.navigator?.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    void this.refreshDevices();
  }

  /** Stop watching devices and permissions once nothing observes or wants capture. */
  #unwatchIfUnused(): void {
    if (this.#observers.size === 0 && this.#requesters.size === 0 && !this.#releaseTimer) this.#stopWatching();
  }

  #stopWatching(): void {
    if (!this.#watching) return;
    this.#watching = false;
    this.#permissions.dispose();
    globalThis.navigator?.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
  }

  #schedule(): Promise<void> {
    this.#dirty = true;
    this.#version++;
    this.#loop ??= this.#run().finally(() => {
      this.#loop = null;
    });
    return this.#loop;
  }

  async #run(): Promise<void> {
    await Promise.resolve(); // let a burst of synchronous calls coalesce into one pass
    while (this.#dirty) {
      this.#dirty = false;
      const version = this.#version;
      try {
        await this.#reconcile(version);
      } catch (e) {
        if (version === this.#version) this.#fail(toMediaCaptureError(e, this.requestedDevice));
      }
    }
    this.#switching = false;
  }

  /** What each kind should be, given the options, the fallbacks and remembered devices. */
  #target(kind: TrackKind): VideoOptions | AudioOptions | false {
    const o = this.#options[kind];
    if (o === false) return false;
    const opts: VideoOptions & AudioOptions = o === true ? {} : { ...(o as VideoOptions & AudioOptions) };
    const dk = deviceKindOf(kind);
    if (opts.deviceId === undefined && (opts as VideoOptions).facingMode === undefined) {
      const remembered = this.#memory.recall(dk);
      const found = findDevice(this.#devices, dk, remembered);
      if (found?.deviceId) opts.deviceId = { exact: found.deviceId, preferred: true };
      else if (remembered && !hasLabels(this.#devices, dk)) opts.deviceId = { ideal: remembered.deviceId };
    }
    return opts;
  }

  async #reconcile(version: number): Promise<void> {
    if (!this.#wanted) {
      if (this.#stream) {
        this.#teardown();
        this.#setState('idle');
      } else if (this.#state === 'requesting') this.#setState('idle');
      return;
    }
    const env = KINDS.some((k) => this.#options[k]) ? environmentError(globalThis, this.requestedDevice) : null;
    if (env) throw env;
    if (this.#devices.length === 0 || (this.#memory.enabled && !this.#devices.some((d) => d.label))) await this.refreshDevices();
    if (version !== this.#version) return;

    const stream = this.#stream;
    const targets = { video: this.#target('video'), audio: this.#target('audio') };
    if (targets.video === false && targets.audio === false) {
      // nothing to capture: behave like a stop, but keep the requests
      if (stream) this.#teardown();
      this.#setState('idle');
      return;
    }
    const acquire: TrackKind[] = [];
    const remove: MediaStreamTrack[] = [];
    const apply: [MediaStreamTrack, TrackKind][] = [];
    for (const kind of KINDS) {
      const track = stream?.getTracks().find((t) => t.kind === kind && t.readyState === 'live');
      const want = targets[kind];
      if (!want) {
        if (track) remove.push(track);
        continue;
      }
      if (!track) {
        acquire.push(kind);
        continue;
      }
      const c = toTrackConstraints(want, this.#relaxed[kind]);
      const prev = this.#requested[kind]?.constraints ?? false;
      const dev = requestedDeviceId(c);
      const settings = track.getSettings?.() ?? {};
      const facing = requestedFacingMode(c);
      if (
        (dev && dev !== settings.deviceId && !(typeof want.deviceId === 'object' && want.deviceId.ideal)) ||
        (facing !== requestedFacingMode(prev) && facing !== undefined && settings.facingMode !== facing)
      )
        acquire.push(kind);
      else if (JSON.stringify(c) !== JSON.stringify(prev)) apply.push([track, kind]);
    }

    // Same device: constraints change in place.
    let applyFailed = false;
    for (const [track, kind] of apply) {
      const asked = this.#options[kind];
      if (!(await this.#applyConstraints(track, kind, targets[kind] as VideoOptions | AudioOptions, asked))) applyFailed = true;
      if (version !== this.#version) return;
      // Some engines (Chromium) accept a change of audio processing on a live track but ignore it:
      // then only a new track gives what was asked for.
      if (!this.#honoured(track, targets[kind] as AudioOptions)) acquire.push(kind);
    }

    let tracks = stream ? stream.getTracks().filter((t) => t.readyState === 'live' && !remove.includes(t)) : [];
    for (const t of remove) this.#stopTrack(t);

    if (acquire.length) {
      const live = tracks.length > 0;
      if (live) this.#switching = true;
      else this.#setState('requesting');
      this.#emitChange();
      const replaced = tracks.filter((t) => acquire.includes(t.kind as TrackKind));
      const released: MediaStreamTrack[] = [];
      let fresh: MediaStream;
      try {
        fresh = await this.#getUserMedia(acquire, targets, replaced, released, version);
      } catch (e) {
        if (version !== this.#version) {
          this.#switching = false;
          return; // a newer request decides what happens now
        }
        const err = toMediaCaptureError(e, errorDeviceOf(acquire));
        // A dismissed prompt is no decision. A denial of a request for both devices does not say
        // which one was refused: a device known to be granted keeps that.
        if (err.code === 'permission-denied') {
          const names = acquire.map(permissionOf);
          const unsure = names.filter((n) => this.#permissions.state[n] !== 'granted');
          this.#permissions.noteOutcome(names.length > 1 && unsure.length ? unsure : names, 'denied');
        }
        const survivors = tracks.filter((t) => t.readyState === 'live' && !replaced.includes(t));
        let keepOld = replaced.filter((t) => t.readyState === 'live');
        if (!keepOld.length && released.length && err.state !== 'denied') {
          // We let our device go so that the new one could start (many phones open one camera
          // at a time), and it failed all the same: open the one that worked again.
          keepOld = await this.#reopen(released);
          if (version !== this.#version) {
            for (const t of keepOld) this.#stopTrack(t);
            this.#switching = false;
            return;
          }
        }
        this.#switching = false;
        if (keepOld.length && err.state !== 'denied') {
          // A failed switch keeps the device that works and goes back to the options that made it.
          this.#options = this.#lastGood;
          this.#rememberKept(keepOld);
          this.#publish([...survivors, ...keepOld]);
          this.#reportError(err);
          return;
        }
        for (const t of keepOld) this.#stopTrack(t);
        if (survivors.length) {
          // The other kinds go on. The kinds that failed to start go back to the options that
          // last worked, and a remembered device that failed is forgotten: else every later
          // pass (any setOptions, a devicechange) would ask for the failing device again.
          for (const kind of acquire) {
            const failed = requestedDeviceId(toTrackConstraints(targets[kind], this.#relaxed[kind]));
            const memoryKind = deviceKindOf(kind);
            if (failed && this.#memory.recall(memoryKind)?.deviceId === failed) this.#memory.forget(memoryKind);
            this.#options = { ...this.#options, [kind]: this.#lastGood[kind] };
          }
          this.#publish(survivors);
          this.#reportError(err);
          return;
        }
        throw err;
      }
      if (version !== this.#version && !this.#stillWanted(acquire, targets)) {
        for (const t of fresh.getTracks()) this.#stopTrack(t); // lost the race
        this.#switching = false;
        return;
      }
      this.#permissions.noteOutcome(acquire.map(permissionOf), 'granted');
      for (const t of tracks.filter((t) => acquire.includes(t.kind as TrackKind))) this.#stopTrack(t);
      // Tracks kept from before the await may have ended meanwhile (a stop() then a start() while
      // getUserMedia ran, an unplugged device): publish only live ones; the next pass replaces them.
      tracks = [...tracks.filter((t) => !acquire.includes(t.kind as TrackKind) && t.readyState === 'live'), ...fresh.getTracks()];
      for (const kind of acquire) {
        this.#requested[kind] = { constraints: toTrackConstraints(targets[kind], this.#relaxed[kind]) };
        this.#lostDevices.delete(kind);
      }
      this.#switching = false;
      this.#publish(tracks);
      void this.refreshDevices();
    } else if (remove.length) {
      this.#publish(tracks);
    }
    if (this.#stream) {
      this.#lastGood = this.#options;
      // A change that could not be applied leaves its error (media-error fired) until a later
      // pass succeeds or the state changes.
      if (!applyFailed) this.#error = null;
      this.#setState('live');
      this.#emitChange();
    }
  }

  /** Whether a live track's settings show the boolean processing options asked for. */
  #honoured(track: MediaStreamTrack, want: AudioOptions): boolean {
    if (track.readyState !== 'live' || typeof track.getSettings !== 'function') return true;
    const settings = track.getSettings() as Record<string, unknown>;
    return (['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const).every(
      (k) => typeof want[k] !== 'boolean' || !(k in settings) || settings[k] === want[k],
    );
  }

  /** After a lost race: is what we obtained still exactly what is wanted now? */
  #stillWanted(kinds: TrackKind[], targets: Record<TrackKind, VideoOptions | AudioOptions | false>): boolean {
    if (!this.#wanted) return false;
    return kinds.every((k) => {
      const now = this.#target(k);
      return now !== false && JSON.stringify(toTrackConstraints(now, this.#relaxed[k])) === JSON.stringify(toTrackConstraints(targets[k], this.#relaxed[k]));
    });
  }

  /** getUserMedia, where a track that has already ended counts as a NotReadableError. */
  async #open(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const s = await navigator.mediaDevices.getUserMedia(constraints);
    this.#acquired(s);
    if (s.getTracks().some((t) => t.readyState !== 'live')) {
      // The device failed as it started (Chromium resolves so when its capture service fails
      // during the start).
      for (const t of s.getTracks()) this.#stopTrack(t);
      throw new DOMException('The device stopped as it started.', 'NotReadableError');
    }
    return s;
  }

  /** Tell `onAcquire` about a new stream; when it throws, the stream's tracks stop and the error goes on. */
  #acquired(s: MediaStream): void {
    try {
      this.#onAcquire?.(s);
    } catch (e) {
      for (const t of s.getTracks()) this.#stopTrack(t);
      throw e;
    }
  }

  /**
   * Open again the devices of tracks we stopped for a switch that then failed, with the
   * constraints that made them. Returns the new tracks, or none when that fails too.
   */
  async #reopen(stopped: MediaStreamTrack[]): Promise<MediaStreamTrack[]> {
    const want = (kind: TrackKind): MediaTrackConstraints | false => {
      const t = stopped.find((x) => x.kind === kind);
      if (!t) return false;
      const made = this.#requested[kind]?.constraints;
      const c: MediaTrackConstraints = typeof made === 'object' ? { ...made } : {};
      const id = this.#trackDevice.get(t);
      if (id) c.deviceId = { exact: id };
      return c;
    };
    try {
      return (await this.#open({ video: want('video'), audio: want('audio') })).getTracks();
    } catch {
      return [];
    }
  }

  /** After a failed switch, remember the device still in use rather than the one that failed. */
  #rememberKept(kept: MediaStreamTrack[]): void {
    if (!this.#memory.enabled) return;
    for (const t of kept) {
      const kind = deviceKindOf(t.kind as TrackKind);
      const deviceId = this.#trackDevice.get(t) ?? t.getSettings?.().deviceId;
      if (!deviceId) continue;
      const info = this.#devices.find((d) => d.kind === kind && d.deviceId === deviceId);
      this.#memory.remember(kind, { deviceId, groupId: info?.groupId ?? '', label: info?.label ?? t.label });
    }
  }

  async #getUserMedia(
    kinds: TrackKind[],
    targets: Record<TrackKind, VideoOptions | AudioOptions | false>,
    replaced: MediaStreamTrack[],
    released: MediaStreamTrack[],
    version: number,
  ): Promise<MediaStream> {
    let retriedBusy = false;
    for (let attempt = 0; ; attempt++) {
      const constraints: MediaStreamConstraints = {
        video: kinds.includes('video') ? toTrackConstraints(targets.video, this.#relaxed.video) : false,
        audio: kinds.includes('audio') ? toTrackConstraints(targets.audio, this.#relaxed.audio) : false,
      };
      try {
        return await this.#open(constraints);
      } catch (e) {
        const name = (e as { name?: string })?.name;
        if ((name === 'OverconstrainedError' || name === 'ConstraintNotSatisfiedError') && attempt < 8) {
          const c = (e as { constraint?: string }).constraint ?? '';
          let relaxedAny = false;
          for (const k of kinds) {
            const t = targets[k];
            if (!t) continue;
            const candidates = preferredConstraints(t).filter((n) => !this.#relaxed[k].has(n));
            const pick = c ? candidates.filter((n) => n === c) : candidates;
            for (const n of pick) this.#relaxed[k].add(n);
            if (pick.length) relaxedAny = true;
          }
          if (relaxedAny) continue;
          if (c === 'deviceId') throw new MediaCaptureError('not-found', { cause: e, constraint: c, device: errorDeviceOf(kinds) });
        }
        if ((name === 'NotReadableError' || name === 'TrackStartError') && !retriedBusy) {
          // The camera may be busy because we still hold it: release ours, then try once more.
          retriedBusy = true;
          for (const t of replaced) {
            if (t.readyState === 'live') released.push(t);
            this.#stopTrack(t);
          }
          await new Promise((r) => setTimeout(r, 150));
          // A stop() or a newer change meanwhile decides: do not open the camera again for nothing.
          if (version !== this.#version) throw new DOMException('Superseded by a newer request.', 'AbortError');
          continue;
        }
        throw e;
      }
    }
  }

  /** Change a live track in place. Returns false when it keeps its previous constraints (error reported). */
  async #applyConstraints(
    track: MediaStreamTrack,
    kind: TrackKind,
    want: VideoOptions | AudioOptions,
    asked: CaptureOptions[TrackKind],
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const c = toTrackConstraints(want, this.#relaxed[kind]) as MediaTrackConstraints;
      try {
        await track.applyConstraints(c);
        this.#requested[kind] = { constraints: c };
        this.#emitChange();
        return true;
      } catch (e) {
        const err = toMediaCaptureError(e, errorDeviceOf([kind]));
        if (err.code === 'overconstrained') {
          const candidates = preferredConstraints(want).filter((n) => !this.#relaxed[kind].has(n));
          const pick = err.constraint ? candidates.filter((n) => n === err.constraint) : candidates;
          if (pick.length) {
            for (const n of pick) this.#relaxed[kind].add(n);
            continue;
          }
        }
        // The track keeps its previous constraints; report, and go back to the options that work
        // for this kind, unless a newer change of this kind came meanwhile (it decides).
        this.#requested[kind] = { constraints: toTrackConstraints(want, this.#relaxed[kind]) };
        if (this.#options[kind] === asked) this.#options = { ...this.#options, [kind]: this.#lastGood[kind] };
        this.#reportError(err);
        return false;
      }
    }
    return false;
  }

  /** Make `tracks` the shared stream (a new MediaStream object when the set changed). */
  #publish(tracks: MediaStreamTrack[]): void {
    const same =
      this.#stream && tracks.length === this.#stream.getTracks().length && tracks.every((t) => this.#stream!.getTracks().includes(t));
    if (same) return;
    this.#streamCleanup?.();
    this.#streamCleanup = null;
    if (tracks.length === 0) {
      this.#stream = null;
      this.#emit(new MediaStreamChangeEvent({ stream: null }));
      return;
    }
    const stream = new MediaStream(tracks);
    for (const t of tracks) this.#watchTrack(t);
    const onAdd = (e: MediaStreamTrackEvent) => this.#emit(new MediaTrackChangeEvent({ track: e.track, change: 'add' }));
    const onRemove = (e: MediaStreamTrackEvent) => this.#emit(new MediaTrackChangeEvent({ track: e.track, change: 'remove' }));
    stream.addEventListener('addtrack', onAdd);
    stream.addEventListener('removetrack', onRemove);
    this.#streamCleanup = () => {
      stream.removeEventListener('addtrack', onAdd);
      stream.removeEventListener('removetrack', onRemove);
    };
    this.#stream = stream;
    this.#muted.video = stream.getVideoTracks()[0]?.muted ?? false;
    this.#muted.audio = stream.getAudioTracks()[0]?.muted ?? false;
    this.#emit(new MediaStreamChangeEvent({ stream }));
  }

  #watchTrack(track: MediaStreamTrack): void {
    if (this.#trackCleanup.has(track)) return;
    const kind = track.kind as TrackKind;
    // An ended track's settings may no longer name its device: remember it while live.
    const deviceId = track.getSettings?.().deviceId;
    if (deviceId) this.#trackDevice.set(track, deviceId);
    const onEnded = () => this.#onTrackEnded(track);
    const onMute = () => this.#onMute(track, kind, true);
    const onUnmute = () => this.#onMute(track, kind, false);
    track.addEventListener('ended', onEnded);
    track.addEventListener('mute', onMute);
    track.addEventListener('unmute', onUnmute);
    this.#trackCleanup.set(track, () => {
      track.removeEventListener('ended', onEnded);
      track.removeEventListener('mute', onMute);
      track.removeEventListener('unmute', onUnmute);
    });
  }

  #stopTrack(track: MediaStreamTrack): void {
    this.#ownStops.add(track);
    this.#trackCleanup.get(track)?.();
    this.#trackCleanup.delete(track);
    track.stop();
  }

  #teardown(): void {
    this.#lostDevices.clear();
    this.#switching = false;
    for (const t of this.#stream?.getTracks() ?? []) this.#stopTrack(t);
    this.#requested = { video: null, audio: null };
    this.#publish([]);
  }

  #onMute(track: MediaStreamTrack, kind: TrackKind, muted: boolean): void {
    if (!this.#stream?.getTracks().includes(track)) return;
    this.#muted[kind] = muted;
    this.#emit(new MediaTrackMuteEvent({ track, kind, muted }));
  }

  #onTrackEnded(track: MediaStreamTrack): void {
    if (this.#ownStops.has(track) || !this.#stream?.getTracks().includes(track)) return;
    const kind = track.kind as TrackKind;
    const endedId = this.#trackDevice.get(track) ?? track.getSettings?.().deviceId;
    const stream = this.#stream;
    const version = this.#version;
    this.#stopTrack(track); // an ended track may still read 'live' when the event was synthetic
    this.#requested[kind] = null;
    if (endedId) this.#lostDevices.set(kind, endedId);
    // A stop(), a new request or another change while we wait decides what happens instead.
    const superseded = () => {
      if (this.#stream === stream && this.#version === version) return false;
      this.#emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: null }));
      return true;
    };
    void (async () => {
      await this.#permissions.refresh();
      if (superseded()) return;
      if (this.#permissions.state[permissionOf(kind)] === 'denied') {
        this.#emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: null }));
        this.#teardown();
        this.#fail(new MediaCaptureError('permission-denied', { device: errorDeviceOf([kind]) }));
        return;
      }
      await this.refreshDevices();
      if (superseded()) return;
      const alt = this.devicesOf(deviceKindOf(kind)).find((d) => d.deviceId && d.deviceId !== endedId);
      this.#emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: alt?.deviceId ?? null }));
      if (alt && this.#wanted) {
        // Keep the stream as it is (its last frame stays on screen) until the fallback is live.
        const cur = this.#options[kind];
        this.#options = { ...this.#options, [kind]: { ...(typeof cur === 'object' ? cur : {}), deviceId: alt.deviceId, facingMode: undefined } };
        // A device of the other kind lost at the same moment (a webcam's own microphone) is
        // replaced too: its handler finds this pass scheduled and leaves it to it, and the pass
        // must not ask for the device that went away.
        for (const [other, goneId] of this.#lostDevices) {
          const opt = this.#options[other];
          if (other === kind || typeof opt !== 'object' || requestedDeviceId(toTrackConstraints(opt, this.#relaxed[other])) !== goneId) continue;
          const otherAlt = this.devicesOf(deviceKindOf(other)).find((d) => d.deviceId && d.deviceId !== goneId);
          this.#options = { ...this.#options, [other]: { ...opt, deviceId: otherAlt?.deviceId } };
        }
        this.#switching = true;
        this.#schedule();
        return;
      }
      const lost = new MediaCaptureError('device-lost', { device: errorDeviceOf([kind]) });
      // What is still live now (another track of the stream may have ended meanwhile, e.g. a
      // webcam's own microphone unplugged with it).
      const rest = stream.getTracks().filter((t) => t !== track && t.readyState === 'live');
      if (rest.length) {
        this.#publish(rest);
        this.#reportError(lost);
        return;
      }
      this.#teardown();
      this.#fail(lost);
    })();
  }

  #onPermission(name: PermissionName, state: PermissionValue): void {
    this.#emit(new MediaPermissionChangeEvent({ name, state }));
    const kind: TrackKind = name === 'camera' ? 'video' : 'audio';
    if (state === 'denied' && this.#stream?.getTracks().some((t) => t.kind === kind)) {
      this.#teardown();
      this.#fail(new MediaCaptureError('permission-denied', { device: errorDeviceOf([kind]) }));
    } else if (state === 'granted') {
      void this.refreshDevices();
      if (this.#state === 'denied') {
        this.#error = null;
        if (this.#wanted) this.#schedule();
        else this.#setState('idle');
      }
    }
  }

  #fail(err: MediaCaptureError): void {
    this.#teardown();
    this.#error = err;
    this.#setState(err.state);
    this.#emit(new MediaErrorEvent({ error: err }));
  }

  /** A non-fatal error: the state stays as it is. */
  #reportError(err: MediaCaptureError): void {
    this.#error = err;
    this.#emit(new MediaErrorEvent({ error: err }));
  }

  #setState(state: CaptureState): void {
    const previousState = this.#state;
    if (previousState === state) return;
    this.#state = state;
    this.#emit(new MediaStateChangeEvent({ state, previousState, error: this.#error }));
  }

  #emit(e: Event): void {
    this.dispatchEvent(e);
    this.#emitChange();
  }

  #emitChange(): void {
    this.dispatchEvent(new MediaControllerChangeEvent());
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
