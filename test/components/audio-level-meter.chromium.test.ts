import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AudioLevelMeter } from '../../components/audio-level-meter/define.js';
import { sharedAudioContext } from '../../src/audio/shared-context.js';
import { getMediaStreamController } from '../../src/controller.js';
import { cleanupControllers, sharedController, untilState } from './utils.js';

describe('<audio-level-meter> (Chromium: fake microphone)', () => {
  afterEach(cleanupControllers);

  it('the meter inside <media-recorder audio-only stream="b"> sends no event of the default stream out of the recorder (it measures the recorder’s stream as srcObject)', async function () {
    this.timeout(15_000);
    await import('../../components/media-recorder/define.js');
    const { name, controller } = sharedController('meter');
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.innerHTML = `<media-recorder autostart audio-only stream="${name}"></media-recorder>`;
    const recorder = wrapper.querySelector('media-recorder')!;
    await untilState(controller, 'live');
    await waitUntil(() => recorder.shadowRoot!.querySelector('audio-level-meter')?.shadowRoot?.querySelector('[role="meter"]'), 'the recorder’s meter measures', { timeout: 8000 });
    const nested = recorder.shadowRoot!.querySelector('audio-level-meter') as AudioLevelMeter;
    expect(nested.srcObject).to.equal(controller.stream);
    await expect(recorder).to.be.accessible();
    const fromNested: string[] = [];
    const onEvent = (e: Event) => {
      if (e.composedPath()[0] === nested) fromNested.push(e.type);
    };
    const types = ['media-state-change', 'media-stream-change', 'media-error'];
    for (const type of types) document.addEventListener(type, onEvent);
    const shared = getMediaStreamController('default');
    const consumer = {};
    try {
      await shared.request(consumer, { audio: true });
      expect(shared.state).to.equal('live');
      shared.release(consumer);
      shared.stop();
      await shared.whenSettled();
      expect(fromNested, 'events of the default stream from the nested meter').to.deep.equal([]);
    } finally {
      for (const type of types) document.removeEventListener(type, onEvent);
      shared.release(consumer);
      shared.stop();
      await shared.whenSettled();
      recorder.remove();
    }
  });

  it('the fake microphone moves the meter', async () => {
    const { name } = sharedController('meter');
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter autostart stream=${name}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    expect(el).to.be.instanceOf(AudioLevelMeter);
    await untilState(el, 'live');
    await waitUntil(() => el.channelCount > 0 && el.levels.some((l) => l.peak > el.minDb), 'the fake microphone’s beeps show', { timeout: 8000 });
    expect(el.suspended).to.equal(false);
    await el.updateComplete;
    const meter = el.shadowRoot!.querySelector('[role="meter"]')!;
    expect(meter.getAttribute('aria-labelledby')).to.be.a('string');
    await expect(el).to.be.accessible();
  });

  it('the fake microphone muted in the page (track.enabled = false: it sends zeros) gives `silent` after 2 s, and sound again when unmuted', async function () {
    this.timeout(15_000);
    const { name, controller } = sharedController('meter');
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter autostart stream=${name}></audio-level-meter>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    await waitUntil(() => el.levels.some((l) => l.peak > el.minDb), 'the fake microphone’s beeps show', { timeout: 8000 });
    const mic = controller.audioTrack!;
    const changes: boolean[] = [];
    el.addEventListener('audio-silence-change', (e) => changes.push(e.detail.silent));
    mic.enabled = false;
    await waitUntil(() => el.silent, 'silent', { timeout: 6000 });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="panel"]')!.textContent).to.contain('No sound is coming in');
    await expect(el).to.be.accessible();
    mic.enabled = true;
    await waitUntil(() => !el.silent, 'sound again', { timeout: 6000 });
    expect(changes).to.deep.equal([true, false]);
  });

  it('a context suspended by script (suspend(); no autoplay block here) shows the resume button, and a click resumes it', async () => {
    const ctx = new AudioContext();
    const dest = ctx.createMediaStreamDestination();
    const el = await fixture<AudioLevelMeter>(html`<audio-level-meter .srcObject=${dest.stream}></audio-level-meter>`);
    await waitUntil(() => el.channelCount > 0, 'measuring', { timeout: 3000 });
    await sharedAudioContext()!.suspend();
    await waitUntil(() => el.suspended && el.shadowRoot!.querySelector('[part~="resume-button"]'), 'the resume button shows', { timeout: 3000 });
    await expect(el).to.be.accessible();
    const button = el.shadowRoot!.querySelector('[part~="resume-button"]') as HTMLButtonElement;
    button.focus();
    button.click();
    await waitUntil(() => !el.suspended && !el.shadowRoot!.querySelector('[part~="resume-button"]'), 'sound resumes', { timeout: 3000 });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'the focus goes from the resume button to the bars').to.equal(el.shadowRoot!.querySelector('[part~="channels"]'));
    await expect(el).to.be.accessible();
    await ctx.close();
  });
});
