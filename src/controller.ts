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
 * - `controller/state.ts`: the state, the error, the tracks and the events that report them;
 * - `controller/reconcile.ts`: the serial pass that makes the tracks what the demand asks for;
 * - `controller/devices.ts`: the device list, choosing and remembering devices, the output;
 * - `controller/track-events.ts`: a track that ends by itself, a permission that changes;
 * - this file: the public API (state, consumers, options).
 */
import type { AudioOptions, CaptureOptions, SettingsChange, VideoOptions } from './constraints.js';
import { MediaCaptureError, errorDeviceOf, type ErrorDevice } from './errors.js';
import { type CaptureState, type MediaStreamControllerEventMap, type TrackKind, MediaOptionsConflictEvent } from './events.js';
import type { PermissionName, PermissionValue } from './permissions.js';
import { type Consumer, type Demand, KINDS, needsKind } from './controller/demand.js';
import type { ChangeSource } from './controller/devices.js';
import { type KindOptions, changedKeys, deviceKindOf, mergeKind } from './controller/options.js';
import { WatchingController } from './controller/track-events.js';
import { settingsToOptions } from './controller/settings.js';
import type { MediaStreamControllerInit } from './controller/state.js';

export { environmentError } from './environment.js';
export type { Consumer, Demand } from './controller/demand.js';
export type { MediaStreamControllerInit } from './controller/state.js';
export type { ChangeSource } from './controller/devices.js';

const SCRIPT = Object.freeze({ consumer: 'script' });

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
export class MediaStreamController extends WatchingController {
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
      const err = this._errorOf(kind);
      if (err && this._gaveUp.has(kind)) return err.state;
      if (this._busy || this.needs(kind)) return 'requesting';
    }
    return s;
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
    this._startWatching();
  }

  /** Stop observing; also releases the consumer's request. */
  detach(consumer: Consumer): void {
    this._observers.delete(consumer);
    this._owners.forget(consumer);
    this.release(consumer);
    this._unwatchIfUnused();
  }

  /**
   * Ask for capture on behalf of a consumer. `demand` names the kinds it needs (`{ video: true }`,
   * `{ audio: true }`, both); without it, the consumer follows the options (`options.video` and
   * `options.audio` not `false`), as a script's `start()` does. Asking again with another
   * demand replaces it. Resolves when the controller has settled (live, or an error state);
   * never rejects.
   */
  request(consumer: Consumer, demand?: Demand | null): Promise<void> {
    this._startWatching();
    const first = !this._demand.wanted;
    const before = this._demand.key(this._options);
    const previous = this._demand.previous(consumer);
    this._demand.add(consumer, demand ?? null);
    // A kind given up on that this consumer did not need before (a new consumer, or a new
    // demand; not one coming back from a move) is a new reason to try it again.
    let retried = false;
    for (const k of this._gaveUp) {
      const now = needsKind(demand ?? null, k, this._options);
      const was = previous !== undefined && needsKind(previous, k, this._options);
      if (now && !was) {
        this._gaveUp.delete(k);
        this._kindError[k] = null;
        retried = true;
      }
    }
    if (first || retried || this._state !== 'live' || this._demand.key(this._options) !== before) this._schedule();
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
      if (!this._demand.wanted && this._observers.size === 0) void this.whenSettled().then(() => this._unwatchIfUnused());
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
    this._gaveUp.clear();
    this._kindError = { video: null, audio: null };
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
    this._kindError = { video: null, audio: null };
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
      this._choiceCall[deviceKindOf(kind)]++;
      const v = change[kind] as KindOptions | undefined;
      if (v === undefined) continue;
      next[kind] = mergeKind(next[kind], v);
      this._relaxed[kind] = new Set();
      this._gaveUp.delete(kind);
      this._kindError[kind] = null;
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
   * Set constrainable properties of a kind (`{ frameRate: 15 }`, `{ focusMode: 'manual',
   * focusDistance: 40 }`, `{ torch: true }`; `undefined` removes one) on the live track, in place:
   * `applyConstraints` on the same track object, no new `getUserMedia`, no prompt. (Chromium changes
   * little of a live microphone: an audio value its device can give but the live track refuses is
   * given by a new track of the same device.)
   *
   * Each value is asked for exactly: a value the device refuses (`OverconstrainedError`) fires
   * `media-error` with an `overconstrained` {@link MediaCaptureError} naming the property in words
   * (`constraint`), and the track keeps the settings in force. A value taken fires
   * `media-settings-change` once it took effect.
   *
   * The values stay in the stream's options (as `{ exact, preferred: true }`), so they survive a
   * device switch where the new device can take them (where it cannot, they are relaxed to
   * `ideal` and the switch goes on). Set while nothing is live, they apply when capture starts.
   *
   * Resolves, once settled, with the settings of the live track of that kind (or `null`); never
   * rejects.
   */
  async applySettings(kind: TrackKind, values: SettingsChange, source: ChangeSource = {}): Promise<MediaTrackSettings | null> {
    const strict = new Set(Object.keys(values).filter((k) => values[k] !== undefined));
    this._strict = { ...this._strict, [kind]: strict };
    await this.setOptions({ [kind]: settingsToOptions(values) as VideoOptions & AudioOptions }, source);
    if (this._strict[kind] === strict) this._strict = { ...this._strict, [kind]: new Set() };
    return this.getSettings(kind);
  }

  /** Stop everything and forget all listeners. The controller can be used again afterwards. */
  dispose(): void {
    this._observers.clear();
    this.stop();
    this._stopWatching();
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
