import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import type { EffectName } from '../../src/capture/effects.js';
import { decode, maxChannelSpread } from '../capture/support.js';
import { hasY4mCamera } from '../helpers/env.js';
import { PATTERN, expectColorNear, expectPattern, quadrantCenter, sampleCanvas, type Quadrant, type RGB } from '../helpers/pattern.js';
import { cleanupControllers, sharedController, untilState } from './utils.js';

void PhotoBooth; // the define module registers the tag

const QUADS = Object.keys(PATTERN.quadrants) as Quadrant[];

/**
 * What the element shows: its live canvas, read directly (the pipeline keeps the drawing buffer,
 * so a composited WebGL canvas reads back its picture), drawn with the canvas's computed CSS
 * transform (about its centre, as `transform-origin: center` does). The canvas is looked up on
 * each call: the element may have rebuilt its preview on a new one.
 */
async function shownFrame(el: PhotoBooth): Promise<HTMLCanvasElement> {
  await waitUntil(() => (el.canvasElement?.width ?? 0) > 0, 'a drawn preview canvas', { timeout: 5000 });
  const source = el.canvasElement!;
  const w = source.width;
  const h = source.height;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const css = getComputedStyle(source).transform;
  const m = new DOMMatrix(css === 'none' ? undefined : css);
  ctx.translate(w / 2, h / 2);
  ctx.transform(m.a, m.b, m.c, m.d, m.e, m.f);
  ctx.translate(-w / 2, -h / 2);
  ctx.drawImage(source, 0, 0, w, h);
  return canvas;
}

async function colors(source: Blob | HTMLCanvasElement): Promise<Record<Quadrant, RGB>> {
  const out = {} as Record<Quadrant, RGB>;
  const bitmap = source instanceof Blob ? await createImageBitmap(source) : null;
  const drawable = bitmap ?? (source as HTMLCanvasElement);
  for (const q of QUADS) {
    const [x, y] = quadrantCenter(q, drawable.width, drawable.height);
    out[q] = await sampleCanvas(drawable, x, y, 4);
  }
  bitmap?.close();
  return out;
}

/** Waits until the live canvas shows the camera at its size (not the blank canvas). */
async function untilDrawn(el: PhotoBooth, timeout = 8000): Promise<void> {
  const end = performance.now() + timeout;
  for (;;) {
    const c = el.canvasElement;
    if (c && c.width === PATTERN.width && c.height === PATTERN.height) {
      const c = await colors(await shownFrame(el));
      if (QUADS.some((q) => c[q].some((v) => v > 40))) return;
    }
    if (performance.now() > end) throw new Error('the live canvas shows no camera picture');
    await aTimeout(50);
  }
}

async function booth(attrs: string): Promise<PhotoBooth> {
  const { name } = sharedController();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 640px"></div>`);
  wrapper.innerHTML = `<photo-booth autostart stream="${name}" format="image/png" ${attrs}></photo-booth>`;
  const el = wrapper.querySelector('photo-booth')!;
  await untilState(el, 'live');
  await el.updateComplete;
  await untilDrawn(el);
  return el;
}

// chromium-y4m: the one camera plays the quadrant pattern (red, green / blue, white), 640x480.
describe('<photo-booth> pixels (y4m camera)', function () {
  this.timeout(30_000);
  afterEach(cleanupControllers);

  before(function () {
    if (!hasY4mCamera()) this.skip();
  });

  it('no effect keeps the quadrant colours, live and in the photo (track size)', async () => {
    const el = await booth('mirror="off"');
    await expect(el).to.be.accessible();
    await expectPattern(await shownFrame(el));
    const file = await el.capture();
    const img = await decode(file);
    expect([img.width, img.height]).to.deep.equal([PATTERN.width, PATTERN.height]);
    await expectPattern(file);
  });

  it('grayscale gives R = G = B, live and in the photo', async () => {
    const el = await booth('effect="grayscale" mirror="off"');
    await aTimeout(100);
    const live = await colors(await shownFrame(el));
    for (const q of QUADS) expect(Math.max(...live[q]) - Math.min(...live[q]), `live ${q}`).to.be.at.most(4);
    const file = await el.capture();
    expect(maxChannelSpread(await decode(file))).to.be.at.most(3);
    const photo = await colors(file);
    // red, green and blue become three different greys
    expect(new Set(QUADS.map((q) => Math.round(photo[q][0] / 20))).size).to.equal(4);
  });

  it('mirror="on" mirrors the preview but not the photo; mirror-photo mirrors the photo', async () => {
    const el = await booth('mirror="on"');
    expect(el.mirrored).to.equal(true);
    await expectPattern(await shownFrame(el), { mirrored: true });
    await expectPattern(await el.capture());
    el.mirrorPhoto = true;
    await el.updateComplete;
    await expectPattern(await el.capture(), { mirrored: true });
    // captureStream() carries the picture unmirrored as well (mirroring is display only)
    el.mirror = 'off';
    await el.updateComplete;
    expect(el.mirrored).to.equal(false);
    await expectPattern(await shownFrame(el));
  });

  it('renderer="2d" matches renderer="webgl2" within tolerance, live and in photos', async () => {
    const effects: EffectName[] = ['none', 'grayscale', 'sepia', 'invert', 'vintage'];
    const gl = await booth('renderer="webgl2" mirror="off" brightness="1.1" contrast="1.2" saturation="0.8"');
    const cpu = await booth('renderer="2d" mirror="off" brightness="1.1" contrast="1.2" saturation="0.8"');
    expect(gl.activeRenderer).to.equal('webgl2');
    expect(cpu.activeRenderer).to.equal('2d');
    for (const effect of effects) {
      gl.effect = effect;
      cpu.effect = effect;
      await Promise.all([gl.updateComplete, cpu.updateComplete]);
      const a = await colors(await gl.capture());
      const b = await colors(await cpu.capture());
      for (const q of QUADS) expectColorNear(a[q], b[q], 4, `photo ${effect} ${q}`);
      await aTimeout(400); // a few live frames with the new effect
      const la = await colors(await shownFrame(gl));
      const lb = await colors(await shownFrame(cpu));
      // the live 2D preview may use CSS filters: looser
      for (const q of QUADS) expectColorNear(la[q], lb[q], 12, `live ${effect} ${q}`);
    }
  });

  it('keeps capturing through a forced WebGL context loss and restore of the live canvas', async () => {
    const el = await booth('renderer="webgl2" effect="invert" mirror="off"');
    const canvas = el.canvasElement!;
    const gl = canvas.getContext('webgl2')!;
    expect(gl, 'the live canvas has a WebGL2 context').to.not.equal(null);
    const lose = gl.getExtension('WEBGL_lose_context')!;
    const lost = new Promise((r) => canvas.addEventListener('webglcontextlost', r, { once: true }));
    lose.loseContext();
    await lost;
    const whileLost = await colors(await el.capture());
    expectColorNear(whileLost.topLeft, [0, 255, 255], PATTERN.tolerance, 'photo while lost');
    expectColorNear(whileLost.bottomRight, [0, 0, 0], PATTERN.tolerance, 'photo while lost');
    const restored = new Promise((r) => canvas.addEventListener('webglcontextrestored', r, { once: true }));
    lose.restoreContext();
    await restored;
    // the live preview draws again, with a new effect (so these are new frames)
    el.effect = 'none';
    await waitUntil(
      async () => {
        const c = await colors(await shownFrame(el));
        return c.topLeft[0] > 200 && c.topLeft[1] < 50 && c.bottomRight[2] > 200;
      },
      'live frames after restore',
      { timeout: 5000 },
    );
    el.effect = 'invert';
    await el.updateComplete;
    const after = await colors(await el.capture());
    expectColorNear(after.topLeft, [0, 255, 255], PATTERN.tolerance, 'photo after restore');
    expectColorNear(after.bottomRight, [0, 0, 0], PATTERN.tolerance, 'photo after restore');
    await expect(el).to.be.accessible();
  });
});
