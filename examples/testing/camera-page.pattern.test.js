// Chromium whose camera plays a known picture (writeY4m in web-test-runner.config.mjs): the
// preview shows it the right way round.
import { expect } from '@open-wc/testing';
import { readQuadrants, waitForFrame, waitForState, waitForTracksEnded, watchMediaTracks } from 'media-capture-elements/testing';
import { renderCameraPage } from './camera-page.js';

describe('camera page with a known picture', function () {
  this.timeout(20_000);

  it('the preview shows the camera picture, red at the top left', async () => {
    watchMediaTracks();
    const container = document.body.appendChild(document.createElement('main'));
    const preview = renderCameraPage(container);
    preview.start();
    await waitForState(preview, 'live');
    await waitForFrame(preview);
    expect(await readQuadrants(preview)).to.deep.equal({ topLeft: 'topLeft', topRight: 'topRight', bottomLeft: 'bottomLeft', bottomRight: 'bottomRight' });
    container.remove();
    await waitForTracksEnded();
  });
});
