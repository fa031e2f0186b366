/**
 * Typed errors for everything that can go wrong when asking for a camera or microphone.
 *
 * Every failure of `getUserMedia` (and the cases where it cannot even be called) is mapped
 * to a {@link MediaCaptureError} with a stable `code`, a readable `message` that can be
 * replaced for other languages ({@link setErrorMessages}), whether a retry can help, and
 * `advice` telling the user how to recover (for a denial: how to re-allow the camera in
 * *their* browser).
 */

/** Stable error codes. */
export type MediaCaptureErrorCode =
  | 'permission-denied'
  | 'permission-dismissed'
  | 'not-found'
  | 'not-readable'
  | 'overconstrained'
  | 'security'
  | 'aborted'
  | 'invalid-argument'
  | 'invalid-state'
  | 'insecure-context'
  | 'no-api'
  | 'device-lost'
  | 'not-live'
  | 'frozen'
  | 'capture-failed'
  | 'recording-failed'
  | 'internal'
  | 'unknown';

/** The capture state an error leaves the controller in. */
export type ErrorState = 'denied' | 'unavailable' | 'error';

/**
 * Text for one error code. In a string, `{constraint}` is replaced by the constraint's name,
 * `{device}` by the device the request was for (see {@link ErrorDevice} and
 * {@link DeviceWords}), and `{Device}` by the same word with a capital first letter.
 */
export interface ErrorText {
  message: string;
  advice: string;
}

/**
 * Which device an error is about: what the failed request asked for. `camera-or-microphone`
 * when it asked for both, or when it is not known.
 */
export type ErrorDevice = 'camera' | 'microphone' | 'camera-or-microphone';

/** The word for each {@link ErrorDevice} in messages and advice (replace it for another language). */
export type DeviceWords = Record<ErrorDevice, string>;

/** The {@link ErrorDevice} of a request for these kinds of track. */
export function errorDeviceOf(kinds: Iterable<'video' | 'audio'>): ErrorDevice {
  const set = new Set(kinds);
  if (set.size !== 1) return 'camera-or-microphone';
  return set.has('video') ? 'camera' : 'microphone';
}

/** Which browser the advice is written for. */
export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';

const DEFAULT_TEXT: Record<MediaCaptureErrorCode, ErrorText> = {
  'permission-denied': {
    message: '{Device} access was blocked.',
    advice: 'Allow {device} access in your browser’s site settings, then try again.',
  },
  'permission-dismissed': {
    message: 'The request for {device} access was dismissed.',
    advice: 'Try again and choose “Allow” when your browser asks.',
  },
  'not-found': {
    message: 'No {device} was found.',
    advice: 'Connect a {device}, then try again.',
  },
  'not-readable': {
    message: 'The {device} could not be started. Another application may be using it.',
    advice: 'Close other applications or tabs that use the {device}, then try again.',
  },
  overconstrained: {
    message: 'No {device} supports the requested {constraint}.',
    advice: 'Choose a different device or a less demanding setting.',
  },
  security: {
    message: '{Device} access is not allowed on this page.',
    advice: 'The page (or the frame it is embedded in) must allow {device} access; ask the site owner.',
  },
  aborted: {
    message: 'The {device} request was interrupted.',
    advice: 'Try again.',
  },
  'invalid-argument': {
    message: 'The {device} request was not valid.',
    advice: 'Check the requested settings; at least one of video or audio must be requested.',
  },
  'invalid-state': {
    message: 'The {device} cannot be started while this page is not active.',
    advice: 'Bring the page to the front, then try again.',
  },
  'insecure-context': {
    message: '{Device} access needs a secure (https) page.',
    advice: 'Open this page over https:// or from localhost.',
  },
  'no-api': {
    message: 'This browser does not support {device} access.',
    advice: 'Use a current version of Chrome, Edge, Firefox or Safari.',
  },
  'device-lost': {
    message: 'The {device} was disconnected.',
    advice: 'Reconnect the device, or choose another one, then try again.',
  },
  'not-live': {
    message: 'The {device} is not running.',
    advice: 'Start the {device} first.',
  },
  frozen: {
    message: 'The {device} is not sending a picture right now.',
    advice: 'Wait until the picture moves again, or choose another {device}.',
  },
  'capture-failed': {
    message: 'The photo could not be taken.',
    advice: 'Try again.',
  },
  'recording-failed': {
    message: 'The recording from the {device} failed.',
    advice: 'What was recorded until then is kept. Try recording again.',
  },
  internal: {
    message: 'Something went wrong inside the capture kit while starting the {device}.',
    advice: 'This is a defect of media-capture-elements, not of the page or the device: try again, and please report it with the browser console’s output.',
  },
  unknown: {
    message: 'The {device} could not be started.',
    advice: 'Try again; if it keeps failing, reload the page.',
  },
};

const DEFAULT_DEVICE_WORDS: DeviceWords = {
  camera: 'camera',
  microphone: 'microphone',
  'camera-or-microphone': 'camera or microphone',
};

/**
 * Words for the constraints an `overconstrained` error names (`{constraint}`), by constraint
 * name; `setting` stands for a constraint the browser did not name.
 */
export type ConstraintWords = Record<string, string>;

const DEFAULT_CONSTRAINT_WORDS: ConstraintWords = {
  setting: 'setting',
  width: 'width',
  height: 'height',
  aspectRatio: 'aspect ratio',
  frameRate: 'frame rate',
  facingMode: 'camera direction',
  resizeMode: 'resize mode',
  deviceId: 'device',
  groupId: 'device',
  sampleRate: 'sample rate',
  sampleSize: 'sample size',
  channelCount: 'channel count',
  echoCancellation: 'echo cancellation',
  autoGainControl: 'automatic gain control',
  noiseSuppression: 'noise suppression',
  latency: 'latency',
  voiceIsolation: 'voice isolation',
  zoom: 'zoom',
  torch: 'torch',
  focusMode: 'focus mode',
  focusDistance: 'focus distance',
  exposureMode: 'exposure mode',
  exposureTime: 'exposure time',
  exposureCompensation: 'exposure compensation',
  iso: 'ISO sensitivity',
  whiteBalanceMode: 'white balance mode',
  colorTemperature: 'colour temperature',
  brightness: 'brightness',
  contrast: 'contrast',
  saturation: 'saturation',
  sharpness: 'sharpness',
  pan: 'pan',
  tilt: 'tilt',
  backgroundBlur: 'background blur',
  pointsOfInterest: 'point of interest',
};

/** How to re-allow a blocked device, per browser. */
const DEFAULT_DENIED_ADVICE: Record<BrowserFamily, string> = {
  chrome:
    'Click the site-information icon at the left of the address bar, set the {device} permission to “Allow”, then try again. If it is still blocked, check your system’s privacy settings for the {device}.',
  edge: 'Click the lock icon at the left of the address bar, choose “Permissions for this site”, set the {device} permission to “Allow”, then try again. If it is still blocked, check your system’s privacy settings for the {device}.',
  firefox:
    'Click the crossed-out {device} icon in the address bar, remove the “Blocked” permission, then try again. If it is still blocked, check your system’s privacy settings for the {device}.',
  safari:
    'Open Safari › Settings for This Website (or Settings › Websites), set {Device} to “Allow”, then try again. On iPhone or iPad: Settings › Safari.',
  other: DEFAULT_TEXT['permission-denied'].advice,
};

let text: Record<MediaCaptureErrorCode, ErrorText> = { ...DEFAULT_TEXT };
let deniedAdvice: Record<BrowserFamily, string> = { ...DEFAULT_DENIED_ADVICE };
let deviceWords: DeviceWords = { ...DEFAULT_DEVICE_WORDS };
let constraintWords: ConstraintWords = { ...DEFAULT_CONSTRAINT_WORDS };

/** Fills in `{constraint}`, `{device}` and `{Device}`. */
function fill(template: string, device: ErrorDevice, constraint: string | undefined): string {
  const word = deviceWords[device] ?? DEFAULT_DEVICE_WORDS[device];
  const named = constraint ? (Object.hasOwn(constraintWords, constraint) ? constraintWords[constraint] : constraint) : undefined;
  return template
    .replaceAll('{constraint}', named ?? constraintWords.setting ?? DEFAULT_CONSTRAINT_WORDS.setting!)
    .replaceAll('{device}', word)
    .replaceAll('{Device}', word.charAt(0).toLocaleUpperCase() + word.slice(1));
}

/**
 * Replace the messages and advice of any error codes (for another language or tone), the
 * browser-specific advice for a blocked device, the words for the devices that fill
 * `{device}` / `{Device}`, and the words for the constraints that fill `{constraint}` (by
 * constraint name, `setting` for one the browser did not name; a constraint without a word is
 * named as the API names it). Pass `null` to restore all the defaults.
 */
export function setErrorMessages(
  messages: Partial<Record<MediaCaptureErrorCode, Partial<ErrorText>>> | null,
  deniedAdviceByBrowser?: Partial<Record<BrowserFamily, string>>,
  devices?: Partial<DeviceWords>,
  constraints?: Partial<ConstraintWords>,
): void {
  if (messages === null) {
    text = { ...DEFAULT_TEXT };
    deniedAdvice = { ...DEFAULT_DENIED_ADVICE };
    deviceWords = { ...DEFAULT_DEVICE_WORDS };
    constraintWords = { ...DEFAULT_CONSTRAINT_WORDS };
    return;
  }
  if (devices) deviceWords = { ...deviceWords, ...devices };
  if (constraints) for (const [k, v] of Object.entries(constraints)) if (typeof v === 'string') constraintWords[k] = v;
  for (const [code, t] of Object.entries(messages) as [MediaCaptureErrorCode, Partial<ErrorText>][]) {
    if (!(code in text) || !t) continue;
    text[code] = { ...text[code], ...t };
  }
  if (deniedAdviceByBrowser) deniedAdvice = { ...deniedAdvice, ...deniedAdviceByBrowser };
}

/** The browser family from the user agent (only used to choose advice text). */
export function browserFamily(ua: string = globalThis.navigator?.userAgent ?? ''): BrowserFamily {
  if (/Edg\//.test(ua)) return 'edge';
  if (/Firefox\//.test(ua)) return 'firefox';
  if (/Chrom(e|ium)\//.test(ua)) return 'chrome';
  if (/Safari\//.test(ua) || /AppleWebKit/.test(ua)) return 'safari';
  return 'other';
}

const RETRYABLE: ReadonlySet<MediaCaptureErrorCode> = new Set([
  'permission-dismissed',
  'not-found',
  'not-readable',
  'aborted',
  'invalid-state',
  'device-lost',
  'frozen',
  'capture-failed',
  'recording-failed',
  'internal',
  'unknown',
]);

/** Options for {@link MediaCaptureError}. */
export interface MediaCaptureErrorInit {
  /** The constraint an `overconstrained` error names. */
  constraint?: string;
  /** The original exception. */
  cause?: unknown;
  /** What the request was for (default `camera-or-microphone`). */
  device?: ErrorDevice;
}

/** A typed camera/microphone error with a stable code and user-facing text. */
export class MediaCaptureError extends Error {
  override readonly name = 'MediaCaptureError';
  /** Stable code for programs. */
  readonly code: MediaCaptureErrorCode;
  /** Whether trying again (after the advice is followed) can help. */
  readonly retryable: boolean;
  /** What the user can do about it. */
  readonly advice: string;
  /** For `overconstrained`: the name of the constraint that could not be satisfied. */
  readonly constraint: string | undefined;
  /** The DOMException (or other value) this error was made from. */
  override readonly cause: unknown;
  /** The device the failed request was for; it names that device in `message` and `advice`. */
  readonly device: ErrorDevice;

  constructor(code: MediaCaptureErrorCode, init: MediaCaptureErrorInit = {}) {
    const t = text[code] ?? text.unknown;
    const constraint = init.constraint || undefined;
    const device = init.device ?? 'camera-or-microphone';
    super(fill(t.message, device, constraint));
    this.code = code;
    this.constraint = constraint;
    this.cause = init.cause;
    this.device = device;
    this.retryable = RETRYABLE.has(code);
    this.advice = fill(code === 'permission-denied' ? deniedAdvice[browserFamily()] : t.advice, device, constraint);
  }

  /** The capture state this error leaves the controller in. */
  get state(): ErrorState {
    switch (this.code) {
      case 'permission-denied':
      case 'permission-dismissed':
        return 'denied';
      case 'not-found':
      case 'insecure-context':
      case 'no-api':
      case 'device-lost':
        return 'unavailable';
      default:
        return 'error';
    }
  }
}

/**
 * Map anything thrown by getUserMedia / applyConstraints to a {@link MediaCaptureError}.
 * `device`: what the request was for, so that the message names it.
 */
export function toMediaCaptureError(e: unknown, device?: ErrorDevice): MediaCaptureError {
  if (e instanceof MediaCaptureError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = String((e as { message?: string } | null)?.message ?? '');
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return new MediaCaptureError(/dismiss/i.test(message) ? 'permission-dismissed' : 'permission-denied', { cause: e, device });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new MediaCaptureError('not-found', { cause: e, device });
    case 'NotReadableError':
    case 'TrackStartError':
      return new MediaCaptureError('not-readable', { cause: e, device });
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new MediaCaptureError('overconstrained', {
        cause: e,
        device,
        constraint: (e as { constraint?: string }).constraint,
      });
    case 'SecurityError':
      return new MediaCaptureError('security', { cause: e, device });
    case 'AbortError':
      return new MediaCaptureError('aborted', { cause: e, device });
    case 'TypeError':
      return new MediaCaptureError('invalid-argument', { cause: e, device });
    case 'InvalidStateError':
      return new MediaCaptureError('invalid-state', { cause: e, device });
    default:
      return new MediaCaptureError('unknown', { cause: e, device });
  }
}
