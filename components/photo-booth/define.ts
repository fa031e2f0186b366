import { defineElement } from '../internal/define-element.js';
import { PhotoBooth } from './photo-booth.js';

export { PhotoBooth };
export * from './photo-booth.js';

defineElement('photo-booth', PhotoBooth);

declare global {
  interface HTMLElementTagNameMap {
    'photo-booth': PhotoBooth;
  }
}
