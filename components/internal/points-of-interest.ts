/**
 * Tap to focus: a tap or click on a preview becomes a point of interest of the camera
 * (`pointsOfInterest`, `x` and `y` from 0 to 1 across the camera's picture) and, where the
 * camera has it, a single-shot focus there. Where the track has no points of interest nothing
 * happens (no error). A preview element hooks it up in one line:
 *
 * ```ts
 * video.addEventListener('click', (e) => void focusAt(this.controller, pointOnVideo(e, video, this.mirrored)));
 * ```
 */
import type { PointOfInterest } from '../../src/constraints.js';
import type { MediaStreamController } from '../../src/controller.js';

/** How a picture of `width` × `height` is fitted into a box (`object-fit`). */
export type Fit = 'contain' | 'cover' | 'fill';

/**
 * Where a point of a box falls on the picture shown in it: `x`, `y` from 0 to 1 across the picture
 * (as the camera sees it: a mirrored preview is turned back), or `null` outside the picture (the
 * bars of `contain`).
 */
export function pointInPicture(
  px: number,
  py: number,
  box: { left: number; top: number; width: number; height: number },
  picture: { width: number; height: number },
  fit: Fit = 'contain',
  mirrored = false,
): PointOfInterest | null {
  if (!(box.width > 0 && box.height > 0 && picture.width > 0 && picture.height > 0)) return null;
  let w = box.width;
  let h = box.height;
  if (fit !== 'fill') {
    const scale = (fit === 'cover' ? Math.max : Math.min)(box.width / picture.width, box.height / picture.height);
    w = picture.width * scale;
    h = picture.height * scale;
  }
  const x = (px - box.left - (box.width - w) / 2) / w;
  const y = (py - box.top - (box.height - h) / 2) / h;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  return { x: mirrored ? 1 - x : x, y };
}

/** The point of a pointer event on a `<video>`, from its box, its picture size and its `object-fit`. */
export function pointOnVideo(e: { clientX: number; clientY: number }, video: HTMLVideoElement, mirrored = false): PointOfInterest | null {
  const fit = getComputedStyle(video).objectFit as Fit;
  return pointInPicture(e.clientX, e.clientY, video.getBoundingClientRect(), { width: video.videoWidth, height: video.videoHeight }, fit === 'cover' || fit === 'fill' ? fit : 'contain', mirrored);
}

/**
 * Whether the live camera of a controller takes points of interest. They are no capability in
 * the spec (Image Capture): a camera that has them reports them among its settings.
 */
export function hasPointsOfInterest(controller: MediaStreamController): boolean {
  const settings = controller.getSettings('video') as Record<string, unknown> | null;
  return !!settings && Array.isArray(settings.pointsOfInterest);
}

/**
 * Focus (and meter exposure) at a point of the camera's picture, through the shared controller,
 * on the same track: `pointsOfInterest`, and `focusMode: 'single-shot'` where the camera has it.
 * Resolves `true` when the camera took the point, `false` when it has no points of interest (or
 * refused them: then `media-error` fired), or for a `null` point. Never rejects.
 */
export async function focusAt(controller: MediaStreamController, point: PointOfInterest | null): Promise<boolean> {
  if (!point || !controller.videoTrack || !hasPointsOfInterest(controller)) return false;
  const caps = controller.getCapabilities('video') as Record<string, unknown> | null;
  const modes = Array.isArray(caps?.focusMode) ? (caps!.focusMode as string[]) : [];
  const values: Record<string, PointOfInterest[] | string> = { pointsOfInterest: [{ x: point.x, y: point.y }] };
  if (modes.includes('single-shot')) values.focusMode = 'single-shot';
  const before = controller.error;
  await controller.applySettings('video', values);
  return controller.error === before || controller.error === null;
}
