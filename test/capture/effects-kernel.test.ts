/**
 * The WebAssembly effect kernel (src/capture/pixel-kernel.ts) against the script path
 * (`applyEffectToPixels`, itself checked against the shader's oracle in effects.test.ts), on
 * random pixels, in every engine where WebAssembly SIMD compiles: every effect of the table the
 * kernel takes, a registered one, mirrored and not, within 1 level per channel (rounding).
 */
import { expect } from '@open-wc/testing';
import { applyEffectToPixels } from '../../src/capture/effect-pixels.js';
import { effectNames, registerEffect, resolveSettings, type EffectSettings } from '../../src/capture/effects.js';
import { kernelModuleBytes, loadPixelKernel, type PixelKernel } from '../../src/capture/pixel-kernel.js';
import { skipUnless } from '../helpers/env.js';

/** Opaque pixels from a seeded generator, with flat runs among the noise, and the extremes. */
function randomImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  let state = seed;
  const next = (): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >> 23);
  for (let o = 0; o < data.length; o += 4) {
    if (o > 0 && next() < 64) data.copyWithin(o, o - 4, o);
    else for (let k = 0; k < 3; k++) data[o + k] = next() < 16 ? (next() & 1) * 255 : next();
    data[o + 3] = 255;
  }
  return data;
}

/** The largest per-channel difference between the kernel's output and the script path's. */
function maxDifference(kernel: PixelKernel, s: EffectSettings, width: number, height: number, mirror: boolean, seed: number): number {
  const src = randomImage(width, height, seed);
  const ref = src.slice();
  applyEffectToPixels(ref, width, height, s);
  kernel.input(width, height, mirror).set(src);
  const out = kernel.run(width, height, s, mirror);
  expect(out, `the kernel takes ${s.effect}`).to.be.ok;
  let max = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + (mirror ? width - 1 - x : x)) * 4;
      const r = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) max = Math.max(max, Math.abs(out![o + c]! - ref[r + c]!));
    }
  }
  return max;
}

const NO_KERNEL = 'WebAssembly SIMD does not compile in this engine here: effects run in script';

describe('effects: the WebAssembly kernel', () => {
  let kernel: PixelKernel | null = null;
  before(async () => {
    registerEffect('kernel-test-warm', { matrix: [1.1, 0, 0, 0.02, 0, 1, 0, 0, 0, 0.85, 0.1, -0.05], label: 'Warm' });
    registerEffect('kernel-test-wild', { matrix: [2.5, -1.2, 0.3, -0.4, -3, 4, 1, 0.5, 0.1, 0.1, -0.2, 0.9], label: 'Wild' });
    registerEffect('kernel-test-huge', { matrix: [9, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], label: 'Huge' });
    kernel = await loadPixelKernel();
  });

  it('is a valid module', () => {
    skipUnless(typeof WebAssembly === 'object', 'no WebAssembly');
    // SIMD may be missing (validate false): then the kernel is null, and nothing changes
    expect(!!kernel).to.equal(WebAssembly.validate(kernelModuleBytes()));
  });

  for (const mirror of [false, true]) {
    it(`gives the script path's pixels within 1 level for every effect it takes, and a registered one${mirror ? ', mirrored' : ''}`, () => {
      skipUnless(kernel, NO_KERNEL);
      const taken: string[] = [];
      for (const name of effectNames()) {
        const s = resolveSettings(name, {});
        if (!kernel.supports(s, 64, mirror)) continue;
        taken.push(name);
        for (const [w, h] of [[64, 48], [128, 6]] as const) {
          expect(maxDifference(kernel, s, w, h, mirror, 7 + w), `${name} ${w}x${h}`).to.be.at.most(1);
        }
      }
      expect(taken).to.include.members(['none', 'grayscale', 'sepia', 'invert', 'vintage', 'kernel-test-warm', 'kernel-test-wild']);
    });
  }

  it('takes an odd width unmirrored and without a vignette (one long row)', () => {
    skipUnless(kernel, NO_KERNEL);
    for (const name of ['sepia', 'kernel-test-warm']) {
      expect(maxDifference(kernel, resolveSettings(name, {}), 31, 7, false, 3), name).to.be.at.most(1);
    }
  });

  it('grayscale gives R = G = B exactly', () => {
    skipUnless(kernel, NO_KERNEL);
    kernel.input(64, 48).set(randomImage(64, 48, 11));
    const out = kernel.run(64, 48, resolveSettings('grayscale', {}))!;
    for (let o = 0; o < out.length; o += 4) {
      if (out[o] !== out[o + 1] || out[o] !== out[o + 2]) throw new Error(`pixel ${o / 4}: ${out[o]}, ${out[o + 1]}, ${out[o + 2]}`);
    }
  });

  it('leaves to the script path what it does not do: pixelate, adjustments, entries of 8 or more, a mirrored or vignetted odd width', () => {
    skipUnless(kernel, NO_KERNEL);
    expect(kernel.supports(resolveSettings('pixelate', {}), 64, false)).to.equal(false);
    expect(kernel.supports(resolveSettings('sepia', { brightness: 1.2 }), 64, false)).to.equal(false);
    expect(kernel.supports(resolveSettings('kernel-test-huge', {}), 64, false)).to.equal(false);
    expect(kernel.supports(resolveSettings('sepia', {}), 30, true)).to.equal(false);
    expect(kernel.supports(resolveSettings('vintage', {}), 30, false)).to.equal(false);
    expect(kernel.supports(resolveSettings('sepia', {}), 30, false)).to.equal(true);
    kernel.input(8, 2).fill(7);
    expect(kernel.run(8, 2, resolveSettings('pixelate', {}))).to.equal(null);
    expect([...kernel.input(8, 2)].every((v) => v === 7), 'nothing changed').to.equal(true);
  });

  it('applyTo() applies in place on any array, and grows its memory for a larger frame', () => {
    skipUnless(kernel, NO_KERNEL);
    const s = resolveSettings('sepia', {});
    for (const [w, h] of [[16, 4], [1280, 720], [8, 2]] as const) {
      const data = randomImage(w, h, 5);
      const ref = data.slice();
      applyEffectToPixels(ref, w, h, s);
      expect(kernel.applyTo(data, w, h, s)).to.equal(true);
      let max = 0;
      for (let i = 0; i < data.length; i++) max = Math.max(max, Math.abs(data[i]! - ref[i]!));
      expect(max, `${w}x${h}`).to.be.at.most(1);
    }
    expect(kernel.byteLength).to.be.at.least(1280 * 720 * 4);
    const untouched = randomImage(8, 2, 1);
    expect(kernel.applyTo(untouched, 8, 2, resolveSettings('pixelate', {}))).to.equal(false);
    expect([...untouched]).to.deep.equal([...randomImage(8, 2, 1)]);
  });
});
