import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import { deniesCamera } from '../helpers/env.js';
import { $, cleanupControllers, pickerBesidePreview, rejection, sharedController, untilState } from './utils.js';

/** Every text a live region shows, in order. */
function recordStatus(el: Element): string[] {
  const status = $(el, '[role="status"]')!;
  const texts: string[] = [];
  new MutationObserver(() => texts.push(status.textContent!.trim())).observe(status, { childList: true, characterData: true, subtree: true });
  return texts;
}

// chromium-deny: Chromium refuses camera permission for real (NotAllowedError).
describe('<media-device-picker> with camera permission denied (real NotAllowedError)', () => {
  afterEach(cleanupControllers);
  before(function () {
    if (!deniesCamera()) this.skip();
  });

  it('beside a preview that asks for the camera, only the preview announces the denial', async () => {
    const { picker, preview } = await pickerBesidePreview();
    await expect(picker).to.be.accessible();
    const pickerSaid = recordStatus(picker);
    const previewSaid = recordStatus(preview);
    await rejection(preview.start(), 'permission-denied');
    await untilState(preview, 'denied');
    await untilState(picker, 'denied');
    await picker.updateComplete;
    await preview.updateComplete;
    await expect(picker).to.be.accessible();
    expect(previewSaid).to.include('Camera access was blocked.');
    expect(pickerSaid.filter(Boolean)).to.deep.equal([]);
  });

  it('its own request, from the keyboard, announces the denial each time and moves focus to the retry button', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    // The allow button while Chromium's permission still reads `prompt`, else the retry button.
    const button = () => ($(picker, '[part~="retry-button"]') ?? $(picker, '[part~="allow-button"]')) as HTMLButtonElement | null;
    await waitUntil(() => button(), 'a button that asks for access', { timeout: 8000 });
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    const said = recordStatus(picker);
    button()!.focus();
    for (const round of [1, 2]) {
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => said.filter((t) => t === 'Camera access was blocked.').length === round, `denial ${round} announced`, { timeout: 5000 });
      const retry = () => $(picker, '[part~="retry-button"]') as HTMLButtonElement | null;
      await waitUntil(() => retry() && !retry()!.disabled, 'the retry button', { timeout: 5000 });
      await picker.updateComplete;
      // Compare names, not elements: chai formats a failed element comparison for minutes.
      const focused = picker.shadowRoot!.activeElement;
      expect(focused ? (focused.getAttribute('part') ?? focused.tagName) : `${document.activeElement?.tagName}`, `focus after request ${round}`).to.equal(
        'button retry-button',
      );
      await expect(picker).to.be.accessible();
    }
    expect(picker.state).to.equal('denied');
  });

  it('alone with autostart, it asked for the camera itself and announces the denial', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker autostart stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    await untilState(picker, 'denied');
    await waitUntil(() => $(picker, '[role="status"]')!.textContent!.trim() === 'Camera access was blocked.', 'the denial announced', { timeout: 5000 });
    await expect(picker).to.be.accessible();
  });
});
