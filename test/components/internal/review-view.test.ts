import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, nothing, type TemplateResult } from 'lit';
import { ObjectUrls } from '../../../components/internal/object-urls.js';
import { ReviewController } from '../../../components/internal/review-view.js';
import { focusedPart } from '../utils.js';

const STRINGS = { reviewLabel: 'The clip just made', retake: 'Again', accept: 'Keep', download: 'Save' };

/** The least element that adds a review: a button that opens one, the review, what accept kept. */
class ReviewHost extends LitElement {
  readonly urls = new ObjectUrls(this);
  readonly review = new ReviewController(this, { urls: this.urls, control: () => this.shadowRoot?.querySelector<HTMLElement>('[part="make"]') });
  kept: File | null = null;
  accept = () => {
    this.kept = this.review.take();
  };
  retake = () => {
    this.review.take();
  };
  protected override updated(): void {
    this.urls.keep(this.review.file ? [this.review.file] : []);
  }
  protected override render(): TemplateResult {
    return html`<button part="make" type="button" @click=${() => (this.review.file = pixel())}>Make</button>
      ${this.review.file ? this.review.render({ strings: STRINGS, disabled: false, onAccept: this.accept, onRetake: this.retake }) : nothing}`;
  }
}
customElements.define('review-test-host', ReviewHost);

/** A 1x1 PNG. */
function pixel(): File {
  const bytes = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='),
    (c) => c.charCodeAt(0),
  );
  return new File([bytes], 'pixel.png', { type: 'image/png' });
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('ReviewController (internal part)', () => {
  it('shows the file with retake, download and accept; accept hands it back and revokes nothing it still shows', async () => {
    const el = await fixture<ReviewHost>(html`<review-test-host></review-test-host>`);
    await expect(el).to.be.accessible();
    const file = pixel();
    el.review.file = file;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const img = part(el, 'review-image') as HTMLImageElement;
    expect(img.alt).to.equal('The clip just made');
    expect(img.src).to.match(/^blob:/);
    const link = part(el, 'download-button') as HTMLAnchorElement;
    expect(link.getAttribute('download')).to.equal('pixel.png');
    expect(link.href).to.equal(img.src);
    expect(part(el, 'retake-button')!.textContent!.trim()).to.equal('Again');
    part(el, 'accept-button')!.click();
    await el.updateComplete;
    expect(el.kept).to.equal(file);
    expect(el.review.file).to.equal(null);
    expect(!!part(el, 'review')).to.be.false;
  });

  it('the focus goes from the control that opened it to accept, and back when it closes', async () => {
    const el = await fixture<ReviewHost>(html`<review-test-host></review-test-host>`);
    await expect(el).to.be.accessible();
    part(el, 'make')!.focus();
    part(el, 'make')!.click();
    await el.updateComplete;
    await waitUntil(() => focusedPart(el) !== 'make', 'the focus stayed on the control');
    expect(focusedPart(el)).to.equal('button accept-button');
    part(el, 'retake-button')!.focus();
    part(el, 'retake-button')!.click();
    await el.updateComplete;
    expect(focusedPart(el)).to.equal('make');
  });

  it('opened from script with the focus elsewhere, it leaves the focus alone', async () => {
    const el = await fixture<ReviewHost>(html`<review-test-host></review-test-host>`);
    await expect(el).to.be.accessible();
    el.review.file = pixel();
    await el.updateComplete;
    expect(focusedPart(el)).to.equal(null);
  });
});
