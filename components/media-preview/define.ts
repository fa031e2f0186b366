import { MediaPreview } from './media-preview.js';

export { MediaPreview };
export * from './media-preview.js';

if (!customElements.get('media-preview')) customElements.define('media-preview', MediaPreview);

declare global {
  interface HTMLElementTagNameMap {
    'media-preview': MediaPreview;
  }
}
