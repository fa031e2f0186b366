import { expect } from '@open-wc/testing';
import { MediaCaptureError } from '../../src/errors.js';
import { MediaErrorEvent } from '../../src/events.js';
import { group } from '../helpers/env.js';
import { setFaultCamera } from '../helpers/fault-camera.js';
import { makeController, until } from './controller-helpers.js';

// chromium-faults: the one camera is a file that the test swaps for a broken one, so that
// Chromium itself fails: nothing here is dispatched by script (see web-test-runner.config.mjs).
describe('MediaStreamController with a camera that fails in the browser (real faults)', () => {
  before(function () {
    if (group() !== 'chromium-faults') this.skip();
  });
  afterEach(() => setFaultCamera('good'));

  // Chromium's capture service fails on the broken file, and by timing getUserMedia either
  // rejects with NotReadableError, resolves with a track that has already ended, or resolves with
  // a live track that ends moments later: not-readable for the first two (the camera could not be
  // started), device-lost for the third (it ran, then stopped). Never a live state with a dead track.
  it('a camera that cannot start (real: NotReadableError, a track ended at birth, or one that ends at once) ends in a retryable typed error holding no track; retry() goes live once it can', async () => {
    await setFaultCamera('unreadable');
    const { controller, acquired, liveTracks } = makeController();
    const errors: MediaCaptureError[] = [];
    controller.addEventListener(MediaErrorEvent.eventName, (e) => errors.push((e as MediaErrorEvent).detail.error));
    await controller.start().catch(() => undefined);
    await until(() => controller.state === 'error' || controller.state === 'unavailable', 'a failed state');
    const err = controller.error!;
    expect(err).to.be.instanceOf(MediaCaptureError);
    expect(err.retryable).to.equal(true);
    if (err.code === 'not-readable') {
      expect(controller.state).to.equal('error');
      expect((err.cause as DOMException).name).to.equal('NotReadableError');
      expect(err.message).to.equal('The camera could not be started. Another application may be using it.');
    } else {
      expect(err.code).to.equal('device-lost');
      expect(controller.state).to.equal('unavailable');
      expect(err.message).to.equal('The camera was disconnected.');
    }
    expect(errors.map((e) => e.code)).to.deep.equal([err.code]);
    expect(controller.stream).to.equal(null);
    expect(acquired.flatMap((s) => s.getTracks()).every((t) => t.readyState === 'ended')).to.equal(true);

    // The other application lets go of the camera: asking again works.
    await setFaultCamera('good');
    await controller.retry();
    expect(controller.state).to.equal('live');
    expect(controller.error).to.equal(null);
    controller.dispose();
    expect(liveTracks()).to.have.length(0);
  });

  it('a camera that the browser ends while in use (real ended) leaves it unavailable with device-lost, holding no track', async () => {
    await setFaultCamera('dies');
    const { controller, liveTracks, tracks } = makeController();
    const lost = new Promise<MediaCaptureError>((r) =>
      controller.addEventListener(MediaErrorEvent.eventName, (e) => r((e as MediaErrorEvent).detail.error), { once: true }),
    );
    await controller.start();
    expect(controller.state).to.equal('live');
    const err = await lost;
    await until(() => controller.state === 'unavailable', 'unavailable');
    expect(err.code).to.equal('device-lost');
    expect(err.retryable).to.equal(true);
    expect(err.message).to.equal('The camera was disconnected.');
    expect(controller.stream).to.equal(null);
    // The browser ended the track itself: no script stopped or dispatched anything.
    expect(tracks().length).to.be.greaterThan(0);
    expect(tracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(liveTracks()).to.have.length(0);

    // Plugged back in: retry() goes live again.
    await setFaultCamera('good');
    await controller.retry();
    expect(controller.state).to.equal('live');
    controller.dispose();
    expect(liveTracks()).to.have.length(0);
  });
});
