/**
 * A registered colour-matrix effect against Chromium's y4m camera (red, green, blue and white
 * quadrants; see test/helpers/pattern.ts): photos on WebGL2 and the 2D path, in the encode worker
 * and on the main thread, the live preview (WebGL2, and 2D drawn by the live worker) and the
 * canvas's captureStream() all show the matrix's colours. Run: npm test -- --group chromium-y4m
 */
import { expect } from '@open-wc/testing';
import { registerEffect } from '../../src/capture/index.js';
import { PATTERN, expectColorNear, quadrantCenter, sampleCanvas, type Quadrant, type RGB } from '../helpers/pattern.js';
import { cleanup, openCamera, pipeline, startLive, within } from './support.js';

/** red <- green, green <- half blue + 0.2, blue <- red. */
const MATRIX = [0, 1, 0, 0, 0, 0, 0.5, 0.2, 1, 0, 0, 0];
const WANT: Record<Quadrant, RGB> = {
  topLeft: [0, 51, 255], // red
  topRight: [255, 51, 0], // green
  bottomLeft: [0, 178.5, 0], // blue
  bottomRight: [255, 178.5, 255], // white
};
const T = PATTERN.tolerance;

async function expectEffect(source: Blob | HTMLCanvasElement | HTMLVideoElement, what: string): Promise<void> {
  const bitmap = await createImageBitmap(source);
  try {
    for (const q of Object.keys(WANT) as Quadrant[]) {
      const [x, y] = quadrantCenter(q, bitmap.width, bitmap.height);
      expectColorNear(await sampleCanvas(bitmap, x, y), WANT[q], T, `${what}: ${q}`);
    }
  } finally {
    bitmap.close();
  }
}

/** Retries `check` until it passes or `ms` run out (a live picture takes a frame or two to change). */
async function eventually(check: () => Promise<void>, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (performance.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('registerEffect: pixels (y4m camera)', function () {
  this.timeout(60_000);
  afterEach(cleanup);

  before(() => registerEffect('y4m-swap', { matrix: MATRIX, label: 'Swap' }));

  it('photos on WebGL2 and 2D, in the encode worker and on the main thread, apply the registered matrix', async () => {
    const cam = await openCamera();
    const p = pipeline({ renderer: 'webgl2', effect: 'y4m-swap' });
    p.attach(cam.video);
    for (const renderer of ['webgl2', '2d'] as const) {
      for (const worker of [true, false]) {
        const photo = await p.capturePhoto({ format: 'image/png', renderer, worker });
        expect([p.lastCapture!.renderer, p.lastCapture!.encoder]).to.deep.equal([renderer, worker ? 'worker' : 'main']);
        await expectEffect(photo, `${renderer} photo, ${worker ? 'worker' : 'main thread'}`);
      }
    }
  });

  for (const renderer of ['webgl2', '2d'] as const) {
    it(`${renderer}: the live preview and its captureStream() show the registered effect`, async () => {
      const cam = await openCamera();
      const p = pipeline({ renderer });
      await startLive(p, cam.video);
      if (renderer === '2d') expect(p.liveThread, 'drawn by the live worker').to.equal('worker');
      p.setEffect('y4m-swap');
      await eventually(() => expectEffect(p.canvas, `${renderer} live (${p.liveThread})`));
      const out = Object.assign(document.createElement('video'), { muted: true, srcObject: p.captureStream() });
      document.body.append(out);
      try {
        await within(out.play(), 10_000, 'play() of the captured stream');
        await eventually(() => expectEffect(out, `${renderer} captureStream`));
      } finally {
        (out.srcObject as MediaStream).getTracks().forEach((t) => t.stop());
        out.remove();
      }
    });
  }
});
