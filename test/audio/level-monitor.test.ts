import { expect, waitUntil } from '@open-wc/testing';
import { acquireAudioContext, audioContextUsers, sharedAudioContext } from '../../src/audio/shared-context.js';
import { AudioLevelMonitor, type LevelMeterMode } from '../../src/audio/level-monitor.js';
import { setAssetBase } from '../../src/assets.js';
import { skipUnless } from '../helpers/env.js';
import { captureWarnings } from '../components/utils.js';
import { leftTone, monoTone, runningContext, withUserGesture, zeroes } from './tone.js';

const NOT_RUNNING = 'no AudioContext runs in this engine here, even after a real user gesture (a real key press)';

async function running(monitor: AudioLevelMonitor): Promise<boolean> {
  await monitor.ready;
  if (monitor.suspended) {
    await withUserGesture(() => void monitor.resume());
    await waitUntil(() => !monitor.suspended, '', { timeout: 2000 }).catch(() => {});
  }
  return !monitor.suspended;
}

describe('audio: shared AudioContext', () => {
  it('the public entry gives acquireAudioContext, not the test hooks (sharedAudioContext, audioContextUsers)', async () => {
    const api: Record<string, unknown> = await import('../../src/index.js');
    expect(api.acquireAudioContext).to.be.a('function');
    expect(api, 'sharedAudioContext is internal').not.to.have.property('sharedAudioContext');
    expect(api, 'audioContextUsers is internal').not.to.have.property('audioContextUsers');
  });

  it('is made on first need, shared, and closed when the last lease is released', async () => {
    expect(sharedAudioContext()).to.equal(null);
    const a = acquireAudioContext();
    skipUnless(a, 'no Web Audio');
    const b = acquireAudioContext()!;
    expect(b.context).to.equal(a.context);
    expect(audioContextUsers()).to.equal(2);
    a.release();
    a.release(); // twice is once
    expect(audioContextUsers()).to.equal(1);
    expect(a.context.state).not.to.equal('closed');
    b.release();
    expect(audioContextUsers()).to.equal(0);
    expect(sharedAudioContext()).to.equal(null);
    await waitUntil(() => b.context.state === 'closed', 'the context closes', { timeout: 2000 });
    // at the default sample rate (no mismatch with the engine's tracks)
    const c = acquireAudioContext()!;
    expect(c.context).not.to.equal(a.context);
    const reference = new AudioContext();
    expect(c.context.sampleRate).to.equal(reference.sampleRate);
    await reference.close();
    c.release();
  });
});

describe('audio: AudioLevelMonitor', () => {
  for (const mode of ['worklet', 'analyser'] as LevelMeterMode[]) {
    it(`measures a known stereo source exactly (${mode}): left peak -6.0, RMS -9.0 dBFS, right silent`, async () => {
      const ctx = await runningContext();
      skipUnless(ctx, NOT_RUNNING);
      const sound = leftTone(ctx);
      const monitor = new AudioLevelMonitor(sound.stream, { forceAnalyser: mode === 'analyser' });
      try {
        skipUnless(await running(monitor), NOT_RUNNING);
        expect(monitor.mode).to.equal(mode);
        await waitUntil(() => monitor.channelCount === 2 && monitor.levels[0]!.peak > -7, 'the left channel measures', { timeout: 5000 });
        // let the first windows (partly before the tone) fall out of the shown RMS
        await waitUntil(() => Math.abs(monitor.levels[0]!.rms + 9.03) < 1, `left RMS near -9.03 dBFS (is ${monitor.levels[0]!.rms})`, { timeout: 5000 });
        const [left, right] = monitor.levels;
        expect(left!.peak).to.be.closeTo(-6.02, 1);
        expect(left!.rms).to.be.closeTo(-9.03, 1);
        expect(right!.peak).to.be.at.most(-60);
        expect(right!.rms).to.be.at.most(-60);
        expect(monitor.clipping).to.equal(false);
        expect(monitor.silent).to.equal(false);
      } finally {
        monitor.dispose();
        await sound.close();
      }
      expect(audioContextUsers()).to.equal(0);
      expect(sound.stream.getAudioTracks()[0]!.readyState, 'the monitor never stops the track').to.equal('live');
    });
  }

  it('reports clipping for a sine at full scale and fires clip once per channel', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx, 1.5);
    const monitor = new AudioLevelMonitor(sound.stream);
    const clips: number[] = [];
    monitor.addEventListener('clip', (e) => clips.push((e as CustomEvent<{ channel: number }>).detail.channel));
    try {
      skipUnless(await running(monitor), NOT_RUNNING);
      await waitUntil(() => monitor.clipping, 'clipping', { timeout: 5000 });
      expect(clips).to.deep.equal([0]);
    } finally {
      monitor.dispose();
      await sound.close();
    }
  });

  it('says silent after 2 s of digital zero', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = zeroes(ctx);
    const monitor = new AudioLevelMonitor(sound.stream);
    let changes = 0;
    monitor.addEventListener('silence-change', () => changes++);
    try {
      skipUnless(await running(monitor), NOT_RUNNING);
      await waitUntil(() => monitor.silent, 'silent', { timeout: 6000 });
      expect(changes).to.equal(1);
      expect(monitor.levels.every((l) => l.peak === -Infinity && l.rms === -Infinity)).to.equal(true);
    } finally {
      monitor.dispose();
      await sound.close();
    }
  });

  for (const mode of ['worklet', 'analyser'] as LevelMeterMode[]) {
    it(`paused (${mode}): no message per audio window (at most one per 500 ms), and silence is still told`, async function () {
      this.timeout(15_000);
      const ctx = await runningContext();
      skipUnless(ctx, NOT_RUNNING);
      const tone = leftTone(ctx);
      const monitor = new AudioLevelMonitor(tone.stream, { forceAnalyser: mode === 'analyser' });
      let levels = 0;
      monitor.addEventListener('levels', () => levels++);
      try {
        skipUnless(await running(monitor), NOT_RUNNING);
        expect(monitor.mode).to.equal(mode);
        await waitUntil(() => levels > 5, 'unpaused, it measures many windows a second', { timeout: 3000 });
        monitor.paused = true;
        await new Promise((r) => setTimeout(r, 100)); // a message in flight
        levels = 0;
        await new Promise((r) => setTimeout(r, 1500));
        expect(levels, 'messages in 1.5 s while paused').to.be.at.most(4);
        // digital zero while paused: the silence is still found
        tone.gain!.gain.value = 0;
        await waitUntil(() => monitor.silent, 'silent while paused', { timeout: 5000 });
        monitor.paused = false;
        tone.gain!.gain.value = 0.5;
        await waitUntil(() => !monitor.silent && monitor.levels[0]!.peak > -7, 'unpaused, the level follows again', { timeout: 3000 });
      } finally {
        monitor.dispose();
        await tone.close();
      }
    });
  }

  it('settled digital silence sends nothing to the main thread but the silence itself (worklet)', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = zeroes(ctx);
    const monitor = new AudioLevelMonitor(sound.stream);
    let levels = 0;
    monitor.addEventListener('levels', () => levels++);
    try {
      skipUnless(await running(monitor), NOT_RUNNING);
      expect(monitor.mode).to.equal('worklet');
      await waitUntil(() => monitor.silent, 'silent after 2 s', { timeout: 6000 });
      levels = 0;
      await new Promise((r) => setTimeout(r, 1000));
      expect(levels, 'messages in 1 s of settled silence').to.be.at.most(1);
      expect(monitor.levels.every((l) => l.peak === -Infinity)).to.equal(true);
    } finally {
      monitor.dispose();
      await sound.close();
    }
  });

  it('unpaused, the first window covers the sound since then, not the loudest peak of the time paused (worklet)', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const tone = monoTone(ctx); // -6 dBFS
    const monitor = new AudioLevelMonitor(tone.stream, { peakHold: 0 });
    try {
      skipUnless(await running(monitor), NOT_RUNNING);
      expect(monitor.mode).to.equal('worklet');
      await waitUntil(() => (monitor.levels[0]?.peak ?? -Infinity) > -7, 'the tone measures', { timeout: 5000 });
      monitor.paused = true;
      await new Promise((r) => setTimeout(r, 200));
      tone.gain!.gain.value = 0.05; // -26 dBFS
      await new Promise((r) => setTimeout(r, 1500));
      const first = new Promise<number>((resolve) => monitor.addEventListener('levels', () => resolve(monitor.levels[0]!.peak), { once: true }));
      monitor.paused = false;
      const peak = await first;
      expect(peak, 'the first level after the pause').to.be.below(-20);
      expect(peak).to.be.closeTo(-26.02, 2);
    } finally {
      monitor.dispose();
      await tone.close();
    }
  });

  it('sound after settled digital silence: the first window is that sound (RMS -29 dBFS), not diluted by the zeros before it (worklet)', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const tone = monoTone(ctx, 0); // digital zero until the gain goes up
    const monitor = new AudioLevelMonitor(tone.stream, { peakHold: 0 });
    try {
      skipUnless(await running(monitor), NOT_RUNNING);
      expect(monitor.mode).to.equal('worklet');
      await waitUntil(() => monitor.silent, 'silent after 2 s', { timeout: 6000 });
      await new Promise((r) => setTimeout(r, 500)); // zeros after the silence was told
      const first = new Promise<number>((resolve) => {
        const on = () => {
          if (monitor.levels[0]!.rms === -Infinity) return; // still the zeros
          monitor.removeEventListener('levels', on);
          resolve(monitor.levels[0]!.rms);
        };
        monitor.addEventListener('levels', on);
      });
      tone.gain!.gain.value = 0.05; // a sine at 0.05: RMS -29.03 dBFS
      const rms = await first;
      expect(rms, 'the first RMS after the silence').to.be.closeTo(-29.03, 3);
    } finally {
      monitor.dispose();
      await tone.close();
    }
  });

  it('the analyser fallback shows one channel for a mono track whose settings give no channelCount', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const tone = monoTone(ctx);
    const monitor = new AudioLevelMonitor(tone.stream, { forceAnalyser: true });
    try {
      skipUnless(
        typeof tone.stream.getAudioTracks()[0]!.getSettings().channelCount !== 'number',
        'this engine’s track settings give a channelCount (Chromium says 2, even for a 1-channel destination), which the meter follows',
      );
      skipUnless(await running(monitor), NOT_RUNNING);
      await waitUntil(() => monitor.levels[0]?.peak !== undefined && monitor.levels[0].peak > -7, 'the tone measures', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 300));
      expect(monitor.channelCount, 'one channel, not two').to.equal(1);
      expect(monitor.levels).to.have.length(1);
      expect(monitor.levels[0]!.peak).to.be.closeTo(-6.02, 1);
    } finally {
      monitor.dispose();
      await tone.close();
    }
  });

  it('a stream without an audio track measures nothing and holds no context', async () => {
    const canvas = document.createElement('canvas');
    const stream = canvas.captureStream();
    const monitor = new AudioLevelMonitor(stream);
    expect(await monitor.ready).to.equal('none');
    expect(monitor.channelCount).to.equal(0);
    expect(monitor.levels).to.deep.equal([]);
    expect(audioContextUsers()).to.equal(0);
    monitor.dispose();
    stream.getTracks().forEach((t) => t.stop());
  });

  it('a tone that stops reads digital silence again (-Infinity), its held peak too, not a level that falls for ever', async function () {
    this.timeout(20_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    // Built by hand to stop the tone: a 1 kHz sine at half scale on the left, then nothing.
    const osc = new OscillatorNode(ctx!, { frequency: 1000 });
    const gain = new GainNode(ctx!, { gain: 0.5 });
    const dest = new MediaStreamAudioDestinationNode(ctx!, { channelCount: 1 });
    osc.connect(gain).connect(dest);
    osc.start();
    const monitor = new AudioLevelMonitor(dest.stream, { peakHold: 0 });
    try {
      await waitUntil(() => monitor.levels[0] !== undefined && monitor.levels[0].peak > -7, 'the tone measures', { timeout: 5000 });
      osc.stop();
      // From -6 dBFS at 20 dB/s, the shown level passes the -120 dB floor within about 6 s.
      await waitUntil(() => monitor.levels[0]!.peak === -Infinity && monitor.levels[0]!.rms === -Infinity, 'silence reads -Infinity', { timeout: 12_000 });
      // the held peak falls with the level (peakHold 0) and reads silence too, not -300 dB and lower
      await waitUntil(() => monitor.levels[0]!.hold === -Infinity, `the held peak reads -Infinity (${monitor.levels[0]!.hold})`, { timeout: 3000 });
    } finally {
      monitor.dispose();
      await ctx!.close().catch(() => {});
    }
  });
});

describe('audio: the worklet file and the page’s asset folder (setAssetBase)', () => {
  afterEach(() => setAssetBase(null));

  it('loads the worklet from the folder setAssetBase() names; a folder without it falls back to the analyser with one warning', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx);
    try {
      setAssetBase('/src/audio/'); // the test server serves the source folder, which holds the file
      const served = new AudioLevelMonitor(sound.stream);
      skipUnless(await running(served), NOT_RUNNING);
      expect(served.mode, 'loaded from the named folder').to.equal('worklet');
      served.dispose();
      setAssetBase('/no-such-folder/');
      let missing!: AudioLevelMonitor;
      const warnings = await captureWarnings(async () => {
        missing = new AudioLevelMonitor(sound.stream);
        await missing.ready;
      });
      expect(missing.mode, 'not there: the analyser measures').to.equal('analyser');
      const about = warnings.filter((w) => w.includes('level-meter.worklet.js'));
      expect(about, 'one warning that names the file and the folder').to.have.length(1);
      expect(about[0]).to.contain('/no-such-folder/');
      await waitUntil(() => missing.levels[0]!.peak > -7, 'and it still measures', { timeout: 5000 });
      missing.dispose();
    } finally {
      await sound.close();
    }
  });
});
