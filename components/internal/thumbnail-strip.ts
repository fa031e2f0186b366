import { html, nothing, type TemplateResult } from 'lit';
import type { ObjectUrls } from './object-urls.js';

/** Height in CSS pixels the strip's small copies are made for (the strip shows them at 4rem; 2x for dense screens). */
const THUMBNAIL_HEIGHT = 128;

/**
 * A small JPEG copy of a photo for the strip, made after the photo is out: the image is decoded
 * and scaled by `createImageBitmap` (off the main thread in the engines here) and encoded by an
 * OffscreenCanvas. Showing the full photo instead would make the page decode and scale a camera-
 * size picture for each thumbnail on every strip change (issue 19: about 6 ms of main-thread
 * work per photo at 1080p). Resolves with the photo itself where the engine cannot (no
 * `createImageBitmap` resize options or no OffscreenCanvas).
 */
async function smallCopy(file: Blob): Promise<Blob> {
  try {
    if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap !== 'function') return file;
    const bitmap = await createImageBitmap(file, { resizeHeight: THUMBNAIL_HEIGHT, resizeQuality: 'medium' });
    try {
      if (bitmap.height > THUMBNAIL_HEIGHT + 1) return file; // resize options ignored: the copy would be as large
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('bitmaprenderer');
      if (!ctx) return file;
      ctx.transferFromImageBitmap(bitmap);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    } finally {
      bitmap.close();
    }
  } catch {
    return file;
  }
}

/**
 * The strip of the last files an element made (photos), oldest first, at most `max` (0 hides
 * it): parts `strip` and `thumbnail`. Each photo is shown by a small copy made after it was
 * added (see {@link smallCopy}); until that copy is ready its place holds an empty image with the
 * same text. The host passes `changed` (its `requestUpdate`) to draw a copy when it is ready.
 *
 * ```ts
 * #strip = new ThumbnailStrip(this.#urls, 4, () => this.requestUpdate());
 * this.#strip.add(file); // in render: this.#strip.render(s.stripLabel, (n) => `Photo ${n}`)
 * this.#urls.keep([...this.#strip.shown]); // in updated
 * ```
 */
export class ThumbnailStrip {
  readonly #urls: ObjectUrls;
  readonly #changed: () => void;
  #max: number;
  #files: File[] = [];
  readonly #copies = new WeakMap<File, Blob>();

  constructor(urls: ObjectUrls, max: number, changed: () => void = () => {}) {
    this.#urls = urls;
    this.#max = max;
    this.#changed = changed;
  }

  /** The files shown, oldest first. */
  get files(): readonly File[] {
    return this.#files;
  }

  /** The images on screen now (the small copies that are ready), for the host's object URLs. */
  get shown(): Blob[] {
    return this.#files.map((f) => this.#copies.get(f)).filter((b): b is Blob => !!b);
  }

  /** How many files it keeps (0 hides it); lowering it drops the oldest. */
  get max(): number {
    return this.#max;
  }
  set max(n: number) {
    this.#max = n;
    if (this.#files.length > n) this.#files = this.#files.slice(this.#files.length - n);
  }

  /** Adds a file (the oldest goes when it is full); its small copy follows. */
  add(file: File): void {
    if (this.#max <= 0) return;
    this.#files = [...this.#files, file].slice(-this.#max);
    void smallCopy(file).then((copy) => {
      this.#copies.set(file, copy);
      if (this.#files.includes(file)) this.#changed();
    });
  }

  /** The list (`label`: its accessible name; `alt(n)`: a file's text, 1 = oldest), or nothing when empty. */
  render(label: string, alt: (n: number) => string): TemplateResult | typeof nothing {
    if (this.#max <= 0 || this.#files.length === 0) return nothing;
    return html`<ul part="strip" class="strip" aria-label=${label}>
      ${this.#files.map((file, i) => {
        const copy = this.#copies.get(file);
        return html`<li><img part="thumbnail" src=${copy ? this.#urls.url(copy) : nothing} alt=${alt(i + 1)} decoding="async" /></li>`;
      })}
    </ul>`;
  }
}
