/**
 * The browser side of the test kit (media-capture-elements/testing), used on our own
 * <media-preview> and <photo-booth> as a user would use it, with each engine's fake camera.
 * (examples/testing runs the kit from the packed tarball: test/examples/testing-kit.test.mjs.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MediaPreview } from '../../components/media-preview/define.js';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import {
  canInjectTrackEvents,
  colorNear,
  expectNoLiveTracks,
  failNextCamera,
  liveTracks,
  mute,
  readPixel,
  readPixels,
  unplug,
  waitForFrame,
  waitForPicture,
  waitForState,
  waitForTracksEnded,
  watchMediaTracks,
} from '../../src/testing/browser.js';
import { skipUnless } from '../helpers/env.js';

let n = 0;
const streamName = (): string => `kit-${Date.now().toString(36)}-${++n}`;

const defined = [MediaPreview, PhotoBooth]; // registered by their define modules

describe('test kit (browser side)', function () {
  this.timeout(30_000);
  before(() => {
    expect(defined.every((c) => typeof c === 'function')).to.equal(true);
    watchMediaTracks();
  });
  afterEach(async () => {
    document.querySelectorAll('media-preview, photo-booth').forEach((el) => el.remove());
    await waitForTracksEnded();
    expectNoLiveTracks();
  });

  it('waitForState, waitForFrame and readPixel on a live <media-preview>; the leak check sees its track until it leaves', async () => {
    const el = await fixture<MediaPreview>(html`<media-preview stream=${streamName()}></media-preview>`);
    await expect(el).to.be.accessible();
    const live = el.start();
    await waitForState(el, 'live');
    await live;
    await waitForFrame(el);
    await expect(el).to.be.accessible();
    const [, , , alpha] = await readPixel(el, 4, 4);
    expect(alpha).to.equal(255);
    expect(liveTracks().length, 'the camera is on').to.be.at.least(1);
    expect(() => expectNoLiveTracks()).to.throw(/still on: video/);
    el.remove();
    await waitForTracksEnded();
    expectNoLiveTracks();
  });

  it('waitForState rejects with the state it is in after its timeout; waitForTracksEnded with the tracks still live', async () => {
    const el = await fixture<MediaPreview>(html`<media-preview stream=${streamName()}></media-preview>`);
    await expect(el).to.be.accessible();
    const err = await waitForState(el, 'live', { timeout: 50 }).catch((e: Error) => e);
    expect(String(err)).to.match(/timed out after 50 ms waiting for state "live" \(it is "idle"\)/);
    await el.start();
    const leak = await waitForTracksEnded(undefined, { timeout: 50 }).catch((e: Error) => e);
    expect(String(leak)).to.match(/still live: video/);
  });

  it('waitForPicture and readPixels read <photo-booth>\'s live canvas (drawn in a worker in Chromium) at its own size', async () => {
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${streamName()} autostart></photo-booth>`);
    await expect(el).to.be.accessible();
    await waitForState(el, 'live');
    await waitForFrame(el);
    await waitForPicture(el); // the preview canvas, once a frame reached it
    const px = await readPixels(el, 0, 0, 2, 2);
    expect(px.length).to.equal(16);
    expect(px[3]).to.equal(255);
  });

  it('failNextCamera (injected): the preview shows a camera that cannot start, and retry brings it back', async () => {
    const el = await fixture<MediaPreview>(html`<media-preview stream=${streamName()}></media-preview>`);
    await expect(el).to.be.accessible();
    const restore = failNextCamera({ times: 2 });
    try {
      el.start().catch(() => {});
      await waitForState(el, 'error');
      await expect(el).to.be.accessible();
      expect(el.controller.error?.code).to.equal('not-readable');
    } finally {
      restore();
    }
    await el.retry();
    await waitForState(el, 'live');
  });

  it('unplug and mute (injected) reach the element as a real unplug and mute would', async function () {
    const el = await fixture<MediaPreview>(html`<media-preview stream=${streamName()}></media-preview>`);
    await expect(el).to.be.accessible();
    await el.start();
    const track = el.controller.videoTrack!;
    skipUnless(canInjectTrackEvents(track), 'this engine does not deliver synthetic events dispatched on a MediaStreamTrack', this);
    mute(track);
    await waitForStateAttr(el, 'muted');
    await expect(el).to.be.accessible();
    mute(track, false);
    unplug(track);
    expect(track.readyState).to.equal('ended');
    await new Promise<void>((resolve) => {
      const check = (): void => (el.controller.videoTrack !== track ? resolve() : void requestAnimationFrame(check));
      check();
    });
    await expect(el).to.be.accessible();
  });

  it('colorNear compares within the pattern tolerance', () => {
    expect(colorNear([250, 3, 10], [255, 0, 0])).to.equal(true);
    expect(colorNear([200, 0, 0], [255, 0, 0])).to.equal(false);
    expect(colorNear([200, 0, 0], [255, 0, 0], 60)).to.equal(true);
  });
});

/** Until the element shows its muted state (the `muted` attribute or custom state). */
function waitForStateAttr(el: Element, name: string): Promise<void> {
  return new Promise((resolve) => {
    const has = (): boolean => el.hasAttribute(name) || (el.shadowRoot?.querySelector('[part~="muted-overlay"]') ?? null) !== null;
    if (has()) return resolve();
    const mo = new MutationObserver(() => {
      if (has()) {
        mo.disconnect();
        resolve();
      }
    });
    mo.observe(el, { attributes: true, subtree: true });
    mo.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
  });
}
