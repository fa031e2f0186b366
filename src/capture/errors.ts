/**
 * Error codes raised by the capture pipeline.
 *
 * - `no-source`: nothing is attached (call `attach()` first).
 * - `not-live`: the attached source has no live video track (stopped, ended or removed).
 * - `no-frame`: the source is live but has not delivered a frame yet.
 * - `disposed`: the pipeline was disposed.
 * - `unsupported`: the browser lacks a feature the call needs (e.g. `captureStream`).
 * - `encode-failed`: the image encoder produced no result.
 * - `invalid-option`: an option value is out of its domain.
 */
export type CaptureErrorCode =
  | 'no-source'
  | 'not-live'
  | 'no-frame'
  | 'disposed'
  | 'unsupported'
  | 'encode-failed'
  | 'invalid-option';

const MESSAGES: Record<CaptureErrorCode, string> = {
  'no-source': 'No video source is attached to the capture pipeline.',
  'not-live': 'The video source is not live: its track has ended or was stopped.',
  'no-frame': 'The video source has not delivered a frame yet.',
  disposed: 'The capture pipeline has been disposed.',
  unsupported: 'This browser does not support the requested capture feature.',
  'encode-failed': 'The photo could not be encoded.',
  'invalid-option': 'An option passed to the capture pipeline is invalid.',
};

/**
 * An error raised by the capture pipeline, with a stable machine-readable `code`.
 *
 * ```ts
 * try { await pipeline.capturePhoto(); }
 * catch (e) { if (e instanceof CaptureError && e.code === 'not-live') restartCamera(); }
 * ```
 */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';

  /**
   * @param code - stable identifier of the failure.
   * @param message - human-readable detail; defaults to a sentence for `code`.
   * @param options - standard `ErrorOptions` (e.g. `cause`).
   */
  constructor(
    readonly code: CaptureErrorCode,
    message: string = MESSAGES[code],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Throws `CaptureError('disposed')` when `disposed`, first calling `release` (what the call held
 * so far: a frame, a bitmap), whose own failure (already closed) is ignored.
 */
export function throwIfDisposed(disposed: boolean, release?: () => void): void {
  if (!disposed) return;
  try {
    release?.();
  } catch {
    /* already closed */
  }
  throw new CaptureError('disposed');
}
