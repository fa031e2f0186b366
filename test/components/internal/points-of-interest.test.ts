import { expect } from '@open-wc/testing';
import { focusAt, hasPointsOfInterest, pointInPicture } from '../../../components/internal/points-of-interest.js';
import { group, skipUnless } from '../../helpers/env.js';
import { cleanupControllers, sharedController } from '../utils.js';

describe('tap to focus (points of interest)', () => {
  afterEach(cleanupControllers);

  it('maps a point of the box to the picture for contain, cover and fill, and turns a mirrored preview back', () => {
    const box = { left: 100, top: 50, width: 400, height: 400 };
    const pic = { width: 640, height: 480 };
    // contain: 400 × 300, bars of 50 above and below.
    expect(pointInPicture(300, 250, box, pic, 'contain')).to.deep.equal({ x: 0.5, y: 0.5 });
    expect(pointInPicture(100, 100, box, pic, 'contain')).to.deep.equal({ x: 0, y: 0 });
    expect(pointInPicture(300, 60, box, pic, 'contain'), 'on the bar').to.equal(null);
    // cover: 533.3 × 400, cropped at the sides.
    const cover = pointInPicture(100, 50, box, pic, 'cover')!;
    expect(cover.x).to.be.closeTo(66.67 / 533.33, 1e-3);
    expect(cover.y).to.equal(0);
    expect(pointInPicture(200, 150, box, pic, 'fill')).to.deep.equal({ x: 0.25, y: 0.25 });
    expect(pointInPicture(200, 150, box, pic, 'fill', true)).to.deep.equal({ x: 0.75, y: 0.25 });
    expect(pointInPicture(0, 0, { left: 0, top: 0, width: 0, height: 0 }, pic)).to.equal(null);
  });

  it('does nothing (no error, no change) where the camera has no points of interest', async () => {
    const { controller } = sharedController();
    await controller.start();
    skipUnless(!hasPointsOfInterest(controller), `the ${group()} camera takes points of interest; this test is for one that does not`);
    const track = controller.videoTrack!;
    const before = JSON.stringify(track.getSettings());
    expect(await focusAt(controller, { x: 0.5, y: 0.5 })).to.equal(false);
    expect(controller.error).to.equal(null);
    expect(controller.videoTrack).to.equal(track);
    expect(JSON.stringify(track.getSettings())).to.equal(before);
    expect(await focusAt(controller, null)).to.equal(false);
  });
});
