/**
 * The controller's one MediaStream, kept for its whole life: a device switch replaces a track in
 * place (`addTrack` / `removeTrack`), so a consumer holding the stream keeps it. Browsers fire
 * `addtrack` / `removetrack` only for tracks they add themselves, so the controller reports each
 * change of ours as `media-track-change`.
 *
 * It also watches each track it holds (`ended`, `mute`, `unmute`) and stops tracks for the
 * controller, remembering which ones it stopped itself.
 */
import type { TrackKind } from '../events.js';

export interface TrackWatchHandlers {
  ended(track: MediaStreamTrack): void;
  mute(track: MediaStreamTrack, kind: TrackKind, muted: boolean): void;
}

/** What a {@link LifeStream.set} changed. */
export interface TrackSetChange {
  added: MediaStreamTrack[];
  removed: MediaStreamTrack[];
  /** `true`: the stream now has tracks and had none; `false`: it has none and had some; else `null`. */
  available: boolean | null;
}

export class LifeStream {
  #stream: MediaStream | null = null;
  readonly #ownStops = new WeakSet<MediaStreamTrack>();
  readonly #cleanup = new Map<MediaStreamTrack, () => void>();
  /** The device of each watched track, read while it was live (an ended track may not say). */
  readonly #device = new WeakMap<MediaStreamTrack, string>();
  readonly muted: Record<TrackKind, boolean> = { video: false, audio: false };
  readonly #handlers: TrackWatchHandlers;
  /** Counts every change of the track set: a handler that awaited can tell whether it was overtaken. */
  generation = 0;

  constructor(handlers: TrackWatchHandlers) {
    this.#handlers = handlers;
  }

  /** The stream when it has tracks, else `null`. Always the same object. */
  get stream(): MediaStream | null {
    return this.#stream && this.#stream.getTracks().length > 0 ? this.#stream : null;
  }
  get tracks(): MediaStreamTrack[] {
    return this.#stream?.getTracks() ?? [];
  }
  /** The live track of a kind (a track stopped for a retry that was overtaken may stay until the next `set`). */
  track(kind: TrackKind): MediaStreamTrack | null {
    return this.tracks.find((t) => t.kind === kind && t.readyState === 'live') ?? null;
  }
  has(track: MediaStreamTrack): boolean {
    return this.tracks.includes(track);
  }
  /** Whether the kit stopped this track itself. */
  stoppedByUs(track: MediaStreamTrack): boolean {
    return this.#ownStops.has(track);
  }
  /** The device a track was opened on. */
  deviceOf(track: MediaStreamTrack): string | undefined {
    return this.#device.get(track) ?? track.getSettings?.().deviceId;
  }

  /** Make `tracks` the stream's tracks, in place. New ones come in before old ones leave. */
  set(tracks: MediaStreamTrack[]): TrackSetChange {
    const cur = this.tracks;
    const added = tracks.filter((t) => !cur.includes(t));
    const removed = cur.filter((t) => !tracks.includes(t));
    if (!added.length && !removed.length) return { added, removed, available: null };
    this.generation++;
    const s = (this.#stream ??= new MediaStream());
    for (const t of added) {
      this.watch(t);
      s.addTrack(t);
    }
    for (const t of removed) s.removeTrack(t);
    for (const kind of ['video', 'audio'] as const) this.muted[kind] = this.track(kind)?.muted ?? false;
    const available = cur.length === 0 ? true : tracks.length === 0 ? false : null;
    return { added, removed, available };
  }

  watch(track: MediaStreamTrack): void {
    if (this.#cleanup.has(track)) return;
    const kind = track.kind as TrackKind;
    const deviceId = track.getSettings?.().deviceId;
    if (deviceId) this.#device.set(track, deviceId);
    const onEnded = () => this.#handlers.ended(track);
    const onMute = () => this.#handlers.mute(track, kind, true);
    const onUnmute = () => this.#handlers.mute(track, kind, false);
    track.addEventListener('ended', onEnded);
    track.addEventListener('mute', onMute);
    track.addEventListener('unmute', onUnmute);
    this.#cleanup.set(track, () => {
      track.removeEventListener('ended', onEnded);
      track.removeEventListener('mute', onMute);
      track.removeEventListener('unmute', onUnmute);
    });
  }

  /** Stop a track (ours or one that lost a race); it stays in the stream until `set`. */
  stop(track: MediaStreamTrack): void {
    this.#ownStops.add(track);
    this.#cleanup.get(track)?.();
    this.#cleanup.delete(track);
    track.stop();
  }
}
