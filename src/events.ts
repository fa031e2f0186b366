/**
 * Typed events of the shared MediaStream controller. Each element re-dispatches those that
 * concern what it shows, as the same classes from its host (they bubble and are composed, so a
 * page can listen on `document`); see each element's `@fires` list.
 */
import type { MediaCaptureError } from './errors.js';
import type { PermissionValue } from './permissions.js';

/** The observable capture state. */
export type CaptureState = 'idle' | 'requesting' | 'live' | 'denied' | 'unavailable' | 'error';

/** A media device kind. */
export type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';

/** The kind of a track. */
export type TrackKind = 'video' | 'audio';

const init = { bubbles: true, composed: true } as const;

/** Fired when the capture state changes. */
export class MediaStateChangeEvent extends Event {
  static readonly eventName = 'media-state-change';
  readonly detail: { readonly state: CaptureState; readonly previousState: CaptureState; readonly error: MediaCaptureError | null };
  constructor(detail: MediaStateChangeEvent['detail']) {
    super(MediaStateChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when the MediaStream handed out changes (a new stream, or `null` when stopped). */
export class MediaStreamChangeEvent extends Event {
  static readonly eventName = 'media-stream-change';
  readonly detail: { readonly stream: MediaStream | null };
  constructor(detail: MediaStreamChangeEvent['detail']) {
    super(MediaStreamChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired for every capture failure, fatal or not. */
export class MediaErrorEvent extends Event {
  static readonly eventName = 'media-error';
  readonly detail: { readonly error: MediaCaptureError };
  constructor(detail: MediaErrorEvent['detail']) {
    super(MediaErrorEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when the list of devices changes (hot-plug, or labels appearing after permission). */
export class MediaDevicesChangeEvent extends Event {
  static readonly eventName = 'media-devices-change';
  readonly detail: {
    readonly devices: readonly MediaDeviceInfo[];
    readonly added: readonly MediaDeviceInfo[];
    readonly removed: readonly MediaDeviceInfo[];
  };
  constructor(detail: MediaDevicesChangeEvent['detail']) {
    super(MediaDevicesChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when the camera or microphone permission changes. */
export class MediaPermissionChangeEvent extends Event {
  static readonly eventName = 'media-permission-change';
  readonly detail: { readonly name: 'camera' | 'microphone'; readonly state: PermissionValue };
  constructor(detail: MediaPermissionChangeEvent['detail']) {
    super(MediaPermissionChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when a track ends without being stopped by the kit (device unplugged, access revoked). */
export class MediaTrackEndedEvent extends Event {
  static readonly eventName = 'media-track-ended';
  readonly detail: {
    readonly track: MediaStreamTrack;
    readonly kind: TrackKind;
    /** The deviceId of the device the kit moves to, or `null` when there is none. */
    readonly fallbackDeviceId: string | null;
  };
  constructor(detail: MediaTrackEndedEvent['detail']) {
    super(MediaTrackEndedEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired when a track is muted (no frames: frozen, covered, or paused by the system) or unmuted. */
export class MediaTrackMuteEvent extends Event {
  static readonly eventName = 'media-track-mute';
  readonly detail: { readonly track: MediaStreamTrack; readonly kind: TrackKind; readonly muted: boolean };
  constructor(detail: MediaTrackMuteEvent['detail']) {
    super(MediaTrackMuteEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * Fired by an element whose picture stopped changing while its video track still says it is
 * live and not muted (`stalled: true`: a frozen camera the browser did not report; see
 * `FrameWatchdog`), and again when frames arrive (`stalled: false`).
 */
export class MediaTrackStallEvent extends Event {
  static readonly eventName = 'media-track-stall';
  readonly detail: { readonly track: MediaStreamTrack; readonly stalled: boolean };
  constructor(detail: MediaTrackStallEvent['detail']) {
    super(MediaTrackStallEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * Fired when the controller adds a track to its stream or removes one (a device switch, a kind
 * that a consumer needs or no longer needs). The controller keeps one MediaStream for its life
 * and changes its tracks in place; browsers fire `addtrack` / `removetrack` only for tracks they
 * add themselves, so listen to this instead.
 */
export class MediaTrackChangeEvent extends Event {
  static readonly eventName = 'media-track-change';
  readonly detail: { readonly track: MediaStreamTrack; readonly change: 'add' | 'remove' };
  constructor(detail: MediaTrackChangeEvent['detail']) {
    super(MediaTrackChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * Fired when a consumer changed a constraint of the shared stream's options that another consumer
 * still on the stream had set to something else. Options are per stream (one camera per stream)
 * and the last change wins; `consumer` is the one overruled (an element re-dispatches this event
 * only when it is that consumer, and warns in the console).
 */
export class MediaOptionsConflictEvent extends Event {
  static readonly eventName = 'media-options-conflict';
  readonly detail: {
    readonly kind: TrackKind;
    /** The option's name (`width`, `facingMode`, `deviceId`, ...; `on` for a kind turned on or off). */
    readonly constraint: string;
    /** The value now in force (`undefined`: removed). */
    readonly value: unknown;
    /** The consumer whose value was overruled. */
    readonly consumer: object;
    /** The consumer whose change won (`undefined`: a script). */
    readonly by: object | undefined;
  };
  constructor(detail: MediaOptionsConflictEvent['detail']) {
    super(MediaOptionsConflictEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * Fired after the settings of a live track changed and the change took effect: a constrainable
 * property changed through the controller (`applySettings`, `setOptions`, by any element or
 * script), or a device switch replaced the track. `settings` is what the track reports now
 * (`getSettings()`); `changed` names the properties whose value differs from before.
 */
export class MediaSettingsChangeEvent extends Event {
  static readonly eventName = 'media-settings-change';
  readonly detail: { readonly kind: TrackKind; readonly settings: MediaTrackSettings; readonly changed: readonly string[] };
  constructor(detail: MediaSettingsChangeEvent['detail']) {
    super(MediaSettingsChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired (not bubbling) whenever anything observable on the controller changed; elements re-render on it. */
export class MediaControllerChangeEvent extends Event {
  static readonly eventName = 'media-controller-change';
  constructor() {
    super(MediaControllerChangeEvent.eventName);
  }
}

/** Every event of the controller, by name. */
export interface MediaStreamControllerEventMap {
  'media-state-change': MediaStateChangeEvent;
  'media-stream-change': MediaStreamChangeEvent;
  'media-error': MediaErrorEvent;
  'media-devices-change': MediaDevicesChangeEvent;
  'media-permission-change': MediaPermissionChangeEvent;
  'media-track-ended': MediaTrackEndedEvent;
  'media-track-mute': MediaTrackMuteEvent;
  'media-track-change': MediaTrackChangeEvent;
  'media-options-conflict': MediaOptionsConflictEvent;
  'media-settings-change': MediaSettingsChangeEvent;
  'media-controller-change': MediaControllerChangeEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'media-state-change': MediaStateChangeEvent;
    'media-stream-change': MediaStreamChangeEvent;
    'media-error': MediaErrorEvent;
    'media-devices-change': MediaDevicesChangeEvent;
    'media-permission-change': MediaPermissionChangeEvent;
    'media-track-ended': MediaTrackEndedEvent;
    'media-track-mute': MediaTrackMuteEvent;
    'media-track-stall': MediaTrackStallEvent;
    'media-track-change': MediaTrackChangeEvent;
    'media-options-conflict': MediaOptionsConflictEvent;
    'media-settings-change': MediaSettingsChangeEvent;
  }
}
