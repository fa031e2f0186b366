import type { AudioLevelMeterStrings } from '../audio-level-meter/audio-level-meter.strings.js';
/** Every user-visible or announced string of `<media-preview>`. */
export interface MediaPreviewStrings {
  /** Accessible name of the video. */
  videoLabel: string;
  /** Idle view: why the camera is needed. */
  startExplanation: string;
  /** Idle view: the start button. */
  start: string;
  /** Requesting view. */
  requesting: string;
  requestingAdvice: string;
  /** Retry button of the denied, unavailable and error views. */
  retry: string;
  /** Shown over the video while the camera sends no frames (muted track). */
  muted: string;
  /** Audio-only view (a stream without video). */
  audioOnly: string;
  /** The strings of the audio-only view's `<audio-level-meter>` (merged over its English defaults). */
  meter?: Partial<AudioLevelMeterStrings>;
  /** The view of a `srcObject` whose tracks have all ended (a call hung up, a stopped capture); also announced. */
  streamEnded: string;
  /** Announced when the camera goes live or off. */
  announceLive: string;
  announceIdle: string;
  announceRequesting: string;
  announceMuted: string;
  announceResumed: string;
}

/** The English defaults that `strings` is merged over. */
export const DEFAULT_PREVIEW_STRINGS: MediaPreviewStrings = {
  videoLabel: 'Camera preview',
  startExplanation: 'This preview shows the picture from your camera. The camera turns on only when you start it.',
  start: 'Turn on camera',
  requesting: 'Waiting for camera access…',
  requestingAdvice: 'If your browser asks, choose “Allow”.',
  retry: 'Try again',
  muted: 'The camera is not sending a picture right now.',
  audioOnly: 'Audio only',
  streamEnded: 'The video has ended.',
  announceLive: 'Camera on.',
  announceIdle: 'Camera off.',
  announceRequesting: 'Requesting camera access.',
  announceMuted: 'The camera is not sending a picture.',
  announceResumed: 'The camera picture is back.',
};
