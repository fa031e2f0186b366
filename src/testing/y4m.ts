/**
 * Y4M (YUV4MPEG2) camera files for Chromium's fake camera (`--use-file-for-fake-video-capture`):
 * known colours a test can read back, or photo-like frames that encode like a real photo. Pure
 * (no Node, no DOM): `writeY4m()` in `media-capture-elements/testing` (Node) writes them, and the
 * browser side reads the colours from {@link QUADRANT_COLORS}.
 * @module
 */

/** An sRGB colour, each channel 0..255. */
export type RGB = readonly [r: number, g: number, b: number];

/** A quarter of the picture. */
export type Quadrant = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';

/**
 * The colours of the `quadrants` pattern: saturated primaries and white, which survive the I420
 * round trip whether a decoder reads full or limited range. Left/right mirroring swaps red and
 * green, top/bottom mirroring swaps red and blue, and a grayscale filter turns red, green and blue
 * into three different greys, so one frame tells orientation and effect apart.
 */
export const QUADRANT_COLORS: Readonly<Record<Quadrant, RGB>> = {
  topLeft: [255, 0, 0],
  topRight: [0, 255, 0],
  bottomLeft: [0, 0, 255],
  bottomRight: [255, 255, 255],
};

/**
 * The largest per-channel difference between a pattern's colour and what Chromium drew from the
 * file camera at a quadrant's centre in our own tests: 0 (drawImage, a scaled ImageBitmap, a PNG
 * round trip); the headroom is for GPU paths and resampling. Use it with `colorNear()`.
 */
export const PATTERN_TOLERANCE = 16;

/**
 * What the frames show:
 * - `quadrants`: four known colours ({@link QUADRANT_COLORS}), the same in every frame;
 * - `solid`: one colour (`color`) everywhere;
 * - `photo`: photo-like frames (sky gradient, a textured ground, buildings with hard edges, a fine
 *   window grid and per-pixel noise that changes from frame to frame, from a seeded generator),
 *   which a JPEG encoder cannot shrink to nothing, as it does a flat frame.
 */
export type Y4mPattern = 'quadrants' | 'solid' | 'photo';

/** Options of `writeY4m()` and {@link y4mBytes}. */
export interface Y4mOptions {
  /** Frame width in pixels, even; default 640. */
  width?: number;
  /** Frame height in pixels, even; default 480. */
  height?: number;
  /** Number of frames (Chromium plays them in a loop); default 5 (`photo`: 4). */
  frames?: number;
  /** Frames per second in the header; default 30. */
  frameRate?: number;
  /** What the frames show; default `quadrants`. */
  pattern?: Y4mPattern;
  /** The colour of `solid`; default mid grey. */
  color?: RGB;
  /** The seed of `photo`'s generator; default 1. */
  seed?: number;
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

/** Full-range BT.601 (JPEG, `C420jpeg`) RGB to YCbCr. */
export function rgbToYCbCr([r, g, b]: RGB): [y: number, cb: number, cr: number] {
  return [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
    clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
  ];
}

/** The colour of the `quadrants` pattern at (x, y) of a w x h picture. */
export function quadrantAt(x: number, y: number, w: number, h: number): RGB {
  const right = x >= w / 2;
  if (y >= h / 2) return right ? QUADRANT_COLORS.bottomRight : QUADRANT_COLORS.bottomLeft;
  return right ? QUADRANT_COLORS.topRight : QUADRANT_COLORS.topLeft;
}

/** A small seeded generator (mulberry32): the same frames on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The RGB of a photo-like scene at (x, y), frame `f` (the scene drifts a little per frame). */
function photoPixel(x: number, y: number, w: number, h: number, f: number, buildings: readonly number[]): RGB {
  const horizon = h * 0.62;
  const sx = x + f * 3;
  if (y < horizon) {
    const bi = Math.floor((sx / w) * buildings.length) % buildings.length;
    const top = horizon - buildings[bi]! * h * 0.4;
    if (y > top) {
      // A building with a fine grid of lit windows: hard edges that cost an encoder bits.
      const lit = (Math.floor(sx / 6) + Math.floor(y / 9)) % 3 === 0 && sx % 6 > 1 && y % 9 > 2;
      const shade = 60 + bi * 13;
      return lit ? [230, 210, 140] : [shade, shade - 8, shade - 20];
    }
    const t = y / horizon; // sky: deep blue to a warm glow at the horizon
    return [clamp(40 + 190 * t), clamp(90 + 110 * t), clamp(200 - 40 * t)];
  }
  const t = (y - horizon) / (h - horizon); // ground: textured
  const tex = ((sx * 7) ^ (y * 13)) & 31;
  return [clamp(70 + 40 * t + tex), clamp(90 + 30 * t + tex), clamp(40 + tex / 2)];
}

/**
 * The bytes of a Y4M file (header and I420 frames, `C420jpeg`): write them with `writeY4m()`
 * (Node) or anything else.
 * @throws RangeError for an odd or non-positive size, or no frames.
 */
export function y4mBytes(options: Y4mOptions = {}): Uint8Array {
  const { width = 640, height = 480, frameRate = 30, pattern = 'quadrants', color = [128, 128, 128], seed = 1 } = options;
  const frames = options.frames ?? (pattern === 'photo' ? 4 : 5);
  if (!(width > 0 && height > 0 && width % 2 === 0 && height % 2 === 0)) {
    throw new RangeError(`A Y4M frame needs an even, positive width and height (got ${width}x${height}).`);
  }
  if (!(frames >= 1)) throw new RangeError(`A Y4M file needs at least one frame (got ${frames}).`);
  const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F${Math.round(frameRate)}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = new TextEncoder().encode('FRAME\n');
  const cw = width / 2;
  const ch = height / 2;
  const frameBytes = width * height + 2 * cw * ch;
  const out = new Uint8Array(header.length + frames * (frameHeader.length + frameBytes));
  out.set(header, 0);
  const rnd = random(seed);
  const buildings = Array.from({ length: 9 }, () => 0.3 + rnd() * 0.7);
  let offset = header.length;
  for (let f = 0; f < frames; f++) {
    out.set(frameHeader, offset);
    offset += frameHeader.length;
    const yPlane = offset;
    const uPlane = yPlane + width * height;
    const vPlane = uPlane + cw * ch;
    const rgbAt = (x: number, y: number): RGB =>
      pattern === 'solid' ? color : pattern === 'quadrants' ? quadrantAt(x, y, width, height) : photoPixel(x, y, width, height, f, buildings);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let luma = rgbToYCbCr(rgbAt(x, y))[0];
        if (pattern === 'photo') luma = clamp(luma + (rnd() - 0.5) * 12); // sensor noise, new per frame
        out[yPlane + y * width + x] = luma;
      }
    }
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        // The chroma of a 2x2 block from its top-left pixel (quadrant edges are even: exact).
        const [, cb, cr] = rgbToYCbCr(rgbAt(x * 2, y * 2));
        out[uPlane + y * cw + x] = cb;
        out[vPlane + y * cw + x] = cr;
      }
    }
    offset += frameBytes;
  }
  return out;
}
