/**
 * All-in-one entry (`media-capture-elements/define`): importing it registers every element of
 * the kit under its default tag name. Safe to load twice.
 */
export { AudioLevelMeter } from './components/audio-level-meter/define.js';
export { MediaDevicePicker } from './components/media-device-picker/define.js';
export { MediaPreview } from './components/media-preview/define.js';
export { PhotoBooth } from './components/photo-booth/define.js';
export { MediaTrackControls } from './components/media-track-controls/define.js';
export { MediaRecorderElement } from './components/media-recorder/define.js';
