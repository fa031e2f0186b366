import { MediaDevicePicker } from './media-device-picker.js';

export { MediaDevicePicker };
export * from './media-device-picker.js';

if (!customElements.get('media-device-picker')) customElements.define('media-device-picker', MediaDevicePicker);

declare global {
  interface HTMLElementTagNameMap {
    'media-device-picker': MediaDevicePicker;
  }
}
