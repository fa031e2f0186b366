import { nothing } from 'lit';

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

type FlashHost = HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The flash shown when a photo is taken (`part="flash"`, styled by `overlayStyles`): it stays
 * until its animation ends, {@link FLASH_STILL_MS} without an animation (reduced motion), and a
 * timer a second after the animation's duration ends it too, should no `animationend` come (a
 * hidden page).
 *
 * The flash element is put into the stage and taken out by this controller itself, not by the
 * host's template: a photo then costs the host no render of its whole template for the flash to
 * come and go (two per photo before; issue 19's main-thread figures). Its style is read once the
 * page has drawn it (a frame and a task later), when reading costs nothing.
 *
 * ```ts
 * #flash = new FlashController(this); // the flash goes into [part~="stage"]
 * this.#flash.fire();                 // when the photo is taken; #flash.stop() on leaving the page
 * ```
 */
export class FlashController {
  readonly #host: FlashHost;
  readonly #container: () => Element | null;
  #el: HTMLElement | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** @param container - where the flash goes (default: the host's `[part~="stage"]`). */
  constructor(host: FlashHost, container?: () => Element | null) {
    this.#host = host;
    this.#container = container ?? (() => host.renderRoot.querySelector('[part~="stage"]'));
  }

  /** Whether the flash shows. */
  get on(): boolean {
    return !!this.#el;
  }

  /** Shows the flash (again, from its start, when it shows already). */
  fire(): void {
    this.stop();
    const container = this.#host.isConnected ? this.#container() : null;
    if (!container) return;
    const el = document.createElement('div');
    el.setAttribute('part', 'flash');
    el.className = 'flash';
    el.setAttribute('aria-hidden', 'true');
    el.addEventListener('animationend', () => this.#end(el));
    container.append(el);
    this.#el = el;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (this.#el !== el) return;
        clearTimeout(this.#timer);
        const style = getComputedStyle(el);
        const animated = style.animationName !== 'none';
        const ms = animated ? cssTimeMs(style.animationDuration) + FLASH_END_GRACE_MS : FLASH_STILL_MS;
        this.#timer = setTimeout(() => this.#end(el), ms);
      }, 0),
    );
    // Should no frame come (a hidden page), the flash still goes.
    this.#timer = setTimeout(() => this.#end(el), FLASH_STILL_MS + FLASH_END_GRACE_MS);
  }

  /** Removes the flash at once. */
  stop(): void {
    if (this.#el) this.#end(this.#el);
  }

  /** Nothing: the flash is put into the stage by {@link fire} (kept so that templates that call it still work). */
  render(): typeof nothing {
    return nothing;
  }

  #end(el: HTMLElement): void {
    if (this.#el !== el) return;
    clearTimeout(this.#timer);
    el.remove();
    this.#el = null;
  }
}
