import type { Strings, StringTemplate } from '../internal/strings.js';

/**
 * Every user-visible or announced string of `<photo-booth>`. In those with placeholders (`{n}`,
 * `{seconds}`) the numbers are written in the digits of the element's language (`lang`); such a
 * string may also be a function of the numbers, for languages that need plural forms.
 */
export interface PhotoBoothStrings {
  /** Accessible name of the live preview. */
  previewLabel: string;
  /** Idle view: why the camera is needed. */
  startExplanation: string;
  /** Idle view: the start button. */
  start: string;
  /** Requesting view. */
  requesting: string;
  requestingAdvice: string;
  /** Retry button of the denied, unavailable and error views. */
  retry: string;
  /** Shown over the preview while the camera sends no frames (muted track). */
  muted: string;
  /** The shutter button. */
  shutter: string;
  /** The shutter button when a countdown is set (`{seconds}`). */
  shutterCountdown: StringTemplate<{ seconds: number }>;
  /** The shutter button during a countdown (it cancels it). */
  cancelCountdown: string;
  /** Announced each second of a countdown (`{n}`). */
  countdownTick: StringTemplate<{ n: number }>;
  /** Announced when a countdown is cancelled. */
  countdownCancelled: string;
  /** Announced when a photo was taken. */
  photoTaken: string;
  /** Announced when a photo was taken and waits for review. */
  photoReview: string;
  /** Announced when a photo could not be taken. */
  captureFailed: string;
  /** Accessible name of the reviewed photo. */
  reviewLabel: string;
  /** Review buttons. */
  retake: string;
  accept: string;
  download: string;
  /** Announced after accept / retake. */
  photoAccepted: string;
  photoDiscarded: string;
  /** Accessible name of the strip of recent photos. */
  stripLabel: string;
  /** Alternative text of a photo in the strip (`{n}`: 1 = oldest). */
  stripItem: StringTemplate<{ n: number }>;
  /** Validation message when `required` and no photo was taken. */
  valueMissing: string;
  /**
   * The name of a photo's file (the download's name, and the name submitted with a form):
   * `{time}` is when it was taken (milliseconds since 1970), `{ext}` the extension of the format
   * it was encoded in (`jpg`, `png`, `webp`). May be a function of `{ time, ext }`.
   */
  fileName: StringTemplate<{ time: number; ext: string }>;
  /** Announced when the camera goes live, off or is requested. */
  announceLive: string;
  announceIdle: string;
  announceRequesting: string;
  announceMuted: string;
  announceResumed: string;
}

export const DEFAULT_STRINGS: PhotoBoothStrings = {
  previewLabel: 'Camera preview',
  startExplanation: 'Take a photo with your camera. The camera turns on only when you start it, and photos stay on this device.',
  start: 'Turn on camera',
  requesting: 'Waiting for camera access…',
  requestingAdvice: 'If your browser asks, choose “Allow”.',
  retry: 'Try again',
  muted: 'The camera is not sending a picture right now.',
  shutter: 'Take photo',
  shutterCountdown: ({ seconds }) => (seconds === 1 ? 'Take photo in 1 second' : `Take photo in ${seconds} seconds`),
  cancelCountdown: 'Cancel countdown',
  countdownTick: '{n}',
  countdownCancelled: 'Countdown cancelled.',
  photoTaken: 'Photo taken.',
  photoReview: 'Photo taken. Keep it or retake it.',
  captureFailed: 'The photo could not be taken.',
  reviewLabel: 'The photo just taken',
  retake: 'Retake',
  accept: 'Use photo',
  download: 'Download',
  photoAccepted: 'Photo kept.',
  photoDiscarded: 'Photo discarded.',
  stripLabel: 'Recent photos',
  stripItem: 'Photo {n}',
  valueMissing: 'Take a photo.',
  fileName: 'photo-{time}.{ext}',
  announceLive: 'Camera on.',
  announceIdle: 'Camera off.',
  announceRequesting: 'Requesting camera access.',
  announceMuted: 'The camera is not sending a picture.',
  announceResumed: 'The camera picture is back.',
};

/** The photo under the name `strings.fileName` gives it (the same File when that is its name). */
export function namedPhoto(file: File, strings: Strings<PhotoBoothStrings>): File {
  if (strings.isDefault('fileName')) return file; // the pipeline's name
  const ext = /\.(\w+)$/.exec(file.name)?.[1] ?? 'jpg';
  const name = strings.formatOrDefault('fileName', { time: file.lastModified, ext });
  if (name === file.name) return file;
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}
