/**
 * Object URLs of `File`s and `Blob`s an element shows (a photo under review, thumbnails): one URL per file,
 * revoked once the file is no longer shown, all of them when the element leaves the page.
 *
 * ```ts
 * #urls = new ObjectUrls(this);
 * html`<img src=${this.#urls.url(file)}>`; // in render
 * this.#urls.keep([file, ...thumbnails]);  // in updated: revoke the others
 * ```
 */
export class ObjectUrls {
  readonly #host: Element;
  readonly #urls = new Map<Blob, string>();

  constructor(host: Element) {
    this.#host = host;
  }

  /** The URL of `file` (made on first use); empty while the element is not in the page. */
  url(file: Blob): string {
    if (!this.#host.isConnected) return ''; // an update after disconnect must not create URLs again
    let url = this.#urls.get(file);
    if (!url) {
      url = URL.createObjectURL(file);
      this.#urls.set(file, url);
    }
    return url;
  }

  /** Revokes the URLs of every file but `shown`. */
  keep(shown: Iterable<Blob>): void {
    const keep = new Set(shown);
    for (const [file, url] of this.#urls) {
      if (keep.has(file)) continue;
      URL.revokeObjectURL(url);
      this.#urls.delete(file);
    }
  }

  /** Revokes every URL. */
  revokeAll(): void {
    this.keep([]);
  }
}
