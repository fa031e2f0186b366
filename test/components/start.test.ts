import { expect, fixture, html } from '@open-wc/testing';
import { AudioLevelMeter } from '../../components/audio-level-meter/define.js';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import { cleanupControllers, rejection, sharedController } from './utils.js';

describe('start() on an element resolves once live and rejects with the typed error', () => {
  afterEach(cleanupControllers);

  it('<media-preview>: start() resolves with the camera live', async () => {
    const { name, controller } = sharedController('start');
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await el.start();
    expect(el.state).to.equal('live');
    expect(controller.videoTrack?.readyState).to.equal('live');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('<photo-booth> and <audio-level-meter>: start() resolves once what each needs is live', async () => {
    const { name, controller } = sharedController('start');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <photo-booth stream=${name}></photo-booth>
      <audio-level-meter stream=${name}></audio-level-meter>
    </div>`);
    const booth = wrapper.querySelector('photo-booth')!;
    const meter = wrapper.querySelector('audio-level-meter')!;
    expect(booth).to.be.instanceOf(PhotoBooth);
    expect(meter).to.be.instanceOf(AudioLevelMeter);
    await expect(booth).to.be.accessible();
    await expect(meter).to.be.accessible();
    await Promise.all([booth.start(), meter.start()]);
    expect(controller.videoTrack?.readyState).to.equal('live');
    expect(controller.audioTrack?.readyState).to.equal('live');
  });

  it('rejects with `overconstrained` for a constraint no camera meets; the element shows the same error', async () => {
    const { name, controller } = sharedController('start');
    await controller.setOptions({ video: { width: { exact: 9999 } } });
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const err = await rejection(el.start(), 'overconstrained');
    expect(err.constraint).to.equal('width');
    expect(el.state).to.equal('error');
    expect(err).to.equal(controller.error);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('rejects with `aborted` when stop() comes before the camera is live, and leaves no track', async () => {
    const { name, controller } = sharedController('start');
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const started = el.start();
    el.stop();
    await rejection(started, 'aborted');
    await controller.whenSettled();
    expect(controller.videoTrack).to.equal(null);
    expect(el.state).to.equal('idle');
  });

  it('called before the element is in the page, it goes live once the element is connected', async () => {
    const { name } = sharedController('start');
    const el = document.createElement('media-preview');
    el.setAttribute('stream', name);
    let settled = false;
    const started = el.start().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled, 'not live while out of the page').to.equal(false);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    await started;
    expect(el.state).to.equal('live');
    await expect(el).to.be.accessible();
  });

  it('stop() before the element is connected ends that start() with `aborted`, and connecting it later opens no camera', async () => {
    const { name, controller } = sharedController('start');
    const el = document.createElement('media-preview');
    el.setAttribute('stream', name);
    const started = el.start();
    el.stop();
    await rejection(started, 'aborted');
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    await el.updateComplete;
    await controller.whenSettled();
    expect(controller.videoTrack, 'no camera opened').to.equal(null);
    expect(el.state).to.equal('idle');
    await expect(el).to.be.accessible();
  });

  it('a start() of an element that is never connected settles with `aborted` when it is stopped', async () => {
    const { name } = sharedController('start');
    const el = document.createElement('media-preview');
    el.setAttribute('stream', name);
    const started = el.start();
    await new Promise((r) => setTimeout(r, 50));
    el.stop();
    await rejection(started, 'aborted');
  });

  it('an element that leaves the page before its camera is live ends its start() with `aborted`, even while another element keeps the camera', async () => {
    const { name, controller } = sharedController('start');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview stream=${name}></media-preview>
      <media-preview stream=${name}></media-preview>
    </div>`);
    const [leaving, staying] = [...wrapper.querySelectorAll('media-preview')];
    await expect(leaving!).to.be.accessible();
    const started = leaving!.start(); // the camera is not live yet: nobody asked before
    leaving!.remove();
    const kept = staying!.start();
    await rejection(started, 'aborted');
    await kept;
    await controller.whenSettled();
    expect(staying!.state).to.equal('live');
    await expect(staying!).to.be.accessible();
  });

  it('a move (removed and put back at once) does not end a start()', async () => {
    const { name } = sharedController('start');
    const wrapper = await fixture<HTMLDivElement>(html`<div><media-preview stream=${name}></media-preview><p></p></div>`);
    const el = wrapper.querySelector('media-preview')!;
    const started = el.start();
    wrapper.append(el); // moved after the <p>, synchronously
    await started;
    expect(el.state).to.equal('live');
    await expect(el).to.be.accessible();
  });
});
