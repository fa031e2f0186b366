/**
 * Device enumeration helpers and the memory of the last chosen device per kind.
 */
import type { DeviceKind } from './events.js';

/** The parts of a MediaDeviceInfo worth remembering. */
export interface RememberedDevice {
  deviceId: string;
  groupId: string;
  label: string;
}

/** The devices of one kind. */
export function devicesOfKind(devices: readonly MediaDeviceInfo[], kind: DeviceKind): MediaDeviceInfo[] {
  return devices.filter((d) => d.kind === kind);
}

/** True when the devices of a kind have labels (permission was given at some point). */
export function hasLabels(devices: readonly MediaDeviceInfo[], kind: DeviceKind): boolean {
  const list = devicesOfKind(devices, kind);
  return list.length > 0 && list.every((d) => d.label !== '');
}

/** A stable key for diffing device lists. */
const key = (d: MediaDeviceInfo) => `${d.kind}|${d.deviceId}|${d.label}`;

/** What was added and removed between two device lists. */
export function diffDevices(
  before: readonly MediaDeviceInfo[],
  after: readonly MediaDeviceInfo[],
): { added: MediaDeviceInfo[]; removed: MediaDeviceInfo[] } {
  const b = new Set(before.map(key));
  const a = new Set(after.map(key));
  return { added: after.filter((d) => !b.has(key(d))), removed: before.filter((d) => !a.has(key(d))) };
}

/**
 * Find a remembered device again: by deviceId, else by groupId and label (ids can change
 * between sessions, Safari rotates them), else by label alone.
 */
export function findDevice(
  devices: readonly MediaDeviceInfo[],
  kind: DeviceKind,
  wanted: RememberedDevice | undefined,
): MediaDeviceInfo | undefined {
  if (!wanted) return undefined;
  const list = devicesOfKind(devices, kind);
  return (
    (wanted.deviceId ? list.find((d) => d.deviceId === wanted.deviceId) : undefined) ??
    (wanted.label ? list.find((d) => d.groupId === wanted.groupId && d.label === wanted.label) : undefined) ??
    (wanted.label ? list.find((d) => d.label === wanted.label) : undefined)
  );
}

/** Remembers the last chosen device per kind in localStorage (guarded: storage may be blocked). */
export class DeviceMemory {
  enabled: boolean;
  readonly prefix: string;

  constructor(name: string, enabled = true) {
    this.prefix = `media-capture-elements:${name}:`;
    this.enabled = enabled;
  }

  #storage(): Storage | null {
    if (!this.enabled) return null;
    try {
      return globalThis.localStorage ?? null;
    } catch {
      return null; // sandboxed frame or blocked storage
    }
  }

  /** The remembered device of a kind. */
  recall(kind: DeviceKind): RememberedDevice | undefined {
    try {
      const raw = this.#storage()?.getItem(this.prefix + kind);
      if (!raw) return undefined;
      const v = JSON.parse(raw) as Partial<RememberedDevice>;
      if (typeof v.deviceId !== 'string') return undefined;
      return { deviceId: v.deviceId, groupId: String(v.groupId ?? ''), label: String(v.label ?? '') };
    } catch {
      return undefined;
    }
  }

  /** Remember a device of a kind. */
  remember(kind: DeviceKind, device: RememberedDevice): void {
    try {
      this.#storage()?.setItem(
        this.prefix + kind,
        JSON.stringify({ deviceId: device.deviceId, groupId: device.groupId, label: device.label }),
      );
    } catch {
      /* quota or blocked storage: remembering is best effort */
    }
  }

  /** Forget the remembered device of a kind (or of every kind). */
  forget(kind?: DeviceKind): void {
    try {
      const s = this.#storage();
      for (const k of kind ? [kind] : (['videoinput', 'audioinput', 'audiooutput'] as const)) s?.removeItem(this.prefix + k);
    } catch {
      /* ignore */
    }
  }
}
