import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { deniesCamera } from '../helpers/env.js';
import { $, cleanupControllers, sharedController, supportsStateSelector, untilState } from './utils.js';

// chromium-deny: Chromium refuses camera permission for real (NotAllowedError).
describe('denied camera permission (real NotAllowedError)', () => {
  afterEach(cleanupControllers);
  before(function () {
    if (!deniesCamera()) this.skip();
  });

  it('<media-preview autostart> shows the denied view with how to re-allow the camera', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'denied');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(controller.error?.code).to.equal('permission-denied');
    expect($(el, '.panel.denied')).to.exist;
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal(controller.error!.message);
    expect(controller.error!.message).to.equal('Camera access was blocked.');
    expect($(el, '[part~="advice"]')!.textContent!.trim()).to.equal(controller.error!.advice);
    expect(controller.error!.advice).to.match(/address bar/);
    expect($(el, '[part~="retry-button"]')).to.exist;
    if (supportsStateSelector(el)) expect(el.matches(':state(denied)')).to.equal(true);
    expect(el.getAttribute('state')).to.equal('denied');
    expect($(el, '[role="status"]')!.textContent!.trim()).to.equal(controller.error!.message);
    expect(controller.stream).to.equal(null);
  });

  it('the start control leads to the denied view; retry asks again and stays denied', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    $(el, '[part~="start-button"]')!.click();
    await untilState(el, 'denied');
    $(el, '[part~="retry-button"]')!.click();
    await controller.whenSettled();
    await el.updateComplete;
    expect(el.state).to.equal('denied');
    await expect(el).to.be.accessible();
  });

  it('<media-device-picker> shows the denied view instead of nameless devices', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    await untilState(picker, 'denied');
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    expect($(picker, 'select')).to.equal(null);
    expect($(picker, '.panel.denied [part~="advice"]')!.textContent).to.match(/address bar/);
    $(picker, '[part~="retry-button"]')!.click();
    await waitUntil(() => picker.state === 'denied' && !$(picker, '[part~="retry-button"][disabled]'), 'asked again', { timeout: 5000 });
    expect(picker.value).to.equal('');
  });
});
