import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PhotoBooth, PhotoCaptureEvent } from '../../components/photo-booth/define.js';
import { MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState, MediaTrackStallEvent } from '../../src/events.js';
import { decode, maxChannelSpread } from '../capture/support.js';
import { playVideo } from '../helpers/media.js';
import { isChromium, isWebKit, skipUnless } from '../helpers/env.js';
import {
  $,
  captureWarnings,
  cleanupControllers,
  deliversSyntheticTrackEvents,
  focusedPart,
  isShown,
  sharedController,
  supportsStateSelector,
  untilState,
} from './utils.js';

/** A controller that reports a fixed state and error (for views no fake device can produce everywhere). */
class FixedStateController extends MediaStreamController {
  constructor(
    private readonly fixedState: CaptureState,
    private readonly fixedError: MediaCaptureError | null = null,
  ) {
    super({ name: `fixed-booth-${fixedState}`, releaseDelay: 0, rememberDevices: false });
  }
  override get state(): CaptureState {
    return this.fixedState;
  }
  override get error(): MediaCaptureError | null {
    return this.fixedError;
  }
  override request(): Promise<void> {
    return Promise.resolve();
  }
}

/** A live booth on a fresh shared controller, with its first frame on screen. */
async function liveBooth(attrs = '', name = sharedController().name): Promise<PhotoBooth> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<photo-booth autostart stream="${name}" ${attrs}></photo-booth>`;
  const el = wrapper.querySelector('photo-booth')!;
  await untilState(el, 'live');
  await el.updateComplete;
  const video = el.shadowRoot!.querySelector('video')!;
  await waitUntil(() => video.readyState >= 2 && video.videoWidth > 0, 'the video has a frame', { timeout: 8000 });
  return el;
}

/** Presses a key in every launcher (WebDriver takes key codes, Puppeteer's BiDi calls Space ' '). */
async function press(key: 'Space' | 'Enter' | 'Escape'): Promise<void> {
  const webdriver = { Space: ' ', Enter: '\uE007', Escape: '\uE00C' } as const;
  const name = isWebKit() ? webdriver[key] : key === 'Space' && !isChromium() ? ' ' : key;
  await sendKeys({ press: name });
}

const shutter = (el: PhotoBooth) => $(el, '[part~="shutter"]') as HTMLButtonElement;
const status = (el: PhotoBooth) => $(el, '[role="status"]')!.textContent!.trim();

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
    expect(e.detail).to.deep.equal({ file, width, height, effect: 'sepia' });
    expect(typed).to.equal(file);
    expect(el.value).to.equal(file);
    expect(el.photos).to.deep.equal([file]);
    await el.updateComplete;
    const thumb = $(el, '[part~="thumbnail"]') as HTMLImageElement;
    expect(thumb.src).to.match(/^blob:/);
    expect(thumb.alt).to.equal('Photo 1');
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

  it('announces every photo, the same text again too (the live region is cleared in between)', async () => {
    const el = await liveBooth();
    const texts: string[] = [];
    const region = $(el, '[role="status"]')!;
    const observer = new MutationObserver(() => texts.push(region.textContent!.trim()));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    try {
      await el.capture();
      await el.updateComplete;
      await el.capture();
      await waitUntil(() => texts.filter((t) => t === 'Photo taken.').length === 2, 'two announcements', { timeout: 3000 });
      expect(texts.filter((t) => t === 'Photo taken.')).to.have.length(2);
    } finally {
      observer.disconnect();
    }
  });

  it('the flash lasts its whole animation (--photo-booth-flash-duration: 1s), not a fixed 400 ms', async function () {
    const el = await liveBooth('style="--photo-booth-flash-duration: 1s"');
    skipUnless(!matchMedia('(prefers-reduced-motion: reduce)').matches, 'this browser prefers reduced motion, so the flash has no animation');
    await el.capture();
    await waitUntil(() => $(el, '[part~="flash"]') !== null, 'the flash shows');
    const flash = $(el, '[part~="flash"]')!;
    expect(getComputedStyle(flash).animationDuration).to.equal('1s');
    let ended = false;
    flash.addEventListener('animationend', () => (ended = true));
    await waitUntil(() => $(el, '[part~="flash"]') === null, 'the flash goes', { timeout: 4000 });
    expect(ended, 'the flash was removed only after its animation ended').to.equal(true);
  });

  it('a disabled fieldset stops a running countdown and disables the shutter, start and retake controls', async () => {
    const { name } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form><fieldset>
      <photo-booth name="p" countdown="3" stream=${name}></photo-booth>
    </fieldset></form>`);
    const fieldset = form.querySelector('fieldset')!;
    const el = form.querySelector('photo-booth')!;
    await el.updateComplete;
    fieldset.disabled = true;
    await waitUntil(() => ($(el, '[part~="start-button"]') as HTMLButtonElement).disabled, 'start disabled');
    await expect(el).to.be.accessible();
    $(el, '[part~="start-button"]')!.click();
    await aTimeout(300);
    expect(el.state, 'a disabled start button starts nothing').to.equal('idle');
    fieldset.disabled = false;
    await waitUntil(() => !($(el, '[part~="start-button"]') as HTMLButtonElement).disabled, 'start enabled');
    $(el, '[part~="start-button"]')!.click();
    await untilState(el, 'live');
    let captured = 0;
    el.addEventListener('photo-capture', () => captured++);
    const pending = el.capture({ countdown: true });
    const outcome = pending.then(() => 'photo', (e: unknown) => (e as MediaCaptureError).code);
    await waitUntil(() => el.matches('[state="live"]') && !!$(el, '[part~="countdown"]'), 'the countdown runs');
    fieldset.disabled = true;
    expect(await outcome).to.equal('aborted');
    await el.updateComplete;
    expect(shutter(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await aTimeout(3500);
    expect(captured, 'no photo after the countdown was stopped').to.equal(0);
    expect(el.value).to.equal(null);
  });

  it('the disabled property works like the attribute: it stops a countdown and disables the shutter', async () => {
    const el = await liveBooth('countdown="3"');
    const outcome = el.capture({ countdown: true }).then(() => 'photo', (e: unknown) => (e as MediaCaptureError).code);
    await waitUntil(() => !!$(el, '[part~="countdown"]'), 'the countdown runs');
    // Before, the booth had no disabled property: setting it did nothing.
    el.disabled = true;
    expect(await outcome).to.equal('aborted');
    await el.updateComplete;
    expect(el.hasAttribute('disabled'), 'reflected').to.equal(true);
    expect(shutter(el).disabled).to.equal(true);
    if (supportsStateSelector(el)) expect(el.matches(':state(disabled)')).to.equal(true);
    await expect(el).to.be.accessible();
    el.disabled = false;
    await el.updateComplete;
    expect(shutter(el).disabled).to.equal(false);
    expect((await el.capture()).size).to.be.greaterThan(1000);
  });

  it('required with an empty or missing valueMissing string, or a start control passed through another component, still validates', async () => {
    const { name } = sharedController();
    // A design system's wrapper passes the page's start control on to the booth through its own slot.
    const tag = `booth-wrapper-${Date.now().toString(36)}`;
    customElements.define(
      tag,
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = `<photo-booth name="p" required stream="${name}"><slot name="start" slot="start-button"></slot></photo-booth>`;
        }
      },
    );
    const form = await fixture<HTMLFormElement>(html`<form>
      <photo-booth name="a" required stream=${name} .strings=${{ valueMissing: '' }}></photo-booth>
      <photo-booth name="b" required stream=${name} .strings=${{ valueMissing: undefined, start: undefined }}></photo-booth>
    </form>`);
    const wrapper = document.createElement(tag);
    wrapper.innerHTML = '<button slot="start" type="button">Open the camera</button>';
    form.append(wrapper);
    const booths = [...form.querySelectorAll('photo-booth'), wrapper.shadowRoot!.querySelector('photo-booth')!];
    for (const el of booths) {
      // Before, setValidity() threw in every update: on the empty message, and on an anchor
      // outside the booth.
      await el.updateComplete;
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Take a photo.');
      await expect(el).to.be.accessible();
    }
    expect(booths[1]!.strings.start, 'an undefined entry keeps the default').to.equal('Turn on camera');
    expect(($(booths[1]!, '[part~="start-button"]') as HTMLElement).textContent).to.contain('Turn on camera');
  });

  it('Escape cancels a countdown started with the mouse while the focus is on the page', async () => {
    const el = await liveBooth('countdown="3"');
    (document.activeElement as HTMLElement | null)?.blur();
    shutter(el).click(); // a mouse click does not focus a button in Safari and Firefox on macOS
    await el.updateComplete;
    expect($(el, '[part~="countdown"]')).to.not.equal(null);
    if (el.shadowRoot!.activeElement) (el.shadowRoot!.activeElement as HTMLElement).blur();
    expect(document.activeElement?.localName).to.equal('body');
    await press('Escape');
    await el.updateComplete;
    expect($(el, '[part~="countdown"]')).to.equal(null);
    expect(status(el)).to.equal('Countdown cancelled.');
  });

  it('a camera that stops during a countdown rejects the photo with not-live', async () => {
    const el = await liveBooth('countdown="3"');
    const outcome = el.capture({ countdown: true }).then(
      () => 'photo',
      (e: unknown) => (e as MediaCaptureError).code,
    );
    await waitUntil(() => !!$(el, '[part~="countdown"]'), 'the countdown runs');
    el.stop();
    expect(await outcome).to.equal('not-live');
    // From the shutter: the camera going off is announced as such, with no failure on top.
    await el.start();
    await untilState(el, 'live');
    await el.updateComplete;
    const errors: Event[] = [];
    el.addEventListener('media-error', (e) => errors.push(e));
    shutter(el).click();
    await waitUntil(() => !!$(el, '[part~="countdown"]'), 'the countdown runs again');
    el.stop();
    await untilState(el, 'idle');
    await aTimeout(100);
    await el.updateComplete;
    expect(errors, 'no media-error for a countdown the camera stop ended').to.have.length(0);
    expect(status(el)).to.equal('Camera off.');
  });

  it('countdown strings: one second in the singular, digits of the element language, a function for plural forms', async () => {
    const one = await liveBooth('countdown="1"');
    expect(shutter(one).textContent!.trim()).to.equal('Take photo in 1 second');
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar-EG" dir="rtl"></div>`);
    wrapper.innerHTML = `<photo-booth autostart countdown="3" stream="${sharedController().name}"></photo-booth>`;
    const el = wrapper.querySelector('photo-booth')!;
    el.strings = {
      shutterCountdown: ({ seconds }) => (seconds === 2 ? 'التقاط بعد ثانيتين' : `التقاط بعد ${seconds} ثوانٍ`),
      countdownTick: '{n}',
    };
    await untilState(el, 'live');
    await el.updateComplete;
    const digits = new Intl.NumberFormat('ar-EG');
    expect(shutter(el).textContent!.trim()).to.equal('التقاط بعد 3 ثوانٍ');
    shutter(el).click();
    await el.updateComplete;
    expect($(el, '[part~="countdown"]')!.textContent!.trim()).to.equal(digits.format(3));
    expect(status(el)).to.equal(digits.format(3));
    await expect(el).to.be.accessible();
    await press('Escape');
  });

  it('required: the browser points at the control that gives a photo (Use photo in review, not Retake)', async function () {
    const { name } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form><photo-booth name="p" required review autostart stream=${name}></photo-booth></form>`);
    const el = form.querySelector('photo-booth')!;
    await untilState(el, 'live');
    await el.capture();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(el.validity.valueMissing).to.equal(true);
    el.reportValidity();
    // Engines that focus the validation anchor (Chromium, Firefox) show where it points.
    skipUnless(el.shadowRoot!.activeElement, 'this engine does not focus the validation anchor on reportValidity()');
    expect(focusedPart(el)).to.equal('button accept-button');
  });

  it('the strip keeps the last max-shots photos', async () => {
    const el = await liveBooth('max-shots="2"');
    const a = await el.capture();
    const b = await el.capture();
    await el.updateComplete;
    const firstUrl = ($(el, '[part~="thumbnail"]') as HTMLImageElement).src;
    const c = await el.capture();
    await el.updateComplete;
    expect(el.photos).to.deep.equal([b, c]);
    expect(el.shadowRoot!.querySelectorAll('[part~="thumbnail"]')).to.have.length(2);
    expect(await fetch(firstUrl).then(() => 'fetched', () => 'revoked'), 'the URL of the photo that left').to.equal('revoked');
    void a;
    await expect(el).to.be.accessible();
  });

  it('shows a camera whose frames come slower than stall-timeout as frozen, and fires media-track-stall (a real frame-rate constraint)', async () => {
    const { name, controller } = sharedController();
    const events: Array<MediaTrackStallEvent['detail']> = [];
    let frozenPhoto: Promise<unknown> | undefined;
    const onStall = (e: MediaTrackStallEvent) => {
      events.push(e.detail);
      // A photo asked for while the picture is stalled (the state is set before the event fires).
      if (e.detail.stalled) frozenPhoto ??= el.capture().then(() => 'a photo', (err: unknown) => err);
    };
    const el: PhotoBooth = await fixture<PhotoBooth>(
      // A generous timeout while the camera runs at its rate (a loaded test machine can pause a fake camera for a while).
      html`<photo-booth autostart stall-timeout="2000" stream=${name} @media-track-stall=${onStall}></photo-booth>`,
    );
    await untilState(el, 'live');
    await expect(el).to.be.accessible();
    await aTimeout(1000);
    expect(events, 'no stall at the camera\'s rate').to.deep.equal([]);
    el.stallTimeout = 500;
    const track = controller.videoTrack!;
    // Chromium then delivers about one frame a second: each gap is longer than stall-timeout, as with a camera that hangs.
    await track.applyConstraints({ ...track.getConstraints(), frameRate: { max: 0.5 } }).catch(() => undefined);
    const rate = track.getSettings().frameRate ?? 30;
    skipUnless(rate <= 1, `this engine's camera does not slow down to 0.5 fps (it gives ${rate} fps)`);
    await waitUntil(() => events.length >= 1, 'media-track-stall', { timeout: 5000 });
    expect(events[0]).to.deep.equal({ track, stalled: true });
    expect(track.muted).to.equal(false);
    const error = await frozenPhoto;
    expect(error, 'no photo of a stalled picture').to.be.instanceOf(MediaCaptureError);
    expect((error as MediaCaptureError).code).to.equal('frozen');
    await el.updateComplete;
    expect($(el, '[part~="muted-overlay"]')!.textContent).to.contain('not sending a picture');
    if (supportsStateSelector(el)) expect(el.matches(':state(stalled)')).to.equal(true);
    await expect(el).to.be.accessible();
    await waitUntil(() => events.length >= 2, 'the next frame ends the stall', { timeout: 5000 });
    expect(events[1]!.stalled).to.equal(false);
    await track.applyConstraints({ ...track.getConstraints(), frameRate: { ideal: 30 } });
    // At 30 fps the picture is back to normal (a loaded machine may pause the fake camera for
    // longer than 500 ms now and then: wait for it rather than read it once).
    const frozenShown = () => (supportsStateSelector(el) && el.matches(':state(stalled)')) || !!$(el, '[part~="muted-overlay"]');
    await waitUntil(() => !frozenShown(), 'back to normal at 30 fps', { timeout: 8000 });
    await el.updateComplete;
    expect(frozenShown(), 'back to normal at 30 fps').to.equal(false);
  });

  it('takes no photo of a frozen picture: capture() rejects with frozen, the shutter says why (injected mute)', async () => {
    const { name, controller } = sharedController();
    const el = await liveBooth('countdown="1"', name);
    await expect(el).to.be.accessible();
    const track = controller.videoTrack!;
    skipUnless(deliversSyntheticTrackEvents(track), 'this engine does not deliver synthetic events dispatched on a MediaStreamTrack');
    const photos: Event[] = [];
    const errors: MediaCaptureError[] = [];
    el.addEventListener('photo-capture', (e) => photos.push(e));
    el.addEventListener('media-error', (e) => errors.push((e as CustomEvent<{ error: MediaCaptureError }>).detail.error));

    track.dispatchEvent(new Event('mute'));
    await waitUntil(() => $(el, '[part~="muted-overlay"]'), 'muted overlay');
    expect(shutter(el).getAttribute('aria-disabled')).to.equal('true');
    expect(shutter(el).disabled, 'still focusable').to.equal(false);
    await expect(el).to.be.accessible();
    const error = await el.capture().then(() => null, (err: unknown) => err as MediaCaptureError);
    expect(error).to.be.instanceOf(MediaCaptureError);
    expect(error!.code).to.equal('frozen');
    expect(error!.retryable).to.equal(true);
    expect(error!.message).to.equal('The camera is not sending a picture right now.');
    // The shutter starts no countdown and takes nothing; pressed twice, it says why twice.
    for (let i = 0; i < 2; i++) {
      shutter(el).click();
      await el.updateComplete;
      await el.updateComplete;
      expect($(el, '[part~="countdown"]'), 'no countdown').to.equal(null);
      expect(status(el)).to.equal('The camera is not sending a picture.');
    }
    expect(photos).to.have.length(0);
    expect(errors, 'a press on an aria-disabled shutter is not an error').to.have.length(0);
    expect(el.value).to.equal(null);

    track.dispatchEvent(new Event('unmute'));
    await waitUntil(() => !$(el, '[part~="muted-overlay"]'), 'overlay gone');
    expect(shutter(el).hasAttribute('aria-disabled')).to.equal(false);
    // A countdown that ends on a frozen picture fails with a typed error event.
    shutter(el).click();
    await waitUntil(() => $(el, '[part~="countdown"]'), 'countdown started');
    track.dispatchEvent(new Event('mute'));
    await waitUntil(() => errors.length === 1, 'media-error', { timeout: 5000 });
    expect(errors[0]!.code).to.equal('frozen');
    expect(photos).to.have.length(0);
    await el.updateComplete;
    expect(status(el)).to.equal('The camera is not sending a picture.');

    track.dispatchEvent(new Event('unmute'));
    await waitUntil(() => !$(el, '[part~="muted-overlay"]'), 'overlay gone again');
    const file = await el.capture();
    expect(file).to.be.instanceOf(File);
    expect(photos).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('booths added and removed give their WebGL2 context back; a booth that stays goes on showing the camera', async function () {
    skipUnless(document.createElement('canvas').getContext('webgl2'), 'this engine has no WebGL2');
    const { name } = sharedController();
    const stays = await fixture<PhotoBooth>(html`<photo-booth autostart renderer="webgl2" stream=${name}></photo-booth>`);
    await untilState(stays, 'live');
    await expect(stays).to.be.accessible();
    const gl = stays.canvasElement!.getContext('webgl2')!;
    // Beyond its limit of live WebGL contexts (16 in Chromium) a browser loses the oldest one.
    for (let i = 0; i < 20; i++) {
      const passing = document.createElement('photo-booth');
      passing.setAttribute('renderer', 'webgl2');
      passing.setAttribute('stream', name);
      document.body.append(passing);
      await passing.updateComplete;
      const passingGL = passing.canvasElement!.getContext('webgl2')!;
      passing.remove();
      await Promise.resolve(); // a booth lets go of its picture a microtask after it left (it may be a move)
      expect(passingGL.isContextLost(), `removed booth ${i}`).to.equal(true);
    }
    await aTimeout(300);
    // Chromium frees the slot of a context lost on purpose, so the booth that stays keeps its own.
    // WebKit counts a dropped context until garbage collection and may take the booth's: the booth
    // then rebuilds its preview on a new canvas.
    if (isChromium()) expect(gl.isContextLost(), 'the booth that stays keeps its context').to.equal(false);
    await waitUntil(() => stays.canvasElement!.getContext('webgl2')?.isContextLost() === false, 'a live WebGL2 preview', { timeout: 8000 });
    expect(stays.activeRenderer).to.equal('webgl2');
    await expect(stays).to.be.accessible();
    const file = await stays.capture();
    expect(file.size).to.be.greaterThan(1000);
  });

  it('rebuilds its preview on a new canvas when the WebGL2 context is lost and not given back (injected: WEBGL_lose_context without restore)', async function () {
    skipUnless(document.createElement('canvas').getContext('webgl2'), 'this engine has no WebGL2');
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth autostart renderer="webgl2" effect="sepia" stream=${name}></photo-booth>`);
    await untilState(el, 'live');
    const canvas = el.canvasElement!;
    const lost = new Promise((r) => canvas.addEventListener('webglcontextlost', r, { once: true }));
    canvas.getContext('webgl2')!.getExtension('WEBGL_lose_context')!.loseContext();
    await lost;
    // Meanwhile photos take the 2D path.
    expect((await el.capture()).size).to.be.greaterThan(1000);
    await waitUntil(() => el.canvasElement !== canvas, 'a new preview canvas', { timeout: 6000 });
    expect(canvas.isConnected, 'the old canvas left').to.equal(false);
    const next = el.canvasElement!;
    expect(next.getAttribute('part')).to.equal('preview');
    expect(next.getAttribute('aria-label')).to.be.a('string').and.not.equal('');
    expect(next.getContext('webgl2')!.isContextLost()).to.equal(false);
    expect(el.activeRenderer).to.equal('webgl2');
    const video = $(el, 'video') as HTMLVideoElement;
    // A new canvas is 300x150 before its first frame: wait for one drawn at the track's size.
    await waitUntil(() => video.videoWidth > 0 && next.width === video.videoWidth && next.height === video.videoHeight, 'the new canvas draws frames', { timeout: 8000 });
    await expect(el).to.be.accessible();
    expect((await el.capture()).size).to.be.greaterThan(1000);
  });

  it('bad attributes fall back to the defaults with one warning each', async () => {
    const { name } = sharedController();
    let el!: PhotoBooth;
    const warnings = await captureWarnings(async () => {
      el = await fixture<PhotoBooth>(
        html`<photo-booth
          stream=${name}
          effect="sparkle"
          quality="abc"
          countdown="-5"
          renderer="vulkan"
          format="image/gif"
          mirror="sideways"
          brightness="lots"
          max-shots="many"
          source="film"
          resolution="huge"
          facing-mode="up"
          stall-timeout="-1"
        ></photo-booth>`,
      );
      el.setAttribute('effect', 'sparkle'); // the same value again: no second warning
      el.quality = 'abc';
      await el.updateComplete;
    });
    expect(el.effect).to.equal('none');
    expect(el.quality).to.equal(0.92);
    expect(el.countdown).to.equal(0);
    expect(el.renderer).to.equal('auto');
    expect(el.format).to.equal('image/jpeg');
    expect(el.mirror).to.equal('auto');
    expect(el.brightness).to.equal(1);
    expect(el.maxShots).to.equal(4);
    expect(el.source).to.equal('video');
    expect(el.resolution).to.equal(null);
    expect(el.facingMode).to.equal(null);
    expect(el.stallTimeout).to.equal(3000);
    for (const attr of ['effect', 'quality', 'countdown', 'renderer', 'format', 'mirror', 'brightness', 'max-shots', 'source', 'resolution', 'facing-mode', 'stall-timeout'])
      expect(warnings.filter((w) => w.includes(`${attr}=`)), attr).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('blank number attributes give the defaults without a warning (not 0: a black picture, the lowest quality)', async () => {
    const { name } = sharedController();
    let el!: PhotoBooth;
    const warnings = await captureWarnings(async () => {
      el = await fixture<PhotoBooth>(
        html`<photo-booth stream=${name} brightness=" " contrast="  " saturation=" " quality=" " countdown=" " max-shots=" "></photo-booth>`,
      );
    });
    expect([el.brightness, el.contrast, el.saturation, el.quality, el.countdown, el.maxShots]).to.deep.equal([1, 1, 1, 0.92, 0, 4]);
    expect(warnings).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('source="photo" uses ImageCapture where it exists, else the video frame with a warning', async () => {
    const { controller, name } = sharedController();
    const el = await liveBooth('source="photo"', name);
    let file!: File;
    const warnings = await captureWarnings(async () => {
      file = await el.capture();
    });
    const { width, height } = controller.videoTrack!.getSettings();
    const img = await decode(file);
    expect([img.width, img.height]).to.deep.equal([width, height]);
    if (typeof (globalThis as { ImageCapture?: unknown }).ImageCapture !== 'function')
      expect(warnings.some((w) => w.includes('source='))).to.equal(true);
  });

  it('names its photos with strings.fileName: the download, the event and the form value', async () => {
    const el = await liveBooth('review name="selfie" format="image/png"');
    el.strings = { fileName: ({ ext }) => `portrait.${ext}` };
    await el.updateComplete;
    const event = oneEvent(el, 'photo-capture');
    const file = await el.capture();
    // Before, every photo was called photo-<timestamp>.<ext>, whatever the page's language.
    expect(file.name).to.equal('portrait.png');
    expect((await event).detail.file.name).to.equal('portrait.png');
    await el.updateComplete;
    expect($(el, '[part~="download-button"]')!.getAttribute('download')).to.equal('portrait.png');
    await expect(el).to.be.accessible();
    el.strings = { fileName: 'foto-{time}.{ext}' };
    const next = await el.capture();
    expect(next.name).to.equal(`foto-${next.lastModified}.png`);
    expect(el.accept()!.name).to.equal(next.name);
    // A string function that throws (bad input from the page) warns and gives the default name,
    // instead of failing the photo; one that throws in a label leaves it empty, the view renders.
    let named!: File;
    const warnings = await captureWarnings(async () => {
      el.strings = {
        fileName: () => {
          throw new Error('broken translation');
        },
        stripItem: () => {
          throw new Error('broken translation');
        },
      };
      await el.updateComplete;
      named = await el.capture();
    });
    expect(named.name).to.match(/^photo-\d+\.png$/);
    expect(warnings.length).to.be.greaterThan(0);
    await el.updateComplete;
    expect(isShown($(el, '[part~="review"]'))).to.equal(true);
    el.strings = {};
  });

  it('captureStream() before the camera is live throws not-live, with a message that says so', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    let error: unknown = null;
    try {
      el.captureStream();
    } catch (e) {
      error = e;
    }
    // Before: invalid-state, whose message spoke of a page that is not active.
    expect(error).to.be.instanceOf(MediaCaptureError);
    expect((error as MediaCaptureError).code).to.equal('not-live');
    expect((error as MediaCaptureError).message).to.match(/not running|start/i);
  });

  it('captureStream() gives the processed picture; its tracks end on disconnect', async function () {
    const el = await liveBooth('effect="invert"');
    skipUnless(typeof el.canvasElement!.captureStream === 'function', 'this engine has no HTMLCanvasElement.captureStream()');
    const stream = el.captureStream(15);
    const track = stream.getVideoTracks()[0]!;
    expect(track.readyState).to.equal('live');
    el.remove();
    await waitUntil(() => track.readyState === 'ended', 'the canvas track ended');
  });

  it('captureStream() goes on when the preview moves to a new canvas (renderer changed): the same MediaStream, a new track, frames', async function () {
    const el = await liveBooth('renderer="2d"');
    skipUnless(typeof el.canvasElement!.captureStream === 'function', 'this engine has no HTMLCanvasElement.captureStream()');
    const stream = el.captureStream();
    const old = stream.getVideoTracks()[0]!;
    const dropped = el.captureStream();
    dropped.getVideoTracks()[0]!.stop(); // a stream the page is done with
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    document.body.append(video);
    try {
      await video.play();
      const canvas = el.canvasElement;
      await captureWarnings(async () => {
        el.renderer = 'webgl2'; // falls back to 2D with a warning where WebGL2 is missing: a new canvas either way
        await waitUntil(() => el.canvasElement !== canvas, 'a new preview canvas');
      });
      const tracks = stream.getVideoTracks();
      expect(tracks).to.have.length(1);
      expect(tracks[0] !== old, 'a track of the new canvas').to.equal(true);
      expect(tracks[0]!.readyState).to.equal('live');
      expect(old.readyState, 'the old canvas track is stopped').to.equal('ended');
      expect(
        dropped.getVideoTracks().map((t) => t.readyState),
        'a stream whose track the page stopped is not brought back',
      ).to.deep.equal(['ended']);
      // The new track carries the preview's frames.
      const fresh = await playVideo(new MediaStream([tracks[0]!]));
      fresh.remove();
      // A <video> already showing the stream follows the new track in Chromium; Firefox and
      // WebKit do not pick up a track added by script (set srcObject again there, see the JSDoc).
      if (isChromium()) await new Promise<void>((done) => video.requestVideoFrameCallback(() => done()));
    } finally {
      video.remove();
    }
  });

  it('disconnect leaves no live track and revokes every object URL; reconnect works again', async () => {
    const { name, controller } = sharedController();
    const el = await liveBooth('review', name);
    const tracks = controller.stream!.getTracks();
    await el.capture();
    await el.updateComplete;
    const url = ($(el, '[part~="review-image"]') as HTMLImageElement).src;
    expect(await fetch(url).then((r) => r.ok)).to.equal(true);
    const parent = el.parentElement!;
    el.remove();
    await controller.whenSettled();
    await waitUntil(() => tracks.every((t) => t.readyState === 'ended'), 'every track ended', { timeout: 3000 });
    expect(el.canvasElement).to.equal(null);
    expect(await fetch(url).then(() => 'fetched', () => 'revoked')).to.equal('revoked');
    // back in the page: a new pipeline, the review shows again with a new URL
    parent.append(el);
    await untilState(controller, 'live'); // the element may still show its last state for a moment
    await untilState(el, 'live');
    await el.updateComplete;
    expect(el.canvasElement).to.not.equal(null);
    const again = ($(el, '[part~="review-image"]') as HTMLImageElement).src;
    expect(again).to.match(/^blob:/).and.not.equal(url);
    el.remove();
    await controller.whenSettled();
  });

  it('a booth moved in the page (a framework reparenting it) keeps its countdown, its pipeline and the streams it handed out', async () => {
    const { name, controller } = sharedController();
    controller.releaseDelay = 200;
    const el = await liveBooth('countdown="1"', name);
    await expect(el).to.be.accessible();
    const canvas = el.canvasElement;
    const out = el.captureStream();
    const outTrack = out.getVideoTracks()[0]!;
    const video = $(el, 'video') as HTMLVideoElement;
    let emptied = 0;
    const errors: Event[] = [];
    video.addEventListener('emptied', () => emptied++);
    el.addEventListener('media-error', (e) => errors.push(e));
    const photo = el.capture({ countdown: true });
    await waitUntil(() => !!$(el, '[part~="countdown"]'), 'the countdown runs');
    const other = document.createElement('div');
    document.body.append(other);
    try {
      other.append(el);
      // Before, the move cancelled the countdown (the photo rejected with not-live), disposed the
      // pipeline and ended every captureStream() track: a recording of the booth stopped for good.
      const file = await photo;
      expect(file.size, 'the countdown ran out and took the photo').to.be.greaterThan(1000);
      await el.updateComplete;
      expect(el.canvasElement === canvas, 'the same preview canvas').to.equal(true); // (chai hangs printing DOM elements)
      expect(outTrack.readyState, 'the captureStream() track').to.equal('live');
      expect(emptied, 'the video was not reloaded').to.equal(0);
      expect(errors.length, 'no media-error').to.equal(0);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
      other.remove();
    }
    await waitUntil(() => outTrack.readyState === 'ended', 'a booth that left the page ends its captureStream() tracks', { timeout: 3000 });
  });

  it('replaces strings, lays out right-to-left and takes theme properties', async () => {
    const { name } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar">
      <photo-booth
        stream=${name}
        .strings=${{ start: 'تشغيل الكاميرا', startExplanation: 'التقط صورة.' }}
        style="--media-capture-accent: rgb(1, 2, 3)"
      ></photo-booth>
    </div>`);
    const el = wrapper.querySelector('photo-booth')!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const start = $(el, '[part~="start-button"]')!;
    expect(start.textContent!.trim()).to.equal('تشغيل الكاميرا');
    expect($(el, '#explanation')!.textContent!.trim()).to.equal('التقط صورة.');
    expect(getComputedStyle($(el, '.panel')!).direction).to.equal('rtl');
    expect(getComputedStyle(start).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('re-dispatches controller events from the element', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'media-state-change');
    void el.start();
    const e = await event;
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    await untilState(el, 'live');
    el.stop();
    await untilState(el, 'idle');
  });
});
