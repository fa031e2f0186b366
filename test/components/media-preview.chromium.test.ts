import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { $, cleanupControllers, pickerBesidePreview, sharedController, untilPlaying, untilState } from './utils.js';

// Chromium only: 3 fake cameras, keyboard input through the runner, reliable OverconstrainedError.
describe('<media-preview> in Chromium', () => {
  afterEach(cleanupControllers);

  it('keeps a frame on screen through every device switch (no black flash)', async () => {
    const { controller, picker, preview } = await pickerBesidePreview({ autostart: true });
    await untilState(preview, 'live');
    await untilPlaying(preview.videoElement!);
    await expect(preview).to.be.accessible();
    const canvas = $(preview, '[part~="freeze-frame"]') as HTMLCanvasElement;
    const cams = controller.devicesOf('videoinput');
    expect(cams.length).to.equal(3);
    let blank = 0;
    let frozenFrames = 0;
    let watching = true;
    const watch = () => {
      if (!watching) return;
      const v = preview.videoElement!;
      if (!canvas.hidden) frozenFrames++;
      else if (!(v.readyState >= 2 && v.videoWidth > 0)) blank++;
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    for (const cam of [cams[1], cams[2], cams[0]]) {
      picker.value = cam.deviceId;
      await waitUntil(() => preview.stream?.getVideoTracks()[0]?.getSettings().deviceId === cam.deviceId, 'switched', { timeout: 8000 });
      await waitUntil(() => canvas.hidden && preview.videoElement!.readyState >= 2, 'new frames shown', { timeout: 5000 });
    }
    watching = false;
    expect(blank, 'animation frames with nothing on screen').to.equal(0);
    expect(frozenFrames, 'frames covered by the held frame').to.be.greaterThan(0);
  });

  it('works keyboard-only: Tab to the start control, Enter starts, focus is visible', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(html`<div><button>before</button><media-preview stream=${name}></media-preview></div>`);
    const preview = el.querySelector('media-preview')!;
    await preview.updateComplete;
    await expect(preview).to.be.accessible();
    el.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    const start = $(preview, '[part~="start-button"]')!;
    expect(preview.shadowRoot!.activeElement).to.equal(start);
    expect(start.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(start).boxShadow).to.not.equal('none');
    await sendKeys({ press: 'Enter' });
    await untilState(preview, 'live');
  });

  it('shows the error view for a constraint no camera meets, and retry', async () => {
    const { name, controller } = sharedController();
    await controller.setOptions({ video: { width: { exact: 9999 } } });
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await untilState(el, 'error');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(controller.error?.code).to.equal('overconstrained');
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal(controller.error!.message);
    let errors = 0;
    el.addEventListener('media-error', () => errors++);
    $(el, '[part~="retry-button"]')!.click();
    await waitUntil(() => errors > 0, 'retry asked again and failed again', { timeout: 8000 });
    await controller.whenSettled();
    expect(el.state).to.equal('error');
    // a change of options while the element still wants the camera tries again by itself
    await controller.setOptions({ video: true });
    await untilState(el, 'live');
    await expect(el).to.be.accessible();
  });

  it('follows prefers-color-scheme (light and dark), accessible in both', async () => {
    const { picker, preview } = await pickerBesidePreview();
    await expect(preview).to.be.accessible();
    await picker.updateComplete;
    const bg = () => getComputedStyle($(preview, '.panel')!).backgroundColor;
    try {
      await emulateMedia({ colorScheme: 'light' });
      expect(bg()).to.equal('rgb(246, 247, 249)');
      await emulateMedia({ colorScheme: 'dark' });
      expect(bg()).to.equal('rgb(27, 29, 34)');
      await expect(preview).to.be.accessible();
      await expect(picker).to.be.accessible();
      // custom properties win over the scheme's defaults
      preview.style.setProperty('--media-preview-background', 'rgb(0, 0, 64)');
      expect(bg()).to.equal('rgb(0, 0, 64)');
    } finally {
      await emulateMedia({ colorScheme: 'no-preference' as 'light' });
    }
  });
});
