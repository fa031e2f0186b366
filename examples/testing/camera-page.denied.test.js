// Browsers that refuse the camera for real, as a user who clicked "Block" (fakeMediaBrowsers({ permission: 'denied' })).
import { expect } from '@open-wc/testing';
import { waitForState } from 'media-capture-elements/testing';
import { renderCameraPage } from './camera-page.js';

describe('camera page, camera blocked', function () {
  this.timeout(20_000);

  it('the preview says the camera is blocked and how to allow it', async () => {
    const container = document.body.appendChild(document.createElement('main'));
    const preview = renderCameraPage(container);
    preview.start().catch(() => {}); // rejects with the error the preview shows
    await waitForState(preview, 'denied');
    await expect(preview).to.be.accessible();
    expect(preview.controller.error.code).to.equal('permission-denied');
    container.remove();
  });
});
