import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ObjectUrls } from './object-urls.js';

/** The texts of a review view. */
export interface ReviewStrings {
  /** Accessible name of the file under review. */
  reviewLabel: string;
  /** The buttons. */
  retake: string;
  accept: string;
  download: string;
}

/** Options of {@link ReviewController}. */
export interface ReviewOptions {
  /** The object URLs of the element (shared with its thumbnails, if any). */
  urls: ObjectUrls;
  /**
   * The control that opens a review (a shutter): when it has the focus as a review opens, the
   * accept button takes it; when a review that holds the focus closes, the focus goes back to it.
   */
  control?: () => HTMLElement | null | undefined;
}

type ReviewHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * A review step for a `File` just made (a photo, a recording): the file with retake, download
 * and accept controls (parts `review`, `review-image`, `review-controls`, `button`,
 * `retake-button`, `download-button`, `accept-button`; styled by `overlayStyles`). The host
 * decides what accept and retake mean; the focus follows the review as it opens and closes.
 *
 * ```ts
 * #review = new ReviewController(this, { urls: this.#urls, control: () => this.shutter });
 * this.#review.file = file;  // open it; in render: this.#review.render({ strings, disabled, onAccept, onRetake })
 * ```
 */
export class ReviewController implements ReactiveController {
  readonly #host: ReviewHost;
  readonly #options: ReviewOptions;
  #file: File | null = null;
  /** The file shown by the last update. */
  #shown: File | null = null;
  #controlHadFocus = false;
  #reviewHadFocus = false;

  constructor(host: ReviewHost, options: ReviewOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The file under review, or null (setting it opens or closes the review). */
  get file(): File | null {
    return this.#file;
  }
  set file(file: File | null) {
    if (file === this.#file) return;
    this.#file = file;
    this.#host.requestUpdate();
  }

  /** Closes the review and returns its file (null when there was none). */
  take(): File | null {
    const file = this.#file;
    this.file = null;
    return file;
  }

  hostUpdate(): void {
    // Remember where the focus was before a view that holds it is replaced.
    const active = this.#host.shadowRoot?.activeElement ?? null;
    const control = this.#options.control?.();
    this.#controlHadFocus = !!active && active === control;
    this.#reviewHadFocus = !!active?.closest?.('.review');
  }

  hostUpdated(): void {
    const before = this.#shown;
    const file = this.#file;
    this.#shown = file;
    // Keep the focus in the element when its view changes under it.
    if (file !== before) {
      const focusInReview = !!this.#host.renderRoot.querySelector('.review')?.matches(':focus-within');
      if (file && !before && this.#controlHadFocus) {
        this.#host.renderRoot.querySelector<HTMLElement>('[part~="accept-button"]')?.focus();
      } else if (!file && before && (focusInReview || this.#reviewHadFocus)) {
        this.#options.control?.()?.focus();
      }
    }
    this.#controlHadFocus = false;
    this.#reviewHadFocus = false;
  }

  /** The review view of {@link file} (call only while there is one). */
  render({ strings, disabled, onAccept, onRetake }: { strings: ReviewStrings; disabled: boolean; onAccept: () => void; onRetake: () => void }): TemplateResult {
    const file = this.#file!;
    const url = this.#options.urls.url(file);
    return html`<div part="review" class="review">
      <img part="review-image" src=${url} alt=${strings.reviewLabel} />
      <div part="review-controls" class="bar">
        <button part="button retake-button" class="button secondary" type="button" ?disabled=${disabled} @click=${onRetake}>
          ${strings.retake}
        </button>
        <a part="button download-button" class="button secondary" href=${url} download=${file.name}>${strings.download}</a>
        <button part="button accept-button" class="button" type="button" ?disabled=${disabled} @click=${onAccept}>
          ${strings.accept}
        </button>
      </div>
    </div>`;
  }
}
