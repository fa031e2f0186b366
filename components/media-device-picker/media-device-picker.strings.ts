import type { DeviceKind } from '../../src/events.js';
import type { StringTemplate } from '../internal/capture-element.js';

/** Every user-visible string of `<media-device-picker>`. `{device}`, `{fallback}`, `{n}` are filled in. */
export interface MediaDevicePickerStrings {
  /** Label of the list, per kind. */
  cameraLabel: string;
  microphoneLabel: string;
  speakerLabel: string;
  /** Why access is needed before the list can be shown, per kind. */
  cameraAccessExplanation: string;
  microphoneAccessExplanation: string;
  speakerAccessExplanation: string;
  /** The button that asks for access, per kind. */
  allowCamera: string;
  allowMicrophone: string;
  allowSpeaker: string;
  /** While the browser asks the user. */
  requestingAccess: string;
  /** Before the first enumeration finished. */
  loading: string;
  /** When there is no device of the kind. */
  noCamera: string;
  noMicrophone: string;
  noSpeaker: string;
  /** What to do when there is no device of the kind, per kind. */
  noCameraAdvice: string;
  noMicrophoneAdvice: string;
  noSpeakerAdvice: string;
  /** `audiooutput` where `setSinkId` is missing. */
  outputUnsupported: string;
  outputUnsupportedAdvice: string;
  /** The retry button in the denied and unavailable views. */
  tryAgain: string;
  /**
   * A device without a label (some engines hide labels of some devices); `{n}` is its place in
   * the list, written in the digits of the element's `lang`. May be a function of `{ n }`.
   */
  unnamedDevice: StringTemplate<{ n: number }>;
  /** Announced after a device was chosen. */
  deviceSelected: string;
  /** The current device went away and the controller moved to another one. */
  deviceRemoved: string;
  /** The current device went away and there is no other one. */
  deviceRemovedNoFallback: string;
  /** The chosen device could not be started; the one in use stays (`{device}`, `{current}`). */
  deviceFailed: string;
  /** The chosen device could not be started and no device of the kind is in use (`{device}`). */
  deviceFailedNoFallback: string;
  /** Validation message when `required` and nothing can be chosen. */
  valueMissing: string;
  /** `audiooutput`: the button that plays a test sound through the chosen speaker. */
  testSound: string;
  /** The same button while the test sound plays. */
  testSoundPlaying: string;
  /** Announced when the test sound could not be played through the speaker (`{device}`). */
  testSoundFailed: string;
}

/** The English defaults that `strings` is merged over. */
export const DEFAULT_PICKER_STRINGS: MediaDevicePickerStrings = {
  cameraLabel: 'Camera',
  microphoneLabel: 'Microphone',
  speakerLabel: 'Speaker',
  cameraAccessExplanation: 'To choose a camera, allow this page to use your camera. Your cameras are listed once access is allowed.',
  microphoneAccessExplanation:
    'To choose a microphone, allow this page to use your microphone. Your microphones are listed once access is allowed.',
  speakerAccessExplanation:
    'To choose a speaker, allow this page to use your microphone. Your speakers are listed once access is allowed.',
  allowCamera: 'Allow camera access',
  allowMicrophone: 'Allow microphone access',
  allowSpeaker: 'Allow access to list speakers',
  requestingAccess: 'Waiting for your permission…',
  loading: 'Looking for devices…',
  noCamera: 'No camera was found.',
  noMicrophone: 'No microphone was found.',
  noSpeaker: 'No speaker was found.',
  noCameraAdvice: 'Connect a camera, then try again.',
  noMicrophoneAdvice: 'Connect a microphone, then try again.',
  noSpeakerAdvice: 'Connect a speaker or headphones, then try again.',
  outputUnsupported: 'This browser cannot choose a speaker for this page.',
  outputUnsupportedAdvice: 'Sound plays on your system’s default speaker. Change it in your system’s sound settings.',
  tryAgain: 'Try again',
  unnamedDevice: 'Device {n}',
  deviceSelected: '{device} selected.',
  deviceRemoved: '{device} was disconnected. Now using {fallback}.',
  deviceRemovedNoFallback: '{device} was disconnected.',
  deviceFailed: '{device} could not be started. Still using {current}.',
  deviceFailedNoFallback: '{device} could not be started.',
  valueMissing: 'Please choose a device.',
  testSound: 'Play a test sound',
  testSoundPlaying: 'Playing a test sound…',
  testSoundFailed: 'The test sound could not be played on {device}.',
};

/** The keys of the strings that differ by kind. */
export const KIND_KEYS = {
  videoinput: { label: 'cameraLabel', explain: 'cameraAccessExplanation', allow: 'allowCamera', none: 'noCamera', advice: 'noCameraAdvice' },
  audioinput: {
    label: 'microphoneLabel',
    explain: 'microphoneAccessExplanation',
    allow: 'allowMicrophone',
    none: 'noMicrophone',
    advice: 'noMicrophoneAdvice',
  },
  audiooutput: { label: 'speakerLabel', explain: 'speakerAccessExplanation', allow: 'allowSpeaker', none: 'noSpeaker', advice: 'noSpeakerAdvice' },
} as const satisfies Record<DeviceKind, Record<string, keyof MediaDevicePickerStrings>>;
