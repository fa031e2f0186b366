/**
 * A page whose Content Security Policy forbids loading the worklet module (`script-src` without
 * `'self'`; worklets load under `script-src`): the monitor falls back to its AnalyserNode and
 * still measures exactly. Its own file: a `<meta>` policy cannot be taken back in a page.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { AudioLevelMonitor } from '../../src/audio/level-monitor.js';
import { skipUnless } from '../helpers/env.js';
import { leftTone, runningContext, withUserGesture } from './tone.js';

const NOT_RUNNING = 'no AudioContext runs in this engine here, even after a real user gesture (a real key press)';

describe('audio: AudioLevelMonitor under a CSP that blocks the worklet', () => {
  let ctx: AudioContext | null = null;
  before(async () => {
    // The test's own context is made (and resumed with a key press where needed) before the policy.
    ctx = await runningContext();
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'unsafe-inline' 'unsafe-eval'";
    document.head.append(meta);
  });

  it('falls back to the analyser and measures the known stereo source: left peak -6.0, RMS -9.0 dBFS, right silent', async () => {
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx);
    const monitor = new AudioLevelMonitor(sound.stream);
    try {
      expect(await monitor.ready).to.equal('analyser');
      if (monitor.suspended) await withUserGesture(() => void monitor.resume());
      await waitUntil(() => !monitor.suspended, '', { timeout: 2000 }).catch(() => {});
      skipUnless(!monitor.suspended, NOT_RUNNING);
      await waitUntil(() => monitor.channelCount === 2 && Math.abs(monitor.levels[0]!.rms + 9.03) < 1, 'the left channel settles', { timeout: 5000 });
      const [left, right] = monitor.levels;
      expect(left!.peak).to.be.closeTo(-6.02, 1);
      expect(right!.peak).to.be.at.most(-60);
    } finally {
      monitor.dispose();
      await sound.close();
    }
  });
});
