import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { AudioLevelMeter } from '../../components/audio-level-meter/define.js';
import { AudioClipEvent, type AudioSilenceChangeEvent } from '../../components/audio-level-meter/audio-meter-events.js';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { audioContextUsers, sharedAudioContext } from '../../src/audio/shared-context.js';
import { getMediaStreamController } from '../../src/controller.js';
import { sendKeys } from '@web/test-runner-commands';
import { isChromium, isFirefox, isWebKit, skipUnless } from '../helpers/env.js';
import { leftTone, runningContext, withUserGesture, zeroes } from '../audio/tone.js';
import { $, captureWarnings, cleanupControllers, sharedController, supportsStateSelector, untilState } from './utils.js';

const NOT_RUNNING = 'no AudioContext runs in this engine here, even after a real user gesture (a real key press)';

/** Uncaught errors and rejections while a test runs. */
const uncaught: string[] = [];
const onError = (e: ErrorEvent) => uncaught.push(`error: ${e.message}`);
const onRejection = (e: PromiseRejectionEvent) => uncaught.push(`unhandledrejection: ${String(e.reason)}`);

/** The meter's sound runs: resumed with a real user gesture where an autoplay policy suspended it. */
async function soundRuns(el: AudioLevelMeter): Promise<boolean> {
  await waitUntil(() => el.channelCount > 0, 'the meter measures a track', { timeout: 5000 });
  await waitUntil(() => sharedAudioContext() !== null, 'the shared context exists', { timeout: 2000 });
  if (el.suspended || sharedAudioContext()!.state === 'suspended') {
    await withUserGesture(() => void el.resume());
    await waitUntil(() => !el.suspended && sharedAudioContext()?.state === 'running', '', { timeout: 2000 }).catch(() => {});
  }
  return sharedAudioContext()?.state === 'running';
}

describe('<audio-level-meter>', () => {
  beforeEach(() => {
    uncaught.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(async () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    await cleanupControllers();
    expect(uncaught, 'no uncaught exception').to.deep.equal([]);
  });

  // First in the file: before any user gesture, where an autoplay policy suspends contexts for real.
  it('a context suspended by the autoplay policy shows a resume button; a real key press on it resumes sound', async () => {
    skipUnless(!isChromium(), 'Chromium here runs with --autoplay-policy=no-user-gesture-required: its contexts never start suspended');
    skipUnless(!isFirefox(), NOT_RUNNING);
    const ctx = new AudioContext();
    const sound = zeroes(ctx); // its own context may stay suspended: the source only needs a track
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    await waitUntil(() => sharedAudioContext() !== null, 'the shared context is made', { timeout: 3000 });
    skipUnless(sharedAudioContext()!.state === 'suspended', 'the shared context started running without a gesture in this engine');
    await waitUntil(() => el.suspended && $(el, '[part~="resume-button"]'), 'the resume button shows', { timeout: 3000 });
    await expect(el).to.be.accessible();
    if (supportsStateSelector(el)) expect(el.matches(':state(suspended)')).to.equal(true);
    ($(el, '[part~="resume-button"]') as HTMLButtonElement).focus();
    // A real key press on the focused resume button (WebDriver's Enter is U+E007).
    await sendKeys({ press: isWebKit() ? '\uE007' : 'Enter' });
    await waitUntil(() => sharedAudioContext()?.state === 'running', 'the key press on the resume button resumes sound', { timeout: 3000 });
    await waitUntil(() => !el.suspended && !$(el, '[part~="resume-button"]'), 'the button goes', { timeout: 3000 });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'the focus moves from the resume button to what replaced it').not.to.equal(null);
    await sound.close();
  });

  it('where the page’s context stays suspended for real (Firefox here), the meter says so: a resume button, named bars, axe-clean, no uncaught error when resuming fails', async function () {
    this.timeout(10_000);
    const own = new AudioContext(); // the test's source: it need not run
    const sound = zeroes(own);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
    try {
      await expect(el).to.be.accessible();
      await waitUntil(() => sharedAudioContext() !== null, 'the shared context is made', { timeout: 3000 });
      await aTimeout(1200); // past the grace an engine has to start it
      skipUnless(sharedAudioContext()!.state === 'suspended', 'the shared context runs in this engine after the earlier gestures of this file');
      await waitUntil(() => el.suspended && $(el, '[part~="resume-button"]'), 'the resume button shows', { timeout: 2000 });
      await el.updateComplete;
      if (supportsStateSelector(el)) expect(el.matches(':state(suspended)')).to.equal(true);
      expect($(el, '[part~="panel"]')!.textContent).to.contain('paused sound');
      const meters = [...el.shadowRoot!.querySelectorAll('[role="meter"]')];
      expect(meters.length, 'the bars are there, named').to.be.greaterThan(0);
      expect(meters.every((m) => m.getAttribute('aria-valuenow') === String(el.minDb))).to.equal(true);
      await expect(el).to.be.accessible();
      const button = $(el, '[part~="resume-button"]') as HTMLButtonElement;
      button.focus();
      await sendKeys({ press: isWebKit() ? '\uE007' : 'Enter' });
      await aTimeout(300);
      // where it cannot run, the button stays (and keeps the focus); where it can, the bars take the focus
      expect(el.shadowRoot!.activeElement, 'the focus is kept').not.to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      await sound.close();
    }
  });

  it('no "suspended" flash at start: a context that starts running by itself never shows the resume panel', async () => {
    const ctx = await runningContext(); // a real gesture first: the page may start sound now
    skipUnless(ctx, NOT_RUNNING);
    const sound = zeroes(ctx);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter></audio-level-meter>`);
    await expect(el).to.be.accessible();
    let flashed = false;
    const seen = () => {
      if (el.suspended || $(el, '[part~="resume-button"]')) flashed = true;
    };
    const watch = new MutationObserver(seen);
    watch.observe(el.shadowRoot!, { childList: true, subtree: true });
    el.addEventListener('media-state-change', seen);
    try {
      el.srcObject = sound.stream;
      await waitUntil(() => sharedAudioContext() !== null, 'the shared context is made', { timeout: 3000 });
      const ran = await waitUntil(() => sharedAudioContext()?.state === 'running', '', { timeout: 3000 }).then(
        () => true,
        () => false,
      );
      skipUnless(ran, 'a new context does not start by itself in this engine after a gesture (it is suspended for real)');
      await aTimeout(800); // past any grace
      seen();
      expect(flashed, 'the resume panel never showed').to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      watch.disconnect();
      await sound.close();
    }
  });

  it('measures a known stereo source exactly: two channels, left peak -6.0 / RMS -9.0 dBFS, right at or below -60', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    skipUnless(await soundRuns(el), NOT_RUNNING);
    expect(el).to.be.instanceOf(AudioLevelMeter);
    expect(el.state).to.equal('live');
    await waitUntil(() => el.channelCount === 2 && Math.abs(el.levels[0]!.rms + 9.03) < 1, 'the left channel settles', { timeout: 5000 });
    const [left, right] = el.levels;
    expect(left!.peak).to.be.closeTo(-6.02, 1);
    expect(left!.rms).to.be.closeTo(-9.03, 1);
    expect(right!.peak).to.be.at.most(-60);
    expect(right!.rms).to.be.at.most(-60);
    await el.updateComplete;
    const meters = [...el.shadowRoot!.querySelectorAll('[role="meter"]')];
    expect(meters).to.have.length(2);
    const names = [...el.shadowRoot!.querySelectorAll('[part~="label"]')].map((l) => l.textContent);
    expect(names).to.deep.equal(['Left', 'Right']);
    await waitUntil(() => meters[0]!.getAttribute('aria-valuenow') === '-6', 'aria-valuenow follows (calmly)', { timeout: 3000 });
    expect(meters[1]!.getAttribute('aria-valuenow')).to.equal('-60');
    expect(meters[1]!.getAttribute('aria-valuetext')).to.equal('Silence');
    await expect(el).to.be.accessible();
    el.remove();
    await aTimeout(0);
    expect(audioContextUsers(), 'the shared context is given back').to.equal(0);
    expect(sound.stream.getAudioTracks()[0]!.readyState, 'a srcObject is never stopped').to.equal('live');
    await sound.close();
  });

  it('a zeroed source gives `silent` after 2 s, with the event and a message', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = zeroes(ctx);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    skipUnless(await soundRuns(el), NOT_RUNNING);
    const ev = (await oneEvent(el, 'audio-silence-change')) as AudioSilenceChangeEvent;
    expect(ev.detail.silent).to.equal(true);
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(el.silent).to.equal(true);
    await el.updateComplete;
    expect($(el, '[part~="panel"]')?.textContent).to.contain('No sound is coming in');
    if (supportsStateSelector(el)) expect(el.matches(':state(silent)')).to.equal(true);
    await expect(el).to.be.accessible();
    await sound.close();
  });

  it('leaving the page while silent fires no audio-silence-change { silent: false }', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = zeroes(ctx);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    skipUnless(await soundRuns(el), NOT_RUNNING);
    await waitUntil(() => el.silent, 'silent', { timeout: 5000 });
    const events: boolean[] = [];
    el.addEventListener('audio-silence-change', (e) => events.push(e.detail.silent));
    el.remove();
    await aTimeout(100);
    expect(events, 'nothing is told on the way out').to.deep.equal([]);
    await sound.close();
  });

  it('while hidden nothing is drawn and aria-valuenow stays; shown again, it follows the level', async function () {
    this.timeout(15_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
    try {
      await expect(el).to.be.accessible();
      skipUnless(await soundRuns(el), NOT_RUNNING);
      await el.updateComplete;
      const left = () => el.shadowRoot!.querySelector('[role="meter"]')!;
      await waitUntil(() => left().getAttribute('aria-valuenow') === '-6', 'aria-valuenow follows the tone', { timeout: 3000 });
      el.style.display = 'none';
      await aTimeout(200); // the IntersectionObserver tells it
      let mutations = 0;
      const watch = new MutationObserver((records) => (mutations += records.length));
      watch.observe(el.shadowRoot!, { subtree: true, attributes: true, childList: true });
      sound.gain!.gain.value = 0.05; // -26 dBFS peak
      await aTimeout(1600); // the 20 dB/s release would have reached it
      watch.disconnect();
      expect(left().getAttribute('aria-valuenow'), 'no update while hidden').to.equal('-6');
      expect(mutations, 'nothing drawn while hidden').to.equal(0);
      el.style.display = '';
      await waitUntil(() => left().getAttribute('aria-valuenow') === '-26', 'shown again, it follows at once', { timeout: 2000 });
      await expect(el).to.be.accessible();
    } finally {
      await sound.close();
    }
  });

  it('silence is still told while the meter is hidden (the audio thread keeps watching)', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = zeroes(ctx);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter style="display: none" .srcObject=${sound.stream}></audio-level-meter>`);
    const silent = oneEvent(el, 'audio-silence-change') as Promise<AudioSilenceChangeEvent>;
    skipUnless(await soundRuns(el), NOT_RUNNING);
    expect((await silent).detail.silent).to.equal(true);
    el.style.display = '';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await sound.close();
  });

  it('clipping is still told while the meter is hidden (audio-clip, the clipping state), though nothing is drawn', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx, 1.5);
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter style="display: none" .srcObject=${sound.stream}></audio-level-meter>`);
    try {
      const clipped = oneEvent(el, 'audio-clip') as Promise<AudioClipEvent>;
      skipUnless(await soundRuns(el), NOT_RUNNING);
      expect((await clipped).detail.channel).to.equal(0);
      expect(el.clipping).to.equal(true);
      await waitUntil(() => !supportsStateSelector(el) || el.matches(':state(clipping)'), 'the clipping state', { timeout: 2000 });
      el.style.display = '';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    } finally {
      await sound.close();
    }
  });

  it('sound it cannot measure (a source node refused: a fault injected by hand, no engine here refuses one) shows a message, not empty bars', async () => {
    const proto = AudioContext.prototype as unknown as { createMediaStreamSource: (s: MediaStream) => MediaStreamAudioSourceNode };
    const real = proto.createMediaStreamSource;
    proto.createMediaStreamSource = () => {
      throw new DOMException('injected: the engine refuses this stream', 'NotSupportedError');
    };
    const ctx = new AudioContext(); // need not run: the stream only needs a track
    const sound = zeroes(ctx);
    let el!: AudioLevelMeter;
    try {
      const warnings = await captureWarnings(async () => {
        el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${sound.stream}></audio-level-meter>`);
        await waitUntil(() => el.unmeasurable, 'unmeasurable', { timeout: 3000 });
        await el.updateComplete;
      });
      expect(warnings.some((w) => w.includes('cannot measure')), 'a console warning says why').to.equal(true);
    } finally {
      proto.createMediaStreamSource = real;
    }
    await expect(el).to.be.accessible();
    expect(el.state).to.equal('live');
    expect(el.measurement).to.equal('none');
    expect(el.shadowRoot!.querySelectorAll('[role="meter"]'), 'no bars that never move').to.have.length(0);
    expect($(el, '[part~="panel"]')?.textContent).to.contain('cannot be measured');
    if (supportsStateSelector(el)) expect(el.matches(':state(unmeasurable)')).to.equal(true);
    expect(audioContextUsers(), 'the context is given back').to.equal(0);
    await sound.close();
  });

  it('a source at full scale fires audio-clip { channel } (bubbling, composed) and shows clipping', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx, 1.5);
    const wrapper = await fixture<HTMLDivElement>(html`<div><audio-level-meter .srcObject=${sound.stream}></audio-level-meter></div>`);
    const el = wrapper.querySelector('audio-level-meter')!;
    await expect(el).to.be.accessible();
    const clipped = oneEvent(wrapper, 'audio-clip') as Promise<AudioClipEvent>;
    skipUnless(await soundRuns(el), NOT_RUNNING);
    const ev = await clipped;
    expect(ev).to.be.instanceOf(AudioClipEvent);
    expect(ev.detail.channel).to.equal(0);
    expect(ev.composed).to.equal(true);
    expect(el.clipping).to.equal(true);
    await waitUntil(() => !supportsStateSelector(el) || el.matches(':state(clipping)'), 'the clipping state', { timeout: 2000 });
    await expect(el).to.be.accessible();
    await sound.close();
  });

  it('a channel that clipped keeps the clipping colour for max(peak-hold, 1000) ms, not only while its shown peak is at full scale; the other channel never gets it', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx, 1.5); // the left channel clips, the right is silent
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter peak-hold="0" .srcObject=${sound.stream}></audio-level-meter>`);
    try {
      await expect(el).to.be.accessible();
      skipUnless(await soundRuns(el), NOT_RUNNING);
      const meters = () => [...el.shadowRoot!.querySelectorAll('[part~="meter"]')];
      await waitUntil(() => meters()[0]?.classList.contains('clipping'), 'the left bar shows clipping', { timeout: 5000 });
      sound.gain!.gain.value = 0.5; // -6 dBFS: no more clipping; the shown peak falls below full scale within 0.3 s
      const dropped = performance.now();
      await aTimeout(600);
      expect(el.levels[0]!.peak, 'the shown peak is below full scale by now').to.be.below(-1);
      expect(meters()[0]!.classList.contains('clipping'), 'still coloured 0.6 s after the last clip').to.equal(true);
      expect(meters()[1]!.classList.contains('clipping'), 'the silent right channel is never coloured').to.equal(false);
      await waitUntil(() => !meters()[0]!.classList.contains('clipping'), 'the colour goes', { timeout: 3000 });
      expect(performance.now() - dropped, 'after about 1000 ms').to.be.within(900, 1800);
      expect(el.clipping).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      await sound.close();
    }
  });

  it('a meter that measures a srcObject (the one inside <media-preview>’s audio-only view) neither forwards the default shared stream’s events nor asks for it; cleared, it follows the shared stream again', async function () {
    this.timeout(15_000);
    await import('../../components/media-preview/define.js');
    const ctx = new AudioContext(); // suspended or not: its destination's stream has an audio track
    const sound = zeroes(ctx);
    const shared = getMediaStreamController('default');
    const consumer = {};
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <media-preview .srcObject=${sound.stream}></media-preview>
        <audio-level-meter .srcObject=${sound.stream}></audio-level-meter>
      </div>`);
      const preview = wrapper.querySelector('media-preview') as MediaPreview;
      await waitUntil(() => preview.shadowRoot!.querySelector('audio-level-meter'), 'the audio-only view’s meter', { timeout: 5000 });
      const nested = preview.shadowRoot!.querySelector('audio-level-meter') as AudioLevelMeter;
      const own = wrapper.querySelector('audio-level-meter')!;
      await expect(preview).to.be.accessible();
      await expect(own).to.be.accessible();
      const seen: string[] = [];
      const types = ['media-state-change', 'media-stream-change', 'media-error'];
      for (const el of [nested, own, preview]) for (const type of types) el.addEventListener(type, () => seen.push(`${el.localName}${el === nested ? ' (nested)' : ''}: ${type}`));
      // the default shared stream is used by another part of the page
      await shared.request(consumer, { audio: true });
      await waitUntil(() => shared.state !== 'requesting', 'the default stream settles', { timeout: 8000 });
      await aTimeout(50);
      expect(seen.filter((e) => e.startsWith('audio-level-meter')), 'no event of the default stream from a meter that measures a srcObject').to.deep.equal([]);
      expect(nested.stream, 'the nested meter still measures its srcObject').to.equal(sound.stream);
      // no srcObject: the meter is on the shared stream again
      own.srcObject = null;
      await own.updateComplete;
      shared.release(consumer);
      shared.stop();
      await shared.whenSettled();
      void shared.request(consumer, { audio: true }); // requesting: a state change for sure
      await waitUntil(() => seen.some((e) => e === 'audio-level-meter: media-state-change'), 'it forwards the shared stream’s events again', { timeout: 8000 });
      await shared.whenSettled();
      expect(seen.some((e) => e.includes('(nested)')), 'never the nested one').to.equal(false);
    } finally {
      shared.release(consumer);
      shared.stop();
      await shared.whenSettled();
      await ctx.close().catch(() => {});
    }
  });

  it('<media-preview>’s audio-only view (the meter’s host) gives way to the picture when a script adds a video track to its srcObject (no addtrack event fires for that)', async function () {
    this.timeout(10_000);
    await import('../../components/media-preview/define.js');
    const ctx = new AudioContext();
    const sound = zeroes(ctx);
    const canvas = document.createElement('canvas');
    const picture = canvas.captureStream().getVideoTracks()[0]!;
    try {
      const preview = await fixture<MediaPreview>(html`<media-preview .srcObject=${sound.stream}></media-preview>`);
      await waitUntil(() => preview.shadowRoot!.querySelector('.panel.audio-only audio-level-meter'), 'the audio-only view and its meter', { timeout: 5000 });
      await expect(preview).to.be.accessible();
      sound.stream.addTrack(picture);
      await waitUntil(() => !preview.shadowRoot!.querySelector('.panel.audio-only'), 'the audio-only view goes (the slow check sees the video track)', { timeout: 3000 });
      expect(preview.shadowRoot!.querySelector('audio-level-meter'), 'its meter goes with it').to.equal(null);
      sound.stream.removeTrack(picture);
      await waitUntil(() => preview.shadowRoot!.querySelector('.panel.audio-only'), 'the track removed by script: audio-only again', { timeout: 3000 });
      await expect(preview).to.be.accessible();
    } finally {
      picture.stop();
      await ctx.close().catch(() => {});
    }
  });

  it('a srcObject without an audio track shows a clear "no sound source" state', async () => {
    const canvas = document.createElement('canvas');
    const stream = canvas.captureStream();
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${stream}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    expect(el.state).to.equal('live');
    expect(el.noSource).to.equal(true);
    expect(el.channelCount).to.equal(0);
    expect(el.levels).to.deep.equal([]);
    expect($(el, '[part~="panel"]')?.textContent).to.contain('No sound source');
    expect(el.shadowRoot!.querySelectorAll('[role="meter"]')).to.have.length(0);
    if (supportsStateSelector(el)) expect(el.matches(':state(no-source)')).to.equal(true);
    expect(audioContextUsers()).to.equal(0);
    stream.getTracks().forEach((t) => t.stop());
  });

  it('follows a srcObject whose audio track is added, stopped or removed by script (no event says so)', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx!);
    const stream = new MediaStream();
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${stream}></audio-level-meter>`);
    try {
      await expect(el).to.be.accessible();
      expect(el.noSource).to.equal(true);
      const track = sound.stream.getAudioTracks()[0]!;
      stream.addTrack(track);
      await waitUntil(() => !el.noSource && el.channelCount > 0, 'the added track is measured', { timeout: 3000 });
      await waitUntil(() => el.measurement === 'worklet', 'measured in the AudioWorklet (the test server serves its file)', { timeout: 3000 });
      await expect(el).to.be.accessible();
      stream.removeTrack(track);
      await waitUntil(() => el.noSource && el.channelCount === 0, 'the removed track is no longer measured', { timeout: 3000 });
      const clone = track.clone();
      stream.addTrack(clone);
      await waitUntil(() => !el.noSource, 'measured again', { timeout: 3000 });
      clone.stop();
      await waitUntil(() => el.noSource, 'a track stopped by script is no sound source', { timeout: 3000 });
      expect(track.readyState, 'the kit never stops a srcObject track').to.equal('live');
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
      await sound.close();
    }
  });

  it('bad input falls back with one warning each: min-db="loud", peak-hold="-3", orientation="diagonal"', async () => {
    let el!: AudioLevelMeter;
    const warnings = await captureWarnings(async () => {
      el = await fixture<AudioLevelMeter>(html`<audio-level-meter min-db="loud" peak-hold="-3" orientation="diagonal"></audio-level-meter>`);
      el.setAttribute('min-db', 'loud'); // the same bad value again: no second warning
      await el.updateComplete;
    });
    await expect(el).to.be.accessible();
    expect(el.minDb).to.equal(-60);
    expect(el.peakHold).to.equal(1500);
    expect(el.orientation).to.equal('horizontal');
    expect(warnings.filter((w) => w.includes('min-db'))).to.have.length(1);
    expect(warnings.filter((w) => w.includes('peak-hold'))).to.have.length(1);
    expect(warnings.filter((w) => w.includes('orientation'))).to.have.length(1);
    el.setAttribute('min-db', '-90');
    el.setAttribute('peak-hold', '0');
    el.setAttribute('orientation', 'vertical');
    expect([el.minDb, el.peakHold, el.orientation]).to.deep.equal([-90, 0, 'vertical']);
  });

  it('strings are replaceable and the bars read right-to-left', async () => {
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx);
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar">
      <audio-level-meter .srcObject=${sound.stream} .strings=${{ left: 'يسار', right: 'يمين', groupLabel: 'مستوى الصوت' }}></audio-level-meter>
    </div>`);
    const el = wrapper.querySelector('audio-level-meter')!;
    await expect(el).to.be.accessible();
    skipUnless(await soundRuns(el), NOT_RUNNING);
    await waitUntil(() => el.levels[0]!.peak > -7, 'the left channel measures', { timeout: 5000 });
    await el.updateComplete;
    await aTimeout(100); // a frame draws the bar
    const names = [...el.shadowRoot!.querySelectorAll('[part~="label"]')].map((l) => l.textContent);
    expect(names).to.deep.equal(['يسار', 'يمين']);
    const bar = el.shadowRoot!.querySelector('[part~="meter"]')!.getBoundingClientRect();
    const fill = el.shadowRoot!.querySelector('[part~="fill"]')!.getBoundingClientRect();
    expect(fill.width, 'the level fills part of the bar').to.be.greaterThan(0);
    expect(Math.abs(fill.right - bar.right), 'the level grows from the right in rtl').to.be.lessThan(1);
    await expect(el).to.be.accessible();
    await sound.close();
  });

  it('orientation and direction changed while a steady tone plays: the bars are drawn again on the new axis and the held peak on the new side', async function () {
    this.timeout(10_000);
    const ctx = await runningContext();
    skipUnless(ctx, NOT_RUNNING);
    const sound = leftTone(ctx); // left -6 dBFS: 0.9 of a -60 dB bar
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px"><audio-level-meter .srcObject=${sound.stream}></audio-level-meter></div>`);
    const el = wrapper.querySelector('audio-level-meter')!;
    try {
      await expect(el).to.be.accessible();
      skipUnless(await soundRuns(el), NOT_RUNNING);
      const part = (name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;
      const rect = (name: string) => part(name).getBoundingClientRect();
      await waitUntil(() => el.levels[0]!.hold > -7 && rect('fill').width > 0.85 * rect('meter').width, 'the left bar shows -6 dBFS', { timeout: 5000 });
      const held = () => Math.round(el.levels[0]!.hold); // -6: the mark at 0.9 of the bar
      expect(held()).to.equal(-6);
      // the direction changes (a page that switches its language): the mark goes to the other side
      wrapper.dir = 'rtl';
      await aTimeout(100);
      let bar = rect('meter');
      expect(Math.abs(rect('fill').right - bar.right), 'the level grows from the right').to.be.lessThan(1);
      const mark = rect('hold');
      expect(Math.abs(mark.left - (bar.right - 0.9 * bar.width)), `the held peak's box starts 0.9 of the bar from the right (${mark.left} in ${bar.left}..${bar.right})`).to.be.lessThan(2);
      wrapper.dir = 'ltr';
      // vertical at run time: the level is drawn on the vertical axis, not as the old scaleX
      el.orientation = 'vertical';
      await el.updateComplete;
      await aTimeout(100);
      bar = rect('meter');
      expect(part('fill').style.transform, 'the fill scales vertically').to.match(/^scaleY/);
      expect(rect('fill').height / bar.height, 'the level fills 0.9 of the bar’s height').to.be.closeTo(0.9, 0.03);
      expect(part('hold').style.transform, 'the held peak moves vertically').to.match(/^translateY/);
      await expect(el).to.be.accessible();
      el.orientation = 'horizontal';
      await el.updateComplete;
      await aTimeout(100);
      bar = rect('meter');
      expect(rect('fill').width / bar.width, 'horizontal again: 0.9 of the bar’s width').to.be.closeTo(0.9, 0.03);
      expect(rect('fill').height, 'and its full thickness').to.be.closeTo(bar.height, 1);
    } finally {
      await sound.close();
    }
  });

  it('strings are replaceable and the layout is right-to-left without any sound running (every engine, Firefox included)', async () => {
    const own = new AudioContext(); // need not run: the track is all the meter needs to lay out its bar
    const sound = zeroes(own);
    const strings = { mono: 'المستوى', groupLabel: 'مستوى الصوت', suspended: 'الصوت متوقف', resume: 'شغّل الصوت' };
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar" style="inline-size: 20rem">
      <audio-level-meter .srcObject=${sound.stream} .strings=${strings}></audio-level-meter>
    </div>`);
    const el = wrapper.querySelector('audio-level-meter')!;
    try {
      await expect(el).to.be.accessible();
      await waitUntil(() => el.channelCount > 0 && el.shadowRoot!.querySelector('[role="meter"]'), 'a bar', { timeout: 3000 });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="channels"]')!.getAttribute('aria-label')).to.equal('مستوى الصوت');
      const labels = [...el.shadowRoot!.querySelectorAll('[part~="label"]')].map((l) => l.textContent);
      if (el.channelCount === 1) expect(labels).to.deep.equal(['المستوى']);
      const label = el.shadowRoot!.querySelector('[part~="label"]')!.getBoundingClientRect();
      const bar = el.shadowRoot!.querySelector('[part~="meter"]')!.getBoundingClientRect();
      expect(label.left, 'the name is on the right of its bar in rtl').to.be.greaterThan(bar.left);
      await waitUntil(() => el.suspended || sharedAudioContext()?.state === 'running', 'suspended or running', { timeout: 3000 });
      if (el.suspended) {
        await el.updateComplete;
        expect($(el, '[part~="panel"]')!.textContent).to.contain('الصوت متوقف');
        expect($(el, '[part~="resume-button"]')!.textContent!.trim()).to.equal('شغّل الصوت');
      }
      await expect(el).to.be.accessible();
    } finally {
      await sound.close();
    }
  });

  it('demand: with a <media-preview> on one stream, removing the meter ends the microphone’s track and keeps the camera’s', async () => {
    const { name, controller } = sharedController('meter');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview autostart stream=${name}></media-preview>
      <audio-level-meter autostart stream=${name}></audio-level-meter>
    </div>`);
    const preview = wrapper.querySelector('media-preview') as MediaPreview;
    const meter = wrapper.querySelector('audio-level-meter')!;
    await expect(meter).to.be.accessible();
    await untilState(preview, 'live');
    await untilState(meter, 'live');
    await waitUntil(() => controller.audioTrack?.readyState === 'live' && controller.videoTrack?.readyState === 'live', 'camera and microphone on', { timeout: 8000 });
    await controller.whenSettled();
    await waitUntil(() => meter.channelCount > 0, 'the meter measures the microphone', { timeout: 5000 });
    await expect(meter).to.be.accessible();
    const video = controller.videoTrack!;
    const mic = controller.audioTrack!;
    meter.remove();
    await waitUntil(() => mic.readyState === 'ended', 'the microphone track ends (its light goes off)', { timeout: 5000 });
    await controller.whenSettled();
    expect(controller.videoTrack === video && video.readyState === 'live', 'the camera keeps the same live track').to.equal(true);
    expect(preview.state).to.equal('live');
    expect(audioContextUsers()).to.equal(0);
  });

  it('a meter alone asks for the microphone only', async () => {
    const { name, controller } = sharedController('meter');
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter stream=${name}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    expect(el.state).to.equal('idle');
    ($(el, '[part~="start-button"]') as HTMLButtonElement).click();
    await untilState(el, 'live');
    await controller.whenSettled();
    expect(controller.audioTrack?.readyState).to.equal('live');
    expect(controller.videoTrack, 'no camera').to.equal(null);
    await expect(el).to.be.accessible();
    el.remove();
    await waitUntil(() => !controller.audioTrack, 'the microphone goes off', { timeout: 5000 });
  });
});
