import { defineElement } from '../internal/define-element.js';
import { MediaPreview } from './media-preview.js';

export { MediaPreview };
export * from './media-preview.js';

defineElement('media-preview', MediaPreview);

declare global {
  interface HTMLElementTagNameMap {
    'media-preview': MediaPreview;
  }
}
