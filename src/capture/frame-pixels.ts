/**
 * A camera frame's pixels as RGBA, with the effect applied, in as few passes as the browser
 * allows: `VideoFrame.copyTo({ format: 'RGBA' })` straight into the effect kernel's memory
 * (`pixel-kernel.ts`), the kernel (matrix, vignette, mirror) in place, and an `ImageData` over
 * the result for `putImageData`. Used by the encode worker (photos) and the live worker (the
 * preview and so the recording, at the camera's full size).
 *
 * DOM-free: used by the workers.
 */
import { isIdentity, resolveSettings, type EffectSettings } from './effects.js';
import { loadPixelKernel, type PixelKernel } from './pixel-kernel.js';

/** A 2x2 red frame in each layout a camera or canvas frame may have (BT.601 red: Y 81, U 90, V 240). */
const RED: Record<string, () => Uint8Array> = {
  I420: () => new Uint8Array([81, 81, 81, 81, 90, 240]),
  I420A: () => new Uint8Array([81, 81, 81, 81, 90, 240, 255, 255, 255, 255]),
  I422: () => new Uint8Array([81, 81, 81, 81, 90, 90, 240, 240]),
  I444: () => new Uint8Array([81, 81, 81, 81, 90, 90, 90, 90, 240, 240, 240, 240]),
  NV12: () => new Uint8Array([81, 81, 81, 81, 90, 240]),
  RGBA: () => new Uint8Array([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255]),
  RGBX: () => new Uint8Array([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255]),
  BGRA: () => new Uint8Array([0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255]),
  BGRX: () => new Uint8Array([0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255]),
};
const copyConverts = new Map<string, Promise<boolean>>();

/** The options of a copy to sRGB RGBA. */
export const RGBA_COPY = { format: 'RGBA', colorSpace: 'srgb' } as unknown as VideoFrameCopyToOptions;

/**
 * Whether `VideoFrame.copyTo({ format: 'RGBA' })` really converts frames of `format` to RGBA here,
 * tested once per format with a red 2x2 frame of it. WebKitGTK ignores the `format` option and
 * copies the frame's own layout: a frame of a canvas stream came back as BGRA bytes, so every
 * photo encoded in the worker had red and blue swapped, with or without an effect
 * (test/capture/effect-registry.test.ts). A format not listed, or one that fails, is drawn instead.
 */
export function copyToConverts(format: string | null): Promise<boolean> {
  const make = format ? RED[format] : undefined;
  if (!format || !make) return Promise.resolve(false);
  let answer = copyConverts.get(format);
  if (!answer) {
    answer = (async () => {
      let frame: VideoFrame | null = null;
      try {
        frame = new VideoFrame(make(), { format, codedWidth: 2, codedHeight: 2, timestamp: 0 } as VideoFrameBufferInit);
        const out = new Uint8ClampedArray(16);
        await frame.copyTo(out, RGBA_COPY);
        return out[0]! > 180 && out[1]! < 80 && out[2]! < 80 && out[3]! > 200;
      } catch {
        return false;
      } finally {
        frame?.close();
      }
    })();
    copyConverts.set(format, answer);
  }
  return answer;
}

/**
 * Whether `image` is a VideoFrame whose stored pixels are the picture at `width` x `height`
 * (no rotation or flip, that visible size) and that `copyTo` converts to RGBA here.
 */
export async function copiesAsRgba(image: unknown, width: number, height: number): Promise<boolean> {
  if (typeof VideoFrame !== 'function' || !(image instanceof VideoFrame) || !image.visibleRect) return false;
  // copyTo gives the stored pixels; a rotated or flipped frame is shown otherwise (drawImage does).
  const oriented = image as VideoFrame & { rotation?: number; flip?: boolean };
  if ((oriented.rotation ?? 0) !== 0 || oriented.flip) return false;
  if (image.visibleRect.width !== width || image.visibleRect.height !== height) return false;
  return copyToConverts(image.format);
}

const NONE = resolveSettings('none', {});

/**
 * The frame's pixels with `settings` applied (and mirrored when `mirror`) by the effect kernel,
 * as an ImageData over the kernel's memory (valid until the kernel's next use), or null where
 * that path does not apply: no kernel here (see `loadPixelKernel`), settings the kernel does not
 * do (pixelate, adjustments), a frame {@link copiesAsRgba} refuses, a failed copy. `settings`
 * null means no effect (the kernel then only mirrors).
 * @param kernel - the kernel, or null to use none.
 */
export async function kernelPixels(
  frame: unknown,
  width: number,
  height: number,
  settings: EffectSettings | null,
  mirror: boolean,
  kernel: PixelKernel | null,
): Promise<ImageData | null> {
  const s = settings ?? NONE;
  if (!kernel || !kernel.supports(s, width, mirror) || !(await copiesAsRgba(frame, width, height))) return null;
  const input = kernel.input(width, height, mirror);
  try {
    await (frame as VideoFrame).copyTo(input, RGBA_COPY);
  } catch {
    return null;
  }
  const out = kernel.run(width, height, s, mirror);
  return out ? new ImageData(out, width, height) : null;
}

/** Whether `settings` (null: none) change pixels or `mirror` flips them: work for the kernel. */
export const needsKernel = (settings: EffectSettings | null, mirror: boolean): boolean =>
  mirror || (!!settings && !isIdentity(settings));

export { loadPixelKernel };
