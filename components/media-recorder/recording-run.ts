import type { ReactiveControllerHost } from 'lit';
import type { MediaStreamController } from '../../src/controller.js';
import type { ErrorDevice } from '../../src/errors.js';
import { RecordingError } from '../../src/recording/errors.js';
import { extensionFor } from '../../src/recording/formats.js';
import { RecordingSession, type RecordingResult, type RecordingSessionOptions, type RecordingState, type RecordingStopReason } from '../../src/recording/session.js';
import { RecordingTracks } from './recording-tracks.js';

/** How often the elapsed time is redrawn while recording. */
const TICK_MS = 250;

/** What one recording of `<media-recorder>` is made of. */
export interface RecordingRunStart {
  controller: MediaStreamController;
  /** The preview canvas's track (null: sound alone). */
  video: MediaStreamTrack | null;
  audio: boolean;
  /** The picture's size (the camera's native size), for `recording-stop`. */
  size: { width: number; height: number };
  device: ErrorDevice;
  /**
   * Why the recording is no longer wanted (a newer call or a cancel: `aborted`; disabled:
   * `invalid-state`; the camera gone: `not-live`), or null while it is: checked after each wait.
   */
  check: () => RecordingError | null;
  session: Omit<RecordingSessionOptions, 'onEnd'>;
}

/** What {@link RecordingRun} asks of its element. */
export interface RecordingRunOptions {
  /** The `File` of a finished recording (null: nothing to keep), with its result and picture size. */
  finished: (file: File | null, result: RecordingResult, size: { width: number; height: number }) => void;
  /** The file name for a recording of `ext` that ended now. */
  fileName: (ext: string) => string;
  /** The recorded blob with a duration in its header where it lacks one. */
  fixDuration: (blob: Blob, durationMs: number) => Promise<Blob>;
}

/**
 * The recording of a `<media-recorder>` from start to `File`: its tracks ({@link RecordingTracks}),
 * its {@link RecordingSession}, the redraw of the elapsed time, and the one ending however it
 * comes (every caller of `end()` gets the same file).
 */
export class RecordingRun {
  readonly #host: ReactiveControllerHost;
  readonly #options: RecordingRunOptions;
  #session: RecordingSession | null = null;
  #tracks: RecordingTracks | null = null;
  #size = { width: 0, height: 0 };
  #ending: Promise<File | null> | null = null;
  #starting = false;
  #tick: ReturnType<typeof setInterval> | undefined;
  #lastDuration = 0;
  #lastResult: RecordingResult | null = null;

  constructor(host: ReactiveControllerHost, options: RecordingRunOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** A recording exists (gathering, paused, or ending). */
  get active(): boolean {
    return !!this.#session;
  }

  /** Being set up, between the countdown and the recorder's start. */
  get starting(): boolean {
    return this.#starting;
  }

  /** `inactive` once ending. */
  get state(): RecordingState {
    const s = this.#session;
    return s && !this.#ending ? s.state : 'inactive';
  }

  /** ms recorded (pauses left out); after a recording, its length. */
  get recordedTime(): number {
    return this.#session?.recordedTime ?? this.#lastDuration;
  }

  /** The result of the last recording that ended (null before the first). */
  get lastResult(): RecordingResult | null {
    return this.#lastResult;
  }

  /** The `max-duration` (ms) the running recording stops at (0: none), or null when none runs. */
  get maxDuration(): number | null {
    return this.#session?.maxDuration ?? null;
  }

  /** The type being recorded, or null when none. */
  get mimeType(): string | null {
    return this.#session?.mimeType ?? null;
  }

  /** The stream being recorded (tests make the engine's recorder fail with it). */
  get stream(): MediaStream | null {
    return this.#tracks?.stream ?? null;
  }

  /**
   * Makes the tracks and the session and starts it; resolves once data is gathered.
   * @throws RecordingError what `check()` gives when it turned non-null meanwhile (then nothing is
   *   recorded and no result is delivered); `not-live`; `recording-failed`.
   */
  async start(x: RecordingRunStart): Promise<RecordingSession> {
    this.#starting = true;
    this.#host.requestUpdate();
    let tracks: RecordingTracks | null = null;
    try {
      tracks = await RecordingTracks.make(x.controller, x.video, x.audio);
      const gone = x.check();
      if (gone) throw gone;
      if (tracks.stream.getTracks().length === 0) throw new RecordingError('not-live', { device: x.device });
      const session: RecordingSession = new RecordingSession(tracks.stream, {
        ...x.session,
        onEnd: (result) => {
          // Delivered from a promise job: #deliver may finish at once (nothing kept), and its
          // clearing of #ending must come after this assignment, not before it.
          if (this.#session === session && !this.#ending) this.#ending = Promise.resolve(result).then((r) => this.#deliver(r));
        },
      });
      this.#session = session;
      this.#tracks = tracks;
      this.#size = x.size;
      tracks = null;
      await session.start();
      // Cancelled, disabled or no longer live while the engine started: nothing is kept.
      const late = x.check();
      if (late) throw late;
      this.#startTicking();
      return session;
    } catch (err) {
      tracks?.dispose();
      if (this.#session && !this.#ending) {
        // The engine refused to start, or the recording is no longer wanted: nothing is kept.
        const failed = this.#session;
        this.#session = null;
        this.#tracks?.dispose();
        this.#tracks = null;
        void failed.stop('error');
      }
      throw err instanceof RecordingError ? err : new RecordingError('recording-failed', { device: x.device, cause: err });
    } finally {
      this.#starting = false;
      this.#host.requestUpdate();
    }
  }

  pause(): RecordingSession | null {
    const s = this.#session;
    if (!s || this.#ending || s.state !== 'recording') return null;
    s.pause();
    this.#host.requestUpdate();
    return s;
  }

  resume(): RecordingSession | null {
    const s = this.#session;
    if (!s || this.#ending || s.state !== 'paused') return null;
    s.resume();
    this.#host.requestUpdate();
    return s;
  }

  /** Ends the recording (once; null when none runs) and resolves with its file. */
  end(reason: RecordingStopReason): Promise<File | null> | null {
    const session = this.#session;
    if (!session) return null;
    this.#ending ??= session.stop(reason).then((result) => this.#deliver(result));
    this.#host.requestUpdate();
    return this.#ending;
  }

  /** Resolves once no recording is ending (at once when none is). */
  settled(): Promise<unknown> {
    return this.#ending ?? Promise.resolve();
  }

  async #deliver(result: RecordingResult): Promise<File | null> {
    this.#tracks?.dispose();
    this.#tracks = null;
    this.#stopTicking();
    this.#lastDuration = result.duration;
    this.#lastResult = result;
    let file: File | null = null;
    if (result.blob.size > 0) {
      const type = result.mimeType || result.blob.type;
      const fixed = await this.#options.fixDuration(result.blob, result.duration).catch(() => result.blob);
      file = new File([fixed], this.#options.fileName(extensionFor(type)), { type });
    }
    this.#session = null;
    this.#ending = null;
    this.#options.finished(file, result, this.#size);
    this.#host.requestUpdate();
    return file;
  }

  #startTicking(): void {
    this.#stopTicking();
    this.#tick = setInterval(() => this.#host.requestUpdate(), TICK_MS);
  }

  #stopTicking(): void {
    clearInterval(this.#tick);
    this.#tick = undefined;
  }

  /** The element left the page: no more redraws (the recording is ended by the element). */
  leave(): void {
    this.#stopTicking();
  }
}
