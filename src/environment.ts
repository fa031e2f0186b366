import { MediaCaptureError, type ErrorDevice } from './errors.js';

/**
 * Why the camera cannot be used here at all, if it cannot. `device` names what is wanted, in the
 * message and in the permissions-policy check: `camera` needs the `camera` feature, `microphone`
 * the `microphone` feature, `camera-or-microphone` both. Without `device`, a policy blocks only
 * when it allows neither.
 */
export function environmentError(
  win: typeof globalThis = globalThis,
  device?: ErrorDevice,
): MediaCaptureError | null {
  if (win.isSecureContext === false) return new MediaCaptureError('insecure-context', { device });
  const md = win.navigator?.mediaDevices;
  if (!md || typeof md.getUserMedia !== 'function') return new MediaCaptureError('no-api', { device });
  const doc = win.document as (Document & { featurePolicy?: { allowsFeature(f: string): boolean } }) | undefined;
  try {
    const policy = doc?.featurePolicy;
    if (policy) {
      const needed = device === 'camera' ? ['camera'] : device === 'microphone' ? ['microphone'] : device ? ['camera', 'microphone'] : null;
      const blocked = needed ? needed.some((f) => !policy.allowsFeature(f)) : !policy.allowsFeature('camera') && !policy.allowsFeature('microphone');
      if (blocked) return new MediaCaptureError('security', { device });
    }
  } catch {
    /* ignore engines with a partial implementation */
  }
  return null;
}
