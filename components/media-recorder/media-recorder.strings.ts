import type { StringTemplate } from '../internal/strings.js';

/**
 * Every user-visible or announced string of `<media-recorder>`. Numbers in `{…}` placeholders
 * are written in the digits of the element's language (`lang`); a string may also be a function
 * of its values, for languages that need plural forms.
 */
export interface MediaRecorderStrings {
  /** Accessible name of the live preview. */
  previewLabel: string;
  /** Accessible name of the level display of `audio-only`. */
  levelLabel: string;
  /** Idle view: why the camera (and microphone) is needed. */
  startExplanation: string;
  /** Idle view of `audio-only`: why the microphone is needed. */
  startExplanationAudio: string;
  /** Idle view: the start button. */
  start: string;
  /** Idle view of `audio-only`: the start button. */
  startAudio: string;
  requesting: string;
  requestingAdvice: string;
  retry: string;
  /** Shown over the preview while the camera sends no frames. */
  muted: string;
  /** The record button. */
  record: string;
  /** The record button when a countdown is set (`{seconds}`). */
  recordCountdown: StringTemplate<{ seconds: number }>;
  /** The record button during a countdown (it cancels it). */
  cancelCountdown: string;
  /** The stop button. */
  stop: string;
  /** The pause and resume buttons. */
  pause: string;
  resume: string;
  /** The elapsed time (`{time}`: `m:ss`). */
  elapsed: StringTemplate<{ time: string }>;
  /** The elapsed and remaining time with `max-duration` (`{time}`, `{remaining}`). */
  elapsedLimited: StringTemplate<{ time: string; remaining: string }>;
  /** Shown beside the time while paused. */
  paused: string;
  /** Announced each second of a countdown (`{n}`). */
  countdownTick: StringTemplate<{ n: number }>;
  countdownCancelled: string;
  /** Announced when the recording starts, pauses, resumes and stops. */
  announceRecording: string;
  announcePaused: string;
  announceResumed: string;
  announceStopped: string;
  /** Announced when a recording waits for review. */
  announceReview: string;
  /** Announced when a limit ended the recording. */
  announceMaxDuration: string;
  announceMaxSize: string;
  /** Announced when the recording failed (what was recorded is kept). */
  recordingFailed: string;
  /** Accessible name of the recording under review. */
  reviewLabel: string;
  retake: string;
  accept: string;
  download: string;
  recordingAccepted: string;
  recordingDiscarded: string;
  /** Validation message when `required` and there is no recording. */
  valueMissing: string;
  /**
   * The name of a recording's file: `{time}` when it ended (ms since 1970), `{ext}` the
   * extension of the recorded type (`mp4`, `webm`, `m4a`, `weba`, `ogg`).
   */
  fileName: StringTemplate<{ time: number; ext: string }>;
  announceLive: string;
  announceIdle: string;
  announceRequesting: string;
  announceMuted: string;
  /** Announced when the frozen picture moves again (the camera view's `announceResumed`). */
  announcePictureBack: string;
}

export const DEFAULT_STRINGS: MediaRecorderStrings = {
  previewLabel: 'Camera preview',
  levelLabel: 'Microphone level',
  startExplanation: 'Record a video with your camera and microphone. They turn on only when you start them, and recordings stay on this device.',
  startExplanationAudio: 'Record a voice message with your microphone. It turns on only when you start it, and recordings stay on this device.',
  start: 'Turn on camera',
  startAudio: 'Turn on microphone',
  requesting: 'Waiting for access…',
  requestingAdvice: 'If your browser asks, choose “Allow”.',
  retry: 'Try again',
  muted: 'The camera is not sending a picture right now.',
  record: 'Start recording',
  recordCountdown: ({ seconds }) => (seconds === 1 ? 'Start recording in 1 second' : `Start recording in ${seconds} seconds`),
  cancelCountdown: 'Cancel countdown',
  stop: 'Stop recording',
  pause: 'Pause',
  resume: 'Resume',
  elapsed: '{time}',
  elapsedLimited: '{time} / {remaining} left',
  paused: 'Paused',
  countdownTick: '{n}',
  countdownCancelled: 'Countdown cancelled.',
  announceRecording: 'Recording.',
  announcePaused: 'Recording paused.',
  announceResumed: 'Recording resumed.',
  announceStopped: 'Recording stopped.',
  announceReview: 'Recording stopped. Keep it or record again.',
  announceMaxDuration: 'The longest recording allowed was reached: recording stopped.',
  announceMaxSize: 'The largest recording allowed was reached: recording stopped.',
  recordingFailed: 'The recording failed. What was recorded until then is kept.',
  reviewLabel: 'The recording just made',
  retake: 'Record again',
  accept: 'Use recording',
  download: 'Download',
  recordingAccepted: 'Recording kept.',
  recordingDiscarded: 'Recording discarded.',
  valueMissing: 'Make a recording.',
  fileName: 'recording-{time}.{ext}',
  announceLive: 'Camera on.',
  announceIdle: 'Camera off.',
  announceRequesting: 'Requesting access.',
  announceMuted: 'The camera is not sending a picture.',
  announcePictureBack: 'The camera picture is back.',
};

/** `m:ss` (or `h:mm:ss`) of milliseconds, in the digits of `numbers`. */
export function clock(ms: number, numbers: Intl.NumberFormat): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => (n < 10 ? numbers.format(0) : '') + numbers.format(n);
  return h > 0 ? `${numbers.format(h)}:${two(m)}:${two(s)}` : `${numbers.format(m)}:${two(s)}`;
}
