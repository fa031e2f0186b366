import type { ReactiveControllerHost } from 'lit';

/**
 * The loudness of a stream's audio, 0 to 1, measured once a frame with Web Audio (an
 * `AnalyserNode` over the stream): what a level display in an audio-only view shows. The host
 * is asked to update when the level moves by more than 0.02, and when it drops to 0 on `stop()`.
 */
export class PreviewLevel {
  readonly #host: ReactiveControllerHost;
  #meter: { ctx: AudioContext; raf: number; stream: MediaStream; track: MediaStreamTrack | undefined } | null = null;
  #level = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The last level measured (0 when stopped). */
  get level(): number {
    return this.#level;
  }

  #setLevel(level: number): void {
    if (level === this.#level) return;
    this.#level = level;
    this.#host.requestUpdate();
  }

  /** Measure `stream` (a no-op when it is the one measured already; another one replaces it). */
  start(stream: MediaStream | null): void {
    // A stream whose audio track was replaced in place (the controller's, after a microphone
    // switch) is measured anew: a source node keeps the track it was made with.
    if (!stream || (this.#meter?.stream === stream && this.#meter.track === stream.getAudioTracks()[0])) return;
    this.stop();
    const Ctx = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    try {
      const ctx = new Ctx();
      const source = ctx.createMediaStreamSource(stream);
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 512;
      source.connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      const tick = () => {
        analyser.getByteTimeDomainData(data);
        let peak = 0;
        for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
        const level = Math.min(1, peak / 100);
        if (Math.abs(level - this.#level) > 0.02) this.#setLevel(level);
        if (this.#meter) this.#meter.raf = requestAnimationFrame(tick);
      };
      this.#meter = { ctx, raf: requestAnimationFrame(tick), stream, track: stream.getAudioTracks()[0] };
    } catch {
      this.#meter = null;
    }
  }

  /** Stop measuring and close the audio context; the level goes back to 0. */
  stop(): void {
    const m = this.#meter;
    if (!m) return;
    this.#meter = null;
    cancelAnimationFrame(m.raf);
    void m.ctx.close().catch(() => {});
    this.#setLevel(0);
  }
}
