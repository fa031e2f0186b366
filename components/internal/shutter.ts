import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { CaptureError } from '../../src/capture/errors.js';
import { type ErrorDevice, MediaCaptureError } from '../../src/errors.js';
import { MediaErrorEvent } from '../../src/events.js';
import type { CountdownController } from './countdown.js';

/** Options of {@link ShutterController}. */
export interface ShutterOptions {
  /** The element's countdown: pressing while it runs cancels it. */
  countdown: CountdownController;
  /** Whether the element is disabled (itself or by its fieldset): pressing does nothing. */
  disabled: () => boolean;
  /** Whether the camera is live; a capture that fails once it is not reports nothing more. */
  live: () => boolean;
  /** Whether the picture is frozen: the button is `aria-disabled` and pressing only says why. */
  frozen: () => boolean;
  /** The capture a press runs (with its countdown); it should run under {@link ShutterController.busyWhile}. */
  action: () => Promise<unknown>;
  /** After a capture a press ran. */
  done?: () => void;
  /** Announce why nothing was taken: `frozen` (no picture) or `failed`. */
  announce: (why: 'frozen' | 'failed') => void;
  /** What `media-error` names (default `camera`). */
  device?: ErrorDevice;
}

/**
 * The button that starts a capture (a shutter, a record button): pressed during the countdown it
 * cancels it, while busy or disabled it does nothing, on a frozen picture it only says why, and a
 * capture that fails is announced and fired as `media-error` (not a cancelled one, nor one whose
 * camera stopped under it: that state change is announced already).
 *
 * ```ts
 * #shutter = new ShutterController(this, { countdown: this.#countdown, action: () => this.capture({ countdown: true }), … });
 * html`<div class="bar">${this.#shutter.render(label, this.disabled)}</div>`;
 * ```
 */
export class ShutterController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ShutterOptions;
  #busy = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ShutterOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Whether a capture is under way. */
  get busy(): boolean {
    return this.#busy > 0;
  }

  /** Runs `fn` as a capture: the button shows busy meanwhile. */
  async busyWhile<T>(fn: () => Promise<T>): Promise<T> {
    this.#busy++;
    this.#host.requestUpdate();
    try {
      return await fn();
    } finally {
      this.#busy--;
      this.#host.requestUpdate();
    }
  }

  /** What a press does (the button's click). */
  press = (): void => {
    const o = this.#options;
    if (o.countdown.cancel({ announce: true })) return;
    if (this.#busy || o.disabled()) return;
    if (o.frozen()) {
      // The button is aria-disabled while the picture is frozen: say why again, take nothing.
      o.announce('frozen');
      return;
    }
    o.action().then(
      () => o.done?.(),
      (err: unknown) => {
        if (err instanceof MediaCaptureError && err.code === 'aborted') return;
        // The camera stopped under a countdown (or the element left the page): its state change
        // is announced already; no failure to add.
        if (err instanceof MediaCaptureError && err.code === 'not-live' && !o.live()) return;
        o.announce(err instanceof MediaCaptureError && err.code === 'frozen' ? 'frozen' : 'failed');
        const code = err instanceof CaptureError && err.code === 'not-live' ? 'not-live' : 'capture-failed';
        const error = err instanceof MediaCaptureError ? err : new MediaCaptureError(code, { device: o.device ?? 'camera', cause: err });
        this.#host.dispatchEvent(new MediaErrorEvent({ error }));
      },
    );
  };

  /**
   * The button (`part` and class `shutter`; `counting` during the countdown). Busy, it stays
   * focusable (`aria-disabled`; presses are ignored): a disabled button would lose the keyboard
   * focus in Chromium after every capture.
   */
  render(label: string, part = 'shutter'): TemplateResult {
    const counting = this.#options.countdown.remaining > 0;
    const frozen = this.#options.frozen() && !counting;
    const busy = this.busy && !counting;
    return html`<button
      part=${part}
      class="shutter ${counting ? 'counting' : ''}"
      type="button"
      aria-disabled=${frozen || busy ? 'true' : nothing}
      ?disabled=${this.#options.disabled()}
      @click=${this.press}
    >
      <span class="visually-hidden">${label}</span>
    </button>`;
  }
}
