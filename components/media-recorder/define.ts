import { defineElement } from '../internal/define-element.js';
import { MediaRecorderElement } from './media-recorder.js';

export { MediaRecorderElement };
export * from './media-recorder.js';

defineElement('media-recorder', MediaRecorderElement);

declare global {
  interface HTMLElementTagNameMap {
    'media-recorder': MediaRecorderElement;
  }
}
