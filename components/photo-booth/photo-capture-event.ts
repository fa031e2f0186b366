import type { EffectName } from '../../src/capture/effects.js';
import type { EncodePath } from '../../src/capture/encoder.js';

/** Detail of {@link PhotoCaptureEvent}. */
export interface PhotoCaptureDetail {
  /** The encoded photo. */
  readonly file: File;
  /** Its size in pixels (the camera track's size). */
  readonly width: number;
  readonly height: number;
  /** The effect applied. */
  readonly effect: EffectName;
  /**
   * Where the photo was encoded: `worker` (the encode worker, the main thread stays free) or
   * `main` (no worker could be used: its file did not load, a CSP blocked it, it failed; a
   * warning says which file and what to do).
   */
  readonly encoder: EncodePath;
}

/** Fired by `<photo-booth>` each time a photo is taken (before any review). */
export class PhotoCaptureEvent extends Event {
  static readonly eventName = 'photo-capture';
  readonly detail: PhotoCaptureDetail;
  constructor(detail: PhotoCaptureDetail) {
    super(PhotoCaptureEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'photo-capture': PhotoCaptureEvent;
  }
}
