import { expect, waitUntil } from '@open-wc/testing';
import { maxChannelSpread } from '../capture/support.js';
import { hasY4mCamera, skipUnless } from '../helpers/env.js';
import { cleanupControllers } from './utils.js';
import { liveRecorder, probeFile, recordFor } from './media-recorder.fixtures.js';

/** A frame of a recorded file, decoded by the engine's own `<video>` (at `at` seconds). */
async function frameOf(file: File, at: number): Promise<ImageData> {
  const { media, url } = await probeFile(file);
  const video = media as HTMLVideoElement;
  video.currentTime = at;
  await new Promise((r) => video.addEventListener('seeked', r, { once: true }));
  await waitUntil(() => video.readyState >= 2, 'a decoded frame');
  const c = document.createElement('canvas');
  c.width = video.videoWidth;
  c.height = video.videoHeight;
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(video, 0, 0);
  URL.revokeObjectURL(url);
  return ctx.getImageData(0, 0, c.width, c.height);
}

/** Mean R, G, B of the image's centre tenth. */
function meanCentre(img: ImageData): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.floor(img.height * 0.45); y < img.height * 0.55; y++)
    for (let x = Math.floor(img.width * 0.45); x < img.width * 0.55; x++) {
      const i = (y * img.width + x) * 4;
      sum[0]! += img.data[i]!;
      sum[1]! += img.data[i + 1]!;
      sum[2]! += img.data[i + 2]!;
      n++;
    }
  return sum.map((s) => s / n) as [number, number, number];
}

describe('<media-recorder> with the y4m test pattern', function () {
  this.timeout(40_000);
  beforeEach(function () {
    skipUnless(hasY4mCamera(), 'needs the y4m test-pattern camera of the chromium-y4m group', this);
  });
  afterEach(cleanupControllers);

  it('effect="grayscale" is baked into the recording: a decoded frame has R = G = B', async () => {
    const el = await liveRecorder('effect="grayscale" mirror="off"');
    await expect(el).to.be.accessible();
    const file = await recordFor(el, 1500);
    const frame = await frameOf(file, 0.7);
    const cam = el.controller.videoTrack!.getSettings();
    expect([frame.width, frame.height]).to.deep.equal([cam.width, cam.height]);
    // The codec's 4:2:0 chroma of a grey picture decodes within a few levels of grey.
    expect(maxChannelSpread(frame)).to.be.at.most(6);
  });

  it('without an effect the coloured pattern is in the recording (the check above can fail)', async () => {
    const el = await liveRecorder('mirror="off"');
    const file = await recordFor(el, 1500);
    const frame = await frameOf(file, 0.7);
    expect(maxChannelSpread(frame)).to.be.above(60);
    const [r, g, b] = meanCentre(frame);
    expect(Number.isFinite(r + g + b)).to.equal(true);
  });

  it('mirror does not mirror the recording; mirror-recording does', async () => {
    const plain = await liveRecorder('mirror="on"');
    const a = await frameOf(await recordFor(plain, 1000), 0.5);
    plain.remove();
    const mirrored = await liveRecorder('mirror-recording');
    const b = await frameOf(await recordFor(mirrored, 1000), 0.5);
    // The pattern's left and right halves differ; a mirrored frame has them swapped.
    const left = (img: ImageData) => {
      const i = (Math.floor(img.height / 4) * img.width + Math.floor(img.width / 4)) * 4;
      return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    };
    const right = (img: ImageData) => {
      const i = (Math.floor(img.height / 4) * img.width + Math.floor((img.width * 3) / 4)) * 4;
      return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    };
    const near = (p: number[], q: number[]) => p.every((v, k) => Math.abs(v - q[k]!) < 40);
    expect(near(left(a), right(b)), `left ${left(a)} of the plain one is right ${right(b)} of the mirrored one`).to.equal(true);
    expect(near(left(a), left(b))).to.equal(false);
  });
});
