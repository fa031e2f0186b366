import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AudioLevelMeter } from '../../components/audio-level-meter/define.js';
import { MediaPreview } from '../../components/media-preview/define.js';
import { SteadyAudioTrack } from '../../src/audio/steady-track.js';
import { audioContextUsers, sharedAudioContext } from '../../src/audio/shared-context.js';
import { cleanupControllers, sharedController } from '../components/utils.js';
import { zeroes } from './tone.js';

/** One AudioContext per page: every audio consumer of the kit holds the shared one. */
describe('audio: one AudioContext per page', () => {
  afterEach(cleanupControllers);

  it('the define modules register both elements', () => {
    expect(customElements.get('audio-level-meter')).to.equal(AudioLevelMeter);
    expect(customElements.get('media-preview')).to.equal(MediaPreview);
  });

  it('a SteadyAudioTrack, a <media-preview> audio-only view and an <audio-level-meter> share one context', async () => {
    const { controller } = sharedController('one-context');
    const steady = new SteadyAudioTrack(controller);
    const own = new AudioContext(); // the test's source, not the kit's (need not run)
    const sound = zeroes(own);
    try {
      expect(steady.context, 'the steady track is in the shared context').to.equal(sharedAudioContext());
      expect(audioContextUsers()).to.equal(1);
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <media-preview .srcObject=${sound.stream}></media-preview>
        <audio-level-meter .srcObject=${sound.stream}></audio-level-meter>
      </div>`);
      const preview = wrapper.querySelector('media-preview') as MediaPreview;
      const meter = wrapper.querySelector('audio-level-meter') as AudioLevelMeter;
      await expect(preview).to.be.accessible();
      await expect(meter).to.be.accessible();
      // the preview's audio-only view measures through its own <audio-level-meter>, which holds the shared context
      await waitUntil(() => audioContextUsers() === 3, `three users of the one context (has ${audioContextUsers()})`, { timeout: 3000 });
      expect(sharedAudioContext()).to.equal(steady.context);
      wrapper.remove();
      await waitUntil(() => audioContextUsers() === 1, 'the elements give it back', { timeout: 3000 });
      expect(steady.context.state, 'still open for the steady track').not.to.equal('closed');
    } finally {
      steady.dispose();
      await sound.close();
    }
    expect(audioContextUsers()).to.equal(0);
    expect(sharedAudioContext()).to.equal(null);
  });
});
