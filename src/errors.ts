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
  | 'unknown';

/** The capture state an error leaves the controller in. */
export type ErrorState = 'denied' | 'unavailable' | 'error';

/** Text for one error code: `{constraint}` in a string is replaced by the constraint's name. */
export interface ErrorText {
  message: string;
  advice: string;
}

/** Which browser the advice is written for. */
export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';

const DEFAULT_TEXT: Record<MediaCaptureErrorCode, ErrorText> = {
  'permission-denied': {
    message: 'Camera or microphone access was blocked.',
    advice: 'Allow access in your browser’s site settings, then try again.',
  },
  'permission-dismissed': {
    message: 'The request for camera or microphone access was dismissed.',
    advice: 'Try again and choose “Allow” when your browser asks.',
  },
  'not-found': {
    message: 'No camera or microphone was found.',
    advice: 'Connect a camera or microphone, then try again.',
  },
  'not-readable': {
    message: 'The camera or microphone could not be started. Another application may be using it.',
    advice: 'Close other applications or tabs that use the camera, then try again.',
  },
  overconstrained: {
    message: 'No camera or microphone supports the requested {constraint}.',
    advice: 'Choose a different device or a less demanding setting.',
  },
  security: {
    message: 'Camera and microphone access is not allowed on this page.',
    advice: 'The page (or the frame it is embedded in) must allow camera access; ask the site owner.',
  },
  aborted: {
    message: 'Starting the camera or microphone was interrupted.',
    advice: 'Try again.',
  },
  'invalid-argument': {
    message: 'The camera request was not valid.',
    advice: 'Check the requested settings; at least one of video or audio must be requested.',
  },
  'invalid-state': {
    message: 'The camera cannot be started while this page is not active.',
    advice: 'Bring the page to the front, then try again.',
  },
  'insecure-context': {
    message: 'Camera access needs a secure (https) page.',
    advice: 'Open this page over https:// or from localhost.',
  },
  'no-api': {
    message: 'This browser does not support camera access.',
    advice: 'Use a current version of Chrome, Edge, Firefox or Safari.',
  },
  'device-lost': {
    message: 'The camera or microphone was disconnected.',
    advice: 'Reconnect the device, or choose another one, then try again.',
  },
  'not-live': {
    message: 'The camera is not running.',
    advice: 'Start the camera first.',
  },
  unknown: {
    message: 'The camera or microphone could not be started.',
    advice: 'Try again; if it keeps failing, reload the page.',
  },
};

/** How to re-allow a blocked camera, per browser. */
const DEFAULT_DENIED_ADVICE: Record<BrowserFamily, string> = {
  chrome:
    'Click the camera icon (or the site-information icon) at the left of the address bar, set Camera to “Allow”, then try again. If it is still blocked, check your system’s privacy settings for the camera.',
  edge: 'Click the lock icon at the left of the address bar, choose “Permissions for this site”, set Camera to “Allow”, then try again. If it is still blocked, check your system’s privacy settings for the camera.',
  firefox:
    'Click the crossed-out camera icon in the address bar, remove the “Blocked” permission, then try again. If it is still blocked, check your system’s privacy settings for the camera.',
  safari:
    'Open Safari › Settings for This Website (or Settings › Websites › Camera), set Camera to “Allow”, then try again. On iPhone or iPad: Settings › Safari › Camera.',
  other: DEFAULT_TEXT['permission-denied'].advice,
};

let text: Record<MediaCaptureErrorCode, ErrorText> = { ...DEFAULT_TEXT };
let deniedAdvice: Record<BrowserFamily, string> = { ...DEFAULT_DENIED_ADVICE };

/**
 * Replace the messages and advice of any error codes (for another language or tone).
 * Pass `null` to restore the defaults.
 */
export function setErrorMessages(
  messages: Partial<Record<MediaCaptureErrorCode, Partial<ErrorText>>> | null,
  deniedAdviceByBrowser?: Partial<Record<BrowserFamily, string>>,
): void {
  if (messages === null) {
    text = { ...DEFAULT_TEXT };
    deniedAdvice = { ...DEFAULT_DENIED_ADVICE };
    return;
  }
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
  'unknown',
]);

/** Options for {@link MediaCaptureError}. */
export interface MediaCaptureErrorInit {
  /** The constraint an `overconstrained` error names. */
  constraint?: string;
  /** The original exception. */
  cause?: unknown;
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

  constructor(code: MediaCaptureErrorCode, init: MediaCaptureErrorInit = {}) {
    const t = text[code] ?? text.unknown;
    const constraint = init.constraint || undefined;
    super(t.message.replace('{constraint}', constraint ?? 'setting'));
    this.code = code;
    this.constraint = constraint;
    this.cause = init.cause;
    this.retryable = RETRYABLE.has(code);
    this.advice =
      code === 'permission-denied' ? deniedAdvice[browserFamily()] : t.advice.replace('{constraint}', constraint ?? 'setting');
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

/** Map anything thrown by getUserMedia / applyConstraints to a {@link MediaCaptureError}. */
export function toMediaCaptureError(e: unknown): MediaCaptureError {
  if (e instanceof MediaCaptureError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = String((e as { message?: string } | null)?.message ?? '');
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return new MediaCaptureError(/dismiss/i.test(message) ? 'permission-dismissed' : 'permission-denied', { cause: e });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new MediaCaptureError('not-found', { cause: e });
    case 'NotReadableError':
    case 'TrackStartError':
      return new MediaCaptureError('not-readable', { cause: e });
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new MediaCaptureError('overconstrained', {
        cause: e,
        constraint: (e as { constraint?: string }).constraint,
      });
    case 'SecurityError':
      return new MediaCaptureError('security', { cause: e });
    case 'AbortError':
      return new MediaCaptureError('aborted', { cause: e });
    case 'TypeError':
      return new MediaCaptureError('invalid-argument', { cause: e });
    case 'InvalidStateError':
      return new MediaCaptureError('invalid-state', { cause: e });
    default:
      return new MediaCaptureError('unknown', { cause: e });
  }
}
