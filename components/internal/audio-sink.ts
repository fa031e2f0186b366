/** A media element that may route its sound to a chosen output (`setSinkId`, not everywhere). */
export type SinkableMediaElement = HTMLMediaElement & {
  setSinkId?: (id: string) => Promise<void>;
  sinkId?: string;
};

/**
 * Keeps a media element playing to the audio output a controller names (its `sinkId`, `''` for
 * the system default). An output that cannot be used is not asked for again on every update
 * (an audio meter updates many times a second) until another output is named or the device
 * list changes (the speaker plugged back in).
 */
export class AudioSinkFollower {
  readonly #who: string;
  readonly #devices: () => readonly MediaDeviceInfo[];
  #applying: string | null = null;
  /** The output that could not be used: not asked for again until the controller names another. */
  #failed: string | null = null;
  #failedDevices: readonly MediaDeviceInfo[] | null = null;

  /**
   * `who` names the element in the debug message of a failure (`'<media-preview>'`); `devices`
   * reads the controller's device list.
   */
  constructor(who: string, devices: () => readonly MediaDeviceInfo[]) {
    this.#who = who;
    this.#devices = devices;
  }

  /** Route `element` to `sink` if it is not there yet. */
  apply(element: SinkableMediaElement, sink: string): void {
    if (typeof element.setSinkId !== 'function') return;
    const devices = this.#devices();
    // Another output named, or the device list changed (the speaker plugged back in): try again.
    if (this.#failed !== null && (this.#failed !== sink || this.#failedDevices !== devices)) this.#failed = null;
    if ((element.sinkId ?? '') === sink || this.#applying === sink || this.#failed === sink) return;
    this.#applying = sink;
    element
      .setSinkId(sink)
      .catch((e: unknown) => {
        /* the device went away or the page may not use it: keep the current output, and do not
           ask again on every update */
        this.#failed = sink;
        this.#failedDevices = this.#devices();
        console.debug(`${this.#who}: setSinkId failed`, e);
      })
      .finally(() => {
        this.#applying = null;
      });
  }
}
