import type { TestSoundResult } from './test-sound.js';

/** One speaker check at a time for an element: asks its host to update when one starts or ends. */
export class SpeakerCheck {
  readonly #host: { requestUpdate(): void };
  #run: AbortController | null = null;

  constructor(host: { requestUpdate(): void }) {
    this.#host = host;
  }

  /** Whether a test sound plays now. */
  get playing(): boolean {
    return !!this.#run;
  }

  /** Play the test sound through `deviceId`; `null` while one plays already. `stopped`: it was stopped by {@link stop}. */
  async play(deviceId: string): Promise<(TestSoundResult & { stopped: boolean }) | null> {
    if (this.#run) return null;
    const run = new AbortController();
    this.#run = run;
    this.#host.requestUpdate();
    // the tone and its player load on first use (they are not needed before the button is used)
    const { playTestSound } = await import('./test-sound.js');
    const result = await playTestSound(deviceId, run.signal);
    if (this.#run === run) this.#run = null;
    this.#host.requestUpdate();
    return { ...result, stopped: run.signal.aborted };
  }

  /** Stop the sound that plays, if any. */
  stop(): void {
    this.#run?.abort();
    this.#run = null;
  }
}
