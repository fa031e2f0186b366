import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MediaPreview } from '../../components/media-preview/media-preview.js';
import { MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';
import { isWebKit } from '../helpers/env.js';
import { $, captureWarnings, cleanupControllers, isShown, outcome, sharedController, supportsStateSelector, untilPlaying, untilState } from './utils.js';
import { FixedStateController, sources } from './media-preview.fixtures.js';

describe('<media-preview>', () => {
  afterEach(cleanupControllers);
  afterEach(() => sources.splice(0).forEach((source) => source.stop()));

  it('is defined once, and define.ts is safe to load twice', async () => {
    const again = await import('../../components/media-preview/define.js?again' as string).catch(() => null);
    expect(customElements.get('media-preview')).to.equal(MediaPreview);
    void again;
  });

  it('without autostart shows a start control and does not turn the camera on', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    const button = $(el, '[part~="start-button"]');
    expect(button, 'start button').to.exist;
    expect(button!.textContent!.trim()).to.equal('Turn on camera');
    expect($(el, '#explanation')!.textContent).to.match(/camera/i);
    await aTimeout(300);
    expect(controller.state).to.equal('idle');
    expect(controller.stream).to.equal(null);
    expect(el.stream).to.equal(null);
  });

  it('the start control turns the camera on and the live video shows it', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    $(el, '[part~="start-button"]')!.click();
    await untilState(el, 'live');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const video = el.videoElement!;
    expect(el.stream).to.equal(controller.stream);
    expect(video.srcObject).to.equal(controller.stream);
    expect(video.muted).to.equal(true);
    expect(video.hasAttribute('playsinline')).to.equal(true);
    expect(video.autoplay).to.equal(true);
    await untilPlaying(video);
    if (supportsStateSelector(el)) expect(el.matches(':state(live)')).to.equal(true);
  });

  it('autostart starts the camera on connect; stop() ends every track', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    const tracks = controller.stream!.getTracks();
    el.stop();
    await controller.whenSettled();
    await el.updateComplete;
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    expect(el.state).to.equal('idle');
    expect(el.stream).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('stream set as a property (as React 19 does) names the controller; a MediaStream sets srcObject', async () => {
    const el = await fixture<MediaPreview>(html`<media-preview></media-preview>`);
    await expect(el).to.be.accessible();
    const { name, controller } = sharedController('react-prop');
    (el as unknown as { stream: string }).stream = name;
    expect(el.streamName).to.equal(name);
    expect(el.controller).to.equal(controller);
    const canvas = document.createElement('canvas');
    const s = canvas.captureStream();
    (el as unknown as { stream: MediaStream }).stream = s;
    expect(el.srcObject).to.equal(s);
    expect(el.stream).to.equal(s);
    s.getTracks().forEach((t) => t.stop());
  });

  it('uses a controller given as a property', async () => {
    const controller = new MediaStreamController({ name: 'own', releaseDelay: 0, rememberDevices: false });
    const el = await fixture<MediaPreview>(html`<media-preview autostart .controller=${controller}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    expect(el.stream).to.equal(controller.stream);
    el.remove();
    await controller.whenSettled();
    expect(controller.stream).to.equal(null);
    controller.dispose();
  });

  it('shows each state with its own view, accessible in every state', async () => {
    const views: Record<Exclude<CaptureState, 'live'>, [MediaStreamController, string]> = {
      idle: [new FixedStateController('idle'), 'start-button'],
      requesting: [new FixedStateController('requesting'), 'panel'],
      denied: [new FixedStateController('denied', new MediaCaptureError('permission-denied')), 'retry-button'],
      unavailable: [new FixedStateController('unavailable', new MediaCaptureError('not-found')), 'retry-button'],
      error: [new FixedStateController('error', new MediaCaptureError('not-readable')), 'retry-button'],
    };
    for (const [state, [controller, part]] of Object.entries(views)) {
      const el = await fixture<MediaPreview>(html`<media-preview .controller=${controller}></media-preview>`);
      await expect(el).to.be.accessible();
      expect(el.state, state).to.equal(state);
      expect($(el, `.panel.${state}`), `${state} view`).to.exist;
      expect(isShown($(el, `[part~="${part}"]`)), `${state}: ${part}`).to.equal(true);
      expect(isShown($(el, 'video')), `${state}: no video`).to.equal(false);
      if (controller.error) {
        expect($(el, '[part~="message"]')!.textContent).to.contain(controller.error.message);
        expect($(el, '[part~="advice"]')!.textContent).to.contain(controller.error.advice);
      }
      if (supportsStateSelector(el)) expect(el.matches(`:state(${state})`), `:state(${state})`).to.equal(true);
      controller.dispose();
    }
  });

  it('shows the unavailable view for a camera that is not there', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await controller.selectDevice('videoinput', 'no-such-camera');
    const started = outcome(el.start());
    await waitUntil(() => el.state === 'unavailable' || el.state === 'error', 'the start fails', { timeout: 8000 });
    expect(await started, 'start() rejects with the error shown').to.equal(controller.error);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect($(el, `.panel.${el.state}`)).to.exist;
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal(controller.error!.message);
  });

  it('the retry button asks again', async () => {
    const controller = new FixedStateController('error', new MediaCaptureError('not-readable'));
    const el = await fixture<MediaPreview>(html`<media-preview .controller=${controller}></media-preview>`);
    await expect(el).to.be.accessible();
    let retried = 0;
    controller.retry = () => {
      retried++;
      return Promise.resolve();
    };
    $(el, '[part~="retry-button"]')!.click();
    expect(retried).to.equal(1);
    controller.dispose();
  });

  it('announces state changes in a live region', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const region = $(el, '[role="status"]')!;
    expect(region).to.exist;
    void el.start();
    await untilState(el, 'live');
    await el.updateComplete;
    expect(region.textContent!.trim()).to.equal('Camera on.');
  });

  it('mirror: auto mirrors a user-facing or unspecified camera only; on/off force it', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await untilState(el, 'live');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const facing = controller.getSettings()!.facingMode;
    expect(el.mirror).to.equal('auto');
    expect(el.mirrored).to.equal(facing !== 'environment');
    expect(el.hasAttribute('mirrored')).to.equal(facing !== 'environment');
    const transform = () => getComputedStyle(el.videoElement!).transform;
    if (el.mirrored) expect(transform()).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    el.mirror = 'off';
    await el.updateComplete;
    expect(el.mirrored).to.equal(false);
    expect(transform()).to.equal('none');
    el.setAttribute('mirror', 'on');
    await el.updateComplete;
    expect(el.mirrored).to.equal(true);
    expect(transform()).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    if (supportsStateSelector(el)) expect(el.matches(':state(mirrored)')).to.equal(true);
  });

  it('mirror auto does not mirror an environment-facing camera (WebKit mock back camera)', async function () {
    const cams = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (!isWebKit() || cams.length < 2) this.skip();
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart facing-mode="environment" stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    await el.updateComplete;
    const facing = controller.getSettings()!.facingMode;
    expect(el.mirrored).to.equal(facing !== 'environment');
  });

  it('bad attribute values fall back with one warning naming the attribute', async () => {
    const { name } = sharedController();
    let el!: MediaPreview;
    const warnings = await captureWarnings(async () => {
      el = await fixture<MediaPreview>(
        html`<media-preview stream=${name} mirror="sideways" fit="stretchy" resolution="huge" facing-mode="up" stall-timeout="soon"></media-preview>`,
      );
      el.setAttribute('mirror', 'sideways'); // same value again: no second warning
      el.mirror = 'sideways';
      await el.updateComplete;
    });
    expect(el.mirror).to.equal('auto');
    expect(el.fit).to.equal('contain');
    expect(el.resolution).to.equal(null);
    expect(el.facingMode).to.equal(null);
    expect(el.stallTimeout).to.equal(3000);
    el.setAttribute('stall-timeout', '  ');
    expect(el.stallTimeout, 'a blank value is the default, not 0 (off)').to.equal(3000);
    for (const attr of ['mirror', 'fit', 'resolution', 'facing-mode', 'stall-timeout'])
      expect(warnings.filter((w) => w.includes(`${attr}=`)), attr).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('resolution and facing-mode map to the controller options', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview resolution="vga" stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    expect(controller.options.video).to.deep.include({ width: 640, height: 480 });
    el.resolution = '1280x720';
    await el.updateComplete;
    expect(controller.options.video).to.deep.include({ width: 1280, height: 720 });
    el.facingMode = 'user';
    await el.updateComplete;
    expect(controller.options.video).to.deep.include({ facingMode: 'user' });
    el.resolution = null;
    await el.updateComplete;
    expect(controller.options.video).to.not.have.property('width');
    await el.start();
    expect(el.state).to.equal('live');
  });

  it('audio adds a microphone track to the shared stream', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart audio stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    await waitUntil(() => controller.stream?.getAudioTracks().length === 1, 'an audio track', { timeout: 8000 });
    expect(el.videoElement!.muted).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('fit sets object-fit on the video', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart fit="cover" stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    await el.updateComplete;
    expect(getComputedStyle(el.videoElement!).objectFit).to.equal('cover');
    el.fit = 'contain';
    await el.updateComplete;
    expect(getComputedStyle(el.videoElement!).objectFit).to.equal('contain');
  });
});
