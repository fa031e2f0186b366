/**
 * The effect table shared by the WebGL2 renderer, the 2D-canvas renderer and the encode worker.
 *
 * Adding an effect = one entry in {@link EFFECTS}: a GLSL snippet and its 2D twin, either an
 * affine colour `matrix` (the fast loop) or a per-pixel JavaScript function (plus, optionally, a
 * CSS filter used only for the live 2D preview where `CanvasRenderingContext2D.filter` works).
 * Both renderers generate their code from this table, so the two always agree (tests compare
 * them within a small tolerance).
 *
 * Coordinates: effects run in *output* space (what is displayed / saved, after mirroring).
 * - `color` runs on a colour `c` in 0..1 (sRGB values as stored, no linearisation) at a
 *   normalised position `uv` (0,0 = top-left, 1,1 = bottom-right).
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
   * GLSL ES 3.00 body of `vec3 fx_color(vec3 c, vec2 uv)`. May use the helpers declared in
   * {@link GLSL_HELPERS} (`LUMA`, `fx_sepia`). Omit for an identity colour transform.
   */
  readonly glsl?: string;
  /**
   * Per-pixel equivalent of `glsl` as an affine colour matrix, when the effect is one: 12 numbers,
   * a row `[r, g, b, offset]` per output channel. The 2D path runs it in its fastest loop. Give
   * either `matrix` or `pixel`.
   */
  readonly matrix?: Matrix;
  /** Per-pixel equivalent of `glsl`: updates `c` in place. May depend on the position `u`, `v`. */
  readonly pixel?: (c: RGB, u: number, v: number) => void;
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

/** JS twin of GLSL `fx_sepia` (the CSS `sepia(1)` matrix). */
export function sepiaRGB(c: RGB): void {
  applyMatrix(c, SEPIA);
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
    // 60 % sepia, warm tint, then a radial vignette (1 at the centre, 0.55 in the corners).
    glsl: `
      vec3 s = mix(c, fx_sepia(c), 0.6) * vec3(1.06, 1.0, 0.88);
      vec2 d = uv - 0.5;
      float vig = 1.0 - 0.9 * dot(d, d);
      return clamp(s, 0.0, 1.0) * vig;`,
    pixel: (c, u, v) => {
      const r = c[0];
      const g = c[1];
      const b = c[2];
      sepiaRGB(c);
      const du = u - 0.5;
      const dv = v - 0.5;
      const vig = 1 - 0.9 * (du * du + dv * dv);
      c[0] = clamp01((r + (c[0] - r) * 0.6) * 1.06) * vig;
      c[1] = clamp01(g + (c[1] - g) * 0.6) * vig;
      c[2] = clamp01((b + (c[2] - b) * 0.6) * 0.88) * vig;
    },
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
vec3 fx_color(vec3 c, vec2 uv) { ${def.glsl ?? 'return c;'} }
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  p.y = u_size.y - 1 - p.y;
  ivec2 q = clamp(fx_sample(p, u_size, u_block), ivec2(0), u_size - 1);
  if (u_mirror) q.x = u_size.x - 1 - q.x;
  vec3 c = texelFetch(u_tex, q, 0).rgb;
  vec2 uv = (vec2(p) + 0.5) / vec2(u_size);
  c = clamp(fx_color(c, uv), 0.0, 1.0);
  c = clamp(c * u_adjust.x, 0.0, 1.0);
  c = clamp((c - 0.5) * u_adjust.y + 0.5, 0.0, 1.0);
  c = clamp(mix(vec3(dot(c, LUMA)), c, u_adjust.z), 0.0, 1.0);
  outColor = vec4(c, 1.0);
}`;
}

/** The identity colour matrix (an effect without a colour transform). */
const IDENTITY: Matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

/**
 * Applies `s` to RGBA pixels in place (the 2D twin of the fragment shader). The pixels must
 * already be in output orientation (mirroring is done when drawing). Alpha is not computed
 * (camera frames are opaque): pixelate copies it with the colour.
 *
 * Works in 0..255; writing to the `Uint8ClampedArray` does the final clamp and rounding. An
 * effect given as a `matrix` (or none) runs in one tight loop; pixelate computes one colour per
 * block and copies it; only an effect with a `pixel` function pays a call per pixel.
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
  else if (def.pixel && !def.matrix) applyPositional(data, width, height, s, def.pixel);
  else applyMatrixTo(data, def.matrix ?? IDENTITY, s);
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

/** The colour effect `m`, then the adjustments, on every pixel: the common case, kept tight. */
function applyMatrixTo(data: Uint8ClampedArray, m: Matrix, s: EffectSettings): void {
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = m;
  const o0 = m3 * 255;
  const o1 = m7 * 255;
  const o2 = m11 * 255;
  if (!adjusts(s)) {
    // No adjustment: two loops, since this one alone runs about twice as fast.
    for (let o = 0, n = data.length; o < n; o += 4) {
      const r = data[o]!;
      const g = data[o + 1]!;
      const b = data[o + 2]!;
      data[o] = m0 * r + m1 * g + m2 * b + o0;
      data[o + 1] = m4 * r + m5 * g + m6 * b + o1;
      data[o + 2] = m8 * r + m9 * g + m10 * b + o2;
    }
    return;
  }
  const { brightness: br, contrast: ct, saturation: sat } = s;
  const [l0, l1, l2] = LUMA;
  for (let o = 0, n = data.length; o < n; o += 4) {
    const r = data[o]!;
    const g = data[o + 1]!;
    const b = data[o + 2]!;
    // adjust255 written out: calling it per pixel makes this loop 1.6x slower.
    let r1 = clamp255(clamp255(m0 * r + m1 * g + m2 * b + o0) * br);
    let g1 = clamp255(clamp255(m4 * r + m5 * g + m6 * b + o1) * br);
    let b1 = clamp255(clamp255(m8 * r + m9 * g + m10 * b + o2) * br);
    r1 = clamp255((r1 - 127.5) * ct + 127.5);
    g1 = clamp255((g1 - 127.5) * ct + 127.5);
    b1 = clamp255((b1 - 127.5) * ct + 127.5);
    const l = l0 * r1 + l1 * g1 + l2 * b1;
    data[o] = l + (r1 - l) * sat;
    data[o + 1] = l + (g1 - l) * sat;
    data[o + 2] = l + (b1 - l) * sat;
  }
}

/** The colour of one pixel in 0..255 into `c`, for effects computed pixel by pixel. */
function colourAt(c: RGB, r: number, g: number, b: number, u: number, v: number, s: EffectSettings): void {
  const def = EFFECTS[s.effect];
  c[0] = r / 255;
  c[1] = g / 255;
  c[2] = b / 255;
  if (def.matrix) applyMatrix(c, def.matrix);
  else def.pixel?.(c, u, v);
  c[0] = clamp01(c[0]) * 255;
  c[1] = clamp01(c[1]) * 255;
  c[2] = clamp01(c[2]) * 255;
  if (adjusts(s)) adjust255(c, s);
}

/** An effect whose colour depends on the position (`pixel(c, u, v)`): one call per pixel. */
function applyPositional(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  s: EffectSettings,
  pixel: NonNullable<EffectDefinition['pixel']>,
): void {
  const adjust = adjusts(s);
  const c: RGB = [0, 0, 0]; // a plain array: the pixel functions of the table take one
  const k = 1 / 255;
  for (let y = 0, o = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    for (let x = 0; x < width; x++, o += 4) {
      c[0] = data[o]! * k;
      c[1] = data[o + 1]! * k;
      c[2] = data[o + 2]! * k;
      pixel(c, (x + 0.5) / width, v);
      if (adjust) {
        c[0] = clamp01(c[0]) * 255;
        c[1] = clamp01(c[1]) * 255;
        c[2] = clamp01(c[2]) * 255;
        adjust255(c, s);
        data[o] = c[0];
        data[o + 1] = c[1];
        data[o + 2] = c[2];
      } else {
        // The clamped array clamps and rounds.
        data[o] = c[0] * 255;
        data[o + 1] = c[1] * 255;
        data[o + 2] = c[2] * 255;
      }
    }
  }
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
    if (y > 0 && sy[y] === sy[y - 1] && !def.pixel) {
      data.copyWithin(row, row - rowBytes, row);
      continue;
    }
    const v = (y + 0.5) / height;
    for (let x = 0; x < width; ) {
      const i = sy[y]! * rowBytes + sx[x]! * 4;
      colourAt(c, src[i]!, src[i + 1]!, src[i + 2]!, (x + 0.5) / width, v, s);
      // Without a `pixel` function the colour is the same along the whole run.
      do {
        const o = row + x * 4;
        data[o] = c[0];
        data[o + 1] = c[1];
        data[o + 2] = c[2];
        data[o + 3] = src[i + 3]!;
        x++;
      } while (x < width && sx[x] === sx[x - 1] && !def.pixel);
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
