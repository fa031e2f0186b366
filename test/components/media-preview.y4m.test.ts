import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import { hasY4mCamera } from '../helpers/env.js';
import { PATTERN, expectPattern } from '../helpers/pattern.js';
import { cleanupControllers, sharedController, untilPlaying, untilState } from './utils.js';

/**
 * What the element shows: the video's current frame drawn with the video's computed CSS
 * transform (about its centre, as `transform-origin: center` does).
 */
function renderedFrame(preview: MediaPreview): HTMLCanvasElement {
  const video = preview.videoElement!;
  const { videoWidth: w, videoHeight: h } = video;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  const css = getComputedStyle(video).transform;
  const m = new DOMMatrix(css === 'none' ? undefined : css);
  ctx.translate(w / 2, h / 2);
  ctx.transform(m.a, m.b, m.c, m.d, m.e, m.f);
  ctx.translate(-w / 2, -h / 2);
  ctx.drawImage(video, 0, 0, w, h);
  return canvas;
}

async function frame(video: HTMLVideoElement): Promise<void> {
  await untilPlaying(video);
  await new Promise<void>((done) => {
    const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(() => done());
    else setTimeout(done, 200);
  });
}

// chromium-y4m: the one camera plays the quadrant pattern (red, green / blue, white), 640x480.
describe('<media-preview> pixels (y4m camera)', () => {
  afterEach(cleanupControllers);

  before(function () {
    if (!hasY4mCamera()) this.skip();
  });

  for (const [mirror, mirrored] of [
    ['off', false],
    ['on', true],
    ['auto', true], // the y4m camera reports no facingMode: it counts as user-facing
  ] as const) {
    it(`shows the camera's picture, mirror="${mirror}" → ${mirrored ? 'mirrored' : 'not mirrored'}`, async () => {
      const { name, controller } = sharedController();
      const el = await fixture<MediaPreview>(
        html`<media-preview autostart mirror=${mirror} stream=${name} style="inline-size: 640px"></media-preview>`,
      );
      await expect(el).to.be.accessible();
      await untilState(el, 'live');
      await el.updateComplete;
      const video = el.videoElement!;
      await frame(video);
      expect(video.srcObject).to.equal(controller.stream);
      expect([video.videoWidth, video.videoHeight]).to.deep.equal([PATTERN.width, PATTERN.height]);
      expect(el.mirrored).to.equal(mirrored);
      await expectPattern(renderedFrame(el), { mirrored });
      await expect(el).to.be.accessible();
    });
  }

  it('holds the last frame (the pattern) on the freeze-frame canvas while the camera is re-acquired', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart mirror="off" stream=${name}></media-preview>`);
    await untilState(el, 'live');
    await frame(el.videoElement!);
    const before = controller.videoTrack; // one stream for life: a re-acquire replaces its video track in place
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="freeze-frame"]')!;
    let seenFrozen = false;
    let blank = 0;
    let watching = true;
    const watch = () => {
      if (!watching) return;
      const video = el.videoElement!;
      const frozen = !canvas.hidden;
      seenFrozen ||= frozen;
      if (!frozen && !(video.readyState >= 2 && video.videoWidth > 0)) blank++;
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    // A facing mode the y4m camera does not report makes the controller acquire the camera anew.
    el.facingMode = 'environment';
    await waitUntil(() => controller.videoTrack !== before && controller.state === 'live', 'a new video track', { timeout: 8000 });
    await waitUntil(() => canvas.hidden, 'the freeze frame goes away on the first new frame', { timeout: 5000 });
    watching = false;
    expect(seenFrozen, 'the last frame was held').to.equal(true);
    expect(blank, 'animation frames with nothing on screen').to.equal(0);
    expect([canvas.width, canvas.height]).to.deep.equal([PATTERN.width, PATTERN.height]);
    await expectPattern(canvas);
  });
});
