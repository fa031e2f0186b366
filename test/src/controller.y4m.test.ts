import { expect } from '@open-wc/testing';
import { makeController, until } from './controller-helpers.js';

// chromium-y4m has exactly ONE camera (the y4m file): the case where no other camera is left.
describe('MediaStreamController with a single camera', () => {
  it('goes to unavailable with device-lost when the only camera ends (injected ended: nothing here unplugs a camera)', async () => {
    const { controller, liveTracks } = makeController();
    await controller.start();
    expect(controller.devicesOf('videoinput')).to.have.length(1);
    const lost = new Promise<Event>((r) => controller.addEventListener('media-error', r, { once: true }));
    controller.videoTrack!.dispatchEvent(new Event('ended'));
    await lost;
    await until(() => controller.state === 'unavailable', 'unavailable');
    expect(controller.error?.code).to.equal('device-lost');
    expect(controller.error?.retryable).to.equal(true);
    expect(controller.stream).to.equal(null);
    expect(liveTracks()).to.have.length(0);
    controller.dispose();
  });

  it('a resolution the camera cannot give is an overconstrained error naming the constraint, relaxed when preferred', async () => {
    const strict = makeController({ options: { video: { width: { exact: 1234 } } } });
    await strict.controller.start().catch(() => undefined);
    expect(strict.controller.state).to.equal('error');
    expect(strict.controller.error?.code).to.equal('overconstrained');
    expect(strict.controller.error?.constraint).to.equal('width');
    expect(strict.liveTracks()).to.have.length(0);
    strict.controller.dispose();

    const soft = makeController({ options: { video: { width: { exact: 1234, preferred: true } } } });
    await soft.controller.start();
    expect(soft.controller.state).to.equal('live');
    expect(soft.controller.getSettings()!.width).to.equal(640);
    soft.controller.dispose();
  });
});
