/**
 * The choice of `<media-device-picker>`: what it knows besides the controller (the explicit
 * choice, one being applied, one waiting for the list, the last one that failed), the device it
 * shows as selected, and the device the controller is told to use that is gone.
 */
import type { MediaStreamController } from '../../src/controller.js';
import type { DeviceKind, MediaDevicesChangeEvent } from '../../src/events.js';
import { hasDevice, listed } from '../internal/device-names.js';

/** What the picker knows of the choice besides the controller. */
export interface ChoiceState {
  /** The explicit choice (by the user or by script), if any. */
  choice: string | null;
  /** A choice being applied. */
  pending: string | null;
  /**
   * A deviceId set by script (`value`, form state restore) before the list could confirm it
   * (not connected, or device names still hidden): chosen once the list has it, else dropped.
   */
  unconfirmed: string | null;
  /** The device of the last failed pick (not shown as selected because it is remembered). */
  failed: string | null;
}

/** A picker's choice before anything was chosen (and after `kind` changed). */
export function emptyChoice(): ChoiceState {
  return { choice: null, pending: null, unconfirmed: null, failed: null };
}

/** The deviceId shown as selected. */
export function selectedDeviceId(c: MediaStreamController, kind: DeviceKind, s: ChoiceState): string {
  const list = c.devicesOf(kind);
  if (!list.length || !c.hasLabels(kind)) return s.unconfirmed ?? s.choice ?? '';
  const has = (id: string | null | undefined): id is string => hasDevice(c.devicesOf(kind), id);
  if (has(s.pending)) return s.pending;
  if (has(s.unconfirmed)) return s.unconfirmed;
  const current = c.currentDeviceId(kind);
  if (has(current)) return current;
  if (has(s.choice)) return s.choice;
  const remembered = c.rememberedDevice(kind)?.deviceId;
  if (has(remembered) && remembered !== s.failed) return remembered;
  if (kind === 'audiooutput' && has('default')) return 'default';
  return list[0].deviceId;
}

/**
 * A device the controller is told to use for this kind that the list no longer has (unplugged
 * while nothing of the kind was live), which would make the next start fail with "not found".
 * A live device that goes away is the controller's to handle (it moves to another one). Only
 * asked once the list can be trusted (connected, enumerated, labelled).
 */
export function staleDeviceId(c: MediaStreamController, kind: DeviceKind): string | null {
  if (c.switching || c.state === 'requesting') return null;
  const has = (id: string | null | undefined) => hasDevice(c.devicesOf(kind), id);
  if (kind === 'audiooutput') return c.sinkId && !has(c.sinkId) ? c.sinkId : null;
  const media = kind === 'videoinput' ? 'video' : 'audio';
  if ((media === 'video' ? c.videoTrack : c.audioTrack)?.readyState === 'live') return null;
  const options = c.options[media];
  if (typeof options !== 'object') return null;
  const d = options.deviceId;
  const id = typeof d === 'string' ? d : d && !d.preferred ? d.exact : undefined;
  return id && !has(id) ? id : null;
}

/**
 * After `selectDevice(kind, id)` settled: `null` when the switch took, or when nothing was
 * started (outputs, or no capture wanted) and the choice is simply made; else the device still
 * in use (`inUse`: the one the controller kept or reopened, `undefined` when none is live).
 */
export function failedSwitch(c: MediaStreamController, kind: DeviceKind, id: string): { inUse: string | undefined } | null {
  const track = kind === 'videoinput' ? c.videoTrack : c.audioTrack;
  const inUse = track?.readyState === 'live' ? c.currentDeviceId(kind) : undefined;
  const attempted = kind !== 'audiooutput' && c.state !== 'idle' && c.requesterCount > 0;
  return !attempted || inUse === id ? null : { inUse };
}

/** The chosen device, when a device change removed it and does not list it again. */
export function removedChoice(detail: MediaDevicesChangeEvent['detail'], kind: DeviceKind, choice: string | null): MediaDeviceInfo | undefined {
  const gone = detail.removed.find((d) => d.kind === kind && d.deviceId && d.deviceId === choice);
  return gone && !listed(detail.devices, kind, gone.deviceId) ? gone : undefined;
}
