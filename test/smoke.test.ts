import { expect } from '@open-wc/testing';
import { group, isChromium, isFirefox, isWebKit } from './helpers/env.js';

// Proves that every group's browser hands out a fake camera: runs in chromium, firefox and webkit.
describe('smoke: fake camera', () => {
  it('knows which group it runs in', () => {
    expect(['chromium', 'firefox', 'webkit']).to.include(group());
    expect([isChromium(), isFirefox(), isWebKit()].filter(Boolean)).to.have.length(1);
  });

  it('getUserMedia gives a live video track, and stop() ends it', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    const [track] = stream.getVideoTracks();
    try {
      expect(stream.getTracks()).to.have.length(1);
      expect(track.kind).to.equal('video');
      expect(track.readyState).to.equal('live');
      const { width, height } = track.getSettings();
      expect(width).to.be.greaterThan(0);
      expect(height).to.be.greaterThan(0);
    } finally {
      track.stop();
    }
    expect(track.readyState).to.equal('ended');
  });

  it('lists at least one camera after permission', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    stream.getTracks().forEach((t) => t.stop());
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    expect(cameras.length).to.be.greaterThan(0);
    expect(cameras[0].label).to.not.equal('');
  });
});
