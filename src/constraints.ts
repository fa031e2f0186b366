/**
 * Declarative capture options and their translation to MediaTrackConstraints.
 *
 * A plain value is a wish (`ideal`): the browser gets as close as it can and never fails.
 * An object with `exact`, `min` or `max` is a requirement; mark it `preferred: true` and the
 * controller relaxes it to `ideal` when no device can satisfy it (OverconstrainedError).
 * A plain `deviceId` string is a requirement (the user picked that device).
 */

/** A numeric or string constraint. */
export type Constrain<T> = T | { exact?: T; min?: T; max?: T; ideal?: T; preferred?: boolean };

/** Which way a camera faces. */
export type FacingMode = 'user' | 'environment';

/** Options for the camera. */
export interface VideoOptions {
  /** A device id (required), or an object with `preferred: true` to fall back to any camera. */
  deviceId?: string | { exact?: string; ideal?: string; preferred?: boolean };
  facingMode?: Constrain<FacingMode>;
  width?: Constrain<number>;
  height?: Constrain<number>;
  aspectRatio?: Constrain<number>;
  frameRate?: Constrain<number>;
  resizeMode?: 'none' | 'crop-and-scale';
  /** Camera controls (Media Capture Image, PTZ and background blur); set them with `controller.applySettings`. */
  zoom?: Constrain<number>;
  torch?: Constrain<boolean>;
  focusMode?: Constrain<string>;
  focusDistance?: Constrain<number>;
  exposureMode?: Constrain<string>;
  exposureTime?: Constrain<number>;
  exposureCompensation?: Constrain<number>;
  iso?: Constrain<number>;
  whiteBalanceMode?: Constrain<string>;
  colorTemperature?: Constrain<number>;
  brightness?: Constrain<number>;
  contrast?: Constrain<number>;
  saturation?: Constrain<number>;
  sharpness?: Constrain<number>;
  pan?: Constrain<number>;
  tilt?: Constrain<number>;
  backgroundBlur?: Constrain<boolean>;
  /** Points of interest for focus and exposure, `x` and `y` from 0 to 1 across the picture. */
  pointsOfInterest?: Constrain<PointOfInterest[]>;
}

/** A point of the picture, `x` and `y` from 0 (left, top) to 1 (right, bottom). */
export interface PointOfInterest {
  x: number;
  y: number;
}

/** Options for the microphone. */
export interface AudioOptions {
  deviceId?: string | { exact?: string; ideal?: string; preferred?: boolean };
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
  autoGainControl?: boolean;
  sampleRate?: Constrain<number>;
  channelCount?: Constrain<number>;
  voiceIsolation?: Constrain<boolean>;
  sampleSize?: Constrain<number>;
  latency?: Constrain<number>;
}

/**
 * A value for {@link MediaStreamController.applySettings}: what a control of a constrainable
 * property gives (a number, a mode, on or off, points of interest).
 */
export type SettingValue = number | string | boolean | PointOfInterest[];

/** Values for {@link MediaStreamController.applySettings}, by constrainable property name; `undefined` removes one. */
export type SettingsChange = Partial<Record<string, SettingValue | undefined>>;

/** What to capture. `false` turns a kind off; `true` uses the browser's defaults. */
export interface CaptureOptions {
  video: boolean | VideoOptions;
  audio: boolean | AudioOptions;
}

/** The default: camera on, microphone off. */
export const DEFAULT_OPTIONS: CaptureOptions = Object.freeze({ video: true, audio: false });

const PRESETS: Record<string, [number, number]> = {
  qvga: [320, 240],
  vga: [640, 480],
  '480p': [854, 480],
  '540p': [960, 540],
  hd: [1280, 720],
  '720p': [1280, 720],
  fhd: [1920, 1080],
  fullhd: [1920, 1080],
  '1080p': [1920, 1080],
  qhd: [2560, 1440],
  '1440p': [2560, 1440],
  '4k': [3840, 2160],
  uhd: [3840, 2160],
  '2160p': [3840, 2160],
};

/**
 * Parse a resolution: a preset (`vga`, `720p`, `1080p`, `4k`, …) or `WIDTHxHEIGHT`.
 * Returns `null` for anything else (including zero, negative or absurd sizes).
 */
export function parseResolution(value: string | null | undefined): { width: number; height: number } | null {
  if (value == null) return null;
  const v = value.trim().toLowerCase();
  const preset = PRESETS[v];
  if (preset) return { width: preset[0], height: preset[1] };
  const m = /^(\d{1,5})\s*[x×]\s*(\d{1,5})$/.exec(v);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 16 || height < 16 || width > 16384 || height > 16384) return null;
  return { width, height };
}

type Bag = Record<string, unknown>;

function isRange(v: unknown): v is Bag {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The names of constraints that are hard requirements marked `preferred` (relaxable). */
export function preferredConstraints(opts: VideoOptions | AudioOptions): string[] {
  return Object.entries(opts)
    .filter(([, v]) => isRange(v) && (v as Bag).preferred === true && ('exact' in v || 'min' in v || 'max' in v))
    .map(([k]) => k);
}

/** A hard constraint relaxed to `ideal`. */
function relax(v: Bag): Bag {
  const ideal = v.exact ?? v.ideal ?? v.min ?? v.max;
  return ideal === undefined ? {} : { ideal };
}

/**
 * Translate options of one kind into MediaTrackConstraints. `relaxed` names constraints to
 * turn into `ideal` (after an OverconstrainedError).
 */
export function toTrackConstraints(
  opts: boolean | VideoOptions | AudioOptions,
  relaxed: ReadonlySet<string> = new Set(),
): MediaTrackConstraints | false {
  if (opts === false) return false;
  if (opts === true) return {};
  const out: Bag = {};
  for (const [name, value] of Object.entries(opts)) {
    if (value === undefined || value === null) continue;
    if (name === 'deviceId' && typeof value === 'string') {
      out.deviceId = value ? { exact: value } : undefined;
      continue;
    }
    if (isRange(value)) {
      const { preferred: _preferred, ...rest } = value;
      const c = relaxed.has(name) ? relax(rest) : rest;
      if (Object.keys(c).length) out[name] = c;
      continue;
    }
    if (typeof value === 'boolean' || name === 'resizeMode') out[name] = value;
    else out[name] = { ideal: value };
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as MediaTrackConstraints;
}

/** The value a constraint set asks for one string constraint (exact or ideal), if any. */
function requested(c: MediaTrackConstraints | false, key: 'deviceId' | 'facingMode'): string | undefined {
  const v = c ? c[key] : undefined;
  if (v === undefined || typeof v === 'string') return v;
  if (Array.isArray(v)) return v[0];
  const d = (v as ConstrainDOMStringParameters).exact ?? (v as ConstrainDOMStringParameters).ideal;
  return Array.isArray(d) ? d[0] : d;
}

/** The device id a constraint set asks for (exact or ideal), if any. */
export const requestedDeviceId = (c: MediaTrackConstraints | false): string | undefined => requested(c, 'deviceId');

/** The facing mode a constraint set asks for, if any. */
export const requestedFacingMode = (c: MediaTrackConstraints | false): string | undefined => requested(c, 'facingMode');
