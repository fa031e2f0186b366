import { defineElement } from '../internal/define-element.js';
import { AudioLevelMeter } from './audio-level-meter.js';

export { AudioLevelMeter };
export * from './audio-level-meter.js';

defineElement('audio-level-meter', AudioLevelMeter);

declare global {
  interface HTMLElementTagNameMap {
    'audio-level-meter': AudioLevelMeter;
  }
}
