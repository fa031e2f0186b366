import { expect } from '@open-wc/testing';
import { controllersPerTest, until } from './controller-helpers.js';
import { skipUnless } from '../helpers/env.js';

async function microphones(): Promise<MediaDeviceInfo[]> {
  const s = await navigator.mediaDevices.getUserMedia({ audio: true });
  s.getTracks().forEach((t) => t.stop());
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
}

/**
 * Found by a review of the redesign: what a consumer sees when one kind failed beside the other,
 * and what brings a failed kind back. The microphone "fails as it starts" by injection (its new
 * track is stopped as getUserMedia hands it over), which no engine here can do on demand.
 */
describe('MediaStreamController: one kind failed beside the other (injected: a microphone that fails as it starts)', () => {
  const make = controllersPerTest();
  let brokenMic = false;
  const onAcquire = (s: MediaStream) => {
    if (brokenMic) for (const t of s.getAudioTracks()) t.stop();
  };
  beforeEach(() => {
    brokenMic = false;
  });

  it('a consumer of the failed kind sees its error, not requesting; a later error of the other kind and its cure leave it so', async () => {
    const { controller } = make({ onAcquire });
    const camera = {};
    const meter = {};
    await controller.request(camera, { video: true });
    brokenMic = true;
    await controller.request(meter, { audio: true });
    await controller.whenSettled();
    expect(controller.stateFor({ audio: true })).to.equal('error');
    expect(controller.stateFor({ video: true })).to.equal('live');
    await controller.selectDevice('videoinput', 'no-such-camera', { remember: false });
    expect(controller.error?.code).to.equal('not-found');
    expect(controller.stateFor({ audio: true }), 'the meter still sees its own error').to.equal('error');
    await controller.selectDevice('videoinput', '', { remember: false });
    expect(controller.videoTrack?.readyState).to.equal('live');
    expect(controller.error?.device, 'the error left is the microphone\'s').to.equal('microphone');
    expect(controller.stateFor({ audio: true })).to.equal('error');
  });

  it('stop() forgets a failed kind: asked for again, it is tried again', async () => {
    const { controller } = make({ onAcquire });
    const c = {};
    await controller.request(c, { video: true });
    brokenMic = true;
    await controller.request(c, { video: true, audio: true });
    expect(controller.stateFor({ audio: true })).to.equal('error');
    controller.stop();
    brokenMic = false;
    await controller.request(c, { video: true });
    await controller.request(c, { video: true, audio: true });
    expect(controller.audioTrack?.readyState).to.equal('live');
    expect(controller.error).to.equal(null);
  });

  it('a new consumer that needs a failed kind tries it again at once', async () => {
    const { controller, acquired } = make({ onAcquire });
    const recorder = {};
    await controller.request(recorder, { video: true });
    brokenMic = true;
    await controller.request(recorder, { video: true, audio: true });
    expect(controller.stateFor({ audio: true })).to.equal('error');
    brokenMic = false;
    const before = acquired.length;
    await controller.request({}, { audio: true });
    expect(acquired.length, 'a new getUserMedia').to.be.greaterThan(before);
    expect(controller.audioTrack?.readyState).to.equal('live');
    expect(controller.stateFor({ video: true, audio: true })).to.equal('live');
  });

  it('a failed microphone switch puts back only the microphone\'s options: a camera change made with it stands', async () => {
    const mics = await microphones();
    skipUnless(mics.length >= 1, 'needs a microphone');
    const { controller } = make();
    await controller.request({}, { video: true, audio: true });
    const mic = controller.audioTrack!;
    await controller.setOptions({ video: { width: 640, height: 480 }, audio: { deviceId: 'no-such-microphone' } });
    expect(controller.error?.code).to.equal('not-found');
    expect(controller.audioTrack === mic && mic.readyState === 'live', 'the microphone in use is kept').to.equal(true);
    expect((controller.options.video as { width?: number }).width, 'the camera change stands').to.equal(640);
    await until(() => controller.getSettings('video')?.width === 640, 'the camera at 640');
  });
});
