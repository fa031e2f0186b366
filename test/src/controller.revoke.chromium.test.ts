import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MediaCaptureError } from '../../src/errors.js';
import { makeController, until } from './controller-helpers.js';

// Real revocation: CDP Browser.setPermission denies the camera while it is live (Chromium only;
// no other engine here can change a permission from outside the page). Note: with
// --use-fake-ui-for-media-stream, Chromium re-grants the permission right after the denial
// (PermissionStatus fires `denied` then `granted`), which stands for the user re-allowing it.
describe('MediaStreamController when access is revoked while live', () => {
  afterEach(async () => {
    await executeServerCommand('set-camera-permission', { setting: 'granted' });
  });

  it('goes to denied and stops every track, then starts again by itself when access is given back', async () => {
    const { controller, liveTracks, acquired } = makeController();
    await controller.start();
    const track = controller.videoTrack!;
    const states: string[] = [];
    const permissions: string[] = [];
    const errors: MediaCaptureError[] = [];
    controller.addEventListener('media-state-change', (e) => states.push(e.detail.state));
    controller.addEventListener('media-permission-change', (e) => permissions.push(`${e.detail.name}:${e.detail.state}`));
    controller.addEventListener('media-error', (e) => errors.push(e.detail.error));
    await executeServerCommand('set-camera-permission', { setting: 'denied' });
    await until(() => states.includes('denied'), 'denied after revocation');
    expect(track.readyState).to.equal('ended');
    expect(permissions).to.include('camera:denied');
    expect(errors.map((e) => e.code)).to.include('permission-denied');
    await until(() => controller.state === 'live', 'live again once access is back');
    expect(permissions.at(-1)).to.equal('camera:granted');
    expect(states.indexOf('denied')).to.be.lessThan(states.lastIndexOf('live'));
    expect(acquired.length).to.equal(2);
    expect(liveTracks()).to.deep.equal(controller.stream!.getTracks());
    controller.dispose();
    expect(liveTracks()).to.have.length(0);
  });
});
