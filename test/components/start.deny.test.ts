import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { deniesCamera, skipUnless } from '../helpers/env.js';
import { cleanupControllers, rejection, sharedController } from './utils.js';

// chromium-deny: Chromium refuses camera permission for real (NotAllowedError).
describe('start() on an element with the camera denied', () => {
  afterEach(cleanupControllers);

  it('denied camera: start() rejects with `permission-denied` and the element shows it', async () => {
    skipUnless(deniesCamera(), 'only the chromium-deny group refuses the camera for real');
    const { name } = sharedController('start');
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const err = await rejection(el.start(), 'permission-denied');
    expect(err.device).to.equal('camera');
    expect(el.state).to.equal('denied');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('after the denial the controller knows the devices there are (read after the failed request)', async () => {
    skipUnless(deniesCamera(), 'only the chromium-deny group refuses the camera for real');
    const { name, controller } = sharedController('start');
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await rejection(el.start(), 'permission-denied');
    await waitUntil(() => controller.devicesOf('videoinput').length > 0, 'the cameras are listed (without labels)', { timeout: 3000 });
    await expect(el).to.be.accessible();
  });
});
