/**
 * The effect table shared by the WebGL2 renderer, the 2D-canvas renderer and the encode worker.
 *
 * Adding an effect = one entry in {@link EFFECTS}: an affine colour `matrix` (with, optionally, a
 * radial `vignette`) and/or a `sample` remapping, each with its GLSL (generated from the matrix
 * unless given), plus, optionally, a CSS filter used only for the live 2D preview where
 * `CanvasRenderingContext2D.filter` works. Both renderers generate their code from this table,
 * so the two always agree (tests compare them within a small tolerance).
 *
 * Coordinates: effects run in *output* space (what is displayed / saved, after mirroring).
 * - `matrix` runs on a colour `c` in 0..1 (sRGB values as stored, no linearisation); the result
 *   is clamped, then `vignette` scales it by the normalised position `uv` (0,0 = top-left,
 *   1,1 = bottom-right).
 * - `sample` (optional) remaps the integer output pixel `p` to the pixel to read (pixelate).
 *
 * This module is DOM-free: it is imported by the worker and is safe to import in Node.
 */

/** Names of the built-in effects. */
export type EffectName = 'none' | 'grayscale' | 'sepia' | 'invert' | 'vintage' | 'pixelate';

/** A mutable RGB triple in 0..1. */
export type RGB = [number, number, number];

/** Definition of one effect. */
export interface EffectDefinition {
  /**
   * The colour transform as an affine matrix: 12 numbers, a row `[r, g, b, offset]` per output
   * channel, on colours in 0..1. The result is clamped to 0..1. Omit for identity. The 2D path
   * runs it in its tightest loop; the shader's code is generated from it unless `glsl` is given.
   */
  readonly matrix?: Matrix;
  /**
   * GLSL ES 3.00 body of `vec3 fx_color(vec3 c, vec2 uv)`, the same transform as `matrix`, written
   * by hand for readability. May use the helpers declared in {@link GLSL_HELPERS} (`LUMA`,
   * `fx_sepia`). Omit to generate it from `matrix`.
   */
  readonly glsl?: string;
  /**
   * A radial darkening after the (clamped) colour transform: the colour is multiplied by
   * `1 - vignette * |uv - (0.5, 0.5)|²` (1 at the centre, `1 - vignette / 2` in the corners).
   */
  readonly vignette?: number;
  /**
   * GLSL ES 3.00 body of `ivec2 fx_sample(ivec2 p, ivec2 size, int block)`, returning the pixel to
   * sample for output pixel `p` (top-left origin). Omit for identity.
   */
  readonly glslSample?: string;
  /** Per-pixel equivalent of `glslSample`, for one axis (applied to x with width, y with height). */
  readonly sample?: (p: number, size: number, block: number) => number;
  /** CSS filter equivalent, used only by the live 2D preview where `ctx.filter` is supported. */
  readonly css?: string;
}

/** An affine colour transform: a row `[r, g, b, offset]` for each of red, green and blue. */
export type Matrix = readonly [number, number, number, number, number, number, number, number, number, number, number, number];

/** Rec. 709 luma weights, also used by CSS `grayscale()`. */
export const LUMA: RGB = [0.2126, 0.7152, 0.0722];

/** The CSS `sepia(1)` matrix. */
const SEPIA: Matrix = [0.393, 0.769, 0.189, 0, 0.349, 0.686, 0.168, 0, 0.272, 0.534, 0.131, 0];

/** GLSL declarations available to every snippet (made from the same constants as the JS). */
export const GLSL_HELPERS = /* glsl */ `
const vec3 LUMA = vec3(${LUMA.join(', ')});
vec3 fx_sepia(vec3 c) {
  return clamp(vec3(
    dot(c, vec3(${SEPIA.slice(0, 3).join(', ')})),
    dot(c, vec3(${SEPIA.slice(4, 7).join(', ')})),
    dot(c, vec3(${SEPIA.slice(8, 11).join(', ')}))), 0.0, 1.0);
}
`;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Applies `m` to `c` in place, clamping each channel to 0..1. */
export function applyMatrix(c: RGB, m: Matrix): void {
  const r = c[0];
  const g = c[1];
  const b = c[2];
  c[0] = clamp01(m[0] * r + m[1] * g + m[2] * b + m[3]);
  c[1] = clamp01(m[4] * r + m[5] * g + m[6] * b + m[7]);
  c[2] = clamp01(m[8] * r + m[9] * g + m[10] * b + m[11]);
}

/** The identity colour matrix. */
const IDENTITY: Matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

/** `a + (b - a) * t`, entry by entry: the matrix of `mix(a(c), b(c), t)`. */
const mix = (a: Matrix, b: Matrix, t: number): Matrix => a.map((x, i) => x + (b[i]! - x) * t) as unknown as Matrix;

/** `m`, then each output channel scaled by `k`. */
const tint = (k: RGB, m: Matrix): Matrix => m.map((x, i) => x * k[i >> 2]!) as unknown as Matrix;

/** A number as a GLSL float literal (`1` -> `1.0`). */
const glslFloat = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));

/** GLSL body of `fx_color` for the affine matrix `m`. */
function glslMatrix(m: Matrix): string {
  const row = (k: number): string =>
    `dot(c, vec3(${m.slice(k * 4, k * 4 + 3).map(glslFloat).join(', ')})) + ${glslFloat(m[k * 4 + 3]!)}`;
  return `return vec3(${row(0)}, ${row(1)}, ${row(2)});`;
}

/** The effect table. Order is the order shown in pickers. */
export const EFFECTS: Readonly<Record<EffectName, EffectDefinition>> = {
  none: {},
  grayscale: {
    glsl: 'return vec3(dot(c, LUMA));',
    matrix: [...LUMA, 0, ...LUMA, 0, ...LUMA, 0],
    css: 'grayscale(1)',
  },
  sepia: {
    glsl: 'return fx_sepia(c);',
    matrix: SEPIA,
    css: 'sepia(1)',
  },
  invert: {
    glsl: 'return 1.0 - c;',
    matrix: [-1, 0, 0, 1, 0, -1, 0, 1, 0, 0, -1, 1],
    css: 'invert(1)',
  },
  vintage: {
    // 60 % sepia with a warm tint, then a radial vignette (1 at the centre, 0.55 in the corners).
    matrix: tint([1.06, 1, 0.88], mix(IDENTITY, SEPIA, 0.6)),
    vignette: 0.9,
  },
  pixelate: {
    // Every block of `block` x `block` output pixels takes the colour of its centre pixel.
    glslSample: 'return (p / block) * block + block / 2;',
    sample: (p, _size, block) => Math.floor(p / block) * block + (block >> 1),
  },
};

/** Names of all effects in {@link EFFECTS}. */
export const EFFECT_NAMES = Object.keys(EFFECTS) as EffectName[];

/**
 * Colour adjustments applied after the effect, in this order, each clamped to 0..1:
 * - `brightness`: multiplies the colour (CSS `brightness()`), range 0..2, neutral 1.
 * - `contrast`: scales around mid-grey (CSS `contrast()`), range 0..2, neutral 1.
 * - `saturation`: mixes with luma (CSS `saturate()`), range 0..2, neutral 1 (0 = grey).
 */
export interface Adjustments {
  brightness?: number;
  contrast?: number;
  saturation?: number;
}

/** Fully resolved render settings (what renderers and the worker receive). */
export interface EffectSettings {
  effect: EffectName;
  brightness: number;
  contrast: number;
  saturation: number;
  /** Pixelate block size in pixels; 0 = automatic (about 1/80 of the longer side). */
  pixelSize: number;
}

/** Range of every adjustment. */
export const ADJUSTMENT_RANGE = { min: 0, max: 2, neutral: 1 } as const;

const adj = (x: number | undefined): number =>
  typeof x === 'number' && Number.isFinite(x)
    ? Math.min(ADJUSTMENT_RANGE.max, Math.max(ADJUSTMENT_RANGE.min, x))
    : ADJUSTMENT_RANGE.neutral;

/** Resolves user input to {@link EffectSettings}, clamping adjustments to their range. */
export function resolveSettings(
  effect: EffectName | undefined,
  adjustments: Adjustments | undefined,
  pixelSize = 0,
): EffectSettings {
  const name: EffectName = effect && effect in EFFECTS ? effect : 'none';
  return {
    effect: name,
    brightness: adj(adjustments?.brightness),
    contrast: adj(adjustments?.contrast),
    saturation: adj(adjustments?.saturation),
    pixelSize: Math.max(0, Math.round(pixelSize) || 0),
  };
}

/** True when the settings leave every pixel unchanged (no effect, neutral adjustments). */
export function isIdentity(s: EffectSettings): boolean {
  return s.effect === 'none' && !adjusts(s);
}

/** True when some adjustment is not neutral. */
const adjusts = (s: EffectSettings): boolean => s.brightness !== 1 || s.contrast !== 1 || s.saturation !== 1;

/** The pixelate block size used for a `width` x `height` image. */
export function blockSize(s: EffectSettings, width: number, height: number): number {
  return Math.max(2, s.pixelSize || Math.round(Math.max(width, height) / 80));
}

/**
 * The CSS filter string equivalent to `s`, or `null` when the effect has no CSS twin.
 * Only for the live 2D preview: photos always use the exact per-pixel path.
 */
export function cssFilter(s: EffectSettings): string | null {
  const def = EFFECTS[s.effect];
  if (s.effect !== 'none' && !def.css) return null;
  const parts: string[] = [];
  if (def.css) parts.push(def.css);
  if (s.brightness !== 1) parts.push(`brightness(${s.brightness})`);
  if (s.contrast !== 1) parts.push(`contrast(${s.contrast})`);
  if (s.saturation !== 1) parts.push(`saturate(${s.saturation})`);
  return parts.length ? parts.join(' ') : 'none';
}

/** Builds the fragment shader for one effect. Uniforms: see `webgl2-renderer.ts`. */
export function fragmentShaderSource(effect: EffectName): string {
  const def = EFFECTS[effect];
  return `#version 300 es
precision highp float;
precision highp int;
uniform sampler2D u_tex;
uniform ivec2 u_size;
uniform bool u_mirror;
uniform vec3 u_adjust;
uniform int u_block;
out vec4 outColor;
${GLSL_HELPERS}
ivec2 fx_sample(ivec2 p, ivec2 size, int block) { ${def.glslSample ?? 'return p;'} }
vec3 fx_color(vec3 c, vec2 uv) { ${def.glsl ?? (def.matrix ? glslMatrix(def.matrix) : 'return c;')} }
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  p.y = u_size.y - 1 - p.y;
  ivec2 q = clamp(fx_sample(p, u_size, u_block), ivec2(0), u_size - 1);
  if (u_mirror) q.x = u_size.x - 1 - q.x;
  vec3 c = texelFetch(u_tex, q, 0).rgb;
  vec2 uv = (vec2(p) + 0.5) / vec2(u_size);
  c = clamp(fx_color(c, uv), 0.0, 1.0);${
    def.vignette ? `
  vec2 d = uv - 0.5;
  c *= 1.0 - ${glslFloat(def.vignette)} * dot(d, d);` : ''
  }
  c = clamp(c * u_adjust.x, 0.0, 1.0);
  c = clamp((c - 0.5) * u_adjust.y + 0.5, 0.0, 1.0);
  c = clamp(mix(vec3(dot(c, LUMA)), c, u_adjust.z), 0.0, 1.0);
  outColor = vec4(c, 1.0);
}`;
}

/**
 * Applies `s` to RGBA pixels in place (the 2D twin of the fragment shader). The pixels must
 * already be in output orientation (mirroring is done when drawing). Alpha is not computed
 * (camera frames are opaque): pixelate copies it with the colour.
 *
 * Works in 0..255; writing to the `Uint8ClampedArray` does the final clamp and rounding. The
 * colour matrix, vignette and adjustments run in one tight loop per pixel; pixelate computes one
 * colour per block and copies it.
 */
export function applyEffectToPixels(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  s: EffectSettings,
): void {
  if (isIdentity(s)) return;
  const def = EFFECTS[s.effect];
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
function colourAt(c: RGB, r: number, g: number, b: number, u: number, v: number, s: EffectSettings): void {
  const def = EFFECTS[s.effect];
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
      colourAt(c, src[i]!, src[i + 1]!, src[i + 2]!, (x + 0.5) / width, v, s);
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
