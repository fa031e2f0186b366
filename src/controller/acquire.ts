/** getUserMedia for the controller: constraints relaxed where allowed, a busy device retried once. */
import { type AudioOptions, type VideoOptions, preferredConstraints, toTrackConstraints } from '../constraints.js';
import { MediaCaptureError, errorDeviceOf } from '../errors.js';
import type { TrackKind } from '../events.js';

export type Targets = Record<TrackKind, VideoOptions | AudioOptions | false>;
export type Relaxed = Record<TrackKind, Set<string>>;

/**
 * The names under which engines report a device that is busy (held by us or another program):
 * Chromium and WebKit say `NotReadableError` (old Chromium `TrackStartError`); Firefox often
 * says `AbortError`.
 */
const BUSY = new Set(['NotReadableError', 'TrackStartError', 'AbortError']);

/** getUserMedia, telling `acquired` about the stream; a track that has already ended counts as NotReadableError. */
export async function openStream(
  constraints: MediaStreamConstraints,
  acquired: (s: MediaStream) => void,
  stop: (t: MediaStreamTrack) => void,
): Promise<MediaStream> {
  const s = await navigator.mediaDevices.getUserMedia(constraints);
  acquired(s);
  if (s.getTracks().some((t) => t.readyState !== 'live')) {
    // The device failed as it started (Chromium resolves so when its capture service fails
    // during the start).
    for (const t of s.getTracks()) stop(t);
    throw new DOMException('The device stopped as it started.', 'NotReadableError');
  }
  return s;
}

export interface AcquireContext {
  relaxed: Relaxed;
  open(constraints: MediaStreamConstraints): Promise<MediaStream>;
  stop(track: MediaStreamTrack): void;
  /** True when a newer change or a stop() came meanwhile. */
  superseded(): boolean;
}

/**
 * Open `kinds` with the targets' constraints. On OverconstrainedError, the constraints marked
 * `preferred` are relaxed (and remembered in `relaxed`) and it tries again; on a busy device,
 * the tracks being `replaced` are let go (pushed to `released`) and it tries once more.
 */
export async function acquire(
  ctx: AcquireContext,
  kinds: TrackKind[],
  targets: Targets,
  replaced: MediaStreamTrack[],
  released: MediaStreamTrack[],
): Promise<MediaStream> {
  let retriedBusy = false;
  for (let attempt = 0; ; attempt++) {
    const constraints: MediaStreamConstraints = {
      video: kinds.includes('video') ? toTrackConstraints(targets.video, ctx.relaxed.video) : false,
      audio: kinds.includes('audio') ? toTrackConstraints(targets.audio, ctx.relaxed.audio) : false,
    };
    try {
      return await ctx.open(constraints);
    } catch (e) {
      const name = (e as { name?: string })?.name ?? '';
      if ((name === 'OverconstrainedError' || name === 'ConstraintNotSatisfiedError') && attempt < 8) {
        const c = (e as { constraint?: string }).constraint ?? '';
        let relaxedAny = false;
        for (const k of kinds) {
          const t = targets[k];
          if (!t) continue;
          const candidates = preferredConstraints(t).filter((n) => !ctx.relaxed[k].has(n));
          const pick = c ? candidates.filter((n) => n === c) : candidates;
          for (const n of pick) ctx.relaxed[k].add(n);
          if (pick.length) relaxedAny = true;
        }
        if (relaxedAny) continue;
        if (c === 'deviceId') throw new MediaCaptureError('not-found', { cause: e, constraint: c, device: errorDeviceOf(kinds) });
      }
      if (BUSY.has(name) && !retriedBusy && !ctx.superseded()) {
        // The device may be busy because we still hold it: release ours, then try once more.
        retriedBusy = true;
        for (const t of replaced) {
          if (t.readyState === 'live') released.push(t);
          ctx.stop(t);
        }
        await new Promise((r) => setTimeout(r, 150));
        // A stop() or a newer change meanwhile decides: do not open the device again for nothing.
        if (ctx.superseded()) throw new DOMException('Superseded by a newer request.', 'AbortError');
        continue;
      }
      throw e;
    }
  }
}
