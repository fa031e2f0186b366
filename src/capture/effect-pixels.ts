/**
 * The 2D side of the effect table: applies an effect's entry in `effects.ts` to RGBA pixels, the
 * exact twin of the fragment shader of `effect-shader.ts`. Used for photos on the 2D path (main
 * thread and encode worker) and for the live 2D preview where no CSS filter does the job.
 *
 * DOM-free: imported by the workers and safe to import in Node.
 */
import { IDENTITY, LUMA, applyMatrix, clamp01, type Matrix, type RGB } from './colour.js';
import { adjusts, blockSize, effectDefinition, isIdentity, type EffectDefinition, type EffectSettings } from './effects.js';

/**
 * Applies `s` to RGBA pixels in place (the 2D twin of the fragment shader). The pixels must
 * already be in output orientation (mirroring is done when drawing). Alpha is not computed
 * (camera frames are opaque): pixelate copies it with the colour.
 *
 * Works in 0..255; writing to the `Uint8ClampedArray` does the final clamp and rounding. The
 * colour matrix, vignette and adjustments run in one tight loop per pixel; an effect that remaps
 * reads (pixelate) computes one colour per block and copies it.
 */
export function applyEffectToPixels(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  s: EffectSettings,
): void {
  if (isIdentity(s)) return;
  const def = effectDefinition(s.effect);
  if (def.sample) applySampled(data, width, height, s, def);
  else applyMatrixTo(data, width, height, def, s);
}

/** Brightness, contrast and saturation on `c` in 0..255, each step clamped, as in the shader. */
function adjust255(c: RGB, { brightness: br, contrast: ct, saturation: sat }: EffectSettings): void {
  const r = clamp255((clamp255(clamp255(c[0]) * br) - 127.5) * ct + 127.5);
  const g = clamp255((clamp255(clamp255(c[1]) * br) - 127.5) * ct + 127.5);
  const b = clamp255((clamp255(clamp255(c[2]) * br) - 127.5) * ct + 127.5);
  const l = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
  c[0] = l + (r - l) * sat;
  c[1] = l + (g - l) * sat;
  c[2] = l + (b - l) * sat;
}

const clamp255 = (x: number): number => (x < 0 ? 0 : x > 255 ? 255 : x);

/**
 * The vignette of `strength` as a column term and a row term: the factor at (x, y) is
 * `col[x] - row[y]` (the squared distance from the centre is the sum of its two axes' parts).
 */
function vignetteTerms(strength: number, width: number, height: number): { col: Float64Array; row: Float64Array } {
  const axis = (size: number, base: number, sign: number): Float64Array => {
    const t = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const d = (i + 0.5) / size - 0.5;
      t[i] = base + sign * strength * d * d;
    }
    return t;
  };
  return { col: axis(width, 1, -1), row: axis(height, 0, 1) };
}

/** The colour matrix alone on every pixel: the commonest case, in a loop of its own (2x faster). */
function applyMatrixOnly(data: Uint8ClampedArray, m: Matrix): void {
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = m;
  const o0 = m3 * 255;
  const o1 = m7 * 255;
  const o2 = m11 * 255;
  for (let o = 0, n = data.length; o < n; o += 4) {
    const r = data[o]!;
    const g = data[o + 1]!;
    const b = data[o + 2]!;
    data[o] = m0 * r + m1 * g + m2 * b + o0;
    data[o + 1] = m4 * r + m5 * g + m6 * b + o1;
    data[o + 2] = m8 * r + m9 * g + m10 * b + o2;
  }
}

/** The colour matrix, then the vignette, then the adjustments, on every pixel, kept tight. */
function applyMatrixTo(data: Uint8ClampedArray, width: number, height: number, def: EffectDefinition, s: EffectSettings): void {
  const adjust = adjusts(s);
  if (!adjust && !def.vignette) return applyMatrixOnly(data, def.matrix ?? IDENTITY);
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = def.matrix ?? IDENTITY;
  const o0 = m3 * 255;
  const o1 = m7 * 255;
  const o2 = m11 * 255;
  const { brightness: br, contrast: ct, saturation: sat } = s;
  const [l0, l1, l2] = LUMA;
  const vignette = !!def.vignette;
  const { col, row } = vignetteTerms(def.vignette ?? 0, width, height);
  for (let y = 0, o = 0; y < height; y++) {
    const ry = row[y]!;
    for (let x = 0; x < width; x++, o += 4) {
      const r = data[o]!;
      const g = data[o + 1]!;
      const b = data[o + 2]!;
      // The shader's steps written out: calling adjust255 per pixel makes this loop 1.6x slower.
      let r1 = clamp255(m0 * r + m1 * g + m2 * b + o0);
      let g1 = clamp255(m4 * r + m5 * g + m6 * b + o1);
      let b1 = clamp255(m8 * r + m9 * g + m10 * b + o2);
      if (vignette) {
        const vig = col[x]! - ry;
        r1 *= vig;
        g1 *= vig;
        b1 *= vig;
      }
      if (adjust) {
        r1 = clamp255((clamp255(r1 * br) - 127.5) * ct + 127.5);
        g1 = clamp255((clamp255(g1 * br) - 127.5) * ct + 127.5);
        b1 = clamp255((clamp255(b1 * br) - 127.5) * ct + 127.5);
        const l = l0 * r1 + l1 * g1 + l2 * b1;
        r1 = l + (r1 - l) * sat;
        g1 = l + (g1 - l) * sat;
        b1 = l + (b1 - l) * sat;
      }
      data[o] = r1;
      data[o + 1] = g1;
      data[o + 2] = b1;
    }
  }
}

/** The colour of one pixel in 0..255 into `c` (the matrix, vignette and adjustments). */
function colourAt(c: RGB, r: number, g: number, b: number, u: number, v: number, def: EffectDefinition, s: EffectSettings): void {
  c[0] = r / 255;
  c[1] = g / 255;
  c[2] = b / 255;
  if (def.matrix) applyMatrix(c, def.matrix);
  const vig = def.vignette ? 1 - def.vignette * ((u - 0.5) ** 2 + (v - 0.5) ** 2) : 1;
  c[0] = clamp01(c[0]) * 255 * vig;
  c[1] = clamp01(c[1]) * 255 * vig;
  c[2] = clamp01(c[2]) * 255 * vig;
  if (adjusts(s)) adjust255(c, s);
}

/**
 * An effect that remaps reads (pixelate): each run of output pixels that reads the same source
 * pixel gets one computed colour, and a row that reads the same source row as the one above is
 * a copy of it.
 */
function applySampled(data: Uint8ClampedArray, width: number, height: number, s: EffectSettings, def: EffectDefinition): void {
  const src = data.slice(); // reads are remapped: read a copy, so that writes do not affect them
  const { sx, sy } = sampleMaps(def, s, width, height);
  const c: RGB = [0, 0, 0];
  const rowBytes = width * 4;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    if (y > 0 && sy[y] === sy[y - 1] && !def.vignette) {
      data.copyWithin(row, row - rowBytes, row);
      continue;
    }
    const v = (y + 0.5) / height;
    for (let x = 0; x < width; ) {
      const i = sy[y]! * rowBytes + sx[x]! * 4;
      colourAt(c, src[i]!, src[i + 1]!, src[i + 2]!, (x + 0.5) / width, v, def, s);
      // Without a vignette the colour is the same along the whole run.
      do {
        const o = row + x * 4;
        data[o] = c[0];
        data[o + 1] = c[1];
        data[o + 2] = c[2];
        data[o + 3] = src[i + 3]!;
        x++;
      } while (x < width && sx[x] === sx[x - 1] && !def.vignette);
    }
  }
}

/** For each output column and row, the source column and row to read (pixelate). */
function sampleMaps(def: EffectDefinition, s: EffectSettings, width: number, height: number): { sx: Int32Array; sy: Int32Array } {
  const block = blockSize(s, width, height);
  const sx = new Int32Array(width);
  const sy = new Int32Array(height);
  for (let x = 0; x < width; x++) sx[x] = Math.min(width - 1, Math.max(0, def.sample!(x, width, block)));
  for (let y = 0; y < height; y++) sy[y] = Math.min(height - 1, Math.max(0, def.sample!(y, height, block)));
  return { sx, sy };
}
