import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { type ErrorDevice, MediaCaptureError } from '../../src/errors.js';

/** Options of {@link CountdownController}. */
export interface CountdownOptions {
  /** Whether the countdown may go on, asked each second: once false it rejects with `not-live`. */
  active: () => boolean;
  /** Each second, with the seconds left: announce them (the element's live region). */
  onTick?: (n: number) => void;
  /** When the user cancelled it (Escape, or `cancel({ announce: true })` from a cancel control). */
  onCancel?: () => void;
  /** What the errors it rejects with name (default `camera`). */
  device?: ErrorDevice;
}

/**
 * A countdown before an action (a photo, a recording): counts whole seconds, asks the host to
 * announce each one, and is cancelled with Escape (on the element, or on the page while the
 * focus is on nothing in particular) or by the element's cancel control.
 *
 * ```ts
 * #countdown = new CountdownController(this, { active: () => this.state === 'live', onTick: (n) => (this.announcement = `${n}`) });
 * await this.#countdown.run(3); // rejects with MediaCaptureError `aborted` when cancelled
 * ```
 * Render it with `render(numberFormat)`; call `cancel()` when the element leaves the page.
 */
export class CountdownController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: CountdownOptions;
  #remaining = 0;
  #timer: { handle: ReturnType<typeof setTimeout>; reject: (e: unknown) => void } | null = null;
  #escapeDoc: Document | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CountdownOptions) {
    this.#host = host;
    this.#options = options;
    host.addEventListener('keydown', this.#onKeyDown);
  }

  /** Seconds left of the running countdown, or 0. */
  get remaining(): number {
    return this.#remaining;
  }

  /** Whether a countdown is running. */
  get running(): boolean {
    return this.#timer !== null;
  }

  /** The number over the picture while a countdown runs (`part="countdown"`, styled by `overlayStyles`), in the digits of `numbers`. */
  render(numbers: Intl.NumberFormat): TemplateResult | typeof nothing {
    return this.#remaining > 0 ? html`<div part="countdown" class="countdown" aria-hidden="true">${numbers.format(this.#remaining)}</div>` : nothing;
  }

  /**
   * Counts `seconds` down (a running countdown is cancelled first, silently). Resolves when it
   * reaches 0 while `active()`; rejects with `not-live` when `active()` turns false, and with
   * `aborted` (or the code given to `cancel`) when it is cancelled.
   */
  run(seconds: number): Promise<void> {
    this.cancel();
    return new Promise<void>((resolve, reject) => {
      let n = seconds;
      const tick = () => {
        if (n <= 0 || !this.#options.active()) {
          this.#timer = null;
          this.#stopEscapeWatch();
          this.#setRemaining(0);
          if (this.#options.active()) resolve();
          else reject(this.#error('not-live'));
          return;
        }
        this.#setRemaining(n);
        this.#options.onTick?.(n);
        n--;
        this.#timer = { handle: setTimeout(tick, 1000), reject };
      };
      this.#watchEscape();
      tick();
    });
  }

  /**
   * Cancels a running countdown: its `run()` rejects with `aborted`, or with `not-live` (the
   * camera stopped under it). With `announce`, `onCancel` is called (a user cancelled it).
   * Returns whether one was running.
   */
  cancel({ announce = false, code = 'aborted' }: { announce?: boolean; code?: 'aborted' | 'not-live' } = {}): boolean {
    const t = this.#timer;
    if (!t) return false;
    this.#timer = null;
    clearTimeout(t.handle);
    this.#setRemaining(0);
    t.reject(this.#error(code));
    this.#stopEscapeWatch();
    if (announce) this.#options.onCancel?.();
    return true;
  }

  #error(code: 'aborted' | 'not-live'): MediaCaptureError {
    return new MediaCaptureError(code, { device: this.#options.device ?? 'camera' });
  }

  #setRemaining(n: number): void {
    if (n === this.#remaining) return;
    this.#remaining = n;
    this.#host.requestUpdate();
  }

  #onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.cancel({ announce: true })) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  /**
   * While a countdown runs, Escape cancels it also when the focus is on nothing in particular
   * (the page's body): a mouse click on the shutter does not focus it in Safari or in Firefox
   * on macOS, so the key would never reach the element.
   */
  #watchEscape(): void {
    if (this.#escapeDoc) return;
    this.#escapeDoc = this.#host.ownerDocument;
    this.#escapeDoc.addEventListener('keydown', this.#onDocumentKeyDown);
  }

  #stopEscapeWatch(): void {
    this.#escapeDoc?.removeEventListener('keydown', this.#onDocumentKeyDown);
    this.#escapeDoc = null;
  }

  #onDocumentKeyDown = (e: KeyboardEvent) => {
    const doc = this.#escapeDoc;
    const idle = !doc?.activeElement || doc.activeElement === doc.body || doc.activeElement === doc.documentElement;
    if (e.key === 'Escape' && !e.defaultPrevented && idle && this.cancel({ announce: true })) e.preventDefault();
  };
}
