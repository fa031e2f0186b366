/**
 * Settings of the live tracks: values chosen for constrainable properties (`applySettings`), how
 * they are kept in the options, and noticing when what a track reports changed
 * (`media-settings-change`).
 *
 * A chosen value is kept in the stream's options as a requirement marked `preferred`
 * (`{ exact: v, preferred: true }`): on the same track it is applied exactly, so that a value the
 * device refuses is reported (not silently rounded); on another device (a switch) it is asked for
 * exactly and, where that device cannot take it, relaxed to `ideal` so that the switch goes on.
 * @internal
 */
import type { SettingValue, SettingsChange } from '../constraints.js';
import { MediaSettingsChangeEvent, type TrackKind } from '../events.js';

/** The options change that keeps chosen values (see the module's comment). */
export function settingsToOptions(values: SettingsChange): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === undefined ? undefined : { exact: v, preferred: true };
  return out;
}

/** The value an option asks for (`exact`, else `ideal`, else the plain value). */
export function askedValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const o = v as { exact?: unknown; ideal?: unknown };
  return o.exact !== undefined ? o.exact : o.ideal;
}

/** Whether a track's capabilities allow a value of a property (unknown capabilities allow it). */
export function withinCapabilities(track: MediaStreamTrack, key: string, value: unknown): boolean {
  if (typeof track.getCapabilities !== 'function') return true;
  const cap = (track.getCapabilities() as Record<string, unknown>)[key];
  if (cap === undefined) return false;
  if (Array.isArray(cap)) return cap.length === 0 || cap.includes(value);
  if (typeof cap === 'object' && cap !== null && typeof value === 'number') {
    const { min, max } = cap as { min?: number; max?: number };
    return (min === undefined || value >= min) && (max === undefined || value <= max);
  }
  return true;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What each kind's live track last reported. {@link check} compares with what it reports now and
 * makes the `media-settings-change` event when a change took effect; a track that just started
 * (nothing before) or ended is no change of settings (`media-track-change` reports those).
 */
export class SettingsWatch {
  readonly #last: Record<TrackKind, { track: MediaStreamTrack; settings: MediaTrackSettings } | null> = { video: null, audio: null };

  check(kind: TrackKind, track: MediaStreamTrack | null): MediaSettingsChangeEvent | null {
    const before = this.#last[kind];
    if (!track || typeof track.getSettings !== 'function') {
      this.#last[kind] = null;
      return null;
    }
    const settings = track.getSettings();
    this.#last[kind] = { track, settings };
    if (!before) return null;
    const keys = new Set([...Object.keys(before.settings), ...Object.keys(settings)]);
    const changed = [...keys].filter((k) => !same((before.settings as Record<string, unknown>)[k], (settings as Record<string, unknown>)[k]));
    return changed.length ? new MediaSettingsChangeEvent({ kind, settings, changed }) : null;
  }

  /** Forget what was seen (every track stopped). */
  clear(): void {
    this.#last.video = null;
    this.#last.audio = null;
  }
}

/** The kinds of values a control may give (for checking a page's input). */
export function isSettingValue(v: unknown): v is SettingValue {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  return Array.isArray(v) && v.every((p) => typeof p === 'object' && p !== null && Number.isFinite((p as { x: number }).x) && Number.isFinite((p as { y: number }).y));
}

/**
 * Constrainable properties that Chromium handles in its image-capture path: it refuses a
 * constraint set mixing them with the others ("Mixing ImageCapture and non-ImageCapture
 * constraints is not currently supported") and ignores them in getUserMedia.
 */
export const IMAGE_CAPTURE_KEYS: ReadonlySet<string> = new Set([
  'whiteBalanceMode',
  'exposureMode',
  'focusMode',
  'pointsOfInterest',
  'exposureCompensation',
  'exposureTime',
  'colorTemperature',
  'iso',
  'brightness',
  'contrast',
  'saturation',
  'sharpness',
  'focusDistance',
  'pan',
  'tilt',
  'zoom',
  'torch',
  'backgroundBlur',
]);

/** A constraint set split into its image-capture part and the rest. */
export function splitImageCapture(c: MediaTrackConstraints): { image: MediaTrackConstraints; rest: MediaTrackConstraints } {
  const image: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) (IMAGE_CAPTURE_KEYS.has(k) ? image : rest)[k] = v;
  return { image: image as MediaTrackConstraints, rest: rest as MediaTrackConstraints };
}

/**
 * `applyConstraints` on a live track. Where the engine refuses the set as a whole without naming a
 * constraint and it mixes image-capture properties with others (Chromium), the others are
 * applied first, then the image-capture part: each call names what it refuses.
 */
export async function applyInPlace(track: MediaStreamTrack, c: MediaTrackConstraints): Promise<void> {
  try {
    await track.applyConstraints(c);
  } catch (e) {
    const { image, rest } = splitImageCapture(c);
    const named = (e as { constraint?: string }).constraint;
    if ((e as { name?: string }).name !== 'OverconstrainedError' || named || !Object.keys(image).length || !Object.keys(rest).length) throw e;
    await track.applyConstraints(rest);
    await track.applyConstraints(image);
  }
}

/**
 * The image-capture values a constraint set asks for that a new track does not show (Chromium
 * ignores them in getUserMedia), or `null`.
 */
export function missingImageCapture(track: MediaStreamTrack, c: MediaTrackConstraints | false): [string, unknown][] | null {
  if (!c || track.readyState !== 'live' || typeof track.getSettings !== 'function') return null;
  const { image } = splitImageCapture(c);
  const settings = track.getSettings() as Record<string, unknown>;
  const missing = Object.entries(image).filter(([k, v]) => !same(settings[k], askedValue(v)));
  return missing.length ? missing : null;
}

/**
 * Apply `missing` (see {@link missingImageCapture}) on a new track, each value it refuses left
 * out (the new device cannot take it: as a relaxed `preferred` value, it is no error).
 */
export async function settleImageCapture(track: MediaStreamTrack, missing: [string, unknown][]): Promise<void> {
  try {
    await track.applyConstraints(Object.fromEntries(missing));
  } catch {
    for (const [k, v] of missing) {
      if (track.readyState !== 'live') return;
      try {
        await track.applyConstraints({ [k]: v });
      } catch {
        // not for this device
      }
    }
  }
}
