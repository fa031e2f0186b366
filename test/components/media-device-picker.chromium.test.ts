import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import { $, cleanupControllers, sharedController } from './utils.js';

// Chromium only: forced colours are emulated through Playwright (emulateMedia({ forcedColors })).
describe('<media-device-picker> in Chromium', () => {
  afterEach(cleanupControllers);

  it('in forced colours (high contrast) the chevron is drawn in the select text colour', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await waitUntil(() => $(picker, 'select'), 'the device list', { timeout: 8000 });
    await expect(picker).to.be.accessible();
    const chevron = picker.shadowRoot!.querySelector('.chevron')!;
    const select = $(picker, 'select')!;
    // Playwright takes forcedColors; the command's declared type lists fewer features.
    await emulateMedia({ forcedColors: 'active' } as Parameters<typeof emulateMedia>[0]);
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      expect(getComputedStyle(chevron).stroke).to.equal(getComputedStyle(select).color);
      await expect(picker).to.be.accessible();
    } finally {
      await emulateMedia({ forcedColors: 'none' } as Parameters<typeof emulateMedia>[0]);
    }
  });
});
