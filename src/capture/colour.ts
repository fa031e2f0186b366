/**
 * Colour maths shared by the effect table, the 2D per-pixel path and the shader generator: RGB
 * triples, affine colour matrices and the constants the built-in effects are made of.
 *
 * DOM-free: imported by the workers and safe to import in Node.
 */

/** A mutable RGB triple in 0..1. */
export type RGB = [number, number, number];

/** An affine colour transform: a row `[r, g, b, offset]` for each of red, green and blue. */
export type Matrix = readonly [number, number, number, number, number, number, number, number, number, number, number, number];

/** Rec. 709 luma weights, also used by CSS `grayscale()`. */
export const LUMA: RGB = [0.2126, 0.7152, 0.0722];

/** The CSS `sepia(1)` matrix. */
export const SEPIA: Matrix = [0.393, 0.769, 0.189, 0, 0.349, 0.686, 0.168, 0, 0.272, 0.534, 0.131, 0];

/** The identity colour matrix. */
export const IDENTITY: Matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Applies `m` to `c` in place, clamping each channel to 0..1. */
export function applyMatrix(c: RGB, m: Matrix): void {
  const r = c[0];
  const g = c[1];
  const b = c[2];
  c[0] = clamp01(m[0] * r + m[1] * g + m[2] * b + m[3]);
  c[1] = clamp01(m[4] * r + m[5] * g + m[6] * b + m[7]);
  c[2] = clamp01(m[8] * r + m[9] * g + m[10] * b + m[11]);
}

/** `a + (b - a) * t`, entry by entry: the matrix of `mix(a(c), b(c), t)`. */
export const mix = (a: Matrix, b: Matrix, t: number): Matrix => a.map((x, i) => x + (b[i]! - x) * t) as unknown as Matrix;

/** `m`, then each output channel scaled by `k`. */
export const tint = (k: RGB, m: Matrix): Matrix => m.map((x, i) => x * k[i >> 2]!) as unknown as Matrix;
