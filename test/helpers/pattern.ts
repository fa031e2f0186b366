/**
 * The known picture that Chromium's `chromium-y4m` group plays as its camera
 * (.cache/test-pattern.y4m, written by scripts/make-y4m.mjs; keep the two in step).
 *
 *   +-------+-------+
 *   |  red  | green |
 *   +-------+-------+
 *   | blue  | white |
 *   +-------+-------+
 *
 * Left/right mirroring swaps red and green, top/bottom mirroring swaps red and blue,
 * and a grayscale filter turns red, green and blue into three different greys.
 */

export type RGB = readonly [r: number, g: number, b: number];
export type Quadrant = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';

export const PATTERN = {
  width: 640,
  height: 480,
  frameRate: 30,
  quadrants: {
    topLeft: [255, 0, 0],
    topRight: [0, 255, 0],
    bottomLeft: [0, 0, 255],
    bottomRight: [255, 255, 255],
  } as Readonly<Record<Quadrant, RGB>>,
  /**
   * Largest per-channel difference seen between PATTERN.quadrants and what Chromium draws from
   * the fake camera into a canvas: measured 0 at quadrant centres (drawImage, a downscaled
   * ImageBitmap and a PNG round trip); the headroom is for GPU paths and resampling.
   */
  tolerance: 16,
} as const;

/** Centre of a quadrant in a picture of the given size (default: the camera's 640x480). */
export function quadrantCenter(
  quadrant: Quadrant,
  width: number = PATTERN.width,
  height: number = PATTERN.height,
): [x: number, y: number] {
  const x = quadrant.endsWith('Left') ? width / 4 : (3 * width) / 4;
  const y = quadrant.startsWith('top') ? height / 4 : (3 * height) / 4;
  return [Math.floor(x), Math.floor(y)];
}

export type Sampleable =
  | HTMLCanvasElement
  | OffscreenCanvas
  | ImageBitmap
  | HTMLVideoElement
  | HTMLImageElement
  | VideoFrame
  | ImageData
  | Blob;

function sourceSize(source: Exclude<Sampleable, Blob | ImageData>): [number, number] {
  if (source instanceof HTMLVideoElement) return [source.videoWidth, source.videoHeight];
  if (source instanceof HTMLImageElement) return [source.naturalWidth, source.naturalHeight];
  if (typeof VideoFrame !== 'undefined' && source instanceof VideoFrame) {
    return [source.displayWidth, source.displayHeight];
  }
  const s = source as { width: number; height: number };
  return [s.width, s.height];
}

function average(data: Uint8ClampedArray): RGB {
  let r = 0;
  let g = 0;
  let b = 0;
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    r += data[i];
    g += data[i + 1];
    b += data[i + 2];
  }
  return [Math.round(r / n), Math.round(g / n), Math.round(b / n)];
}

/**
 * Average colour of the (2*radius+1)² pixels around (x, y) of a canvas, bitmap, video, frame,
 * ImageData or encoded image Blob (a captured photo). Coordinates are in the source's own pixels.
 */
export async function sampleCanvas(source: Sampleable, x: number, y: number, radius = 2): Promise<RGB> {
  const size = 2 * radius + 1;
  const left = Math.max(0, Math.round(x) - radius);
  const top = Math.max(0, Math.round(y) - radius);
  if (source instanceof ImageData) {
    const out = new Uint8ClampedArray(size * size * 4);
    let n = 0;
    for (let j = top; j < Math.min(source.height, top + size); j++) {
      for (let i = left; i < Math.min(source.width, left + size); i++) {
        out.set(source.data.subarray((j * source.width + i) * 4, (j * source.width + i) * 4 + 4), n);
        n += 4;
      }
    }
    return average(out.subarray(0, n));
  }
  let drawable: Exclude<Sampleable, Blob | ImageData>;
  let owned: ImageBitmap | undefined;
  if (source instanceof Blob) {
    owned = await createImageBitmap(source);
    drawable = owned;
  } else {
    drawable = source;
  }
  try {
    const [w, h] = sourceSize(drawable);
    if (!w || !h) throw new Error('sampleCanvas: the source has no pixels yet (width or height is 0)');
    let ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;
    if (drawable instanceof HTMLCanvasElement || drawable instanceof OffscreenCanvas) {
      let own: RenderingContext | OffscreenRenderingContext | null = null;
      try {
        own = drawable.getContext('2d', { willReadFrequently: true } as CanvasRenderingContext2DSettings);
      } catch {
        own = null; // a canvas whose control went to a worker (the live preview's): copy it
      }
      if (own) ctx = own as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    }
    if (!ctx) {
      // Not a 2D canvas (a video, bitmap, frame, or a canvas with a WebGL/WebGPU context): copy it.
      const copy = document.createElement('canvas');
      copy.width = w;
      copy.height = h;
      ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(drawable as CanvasImageSource, 0, 0, w, h);
    }
    const cw = Math.min(size, w - left);
    const ch = Math.min(size, h - top);
    if (cw <= 0 || ch <= 0) throw new Error(`sampleCanvas: (${x}, ${y}) lies outside ${w}x${h}`);
    return average(ctx.getImageData(left, top, cw, ch).data);
  } finally {
    owned?.close();
  }
}

/** Throws an Error naming both colours unless every channel is within `tolerance`. */
export function expectColorNear(
  actual: RGB,
  expected: RGB,
  tolerance: number = PATTERN.tolerance,
  what = 'colour',
): void {
  const diff = Math.max(...[0, 1, 2].map((i) => Math.abs(actual[i] - expected[i])));
  if (diff > tolerance) {
    throw new Error(
      `${what}: expected rgb(${expected.join(', ')}) ±${tolerance}, got rgb(${actual.join(', ')}) (off by ${diff})`,
    );
  }
}

/**
 * Samples all four quadrant centres of `source` (whole picture = the pattern) and checks them.
 * Pass `mirrored: true` for a picture flipped left/right.
 */
export async function expectPattern(
  source: Sampleable,
  { tolerance = PATTERN.tolerance, mirrored = false }: { tolerance?: number; mirrored?: boolean } = {},
): Promise<void> {
  const owned = source instanceof Blob ? await createImageBitmap(source) : undefined;
  const drawable = owned ?? source;
  try {
    const [w, h] =
      drawable instanceof ImageData ? [drawable.width, drawable.height] : sourceSize(drawable as Exclude<Sampleable, Blob | ImageData>);
    const flip: Record<Quadrant, Quadrant> = {
      topLeft: 'topRight',
      topRight: 'topLeft',
      bottomLeft: 'bottomRight',
      bottomRight: 'bottomLeft',
    };
    for (const q of Object.keys(PATTERN.quadrants) as Quadrant[]) {
      const [x, y] = quadrantCenter(q, w, h);
      const expected = PATTERN.quadrants[mirrored ? flip[q] : q];
      expectColorNear(await sampleCanvas(drawable, x, y), expected, tolerance, `${q} of ${w}x${h}`);
    }
  } finally {
    owned?.close();
  }
}
