import type { StringTemplate } from '../internal/strings.js';

/** Every user-visible or announced string of `<audio-level-meter>`. */
export interface AudioLevelMeterStrings {
  /** Accessible name of the group of meters. */
  groupLabel: string;
  /** Name of the one meter of a mono source. */
  mono: string;
  /** Names of the two meters of a stereo source. */
  left: string;
  right: string;
  /** Name of channel `n` (from 1) of a source with more than two channels. */
  channel: StringTemplate<{ n: number }>;
  /** `aria-valuetext` of a meter: its level in dB (`-Infinity` reads as {@link silenceValue}). */
  value: StringTemplate<{ db: number }>;
  /** `aria-valuetext` of a meter with digital silence. */
  silenceValue: string;
  /** Idle view (the shared microphone is off): the start button. */
  start: string;
  /** While the microphone is being requested. */
  requesting: string;
  /** Denied, unavailable and error views. */
  denied: string;
  unavailable: string;
  error: string;
  /** Retry button of the denied, unavailable and error views. */
  retry: string;
  /** The stream has no audio track (a `srcObject` without sound, or a shared stream without a microphone). */
  noSource: string;
  /** The stream has sound, but this browser cannot measure it (no Web Audio, or it refused the stream), and what to do. */
  unmeasurable: string;
  unmeasurableAdvice: string;
  /** The audio context is suspended by the browser's autoplay policy. */
  suspended: string;
  /** The button that resumes sound. */
  resume: string;
  /** Digital silence for 2 s, and what to do. */
  silent: string;
  silentAdvice: string;
  /** Announced when the sound goes silent, when it comes back, and when a channel clips. */
  announceSilent: string;
  announceSound: string;
  announceClip: string;
}

/** The English defaults that `strings` is merged over. */
export const DEFAULT_LEVEL_METER_STRINGS: AudioLevelMeterStrings = {
  groupLabel: 'Sound level',
  mono: 'Level',
  left: 'Left',
  right: 'Right',
  channel: 'Channel {n}',
  value: '{db} dB',
  silenceValue: 'Silence',
  start: 'Turn on microphone',
  requesting: 'Waiting for microphone access…',
  denied: 'Microphone access is blocked. Allow it in your browser’s site settings, then try again.',
  unavailable: 'No microphone can be used here.',
  error: 'The microphone could not be started.',
  retry: 'Try again',
  noSource: 'No sound source: this stream has no audio track.',
  unmeasurable: 'The sound level cannot be measured in this browser.',
  unmeasurableAdvice: 'The microphone still works; try another browser to see its level.',
  suspended: 'The browser has paused sound on this page.',
  resume: 'Turn on sound',
  silent: 'No sound is coming in.',
  silentAdvice: 'The microphone sends only silence: it may be muted, or another application may be using it.',
  announceSilent: 'No sound is coming in.',
  announceSound: 'Sound is coming in.',
  announceClip: 'The sound is too loud and is clipping.',
};
