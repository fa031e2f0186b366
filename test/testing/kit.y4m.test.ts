/**
 * The test kit with a camera that plays a known picture (the chromium-y4m group's
 * .cache/test-pattern.y4m, written by scripts/make-y4m.mjs, the same bytes as the kit's
 * writeY4m({ pattern: 'quadrants' }): test/examples/testing-kit.test.mjs checks that).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MediaPreview } from '../../components/media-preview/define.js';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import {
  QUADRANT_COLORS,
  type Quadrant,
  colorNear,
  readPixel,
  readQuadrants,
  waitForFrame,
  waitForPicture,
  waitForState,
  waitForTracksEnded,
  watchMediaTracks,
} from '../../src/testing/browser.js';

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

  it('readPixel and readQuadrants on a <photo-booth> itself (its preview canvas) with effect="invert": each quadrant reads its inverted colour, none the pattern', async () => {
    const el = await fixture<PhotoBooth>(html`<photo-booth stream="kit-y4m-2" effect="invert" autostart></photo-booth>`);
    await expect(el).to.be.accessible();
    await waitForState(el, 'live');
    await waitForPicture(el);
    const canvas = el.canvasElement!;
    const { width: w, height: h } = canvas;
    const inverted = (c: readonly number[]): number[] => c.slice(0, 3).map((v) => 255 - v);
    for (const q of Object.keys(QUADRANT_COLORS) as Quadrant[]) {
      const x = Math.floor(w * (q.endsWith('Left') ? 0.25 : 0.75));
      const y = Math.floor(h * (q.startsWith('top') ? 0.25 : 0.75));
      const px = await readPixel(el, x, y);
      // red reads cyan, green magenta, blue yellow, white black
      expect(colorNear(px, inverted(QUADRANT_COLORS[q])), `${q}: ${px.join(',')}`).to.equal(true);
    }
    expect(await readQuadrants(el)).to.deep.equal({ topLeft: null, topRight: null, bottomLeft: null, bottomRight: null });
  });
});
