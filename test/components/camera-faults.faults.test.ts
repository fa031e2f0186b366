import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MediaPreview } from '../../components/media-preview/define.js';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState, MediaErrorEvent } from '../../src/events.js';
import { group } from '../helpers/env.js';
import { setFaultCamera } from '../helpers/fault-camera.js';
import { PATTERN } from '../helpers/pattern.js';
import { $, cleanupControllers, sharedController, supportsStateSelector, untilPlaying, untilState } from './utils.js';

void PhotoBooth; // the define modules register the tags
void MediaPreview;

type CameraElement = HTMLElement & { state: CaptureState; updateComplete: Promise<boolean> };

/** Puts `file` behind the camera, makes the element, presses start, and waits for its error and error state (axe-checked before and after). */
async function startOn<E extends CameraElement>(file: 'unreadable' | 'dies', make: (stream: string) => Promise<E>) {
  await setFaultCamera(file);
  const { name, controller } = sharedController();
  const el = await make(name);
  await expect(el).to.be.accessible();
  const failed = oneEvent(el, 'media-error') as Promise<MediaErrorEvent>;
  $(el, '[part~="start-button"]')!.click();
  const { error } = (await failed).detail;
  expect(error).to.be.instanceOf(MediaCaptureError);
  await untilState(el, error.state);
  await el.updateComplete;
  await expect(el).to.be.accessible();
  return { el, controller, error };
}

/** Gives the camera its good file back and presses retry: the element goes live (axe-checked). */
async function retryLive(el: CameraElement): Promise<void> {
  await setFaultCamera('good');
  $(el, '[part~="retry-button"]')!.click();
  await untilState(el, 'live');
  await el.updateComplete;
  await expect(el).to.be.accessible();
}

// chromium-faults: Chromium itself fails the camera (a broken file behind its one camera); no
// fault is dispatched by script. See web-test-runner.config.mjs and test/helpers/fault-camera.ts.
describe('elements with a camera that fails in the browser (real faults)', () => {
  afterEach(cleanupControllers);
  afterEach(() => setFaultCamera('good'));
  before(function () {
    if (group() !== 'chromium-faults') this.skip();
  });

  // By timing, Chromium rejects with NotReadableError, or gives a track that has already ended or
  // that ends at once (see test/src/controller.faults.test.ts): not-readable or device-lost.
  it('<media-preview>: a camera that cannot start (real) shows why and a retry that works once the camera is free', async () => {
    const { el, controller, error } = await startOn('unreadable', (name) => fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`));
    expect(error.code).to.be.oneOf(['not-readable', 'device-lost']);
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal(
      error.code === 'not-readable' ? 'The camera could not be started. Another application may be using it.' : 'The camera was disconnected.',
    );
    expect($(el, '[part~="advice"]')!.textContent!.trim()).to.equal(error.advice);
    if (supportsStateSelector(el)) expect(el.matches(`:state(${error.state})`)).to.equal(true);
    expect(controller.stream).to.equal(null);

    await retryLive(el);
    await untilPlaying($(el, 'video') as HTMLVideoElement);
  });

  it('<photo-booth>: a camera the browser ends while in use (real ended) shows it as disconnected, refuses photos, and comes back on retry', async () => {
    const { el, controller, error } = await startOn('dies', (name) => fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`));
    expect(el.state).to.equal('unavailable');
    expect(error.code).to.equal('device-lost');
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal('The camera was disconnected.');
    expect($(el, '[part~="retry-button"]')).to.exist;
    expect($(el, '[part~="shutter"]')).to.equal(null);
    const refused = await el.capture().catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(MediaCaptureError).with.property('code', 'not-live');
    expect(controller.stream).to.equal(null);

    await retryLive(el);
    const file = await el.capture();
    const bitmap = await createImageBitmap(file);
    expect([bitmap.width, bitmap.height]).to.deep.equal([PATTERN.width, PATTERN.height]);
    bitmap.close();
  });
});
