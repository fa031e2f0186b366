/**
 * The test kit with a camera that plays a known picture (the chromium-y4m group's
 * .cache/test-pattern.y4m, written by scripts/make-y4m.mjs, the same bytes as the kit's
 * writeY4m({ pattern: 'quadrants' }): test/examples/testing-kit.test.mjs checks that).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MediaPreview } from '../../components/media-preview/define.js';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import { readQuadrants, waitForFrame, waitForState, waitForTracksEnded, watchMediaTracks } from '../../src/testing/browser.js';

const defined = [MediaPreview, PhotoBooth]; // registered by their define modules

describe('test kit with a known camera picture', function () {
  this.timeout(30_000);
  before(() => {
    expect(defined.every((c) => typeof c === 'function')).to.equal(true);
    watchMediaTracks();
  });
  afterEach(async () => {
    document.querySelectorAll('media-preview, photo-booth').forEach((el) => el.remove());
    await waitForTracksEnded();
  });

  it('readQuadrants reads the pattern from <media-preview>\'s video', async () => {
    const el = await fixture<MediaPreview>(html`<media-preview stream="kit-y4m" autostart></media-preview>`);
    await expect(el).to.be.accessible();
    await waitForState(el, 'live');
    await waitForFrame(el);
    expect(await readQuadrants(el)).to.deep.equal({ topLeft: 'topLeft', topRight: 'topRight', bottomLeft: 'bottomLeft', bottomRight: 'bottomRight' });
  });

  it('readQuadrants on a <photo-booth> with effect="invert": no quadrant reads as the pattern', async () => {
    const el = await fixture<PhotoBooth>(html`<photo-booth stream="kit-y4m-2" effect="invert" autostart></photo-booth>`);
    await expect(el).to.be.accessible();
    await waitForState(el, 'live');
    const file = await el.capture();
    const img = new Image();
    img.src = URL.createObjectURL(file);
    await img.decode();
    // Inverted: red reads cyan, white reads black: none of the four.
    expect(await readQuadrants(img)).to.deep.equal({ topLeft: null, topRight: null, bottomLeft: null, bottomRight: null });
    URL.revokeObjectURL(img.src);
  });
});
