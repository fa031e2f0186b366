import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { MediaStreamController } from '../../src/controller.js';
import type { MediaOptionsConflictEvent } from '../../src/events.js';
import { isChromium, skipUnless } from '../helpers/env.js';
import { captureWarnings, cleanupControllers, sharedController, untilState } from './utils.js';

/** Frames advance in a <video> (its time moves on), within `timeout`. */
async function advances(video: HTMLVideoElement, timeout = 5000): Promise<boolean> {
  const t0 = video.currentTime;
  const end = performance.now() + timeout;
  while (performance.now() < end) {
    if (video.currentTime > t0 && video.readyState >= 2) return true;
    await aTimeout(50);
  }
  return false;
}

/** A facing mode that the live camera does not report: asking for it opens the camera anew. */
const otherFacing = (track: MediaStreamTrack) => (track.getSettings().facingMode === 'environment' ? 'user' : 'environment');

describe('Elements ask for what they need (demand per consumer, one stream for life)', () => {
  afterEach(cleanupControllers);

  it('removing the only element that needs the microphone ends its track; the camera keeps its track, with no new getUserMedia', async () => {
    const { name, controller } = sharedController('demand');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview autostart stream=${name}></media-preview>
      <media-preview autostart audio stream=${name}></media-preview>
    </div>`);
    const [camera, withMic] = [...wrapper.querySelectorAll('media-preview')] as MediaPreview[];
    await expect(camera!).to.be.accessible();
    await untilState(camera!, 'live');
    await untilState(withMic!, 'live');
    await waitUntil(() => controller.audioTrack?.readyState === 'live', 'the microphone is on', { timeout: 8000 });
    await controller.whenSettled();
    await expect(withMic!).to.be.accessible();
    const video = controller.videoTrack!;
    const mic = controller.audioTrack!;
    const added: MediaStreamTrack[] = [];
    controller.addEventListener('media-track-change', (e) => e.detail.change === 'add' && added.push(e.detail.track));
    withMic!.remove();
    await waitUntil(() => mic.readyState === 'ended', 'the microphone track ends (its light goes off)', { timeout: 5000 });
    await controller.whenSettled();
    expect(controller.videoTrack === video && video.readyState === 'live', 'the camera keeps the same live track').to.equal(true);
    expect(added, 'no new track').to.have.length(0);
    expect(camera!.state).to.equal('live');
    await expect(camera!).to.be.accessible();
  });

  it('a preview without audio does not turn the microphone off under one that needs it', async () => {
    const { name, controller } = sharedController('demand');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview autostart audio stream=${name}></media-preview>
      <media-preview stream=${name}></media-preview>
    </div>`);
    const [withMic, plain] = [...wrapper.querySelectorAll('media-preview')] as MediaPreview[];
    await expect(plain!).to.be.accessible();
    await untilState(withMic!, 'live');
    await waitUntil(() => controller.audioTrack?.readyState === 'live', 'the microphone is on', { timeout: 8000 });
    const mic = controller.audioTrack!;
    await plain!.start();
    plain!.audio = true;
    await plain!.updateComplete;
    plain!.audio = false;
    await plain!.updateComplete;
    await controller.whenSettled();
    await aTimeout(100);
    await controller.whenSettled();
    expect(controller.audioTrack === mic && mic.readyState === 'live', 'the same microphone track goes on').to.equal(true);
    await expect(plain!).to.be.accessible();
  });

  it('a preview that is overruled on a constraint by another element is told (media-options-conflict) and warns once', async () => {
    const { name, controller } = sharedController('demand');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview autostart resolution="vga" stream=${name}></media-preview>
      <media-preview stream=${name}></media-preview>
    </div>`);
    const [first, second] = [...wrapper.querySelectorAll('media-preview')] as MediaPreview[];
    await expect(first!).to.be.accessible();
    await untilState(first!, 'live');
    const told: MediaOptionsConflictEvent[] = [];
    first!.addEventListener('media-options-conflict', (e) => told.push(e));
    let toldSecond = 0;
    second!.addEventListener('media-options-conflict', () => toldSecond++);
    const warnings = await captureWarnings(async () => {
      second!.resolution = 'qvga';
      await second!.updateComplete;
      await controller.whenSettled();
    });
    expect(told.map((e) => e.detail.constraint).sort(), 'the first preview is told which options').to.deep.equal(['height', 'width']);
    expect(told[0]!.detail.by === second, 'by the second').to.equal(true);
    expect(toldSecond, 'the winner is not told').to.equal(0);
    expect(warnings.filter((w) => w.includes('<media-preview>') && w.includes('last change wins'))).to.have.length(2);
    expect((controller.options.video as { width?: number }).width, 'the last change wins').to.equal(320);
    await expect(first!).to.be.accessible();
  });

  it("<media-preview>'s <video> follows its camera being opened anew (the same stream object, a new track) in every engine", async () => {
    const { name, controller } = sharedController('demand');
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    const video = el.videoElement!;
    await waitUntil(() => video.readyState >= 2, 'the first picture', { timeout: 8000 });
    const stream = controller.stream!;
    const before = controller.videoTrack!;
    el.facingMode = otherFacing(before);
    await waitUntil(() => !!controller.videoTrack && controller.videoTrack !== before && controller.state === 'live', 'a new video track', { timeout: 8000 });
    await controller.whenSettled();
    expect(controller.stream === stream, 'the same stream object').to.equal(true);
    expect(before.readyState).to.equal('ended');
    expect(await advances(video), 'the picture goes on after the switch').to.equal(true);
    expect(video.srcObject === stream).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a page\'s own <video> showing the stream follows a switch by itself (Chromium)', async () => {
    skipUnless(isChromium(), 'Firefox and WebKit keep the old picture when a track is replaced in place (checked 2026-12-07); set srcObject again on media-track-change, as <media-preview> and <photo-booth> do');
    const { controller } = sharedController('demand');
    const consumer = {};
    await controller.request(consumer, { video: true });
    await controller.setOptions({ video: { width: 320, height: 240 } });
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    try {
      video.srcObject = controller.stream;
      await video.play();
      await waitUntil(() => video.videoWidth === 320, 'the first picture', { timeout: 8000 });
      const cams = controller.devicesOf('videoinput');
      const other = cams.find((c) => c.deviceId !== controller.currentDeviceId('videoinput'))!;
      await controller.setOptions({ video: { width: 640, height: 480 } });
      await controller.selectDevice('videoinput', other.deviceId);
      await waitUntil(() => video.videoWidth === 640, 'the new camera\'s picture', { timeout: 8000 });
      expect(await advances(video)).to.equal(true);
    } finally {
      video.remove();
      controller.release(consumer);
    }
  });

  it('a preview beside a consumer that turned only the microphone on does not turn the camera on by itself', async () => {
    const { name, controller } = sharedController('demand');
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const meter = {};
    await controller.request(meter, { audio: true });
    await controller.whenSettled();
    await el.updateComplete;
    await aTimeout(100);
    await controller.whenSettled();
    expect(controller.videoTrack, 'no camera').to.equal(null);
    expect(controller.audioTrack?.readyState).to.equal('live');
    await expect(el).to.be.accessible();
    controller.release(meter);
    await controller.whenSettled();
  });

  it('a preview whose microphone fails beside its live camera shows the error, not requesting (injected: the microphone fails as it starts)', async () => {
    const controller = new MediaStreamController({
      name: `demand-broken-mic-${Date.now()}`,
      releaseDelay: 0,
      rememberDevices: false,
      onAcquire: (s) => s.getAudioTracks().forEach((t) => t.stop()),
    });
    const el = await fixture<MediaPreview>(html`<media-preview .controller=${controller}></media-preview>`);
    try {
      await expect(el).to.be.accessible();
      await el.start();
      await untilState(el, 'live');
      el.audio = true;
      await untilState(el, 'error');
      await controller.whenSettled();
      await aTimeout(100);
      expect(el.state, 'still the error once every pass is done').to.equal('error');
      expect(controller.videoTrack?.readyState, 'the camera goes on').to.equal('live');
      expect(controller.error?.device).to.equal('microphone');
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
      controller.dispose();
    }
  });

  it('a preview given audio while away from the page asks for the microphone when it comes back', async () => {
    const { name, controller } = sharedController('demand');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview autostart stream=${name}></media-preview>
      <media-preview stream=${name}></media-preview>
    </div>`);
    const [keeper, el] = [...wrapper.querySelectorAll('media-preview')] as MediaPreview[];
    await expect(el!).to.be.accessible();
    await untilState(keeper!, 'live');
    await el!.start();
    el!.remove();
    await aTimeout(0);
    el!.audio = true;
    await el!.updateComplete; // the change is taken while away
    wrapper.append(el!);
    await waitUntil(() => controller.audioTrack?.readyState === 'live', 'the microphone is asked for', { timeout: 8000 });
    await untilState(el!, 'live');
    await expect(el!).to.be.accessible();
  });
});
