/** How long a hidden page may go without a camera frame during a recording before the warning. */
const NO_FRAME_MS = 2000;

/** Options of {@link HiddenPageWatch}. */
export interface HiddenPageWatchOptions {
  /** Whether a picture is being recorded now. */
  recording: () => boolean;
  /** Frames drawn by the pipeline so far (null: no pipeline). */
  frames: () => number | null;
  /** Said once per element when it happens. */
  warn: () => void;
}

/**
 * Watches for a page hidden during a recording of the picture: where the engine stops presenting
 * the camera's frames (none reaches the pipeline within 2 s), the recorded picture holds still
 * while the sound goes on, and `warn` is called once.
 */
export class HiddenPageWatch {
  readonly #options: HiddenPageWatchOptions;
  #doc: Document | null = null;
  #warned = false;

  constructor(options: HiddenPageWatchOptions) {
    this.#options = options;
  }

  /** Starts watching `doc` (the element's document). */
  connect(doc: Document): void {
    this.disconnect();
    this.#doc = doc;
    doc.addEventListener('visibilitychange', this.#onVisibility);
  }

  disconnect(): void {
    this.#doc?.removeEventListener('visibilitychange', this.#onVisibility);
    this.#doc = null;
  }

  readonly #onVisibility = () => {
    const doc = this.#doc;
    const before = this.#options.frames();
    if (!doc || doc.visibilityState !== 'hidden' || this.#warned || before === null || !this.#options.recording()) return;
    setTimeout(() => {
      if (doc.visibilityState !== 'hidden' || this.#warned || !this.#options.recording() || this.#options.frames() !== before) return;
      this.#warned = true;
      this.#options.warn();
    }, NO_FRAME_MS);
  };
}
