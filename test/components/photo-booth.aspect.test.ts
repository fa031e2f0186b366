import { expect, waitUntil } from '@open-wc/testing';
import type { PhotoBooth } from '../../components/photo-booth/photo-booth.js';
import { isChromium, skipUnless } from '../helpers/env.js';
import { liveBooth, PhotoBoothElement } from './photo-booth.fixtures.js';
import { $, cleanupControllers, sharedController } from './utils.js';

/** Width over height of an element's box. */
const ratioOf = (el: Element): number => {
  const r = el.getBoundingClientRect();
  return r.width / r.height;
};

/** The stage's shape matches `ratio` within 1 %. */
async function stageReaches(el: PhotoBooth, ratio: number, what: string): Promise<void> {
  const stage = $(el, '[part~="stage"]')!;
  await waitUntil(() => Math.abs(ratioOf(stage) / ratio - 1) < 0.01, `${what}: stage ${ratioOf(stage).toFixed(3)} vs ${ratio.toFixed(3)}`, { timeout: 5000 });
}

describe('<photo-booth> stage follows the camera’s aspect unless the page sets one', () => {
  afterEach(cleanupControllers);
  expect(PhotoBoothElement).to.exist;

  it('takes the shape of the camera’s picture (no letterbox), and the page’s --photo-booth-aspect-ratio wins', async () => {
    const { name, controller } = sharedController('aspect');
    await controller.setOptions({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
    const el = await liveBooth('', name);
    el.style.inlineSize = '480px'; // wide enough that the stage's minimum height does not decide its shape
    await expect(el).to.be.accessible();
    const video = el.shadowRoot!.querySelector('video')!;
    const camera = video.videoWidth / video.videoHeight;
    await stageReaches(el, camera, 'the camera’s shape');
    el.style.setProperty('--photo-booth-aspect-ratio', '1 / 1');
    await stageReaches(el, 1, 'the page’s shape');
    el.style.removeProperty('--photo-booth-aspect-ratio');
    await stageReaches(el, camera, 'the camera’s shape again');
    // Kept while the camera is off: the stage does not jump back to 4:3.
    el.stop();
    await waitUntil(() => el.state === 'idle');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await stageReaches(el, camera, 'the last camera’s shape while off');
  });

  it('a 16:9 camera gives a 16:9 stage (Chromium’s fake camera gives 1280x720 exactly)', async () => {
    skipUnless(isChromium(), 'only Chromium’s fake camera is known here to give 1280x720 exactly');
    const { name, controller } = sharedController('aspect');
    await controller.setOptions({ video: { width: { exact: 1280 }, height: { exact: 720 } } });
    const el = await liveBooth('', name);
    el.style.inlineSize = '480px';
    await expect(el).to.be.accessible();
    await stageReaches(el, 16 / 9, '16:9');
  });
});
