/**
 * The colour-matrix effects at full speed: a small WebAssembly SIMD kernel, written here as bytes
 * (no toolchain, no download, no new dependency), that applies an effect of the table
 * (`effects.ts`: the matrix, clamped, then the vignette) to RGBA pixels, four at a time, and
 * optionally mirrors them on the way. The effect table stays the one source of truth: the
 * kernel's coefficients are made from the entry's `matrix` and `vignette` at each call.
 *
 * Why: the same step in script (`applyEffectToPixels`) costs 12-25 ms per 1080p frame on the
 * machines here, more than the JPEG encode that follows it; the kernel does it in a few ms
 * (bench: `npm run bench -- --parts steps`).
 *
 * How: each 16-byte vector holds 4 RGBA pixels. Widened to 16 bits, `i32x4.dot_i16x8_s` with the
 * row `[m0, m1, m2, offset]` of an output channel in 4.12 fixed point (alpha is forced to 255, so
 * that its term is the offset) gives two partial sums per pixel; a shuffle and an add make the
 * channel for 4 pixels. The vignette multiplies the clamped channel by a per-pixel factor in 0.10
 * fixed point (a column term minus a row term, as `effect-pixels.ts` computes it). Narrowing with
 * saturation to bytes clamps; one shuffle puts the pixels back together (reversed when mirrored),
 * with their own alpha. Results agree with the script path within 1 level (rounding).
 *
 * What it does not do (the caller uses `applyEffectToPixels` then): effects that remap pixels
 * (pixelate), non-neutral brightness / contrast / saturation, matrix entries or offsets of 8 or
 * more in magnitude (beyond 4.12 fixed point), and a width that is not a multiple of 4 when
 * mirroring or with a vignette. Where `WebAssembly` or its SIMD is missing, or a Content Security
 * Policy blocks compiling it (`script-src` without `'wasm-unsafe-eval'`), {@link pixelKernel}
 * stays null and everything runs in script as before.
 *
 * DOM-free: used by the workers, safe to import in Node.
 */
import { IDENTITY } from './colour.js';
import { adjusts, effectDefinition, type EffectSettings } from './effects.js';

// ---------------------------------------------------------------------------------------------
// A few WebAssembly encodings (https://webassembly.github.io/spec/core/binary/)

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

const I32 = 0x7f;
const V128 = 0x7b;
/** Core instructions. */
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32 = (n: number): number[] => [0x41, ...sleb(n)];
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_GE_U = 0x4f;
const i32Load = (offset = 0): number[] => [0x28, 2, ...uleb(offset)];
/** SIMD instructions (prefix 0xfd, then the opcode as LEB128). */
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
const v128Load = (offset = 0): number[] => simd(0x00, 0, ...uleb(offset));
const v128Store = (offset = 0): number[] => simd(0x0b, 0, ...uleb(offset));
const v128Const = (bytes: number[]): number[] => simd(0x0c, ...bytes);
const shuffle = (lanes: number[]): number[] => simd(0x0d, ...lanes);
const I32X4_SPLAT = simd(0x11);
const V128_OR = simd(0x50);
const I8X16_NARROW_I16X8_U = simd(0x66);
const I16X8_NARROW_I32X4_S = simd(0x85);
const I16X8_EXTEND_LOW_I8X16_U = simd(0x89);
const I16X8_EXTEND_HIGH_I8X16_U = simd(0x8a);
const I32X4_SHR_S = simd(0xac);
const I32X4_ADD = simd(0xae);
const I32X4_SUB = simd(0xb1);
const I32X4_MUL = simd(0xb5);
const I32X4_MIN_S = simd(0xb6);
const I32X4_MAX_S = simd(0xb8);
const I32X4_DOT_I16X8_S = simd(0xba);

const splat4 = (n: number): number[] => {
  const b = [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  return [...b, ...b, ...b, ...b];
};

/** Fixed point of the matrix (4.12) and of the vignette factor (0.10). */
const MATRIX_BITS = 12;
const VIGNETTE_BITS = 10;
/** 255 in the matrix's fixed point: the clamp before the vignette. */
const MAX_CHANNEL = 255 << MATRIX_BITS;

// Parameters and locals of each kernel function.
const P_SRC = 0;
const P_DST = 1;
const P_WIDTH = 2;
const P_HEIGHT = 3;
const P_COL = 4;
const P_ROW = 5;
const L_ROW_BYTES = 6;
const L_Y = 7;
const L_X = 8;
const L_SROW = 9;
const L_DROW = 10;
const L_C = 11; // 11, 12, 13: the rows for R, G, B
const L_V = 14;
const L_LO = 15;
const L_HI = 16;
const L_OUT = 17; // 17, 18, 19: R, G, B of 4 pixels
const L_ROWF = 20;
const L_T1 = 21;
const L_T2 = 22;

const EVENS = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODDS = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
/** From [R0..R3 G0..G3 B0..B3 B0..B3] and the source pixels: RGBA, each pixel with its own alpha. */
const INTERLEAVE = [0, 4, 8, 19, 1, 5, 9, 23, 2, 6, 10, 27, 3, 7, 11, 31];
const INTERLEAVE_MIRRORED = [3, 7, 11, 31, 2, 6, 10, 27, 1, 5, 9, 23, 0, 4, 8, 19];

/**
 * The body of `run(src, dst, width, height, colPtr, rowPtr)`: every row of `width` pixels (a
 * multiple of 4) from `src` to `dst` (which may be `src` when not mirrored). Coefficients at
 * memory 0, 16, 32 (the R, G, B rows as i16x8 `[m0, m1, m2, offset] x 2`); with `vignette`, the
 * column terms (i32 per pixel) at `colPtr` and the row terms (i32 per row) at `rowPtr`.
 */
function kernelBody(mirror: boolean, vignette: boolean): number[] {
  const channel = (k: number): number[] => [
    ...get(L_LO), ...get(L_C + k), ...I32X4_DOT_I16X8_S, ...set(L_T1),
    ...get(L_HI), ...get(L_C + k), ...I32X4_DOT_I16X8_S, ...set(L_T2),
    ...get(L_T1), ...get(L_T2), ...shuffle(EVENS),
    ...get(L_T1), ...get(L_T2), ...shuffle(ODDS),
    ...I32X4_ADD,
    ...(vignette
      ? [
          // clamp to 0..255, times the factor (column term - row term), round
          ...v128Const(splat4(0)), ...I32X4_MAX_S,
          ...v128Const(splat4(MAX_CHANNEL)), ...I32X4_MIN_S,
          ...get(L_COL_X), ...I32X4_MUL,
          ...v128Const(splat4(1 << (MATRIX_BITS + VIGNETTE_BITS - 1))), ...I32X4_ADD,
          ...i32(MATRIX_BITS + VIGNETTE_BITS), ...I32X4_SHR_S,
        ]
      : [...v128Const(splat4(1 << (MATRIX_BITS - 1))), ...I32X4_ADD, ...i32(MATRIX_BITS), ...I32X4_SHR_S]),
    ...set(L_OUT + k),
  ];
  const body: number[] = [
    ...get(P_WIDTH), ...i32(2), 0x74 /* i32.shl */, ...set(L_ROW_BYTES),
    ...i32(0), ...v128Load(0), ...set(L_C),
    ...i32(0), ...v128Load(16), ...set(L_C + 1),
    ...i32(0), ...v128Load(32), ...set(L_C + 2),
    ...i32(0), ...set(L_Y),
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $rows
    ...get(L_Y), ...get(P_HEIGHT), I32_GE_U, 0x0d, 1, // br_if $done
    ...get(P_SRC), ...get(L_Y), ...get(L_ROW_BYTES), I32_MUL, I32_ADD, ...set(L_SROW),
    ...get(P_DST), ...get(L_Y), ...get(L_ROW_BYTES), I32_MUL, I32_ADD, ...set(L_DROW),
    ...(vignette ? [...get(P_ROW), ...get(L_Y), ...i32(4), I32_MUL, I32_ADD, ...i32Load(), ...I32X4_SPLAT, ...set(L_ROWF)] : []),
    ...i32(0), ...set(L_X),
    0x02, 0x40, // block $rowDone
    0x03, 0x40, // loop $cols
    ...get(L_X), ...get(L_ROW_BYTES), I32_GE_U, 0x0d, 1, // br_if $rowDone
    ...get(L_SROW), ...get(L_X), I32_ADD, ...v128Load(), ...set(L_V),
    // alpha forced to 255: its term is the offset
    ...get(L_V), ...v128Const(splat4(0xff000000)), ...V128_OR, ...set(L_T1),
    ...get(L_T1), ...I16X8_EXTEND_LOW_I8X16_U, ...set(L_LO),
    ...get(L_T1), ...I16X8_EXTEND_HIGH_I8X16_U, ...set(L_HI),
    // the vignette's factors for these 4 pixels (the column table has 4 bytes per pixel, as the row)
    ...(vignette ? [...get(P_COL), ...get(L_X), I32_ADD, ...v128Load(), ...get(L_ROWF), ...I32X4_SUB, ...set(L_COL_X)] : []),
    ...channel(0), ...channel(1), ...channel(2),
    // the address to store at, then the pixels
    ...(mirror
      ? [...get(L_DROW), ...get(L_ROW_BYTES), I32_ADD, ...i32(16), I32_SUB, ...get(L_X), I32_SUB]
      : [...get(L_DROW), ...get(L_X), I32_ADD]),
    ...get(L_OUT), ...get(L_OUT + 1), ...I16X8_NARROW_I32X4_S,
    ...get(L_OUT + 2), ...get(L_OUT + 2), ...I16X8_NARROW_I32X4_S,
    ...I8X16_NARROW_I16X8_U,
    ...get(L_V), ...shuffle(mirror ? INTERLEAVE_MIRRORED : INTERLEAVE),
    ...v128Store(),
    ...get(L_X), ...i32(16), I32_ADD, ...set(L_X),
    0x0c, 0, // br $cols
    0x0b, // end loop
    0x0b, // end block
    ...get(L_Y), ...i32(1), I32_ADD, ...set(L_Y),
    0x0c, 0, // br $rows
    0x0b, // end loop
    0x0b, // end block
    0x0b, // end function
  ];
  // locals after the 6 parameters: 5 i32 (6..10), then v128 (11..22), then one more v128
  const locals = vec([
    [...uleb(5), I32],
    [...uleb(L_T2 - L_C + 1), V128],
    [...uleb(1), V128],
  ]);
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}
/** The per-pixel vignette factors of the current 4 pixels (the last local). */
const L_COL_X = L_T2 + 1;

/** Export names of the four variants: `run_<mirror><vignette>`. */
const VARIANTS = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;
const variantName = (mirror: boolean, vignette: boolean): string => `run_${+mirror}${+vignette}`;

/** The module's bytes: one memory (exported) and the four kernel variants. */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const type = [0x60, ...vec(Array.from({ length: 6 }, () => [I32])), 0x00];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(3, vec(VARIANTS.map(() => [0]))),
    ...section(5, vec([[0x00, 1]])), // memory: min 1 page, no max
    ...section(7, vec([
      [...name('memory'), 0x02, 0],
      ...VARIANTS.map(([m, v], i) => [...name(variantName(m, v)), 0x00, i]),
    ])),
    ...section(10, vec(VARIANTS.map(([m, v]) => kernelBody(m, v)))),
  ];
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------------------------------------
// The kernel

type Run = (src: number, dst: number, width: number, height: number, col: number, row: number) => void;

/** The largest fixed-point coefficient (4.12 in an i16). */
const MAX_COEFFICIENT = 32767;

/** The kernel's coefficients for `s`, or null when the kernel cannot apply it. */
function coefficients(s: EffectSettings): { rows: Int16Array; vignette: number } | null {
  const def = effectDefinition(s.effect);
  if (def.sample || adjusts(s)) return null;
  const m = def.matrix ?? IDENTITY;
  const rows = new Int16Array(24);
  for (let k = 0; k < 3; k++) {
    for (let j = 0; j < 4; j++) {
      const q = Math.round(m[k * 4 + j]! * (1 << MATRIX_BITS));
      if (Math.abs(q) > MAX_COEFFICIENT) return null;
      rows[k * 8 + j] = rows[k * 8 + 4 + j] = q;
    }
  }
  return { rows, vignette: def.vignette ?? 0 };
}

/** The WebAssembly effect kernel (see the module's comment). */
export class PixelKernel {
  private readonly memory: WebAssembly.Memory;
  private readonly runs: Record<string, Run>;
  /** Layout for the last size: column and row tables, source, destination. */
  private layout = { width: 0, height: 0, mirror: false, col: 0, row: 0, src: 0, dst: 0 };

  private constructor(instance: WebAssembly.Instance) {
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.runs = instance.exports as unknown as Record<string, Run>;
  }

  /** @internal Made by {@link loadPixelKernel}. */
  static fromInstance(instance: WebAssembly.Instance): PixelKernel {
    return new PixelKernel(instance);
  }

  /** Whether the kernel applies `s` to a `width`-pixel-wide image (mirrored or not). */
  supports(s: EffectSettings, width: number, mirror: boolean): boolean {
    const c = coefficients(s);
    return !!c && (width % 4 === 0 || (!mirror && !c.vignette));
  }

  /** Sizes the memory for `width` x `height` (a destination of its own when mirrored). */
  private place(width: number, height: number, mirror: boolean): typeof this.layout {
    const l = this.layout;
    if (l.width === width && l.height === height && l.mirror === mirror) return l;
    const align = (n: number): number => (n + 15) & ~15;
    const bytes = align(width * height * 4 + 16);
    const col = 64;
    const row = align(col + width * 4 + 16);
    const src = align(row + height * 4);
    const dst = mirror ? src + bytes : src;
    const need = dst + bytes;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    this.layout = { width, height, mirror, col, row, src, dst };
    return this.layout;
  }

  /**
   * The buffer to fill with `width` x `height` RGBA pixels before {@link run} (e.g. with
   * `VideoFrame.copyTo`). A view into the kernel's memory: take it anew for each frame (a larger
   * size grows the memory, which detaches older views).
   */
  input(width: number, height: number, mirror = false): Uint8ClampedArray<ArrayBuffer> {
    const l = this.place(width, height, mirror);
    return new Uint8ClampedArray(this.memory.buffer, l.src, width * height * 4);
  }

  /**
   * Applies `s` (mirrored when `mirror`) to the pixels put in {@link input}; returns the view of
   * the result (the input itself when not mirrored), or null when the kernel cannot apply `s`
   * (see {@link supports}): nothing was changed then.
   */
  run(width: number, height: number, s: EffectSettings, mirror = false): Uint8ClampedArray<ArrayBuffer> | null {
    const c = coefficients(s);
    if (!c || !(width % 4 === 0 || (!mirror && !c.vignette))) return null;
    const l = this.place(width, height, mirror);
    const mem = this.memory.buffer;
    new Int16Array(mem, 0, 24).set(c.rows);
    if (c.vignette) {
      // the factor at (x, y) is col[x] - row[y], as in effect-pixels.ts, in 0.10 fixed point
      const col = new Int32Array(mem, l.col, width);
      const row = new Int32Array(mem, l.row, height);
      const one = 1 << VIGNETTE_BITS;
      for (let x = 0; x < width; x++) {
        const d = (x + 0.5) / width - 0.5;
        col[x] = Math.round((1 - c.vignette * d * d) * one);
      }
      for (let y = 0; y < height; y++) {
        const d = (y + 0.5) / height - 0.5;
        row[y] = Math.round(c.vignette * d * d * one);
      }
    }
    const run = this.runs[variantName(mirror, !!c.vignette)]!;
    // Without mirror and vignette the rows need not be known: one long row, rounded up to whole
    // vectors (the buffer has room for the last one).
    if (!mirror && !c.vignette) run(l.src, l.dst, Math.ceil((width * height) / 4) * 4, 1, l.col, l.row);
    else run(l.src, l.dst, width, height, l.col, l.row);
    return new Uint8ClampedArray(this.memory.buffer, l.dst, width * height * 4);
  }

  /**
   * Applies `s` to `data` in place through the kernel's memory (two copies). Returns false,
   * leaving `data` as it was, when the kernel cannot apply `s`.
   */
  applyTo(data: Uint8ClampedArray, width: number, height: number, s: EffectSettings): boolean {
    if (!this.supports(s, width, false)) return false;
    if (data.buffer === this.memory.buffer && data.byteOffset === this.place(width, height, false).src) {
      return !!this.run(width, height, s);
    }
    this.input(width, height).set(data);
    const out = this.run(width, height, s);
    if (!out) return false;
    data.set(out);
    return true;
  }

  /** The size of the kernel's memory in bytes (it grows with the largest frame it had). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }
}

let loading: Promise<PixelKernel | null> | undefined;
let loaded: PixelKernel | null = null;

/**
 * Compiles the kernel (once per realm: a page, each worker). Resolves null where WebAssembly SIMD
 * is missing or a Content Security Policy forbids compiling.
 */
export function loadPixelKernel(): Promise<PixelKernel | null> {
  loading ??= (async () => {
    try {
      if (typeof WebAssembly !== 'object') return null;
      const bytes = kernelModuleBytes();
      if (!WebAssembly.validate(bytes)) return null;
      const { instance } = await WebAssembly.instantiate(bytes);
      loaded = PixelKernel.fromInstance(instance);
      return loaded;
    } catch {
      return null; // CSP (no 'wasm-unsafe-eval'), or no SIMD
    }
  })();
  return loading;
}

/** The kernel if it is compiled already, else null (and its compilation starts). */
export function pixelKernel(): PixelKernel | null {
  if (!loaded) void loadPixelKernel();
  return loaded;
}
