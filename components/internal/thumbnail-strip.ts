import { html, nothing, type TemplateResult } from 'lit';
import type { ObjectUrls } from './object-urls.js';

/**
 * The strip of the last files an element made (photos), oldest first, at most `max` (0 hides
 * it): parts `strip` and `thumbnail`. The host asks for the update when it adds one.
 *
 * ```ts
 * #strip = new ThumbnailStrip(this.#urls, 4);
 * this.#strip.add(file); // in render: this.#strip.render(s.stripLabel, (n) => `Photo ${n}`)
 * ```
 */
export class ThumbnailStrip {
  readonly #urls: ObjectUrls;
  #max: number;
  #files: File[] = [];

  constructor(urls: ObjectUrls, max: number) {
    this.#urls = urls;
    this.#max = max;
  }

  /** The files shown, oldest first. */
  get files(): readonly File[] {
    return this.#files;
  }

  /** How many files it keeps (0 hides it); lowering it drops the oldest. */
  get max(): number {
    return this.#max;
  }
  set max(n: number) {
    this.#max = n;
    if (this.#files.length > n) this.#files = this.#files.slice(this.#files.length - n);
  }

  /** Adds a file (the oldest goes when it is full). */
  add(file: File): void {
    if (this.#max > 0) this.#files = [...this.#files, file].slice(-this.#max);
  }

  /** The list (`label`: its accessible name; `alt(n)`: a file's text, 1 = oldest), or nothing when empty. */
  render(label: string, alt: (n: number) => string): TemplateResult | typeof nothing {
    if (this.#max <= 0 || this.#files.length === 0) return nothing;
    return html`<ul part="strip" class="strip" aria-label=${label}>
      ${this.#files.map((file, i) => html`<li><img part="thumbnail" src=${this.#urls.url(file)} alt=${alt(i + 1)} /></li>`)}
    </ul>`;
  }
}
