/**
 * Notices a video that stops showing new frames while its track still says it is live and not
 * muted: a frozen camera that the browser does not report. Chromium mutes a camera track whose
 * frames stop, but other engines may not, and a stream that is not from a camera (a canvas
 * capture, a remote peer) can stop without a word. Framework-free: the elements use it, and so
 * can a page with its own `<video>`.
 */

/** Options of a {@link FrameWatchdog}. */
export interface FrameWatchdogOptions {
  /** Milliseconds without a new frame before the video counts as stalled. Default 3000. */
  timeout?: number;
  /** Called when the video becomes stalled (`true`) or shows a new frame again (`false`). */
  onChange: (stalled: boolean) => void;
}

/** The default of {@link FrameWatchdogOptions.timeout}, in milliseconds. */
export const DEFAULT_STALL_TIMEOUT = 3000;

/**
 * Whether this browser can tell when a `<video>` presents a new frame of a MediaStream
 * (`requestVideoFrameCallback`: Chromium, Firefox 132+, Safari 15.4+). Without it the watchdog
 * never reports a stall: for a MediaStream, `currentTime` runs on with the clock and the
 * playback-quality counters do not move in every engine, so a frozen picture cannot be told
 * from a still one.
 */
export function canWatchFrames(video: HTMLVideoElement): boolean {
  return typeof video.requestVideoFrameCallback === 'function';
}

/**
 * Watches one `<video>` element. Stalled means: the video's first video track is `live`,
 * `enabled` and not `muted`, the page is visible, the video is not paused, and no new frame
 * was presented for `timeout` ms (counted from the later of `start()`, the last frame, the
 * last time the page became visible, and the last change of the video's `srcObject`).
 * A muted track is not a stall: the browser has already said it (`mute`).
 */
export class FrameWatchdog {
  readonly #video: HTMLVideoElement;
  readonly #onChange: (stalled: boolean) => void;
  #timeout: number;
  #running = false;
  #stalled = false;
  #lastFrame = 0;
  #source: MediaProvider | null = null;
  #frameHandle = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(video: HTMLVideoElement, options: FrameWatchdogOptions) {
    this.#video = video;
    this.#onChange = options.onChange;
    this.#timeout = FrameWatchdog.#validTimeout(options.timeout);
  }

  static #validTimeout(ms: number | undefined): number {
    return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_STALL_TIMEOUT;
  }

  /** The watched video element. */
  get video(): HTMLVideoElement {
    return this.#video;
  }

  /** True while the video counts as stalled. */
  get stalled(): boolean {
    return this.#stalled;
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.#running;
  }

  /** Milliseconds without a frame before a stall; a non-positive or non-finite value gives the default. */
  get timeout(): number {
    return this.#timeout;
  }
  set timeout(ms: number) {
    const next = FrameWatchdog.#validTimeout(ms);
    if (next === this.#timeout) return;
    this.#timeout = next;
    if (this.#running) this.#check();
  }

  /** Starts watching (a no-op when running, or where frames cannot be observed). */
  start(): void {
    if (this.#running || !canWatchFrames(this.#video)) return;
    this.#running = true;
    this.#source = this.#video.srcObject;
    this.#lastFrame = performance.now();
    this.#requestFrame();
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#check();
  }

  /** Stops watching; a stall in progress ends without a call to `onChange`. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#stalled = false;
    this.#video.cancelVideoFrameCallback(this.#frameHandle);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  #requestFrame(): void {
    this.#frameHandle = this.#video.requestVideoFrameCallback(() => {
      if (!this.#running) return;
      this.#lastFrame = performance.now();
      this.#requestFrame();
      this.#set(false);
    });
  }

  #onVisibility = (): void => {
    // Hidden pages get no frame callbacks: the clock starts again when the page shows.
    this.#lastFrame = performance.now();
    this.#check();
  };

  /** Whether a missing frame would mean a stall now (a live, enabled, unmuted track that plays). */
  #expectsFrames(): boolean {
    const video = this.#video;
    const source = video.srcObject;
    if (source !== this.#source) {
      this.#source = source;
      this.#lastFrame = performance.now();
    }
    if (document.visibilityState === 'hidden' || video.paused) return false;
    const stream = source as MediaStream | null;
    const track = stream && typeof stream.getVideoTracks === 'function' ? stream.getVideoTracks()[0] : undefined;
    return !!track && track.readyState === 'live' && track.enabled && !track.muted;
  }

  #check = (): void => {
    clearTimeout(this.#timer);
    if (!this.#running) return;
    const expects = this.#expectsFrames();
    const silent = performance.now() - this.#lastFrame;
    this.#set(expects && silent >= this.#timeout);
    // Check again when a stall could begin, and at least four times per timeout (the track's state can change meanwhile).
    const quarter = this.#timeout / 4;
    const next = expects && !this.#stalled ? Math.min(quarter, Math.max(0, this.#timeout - silent)) : quarter;
    this.#timer = setTimeout(this.#check, Math.max(50, next));
  };

  #set(stalled: boolean): void {
    if (stalled === this.#stalled) return;
    this.#stalled = stalled;
    this.#onChange(stalled);
  }
}
