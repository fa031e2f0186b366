import { expect } from '@open-wc/testing';
import { holdGetUserMedia } from '../helpers/held-gum.js';
import { skipUnless } from '../helpers/env.js';
import { controllersPerTest, until } from './controller-helpers.js';

// Chromium whose one camera plays a y4m file: a camera that goes away has no other camera to
// move to, so the controller reports it lost.
describe('MediaStreamController: defects found by reading it (one camera)', () => {
  const make = controllersPerTest();

  it('a camera lost while a pass adds the microphone: that pass does not publish over the failure (defect 2; injected: the camera track\'s ended event, and the microphone\'s getUserMedia held until it is handled, as a slow device would)', async () => {
    const { controller, liveTracks } = make();
    await controller.start();
    expect(controller.devicesOf('videoinput')).to.have.length(1);
    const errors: string[] = [];
    controller.addEventListener('media-error', (e) => errors.push(`${e.detail.error.code}:${e.detail.error.device}`));
    const hold = holdGetUserMedia((c) => !!c.audio && !c.video);
    try {
      const adding = controller.setOptions({ audio: true });
      await hold.held();
      controller.videoTrack!.dispatchEvent(new Event('ended'));
      await until(() => errors.includes('device-lost:camera'), 'the lost camera is handled while the pass waits');
      hold.release();
      await adding;
    } finally {
      hold.restore();
    }
    await controller.whenSettled();
    // Before: the pass published its microphone over the failure: live, audio only, error null.
    expect(controller.error?.code, 'the loss is not wiped out').to.equal('device-lost');
    expect(controller.videoTrack).to.equal(null);
    expect(controller.stateFor({ video: true })).to.equal('unavailable');
    expect(liveTracks()).to.have.members(controller.stream?.getTracks() ?? []);
  });

  it('a camera lost while a microphone switch waits: the switch is carried out all the same (injected: the camera track\'s ended event, and the microphone\'s getUserMedia held until it is handled)', async () => {
    const mics = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput' && d.deviceId);
    skipUnless(mics.length >= 2, 'needs two microphones');
    const { controller, liveTracks } = make({ options: { video: true, audio: true } });
    await controller.start();
    const other = mics.find((m) => m.deviceId !== controller.currentDeviceId('audioinput'))!;
    const errors: string[] = [];
    controller.addEventListener('media-error', (e) => errors.push(`${e.detail.error.code}:${e.detail.error.device}`));
    const hold = holdGetUserMedia((c) => !!c.audio && !c.video);
    try {
      const switching = controller.selectDevice('audioinput', other.deviceId, { remember: false });
      await hold.held();
      controller.videoTrack!.dispatchEvent(new Event('ended'));
      await until(() => errors.includes('device-lost:camera'), 'the lost camera is handled while the switch waits');
      hold.release();
      await switching;
    } finally {
      hold.restore();
    }
    await controller.whenSettled();
    expect(controller.currentDeviceId('audioinput') === other.deviceId, 'on the chosen microphone').to.equal(true);
    expect(controller.audioTrack?.readyState).to.equal('live');
    expect(controller.stateFor({ audio: true })).to.equal('live');
    expect(controller.stateFor({ video: true })).to.equal('unavailable');
    expect(liveTracks()).to.have.members(controller.stream!.getTracks());
  });
});
