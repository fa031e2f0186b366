/**
 * Finding and naming devices in a list of one kind (`controller.devicesOf(kind)`), for any
 * element that lists devices or names one in a message.
 */

/** Whether `list` has a device with this id. */
export function hasDevice(list: readonly MediaDeviceInfo[], id: string | null | undefined): id is string {
  return !!id && list.some((d) => d.deviceId === id);
}

/** Whether a list of devices of every kind (`enumerateDevices()`) has one of `kind` with this id. */
export function listed(devices: readonly MediaDeviceInfo[], kind: MediaDeviceKind, id: string): boolean {
  return devices.some((d) => d.kind === kind && d.deviceId === id);
}

/**
 * The name of the device at `index` of its list: its label, else `unnamed(n)` with `n` its place
 * in the list from 1 (some engines hide labels of some devices).
 */
export function deviceName(device: MediaDeviceInfo, index: number, unnamed: (n: number) => string): string {
  return device.label || unnamed(index + 1);
}

/** The name of a listed device (see `deviceName`), or `''` when the list does not have it. */
export function deviceLabel(list: readonly MediaDeviceInfo[], id: string | null | undefined, unnamed: (n: number) => string): string {
  if (!id) return '';
  const i = list.findIndex((d) => d.deviceId === id);
  if (i < 0) return '';
  return deviceName(list[i], i, unnamed);
}

/** The devices of one kind an element lists, read afresh on every call, found and named. */
export class DeviceNames {
  readonly #list: () => readonly MediaDeviceInfo[];
  readonly #unnamed: (n: number) => string;
  readonly #kindWord: () => string;

  /**
   * `list` reads the devices (`controller.devicesOf(kind)`); `unnamed` names a device without a
   * label from its place in the list; `kindWord` is the word a message uses when a device is not
   * listed ("Camera").
   */
  constructor(list: () => readonly MediaDeviceInfo[], unnamed: (n: number) => string, kindWord: () => string) {
    this.#list = list;
    this.#unnamed = unnamed;
    this.#kindWord = kindWord;
  }

  /** Whether the list has a device with this id. */
  has(id: string | null | undefined): id is string {
    return hasDevice(this.#list(), id);
  }

  /** The name of a listed device (`''` when the list does not have it). */
  label(id: string | null | undefined): string {
    return deviceLabel(this.#list(), id, this.#unnamed);
  }

  /** A device's name for a message: its label, else the kind's word, never a raw deviceId. */
  name(id: string | null | undefined): string {
    return this.label(id) || this.#kindWord();
  }
}
