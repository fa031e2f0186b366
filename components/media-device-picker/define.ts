import { defineElement } from '../internal/define-element.js';
import { MediaDevicePicker } from './media-device-picker.js';

export { MediaDevicePicker };
export * from './media-device-picker.js';

defineElement('media-device-picker', MediaDevicePicker);

declare global {
  interface HTMLElementTagNameMap {
    'media-device-picker': MediaDevicePicker;
  }
}
