import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MediaCaptureError } from '../../src/errors.js';
import { skipUnless } from '../helpers/env.js';
import { $, cleanupControllers, focusedPart, sharedController, supportsStateSelector, untilState } from './utils.js';
import { liveBooth, press, shutter, status } from './photo-booth.fixtures.js';

describe('<photo-booth>: announcements, flash, disabled, validation, strings, strip', function () {
  this.timeout(30_000);
  afterEach(cleanupControllers);

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
    const thumbs = () => [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part~="thumbnail"]')];
    await waitUntil(() => thumbs().every((t) => t.src.startsWith('blob:')), 'the small copies are shown', { timeout: 5000 });
    const firstUrl = thumbs()[0]!.src;
    const c = await el.capture();
    await el.updateComplete;
    expect(el.photos).to.deep.equal([b, c]);
    expect(thumbs()).to.have.length(2);
    await waitUntil(() => thumbs().every((t) => t.src.startsWith('blob:')), 'the new copy is shown', { timeout: 5000 });
    await el.updateComplete;
    expect(await fetch(firstUrl).then(() => 'fetched', () => 'revoked'), 'the URL of the photo that left').to.equal('revoked');
    void a;
    await expect(el).to.be.accessible();
  });
});
