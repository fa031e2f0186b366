import type { StringTemplate } from '../internal/strings.js';

/**
 * Every user-visible string of `<media-track-controls>`. Labels and value texts are per property
 * (`frameRate`, `frameRateValue`, `frameRateValueText`); `{value}` is the number (written in the
 * digits of the element's `lang`). `...Value` is shown beside a slider; `...ValueText` is what a
 * screen reader says (units in words). Words for modes and choices are `value<Word>`.
 */
export interface MediaTrackControlsStrings {
  /** The group's accessible name, per kind. */
  cameraSettings: string;
  microphoneSettings: string;
  /** When the track reports nothing that can be changed (or `properties` names nothing it has). */
  noControls: string;
  /** Before the track of the kind is live. */
  inactiveCamera: string;
  inactiveMicrophone: string;
  /** The browser cannot tell what the track can do (no `getCapabilities`). */
  unsupported: string;
  /** Why a control is disabled: `{mode}` (its label) must be `{value}` (its word). */
  dependsOn: StringTemplate<{ mode: string; value: string }>;
  /** Announced after a value was refused: `{message}` is the error's message. */
  refused: StringTemplate<{ message: string }>;
  /** The words for on and off (lists holding `true` / `false`). */
  on: string;
  off: string;

  resolution: string;
  resolutionValueText: StringTemplate<{ width: number; height: number }>;
  width: string;
  height: string;
  aspectRatio: string;
  frameRate: string;
  frameRateValue: StringTemplate<{ value: number }>;
  frameRateValueText: StringTemplate<{ value: number }>;
  resizeMode: string;
  facingMode: string;
  zoom: string;
  zoomValue: StringTemplate<{ value: number }>;
  zoomValueText: StringTemplate<{ value: number }>;
  torch: string;
  focusMode: string;
  focusDistance: string;
  focusDistanceValue: StringTemplate<{ value: number }>;
  focusDistanceValueText: StringTemplate<{ value: number }>;
  exposureMode: string;
  exposureTime: string;
  exposureTimeValue: StringTemplate<{ value: number }>;
  exposureTimeValueText: StringTemplate<{ value: number }>;
  exposureCompensation: string;
  exposureCompensationValue: StringTemplate<{ value: number }>;
  exposureCompensationValueText: StringTemplate<{ value: number }>;
  iso: string;
  whiteBalanceMode: string;
  colorTemperature: string;
  colorTemperatureValue: StringTemplate<{ value: number }>;
  colorTemperatureValueText: StringTemplate<{ value: number }>;
  brightness: string;
  contrast: string;
  saturation: string;
  sharpness: string;
  pan: string;
  panValue: StringTemplate<{ value: number }>;
  panValueText: StringTemplate<{ value: number }>;
  tilt: string;
  tiltValue: StringTemplate<{ value: number }>;
  tiltValueText: StringTemplate<{ value: number }>;
  backgroundBlur: string;
  echoCancellation: string;
  noiseSuppression: string;
  autoGainControl: string;
  voiceIsolation: string;
  channelCount: string;
  channelCountValueText: StringTemplate<{ value: number }>;
  sampleRate: string;
  sampleRateValue: StringTemplate<{ value: number }>;
  sampleRateValueText: StringTemplate<{ value: number }>;
  sampleSize: string;
  sampleSizeValueText: StringTemplate<{ value: number }>;
  latency: string;
  latencyValue: StringTemplate<{ value: number }>;
  latencyValueText: StringTemplate<{ value: number }>;

  valueManual: string;
  valueContinuous: string;
  valueSingleShot: string;
  valueNone: string;
  valueCropAndScale: string;
  valueRemoteOnly: string;
  valueAll: string;
  valueUser: string;
  valueEnvironment: string;
  valueLeft: string;
  valueRight: string;
}

export const DEFAULT_TRACK_CONTROLS_STRINGS: MediaTrackControlsStrings = {
  cameraSettings: 'Camera settings',
  microphoneSettings: 'Microphone settings',
  noControls: 'No controls available for this device.',
  inactiveCamera: 'Camera settings appear when the camera is on.',
  inactiveMicrophone: 'Microphone settings appear when the microphone is on.',
  unsupported: 'This browser does not say which settings this device has.',
  dependsOn: 'Available when {mode} is {value}.',
  refused: '{message}',
  on: 'On',
  off: 'Off',

  resolution: 'Resolution',
  resolutionValueText: '{width} by {height} pixels',
  width: 'Width',
  height: 'Height',
  aspectRatio: 'Aspect ratio',
  frameRate: 'Frame rate',
  frameRateValue: '{value} fps',
  frameRateValueText: '{value} frames per second',
  resizeMode: 'Resize mode',
  facingMode: 'Camera direction',
  zoom: 'Zoom',
  zoomValue: '{value}×',
  zoomValueText: '{value} times',
  torch: 'Torch',
  focusMode: 'Focus mode',
  focusDistance: 'Focus distance',
  focusDistanceValue: '{value} m',
  focusDistanceValueText: '{value} metres',
  exposureMode: 'Exposure mode',
  exposureTime: 'Exposure time',
  exposureTimeValue: '{value} ms',
  exposureTimeValueText: '{value} milliseconds',
  exposureCompensation: 'Exposure compensation',
  exposureCompensationValue: '{value} EV',
  exposureCompensationValueText: '{value} exposure values',
  iso: 'ISO',
  whiteBalanceMode: 'White balance',
  colorTemperature: 'Colour temperature',
  colorTemperatureValue: '{value} K',
  colorTemperatureValueText: '{value} kelvin',
  brightness: 'Brightness',
  contrast: 'Contrast',
  saturation: 'Saturation',
  sharpness: 'Sharpness',
  pan: 'Pan',
  panValue: '{value}°',
  panValueText: '{value} degrees',
  tilt: 'Tilt',
  tiltValue: '{value}°',
  tiltValueText: '{value} degrees',
  backgroundBlur: 'Background blur',
  echoCancellation: 'Echo cancellation',
  noiseSuppression: 'Noise suppression',
  autoGainControl: 'Automatic gain control',
  voiceIsolation: 'Voice isolation',
  channelCount: 'Channels',
  channelCountValueText: '{value} channels',
  sampleRate: 'Sample rate',
  sampleRateValue: '{value} Hz',
  sampleRateValueText: '{value} hertz',
  sampleSize: 'Sample size',
  sampleSizeValueText: '{value} bits',
  latency: 'Latency',
  latencyValue: '{value} s',
  latencyValueText: '{value} seconds',

  valueManual: 'Manual',
  valueContinuous: 'Continuous',
  valueSingleShot: 'Single shot',
  valueNone: 'None',
  valueCropAndScale: 'Crop and scale',
  valueRemoteOnly: 'Remote only',
  valueAll: 'All',
  valueUser: 'Front',
  valueEnvironment: 'Back',
  valueLeft: 'Left',
  valueRight: 'Right',
};

/** The strings key of a mode or choice word (`single-shot` → `valueSingleShot`), or undefined. */
export function valueKey(v: string): keyof MediaTrackControlsStrings | undefined {
  const key = `value${v.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;
  return key in DEFAULT_TRACK_CONTROLS_STRINGS ? (key as keyof MediaTrackControlsStrings) : undefined;
}
