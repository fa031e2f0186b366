import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** How long the still flash of `prefers-reduced-motion` (an outline, no animation) shows. */
const FLASH_STILL_MS = 400;
/** How long after its duration an animated flash is removed should no `animationend` come. */
const FLASH_END_GRACE_MS = 1000;

/** A CSS `<time>` list's first value (`350ms`, `1s`) in milliseconds; 0 if unreadable. */
function cssTimeMs(value: string): number {
  const first = value.split(',')[0]?.trim() ?? '';
  const n = parseFloat(first);
  if (!Number.isFinite(n)) return 0;
  return first.endsWith('ms') ? n : n * 1000;
}

type FlashHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The flash shown when a photo is taken (`part="flash"`, styled by `overlayStyles`): it stays
 * until its animation ends, {@link FLASH_STILL_MS} without an animation (reduced motion), and a
 * timer a second after the animation's duration ends it too, should no `animationend` come (a
 * hidden page).
 *
 * ```ts
 * #flash = new FlashController(this);
 * this.#flash.fire();                 // when the photo is taken
 * html`<div class="stage">${this.#flash.render()}</div>`; // in render; #flash.stop() on leaving the page
 * ```
 */
export class FlashController {
  readonly #host: FlashHost;
  #on = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: FlashHost) {
    this.#host = host;
  }

  /** Whether the flash shows. */
  get on(): boolean {
    return this.#on;
  }

  /** Shows the flash (again, from its start, when it shows already). */
  fire(): void {
    clearTimeout(this.#timer);
    this.#set(false);
    const host = this.#host;
    void host.updateComplete.then(async () => {
      if (!host.isConnected) return;
      this.#set(true);
      await host.updateComplete;
      // Its style is read once the page has drawn it (a frame and a task later), when reading
      // costs nothing: read at once, it would make the browser compute the page's style in the
      // photo's task (about 1.5 ms of main thread at each photo, issue 19).
      const on = this.#on;
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (!on || !this.#on) return;
          clearTimeout(this.#timer);
          const flash = host.renderRoot.querySelector<HTMLElement>('[part~="flash"]');
          const style = flash ? getComputedStyle(flash) : null;
          const animated = !!style && style.animationName !== 'none';
          const ms = animated ? cssTimeMs(style.animationDuration) + FLASH_END_GRACE_MS : FLASH_STILL_MS;
          this.#timer = setTimeout(() => this.#set(false), ms);
        }, 0),
      );
      // Should no frame come (a hidden page), the flash still goes.
      this.#timer = setTimeout(() => this.#set(false), FLASH_STILL_MS + FLASH_END_GRACE_MS);
    });
  }

  /** Removes the flash at once. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#set(false);
  }

  /** The flash while it shows, else nothing. */
  render(): TemplateResult | typeof nothing {
    return this.#on ? html`<div part="flash" class="flash" aria-hidden="true" @animationend=${this.#onEnd}></div>` : nothing;
  }

  #onEnd = () => this.stop();

  #set(on: boolean): void {
    if (on === this.#on) return;
    this.#on = on;
    this.#host.requestUpdate();
  }
}
