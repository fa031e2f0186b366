/**
 * What `<media-device-picker>` shows and says: which view (the list, or a panel saying why there
 * is none), the capture state that follows from it, and the texts of the panels and notices.
 * Pure reads of the controller.
 */
import { environmentError, type MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError, type ErrorDevice } from '../../src/errors.js';
import type { CaptureState, DeviceKind } from '../../src/events.js';
import type { PermissionValue } from '../../src/permissions.js';
import { format } from '../internal/capture-element.js';
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

/**
 * The picker's state: `requesting` while its own access request runs, else what its view says,
 * else the shared state, except that a shared stream blocked for another device (see
 * `pickerView`) leaves this picker `idle`.
 */
export function pickerState(view: View, accessPending: boolean, shared: CaptureState): CaptureState {
  if (accessPending) return 'requesting';
  switch (view) {
    case 'denied':
      return 'denied';
    case 'unavailable':
    case 'unsupported':
      return 'unavailable';
    default:
      return shared === 'denied' ? 'idle' : shared;
  }
}

/** What is announced of a shared state this picker caused (`''`: nothing). */
export function stateText(c: MediaStreamController, kind: DeviceKind, view: View, state: CaptureState, s: MediaDevicePickerStrings): string {
  if (state === 'requesting') return s.requestingAccess;
  if (state === 'denied') return deniedError(c, kind).message;
  if (state === 'unavailable') return unavailableText(view, kind, s)[0];
  return '';
}

/** What is announced after the picker's own access request, unless the list now shows (`''`). */
export function outcomeText(c: MediaStreamController, kind: DeviceKind, view: View, s: MediaDevicePickerStrings): string {
  if (view === 'denied') return deniedError(c, kind).message;
  if (view === 'unavailable' || view === 'unsupported') return unavailableText(view, kind, s)[0];
  return '';
}

/** The notice after a device in use went away: where the stream moved (`fallback`, its name), if anywhere. */
export function removedNotice(s: MediaDevicePickerStrings, device: string, fallback: string): string {
  return fallback ? format(s.deviceRemoved, { device, fallback }) : format(s.deviceRemovedNoFallback, { device });
}

/** The notice after a chosen device could not be started: which one is still in use (`current`), if any. */
export function failedNotice(s: MediaDevicePickerStrings, device: string, current: string): string {
  return current ? format(s.deviceFailed, { device, current }) : format(s.deviceFailedNoFallback, { device });
}
