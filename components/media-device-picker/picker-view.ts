/**
 * What `<media-device-picker>` shows: which view (the list, or a panel saying why there is none),
 * which device is shown as selected, and the texts of the panels. Pure reads of the controller.
 */
import { environmentError, type MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError, type ErrorDevice } from '../../src/errors.js';
import type { DeviceKind } from '../../src/events.js';
import type { PermissionValue } from '../../src/permissions.js';
import { hasDevice } from '../internal/device-names.js';
import { KIND_KEYS, type MediaDevicePickerStrings } from './media-device-picker.strings.js';

/** The picker's views: the list, or the panel that replaces it. */
export type View = 'unsupported' | 'loading' | 'denied' | 'unavailable' | 'access' | 'list';

/** Whether this engine can route sound to a chosen output (`setSinkId`). */
export const supportsSinkId = () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** The device a picker of this kind lists, as errors name it (outputs: their labels need the microphone). */
export function errorDeviceOf(kind: DeviceKind): ErrorDevice {
  return kind === 'videoinput' ? 'camera' : 'microphone';
}

/** Why devices of this kind cannot be used on this page at all, if they cannot. */
export function kindEnvironmentError(kind: DeviceKind): MediaCaptureError | null {
  return environmentError(globalThis, errorDeviceOf(kind));
}

/** Whether an error is about this kind's device (a request for both concerns every picker). */
export function concerns(e: MediaCaptureError | null | undefined, kind: DeviceKind): e is MediaCaptureError {
  return !!e && (e.device === 'camera-or-microphone' || e.device === errorDeviceOf(kind));
}

/** The permission that lets a picker of this kind read device names. */
export function permissionOf(c: MediaStreamController, kind: DeviceKind): PermissionValue {
  return c.permissions[kind === 'videoinput' ? 'camera' : 'microphone'];
}

/** The view of a picker of `kind`; `enumerated`: its first enumeration finished. */
export function pickerView(c: MediaStreamController, kind: DeviceKind, enumerated: boolean): View {
  if (kind === 'audiooutput' && !supportsSinkId()) return 'unsupported';
  if (kindEnvironmentError(kind)) return 'unavailable';
  const list = c.devicesOf(kind);
  const labelled = c.hasLabels(kind);
  const permission = permissionOf(c, kind);
  // Only a denial of this picker's device counts: a microphone picker has nothing to say about a blocked camera.
  const e = c.error;
  const denied = e?.state === 'denied' && concerns(e, kind) && (c.state === 'denied' || !labelled);
  if (permission === 'denied' || denied) return 'denied';
  if (!enumerated && list.length === 0) return 'loading';
  if (list.length === 0) return permission === 'granted' || c.state === 'live' ? 'unavailable' : 'access';
  return labelled ? 'list' : 'access';
}

/** The error the denied view shows: the controller's, when it is about this kind's device. */
export function deniedError(c: MediaStreamController, kind: DeviceKind): MediaCaptureError {
  const e = c.error;
  return e?.state === 'denied' && concerns(e, kind) ? e : new MediaCaptureError('permission-denied', { device: errorDeviceOf(kind) });
}

/** The message and advice of the unavailable and unsupported views. */
export function unavailableText(view: View, kind: DeviceKind, s: MediaDevicePickerStrings): [message: string, advice: string] {
  const env = kindEnvironmentError(kind);
  if (env) return [env.message, env.advice];
  if (view === 'unsupported') return [s.outputUnsupported, s.outputUnsupportedAdvice];
  const keys = KIND_KEYS[kind];
  return [s[keys.none], s[keys.advice]];
}

/** What the picker knows of the choice besides the controller. */
export interface ChoiceState {
  /** The explicit choice (by the user or by script), if any. */
  choice: string | null;
  /** A choice being applied. */
  pending: string | null;
  /** A deviceId set by script before the list could confirm it. */
  unconfirmed: string | null;
  /** The device of the last failed pick (not shown as selected because it is remembered). */
  failed: string | null;
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
