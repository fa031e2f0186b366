/**
 * The effect table shared by the WebGL2 renderer, the 2D-canvas renderer and the encode worker.
 *
 * Adding an effect = one entry in {@link EFFECTS}: a GLSL snippet and the equivalent per-pixel
 * JavaScript (plus, optionally, a CSS filter used only for the live 2D preview where
 * `CanvasRenderingContext2D.filter` works). Both renderers generate their code from this table,
 * so the two always agree (tests compare them within a small tolerance).
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
  /** Per-pixel equivalent of `glsl`: updates `c` in place. */
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

/** Rec. 709 luma weights, also used by CSS `grayscale()`. */
export const LUMA: RGB = [0.2126, 0.7152, 0.0722];

/** GLSL declarations available to every snippet. Keep in sync with the JS helpers below. */
export const GLSL_HELPERS = /* glsl */ `
const vec3 LUMA = vec3(0.2126, 0.7152, 0.0722);
vec3 fx_sepia(vec3 c) {
  return clamp(vec3(
    dot(c, vec3(0.393, 0.769, 0.189)),
    dot(c, vec3(0.349, 0.686, 0.168)),
    dot(c, vec3(0.272, 0.534, 0.131))), 0.0, 1.0);
}
`;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** JS twin of GLSL `fx_sepia` (the CSS `sepia(1)` matrix). */
export function sepiaRGB(c: RGB): void {
  const [r, g, b] = c;
  c[0] = clamp01(0.393 * r + 0.769 * g + 0.189 * b);
  c[1] = clamp01(0.349 * r + 0.686 * g + 0.168 * b);
  c[2] = clamp01(0.272 * r + 0.534 * g + 0.131 * b);
}

/** The effect table. Order is the order shown in pickers. */
export const EFFECTS: Readonly<Record<EffectName, EffectDefinition>> = {
  none: {},
  grayscale: {
    glsl: 'return vec3(dot(c, LUMA));',
    pixel: (c) => {
      const l = LUMA[0] * c[0] + LUMA[1] * c[1] + LUMA[2] * c[2];
      c[0] = c[1] = c[2] = l;
    },
    css: 'grayscale(1)',
  },
  sepia: {
    glsl: 'return fx_sepia(c);',
    pixel: sepiaRGB,
    css: 'sepia(1)',
  },
  invert: {
    glsl: 'return 1.0 - c;',
    pixel: (c) => {
      c[0] = 1 - c[0];
      c[1] = 1 - c[1];
      c[2] = 1 - c[2];
    },
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
  return s.effect === 'none' && s.brightness === 1 && s.contrast === 1 && s.saturation === 1;
}

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

/**
 * Applies `s` to RGBA pixels in place (the 2D twin of the fragment shader). The pixels must
 * already be in output orientation (mirroring is done when drawing). Alpha is left as is.
 */
export function applyEffectToPixels(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  s: EffectSettings,
): void {
  if (isIdentity(s)) return;
  const def = EFFECTS[s.effect];
  const pixel = def.pixel;
  const { brightness: br, contrast: ct, saturation: sat } = s;
  const adjust = br !== 1 || ct !== 1 || sat !== 1;
  let src = data;
  let sx: Int32Array | null = null;
  let sy: Int32Array | null = null;
  if (def.sample) {
    // Remap reads through a copy so that writes do not affect later reads.
    src = data.slice();
    const block = blockSize(s, width, height);
    sx = new Int32Array(width);
    sy = new Int32Array(height);
    for (let x = 0; x < width; x++) sx[x] = Math.min(width - 1, Math.max(0, def.sample(x, width, block)));
    for (let y = 0; y < height; y++) sy[y] = Math.min(height - 1, Math.max(0, def.sample(y, height, block)));
  }
  const c: RGB = [0, 0, 0];
  const k = 1 / 255;
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    const row = y * width;
    const srow = sy ? sy[y]! * width : row;
    for (let x = 0; x < width; x++) {
      const o = (row + x) * 4;
      const i = sx ? (srow + sx[x]!) * 4 : o;
      c[0] = src[i]! * k;
      c[1] = src[i + 1]! * k;
      c[2] = src[i + 2]! * k;
      if (pixel) pixel(c, (x + 0.5) / width, v);
      let r = clamp01(c[0]);
      let g = clamp01(c[1]);
      let b = clamp01(c[2]);
      if (adjust) {
        r = clamp01(r * br);
        g = clamp01(g * br);
        b = clamp01(b * br);
        r = clamp01((r - 0.5) * ct + 0.5);
        g = clamp01((g - 0.5) * ct + 0.5);
        b = clamp01((b - 0.5) * ct + 0.5);
        const l = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
        r = clamp01(l + (r - l) * sat);
        g = clamp01(l + (g - l) * sat);
        b = clamp01(l + (b - l) * sat);
      }
      data[o] = r * 255;
      data[o + 1] = g * 255;
      data[o + 2] = b * 255;
    }
  }
}
