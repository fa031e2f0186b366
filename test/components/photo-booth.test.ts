import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PhotoBooth, PhotoCaptureEvent } from '../../components/photo-booth/define.js';
import { MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';
import { decode, maxChannelSpread } from '../capture/support.js';
import { $, cleanupControllers, focusedPart, isShown, sharedController, supportsStateSelector, untilState } from './utils.js';
import { FixedStateController, liveBooth, press, shutter, status } from './photo-booth.fixtures.js';

describe('<photo-booth>', function () {
  this.timeout(30_000);
  afterEach(cleanupControllers);

  it('is defined once, and define.ts is safe to load twice', async () => {
    await import('../../components/photo-booth/define.js?again' as string).catch(() => null);
    expect(customElements.get('photo-booth')).to.equal(PhotoBooth);
  });

  it('without autostart shows a start control and does not turn the camera on', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    expect(el.state).to.equal('idle');
    expect($(el, '[part~="start-button"]')!.textContent!.trim()).to.equal('Turn on camera');
    expect(isShown($(el, '[part~="shutter"]'))).to.equal(false);
    await aTimeout(200);
    expect(controller.stream).to.equal(null);
    // An idle booth has no pipeline yet: no canvas, no WebGL context, no worker.
    expect(el.canvasElement === null, 'no preview canvas before the camera is started').to.equal(true);
    expect(el.activeRenderer).to.equal(null);
    $(el, '[part~="start-button"]')!.click();
    await untilState(el, 'live');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(isShown(el.canvasElement)).to.equal(true);
    expect(el.canvasElement!.getAttribute('aria-label')).to.equal('Camera preview');
    expect(isShown(shutter(el))).to.equal(true);
    if (supportsStateSelector(el)) expect(el.matches(':state(live)')).to.equal(true);
  });

  it('shows each state with its own view, accessible in every state', async () => {
    const views: Record<Exclude<CaptureState, 'live'>, [MediaStreamController, string]> = {
      idle: [new FixedStateController('idle'), 'start-button'],
      requesting: [new FixedStateController('requesting'), 'panel'],
      denied: [new FixedStateController('denied', new MediaCaptureError('permission-denied')), 'retry-button'],
      unavailable: [new FixedStateController('unavailable', new MediaCaptureError('not-found')), 'retry-button'],
      error: [new FixedStateController('error', new MediaCaptureError('not-readable')), 'retry-button'],
    };
    for (const [state, [controller, part]] of Object.entries(views)) {
      const el = await fixture<PhotoBooth>(html`<photo-booth .controller=${controller}></photo-booth>`);
      await expect(el).to.be.accessible();
      expect(el.state, state).to.equal(state);
      expect($(el, `.panel.${state}`), `${state} view`).to.exist;
      expect(isShown($(el, `[part~="${part}"]`)), `${state}: ${part}`).to.equal(true);
      expect(isShown(el.canvasElement), `${state}: no preview`).to.equal(false);
      if (controller.error) {
        expect($(el, '[part~="message"]')!.textContent).to.contain(controller.error.message);
        expect($(el, '[part~="advice"]')!.textContent).to.contain(controller.error.advice);
      }
      if (supportsStateSelector(el)) expect(el.matches(`:state(${state})`), `:state(${state})`).to.equal(true);
      const err = await el.capture().catch((e: unknown) => e);
      expect(err, `${state}: capture()`).to.be.instanceOf(MediaCaptureError).with.property('code', 'not-live');
      el.remove();
      controller.dispose();
    }
  });

  it('the retry button of the error view asks again', async () => {
    const controller = new FixedStateController('error', new MediaCaptureError('not-readable'));
    const el = await fixture<PhotoBooth>(html`<photo-booth .controller=${controller}></photo-booth>`);
    await expect(el).to.be.accessible();
    let retried = 0;
    controller.retry = () => {
      retried++;
      return Promise.resolve();
    };
    $(el, '[part~="retry-button"]')!.click();
    expect(retried).to.equal(1);
    el.remove();
    controller.dispose();
  });

  it('capture() before the camera is live rejects with a typed not-live error', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    const err = await el.capture().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MediaCaptureError);
    expect((err as MediaCaptureError).code).to.equal('not-live');
    expect(el.value).to.equal(null);
    expect(controller.stream).to.equal(null);
  });

  it('capture() gives a File of the track size and fires photo-capture; it becomes the value', async () => {
    const { name, controller } = sharedController();
    const el = await liveBooth('effect="sepia"', name);
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'photo-capture');
    let typed: File | null = null;
    el.addEventListener('photo-capture', (ev) => (typed = ev.detail.file)); // typed through GlobalEventHandlersEventMap
    const file = await el.capture();
    const e = (await event) as PhotoCaptureEvent;
    expect(e).to.be.instanceOf(PhotoCaptureEvent);
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    expect(file).to.be.instanceOf(File);
    expect(file.type).to.equal('image/jpeg');
    const { width, height } = controller.videoTrack!.getSettings();
    const img = await decode(file);
    expect([img.width, img.height]).to.deep.equal([width, height]);
    expect(e.detail).to.deep.equal({ file, width, height, effect: 'sepia', encoder: 'worker' });
    expect(typed).to.equal(file);
    expect(el.value).to.equal(file);
    expect(el.photos).to.deep.equal([file]);
    await el.updateComplete;
    const thumb = $(el, '[part~="thumbnail"]') as HTMLImageElement;
    expect(thumb.alt).to.equal('Photo 1');
    // The strip shows a small copy of the photo, made after the photo is out.
    await waitUntil(() => thumb.src.startsWith('blob:'), 'the thumbnail is shown', { timeout: 5000 });
    await thumb.decode();
    expect(thumb.naturalHeight, 'a small copy, not the camera-size photo').to.be.at.most(129);
    expect(status(el)).to.equal('Photo taken.');
    await expect(el).to.be.accessible();
  });

  it('applies the effect to photos (grayscale PNG: R = G = B)', async () => {
    const el = await liveBooth('effect="grayscale" format="image/png"');
    const file = await el.capture();
    expect(file.type).to.equal('image/png');
    expect(maxChannelSpread(await decode(file))).to.be.at.most(3);
    el.effect = 'none';
    el.saturation = 0;
    await el.updateComplete;
    expect(maxChannelSpread(await decode(await el.capture()))).to.be.at.most(3);
  });

  it('is a form control: the photo is a File in FormData; required; reset clears it', async () => {
    const { name } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form>
      <photo-booth name="selfie" required autostart stream=${name}></photo-booth>
    </form>`);
    const el = form.querySelector('photo-booth')!;
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(el.validity.valueMissing).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).get('selfie')).to.equal(null);
    await untilState(el, 'live');
    await expect(el).to.be.accessible();
    const file = await el.capture();
    await el.updateComplete;
    const sent = new FormData(form).get('selfie');
    expect(sent).to.be.instanceOf(File);
    expect((sent as File).size).to.equal(file.size);
    expect((sent as File).type).to.equal(file.type);
    expect(el.validity.valid).to.equal(true);
    expect(form.checkValidity()).to.equal(true);
    if (supportsStateSelector(el)) expect(el.matches(':state(has-value)')).to.equal(true);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(new FormData(form).get('selfie')).to.equal(null);
    expect(el.validity.valueMissing).to.equal(true);
  });

  it('review: a photo waits for accept (sets the value) or retake (discards it)', async () => {
    const el = await liveBooth('review name="photo"');
    const changes: Event[] = [];
    el.addEventListener('change', (e) => changes.push(e));
    const first = await el.capture();
    await el.updateComplete;
    expect(el.value, 'no value before accept').to.equal(null);
    expect(isShown($(el, '[part~="review"]'))).to.equal(true);
    expect(($(el, '[part~="review-image"]') as HTMLImageElement).src).to.match(/^blob:/);
    const download = $(el, '[part~="download-button"]') as HTMLAnchorElement;
    expect(download.href).to.match(/^blob:/);
    expect(download.getAttribute('download')).to.equal(first.name);
    expect(status(el)).to.contain('Photo taken');
    if (supportsStateSelector(el)) expect(el.matches(':state(review)')).to.equal(true);
    await expect(el).to.be.accessible();
    const reviewUrl = download.href;
    // retake: discarded, back to the live view, its URL revoked
    ($(el, '[part~="retake-button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(el.photos).to.deep.equal([]);
    expect(isShown(shutter(el))).to.equal(true);
    expect(changes).to.have.length(0);
    expect(await fetch(reviewUrl).then(() => 'fetched', () => 'revoked')).to.equal('revoked');
    // accept: the value, the strip and a change event
    const second = await el.capture();
    await el.updateComplete;
    ($(el, '[part~="accept-button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.value).to.equal(second);
    expect(el.photos).to.deep.equal([second]);
    expect(changes).to.have.length(1);
    expect(isShown($(el, '[part~="review"]'))).to.equal(false);
    expect(status(el)).to.equal('Photo kept.');
    await expect(el).to.be.accessible();
  });

  it('countdown: announced each second, cancelled with Escape', async () => {
    const el = await liveBooth('countdown="3"');
    const button = shutter(el);
    expect(button.textContent!.trim()).to.equal('Take photo in 3 seconds');
    let captured = 0;
    el.addEventListener('photo-capture', () => captured++);
    button.focus();
    button.click();
    await el.updateComplete;
    expect(status(el)).to.equal('3');
    expect($(el, '[part~="countdown"]')!.textContent!.trim()).to.equal('3');
    if (supportsStateSelector(el)) expect(el.matches(':state(countdown)')).to.equal(true);
    await expect(el).to.be.accessible();
    await waitUntil(() => status(el) === '2', 'announces 2', { timeout: 3000 });
    expect(shutter(el).textContent!.trim()).to.equal('Cancel countdown');
    await press('Escape');
    await el.updateComplete;
    expect($(el, '[part~="countdown"]')).to.equal(null);
    expect(status(el)).to.equal('Countdown cancelled.');
    await aTimeout(2500);
    expect(captured).to.equal(0);
    expect(el.value).to.equal(null);
  });

  it('countdown: runs out and takes the photo (script capture with { countdown: true })', async () => {
    const el = await liveBooth('countdown="1"');
    const started = performance.now();
    const file = await el.capture({ countdown: true });
    expect(performance.now() - started).to.be.at.least(900);
    expect(el.value).to.equal(file);
    // Without the option, capture() does not wait: no countdown shows and nothing counts down
    // (checked by what the element shows, not by a time bound that a loaded machine can miss).
    let counted = false;
    const watch = new MutationObserver(() => (counted ||= !!$(el, '[part~="countdown"]')));
    watch.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await el.capture();
    watch.disconnect();
    expect(counted, 'a countdown during a capture() without the option').to.equal(false);
  });

  it('keyboard: Space and Enter on the shutter take a photo', async () => {
    const el = await liveBooth();
    const changes: Event[] = [];
    el.addEventListener('change', (e) => changes.push(e));
    shutter(el).focus();
    for (const key of ['Space', 'Enter'] as const) {
      const event = oneEvent(el, 'photo-capture');
      await press(key);
      const e = (await event) as PhotoCaptureEvent;
      expect(e.detail.file, key).to.be.instanceOf(File);
      await waitUntil(() => !shutter(el).hasAttribute('aria-disabled'), 'shutter ready again', { timeout: 8000 });
      shutter(el).focus();
    }
    await waitUntil(() => changes.length === 2, 'two change events');
    expect(el.photos).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('keyboard: the focus stays on the shutter through each photo (no re-focus between presses)', async () => {
    const el = await liveBooth();
    shutter(el).focus();
    for (const key of ['Space', 'Enter'] as const) {
      const event = oneEvent(el, 'photo-capture');
      await press(key);
      await event;
      await el.updateComplete;
      expect(focusedPart(el), `${key}: the focus after the photo`).to.equal('shutter');
      await waitUntil(() => !shutter(el).hasAttribute('aria-disabled'), 'shutter ready again', { timeout: 8000 });
      expect(focusedPart(el), `${key}: the focus when ready again`).to.equal('shutter');
    }
    expect(el.photos).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('keyboard: in review the focus goes from the shutter to Use photo, and back to the shutter', async () => {
    const el = await liveBooth('review');
    shutter(el).focus();
    await press('Space');
    await waitUntil(() => isShown($(el, '[part~="review"]')), 'the review view', { timeout: 10_000 });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(focusedPart(el)).to.equal('button accept-button');
    await press('Enter');
    await waitUntil(() => el.value !== null, 'accepted');
    await el.updateComplete;
    expect(focusedPart(el)).to.equal('shutter');
  });

  it('keyboard: the focus follows from the start button through the requesting view to the shutter', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    ($(el, '[part~="start-button"]') as HTMLButtonElement).focus();
    await press('Enter');
    await untilState(el, 'live');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(focusedPart(el)).to.equal('shutter');
  });
});
