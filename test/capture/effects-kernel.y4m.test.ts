/**
 * The fast effect path on real camera frames (Chromium's y4m camera: red, green, blue and white
 * quadrants, see test/helpers/pattern.ts): a frame copied as RGBA into the WebAssembly kernel
 * (`kernelPixels`, what the encode and live workers do) against the reference (the frame's own
 * RGBA copy through the script path), for every effect the kernel takes and a registered one,
 * mirrored and not, within 2 levels per channel; and the live preview with an effect, drawn by
 * the live worker at the camera's full size. Run: npm test -- --group chromium-y4m
 */
import { expect } from '@open-wc/testing';
import { applyEffectToPixels } from '../../src/capture/effect-pixels.js';
import { effectNames, registerEffect, resolveSettings } from '../../src/capture/effects.js';
import { kernelPixels, RGBA_COPY } from '../../src/capture/frame-pixels.js';
import { loadPixelKernel } from '../../src/capture/pixel-kernel.js';
import { PATTERN, sampleCanvas } from '../helpers/pattern.js';
import { cleanup, openCamera, pipeline, previewSize, startLive } from './support.js';

/** A frame of the y4m camera. */
async function cameraFrame(track: MediaStreamTrack): Promise<VideoFrame> {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: new (o: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> } }).MediaStreamTrackProcessor;
  const reader = new Processor({ track: track.clone() }).readable.getReader();
  const { value } = await reader.read();
  const copy = value!.clone();
  value!.close();
  await reader.cancel();
  return copy;
}

describe('effects: the fast path on camera frames (y4m camera)', function () {
  this.timeout(30_000);
  afterEach(cleanup);
  before(() => registerEffect('kernel-y4m-warm', { matrix: [1.1, 0, 0, 0.02, 0, 1, 0, 0, 0, 0.85, 0.1, -0.05], label: 'Warm' }));

  it('kernelPixels gives the reference pixels within 2 levels for every effect it takes and a registered one, mirrored and not', async () => {
    const kernel = await loadPixelKernel();
    expect(kernel, 'Chromium compiles the kernel').to.be.ok;
    const cam = await openCamera();
    const frame = await cameraFrame(cam.track);
    const { width, height } = frame.visibleRect!;
    expect([width, height]).to.deep.equal([PATTERN.width, PATTERN.height]);
    try {
      const plain = new Uint8ClampedArray(width * height * 4);
      await frame.copyTo(plain, RGBA_COPY);
      const taken: string[] = [];
      for (const name of effectNames()) {
        const s = resolveSettings(name, {});
        for (const mirror of [false, true]) {
          const image = await kernelPixels(frame, width, height, s, mirror, kernel);
          if (!image) {
            expect(kernel!.supports(s, width, mirror), `${name}: refused only when the kernel does not take it`).to.equal(false);
            continue;
          }
          taken.push(`${name}${mirror ? ' mirrored' : ''}`);
          const ref = plain.slice();
          applyEffectToPixels(ref, width, height, s);
          let max = 0;
          for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
              const o = (y * width + (mirror ? width - 1 - x : x)) * 4;
              const r = (y * width + x) * 4;
              for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(image.data[o + c]! - ref[r + c]!));
            }
          }
          expect(max, `${name}${mirror ? ' mirrored' : ''}`).to.be.at.most(2);
        }
      }
      for (const name of ['grayscale', 'sepia', 'invert', 'vintage', 'kernel-y4m-warm']) expect(taken).to.include.members([name, `${name} mirrored`]);
    } finally {
      frame.close();
    }
  });

  for (const effect of ['sepia', 'vintage', 'kernel-y4m-warm']) {
    it(`the live worker draws ${effect} at the camera's full size: the pixels beside the quadrants' edge keep their colours`, async () => {
      const cam = await openCamera();
      const p = pipeline({ renderer: '2d', effect, mirror: true });
      await startLive(p, cam.video, { frames: 3 });
      expect(p.liveThread).to.equal('worker');
      expect(await previewSize(p, cam.video)).to.equal(`${PATTERN.width}x${PATTERN.height}`);
      // the reference: the camera's pixels through the script path, mirrored
      const frame = await cameraFrame(cam.track);
      const ref = new Uint8ClampedArray(PATTERN.width * PATTERN.height * 4);
      await frame.copyTo(ref, RGBA_COPY);
      frame.close();
      applyEffectToPixels(ref, PATTERN.width, PATTERN.height, resolveSettings(effect, {}));
      const y = PATTERN.height / 4;
      // columns 319 | 320 are the two sides of the edge (mirrored: 320 | 319 of the camera);
      // a preview drawn from a scaled copy blends them
      for (const x of [PATTERN.width / 2 - 1, PATTERN.width / 2, 100, 540]) {
        const i = (y * PATTERN.width + (PATTERN.width - 1 - x)) * 4;
        const want = [ref[i]!, ref[i + 1]!, ref[i + 2]!];
        let got: readonly number[] = [];
        const end = performance.now() + 5000;
        do {
          got = await sampleCanvas(p.canvas, x, y, 0);
        } while (got.some((v, k) => Math.abs(v - want[k]!) > 2) && performance.now() < end);
        expect(got.map((v, k) => Math.abs(v - want[k]!)).every((d) => d <= 2), `x ${x}: got ${got}, want ${want}`).to.equal(true);
      }
    });
  }
});
