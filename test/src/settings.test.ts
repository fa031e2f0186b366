import { expect } from '@open-wc/testing';
import type { MediaSettingsChangeEvent } from '../../src/events.js';
import { group, skipUnless } from '../helpers/env.js';
import { controllersPerTest } from './controller-helpers.js';

const st = (t: MediaStreamTrack): Record<string, unknown> => t.getSettings() as Record<string, unknown>;

// Every engine: what its fake camera reports (see settings.chromium.test.ts for Chromium's details).
describe('controller.applySettings (every engine)', () => {
  const make = controllersPerTest();

  it('a frame rate is applied on the same track, and media-settings-change fires exactly when the settings changed', async () => {
    const { controller, acquired } = make();
    await controller.start();
    const track = controller.videoTrack!;
    const caps = (typeof track.getCapabilities === 'function' ? track.getCapabilities() : {}) as Record<string, { min?: number; max?: number }>;
    skipUnless(caps.frameRate && (caps.frameRate.max ?? 0) >= 15, `the ${group()} fake camera reports no frame-rate range up to 15`);
    const events: MediaSettingsChangeEvent[] = [];
    controller.addEventListener('media-settings-change', (e) => events.push(e));
    const before = st(track).frameRate;
    const settings = await controller.applySettings('video', { frameRate: 15 });
    expect(controller.videoTrack).to.equal(track);
    expect(acquired).to.have.length(1);
    expect(controller.error, String(controller.error?.message)).to.equal(null);
    expect(settings).to.deep.equal(track.getSettings());
    if (st(track).frameRate !== before) {
      expect(events).to.have.length(1);
      expect(events[0].detail.changed).to.include('frameRate');
    } else {
      // Firefox's fake camera takes { exact: 15 } and goes on at 30: nothing changed, no event.
      expect(events).to.have.length(0);
    }
  });

  it('values chosen while idle are kept in the options and asked for when capture starts', async () => {
    const { controller } = make();
    await controller.applySettings('video', { width: 640, height: 480 });
    expect(controller.options.video).to.deep.include({ width: { exact: 640, preferred: true }, height: { exact: 480, preferred: true } });
    await controller.start();
    expect(controller.state).to.equal('live');
    expect(st(controller.videoTrack!).width).to.equal(640);
  });
});
