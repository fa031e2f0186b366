/**
 * The constrainable properties `<media-track-controls>` knows, one entry each (a table, not
 * branches): which kind of track has it, which mode it depends on, and how its number is shown.
 * The control's type (slider, list, switch) comes from the track's own `getCapabilities()`.
 */
import type { TrackKind } from '../../src/events.js';

/** One constrainable property. */
export interface PropertyEntry {
  kind: TrackKind;
  /** Enabled only while this other property is set to `value` (manual focus distance, ...). */
  dependsOn?: { name: string; value: string };
  /** Shown number = setting × scale (exposureTime is in 100 µs units, shown in milliseconds). */
  scale?: number;
  /** Slider step where the capability gives none. */
  step?: number;
}

/** `resolution` is not a track property: a list of sizes the device can give (`width` × `height`). */
export const RESOLUTION = 'resolution';

export const PROPERTIES: Readonly<Record<string, PropertyEntry>> = {
  resolution: { kind: 'video' },
  width: { kind: 'video', step: 1 },
  height: { kind: 'video', step: 1 },
  aspectRatio: { kind: 'video', step: 0.01 },
  frameRate: { kind: 'video', step: 1 },
  resizeMode: { kind: 'video' },
  facingMode: { kind: 'video' },
  zoom: { kind: 'video', step: 0.1 },
  torch: { kind: 'video' },
  focusMode: { kind: 'video' },
  focusDistance: { kind: 'video', dependsOn: { name: 'focusMode', value: 'manual' } },
  exposureMode: { kind: 'video' },
  exposureTime: { kind: 'video', dependsOn: { name: 'exposureMode', value: 'manual' }, scale: 0.1 },
  exposureCompensation: { kind: 'video' },
  iso: { kind: 'video', dependsOn: { name: 'exposureMode', value: 'manual' } },
  whiteBalanceMode: { kind: 'video' },
  colorTemperature: { kind: 'video', dependsOn: { name: 'whiteBalanceMode', value: 'manual' } },
  brightness: { kind: 'video' },
  contrast: { kind: 'video' },
  saturation: { kind: 'video' },
  sharpness: { kind: 'video' },
  pan: { kind: 'video' },
  tilt: { kind: 'video' },
  backgroundBlur: { kind: 'video' },
  echoCancellation: { kind: 'audio' },
  noiseSuppression: { kind: 'audio' },
  autoGainControl: { kind: 'audio' },
  voiceIsolation: { kind: 'audio' },
  channelCount: { kind: 'audio', step: 1 },
  sampleRate: { kind: 'audio', step: 1 },
  sampleSize: { kind: 'audio', step: 1 },
  latency: { kind: 'audio', step: 0.001 },
};

/** The properties shown without `properties`, per kind, in this order. */
export const DEFAULT_PROPERTIES: Readonly<Record<TrackKind, readonly string[]>> = {
  video: [
    'resolution',
    'frameRate',
    'zoom',
    'torch',
    'focusMode',
    'focusDistance',
    'exposureMode',
    'exposureTime',
    'whiteBalanceMode',
    'colorTemperature',
    'pan',
    'tilt',
    'backgroundBlur',
  ],
  audio: ['echoCancellation', 'noiseSuppression', 'autoGainControl', 'channelCount', 'voiceIsolation'],
};

/** Common sizes offered as resolution presets (those the device can give are listed). */
export const RESOLUTION_PRESETS: readonly (readonly [number, number])[] = [
  [320, 240],
  [640, 360],
  [640, 480],
  [960, 540],
  [1280, 720],
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
];

/** What control a capability makes. */
export type ControlModel =
  | { type: 'range'; name: string; min: number; max: number; step: number; value: number | undefined }
  | { type: 'list'; name: string; options: readonly (string | boolean)[]; value: string | boolean | undefined }
  | { type: 'switch'; name: string; value: boolean; fixed: boolean };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The control for one property of a track, from its capabilities and settings; `null` when the
 * track lacks it (or reports nothing that could be changed).
 */
export function controlFor(name: string, caps: Record<string, unknown>, settings: Record<string, unknown>): ControlModel | null {
  if (name === RESOLUTION) return resolutionControl(caps, settings);
  const cap = caps[name];
  const value = settings[name];
  if (cap === undefined || cap === null) return null;
  if (cap === true || cap === false) {
    // A boolean capability (torch, backgroundBlur in older engines): true means it can be switched.
    return cap ? { type: 'switch', name, value: value === true, fixed: false } : null;
  }
  if (Array.isArray(cap)) {
    if (cap.length === 0) return null;
    if (cap.every((v) => typeof v === 'boolean')) return { type: 'switch', name, value: value === true, fixed: new Set(cap).size < 2 };
    return { type: 'list', name, options: cap as (string | boolean)[], value: value as string | boolean | undefined };
  }
  if (typeof cap === 'object') {
    const { min, max, step } = cap as { min?: unknown; max?: unknown; step?: unknown };
    if (!isNum(min) || !isNum(max) || max < min) return null;
    const s = isNum(step) && step > 0 ? step : (PROPERTIES[name]?.step ?? niceStep(max - min));
    return { type: 'range', name, min, max, step: s, value: isNum(value) ? value : undefined };
  }
  return null;
}

/** A step of about a hundredth of the range, rounded to 1, 2 or 5 × a power of ten. */
function niceStep(span: number): number {
  if (!(span > 0)) return 1;
  const raw = span / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** `resolution`: the preset sizes within the device's width and height range, and the size in force. */
function resolutionControl(caps: Record<string, unknown>, settings: Record<string, unknown>): ControlModel | null {
  const w = caps.width as { max?: number; min?: number } | undefined;
  const h = caps.height as { max?: number; min?: number } | undefined;
  if (!w || !h || !isNum(w.max) || !isNum(h.max)) return null;
  const fits = ([x, y]: readonly [number, number]) => x <= w.max! && y <= h.max! && x >= (w.min ?? 0) && y >= (h.min ?? 0);
  const sizes = RESOLUTION_PRESETS.filter(fits).map(([x, y]) => `${x}x${y}`);
  const current = isNum(settings.width) && isNum(settings.height) ? `${settings.width}x${settings.height}` : undefined;
  if (current && !sizes.includes(current)) sizes.push(current);
  sizes.sort((a, b) => area(a) - area(b));
  return sizes.length ? { type: 'list', name: RESOLUTION, options: sizes, value: current } : null;
}

const area = (s: string): number => {
  const [x, y] = s.split('x').map(Number);
  return x * y;
};

/** The settings a choice of a control asks for (`resolution` gives width and height). */
export function settingsOf(name: string, value: string | number | boolean): Record<string, string | number | boolean> {
  if (name === RESOLUTION && typeof value === 'string') {
    const [width, height] = value.split('x').map(Number);
    return { width, height };
  }
  return { [name]: value };
}
