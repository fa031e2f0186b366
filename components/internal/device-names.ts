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
