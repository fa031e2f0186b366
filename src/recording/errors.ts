import { MediaCaptureError, type MediaCaptureErrorCode, type ErrorDevice } from '../errors.js';

/** Texts of the recording's own misuse errors (the others are the kit's `MediaCaptureError` texts). */
const TEXT: Partial<Record<MediaCaptureErrorCode, { message: string; advice: string }>> = {
  'invalid-state': { message: 'No recording is running.', advice: 'Start a recording first.' },
};

/**
 * A `MediaCaptureError` about a recording: `not-live` (no camera or microphone to record),
 * `invalid-state` (no recording to stop, pause or resume; one already running), `aborted` (a
 * countdown was cancelled), `recording-failed` (the engine's `MediaRecorder` failed or records
 * nothing), `no-api` (no `MediaRecorder` here).
 */
export class RecordingError extends MediaCaptureError {
  constructor(code: MediaCaptureErrorCode, init: { device?: ErrorDevice; cause?: unknown; message?: string } = {}) {
    super(code, init);
    const own = TEXT[code];
    const message = init.message ?? own?.message;
    if (message) this.message = message;
    if (own) (this as { advice: string }).advice = own.advice;
  }
}
