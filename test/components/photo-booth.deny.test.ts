import { expect, fixture, html } from '@open-wc/testing';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import { MediaCaptureError } from '../../src/errors.js';
import { deniesCamera } from '../helpers/env.js';
import { $, cleanupControllers, sharedController, supportsStateSelector, untilState } from './utils.js';

void PhotoBooth; // the define module registers the tag

// chromium-deny: Chromium refuses camera permission for real (NotAllowedError).
describe('<photo-booth> with camera permission denied (real NotAllowedError)', () => {
  afterEach(cleanupControllers);
  before(function () {
    if (!deniesCamera()) this.skip();
  });

  it('shows the denied view with advice and retry; capture() rejects with not-live', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    $(el, '[part~="start-button"]')!.click();
    await untilState(el, 'denied');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(controller.error?.code).to.equal('permission-denied');
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal(controller.error!.message);
    expect($(el, '[part~="advice"]')!.textContent!.trim()).to.equal(controller.error!.advice);
    expect($(el, '[part~="retry-button"]')).to.exist;
    expect($(el, '[part~="shutter"]')).to.equal(null);
    if (supportsStateSelector(el)) expect(el.matches(':state(denied)')).to.equal(true);
    const err = await el.capture().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MediaCaptureError).with.property('code', 'not-live');
    $(el, '[part~="retry-button"]')!.click();
    await controller.whenSettled();
    await el.updateComplete;
    expect(el.state).to.equal('denied');
    expect(controller.stream).to.equal(null);
  });
});
