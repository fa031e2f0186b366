/** Merging option changes, and what each kind should be given the options and remembered devices. */
import type { AudioOptions, CaptureOptions, VideoOptions } from '../constraints.js';
import { type DeviceMemory, findDevice, hasLabels } from '../devices.js';
import type { DeviceKind, TrackKind } from '../events.js';

export type KindOptions = boolean | VideoOptions | AudioOptions;
export const deviceKindOf = (k: TrackKind): DeviceKind => (k === 'video' ? 'videoinput' : 'audioinput');

const clean = (o: Record<string, unknown>): Record<string, unknown> => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

/**
 * One kind's options after a change: objects are merged into the current options (a key set to
 * `undefined` is removed); `true`/`false` replace them.
 */
export function mergeKind(cur: KindOptions, v: KindOptions): KindOptions {
  if (typeof v === 'object' && typeof cur === 'object') return clean({ ...cur, ...v });
  if (typeof v === 'object') return clean({ ...v });
  return v;
}

/** The keys a change of one kind sets, with their values (`{ on: v }` for `true`/`false`). */
export function changedKeys(v: KindOptions): [string, unknown][] {
  return typeof v === 'object' ? Object.entries(v) : [['on', v]];
}

/**
 * What a needed kind should be, given its options and the remembered device. Options `false`
 * (a script's "off") still give the browser's defaults when a consumer needs the kind.
 * `useDefault`: the page chose the default device (`selectDevice(kind, '')`), so a remembered
 * device is not put back.
 */
export function targetOf(
  kind: TrackKind,
  options: CaptureOptions,
  devices: readonly MediaDeviceInfo[],
  memory: DeviceMemory,
  useDefault: boolean,
): VideoOptions | AudioOptions {
  const o = options[kind];
  const opts: VideoOptions & AudioOptions = typeof o === 'object' ? { ...(o as VideoOptions & AudioOptions) } : {};
  const dk = deviceKindOf(kind);
  if (!useDefault && opts.deviceId === undefined && (opts as VideoOptions).facingMode === undefined) {
    const remembered = memory.recall(dk);
    const found = findDevice(devices, dk, remembered);
    if (found?.deviceId) opts.deviceId = { exact: found.deviceId, preferred: true };
    else if (remembered && !hasLabels(devices, dk)) opts.deviceId = { ideal: remembered.deviceId };
  }
  return opts;
}
