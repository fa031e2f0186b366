import { expect } from '@open-wc/testing';
import { makeController, until } from './controller-helpers.js';

// chromium-y4m has ONE camera: nothing to move to when it is lost.
describe('MediaStreamController with a single camera: tracks that end together', () => {
  it('a webcam unplugged with its own microphone (both tracks end) is never live with ended tracks (injected ended on both)', async () => {
    const { controller, liveTracks } = makeController({ options: { video: true, audio: true } });
    await controller.start();
    expect(controller.devicesOf('videoinput')).to.have.length(1);
    const video = controller.videoTrack!;
    const audio = controller.audioTrack!;
    const publishedLive: boolean[] = [];
    controller.addEventListener('media-stream-change', (e) => {
      if (e.detail.stream) publishedLive.push(e.detail.stream.getTracks().every((t) => t.readyState === 'live'));
    });
    let endedEvents = 0;
    controller.addEventListener('media-track-ended', () => endedEvents++);
    video.dispatchEvent(new Event('ended'));
    audio.dispatchEvent(new Event('ended'));
    await until(() => endedEvents === 2, 'both track-ended events');
    await controller.whenSettled();
    expect(publishedLive, 'each stream had only live tracks when it was published').to.not.include(false);
    if (controller.state === 'live') {
      // Only where a microphone was there to move to.
      expect(controller.stream!.getTracks().every((t) => t.readyState === 'live'), 'live means live tracks').to.equal(true);
      expect(controller.stream!.getVideoTracks()).to.have.length(1);
    } else {
      expect(controller.state).to.equal('unavailable');
      expect(controller.error?.code).to.equal('device-lost');
      expect(controller.stream).to.equal(null);
    }
    controller.dispose();
    await controller.whenSettled();
    expect(liveTracks()).to.have.length(0);
  });
});
