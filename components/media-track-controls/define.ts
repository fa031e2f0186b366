import { defineElement } from '../internal/define-element.js';
import { MediaTrackControls } from './media-track-controls.js';

export { MediaTrackControls };
export * from './media-track-controls.js';

defineElement('media-track-controls', MediaTrackControls);

declare global {
  interface HTMLElementTagNameMap {
    'media-track-controls': MediaTrackControls;
  }
}
