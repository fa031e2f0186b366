import type { TestSoundResult } from './test-sound.js';

/** Plays the test sound (see `playTestSound` in test-sound.ts). */
export type TestSoundPlayer = (deviceId: string, signal: AbortSignal) => Promise<TestSoundResult>;

/** The tone and its player load on first use (they are not needed before the button is used). */
const lazyPlayer: TestSoundPlayer = async (deviceId, signal) => (await import('./test-sound.js')).playTestSound(deviceId, signal);

/** One speaker check at a time for an element: asks its host to update when one starts or ends. */
export class SpeakerCheck {
  readonly #host: { requestUpdate(): void };
  #run: AbortController | null = null;

  readonly #player: TestSoundPlayer;

  /** `player`: what plays the sound (default: `playTestSound`, loaded on first use). */
  constructor(host: { requestUpdate(): void }, player: TestSoundPlayer = lazyPlayer) {
    this.#host = host;
    this.#player = player;
  }

  /** Whether a test sound plays now. */
  get playing(): boolean {
    return !!this.#run;
  }

  /**
   * Play the test sound through `deviceId`; `null` while one plays already. `stopped`: it was
   * stopped by {@link stop}. Never rejects: a player that throws (its module failed to load)
   * gives a failed result, and the check is over either way.
   */
  async play(deviceId: string): Promise<(TestSoundResult & { stopped: boolean }) | null> {
    if (this.#run) return null;
    const run = new AbortController();
    this.#run = run;
    this.#host.requestUpdate();
    let result: TestSoundResult;
    try {
      result = await this.#player(deviceId, run.signal);
    } catch (e) {
      result = { played: false, deviceId, error: e instanceof Error ? e : new Error(String(e)) };
    } finally {
      if (this.#run === run) this.#run = null;
      this.#host.requestUpdate();
    }
    return { ...result, stopped: run.signal.aborted };
  }

  /** Stop the sound that plays, if any. */
  stop(): void {
    this.#run?.abort();
    this.#run = null;
  }
}
