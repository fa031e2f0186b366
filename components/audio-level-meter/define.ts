import { defineElement } from '../internal/define-element.js';
import { AudioLevelMeterElement } from './audio-level-meter.js';

export { AudioLevelMeterElement };
export * from './audio-level-meter.js';

defineElement('audio-level-meter', AudioLevelMeterElement);

declare global {
  interface HTMLElementTagNameMap {
    'audio-level-meter': AudioLevelMeterElement;
  }
}
