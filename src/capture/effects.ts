/**
 * The effect table shared by the WebGL2 renderer, the 2D-canvas renderer and the workers, and the
 * render settings made from it.
 *
 * Adding an effect = one entry in {@link EFFECTS} (or, from a page, one {@link registerEffect}
 * call): an affine colour `matrix` (with, optionally, a radial `vignette`) and/or a `sample`
 * remapping, each with its GLSL (generated from the matrix unless given), plus, optionally, a CSS
 * filter used only for the live 2D preview where `CanvasRenderingContext2D.filter` works. Both
 * renderers generate their code from the entry (`effect-pixels.ts`, `effect-shader.ts`), so the
 * two always agree (tests compare them within a small tolerance), and nothing else in the kit
 * names an effect: {@link EFFECT_NAMES} is the list pickers and the `effect` attribute read.
 *
 * Coordinates: effects run in *output* space (what is displayed / saved, after mirroring).
 * - `matrix` runs on a colour `c` in 0..1 (sRGB values as stored, no linearisation); the result
 *   is clamped, then `vignette` scales it by the normalised position `uv` (0,0 = top-left,
 *   1,1 = bottom-right).
 * - `sample` (optional) remaps the integer output pixel `p` to the pixel to read (pixelate).
 *
 * This module is DOM-free: it is imported by the workers and is safe to import in Node.
 */
import { IDENTITY, SEPIA, LUMA, mix, tint, type Matrix } from './colour.js';
import { CaptureError } from './errors.js';

export { applyMatrix, LUMA, type Matrix, type RGB } from './colour.js';

/** Names of the built-in effects. */
export type BuiltInEffectName = 'none' | 'grayscale' | 'sepia' | 'invert' | 'vintage' | 'pixelate';

/**
 * The name of an effect: a built-in one, or one a page registered with {@link registerEffect}
 * (any string then; an unknown name resolves to `none`, see {@link resolveSettings}).
 */
export type EffectName = BuiltInEffectName | (string & {});

/** Definition of one effect: everything the renderers need to know about it. */
export interface EffectDefinition {
  /** The name shown in pickers (the stories' effect list). Default: the effect's name. */
  readonly label?: string;
  /**
   * The colour transform as an affine matrix: 12 numbers, a row `[r, g, b, offset]` per output
   * channel, on colours in 0..1. The result is clamped to 0..1. Omit for identity. The 2D path
   * runs it in its tightest loop; the shader's code is generated from it unless `glsl` is given.
   */
  readonly matrix?: Matrix;
  /**
   * GLSL ES 3.00 body of `vec3 fx_color(vec3 c, vec2 uv)`, the same transform as `matrix`, written
   * by hand for readability. May use the helpers declared in `GLSL_HELPERS` (`effect-shader.ts`:
   * `LUMA`, `fx_sepia`). Omit to generate it from `matrix`.
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
  /**
   * The effect works in blocks of `block` pixels (the third argument of `sample`). The live 2D
   * preview, which runs the per-pixel path on a reduced copy, then scales the block with the copy
   * (the blocks keep their size on screen) and draws the copy back up without smoothing.
   */
  readonly blocks?: boolean;
  /** CSS filter equivalent, used only by the live 2D preview where `ctx.filter` is supported. */
  readonly css?: string;
}

/** The effect table (built-ins first, then effects the page registered). Order is the order shown in pickers. */
export const EFFECTS: Readonly<Record<BuiltInEffectName, EffectDefinition>> & Readonly<Partial<Record<string, EffectDefinition>>> = {
  none: { label: 'None' },
  grayscale: {
    label: 'Grayscale',
    glsl: 'return vec3(dot(c, LUMA));',
    matrix: [...LUMA, 0, ...LUMA, 0, ...LUMA, 0],
    css: 'grayscale(1)',
  },
  sepia: {
    label: 'Sepia',
    glsl: 'return fx_sepia(c);',
    matrix: SEPIA,
    css: 'sepia(1)',
  },
  invert: {
    label: 'Invert',
    glsl: 'return 1.0 - c;',
    matrix: [-1, 0, 0, 1, 0, -1, 0, 1, 0, 0, -1, 1],
    css: 'invert(1)',
  },
  vintage: {
    label: 'Vintage',
    // 60 % sepia with a warm tint, then a radial vignette (1 at the centre, 0.55 in the corners).
    matrix: tint([1.06, 1, 0.88], mix(IDENTITY, SEPIA, 0.6)),
    vignette: 0.9,
  },
  pixelate: {
    label: 'Pixelate',
    // Every block of `block` x `block` output pixels takes the colour of its centre pixel.
    glslSample: 'return (p / block) * block + block / 2;',
    sample: (p, _size, block) => Math.floor(p / block) * block + (block >> 1),
    blocks: true,
  },
};

const NAMES = Object.keys(EFFECTS) as EffectName[];

/**
 * Names of all effects in {@link EFFECTS}, built-ins first. Kept current in place: an effect
 * registered later is pushed into this same array, so a list read from it (`<photo-booth>`'s
 * `effect` attribute, a picker) accepts it without being read again. It grows while you hold it:
 * to loop while registering, or to sort, take a copy ({@link effectNames}).
 */
export const EFFECT_NAMES: readonly EffectName[] = NAMES;

/**
 * The event `registerEffect()` dispatches on `globalThis` (where it is an EventTarget, as a
 * window is), `detail: { name }`: an element given that name before it existed takes it now.
 */
export const EFFECT_REGISTER_EVENT = 'media-effect-register';

const BUILT_IN: ReadonlySet<string> = new Set(EFFECT_NAMES);

/** Whether `name` is an effect of the table (own entries only: not `toString` and the like). */
export const isEffect = (name: unknown): name is EffectName => typeof name === 'string' && Object.hasOwn(EFFECTS, name);

/** The definition of `name`; `none`'s for a name that is not in the table. */
export function effectDefinition(name: EffectName): EffectDefinition {
  return isEffect(name) ? EFFECTS[name]! : EFFECTS.none;
}

/** A snapshot of the effect names, built-ins first, then registered effects in their order. */
export function effectNames(): EffectName[] {
  return [...EFFECT_NAMES];
}

/** The label of an effect for a picker (its `label`, else its name). */
export function effectLabel(name: EffectName): string {
  return (isEffect(name) && EFFECTS[name]!.label) || String(name);
}

/** True when the definition changes pixels at all (`none` does not). */
const changesPixels = (def: EffectDefinition): boolean =>
  !!(def.matrix || def.glsl || def.vignette || def.sample || def.glslSample);

// ---------------------------------------------------------------------------------------------
// Effects a page registers

/** What {@link registerEffect} takes: a colour-matrix effect. */
export interface EffectRegistration {
  /**
   * 12 finite numbers: a row `[r, g, b, offset]` for each of red, green and blue, on colours in
   * 0..1 (offsets too: 0.1 adds a tenth of full scale); the result is clamped to 0..1. The
   * identity is `[1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 1, 0]`. (A CSS/SVG `feColorMatrix` of 20 numbers
   * gives it by dropping its alpha column and row: `[a, b, c, e, f, g, h, j, k, l, m, o]`.)
   */
  matrix: ArrayLike<number>;
  /** The name shown in pickers; default the effect's name. */
  label?: string;
}

/**
 * A registered effect as data: what {@link EffectSettings} carries for it, so that a worker (whose
 * own copy of this module has only the built-ins) applies the same effect (see {@link adoptEffect}).
 */
export interface RegisteredEffect {
  readonly matrix: Matrix;
  readonly label: string;
}

/** The effects registered on this page (or, in a worker, adopted from settings), by name. */
const registered = new Map<string, RegisteredEffect>();

const NAME = /^[a-z][a-z0-9_-]*$/;
/**
 * The largest matrix entry, in magnitude: far beyond any useful colour transform, and small
 * enough that the shader's 32-bit floats agree with the 2D path's 64-bit ones within a level of
 * 255 (1000 × 6e-8 is well under 1/255; at 1e6 they differed by about 15 levels).
 */
const MATRIX_LIMIT = 1000;

const invalid = (message: string): CaptureError => new CaptureError('invalid-option', `registerEffect: ${message}`);

/** A value as a message shows it. */
const shown = (x: unknown): string =>
  typeof x === 'string' ? JSON.stringify(x)
  : x === null ? 'null'
  : Array.isArray(x) ? 'an array'
  : typeof x === 'object' ? 'an object'
  : typeof x === 'function' ? 'a function'
  : typeof x === 'bigint' ? `${x}n`
  : String(x);

/** Checks a registration; returns its data (a frozen copy), or throws a readable CaptureError. */
function validate(name: unknown, effect: unknown): RegisteredEffect {
  if (typeof name !== 'string') throw invalid(`the name must be a string, got ${shown(name)}.`);
  if (!NAME.test(name) || name.length > 64) {
    throw invalid(
      `the name must be 1 to 64 lower-case letters, digits, "-" or "_", starting with a letter (the effect attribute is matched in lower case), got ${shown(name)}.`,
    );
  }
  if (BUILT_IN.has(name)) throw invalid(`"${name}" is a built-in effect; choose another name.`);
  if (typeof effect !== 'object' || effect === null) throw invalid(`the effect "${name}" must be an object with a matrix, got ${shown(effect)}.`);
  const { matrix, label = name } = effect as Partial<EffectRegistration>;
  if (typeof label !== 'string') throw invalid(`the label of "${name}" must be a string, got ${shown(label)}.`);
  if (!matrix || typeof matrix !== 'object' || typeof matrix.length !== 'number') {
    throw invalid(`the matrix of "${name}" must be an array of 12 numbers, got ${shown(matrix)}.`);
  }
  if (matrix.length !== 12) {
    throw invalid(`the matrix of "${name}" must have 12 numbers (a row [r, g, b, offset] for each of red, green and blue), got ${matrix.length}.`);
  }
  const m = Array.from(matrix);
  const bad = m.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x) || Math.abs(x) > MATRIX_LIMIT);
  if (bad >= 0) {
    throw invalid(`the matrix of "${name}" must hold finite numbers within ±${MATRIX_LIMIT}; entry ${bad} is ${shown(m[bad])}.`);
  }
  return Object.freeze({ matrix: Object.freeze(m) as unknown as Matrix, label });
}

/** Puts a checked registration into the table and the names list. */
function define(name: string, data: RegisteredEffect): void {
  registered.set(name, data);
  (EFFECTS as Record<string, EffectDefinition>)[name] = Object.freeze({ label: data.label, matrix: data.matrix });
  NAMES.push(name);
  const g = globalThis as { dispatchEvent?: (e: Event) => boolean };
  if (typeof g.dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    g.dispatchEvent(new CustomEvent(EFFECT_REGISTER_EVENT, { detail: { name } }));
  }
}

// The same numbers (`===`: 0 and -0 are one transform); a Float32Array's 0.1 is not 0.1.
const sameData = (a: RegisteredEffect, b: RegisteredEffect): boolean =>
  a.label === b.label && a.matrix.every((x, i) => x === b.matrix[i]);

/**
 * Registers a colour-matrix effect under `name`, for every pipeline and element of the page:
 * the live preview (WebGL2, 2D, the live worker), photos (the encode worker too) and whatever is
 * drawn through the pipeline later (`captureStream()`). It is appended to {@link EFFECT_NAMES}.
 *
 * ```ts
 * registerEffect('warm', { matrix: [1.1, 0, 0, 0.02,  0, 1, 0, 0,  0, 0, 0.85, 0], label: 'Warm' });
 * booth.effect = 'warm';
 * ```
 *
 * Registering the same name again with the same matrix and label does nothing (a module loaded
 * twice); with another definition it throws.
 * @throws CaptureError `invalid-option`, with a message naming the problem: a name that is not a
 *   string of lower-case letters, digits, `-` or `_` starting with a letter, a built-in's name, a
 *   name registered with another definition, a matrix that is not 12 finite numbers, a label that
 *   is not a string. Nothing is registered then.
 */
export function registerEffect(name: string, effect: EffectRegistration): void {
  const data = validate(name, effect);
  const known = registered.get(name);
  if (known) {
    if (sameData(known, data)) return;
    throw invalid(`"${name}" is already registered with another matrix or label; effects cannot be redefined.`);
  }
  define(name, data);
}

/**
 * In a worker: makes the effect of `settings` known to this copy of the table, from the data the
 * settings carry for a registered effect (the page's copy registered it). Throws a CaptureError
 * for data that do not validate. Harmless on the page and for built-ins.
 */
export function adoptEffect(settings: EffectSettings | null | undefined): void {
  const data = settings?.registered;
  if (!data || isEffect(settings.effect)) return;
  define(settings.effect, validate(settings.effect, data));
}

// ---------------------------------------------------------------------------------------------
// Render settings

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

/** Fully resolved render settings (what renderers and the workers receive). */
export interface EffectSettings {
  effect: EffectName;
  brightness: number;
  contrast: number;
  saturation: number;
  /** Pixelate block size in pixels; 0 = automatic (about 1/80 of the longer side). */
  pixelSize: number;
  /**
   * For an effect registered with {@link registerEffect}: its data, so that a worker applies it
   * (see {@link adoptEffect}). Absent for built-ins.
   */
  registered?: RegisteredEffect;
}

/** Range of every adjustment. */
export const ADJUSTMENT_RANGE = { min: 0, max: 2, neutral: 1 } as const;

const adj = (x: number | undefined): number =>
  typeof x === 'number' && Number.isFinite(x)
    ? Math.min(ADJUSTMENT_RANGE.max, Math.max(ADJUSTMENT_RANGE.min, x))
    : ADJUSTMENT_RANGE.neutral;

/** Resolves user input to {@link EffectSettings}, clamping adjustments to their range. An unknown effect is `none`. */
export function resolveSettings(
  effect: EffectName | undefined,
  adjustments: Adjustments | undefined,
  pixelSize = 0,
): EffectSettings {
  const name: EffectName = effect && isEffect(effect) ? effect : 'none';
  const settings: EffectSettings = {
    effect: name,
    brightness: adj(adjustments?.brightness),
    contrast: adj(adjustments?.contrast),
    saturation: adj(adjustments?.saturation),
    pixelSize: Math.max(0, Math.round(pixelSize) || 0),
  };
  const data = registered.get(name);
  if (data) settings.registered = data;
  return settings;
}

/** True when the settings leave every pixel unchanged (an effect that changes none, neutral adjustments). */
export function isIdentity(s: EffectSettings): boolean {
  return !changesPixels(effectDefinition(s.effect)) && !adjusts(s);
}

/** True when some adjustment is not neutral. */
export const adjusts = (s: EffectSettings): boolean => s.brightness !== 1 || s.contrast !== 1 || s.saturation !== 1;

/** The block size (of an effect with `blocks`, such as pixelate) used for a `width` x `height` image. */
export function blockSize(s: EffectSettings, width: number, height: number): number {
  return Math.max(2, s.pixelSize || Math.round(Math.max(width, height) / 80));
}

/**
 * The CSS filter string equivalent to `s`, or `null` when the effect has no CSS twin.
 * Only for the live 2D preview: photos always use the exact per-pixel path.
 */
export function cssFilter(s: EffectSettings): string | null {
  const def = effectDefinition(s.effect);
  if (changesPixels(def) && !def.css) return null;
  const parts: string[] = [];
  if (def.css) parts.push(def.css);
  if (s.brightness !== 1) parts.push(`brightness(${s.brightness})`);
  if (s.contrast !== 1) parts.push(`contrast(${s.contrast})`);
  if (s.saturation !== 1) parts.push(`saturate(${s.saturation})`);
  return parts.length ? parts.join(' ') : 'none';
}
