/**
 * The browser side of the test kit (`media-capture-elements/testing` in a browser, or
 * `media-capture-elements/testing/browser`): waits that do not sleep, reading a picture's pixels,
 * a leak check that no camera or microphone is left on, and the faults no browser makes on
 * request, injected on the real objects (each says so). Works with any test framework; with
 * `@web/test-runner`, launch the browsers with `fakeMediaBrowsers()` (Node side).
 *
 * ```js
 * import { watchMediaTracks, waitForState, waitForFrame, readPixel, waitForTracksEnded } from 'media-capture-elements/testing';
 * watchMediaTracks(); // before the page asks for a camera
 * const preview = document.querySelector('media-preview');
 * preview.start();
 * await waitForState(preview, 'live');
 * await waitForFrame(preview);
 * const [r, g, b] = await readPixel(preview, 10, 10);
 * preview.remove();
 * await waitForTracksEnded(); // the camera light is off
 * ```
 *
 * Importing this module has no side effects and touches no DOM.
 * @module
 */
import { PATTERN_TOLERANCE, QUADRANT_COLORS, type Quadrant, type RGB } from './y4m.js';

export { PATTERN_TOLERANCE, QUADRANT_COLORS, quadrantAt, type Quadrant, type RGB } from './y4m.js';

/** Options of the waits. */
export interface WaitOptions {
  /** Milliseconds before the wait rejects, naming what it waited for; default 10000. */
  timeout?: number;
}

/** Rejects with `timed out after <ms> ms waiting for <what>` unless `ready` settles first. */
function within<T>(what: () => string, timeout: number, run: (done: (value: T) => void, signal: AbortSignal) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      abort.abort();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what()}`));
    }, timeout);
    run((value) => {
      clearTimeout(timer);
      abort.abort();
      resolve(value);
    }, abort.signal);
  });
}

/** An element of the kit (or anything) with a `state` property. */
export interface StatefulElement extends EventTarget {
  readonly state?: string;
  getAttribute?(name: string): string | null;
}

const stateOf = (el: StatefulElement): string | null | undefined => el.state ?? el.getAttribute?.('state');

/**
 * Resolves once `el.state` is `state` (`idle`, `requesting`, `live`, `denied`, `unavailable`,
 * `error`): at once if it is, else on the element's `media-state-change` (or a change of its
 * `state` attribute). No polling, no sleep.
 * @throws Error naming the state it is in when `timeout` passes first.
 */
export function waitForState(el: StatefulElement, state: string, { timeout = 10_000 }: WaitOptions = {}): Promise<void> {
  return within(
    () => `state "${state}" (it is "${String(stateOf(el))}")`,
    timeout,
    (done, signal) => {
      const check = (): void => {
        if (stateOf(el) === state) done(undefined);
      };
      el.addEventListener('media-state-change', () => queueMicrotask(check), { signal });
      if (typeof MutationObserver === 'function' && el instanceof Element) {
        const mo = new MutationObserver(check);
        mo.observe(el, { attributes: true, attributeFilter: ['state'] });
        signal.addEventListener('abort', () => mo.disconnect());
      }
      check();
    },
  );
}

/** The `<video>` of an element of the kit (its shadow root), or the video itself. */
function videoOf(source: Element): HTMLVideoElement | null {
  if (source instanceof HTMLVideoElement) return source;
  return source.shadowRoot?.querySelector('video') ?? source.querySelector('video');
}

/**
 * Resolves once `video` (a `<video>`, or an element of the kit: its own video) presents a new
 * frame: with `requestVideoFrameCallback` where the engine has it, else on the video's
 * `timeupdate` once it has a picture.
 * @throws Error when no frame comes within `timeout` (a camera that sends nothing).
 */
export function waitForFrame(video: Element, { timeout = 10_000 }: WaitOptions = {}): Promise<void> {
  const v = videoOf(video);
  if (!v) return Promise.reject(new Error(`<${video.localName}> has no <video> to wait for a frame of`));
  return within(
    () => `a video frame (readyState ${v.readyState}, ${v.videoWidth}x${v.videoHeight})`,
    timeout,
    (done, signal) => {
      const rvfc = (v as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number }).requestVideoFrameCallback;
      if (typeof rvfc === 'function') {
        const id = rvfc.call(v, () => done(undefined));
        signal.addEventListener('abort', () => (v as unknown as { cancelVideoFrameCallback(id: number): void }).cancelVideoFrameCallback(id));
        return;
      }
      const check = (): void => {
        if (v.readyState >= 2 && v.videoWidth > 0) done(undefined);
      };
      for (const type of ['loadeddata', 'timeupdate', 'playing']) v.addEventListener(type, check, { signal });
    },
  );
}

// ------------------------------------------------------------------ tracks and the leak check

const seen = new Set<MediaStreamTrack>();
let watching = false;

/**
 * Records every track the page gets from `getUserMedia` from now on (it wraps the real method and
 * calls it: nothing is faked), for {@link liveTracks}, {@link waitForTracksEnded} and
 * {@link expectNoLiveTracks}. Call it first, before the page asks for a device. Idempotent.
 */
export function watchMediaTracks(): void {
  if (watching || typeof navigator === 'undefined' || !navigator.mediaDevices) return;
  watching = true;
  const md = navigator.mediaDevices;
  const real = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await real(constraints);
    for (const t of stream.getTracks()) seen.add(t);
    return stream;
  };
}

/** The tracks recorded by {@link watchMediaTracks} that are still live (a camera or microphone still on). */
export function liveTracks(): MediaStreamTrack[] {
  return [...seen].filter((t) => t.readyState === 'live');
}

const named = (tracks: MediaStreamTrack[]): string => tracks.map((t) => `${t.kind} "${t.label}"`).join(', ');

/**
 * Resolves once every track recorded by {@link watchMediaTracks} (or the given ones) has ended:
 * the elements let go of the devices (after their `releaseDelay`, 250 ms by default). A track
 * stopped by script fires no event, so this looks once per animation frame.
 * @throws Error naming the tracks still live after `timeout` (a leak).
 */
export function waitForTracksEnded(tracks?: Iterable<MediaStreamTrack>, { timeout = 5_000 }: WaitOptions = {}): Promise<void> {
  if (!tracks && !watching) return Promise.reject(new Error('call watchMediaTracks() before the page asks for a device'));
  const list = tracks ? [...tracks] : null;
  const live = (): MediaStreamTrack[] => (list ? list.filter((t) => t.readyState === 'live') : liveTracks());
  return within(
    () => `every track to end (still live: ${named(live())})`,
    timeout,
    (done, signal) => {
      const tick = (): void => {
        if (signal.aborted) return;
        if (live().length === 0) done(undefined);
        else setTimeout(tick, 16);
      };
      tick();
    },
  );
}

/**
 * The leak check: throws when a recorded track is still live (call it after the page removed its
 * elements and {@link waitForTracksEnded} had its chance). Then forgets the ended tracks.
 */
export function expectNoLiveTracks(): void {
  const live = liveTracks();
  for (const t of seen) if (t.readyState === 'ended') seen.delete(t);
  if (live.length) throw new Error(`a camera or microphone is still on: ${named(live)}`);
}

// ------------------------------------------------------------------ pixels

/** What {@link readPixels} reads: a `<video>`, `<canvas>`, `<img>`, ImageBitmap, VideoFrame, or an element of the kit. */
export type PixelSource = CanvasImageSource | Element;

/**
 * The picture of an element of the kit: its `canvasElement` where it has one (`<photo-booth>`'s
 * live preview with the effect), else the `<video>` it shows, else its first canvas or image.
 */
function drawableOf(source: PixelSource): CanvasImageSource {
  if (!(source instanceof Element) || source instanceof HTMLVideoElement || source instanceof HTMLCanvasElement || source instanceof HTMLImageElement) {
    return source as CanvasImageSource;
  }
  const own = (source as { canvasElement?: unknown }).canvasElement;
  if (own instanceof HTMLCanvasElement) return own;
  const root = source.shadowRoot ?? source;
  const found = root.querySelector('video') ?? root.querySelector('canvas') ?? root.querySelector('img');
  if (!found) throw new Error(`<${source.localName}> shows no picture (no canvas, video or img)`);
  return found;
}

function sizeOf(image: CanvasImageSource): [number, number] {
  if (image instanceof HTMLVideoElement) return [image.videoWidth, image.videoHeight];
  if (image instanceof HTMLImageElement) return [image.naturalWidth, image.naturalHeight];
  if (typeof VideoFrame === 'function' && image instanceof VideoFrame) return [image.displayWidth, image.displayHeight];
  const { width, height } = image as { width: number | SVGAnimatedLength; height: number | SVGAnimatedLength };
  return [Number(typeof width === 'number' ? width : width.baseVal.value), Number(typeof height === 'number' ? height : height.baseVal.value)];
}

/**
 * The RGBA pixels of a rectangle of a picture at its own size (a video's frame now, a canvas
 * drawn in a worker too). Coordinates are in the picture's pixels, not CSS pixels.
 * @throws Error when the picture has no size yet (wait with {@link waitForFrame}).
 */
export async function readPixels(source: PixelSource, x: number, y: number, width = 1, height = 1): Promise<Uint8ClampedArray> {
  const image = drawableOf(source);
  const [w, h] = sizeOf(image);
  if (!w || !h) throw new Error('the picture has no size yet (no frame): wait for one with waitForFrame()');
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  // A video's frames are opaque, but WebKitGTK now and then draws a live video into a canvas as
  // fully transparent (seen between two frames): such a read is made again on the next animation
  // frames, a few times, before it is returned as it is.
  for (let tries = 0; ; tries++) {
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(image, 0, 0, w, h);
    const data = ctx.getImageData(x, y, width, height).data;
    if (!(image instanceof HTMLVideoElement) || tries >= 10 || data.some((v, i) => i % 4 === 3 && v !== 0)) return data;
    // A page in the background gets no animation frame: a short timer then.
    await new Promise((r) => {
      requestAnimationFrame(r);
      setTimeout(r, 50);
    });
  }
}

/**
 * Resolves once the picture (see {@link readPixels}) has a size and its centre pixel is opaque:
 * a video with a frame, or `<photo-booth>`'s preview canvas once a frame reached it (a canvas
 * drawn in a worker shows it a little after the worker drew it). Looks once per animation frame.
 * @throws Error when it has none within `timeout`.
 */
export function waitForPicture(source: PixelSource, { timeout = 10_000 }: WaitOptions = {}): Promise<void> {
  return within(
    () => 'a picture',
    timeout,
    (done, signal) => {
      const tick = async (): Promise<void> => {
        if (signal.aborted) return;
        try {
          const image = drawableOf(source);
          const [w, h] = sizeOf(image);
          if (w > 1 && h > 1 && (await readPixels(image, Math.floor(w / 2), Math.floor(h / 2)))[3] === 255) return done(undefined);
        } catch {
          /* no picture yet */
        }
        requestAnimationFrame(() => void tick());
      };
      void tick();
    },
  );
}

/** The `[r, g, b, a]` of one pixel (see {@link readPixels}). */
export async function readPixel(source: PixelSource, x: number, y: number): Promise<[number, number, number, number]> {
  const [r, g, b, a] = await readPixels(source, x, y);
  return [r!, g!, b!, a!];
}

/** Whether two colours differ by at most `tolerance` in every channel (default {@link PATTERN_TOLERANCE}). */
export function colorNear(a: ArrayLike<number>, b: ArrayLike<number>, tolerance = PATTERN_TOLERANCE): boolean {
  return [0, 1, 2].every((i) => Math.abs(a[i]! - b[i]!) <= tolerance);
}

/**
 * Which quadrant colour of the `quadrants` Y4M pattern ({@link QUADRANT_COLORS}) the picture
 * shows at the centre of each quarter, or `null` where it is none of them (an effect, a stale
 * frame). A mirrored picture reads `{ topLeft: 'topRight', ... }`.
 */
export async function readQuadrants(source: PixelSource): Promise<Record<Quadrant, Quadrant | null>> {
  const image = drawableOf(source);
  const [w, h] = sizeOf(image);
  const out = {} as Record<Quadrant, Quadrant | null>;
  const names = Object.keys(QUADRANT_COLORS) as Quadrant[];
  for (const q of names) {
    const x = Math.floor(w * (q.endsWith('Left') ? 0.25 : 0.75));
    const y = Math.floor(h * (q.startsWith('top') ? 0.25 : 0.75));
    const px = await readPixels(image, x, y);
    out[q] = names.find((n) => colorNear(px, QUADRANT_COLORS[n] as RGB)) ?? null;
  }
  return out;
}

// ------------------------------------------------------------------ injected faults

/**
 * Whether this engine delivers events dispatched from script on a MediaStreamTrack to
 * `addEventListener` listeners (Firefox ESR does not: only to `on…` handlers). The injected
 * `unplug` and `mute` need it; skip those tests where it is false.
 */
export function canInjectTrackEvents(track: MediaStreamTrack): boolean {
  let delivered = false;
  const probe = (): void => {
    delivered = true;
  };
  track.addEventListener('media-capture-elements-probe', probe);
  track.dispatchEvent(new Event('media-capture-elements-probe'));
  track.removeEventListener('media-capture-elements-probe', probe);
  return delivered;
}

/**
 * (Injected) The device is unplugged: the track stops and fires `ended`, as a browser does when a
 * camera is pulled out (no browser unplugs a fake device on request). See {@link canInjectTrackEvents}.
 */
export function unplug(track: MediaStreamTrack): void {
  track.stop();
  track.dispatchEvent(new Event('ended'));
}

/**
 * (Injected) The device stops or resumes sending: fires `mute` (or `unmute`) on the track, as a
 * browser does for a camera another app took or a covered lens. `track.muted` itself cannot be
 * set from script, so it keeps its value. See {@link canInjectTrackEvents}.
 */
export function mute(track: MediaStreamTrack, muted = true): void {
  track.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
}

/** Options of {@link failNextCamera}. */
export interface FailNextCameraOptions {
  /** The DOMException name, as browsers give it for a device that cannot start; default `NotReadableError`. */
  name?: string;
  /** Its message; default "Could not start video source" (Chromium's). */
  message?: string;
  /** How many requests fail; default 1. */
  times?: number;
}

/**
 * (Injected) The next `getUserMedia` call fails as a camera that cannot start (held by another
 * app, broken): the real call is made, its tracks are stopped at once (the device opened and
 * closed, as for real), and it rejects with a `DOMException` (`NotReadableError`). Returns a
 * function that undoes it early. (Chromium can fail its file camera for real: see the kit's docs.)
 */
export function failNextCamera({ name = 'NotReadableError', message = 'Could not start video source', times = 1 }: FailNextCameraOptions = {}): () => void {
  const md = navigator.mediaDevices;
  const previous = md.getUserMedia;
  let left = times;
  const restore = (): void => {
    if (md.getUserMedia === failing) md.getUserMedia = previous;
  };
  const failing = async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
    if (left <= 0) {
      restore();
      return previous.call(md, constraints);
    }
    left--;
    if (left <= 0) restore();
    const stream = await previous.call(md, constraints);
    stream.getTracks().forEach((t) => t.stop());
    throw new DOMException(message, name);
  };
  md.getUserMedia = failing;
  return restore;
}

/**
 * Sets the page's camera or microphone permission for real, in Chromium launched by
 * `fakeMediaBrowsers()` with `fakeMediaPlugin()` in the runner's plugins (CDP
 * `Browser.setPermission`). Revoking it while live ends the page's capture tracks and fires the
 * PermissionStatus `change` event. Needs `@web/test-runner-commands` (a devDependency of the project).
 * @throws Error in another engine or runner.
 */
export async function setPermission(name: 'camera' | 'microphone', setting: 'granted' | 'denied' | 'prompt'): Promise<void> {
  // A literal specifier: the test runner's module resolution rewrites it (the package build keeps it external).
  const { executeServerCommand } = await import('@web/test-runner-commands');
  await executeServerCommand('media-capture-elements:set-permission', { name, setting });
}
