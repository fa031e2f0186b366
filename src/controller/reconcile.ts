/**
 * The reconcile pass: every change of what is wanted (demand, options, devices) schedules one
 * serial pass that makes the stream's tracks what the consumers need. Any interleaving of start,
 * stop, device switch, constraint change and release ends in the state the last call asked for,
 * and a getUserMedia that lost the race has its tracks stopped at once.
 * @internal
 */
import { type AudioOptions, type CaptureOptions, type VideoOptions, preferredConstraints, requestedDeviceId, requestedFacingMode, toTrackConstraints } from '../constraints.js';
import { environmentError } from '../environment.js';
import { MediaCaptureError, errorDeviceOf, toMediaCaptureError } from '../errors.js';
import type { TrackKind } from '../events.js';
import { type Targets, acquire, openStream } from './acquire.js';
import { KINDS } from './demand.js';
import { deviceKindOf, targetOf } from './options.js';
import { applyInPlace, askedValue, missingImageCapture, settleImageCapture, withinCapabilities } from './settings.js';
import { ControllerState, permissionOf } from './state.js';

export abstract class ReconcilingController extends ControllerState {
  #loop: Promise<void> | null = null;
  #dirty = false;
  /** A pass is noting its own permission outcome: the permission handler leaves it to the pass. */
  #noting = false;

  /** Enumerate devices now. */
  abstract refreshDevices(): Promise<readonly MediaDeviceInfo[]>;

  /** Resolves once every pending change has been carried out. */
  async whenSettled(): Promise<void> {
    while (this.#loop) await this.#loop;
  }

  /** @internal Whether a pass is running or scheduled. */
  protected get _busy(): boolean {
    return this.#loop !== null;
  }

  /** @internal The kinds some consumer needs now (given up on or not). */
  protected _neededKinds(options: CaptureOptions = this._options): TrackKind[] {
    return KINDS.filter((k) => this._demand.needs(k, options));
  }

  /** @internal Note a permission outcome of this pass without the handler acting on it. */
  protected _noteOutcome(names: ReturnType<typeof permissionOf>[], outcome: 'granted' | 'denied'): void {
    this.#noting = true;
    try {
      this._permissions.noteOutcome(names, outcome);
    } finally {
      this.#noting = false;
    }
  }
  /** @internal */
  protected get _notingOutcome(): boolean {
    return this.#noting;
  }

  /** @internal */
  protected _schedule(): Promise<void> {
    this.#dirty = true;
    this._version++;
    this.#ensureLoop();
    return this.#loop!;
  }

  #ensureLoop(): void {
    this.#loop ??= this.#run().finally(() => {
      this.#loop = null;
      // A change made after the last pass looked (between the loop's end and here) is carried
      // out now: else it would wait for the next change, and a start() would stay idle.
      if (this.#dirty) this.#ensureLoop();
      // Settings a pass changed (applied in place, or a new track) are reported once it is done.
      this._checkSettings();
      // What consumers see can depend on whether a pass is under way (`stateFor`): tell them.
      this._emitChange();
    });
  }

  async #run(): Promise<void> {
    await Promise.resolve(); // let a burst of synchronous calls coalesce into one pass
    while (this.#dirty) {
      this.#dirty = false;
      const version = this._version;
      try {
        await this.#reconcile(version);
      } catch (e) {
        if (version !== this._version) continue;
        if (e instanceof MediaCaptureError) this._fail(e);
        else {
          // Not the page's mistake nor the device's: a defect of the kit. Say so.
          console.error('media-capture-elements: unexpected error in the capture controller', e);
          this._fail(new MediaCaptureError('internal', { cause: e, device: errorDeviceOf(this._neededKinds()) }));
        }
      }
    }
    this._switching = false;
  }

  /** @internal What a kind should be now (`false`: nobody needs it, or it was given up on). */
  protected _target(kind: TrackKind, options: CaptureOptions = this._options): VideoOptions | AudioOptions | false {
    if (!this._demand.needs(kind, options)) return false;
    if (this._gaveUp.has(kind) && !this._tracks.track(kind)) return false;
    return targetOf(kind, options, this._devices, this._memory, this._useDefault[kind]);
  }

  async #reconcile(version: number): Promise<void> {
    if (!this._demand.wanted) {
      if (this._tracks.tracks.length) {
        this._teardown();
        this._setState('idle');
      } else if (this._state === 'requesting') this._setState('idle');
      return;
    }
    const needed = this._neededKinds();
    const env = needed.length ? environmentError(globalThis, errorDeviceOf(needed)) : null;
    if (env) throw env;
    // The device list (with labels) is needed only to find a remembered device again; without one
    // the first getUserMedia goes ahead at once (an element put into the page gets its picture
    // sooner: issue 19's time to picture), and the list follows from the watch.
    const recalled = needed.some((k) => this._memory.enabled && !this._useDefault[k] && this._memory.recall(deviceKindOf(k)));
    if (recalled && (this._devices.length === 0 || !this._devices.some((d) => d.label))) await this.refreshDevices();
    if (version !== this._version) return;

    // What this pass carries out: a change made while it waits is the next pass's, and is not
    // saved as working before it was tried.
    const options = this._options;
    const epoch = this._epoch;
    const targets: Targets = { video: this._target('video', options), audio: this._target('audio', options) };
    if (targets.video === false && targets.audio === false) {
      // nothing to capture (nobody needs a kind, or what they need was given up on): keep the requests
      if (this._tracks.tracks.length) this._teardown();
      const failed = KINDS.map((k) => (this._gaveUp.has(k) ? this._kindError[k] : null)).find((e) => e);
      if (failed) {
        this._error = failed;
        this._setState(failed.state);
      } else this._setState('idle');
      return;
    }
    const acquireKinds: TrackKind[] = [];
    const remove: MediaStreamTrack[] = [];
    const apply: [MediaStreamTrack, TrackKind][] = [];
    for (const kind of KINDS) {
      const track = this._tracks.tracks.find((t) => t.kind === kind && t.readyState === 'live');
      const want = targets[kind];
      if (!want) {
        if (track) remove.push(track);
        continue;
      }
      if (!track) {
        acquireKinds.push(kind);
        continue;
      }
      const c = toTrackConstraints(want, this._relaxed[kind]);
      const prev = this._requested[kind]?.constraints ?? false;
      const dev = requestedDeviceId(c);
      const settings = track.getSettings?.() ?? {};
      const facing = requestedFacingMode(c);
      if (
        (dev && dev !== settings.deviceId && !(typeof want.deviceId === 'object' && want.deviceId.ideal)) ||
        (facing !== requestedFacingMode(prev) && facing !== undefined && settings.facingMode !== facing) ||
        // A chosen device given up for the default one: only getUserMedia knows which that is.
        (!dev && !facing && requestedDeviceId(prev) !== undefined && this._useDefault[kind])
      )
        acquireKinds.push(kind);
      else if (JSON.stringify(c) !== JSON.stringify(prev)) apply.push([track, kind]);
    }

    // Same device: constraints change in place.
    const applyFailed = new Set<TrackKind>();
    for (const [track, kind] of apply) {
      const asked = this._options[kind];
      const applied = await this.#applyConstraints(track, kind, targets[kind] as VideoOptions | AudioOptions, asked);
      if (!applied) applyFailed.add(kind);
      if (version !== this._version) return;
      // Some engines (Chromium) accept a change of audio processing on a live track but ignore it,
      // or refuse on a live track an audio setting its device can give: then only a new track
      // gives what was asked for.
      if (applied === 'reopen' || (applied && !this.#honoured(track, kind, targets[kind] as AudioOptions))) acquireKinds.push(kind);
    }

    let tracks = this._tracks.tracks.filter((t) => t.readyState === 'live' && !remove.includes(t));
    for (const t of remove) this._tracks.stop(t);

    if (acquireKinds.length) {
      if (tracks.length > 0) this._switching = true;
      else this._setState('requesting');
      this._emitChange();
      const replaced = tracks.filter((t) => acquireKinds.includes(t.kind as TrackKind));
      const released: MediaStreamTrack[] = [];
      let fresh: MediaStream;
      try {
        fresh = await acquire(
          {
            relaxed: this._relaxed,
            open: (c) => openStream(c, (s) => this._acquired(s), (t) => this._tracks.stop(t)),
            stop: (t) => this._tracks.stop(t),
            superseded: () => version !== this._version,
          },
          acquireKinds,
          targets,
          replaced,
          released,
        );
      } catch (e) {
        if (version !== this._version) {
          this._switching = false;
          return; // a newer request decides what happens now
        }
        await this.#acquireFailed(toMediaCaptureError(e, errorDeviceOf(acquireKinds)), acquireKinds, targets, tracks, replaced, released, version);
        return;
      }
      // Values Chromium's getUserMedia ignores (focus, exposure, zoom, ...) are set on the new track
      // before it is shown, where its device can take them.
      for (const t of fresh.getTracks()) {
        const kind = t.kind as TrackKind;
        const missing = missingImageCapture(t, toTrackConstraints(targets[kind], this._relaxed[kind]));
        if (missing) await settleImageCapture(t, missing);
      }
      if (epoch !== this._epoch || (version !== this._version && !this.#stillWanted(acquireKinds, targets))) {
        for (const t of fresh.getTracks()) this._tracks.stop(t); // lost the race, or an event failed capture meanwhile
        this._switching = false;
        return;
      }
      this._noteOutcome(acquireKinds.map(permissionOf), 'granted');
      for (const t of tracks.filter((t) => acquireKinds.includes(t.kind as TrackKind))) this._tracks.stop(t);
      // Tracks kept from before the await may have ended meanwhile (a stop() then a start() while
      // getUserMedia ran, an unplugged device): publish only live ones; the next pass replaces them.
      tracks = [...tracks.filter((t) => !acquireKinds.includes(t.kind as TrackKind) && t.readyState === 'live'), ...fresh.getTracks()];
      for (const kind of acquireKinds) {
        this._requested[kind] = { constraints: toTrackConstraints(targets[kind], this._relaxed[kind]) };
        this._lostDevices.delete(kind);
        this._gaveUp.delete(kind);
        this._kindError[kind] = null;
      }
      this._switching = false;
      this._publish(tracks);
      void this.refreshDevices();
    } else if (remove.length) {
      this._publish(tracks);
    }
    if (this._tracks.stream) {
      // What this pass carried out works now; a kind whose change could not be applied keeps
      // the options that last worked.
      const good: CaptureOptions = { ...options };
      for (const k of applyFailed) good[k] = this._lastGood[k];
      this._lastGood = good;
      // A change that could not be applied leaves its error (media-error fired) until a later
      // pass succeeds or the state changes; a kind given up on keeps its own.
      for (const k of KINDS) if (this._tracks.track(k)) this._kindError[k] = null;
      if (!applyFailed.size) this._error = KINDS.map((k) => (this._gaveUp.has(k) ? this._kindError[k] : null)).find((e) => e) ?? null;
      this._setState('live');
      this._emitChange();
    }
  }

  /** A getUserMedia of this pass failed: keep what works, report, or fail. */
  async #acquireFailed(
    err: MediaCaptureError,
    kinds: TrackKind[],
    targets: Targets,
    tracks: MediaStreamTrack[],
    replaced: MediaStreamTrack[],
    released: MediaStreamTrack[],
    version: number,
  ): Promise<void> {
    // The device list is no longer read before the first request (see #reconcile): after a
    // failure it is read now, so that a picker or a "not found" view sees what is there.
    void this.refreshDevices();
    // A dismissed prompt is no decision. A denial of a request for both devices does not say
    // which one was refused: a device known to be granted keeps that.
    if (err.code === 'permission-denied') {
      const names = kinds.map(permissionOf);
      const unsure = names.filter((n) => this._permissions.state[n] !== 'granted');
      this._noteOutcome(names.length > 1 && unsure.length ? unsure : names, 'denied');
    }
    const survivors = tracks.filter((t) => t.readyState === 'live' && !replaced.includes(t));
    let keepOld = replaced.filter((t) => t.readyState === 'live');
    if (!keepOld.length && released.length && err.state !== 'denied') {
      // We let our device go so that the new one could start (many phones open one camera
      // at a time), and it failed all the same: open the one that worked again.
      keepOld = await this.#reopen(released);
      if (version !== this._version) {
        for (const t of keepOld) this._tracks.stop(t);
        this._switching = false;
        return;
      }
    }
    this._switching = false;
    if (keepOld.length && err.state !== 'denied') {
      // A failed switch keeps the device that works and goes back to the options that made it
      // (of the kinds that failed: another kind's change in the same pass stands).
      this._options = { ...this._options };
      for (const kind of kinds) this._options[kind] = this._lastGood[kind];
      this.#rememberKept(keepOld);
      this._publish([...survivors, ...keepOld]);
      this._reportError(err);
      return;
    }
    for (const t of keepOld) this._tracks.stop(t);
    if (survivors.length) {
      // The other kinds go on. The kinds that failed to start go back to the options that
      // last worked and are not asked for again until something changes for them (a choice,
      // a consumer that needs them, retry()), and a remembered device that failed is forgotten:
      // else every later pass (any setOptions, a devicechange) would ask for the failing device again.
      for (const kind of kinds) {
        const failed = requestedDeviceId(toTrackConstraints(targets[kind], this._relaxed[kind]));
        const memoryKind = deviceKindOf(kind);
        if (failed && this._memory.recall(memoryKind)?.deviceId === failed) this._memory.forget(memoryKind);
        this._options = { ...this._options, [kind]: this._lastGood[kind] };
        this._gaveUp.add(kind);
        this._kindError[kind] = err;
        this._requested[kind] = null;
      }
      this._publish(survivors);
      this._reportError(err);
      this._setState('live');
      return;
    }
    throw err;
  }

  /**
   * Whether a live track's settings show the boolean processing options asked for, and (audio)
   * the values chosen with `applySettings` that its device can give.
   */
  #honoured(track: MediaStreamTrack, kind: TrackKind, want: AudioOptions): boolean {
    if (kind !== 'audio' || track.readyState !== 'live' || typeof track.getSettings !== 'function') return true;
    const settings = track.getSettings() as Record<string, unknown>;
    const bag = want as Record<string, unknown>;
    const keys = new Set<string>(['echoCancellation', 'noiseSuppression', 'autoGainControl', ...this._strict.audio]);
    return [...keys].every((k) => {
      const v = askedValue(bag[k]);
      if (v === undefined || !(k in settings) || settings[k] === v) return true;
      return !this._strict.audio.has(k) ? typeof v !== 'boolean' : !withinCapabilities(track, k, v);
    });
  }

  /** After a lost race: is what we obtained still exactly what is wanted now? */
  #stillWanted(kinds: TrackKind[], targets: Targets): boolean {
    if (!this._demand.wanted) return false;
    return kinds.every((k) => {
      const now = this._target(k);
      return now !== false && JSON.stringify(toTrackConstraints(now, this._relaxed[k])) === JSON.stringify(toTrackConstraints(targets[k], this._relaxed[k]));
    });
  }

  /**
   * Open again the devices of tracks we stopped for a switch that then failed, with the
   * constraints that made them. Returns the new tracks, or none when that fails too.
   */
  async #reopen(stopped: MediaStreamTrack[]): Promise<MediaStreamTrack[]> {
    const want = (kind: TrackKind): MediaTrackConstraints | false => {
      const t = stopped.find((x) => x.kind === kind);
      if (!t) return false;
      const made = this._requested[kind]?.constraints;
      const c: MediaTrackConstraints = typeof made === 'object' ? { ...made } : {};
      const id = this._tracks.deviceOf(t);
      if (id) c.deviceId = { exact: id };
      return c;
    };
    try {
      const s = await openStream({ video: want('video'), audio: want('audio') }, (s) => this._acquired(s), (t) => this._tracks.stop(t));
      return s.getTracks();
    } catch {
      return [];
    }
  }

  /** After a failed switch, remember the device still in use rather than the one that failed. */
  #rememberKept(kept: MediaStreamTrack[]): void {
    if (!this._memory.enabled) return;
    for (const t of kept) {
      const kind = deviceKindOf(t.kind as TrackKind);
      const deviceId = this._tracks.deviceOf(t);
      if (!deviceId) continue;
      const info = this._devices.find((d) => d.kind === kind && d.deviceId === deviceId);
      this._memory.remember(kind, { deviceId, groupId: info?.groupId ?? '', label: info?.label ?? t.label });
    }
  }

  /**
   * Change a live track in place. Returns false when it keeps its previous constraints (error
   * reported); `reopen` when an audio track refused a value chosen with `applySettings` that its
   * device can give (Chromium changes little of a live microphone): a new track is made.
   */
  async #applyConstraints(
    track: MediaStreamTrack,
    kind: TrackKind,
    want: VideoOptions | AudioOptions,
    asked: CaptureOptions[TrackKind],
  ): Promise<boolean | 'reopen'> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const c = toTrackConstraints(want, this._relaxed[kind]) as MediaTrackConstraints;
      try {
        await applyInPlace(track, c);
        this._requested[kind] = { constraints: c };
        this._emitChange();
        return true;
      } catch (e) {
        const err = toMediaCaptureError(e, errorDeviceOf([kind]));
        if (err.code === 'overconstrained') {
          const strict = this._strict[kind];
          if (kind === 'audio' && err.constraint && strict.has(err.constraint)) {
            const v = askedValue((want as Record<string, unknown>)[err.constraint]);
            if (withinCapabilities(track, err.constraint, v)) return 'reopen';
          }
          // A value just chosen for this track (applySettings) is refused, not relaxed.
          const candidates = preferredConstraints(want).filter((n) => !this._relaxed[kind].has(n) && !strict.has(n));
          const pick = err.constraint ? candidates.filter((n) => n === err.constraint) : candidates;
          if (pick.length) {
            for (const n of pick) this._relaxed[kind].add(n);
            continue;
          }
        }
        // The track keeps its previous constraints; report, and go back to the options that work
        // for this kind, unless a newer change of this kind came meanwhile (it decides).
        this._requested[kind] = { constraints: toTrackConstraints(want, this._relaxed[kind]) };
        if (this._options[kind] === asked) this._options = { ...this._options, [kind]: this._lastGood[kind] };
        this._reportError(err);
        return false;
      }
    }
    return false;
  }
}
