const init = { bubbles: true, composed: true } as const;

/** Fired by `<audio-level-meter>` when its sound goes silent (2 s of digital zero) or comes back. */
export class AudioSilenceChangeEvent extends Event {
  static readonly eventName = 'audio-silence-change';
  readonly detail: { readonly silent: boolean };
  constructor(detail: AudioSilenceChangeEvent['detail']) {
    super(AudioSilenceChangeEvent.eventName, init);
    this.detail = detail;
  }
}

/** Fired by `<audio-level-meter>` when a channel starts clipping (a sample at full scale). */
export class AudioClipEvent extends Event {
  static readonly eventName = 'audio-clip';
  /** `channel`: the channel's index (0 is the left of a stereo source). */
  readonly detail: { readonly channel: number };
  constructor(detail: AudioClipEvent['detail']) {
    super(AudioClipEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'audio-silence-change': AudioSilenceChangeEvent;
    'audio-clip': AudioClipEvent;
  }
}
