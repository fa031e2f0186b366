import { expect } from '@open-wc/testing';
import { group } from './env.js';
import { playVideo } from './media.js';
import { PATTERN, expectColorNear, expectPattern, quadrantCenter, sampleCanvas, type Quadrant } from './pattern.js';

// chromium-y4m only: the camera plays .cache/test-pattern.y4m (scripts/make-y4m.mjs).
describe('test pattern camera (y4m)', () => {
  let stream: MediaStream | undefined;
  afterEach(() => {
    stream?.getTracks().forEach((t) => t.stop());
    stream = undefined;
  });

  async function playingVideo(): Promise<HTMLVideoElement> {
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
    return playVideo(stream);
  }

  it('runs in the chromium-y4m group with one camera', async () => {
    expect(group()).to.equal('chromium-y4m');
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    expect(cameras).to.have.length(1);
  });

  it('delivers 640x480', async () => {
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const settings = stream.getVideoTracks()[0].getSettings();
    expect(settings.width).to.equal(PATTERN.width);
    expect(settings.height).to.equal(PATTERN.height);
  });

  it('draws the four quadrant colours into a canvas', async () => {
    const video = await playingVideo();
    expect(video.videoWidth).to.equal(PATTERN.width);
    expect(video.videoHeight).to.equal(PATTERN.height);
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    const seen: Record<string, unknown> = {};
    let worst = 0;
    for (const q of Object.keys(PATTERN.quadrants) as Quadrant[]) {
      const [x, y] = quadrantCenter(q);
      const rgb = await sampleCanvas(canvas, x, y);
      seen[q] = rgb;
      worst = Math.max(worst, ...rgb.map((v, i) => Math.abs(v - PATTERN.quadrants[q][i])));
      expectColorNear(rgb, PATTERN.quadrants[q], PATTERN.tolerance, q);
    }
    console.log(`y4m quadrant colours ${JSON.stringify(seen)}; worst channel error ${worst}`);
    // the same through a downscaled ImageBitmap and a PNG blob
    const bitmap = await createImageBitmap(video, { resizeWidth: 320, resizeHeight: 240 });
    await expectPattern(bitmap);
    bitmap.close();
    const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b!), 'image/png'));
    await expectPattern(blob);
  });

  it('detects mirroring and grayscale', async () => {
    const video = await playingVideo();
    const canvas = document.createElement('canvas');
    canvas.width = PATTERN.width;
    canvas.height = PATTERN.height;
    const ctx = canvas.getContext('2d')!;
    ctx.translate(PATTERN.width, 0);
    ctx.scale(-1, 1);
    ctx.drawImage(video, 0, 0);
    await expectPattern(canvas, { mirrored: true });
    let threw = false;
    try {
      await expectPattern(canvas);
    } catch {
      threw = true;
    }
    expect(threw, 'a mirrored picture must not pass as the pattern').to.equal(true);

    ctx.resetTransform();
    ctx.filter = 'grayscale(1)';
    ctx.drawImage(video, 0, 0);
    const [r, g, b] = await sampleCanvas(canvas, ...quadrantCenter('topLeft'));
    expect(Math.max(r, g, b) - Math.min(r, g, b)).to.be.lessThan(8);
  });
});
