// The app's camera page, tested in Chromium and Firefox (and WebKitGTK) with fake cameras,
// with the test kit. Run: npx web-test-runner --config web-test-runner.config.mjs
import { expect, oneEvent } from '@open-wc/testing';
import {
  canInjectTrackEvents,
  expectNoLiveTracks,
  failNextCamera,
  readPixel,
  setPermission,
  unplug,
  waitForFrame,
  waitForState,
  waitForTracksEnded,
  watchMediaTracks,
} from 'media-capture-elements/testing';
import { renderCameraPage } from './camera-page.js';

const isChromium = navigator.userAgent.includes('Chrome/');

describe('camera page', function () {
  this.timeout(20_000);
  let container;

  before(() => watchMediaTracks()); // before the page asks for a camera
  beforeEach(() => document.body.append((container = document.createElement('main'))));
  afterEach(async () => {
    container.remove();
    await waitForTracksEnded(); // every test leaves the camera off
    expectNoLiveTracks();
  });

  it('the preview goes live with the fake camera and shows its picture', async () => {
    const preview = renderCameraPage(container);
    await expect(preview).to.be.accessible();
    preview.start();
    await waitForState(preview, 'live');
    await waitForFrame(preview);
    await expect(preview).to.be.accessible();
    const [, , , alpha] = await readPixel(preview, 10, 10);
    expect(alpha).to.equal(255);
  });

  it('leaving the page turns the camera off', async () => {
    const preview = renderCameraPage(container);
    preview.start();
    await waitForState(preview, 'live');
    container.remove();
    await waitForTracksEnded();
  });

  it('a camera that fails as it starts shows why, and retry brings it back (injected)', async () => {
    const preview = renderCameraPage(container);
    await expect(preview).to.be.accessible();
    failNextCamera({ times: 2 }); // the kit tries a busy camera once more before it gives up
    preview.start().catch(() => {}); // rejects with the error the preview shows
    await waitForState(preview, 'error');
    await expect(preview).to.be.accessible();
    expect(preview.controller.error.code).to.equal('not-readable');
    await preview.retry();
    await waitForState(preview, 'live');
  });

  it('an unplugged camera: the page moves to the other camera and the picker says so (injected)', async function () {
    const preview = renderCameraPage(container);
    const picker = container.querySelector('media-device-picker');
    preview.start();
    await waitForState(preview, 'live');
    const [track] = preview.stream.getVideoTracks();
    if (!canInjectTrackEvents(track)) this.skip(); // Firefox delivers no event dispatched from script on a track
    const ended = oneEvent(picker, 'media-track-ended');
    unplug(track);
    const { detail } = await ended;
    expect(detail.fallbackDeviceId, 'the second fake camera').to.be.a('string').and.not.equal(track.getSettings().deviceId);
    await waitForState(preview, 'live');
    await expect(picker).to.be.accessible();
  });

  it('permission revoked while live: the camera stops and the page hears why (Chromium, for real through CDP)', async function () {
    if (!isChromium) this.skip(); // only Chromium lets a test change a permission
    const preview = renderCameraPage(container);
    preview.start();
    await waitForState(preview, 'live');
    const [track] = preview.stream.getVideoTracks();
    const error = oneEvent(preview, 'media-error');
    try {
      await setPermission('camera', 'denied');
      expect((await error).detail.error.code).to.equal('permission-denied');
      await waitForTracksEnded([track]);
    } finally {
      await setPermission('camera', 'granted');
    }
  });
});
