/**
 * A recording of a MediaStream, framework-free: the format chosen ({@link chooseMimeType}), the
 * chunks gathered, pauses left out of the recorded time, the length and size limits, and the
 * file delivered whatever ends the recording (a stop, a limit, an engine error).
 *
 * ```ts
 * const session = new RecordingSession(new MediaStream([video.track, audio.track]), { maxDuration: 60_000 });
 * await session.start();            // resolves once data is being gathered
 * const result = await session.stop();  // { blob, mimeType, duration, size, reason }
 * ```
 *
 * Memory: each chunk is handed to `onData` first; when it returns `true` (a page's listener took
 * the chunk) the session keeps no copy of it, and the final blob holds only the chunks nobody
 * took. Otherwise the chunks are kept until the recording ends, for the final blob.
 */
import { RecordingError } from './errors.js';
import { chooseMimeType, type RecordingKinds } from './formats.js';

/** Why a recording ended. */
export type RecordingStopReason = 'stop' | 'max-duration' | 'max-size' | 'error' | 'ended' | 'removed' | 'disabled';

/** Options of {@link RecordingSession}. */
export interface RecordingSessionOptions {
  /** A preferred type (falls back to a supported one; `mimeRejected` then says so). */
  mimeType?: string | null;
  videoBitsPerSecond?: number;
  audioBitsPerSecond?: number;
  /** Deliver data every this many ms (`onData`); 0: one chunk at the end. */
  timeslice?: number;
  /** Stop by itself once this many ms are recorded (pauses left out); 0: no limit. */
  maxDuration?: number;
  /** Stop before the data would pass this many bytes; 0: no limit. */
  maxSize?: number;
  /**
   * Each chunk of a `timeslice` recording, as the engine delivers it; return `true` when the
   * chunk was taken (the session then keeps no copy).
   */
  onData?: (data: Blob, timecode: number) => boolean;
  /** The engine's recorder failed (the recording then ends with what was gathered). */
  onError?: (error: RecordingError) => void;
  /** The recording ended by itself (a limit, an engine error, its tracks ended), with its result; not after `stop()`. */
  onEnd?: (result: RecordingResult) => void;
  /** The engine paused or resumed. */
  onPause?: () => void;
  onResume?: () => void;
}

/** What a recording gathered. */
export interface RecordingResult {
  /** The data not taken by `onData`, as one Blob of the recorded type. */
  readonly blob: Blob;
  /** The recorded type as the engine reports it (`video/webm;codecs=vp8,opus`). */
  readonly mimeType: string;
  /** Milliseconds recorded, pauses left out. */
  readonly duration: number;
  /** Bytes recorded, taken chunks included. */
  readonly size: number;
  /** Bytes handed to `onData` listeners that took them (not in `blob`). */
  readonly takenSize: number;
  readonly reason: RecordingStopReason;
  /** The engine's error when `reason` is `error`. */
  readonly error: RecordingError | null;
}

/** The state of a session, as `MediaRecorder.state`. */
export type RecordingState = 'inactive' | 'recording' | 'paused';

/** How long after `MediaRecorder.start()` the file's first frame is taken (see the start event). */
const START_LATENCY_MS = 60;

/** When there is a size limit and no `timeslice`, data is asked for this often to watch the size. */
const SIZE_WATCH_SLICE_MS = 250;

/**
 * Bytes a WebM may grow by when its duration is written afterwards (`fixWebmDuration`: a
 * Duration element of 11 bytes, and a longer size of its Info): kept free under `maxSize`.
 */
export const WEBM_DURATION_ROOM = 16;

/**
 * How long `stop()` waits for the engine's own `stop` event once the recorder stopped by itself
 * (its last data still queued) before it ends the recording with what it has.
 */
const STOP_EVENT_WAIT_MS = 3000;

export class RecordingSession {
  readonly stream: MediaStream;
  /** The type asked for (`''`: the engine's choice). */
  readonly requestedType: string;
  /** Whether the page's preferred type was not used. */
  readonly mimeRejected: boolean;
  readonly #options: RecordingSessionOptions;
  readonly #recorder: MediaRecorder;
  #chunks: Blob[] = [];
  #size = 0;
  #takenSize = 0;
  #mimeType = '';
  /** performance.now() when the current run (since start or resume) began, or null while paused/inactive. */
  #runStart: number | null = null;
  #accumulated = 0;
  #limitTimer: ReturnType<typeof setTimeout> | undefined;
  #reason: RecordingStopReason = 'stop';
  #error: RecordingError | null = null;
  #ended = false;
  #started: Promise<void>;
  #finished: Promise<RecordingResult>;
  #resolveFinished!: (r: RecordingResult) => void;
  /** performance.now() of the start() call. */
  #startCalled: number | null = null;
  /** stop() was called (else the recording ended by itself: `onEnd`). */
  #stopAsked = false;
  #sizeTimer: ReturnType<typeof setInterval> | undefined;
  #stopWait: ReturnType<typeof setTimeout> | undefined;
  /** The engine's `start` event came. */
  #startSeen = false;
  /** pause() came before the `start` event (the time is then counted from the resume). */
  #pausedBeforeStart = false;

  /**
   * @throws RecordingError `no-api` without `MediaRecorder`; `recording-failed` when the engine
   *   refuses the stream or options.
   */
  constructor(stream: MediaStream, options: RecordingSessionOptions = {}) {
    this.stream = stream;
    this.#options = options;
    const kinds: RecordingKinds = { video: stream.getVideoTracks().length > 0, audio: stream.getAudioTracks().length > 0 };
    const device = kinds.video ? (kinds.audio ? 'camera-or-microphone' : 'camera') : 'microphone';
    if (typeof globalThis.MediaRecorder !== 'function') throw new RecordingError('no-api', { device, message: 'This browser cannot record.' });
    const choice = chooseMimeType(kinds, options.mimeType);
    this.requestedType = choice.mimeType;
    this.mimeRejected = choice.rejected;
    const init: MediaRecorderOptions = {};
    if (choice.mimeType) init.mimeType = choice.mimeType;
    if (options.videoBitsPerSecond) init.videoBitsPerSecond = options.videoBitsPerSecond;
    if (options.audioBitsPerSecond) init.audioBitsPerSecond = options.audioBitsPerSecond;
    try {
      this.#recorder = new MediaRecorder(stream, init);
    } catch (cause) {
      throw new RecordingError('recording-failed', { device, cause });
    }
    this.#finished = new Promise((resolve) => (this.#resolveFinished = resolve));
    const r = this.#recorder;
    this.#started = new Promise<void>((resolve, reject) => {
      r.addEventListener('start', () => resolve(), { once: true });
      r.addEventListener('error', (e) => reject(this.#toError(e)), { once: true });
    });
    this.#started.catch(() => {});
    r.addEventListener('start', () => {
      // Read now: Firefox says '' once stopped.
      this.#mimeType = r.mimeType || this.requestedType;
      // The file's first frame falls between the start() call and this event: measured in
      // Chromium 156, 50 to 90 ms after the call, while the event comes up to 230 ms after it
      // (and up to a second on a loaded machine, the file still starting near the call). The time
      // is counted from 60 ms after the call, or from the event if it came sooner.
      // A pause asked before this event (Chromium fires it only after the resume) already
      // counted the time until the pause; the resume started the new run.
      this.#startSeen = true;
      const called = this.#startCalled;
      if (!this.#pausedBeforeStart) this.#runStart = called === null ? performance.now() : Math.min(performance.now(), called + START_LATENCY_MS);
      this.#armLimit();
      if (options.maxSize) this.#sizeTimer = setInterval(() => this.#watchSize(), 100);
    });
    r.addEventListener('dataavailable', this.#onData);
    r.addEventListener('pause', () => {
      this.#closeRun();
      this.#options.onPause?.();
    });
    r.addEventListener('resume', () => {
      this.#runStart = performance.now();
      this.#armLimit();
      this.#options.onResume?.();
    });
    r.addEventListener('error', (e) => {
      this.#error = this.#toError(e);
      this.#reason = 'error';
      this.#options.onError?.(this.#error);
    });
    r.addEventListener('stop', () => this.#finish());
    this.#device = device;
  }

  readonly #device: 'camera' | 'microphone' | 'camera-or-microphone';

  #toError(e: Event): RecordingError {
    const cause = (e as Event & { error?: unknown }).error ?? e;
    return new RecordingError('recording-failed', { device: this.#device, cause });
  }

  /** `inactive`, `recording` or `paused`. */
  get state(): RecordingState {
    return this.#ended ? 'inactive' : (this.#recorder.state as RecordingState);
  }

  /** The recorded type (known once started), as the engine reports it. */
  get mimeType(): string {
    return this.#mimeType || this.#recorder.mimeType || this.requestedType;
  }

  /** Milliseconds recorded so far, pauses left out. */
  get recordedTime(): number {
    return this.#accumulated + (this.#runStart === null ? 0 : performance.now() - this.#runStart);
  }

  /** The `maxDuration` this recording stops at, in ms (0: none); fixed at its start. */
  get maxDuration(): number {
    return this.#options.maxDuration ?? 0;
  }

  /** Bytes delivered so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Starts recording. Resolves once the engine gathers data (its `start` event).
   * @throws RecordingError `recording-failed` when the engine cannot record the stream.
   */
  async start(): Promise<void> {
    const slice = this.#options.timeslice || (this.#options.maxSize ? SIZE_WATCH_SLICE_MS : 0);
    this.#startCalled = performance.now();
    try {
      if (slice > 0) this.#recorder.start(slice);
      else this.#recorder.start();
    } catch (cause) {
      this.#ended = true;
      throw new RecordingError('recording-failed', { device: this.#device, cause });
    }
    await this.#started;
  }

  /** Pauses (the time paused is left out of `recordedTime`). */
  pause(): void {
    if (this.#recorder.state !== 'recording') throw new RecordingError('invalid-state');
    if (!this.#startSeen && !this.#pausedBeforeStart) {
      // Before the engine's start event: the time since the file's first frame (see the start
      // event) counts, and the run ends here.
      this.#pausedBeforeStart = true;
      const called = this.#startCalled ?? performance.now();
      this.#accumulated += Math.max(0, performance.now() - (called + START_LATENCY_MS));
    }
    this.#recorder.pause();
    this.#closeRun(); // at once, not at the event: recordedTime stops now
  }

  /** Resumes a paused recording. */
  resume(): void {
    if (this.#recorder.state !== 'paused') throw new RecordingError('invalid-state');
    this.#recorder.resume();
    // Before the start event the time counts from now (the resume event may come after it).
    if (!this.#startSeen) this.#runStart = performance.now();
  }

  /**
   * Ends the recording (`reason` says why, for the result) and resolves with everything gathered.
   * Calling it again, or after the recording ended by itself, gives the same result.
   */
  stop(reason: RecordingStopReason = 'stop'): Promise<RecordingResult> {
    if (this.#ended) return this.#finished;
    this.#stopAsked = true;
    if (this.#reason === 'stop') this.#reason = reason;
    this.#closeRun();
    clearTimeout(this.#limitTimer);
    if (this.#recorder.state !== 'inactive') {
      try {
        this.#recorder.stop();
      } catch {
        this.#finish();
      }
    } else if (this.#startCalled !== null) {
      // The recorder stopped by itself (a limit, an engine error, its tracks ended): its state
      // reads inactive while its last data and its stop event are still queued. The stop event
      // finishes; a timer ends it should the engine never fire it.
      this.#stopWait ??= setTimeout(() => this.#finish(), STOP_EVENT_WAIT_MS);
    } else this.#finish();
    return this.#finished;
  }

  /** The result, once the recording has ended (however it ended). */
  get finished(): Promise<RecordingResult> {
    return this.#finished;
  }

  #closeRun(): void {
    if (this.#runStart !== null) this.#accumulated += performance.now() - this.#runStart;
    this.#runStart = null;
    clearTimeout(this.#limitTimer);
  }

  /** Stops at `maxDuration`: a timer for the time left, checked again when it fires. */
  #armLimit(): void {
    clearTimeout(this.#limitTimer);
    const max = this.#options.maxDuration ?? 0;
    if (max <= 0 || this.#runStart === null) return;
    const left = max - this.recordedTime;
    if (left <= 0) {
      this.#endBy('max-duration');
      return;
    }
    this.#limitTimer = setTimeout(() => this.#armLimit(), left);
  }

  /** Ends the recording by itself (a limit): `onEnd` gets the result. */
  #endBy(reason: RecordingStopReason): void {
    if (this.#ended || this.#recorder.state === 'inactive') return;
    if (this.#reason === 'stop') this.#reason = reason;
    this.#closeRun();
    try {
      this.#recorder.stop();
    } catch {
      this.#finish();
    }
  }

  readonly #onData = (e: BlobEvent) => {
    const data = e.data;
    if (!data || data.size === 0) return;
    this.#size += data.size;
    const userSlices = (this.#options.timeslice ?? 0) > 0;
    const taken = userSlices && !!this.#options.onData?.(data, e.timecode ?? performance.now());
    if (taken) this.#takenSize += data.size;
    else this.#chunks.push(data);
    this.#watchSize();
  };

  /**
   * Stops while the data is still under `maxSize`. Engines deliver data unevenly (Chromium's MP4
   * comes in fragments of about 600 ms), so the size is estimated from the larger of the data so
   * far and the recorder's bit rate, plus what two slices and a quarter second more would add
   * (the final chunk of a stop included).
   */
  #watchSize(): void {
    const max = this.#options.maxSize ?? 0;
    if (max <= 0 || this.#recorder.state !== 'recording') return;
    const time = Math.max(this.recordedTime, 1);
    const r = this.#recorder;
    const bytesPerMs = ((r.videoBitsPerSecond || 0) + (r.audioBitsPerSecond || 0)) / 8000;
    const expected = Math.max(this.#size, bytesPerMs * time);
    const rate = Math.max(this.#size / time, bytesPerMs);
    const slice = this.#options.timeslice || SIZE_WATCH_SLICE_MS;
    if (expected + rate * (slice * 2 + 250) >= max) this.#endBy('max-size');
  }

  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#closeRun();
    clearTimeout(this.#limitTimer);
    clearInterval(this.#sizeTimer);
    clearTimeout(this.#stopWait);
    if (!this.#stopAsked && this.#reason === 'stop') this.#reason = 'ended'; // the engine stopped: its tracks ended
    const mimeType = this.mimeType;
    const parts = this.#chunks;
    this.#chunks = [];
    let blob = new Blob(parts, { type: mimeType });
    const max = this.#options.maxSize ?? 0;
    // A final chunk that would pass the limit is left out (a WebM plays to its last whole
    // cluster), with room for the duration written into the file afterwards.
    const limit = max - WEBM_DURATION_ROOM;
    if (max > 0 && blob.size + this.#takenSize > limit && /webm|matroska/i.test(mimeType)) {
      while (parts.length > 1 && parts.reduce((n, p) => n + p.size, 0) + this.#takenSize > limit) parts.pop();
      blob = new Blob(parts, { type: mimeType });
    }
    const result: RecordingResult = {
      blob,
      mimeType,
      duration: this.#accumulated,
      size: blob.size + this.#takenSize,
      takenSize: this.#takenSize,
      reason: this.#reason,
      error: this.#error,
    };
    this.#resolveFinished(result);
    if (!this.#stopAsked) this.#options.onEnd?.(result);
  }
}
