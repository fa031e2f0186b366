/**
 * 2D drawing and encoding helpers shared by the main thread and the encode worker.
 * DOM-free at module level (safe to import in Node and in workers).
 */
import { applyEffectToPixels } from './effect-pixels.js';
import { isIdentity, type EffectSettings } from './effects.js';

/** A 2D context on either kind of canvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
/** Either kind of canvas. */
export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** Image formats the kit asks encoders for. */
export type PhotoFormat = 'image/jpeg' | 'image/png' | 'image/webp';

/** Draws `source` scaled to `width` x `height`, flipped horizontally when `mirror`. */
export function drawFrame(
  ctx: Context2D,
  source: CanvasImageSource,
  width: number,
  height: number,
  mirror: boolean,
): void {
  ctx.setTransform(mirror ? -1 : 1, 0, 0, 1, mirror ? width : 0, 0);
  ctx.drawImage(source, 0, 0, width, height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/**
 * Draws `source` and applies the effect exactly (per pixel, the JS twin of the shader).
 * The canvas must already be `width` x `height`.
 * @param apply - what applies the effect to the pixels: `applyEffectToPixels` by default; the
 *   encode worker passes one that tries the WebAssembly kernel first.
 */
export function renderExact(
  ctx: Context2D,
  source: CanvasImageSource,
  width: number,
  height: number,
  settings: EffectSettings | null,
  mirror: boolean,
  apply: typeof applyEffectToPixels = applyEffectToPixels,
): void {
  drawFrame(ctx, source, width, height, mirror);
  if (!settings || isIdentity(settings)) return;
  const img = ctx.getImageData(0, 0, width, height);
  apply(img.data, width, height, settings);
  ctx.putImageData(img, 0, 0);
}

async function encodeOnce(canvas: AnyCanvas, type: string, quality: number): Promise<Blob | null> {
  try {
    if ('convertToBlob' in canvas) return await canvas.convertToBlob({ type, quality });
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  } catch {
    return null;
  }
}

/** File name extension per encoded type. */
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Result of {@link encodeCanvas}. */
export interface EncodeResult {
  /**
   * The photo as a `File` (default name `photo-<Date.now()>.<ext>`). Made where it was encoded:
   * building a File from a multi-megabyte Blob takes milliseconds on the thread that does it.
   */
  file: File;
  /** True when `type` could not be encoded and JPEG was used instead. */
  fellBack: boolean;
}

/**
 * Encodes the canvas as `type`. Support is judged by the actual result's type: when the browser
 * returns something else (it returns PNG for types it cannot encode), re-encodes as JPEG.
 */
export async function encodeCanvas(
  canvas: AnyCanvas,
  type: string,
  quality: number,
  name?: string,
): Promise<EncodeResult | null> {
  const blob = await encodeOnce(canvas, type, quality);
  if (blob && blob.type === type) return { file: toFile(blob, name), fellBack: false };
  if (type === 'image/jpeg') return null;
  const jpeg = await encodeOnce(canvas, 'image/jpeg', quality);
  return jpeg && jpeg.type === 'image/jpeg' ? { file: toFile(jpeg, name), fellBack: true } : null;
}

function toFile(blob: Blob, name?: string): File {
  const type = blob.type || 'image/jpeg';
  return new File([blob], name ?? `photo-${Date.now()}.${EXTENSIONS[type] ?? 'jpg'}`, { type, lastModified: Date.now() });
}

/**
 * Scales `bitmap` to `width` x `height` without distorting it: the centre of the picture with the
 * target's aspect ratio is kept, as `object-fit: cover` shows it (a 4:3 still for a 16:9 track
 * loses a band at the top and the bottom, as the track's own frames do). Takes ownership of
 * `bitmap`: it is returned as is when it already has that size, else closed, also when scaling fails.
 */
export async function coverBitmap(bitmap: ImageBitmap, width: number, height: number): Promise<ImageBitmap> {
  if (bitmap.width === width && bitmap.height === height) return bitmap;
  try {
    const scale = Math.max(width / bitmap.width, height / bitmap.height);
    const sw = Math.min(bitmap.width, Math.max(1, Math.round(width / scale)));
    const sh = Math.min(bitmap.height, Math.max(1, Math.round(height / scale)));
    const sx = Math.floor((bitmap.width - sw) / 2);
    const sy = Math.floor((bitmap.height - sh) / 2);
    return await createImageBitmap(bitmap, sx, sy, sw, sh, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  } finally {
    bitmap.close();
  }
}
