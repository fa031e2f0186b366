import { expect } from '@open-wc/testing';
import type { MediaErrorEvent } from '../../src/events.js';
import { makeController, until } from './controller-helpers.js';

// chromium-deny: Chromium launched with --deny-permission-prompts: a real NotAllowedError.
describe('MediaStreamController when the camera is denied', () => {
  it('goes to denied with a typed error, advice for this browser, and no track', async () => {
    const { controller, liveTracks } = makeController();
    const errors: MediaErrorEvent[] = [];
    controller.addEventListener('media-error', (e) => errors.push(e));
    const thrown = await controller.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).to.have.property('code', 'permission-denied');
    expect(controller.state).to.equal('denied');
    expect(controller.error?.code).to.equal('permission-denied');
    expect(controller.error?.retryable).to.equal(false);
    expect(controller.error?.advice).to.match(/address bar/);
    // Only a camera was asked for: the text names the camera, not "camera or microphone".
    expect(controller.error?.device).to.equal('camera');
    expect(controller.error?.message).to.equal('Camera access was blocked.');
    expect(controller.error?.advice).to.match(/camera/).and.not.match(/microphone/);
    expect(controller.error?.cause).to.have.property('name', 'NotAllowedError');
    expect(errors).to.have.length(1);
    expect(controller.stream).to.equal(null);
    expect(liveTracks()).to.have.length(0);
    await until(() => controller.permissions.camera === 'denied', 'permission denied');
    controller.dispose();
  });

  it('a retry is denied again without leaking, and a consumer request never rejects', async () => {
    const { controller, liveTracks } = makeController();
    await controller.request({});
    expect(controller.state).to.equal('denied');
    await controller.retry();
    expect(controller.state).to.equal('denied');
    expect(liveTracks()).to.have.length(0);
    controller.dispose();
  });

  it('requestAccess reports denied and keeps labels hidden', async () => {
    const { controller } = makeController();
    expect(await controller.requestAccess('videoinput')).to.equal('denied');
    expect(controller.hasLabels('videoinput')).to.equal(false);
    expect(controller.error?.code).to.equal('permission-denied');
    expect(controller.error?.device).to.equal('camera');
    expect(await controller.requestAccess('audioinput')).to.equal('denied');
    expect(controller.error?.device).to.equal('microphone');
    expect(controller.error?.message).to.equal('Microphone access was blocked.');
    controller.dispose();
  });
});
