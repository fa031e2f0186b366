/**
 * The controller's state and how it is published: the capture state, the error, the options, the
 * one MediaStream and its tracks, and the events that report each change. The reconcile pass
 * (`reconcile.ts`) and the public API (`../controller.ts`) build on it.
 * @internal Members starting with `_` are the controller's own; pages use the public API.
 */
import { type CaptureOptions, DEFAULT_OPTIONS } from '../constraints.js';
import { DeviceMemory } from '../devices.js';
import { MediaCaptureError } from '../errors.js';
import {
  type CaptureState,
  type TrackKind,
  MediaControllerChangeEvent,
  MediaErrorEvent,
  MediaStateChangeEvent,
  MediaStreamChangeEvent,
  MediaTrackChangeEvent,
  MediaTrackMuteEvent,
} from '../events.js';
import { type PermissionName, type PermissionValue, PermissionWatcher } from '../permissions.js';
import { type Consumer, DemandBook, OptionOwners } from './demand.js';
import { LifeStream } from './life-stream.js';
import type { Relaxed } from './acquire.js';
import { SettingsWatch } from './settings.js';

/** Options for a new {@link MediaStreamController}. */
export interface MediaStreamControllerInit {
  /** The name elements use to find this controller (`stream` attribute). Default `default`. */
  name?: string;
  /** What to capture for consumers that name no demand (a script's `start()`). Default: camera on, microphone off. */
  options?: Partial<CaptureOptions>;
  /** Milliseconds a consumer's demand stays after it leaves, before its tracks stop. Default 250. */
  releaseDelay?: number;
  /** Remember the last chosen device per kind in localStorage. Default true. */
  rememberDevices?: boolean;
  /**
   * Called with every MediaStream the controller obtains from getUserMedia, including ones it
   * discards at once because they lost a race. For instrumentation and leak tests.
   */
  onAcquire?: (stream: MediaStream) => void;
}

export const permissionOf = (k: TrackKind): PermissionName => (k === 'video' ? 'camera' : 'microphone');

export abstract class ControllerState extends EventTarget {
  /** The name elements use to find this controller. */
  readonly name: string;
  /** Milliseconds a consumer's demand stays after it leaves (so that a move in the page keeps the devices on). */
  releaseDelay: number;

  /** @internal */ protected _state: CaptureState = 'idle';
  /** @internal */ protected _error: MediaCaptureError | null = null;
  /** @internal The error of each kind that failed and has no track (cleared when that kind works again). */
  protected _kindError: Record<TrackKind, MediaCaptureError | null> = { video: null, audio: null };
  /** @internal */ protected _devices: MediaDeviceInfo[] = [];
  /** @internal */ protected _options: CaptureOptions;
  /** @internal The options a pass last carried out in full (a failed change goes back to them). */
  protected _lastGood: CaptureOptions;
  /** @internal */ protected _relaxed: Relaxed = { video: new Set(), audio: new Set() };
  /** @internal The constraints each live track was made or last changed with. */
  protected _requested: Record<TrackKind, { constraints: MediaTrackConstraints | false } | null> = { video: null, audio: null };
  /**
   * @internal The properties of each kind chosen by the latest `applySettings`: on the same track
   * they are applied exactly (a refusal is reported), not relaxed as other `preferred` ones are.
   */
  protected _strict: Record<TrackKind, ReadonlySet<string>> = { video: new Set(), audio: new Set() };
  /** @internal What each live track last reported (for `media-settings-change`). */
  protected readonly _settingsWatch = new SettingsWatch();
  /** @internal Kinds that failed to start while others went on: not asked for again until a new reason. */
  protected _gaveUp = new Set<TrackKind>();
  /** @internal The page chose the default device of a kind (`selectDevice(kind, '')`). */
  protected _useDefault: Record<TrackKind, boolean> = { video: false, audio: false };
  /** @internal */ protected _switching = false;
  /** @internal */ protected readonly _demand = new DemandBook();
  /** @internal */ protected readonly _owners = new OptionOwners();
  /** @internal */ protected readonly _observers = new Set<Consumer>();
  /** @internal */ protected readonly _tracks: LifeStream;
  /** @internal Bumped by every change of what is wanted: a pass that sees another number was overtaken. */
  protected _version = 0;
  /** @internal Bumped when an event (a track that ended, a permission taken away) failed capture: a pass under way drops what it got. */
  protected _epoch = 0;
  /** @internal The device of each kind whose track ended by itself, until that kind is acquired again. */
  protected readonly _lostDevices = new Map<TrackKind, string>();
  /** @internal */ protected readonly _memory: DeviceMemory;
  /** @internal */ protected readonly _permissions: PermissionWatcher;
  /** @internal */ protected readonly _onAcquire: ((s: MediaStream) => void) | undefined;

  constructor(init: MediaStreamControllerInit = {}) {
    super();
    this.name = init.name ?? 'default';
    this.releaseDelay = init.releaseDelay ?? 250;
    this._options = { ...DEFAULT_OPTIONS, ...init.options };
    this._lastGood = this._options;
    this._memory = new DeviceMemory(this.name, init.rememberDevices ?? true);
    this._onAcquire = init.onAcquire;
    this._permissions = new PermissionWatcher((name, state) => this._onPermission(name, state));
    this._tracks = new LifeStream({
      ended: (t) => this._onTrackEnded(t),
      mute: (track, kind, muted) => {
        if (!this._tracks.has(track)) return;
        this._tracks.muted[kind] = muted;
        this._emit(new MediaTrackMuteEvent({ track, kind, muted }));
      },
    });
  }

  /** @internal */ protected abstract _onPermission(name: PermissionName, state: PermissionValue): void;
  /** @internal */ protected abstract _onTrackEnded(track: MediaStreamTrack): void;

  /** @internal Tell `onAcquire` about a new stream; when it throws, the stream's tracks stop and the error goes on. */
  protected _acquired(s: MediaStream): void {
    try {
      this._onAcquire?.(s);
    } catch (e) {
      for (const t of s.getTracks()) this._tracks.stop(t);
      throw e;
    }
  }

  /** @internal Make `tracks` the stream's tracks, in place, and report each change. */
  protected _publish(tracks: MediaStreamTrack[]): void {
    const change = this._tracks.set(tracks);
    for (const track of change.added) this.dispatchEvent(new MediaTrackChangeEvent({ track, change: 'add' }));
    for (const track of change.removed) this.dispatchEvent(new MediaTrackChangeEvent({ track, change: 'remove' }));
    if (change.available !== null) this.dispatchEvent(new MediaStreamChangeEvent({ stream: this._tracks.stream }));
    if (change.added.length || change.removed.length) this._emitChange();
  }

  /** @internal Fire `media-settings-change` for each kind whose live track reports other settings than before. */
  protected _checkSettings(): void {
    for (const kind of ['video', 'audio'] as const) {
      const e = this._settingsWatch.check(kind, this._tracks.track(kind));
      if (e) this._emit(e);
    }
  }

  /** @internal Stop every track; the stream is left empty. */
  protected _teardown(): void {
    this._lostDevices.clear();
    this._switching = false;
    for (const t of this._tracks.tracks) this._tracks.stop(t);
    this._requested = { video: null, audio: null };
    this._publish([]);
    this._settingsWatch.clear();
  }

  /** @internal A fatal failure: every track stops and the state says why. */
  protected _fail(err: MediaCaptureError): void {
    this._teardown();
    this._error = err;
    this._kindError = { video: null, audio: null };
    this._setState(err.state);
    this._emit(new MediaErrorEvent({ error: err }));
  }

  /** @internal A non-fatal error: the state stays as it is. */
  protected _reportError(err: MediaCaptureError): void {
    this._error = err;
    this._emit(new MediaErrorEvent({ error: err }));
  }

  /**
   * @internal An event (not a pass) failed one kind: a pass under way drops what it got and the
   * change it carried out is made again; that kind's track stops and it is not asked for again
   * until something changes for it; the other kind goes on (or is opened, when a consumer needs
   * it); with nothing left to capture, capture fails.
   */
  protected _dropKind(kind: TrackKind, err: MediaCaptureError): void {
    this._epoch++;
    this._switching = false;
    for (const t of this._tracks.tracks.filter((t) => t.kind === kind)) this._tracks.stop(t);
    this._requested[kind] = null;
    this._gaveUp.add(kind);
    this._kindError[kind] = err;
    const rest = this._tracks.tracks.filter((t) => t.kind !== kind && t.readyState === 'live');
    const other: TrackKind = kind === 'video' ? 'audio' : 'video';
    const otherWanted = this._demand.needs(other, this._options) && !this._gaveUp.has(other);
    if (!rest.length && !otherWanted) {
      this._fail(err);
      return;
    }
    this._publish(rest);
    this._reportError(err);
    if (!rest.length) this._setState('requesting');
    this._schedule();
  }

  /** @internal Whether a pass is running or scheduled. */
  protected abstract get _busy(): boolean;
  /** @internal */
  protected abstract _schedule(): Promise<void>;

  /** @internal The error a kind that failed left (its state), or `null`. */
  protected _errorOf(kind: TrackKind): MediaCaptureError | null {
    return this._kindError[kind];
  }

  /** @internal */
  protected _setState(state: CaptureState): void {
    const previousState = this._state;
    if (previousState === state) return;
    this._state = state;
    this._emit(new MediaStateChangeEvent({ state, previousState, error: this._error }));
  }

  /** @internal */
  protected _emit(e: Event): void {
    this.dispatchEvent(e);
    this._emitChange();
  }

  /** @internal */
  protected _emitChange(): void {
    this.dispatchEvent(new MediaControllerChangeEvent());
  }
}
