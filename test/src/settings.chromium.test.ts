import { expect } from '@open-wc/testing';
import { MediaCaptureError } from '../../src/errors.js';
import type { MediaErrorEvent, MediaSettingsChangeEvent } from '../../src/events.js';
import { cameras, controllersPerTest } from './controller-helpers.js';

/** What a track reports, with the properties TypeScript's DOM types lack. */
const st = (t: MediaStreamTrack): Record<string, unknown> => t.getSettings() as Record<string, unknown>;

/** Every media-settings-change and media-error a controller fires. */
function record(target: EventTarget) {
  const settings: MediaSettingsChangeEvent[] = [];
  const errors: MediaErrorEvent[] = [];
  target.addEventListener('media-settings-change', (e) => settings.push(e as MediaSettingsChangeEvent));
  target.addEventListener('media-error', (e) => errors.push(e as MediaErrorEvent));
  return { settings, errors };
}

// Chromium's fake camera: frameRate 0..20, focusMode/exposureMode manual|continuous,
// focusDistance and exposureTime 10..100 step 5; no zoom, pan, tilt or torch.
describe('controller.applySettings (Chromium fake devices)', () => {
  const make = controllersPerTest();

  it('frameRate 15 is applied on the same track, with no new getUserMedia, and fires media-settings-change', async () => {
    const { controller, acquired } = make();
    await controller.start();
    const track = controller.videoTrack!;
    expect(st(track).frameRate).to.equal(20);
    const seen = record(controller);
    const settings = await controller.applySettings('video', { frameRate: 15 });
    expect(controller.videoTrack, 'the same track object').to.equal(track);
    expect(acquired, 'one getUserMedia call in all (onAcquire sees every stream the controller obtains)').to.have.length(1);
    expect(st(track).frameRate).to.equal(15);
    expect(settings?.frameRate).to.equal(15);
    expect(seen.errors).to.have.length(0);
    expect(seen.settings).to.have.length(1);
    expect(seen.settings[0].detail.kind).to.equal('video');
    expect(seen.settings[0].detail.changed).to.include('frameRate');
    expect(seen.settings[0].detail.settings.frameRate).to.equal(15);
    expect(seen.settings[0].bubbles && seen.settings[0].composed).to.equal(true);
    expect((controller.options.video as Record<string, unknown>).frameRate, 'kept as the stream option').to.deep.equal({ exact: 15, preferred: true });
  });

  it('focusDistance and exposureTime in manual mode are applied on the same track', async () => {
    const { controller, acquired } = make();
    await controller.start();
    const track = controller.videoTrack!;
    await controller.applySettings('video', { focusMode: 'manual', focusDistance: 35 });
    expect(st(track).focusMode).to.equal('manual');
    expect(st(track).focusDistance).to.equal(35);
    await controller.applySettings('video', { exposureMode: 'manual', exposureTime: 70 });
    expect(st(track).exposureTime).to.equal(70);
    expect(st(track).focusDistance, 'the earlier choice stays').to.equal(35);
    expect(controller.videoTrack).to.equal(track);
    expect(acquired).to.have.length(1);
    expect(controller.error).to.equal(null);
  });

  it('a refused value gives a typed overconstrained error naming the property in words, and the settings in force stay', async () => {
    const { controller, acquired } = make();
    await controller.start();
    const track = controller.videoTrack!;
    await controller.applySettings('video', { focusDistance: 40 });
    const seen = record(controller);
    const settings = await controller.applySettings('video', { focusDistance: 500 });
    expect(seen.errors).to.have.length(1);
    const err = seen.errors[0].detail.error;
    expect(err).to.be.instanceOf(MediaCaptureError);
    expect(err.code).to.equal('overconstrained');
    expect(err.constraint).to.equal('focusDistance');
    expect(err.message).to.contain('focus distance');
    expect(controller.error).to.equal(err);
    expect((settings as Record<string, unknown> | null)?.focusDistance, 'the setting in force').to.equal(40);
    expect(st(track).focusDistance).to.equal(40);
    expect((controller.options.video as Record<string, unknown>).focusDistance, 'the options go back to the value in force').to.deep.equal({ exact: 40, preferred: true });
    expect(seen.settings, 'nothing changed').to.have.length(0);
    expect(controller.state).to.equal('live');
    expect(controller.videoTrack).to.equal(track);
    expect(acquired).to.have.length(1);
    // zoom: the fake camera has none.
    await controller.applySettings('video', { zoom: 2 });
    expect(seen.errors.at(-1)!.detail.error.constraint).to.equal('zoom');
    expect(controller.videoTrack).to.equal(track);
  });

  it('chosen values survive a switch between the two fake cameras', async () => {
    const [, second] = await cameras();
    const { controller } = make();
    await controller.start();
    await controller.applySettings('video', { frameRate: 15, focusMode: 'manual', focusDistance: 25 });
    const first = controller.videoTrack!;
    const seen = record(controller);
    await controller.selectDevice('videoinput', second.deviceId);
    const now = controller.videoTrack!;
    expect(now).not.to.equal(first);
    expect(st(now).deviceId).to.equal(second.deviceId);
    expect(st(now).frameRate).to.equal(15);
    expect(st(now).focusDistance).to.equal(25);
    expect(seen.settings.map((e) => e.detail.changed).flat()).to.include('deviceId');
    expect(controller.error).to.equal(null);
  });

  it('fires media-settings-change when a script changes the options (not through applySettings)', async () => {
    const { controller } = make();
    await controller.start();
    const seen = record(controller);
    await controller.setOptions({ video: { frameRate: 10 } });
    expect(st(controller.videoTrack!).frameRate).to.equal(10);
    expect(seen.settings).to.have.length(1);
    expect(seen.settings[0].detail.changed).to.include('frameRate');
  });

  it('set while idle, the values apply when capture starts', async () => {
    const { controller } = make();
    await controller.applySettings('video', { frameRate: 12 });
    await controller.start();
    expect(st(controller.videoTrack!).frameRate).to.equal(12);
  });

  it('a value removed (undefined) leaves the options and is no longer asked for', async () => {
    const { controller } = make();
    await controller.start();
    await controller.applySettings('video', { frameRate: 10 });
    await controller.applySettings('video', { frameRate: undefined });
    expect(controller.options.video).not.to.have.property('frameRate');
    expect(controller.videoTrack!.getConstraints()).not.to.have.property('frameRate');
    expect(controller.error).to.equal(null);
  });

  it('microphone: channelCount 2 and echoCancellation off take effect (Chromium needs a new track of the same device for them)', async () => {
    const { controller } = make({ options: { video: false, audio: true } });
    await controller.start();
    const device = st(controller.audioTrack!).deviceId;
    const seen = record(controller);
    await controller.applySettings('audio', { echoCancellation: false });
    expect(st(controller.audioTrack!).echoCancellation).to.equal(false);
    expect(seen.settings.at(-1)?.detail.changed).to.include('echoCancellation');
    await controller.applySettings('audio', { channelCount: 2 });
    expect(st(controller.audioTrack!).channelCount).to.equal(2);
    expect(seen.settings.at(-1)?.detail.changed).to.include('channelCount');
    expect(st(controller.audioTrack!).echoCancellation, 'the earlier choice stays').to.equal(false);
    expect(st(controller.audioTrack!).deviceId).to.equal(device);
    expect(seen.errors).to.have.length(0);
    expect(seen.settings.every((e) => e.detail.kind === 'audio')).to.equal(true);
  });
});
