import type { RecordingStopReason } from '../../src/recording/session.js';

const init = { bubbles: true, composed: true } as const;

/** Fired when a recording starts gathering data (after any countdown). */
export class RecordingStartEvent extends Event {
  static readonly eventName = 'recording-start';
  /** `mimeType`: what is really being recorded. */
  readonly detail: { readonly mimeType: string };
  constructor(detail: RecordingStartEvent['detail']) {
    super(RecordingStartEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when a recording is paused. */
export class RecordingPauseEvent extends Event {
  static readonly eventName = 'recording-pause';
  /** `recordedTime`: ms recorded until the pause. */
  readonly detail: { readonly recordedTime: number };
  constructor(detail: RecordingPauseEvent['detail']) {
    super(RecordingPauseEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when a paused recording goes on. */
export class RecordingResumeEvent extends Event {
  static readonly eventName = 'recording-resume';
  readonly detail: { readonly recordedTime: number };
  constructor(detail: RecordingResumeEvent['detail']) {
    super(RecordingResumeEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * Fired for each chunk of a recording with `timeslice` (the `BlobEvent` of `MediaRecorder`).
 * Cancelable: a listener that calls `preventDefault()` takes the chunk (uploads or stores it),
 * and the element keeps no copy of it: the `File` at the end then holds only the chunks nobody
 * took (none when every chunk was taken: `recording-stop` has `file: null`).
 */
export class RecordingDataEvent extends Event {
  static readonly eventName = 'recording-data';
  readonly detail: { readonly data: Blob; readonly timecode: number };
  constructor(detail: RecordingDataEvent['detail']) {
    super(RecordingDataEvent.eventName, { ...init, cancelable: true });
    this.detail = detail;
  }
}

/** Detail of {@link RecordingStopEvent}. */
export interface RecordingStopDetail {
  /**
   * The recording (named by `strings.fileName`, of the recorded type), or `null` when there is
   * nothing to keep: every chunk was taken by `recording-data` listeners, or nothing was recorded.
   */
  readonly file: File | null;
  /** Milliseconds recorded, pauses left out. */
  readonly duration: number;
  /** The recorded type (`video/webm;codecs=vp8,opus`). */
  readonly mimeType: string;
  /** The picture's size in pixels (the camera's native size; 0 for sound alone). */
  readonly width: number;
  readonly height: number;
  /** Bytes delivered: the `File`'s size (its duration written in) plus the chunks taken by listeners. */
  readonly size: number;
  /**
   * Why it ended: `stop` (asked), `max-duration`, `max-size`, `ended` (the camera or microphone
   * was stopped, unplugged or revoked, or `audio-only` / `no-audio` changed), `removed` (the element left the page), `disabled`,
   * `error` (the engine's recorder failed: a `media-error` came first).
   */
  readonly reason: RecordingStopReason;
}

/**
 * Fired when a recording ends, however it ended, with what was recorded.
 *
 * After the element was removed from the page (`reason: 'removed'`) it is fired on the detached
 * element, once the engine has handed over the last data: it bubbles no further than the
 * element's own detached tree, so a listener on `document` or a former ancestor does not get it.
 * To keep what a removal ends, listen on the element itself.
 */
export class RecordingStopEvent extends Event {
  static readonly eventName = 'recording-stop';
  readonly detail: RecordingStopDetail;
  constructor(detail: RecordingStopDetail) {
    super(RecordingStopEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'recording-start': RecordingStartEvent;
    'recording-pause': RecordingPauseEvent;
    'recording-resume': RecordingResumeEvent;
    'recording-data': RecordingDataEvent;
    'recording-stop': RecordingStopEvent;
  }
}
