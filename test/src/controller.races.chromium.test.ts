import { expect } from '@open-wc/testing';
import { environmentError } from '../../src/controller.js';
import { controllersPerTest } from './controller-helpers.js';

/** Let the controller's reconcile pass start (it runs after a microtask) without letting a browser task run. */
const microtasks = async (n = 5) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

// Chromium only: its fake camera rejects an `exact` width it cannot give (Firefox's accepts it).
describe('MediaStreamController races and failures (Chromium)', () => {
  const make = controllersPerTest();

  it('a failed applyConstraints does not undo a newer setOptions made while it ran', async () => {
    const { controller } = make({ options: { video: { width: 640, height: 480 } } });
    await controller.start();
    expect(controller.getSettings()!.width).to.equal(640);
    const failing = controller.setOptions({ video: { width: { exact: 5000 } } });
    await microtasks(); // the pass has called applyConstraints; the browser has not answered yet
    const newer = controller.setOptions({ video: { width: 1280, height: 720 } });
    await Promise.all([failing, newer]);
    await controller.whenSettled();
    expect((controller.options.video as { width?: unknown }).width).to.equal(1280);
    expect(controller.getSettings()!.width).to.equal(1280);
    expect(controller.state).to.equal('live');
  });

  it('the error of a failed applyConstraints stays in controller.error, and the options go back to the ones that work', async () => {
    const { controller } = make({ options: { video: { width: 640, height: 480 } } });
    await controller.start();
    const track = controller.videoTrack!;
    const errors: string[] = [];
    controller.addEventListener('media-error', (e) => errors.push(e.detail.error.code));
    await controller.setOptions({ video: { width: { exact: 5000 } } });
    expect(errors).to.deep.equal(['overconstrained']);
    expect(controller.error?.code).to.equal('overconstrained');
    expect(controller.error?.constraint).to.equal('width');
    expect(controller.state).to.equal('live');
    expect(controller.videoTrack).to.equal(track);
    expect((controller.options.video as { width?: unknown }).width).to.equal(640);
    // A later change that works clears it.
    await controller.setOptions({ video: { width: 1280, height: 720 } });
    expect(controller.error).to.equal(null);
  });

  it('a permissions policy that allows only the microphone blocks a camera request as security, not a microphone one (real iframe policy)', async () => {
    const frame = document.createElement('iframe');
    // Same origin, so `allow="microphone"` alone would leave the camera allowed (its default is
    // 'self'): block it by name. A real getUserMedia({ video }) in this frame is NotAllowedError.
    frame.setAttribute('allow', "camera 'none'; microphone");
    frame.srcdoc = '<!doctype html><title>policy</title>';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    try {
      const win = frame.contentWindow as unknown as typeof globalThis;
      expect(environmentError(win, 'camera')?.code).to.equal('security');
      expect(environmentError(win, 'camera')?.device).to.equal('camera');
      expect(environmentError(win, 'camera-or-microphone')?.code, 'both asked for, one blocked').to.equal('security');
      expect(environmentError(win, 'microphone')).to.equal(null);
      expect(environmentError(win), 'nothing named: blocked only when neither is allowed').to.equal(null);
    } finally {
      frame.remove();
    }
  });
});
