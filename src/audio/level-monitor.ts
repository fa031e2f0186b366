/**
 * Levels of a MediaStream's sound, per channel, in dBFS: what a level meter shows.
 *
 * ```ts
 * const monitor = new AudioLevelMonitor(stream, { peakHold: 1500 });
 * monitor.addEventListener('levels', () => draw(monitor.levels));
 * monitor.addEventListener('silence-change', () => console.log(monitor.silent));
 * // ... later (the stream's tracks are never stopped by the monitor)
 * monitor.dispose();
 * ```
 *
 * **Measuring.** An `AudioWorklet` (`level-meter.worklet.js`) looks at every sample of the
 * stream's first audio track, on the audio thread, and posts one summary per window of about
 * 1/60 s: per channel the RMS over the window, the largest absolute sample (peak) and the
 * number of samples at full scale (|x| ≥ CLIP_LEVEL: clipping). The main thread does nothing per audio
 * block. Where the worklet cannot load (no `audioWorklet`, as in an insecure context, or a CSP
 * whose `script-src` does not allow the module), an `AnalyserNode` per channel is read every
 * {@link ANALYSER_POLL_MS} ms instead: its 2048-sample window covers that time, so every sample is
 * still seen at common rates (44.1 and 48 kHz). Where the track's settings give no
 * `channelCount` (Firefox, WebKit), the fallback tells a mono track from a stereo one in the
 * graph itself: the track is up-mixed to two channels (a mono track gives two equal ones) and an
 * analyser reads left minus right; one bar shows until that difference is ever non-zero.
 *
 * **Settled silence.** Digital zero from the start, or for `peakHold` + 10 s after the last sound
 * (when every shown level has fallen below -200 dBFS), costs the main thread nothing either: the
 * worklet posts only the silence state's change until a non-zero sample comes.
 *
 * **Paused** ({@link AudioLevelMonitor.paused}, for a meter that is not on screen): the worklet
 * stops posting levels and posts only when the silence state changes or, at most every
 * {@link PAUSED_POST_MS} ms, when a channel clipped; the analyser is read every
 * {@link PAUSED_POST_MS} ms instead of every {@link ANALYSER_POLL_MS} ms. `silent` and `clip` stay
 * right; `levels` is stale until it is unpaused.
 *
 * **Suspended.** A context that is `suspended` for less than {@link SUSPEND_GRACE_MS} ms (an
 * engine starting it, which reports `suspended` first) is not reported: `suspended` turns true
 * only once it has stayed suspended that long.
 *
 * **Ballistics** (what `levels` gives, per channel):
 * - attack: instantaneous. A window's RMS or peak above the shown value is shown at once (a peak
 *   meter, not a VU meter: a click is never missed).
 * - release: the shown RMS and peak fall by at most {@link RELEASE_DB_PER_S} dB per second
 *   (20 dB/s: from full scale to -60 dBFS in 3 s, close to an IEC 60268-10 type I PPM).
 * - peak hold: `hold` keeps the highest peak for `peakHold` ms, then falls at the release rate.
 *
 * **Silence.** `silent` becomes true once every sample of every channel has been exactly zero for
 * {@link SILENCE_AFTER_MS} ms of audio (another application holds the microphone, a hardware mute
 * switch, a muted or ended track); any non-zero sample ends it. A suspended context measures
 * nothing and so claims no silence.
 *
 * **Clipping.** `clipping` is true while any channel had a sample at full scale within the last
 * `max(peakHold, 1000)` ms; the `clip` event fires when a channel starts clipping.
 *
 * Events (plain `Event`s on the monitor): `levels` (a new measurement), `silence-change`,
 * `clip` (a `CustomEvent` with `{ channel }`), `state-change` (the context was suspended or resumed).
 */
import { type AudioContextLease, acquireAudioContext } from './shared-context.js';
import { assetUrl, warnAssetFailed } from '../assets.js';
import { bundledUrl } from '../asset-loading.js';

/** One channel's level, in dBFS (`-Infinity` for digital silence). */
export interface ChannelLevel {
  /** Root mean square over the last window, with the release applied. */
  readonly rms: number;
  /** Largest absolute sample, with the release applied. */
  readonly peak: number;
  /** The held peak (see `peakHold`). */
  readonly hold: number;
}

/** How the levels are measured: `worklet` (every sample, audio thread), `analyser` (fallback), `none` (no Web Audio or no audio track). */
export type LevelMeterMode = 'worklet' | 'analyser' | 'none';

export interface AudioLevelMonitorOptions {
  /** How long the held peak stays, in ms (default {@link DEFAULT_PEAK_HOLD_MS}). */
  peakHold?: number;
  /** Measure with an `AnalyserNode` even where the worklet could load (for tests and comparison). */
  forceAnalyser?: boolean;
}

/** Release of the shown level, in dB per second. */
export const RELEASE_DB_PER_S = 20;
/**
 * A sample at or above this magnitude counts as clipping: full scale, and the top of a 16-bit
 * source (32767 / 32768 = 0.99997) or a level the browser's gain stopped just short of it.
 */
export const CLIP_LEVEL = 0.999;
/** Below this, a level falling over digital zero is shown as silence (`-Infinity`). */
export const SILENCE_FLOOR_DB = -120;
/** Digital zero for this long (ms of audio) is silence. */
export const SILENCE_AFTER_MS = 2000;
/** Default peak hold, in ms. */
export const DEFAULT_PEAK_HOLD_MS = 1500;
/** How often the analyser fallback reads its window, in ms. */
export const ANALYSER_POLL_MS = 40;
/** While paused: the longest time between two messages of the worklet about clipping, and the analyser's period, in ms. */
export const PAUSED_POST_MS = 500;
/** A context suspended for less than this (ms) is not reported as suspended (an engine starting it). */
export const SUSPEND_GRACE_MS = 500;
const ANALYSER_SIZE = 2048;

/** A linear amplitude in dBFS (`-Infinity` for 0). */
export function toDbfs(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : -Infinity;
}

interface Window {
  channels: number;
  samples: number;
  sumSquares: number[];
  peaks: number[];
  clips: number[];
  zeroRun: number;
}

/** A window as the worklet posts it: [channels, samples, zeroRun, sums..., peaks..., clips...]. */
function windowOf(m: Float64Array): Window {
  const n = m[0]!;
  return {
    channels: n,
    samples: m[1]!,
    zeroRun: m[2]!,
    sumSquares: Array.from(m.subarray(3, 3 + n)),
    peaks: Array.from(m.subarray(3 + n, 3 + 2 * n)),
    clips: Array.from(m.subarray(3 + 2 * n, 3 + 3 * n)),
  };
}

/**
 * The worklet module. The build copies it to `workers/level-meter.worklet.js` (beside the worker
 * files, in the package and beside the CDN file) and writes its path here as the literal
 * `new URL('../../workers/level-meter.worklet.js', import.meta.url)` that webpack 5 and Vite follow
 * as an asset (`'mce-built:…'` is filled in by vite.config.ts and vite.cdn.config.ts,
 * `mce:stable-workers`; Vite's own library build, told to ignore it, does not inline it as a
 * `data:` URL that a CSP without `data:` would block). In the sources (not built), the file beside
 * this module. A page whose bundler does not copy it names the folder it serves it from with
 * `setAssetBase()` (src/assets.ts). Where it cannot load, the analyser fallback measures and a
 * console warning (once per folder) names the URL tried and what to do.
 */
const WORKLET_NAME = 'level-meter.worklet.js';
const WORKLET_FILE = `./${WORKLET_NAME}`;
function workletUrl(): URL {
  const built = new URL(/* @vite-ignore */ 'mce-built:level-meter.worklet.js', import.meta.url);
  if (built.protocol !== 'mce-built:') return built;
  const here = import.meta.url; // not new URL(variable, import.meta.url): webpack would look it up as a module
  return new URL(WORKLET_FILE, here);
}

export class AudioLevelMonitor extends EventTarget {
  /** The track measured (the stream's first audio track when made), or `null`. */
  readonly track: MediaStreamTrack | null;
  /** Resolves once measuring has started, with how. Never rejects. */
  readonly ready: Promise<LevelMeterMode>;
  #mode: LevelMeterMode = 'none';
  #lease: AudioContextLease | null = null;
  #nodes: AudioNode[] = [];
  #port: MessagePort | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #disposed = false;
  #peakHold: number;
  #measured = 0;
  #shown: { rms: number; peak: number; hold: number; holdAt: number; clipAt: number }[] = [];
  #last = 0;
  #silent = false;
  #suspended = false;
  #suspendTimer: ReturnType<typeof setTimeout> | null = null;
  #paused = false;
  /** Restarts the analyser's timer at the period for {@link paused} (analyser mode only). */
  #repoll: (() => void) | null = null;
  readonly #onState = () => this.#checkState();

  constructor(stream: MediaStream, options: AudioLevelMonitorOptions = {}) {
    super();
    this.#peakHold = Math.max(0, options.peakHold ?? DEFAULT_PEAK_HOLD_MS);
    this.track = stream.getAudioTracks()[0] ?? null;
    this.ready = this.#start(options.forceAnalyser === true);
  }

  /** How the levels are measured (`none` until {@link ready}, and where nothing can be). */
  get mode(): LevelMeterMode {
    return this.#mode;
  }

  /**
   * Channels of the track: its settings' `channelCount` where the engine gives one, else as many
   * as the audio graph delivers (0 without an audio track).
   */
  get channelCount(): number {
    if (!this.track) return 0;
    const set = this.track.getSettings?.().channelCount;
    return typeof set === 'number' && set > 0 ? set : this.#measured || 1;
  }

  /** Per channel `{ rms, peak, hold }` in dBFS, with the ballistics applied (see the class). */
  get levels(): readonly ChannelLevel[] {
    const n = this.channelCount;
    const out: ChannelLevel[] = [];
    for (let c = 0; c < n; c++) {
      const s = this.#shown[c];
      out.push(s ? { rms: s.rms, peak: s.peak, hold: s.hold } : { rms: -Infinity, peak: -Infinity, hold: -Infinity });
    }
    return out;
  }

  /** Whether the sound has been digital zero for {@link SILENCE_AFTER_MS} ms. */
  get silent(): boolean {
    return this.#silent;
  }

  /** Whether any channel reached full scale within the last `max(peakHold, 1000)` ms. */
  get clipping(): boolean {
    const since = performance.now() - Math.max(this.#peakHold, 1000);
    return this.#shown.some((s) => s.clipAt > since && s.clipAt > 0);
  }

  /** Whether channel `channel` reached full scale within the last `max(peakHold, 1000)` ms. */
  channelClipping(channel: number): boolean {
    const at = this.#shown[channel]?.clipAt ?? 0;
    return at > 0 && at > performance.now() - Math.max(this.#peakHold, 1000);
  }

  /** Whether the shared AudioContext is suspended (nothing is measured until it resumes). */
  get suspended(): boolean {
    return this.#suspended;
  }

  /**
   * While `true`, nothing is sent to the main thread per measurement window: the worklet posts
   * only when the silence state changes, or when a channel clipped (at most every
   * {@link PAUSED_POST_MS} ms), and the analyser fallback is read every {@link PAUSED_POST_MS} ms.
   * `silent` and the `clip` event stay right; `levels` is stale. For a meter that is not shown.
   */
  get paused(): boolean {
    return this.#paused;
  }
  set paused(value: boolean) {
    const next = !!value;
    if (next === this.#paused) return;
    this.#paused = next;
    this.#post({ quiet: next });
    this.#repoll?.();
  }

  #post(message: unknown): void {
    try {
      this.#port?.postMessage(message);
    } catch {
      /* closed */
    }
  }

  /** Peak hold in ms. */
  get peakHold(): number {
    return this.#peakHold;
  }
  set peakHold(ms: number) {
    this.#peakHold = Math.max(0, ms);
    this.#post({ peakHold: this.#peakHold });
  }

  /** Resume the shared AudioContext (call from a user gesture). Resolves to whether it runs. */
  async resume(): Promise<boolean> {
    const ok = (await this.#lease?.resume()) ?? false;
    this.#checkState();
    return ok;
  }

  /** Stop measuring and give the AudioContext back. The track is not stopped. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#teardown();
  }

  #teardown(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#repoll = null;
    if (this.#suspendTimer !== null) clearTimeout(this.#suspendTimer);
    this.#suspendTimer = null;
    if (this.#port) {
      this.#port.onmessage = null;
      this.#post('stop');
      this.#port = null;
    }
    for (const node of this.#nodes) {
      try {
        node.disconnect();
      } catch {
        /* already */
      }
    }
    this.#nodes = [];
    this.#lease?.context.removeEventListener('statechange', this.#onState);
    this.#lease?.release();
    this.#lease = null;
  }

  async #start(forceAnalyser: boolean): Promise<LevelMeterMode> {
    if (!this.track) return 'none';
    const lease = acquireAudioContext();
    if (!lease) return 'none';
    this.#lease = lease;
    const ctx = lease.context;
    ctx.addEventListener('statechange', this.#onState);
    this.#checkState();
    // The page's asset folder (setAssetBase(), the <meta> tag) where it names one, else the file
    // beside this module (where the package's build put it).
    // A lookup that throws (a bundler that rewrote it into a missing module) is a failed load too.
    let wanted: URL | string | null = null;
    if (!forceAnalyser && typeof AudioWorkletNode === 'function') {
      try {
        wanted = assetUrl(WORKLET_NAME) ?? workletUrl();
      } catch {
        wanted = bundledUrl('mce-built:level-meter.worklet.js', WORKLET_FILE, import.meta.url);
      }
    }
    const loaded = !!wanted && (await lease.addModule(wanted).catch(() => false));
    if (wanted && !loaded && !this.#disposed) {
      warnAssetFailed(WORKLET_NAME, wanted, 'sound levels are measured with an AnalyserNode read on the main thread 25 times a second instead');
    }
    if (this.#disposed) return 'none';
    try {
      const source = ctx.createMediaStreamSource(new MediaStream([this.track]));
      this.#nodes.push(source);
      if (loaded) this.#startWorklet(ctx, source);
      else this.#startAnalyser(ctx, source);
    } catch (err) {
      console.warn('media-capture-elements: cannot measure this stream’s sound.', err);
      this.#teardown();
      return 'none';
    }
    return this.#mode;
  }

  #startWorklet(ctx: AudioContext, source: AudioNode): void {
    const node = new AudioWorkletNode(ctx, 'mce-level-meter', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCountMode: 'max',
      processorOptions: { silenceMs: SILENCE_AFTER_MS, pausedPostMs: PAUSED_POST_MS, peakHoldMs: this.#peakHold },
    });
    source.connect(node);
    // It writes silence; connected so that every engine renders it.
    node.connect(ctx.destination);
    this.#nodes.push(node);
    this.#port = node.port;
    node.port.onmessage = (e: MessageEvent<Float64Array>) => this.#measure(windowOf(e.data), ctx.sampleRate);
    if (this.#paused) this.#post({ quiet: true });
    this.#mode = 'worklet';
  }

  #startAnalyser(ctx: AudioContext, source: AudioNode): void {
    const set = this.track?.getSettings?.().channelCount;
    // Without a channel count in the settings, the track is up-mixed to two channels (a mono
    // track gives two equal ones) and `diff` reads left minus right: a mono track until it is
    // ever non-zero.
    const known = typeof set === 'number' && set > 0;
    const n = known ? Math.min(32, set) : 2;
    let input: AudioNode = source;
    if (!known) {
      const upmix = ctx.createGain();
      upmix.channelCount = 2;
      upmix.channelCountMode = 'explicit';
      upmix.channelInterpretation = 'speakers';
      source.connect(upmix);
      input = upmix;
      this.#nodes.push(input);
    }
    const splitter = ctx.createChannelSplitter(n);
    input.connect(splitter);
    this.#nodes.push(splitter);
    const analysers: AnalyserNode[] = [];
    const analyser = () => {
      const a = ctx.createAnalyser();
      a.fftSize = ANALYSER_SIZE;
      this.#nodes.push(a);
      return a;
    };
    for (let c = 0; c < n; c++) {
      const a = analyser();
      splitter.connect(a, c);
      analysers.push(a);
    }
    let diff: AnalyserNode | null = null;
    if (!known) {
      diff = analyser();
      const minus = ctx.createGain();
      minus.gain.value = -1;
      this.#nodes.push(minus);
      splitter.connect(diff, 0);
      splitter.connect(minus, 1).connect(diff);
    }
    let stereo = known;
    const data = new Float32Array(ANALYSER_SIZE);
    let zeroRun = 0;
    let lastTime = ctx.currentTime;
    const poll = () => {
      if (ctx.state !== 'running') return;
      const now = ctx.currentTime;
      const elapsed = Math.round((now - lastTime) * ctx.sampleRate);
      lastTime = now;
      if (elapsed <= 0) return;
      if (diff && !stereo) {
        diff.getFloatTimeDomainData(data);
        stereo = data.some((x) => x !== 0);
      }
      const channels = stereo ? n : 1;
      const w: Window = { channels, samples: ANALYSER_SIZE, sumSquares: [], peaks: [], clips: [], zeroRun: 0 };
      let allZero = true;
      for (const a of analysers.slice(0, channels)) {
        a.getFloatTimeDomainData(data);
        let sum = 0;
        let peak = 0;
        let clips = 0;
        for (const x of data) {
          const v = Math.abs(x);
          sum += x * x;
          if (v > peak) peak = v;
          if (v >= CLIP_LEVEL) clips++;
        }
        if (peak > 0) allZero = false;
        w.sumSquares.push(sum);
        w.peaks.push(peak);
        w.clips.push(clips);
      }
      zeroRun = allZero ? zeroRun + elapsed : 0;
      w.zeroRun = zeroRun;
      this.#measure(w, ctx.sampleRate);
    };
    this.#repoll = () => {
      if (this.#timer !== null) clearInterval(this.#timer);
      this.#timer = setInterval(poll, this.#paused ? PAUSED_POST_MS : ANALYSER_POLL_MS);
    };
    this.#repoll();
    this.#mode = 'analyser';
  }

  #checkState(): void {
    const ctx = this.#lease?.context;
    const suspended = ctx?.state === 'suspended';
    if (!suspended) {
      if (this.#suspendTimer !== null) clearTimeout(this.#suspendTimer);
      this.#suspendTimer = null;
      this.#setSuspended(false);
      return;
    }
    // Reported once it stays suspended for SUSPEND_GRACE_MS: an engine starting a context says
    // `suspended` first, and a resume button that flashes up is worse than one a moment late.
    if (this.#suspended || this.#suspendTimer !== null) return;
    this.#suspendTimer = setTimeout(() => {
      this.#suspendTimer = null;
      if (!this.#disposed && ctx?.state === 'suspended') this.#setSuspended(true);
    }, SUSPEND_GRACE_MS);
  }

  #setSuspended(value: boolean): void {
    if (value === this.#suspended) return;
    this.#suspended = value;
    this.dispatchEvent(new Event('state-change'));
  }

  #measure(w: Window, sampleRate: number): void {
    if (this.#disposed) return;
    const now = performance.now();
    const dt = this.#last ? Math.max(0, now - this.#last) / 1000 : 0;
    this.#last = now;
    const fall = RELEASE_DB_PER_S * dt;
    if (w.channels > this.#measured) this.#measured = w.channels;
    const clipsStarted: number[] = [];
    const holdFor = Math.max(this.#peakHold, 1000);
    for (let c = 0; c < Math.max(w.channels, this.#shown.length); c++) {
      const s = (this.#shown[c] ??= { rms: -Infinity, peak: -Infinity, hold: -Infinity, holdAt: 0, clipAt: 0 });
      const rms = c < w.channels && w.samples > 0 ? toDbfs(Math.sqrt(w.sumSquares[c]! / w.samples)) : -Infinity;
      const peak = c < w.channels ? toDbfs(w.peaks[c]!) : -Infinity;
      s.rms = Math.max(rms, s.rms - fall);
      s.peak = Math.max(peak, s.peak - fall);
      // Digital zero now, and the falling level is out of any display: it is silence again.
      if (rms === -Infinity && s.rms < SILENCE_FLOOR_DB) s.rms = -Infinity;
      if (peak === -Infinity && s.peak < SILENCE_FLOOR_DB) s.peak = -Infinity;
      if (peak >= s.hold) {
        s.hold = peak;
        s.holdAt = now;
      } else if (now - s.holdAt > this.#peakHold) {
        s.hold = Math.max(peak, s.peak, s.hold - fall);
      }
      // the held peak too reads silence again once it fell out of any display over digital zero
      if (peak === -Infinity && s.hold < SILENCE_FLOOR_DB) s.hold = -Infinity;
      if (c < w.channels && w.clips[c]! > 0) {
        if (!(s.clipAt > 0 && now - s.clipAt <= holdFor)) clipsStarted.push(c);
        s.clipAt = now;
      }
    }
    const silent = (w.zeroRun / sampleRate) * 1000 >= SILENCE_AFTER_MS;
    this.#checkState();
    this.dispatchEvent(new Event('levels'));
    for (const channel of clipsStarted) this.dispatchEvent(new CustomEvent('clip', { detail: { channel } }));
    if (silent !== this.#silent) {
      this.#silent = silent;
      this.dispatchEvent(new Event('silence-change'));
    }
  }
}
