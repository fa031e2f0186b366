// AudioWorklet processor `mce-level-meter` (plain JavaScript on purpose: it is loaded with
// `audioWorklet.addModule(new URL('./level-meter.worklet.js', import.meta.url))`, which bundlers
// copy as a file as it is; a .ts file would be shipped uncompiled).
//
// Looks at every sample of its input and posts, about 60 times a second (never per block), one
// message per window (a flat Float64Array: channels, samples, zeroRun, then per channel the sums,
// the peaks and the clip counts): for each channel the sum of squares, the largest absolute sample and the
// number of samples at full scale (|x| >= 0.999, CLIP_LEVEL in level-monitor.ts), the window's length, and how many samples in a row
// (up to now, all channels) have been exactly zero. It writes nothing to its output (silence),
// which is connected to the destination only so that every engine pulls it.
//
// Quiet mode (message `{ quiet: true }`, for a meter that is not on screen): no window is posted
// for levels; a window is posted only when the silence state changes (zeroRun crosses
// processorOptions.silenceMs) or, at most every processorOptions.pausedPostMs, when a channel
// clipped. `{ quiet: false }` goes back to about 60 windows a second. `'stop'` ends it.
//
// Settled silence: once the input has been digital zero long enough for every level the main thread
// shows to have fallen out of any scale (processorOptions.peakHoldMs, `{ peakHold }` when it
// changes, plus SETTLE_MS; at once when no sound came at all), windows of zeros are posted as in
// quiet mode: only the silence state's change. The first non-zero sample ends it.
//
// The window under way restarts (without being posted) at `{ quiet: false }` and at each block of
// settled silence: the first window after either covers the sound since then, not the loudest
// peak of the time hidden or the zeros of the silence (clip counts are kept until posted).

/* global registerProcessor, AudioWorkletProcessor, sampleRate */
// Outside an AudioWorkletGlobalScope (a bundler or Node importing every file of the package) it
// does nothing.
if (typeof registerProcessor === 'function' && typeof AudioWorkletProcessor === 'function') {
  class LevelMeterProcessor extends AudioWorkletProcessor {
    constructor(options) {
      super();
      const o = (options && options.processorOptions) || {};
      this.blocksPerWindow = Math.max(1, Math.round(sampleRate / 128 / 60));
      this.silenceSamples = Math.round(((o.silenceMs > 0 ? o.silenceMs : 2000) * sampleRate) / 1000);
      this.quietSamples = Math.round(((o.pausedPostMs > 0 ? o.pausedPostMs : 500) * sampleRate) / 1000);
      this.quiet = false;
      this.peakHoldSamples = Math.round(((o.peakHoldMs >= 0 ? o.peakHoldMs : 1500) * sampleRate) / 1000);
      // from full scale down to -200 dBFS at the release of 20 dB/s: 10 s
      this.settleSamples = Math.round(10 * sampleRate);
      this.heardSound = false;
      this.silentPosted = false;
      this.sinceQuietPost = 0;
      this.blocks = 0;
      this.samples = 0;
      this.sumSquares = [];
      this.peaks = [];
      this.clips = [];
      this.zeroRun = 0;
      this.channels = 0;
      this.stopped = false;
      this.port.onmessage = (e) => {
        if (e.data === 'stop') this.stopped = true;
        else if (e.data && typeof e.data.quiet === 'boolean') {
          // back on screen: the first window covers from now, not the whole time it was hidden
          if (this.quiet && !e.data.quiet) this.restart();
          this.quiet = e.data.quiet;
        }
        else if (e.data && typeof e.data.peakHold === 'number') this.peakHoldSamples = Math.round((Math.max(0, e.data.peakHold) * sampleRate) / 1000);
      };
    }

    process(inputs) {
      if (this.stopped) return false;
      const input = inputs[0] || [];
      const n = input.length ? input[0].length : 128;
      if (input.length > this.channels) {
        for (let c = this.channels; c < input.length; c++) {
          this.sumSquares[c] = 0;
          this.peaks[c] = 0;
          this.clips[c] = 0;
        }
        this.channels = input.length;
      }
      // Settled silence posts no window: the totals are restarted at each block of it, so that the
      // first window once sound comes covers that sound, not the silence before it.
      if (!this.heardSound || this.zeroRun >= this.peakHoldSamples + this.settleSamples) this.restart();
      let allZero = true;
      for (let c = 0; c < input.length; c++) {
        const data = input[c];
        let sum = 0;
        let peak = 0;
        let clips = 0;
        for (let i = 0; i < data.length; i++) {
          const x = data[i];
          const a = x < 0 ? -x : x;
          sum += x * x;
          if (a > peak) peak = a;
          if (a >= 0.999) clips++; // CLIP_LEVEL in level-monitor.ts
        }
        // this block's samples only (the window's peak would keep a zero block from counting)
        if (peak > 0) allZero = false;
        this.sumSquares[c] += sum;
        if (peak > this.peaks[c]) this.peaks[c] = peak;
        this.clips[c] += clips;
      }
      // No input channel at all (no active source) is silence too.
      if (allZero) this.zeroRun += n;
      else {
        this.zeroRun = 0;
        this.heardSound = true;
      }
      this.samples += n;
      this.blocks++;
      // digital zero for as long as the shown levels take to fall out of any scale
      const settled = allZero && (!this.heardSound || this.zeroRun >= this.peakHoldSamples + this.settleSamples);
      if (this.quiet || settled) {
        // Nothing per window: only a change of the silence state, or clipping now and then.
        this.sinceQuietPost += n;
        const silent = this.zeroRun >= this.silenceSamples;
        let clipped = false;
        for (let c = 0; c < this.channels; c++) if (this.clips[c] > 0) clipped = true;
        if (silent !== this.silentPosted || (clipped && this.sinceQuietPost >= this.quietSamples)) this.flush(input.length);
        return true;
      }
      if (this.blocks >= this.blocksPerWindow) this.flush(input.length);
      return true;
    }

    flush(channels) {
      // one flat Float64Array, transferred: [channels, samples, zeroRun, sums..., peaks..., clips...]
      // (cheaper to send and receive than an object of arrays, 60 times a second)
      const m = new Float64Array(3 + 3 * channels);
      m[0] = channels;
      m[1] = this.samples;
      m[2] = this.zeroRun;
      for (let c = 0; c < channels; c++) {
        m[3 + c] = this.sumSquares[c];
        m[3 + channels + c] = this.peaks[c];
        m[3 + 2 * channels + c] = this.clips[c];
      }
      this.port.postMessage(m, [m.buffer]);
      this.silentPosted = this.zeroRun >= this.silenceSamples;
      this.restart();
      for (let c = 0; c < this.channels; c++) this.clips[c] = 0;
    }

    // A new window, without posting the one under way. Its clip counts stay until they are
    // posted: a clip heard while hidden still gives its event once the meter shows again.
    restart() {
      this.sinceQuietPost = 0;
      this.blocks = 0;
      this.samples = 0;
      for (let c = 0; c < this.channels; c++) {
        this.sumSquares[c] = 0;
        this.peaks[c] = 0;
      }
    }
  }

  registerProcessor('mce-level-meter', LevelMeterProcessor);
}
