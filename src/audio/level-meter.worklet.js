// AudioWorklet processor `mce-level-meter` (plain JavaScript on purpose: it is loaded with
// `audioWorklet.addModule(new URL('./level-meter.worklet.js', import.meta.url))`, which bundlers
// copy as a file as it is; a .ts file would be shipped uncompiled).
//
// Looks at every sample of its input and posts, about 60 times a second (never per block), one
// message per window: for each channel the sum of squares, the largest absolute sample and the
// number of samples at full scale (|x| >= 0.999, CLIP_LEVEL in level-monitor.ts), the window's length, and how many samples in a row
// (up to now, all channels) have been exactly zero. It writes nothing to its output (silence),
// which is connected to the destination only so that every engine pulls it.

/* global registerProcessor, AudioWorkletProcessor, sampleRate */
// Outside an AudioWorkletGlobalScope (a bundler or Node importing every file of the package) it
// does nothing.
if (typeof registerProcessor === 'function' && typeof AudioWorkletProcessor === 'function') {
  class LevelMeterProcessor extends AudioWorkletProcessor {
    constructor() {
      super();
      this.blocksPerWindow = Math.max(1, Math.round(sampleRate / 128 / 60));
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
      let allZero = true;
      for (let c = 0; c < input.length; c++) {
        const data = input[c];
        let sum = 0;
        let peak = this.peaks[c];
        let clips = 0;
        for (let i = 0; i < data.length; i++) {
          const x = data[i];
          const a = x < 0 ? -x : x;
          sum += x * x;
          if (a > peak) peak = a;
          if (a >= 0.999) clips++; // CLIP_LEVEL in level-monitor.ts
        }
        if (peak > 0 || sum > 0) allZero = false;
        this.sumSquares[c] += sum;
        this.peaks[c] = peak;
        this.clips[c] += clips;
      }
      // No input channel at all (no active source) is silence too.
      if (allZero) this.zeroRun += n;
      else this.zeroRun = 0;
      this.samples += n;
      if (++this.blocks >= this.blocksPerWindow) {
        this.port.postMessage({
          channels: input.length,
          samples: this.samples,
          sumSquares: this.sumSquares.slice(0, input.length),
          peaks: this.peaks.slice(0, input.length),
          clips: this.clips.slice(0, input.length),
          zeroRun: this.zeroRun,
        });
        this.blocks = 0;
        this.samples = 0;
        for (let c = 0; c < this.channels; c++) {
          this.sumSquares[c] = 0;
          this.peaks[c] = 0;
          this.clips[c] = 0;
        }
      }
      return true;
    }
  }

  registerProcessor('mce-level-meter', LevelMeterProcessor);
}
