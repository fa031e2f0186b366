/** Fired by `<media-device-picker kind="audiooutput">` when its test sound ended, failed or was stopped. */
export class MediaTestSoundEvent extends Event {
  static readonly eventName = 'media-test-sound';
  /**
   * `deviceId`: the output it was played through (`''`: the system default); `played`: whether
   * it played to its end; `error`: why not (the output could not be used, playback failed, or it
   * was stopped), else `null`.
   */
  readonly detail: { readonly deviceId: string; readonly played: boolean; readonly error: Error | null };
  constructor(detail: MediaTestSoundEvent['detail']) {
    super(MediaTestSoundEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'media-test-sound': MediaTestSoundEvent;
  }
}
