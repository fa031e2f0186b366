import { AudioLevelMeter } from '../audio-level-meter/audio-level-meter.js';
import { defineElement } from '../internal/define-element.js';
import { MediaRecorderElement } from './media-recorder.js';

export { MediaRecorderElement };
export * from './media-recorder.js';

defineElement('media-recorder', MediaRecorderElement);
// The level display of `audio-only` (the class defines it on connect too, under this name).
defineElement('audio-level-meter', AudioLevelMeter);

declare global {
  interface HTMLElementTagNameMap {
    'media-recorder': MediaRecorderElement;
  }
}
