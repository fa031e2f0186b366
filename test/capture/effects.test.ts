/**
 * The 2D per-pixel path against an oracle written straight from the fragment shader's steps (no
 * shortcut), on random pixels, in every engine: the fast loops (matrix effects inline, pixelate
 * by blocks, the adjustments written out) must give the same bytes within rounding.
 */
import { expect } from '@open-wc/testing';
import { applyEffectToPixels } from '../../src/capture/effect-pixels.js';
import { EFFECTS, EFFECT_NAMES, blockSize, resolveSettings } from '../../src/capture/effects.js';
import type { Adjustments, EffectSettings, RGB } from '../../src/capture/effects.js';

const LUMA = [0.2126, 0.7152, 0.0722] as const;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The shader, pixel by pixel: sample, matrix, clamp, vignette, brightness, contrast, saturation. */
function oracle(src: Uint8ClampedArray, width: number, height: number, s: EffectSettings): Uint8ClampedArray {
  const out = src.slice();
  const def = EFFECTS[s.effect]!;
  const block = blockSize(s, width, height);
  const at = (p: number, size: number): number => Math.min(size - 1, Math.max(0, def.sample ? def.sample(p, size, block) : p));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (at(y, height) * width + at(x, width)) * 4;
      let c: RGB = [src[i]! / 255, src[i + 1]! / 255, src[i + 2]! / 255];
      const m = def.matrix;
      if (m) c = [0, 1, 2].map((k) => m[k * 4]! * c[0] + m[k * 4 + 1]! * c[1] + m[k * 4 + 2]! * c[2] + m[k * 4 + 3]!) as RGB;
      c = c.map(clamp01) as RGB;
      const [du, dv] = [(x + 0.5) / width - 0.5, (y + 0.5) / height - 0.5];
      c = c.map((q) => q * (1 - (def.vignette ?? 0) * (du * du + dv * dv))) as RGB;
      c = c.map((q) => clamp01(q * s.brightness)) as RGB;
      c = c.map((q) => clamp01((q - 0.5) * s.contrast + 0.5)) as RGB;
      const l = LUMA[0] * c[0] + LUMA[1] * c[1] + LUMA[2] * c[2];
      c = c.map((q) => clamp01(l + (q - l) * s.saturation)) as RGB;
      const o = (y * width + x) * 4;
      out[o] = c[0] * 255;
      out[o + 1] = c[1] * 255;
      out[o + 2] = c[2] * 255;
    }
  }
  return out;
}

/** Opaque pixels from a seeded generator, with flat runs (as in pictures) among the noise. */
function randomImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  let state = seed;
  const next = (): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >> 23);
  for (let o = 0; o < data.length; o += 4) {
    if (o > 0 && next() < 64) data.copyWithin(o, o - 4, o); // a run of equal pixels
    else for (let k = 0; k < 3; k++) data[o + k] = next();
    data[o + 3] = 255;
  }
  return data;
}

const ADJUSTMENTS: Adjustments[] = [
  {},
  { brightness: 1.2, contrast: 0.8, saturation: 1.5 },
  { brightness: 2, contrast: 2, saturation: 2 },
  { brightness: 0.3, contrast: 0, saturation: 0 },
  { brightness: 1, contrast: 1.7, saturation: 0.4 },
];

describe('effects: the 2D per-pixel path', () => {
  it('gives the shader oracle\'s bytes (within rounding) for every effect and adjustment, alpha kept', () => {
    for (const [width, height] of [[97, 61], [160, 90], [1, 1]] as const) {
      for (const effect of EFFECT_NAMES) {
        for (const [n, adjustments] of ADJUSTMENTS.entries()) {
          for (const pixelSize of effect === 'pixelate' ? [0, 3, 7] : [0]) {
            const settings = resolveSettings(effect, adjustments, pixelSize);
            const src = randomImage(width, height, 7 + n);
            const got = src.slice();
            applyEffectToPixels(got, width, height, settings);
            const want = oracle(src, width, height, settings);
            let worst = 0;
            for (let o = 0; o < got.length; o++) {
              if (o % 4 === 3) expect(got[o], 'alpha').to.equal(255);
              else worst = Math.max(worst, Math.abs(got[o]! - want[o]!));
            }
            expect(worst, `${effect} ${JSON.stringify(adjustments)} block ${pixelSize} at ${width}x${height}`).to.be.at.most(1);
          }
        }
      }
    }
  });

  it('an effect given as a matrix matches the CSS filter matrices it names', () => {
    // grayscale(1), sepia(1) and invert(1) from the Filter Effects spec.
    expect(EFFECTS.grayscale.matrix).to.deep.equal([0.2126, 0.7152, 0.0722, 0, 0.2126, 0.7152, 0.0722, 0, 0.2126, 0.7152, 0.0722, 0]);
    expect(EFFECTS.sepia.matrix).to.deep.equal([0.393, 0.769, 0.189, 0, 0.349, 0.686, 0.168, 0, 0.272, 0.534, 0.131, 0]);
    expect(EFFECTS.invert.matrix).to.deep.equal([-1, 0, 0, 1, 0, -1, 0, 1, 0, 0, -1, 1]);
  });

  it('vintage keeps a flat grey warm at the centre and darkens the corners to 0.55 of it', () => {
    const [w, h] = [101, 101];
    const data = new Uint8ClampedArray(w * h * 4).fill(128);
    applyEffectToPixels(data, w, h, resolveSettings('vintage', {}));
    const at = (x: number, y: number): number[] => [...data.subarray((y * w + x) * 4, (y * w + x) * 4 + 3)];
    const centre = at(50, 50);
    expect(centre[0], 'warm: red above green').to.be.above(centre[1]!);
    expect(centre[1], 'warm: green above blue').to.be.above(centre[2]!);
    for (const [x, y] of [[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1]] as const) {
      const corner = at(x, y);
      // the corner pixel's centre is half a pixel in from the edge: 1 - 0.9 * 2 * (0.5 - 0.5 / 101)^2
      const k = 1 - 0.9 * 2 * (0.5 - 0.5 / w) ** 2;
      for (let c = 0; c < 3; c++) expect(corner[c], `corner ${x},${y} channel ${c}`).to.be.closeTo(centre[c]! * k, 1);
    }
  });
});
