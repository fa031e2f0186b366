/**
 * A resolution change to the first frame at the new size (issue 22), run with
 * `node bench/run.mjs --parts constraints --synthetic --n 20` (or `--page constraints`):
 * Chromium's two fake cameras; the element and raw alternated call by call (AB, then BA), each on
 * a camera of its own; the re-open after them, on a free camera:
 * - element: the `resolution` list of `<media-track-controls>` set as a user does (`change`),
 *   through the shared controller's `applySettings` (applyConstraints on the same track);
 * - raw: `track.applyConstraints({ width: { exact }, height: { exact } })` on a track of the page's own;
 * - re-open: `track.stop()` + `getUserMedia` at the new size + `srcObject` (what peers do).
 * Each is timed from the call to the arrival (`receiveTime`) of the first frame a `<video>` presents
 * at the new size (`requestVideoFrameCallback` metadata). The sizes alternate between 640x480 and 1280x720.
 * The fake camera sends a frame every 50 ms (20 fps), so the time to the first frame is coarse (one
 * frame more or less is 50 ms): the time from the call to the change taking effect is reported too.
 * Results: `window.__benchResult.tables`, printed by bench/run.mjs.
 */
import { MediaTrackControls } from '../components/media-track-controls/define.js';
import { getMediaStreamController } from '../src/controller.js';
import { idle, log, N, quantile } from './measure.js';

const SIZES = [
  [640, 480],
  [1280, 720],
] as const;

/** A plain <video> in the page, playing `stream`. */
async function videoOf(stream: MediaStream): Promise<HTMLVideoElement> {
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.width = 320;
  document.body.append(v);
  v.srcObject = stream;
  await v.play();
  return v;
}

/** When the first frame `video` presents at `w` × `h` arrived (`performance.now()` clock). */
function frameAt(video: HTMLVideoElement, w: number, h: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let last = '';
    const timer = setTimeout(() => reject(new Error(`no frame at ${w}x${h} in 5 s (last: ${last})`)), 5000);
    const check = (now: number, meta: VideoFrameCallbackMetadata) => {
      last = `${meta.width}x${meta.height}`;
      if (meta.width === w && meta.height === h) {
        clearTimeout(timer);
        // When the renderer received the frame (Chromium gives it for camera frames): the time of
        // the callback itself is rounded to the display's frames (16.7 ms at 60 Hz).
        resolve(meta.receiveTime ?? now);
      } else video.requestVideoFrameCallback(check);
    };
    video.requestVideoFrameCallback(check);
  });
}

/** Time from the call to the change taking effect (element: media-settings-change; raw: applyConstraints resolved), warm-up included. */
const calls: Record<'element' | 'controller' | 'raw', number[]> = { element: [], controller: [], raw: [] };

/** The three ways, each a function of the target size returning its ms. */
async function setup() {
  // The element, on a shared controller of its own.
  const name = 'bench-constraints';
  const controller = getMediaStreamController(name);
  controller.rememberDevices = false;
  // `--sizes swap` (the page's sizes=swap): the element on the second fake camera and raw on the
  // first, to tell the cameras' own timing from the element's.
  if (new URLSearchParams(location.search).get('sizes') === 'swap') {
    const cams = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (cams[1]) await controller.setOptions({ video: { deviceId: cams[1].deviceId } });
  }
  const el = new MediaTrackControls();
  el.streamName = name;
  el.properties = 'resolution';
  el.autostart = true;
  document.body.append(el);
  log('opening the camera');
  await controller.whenSettled();
  while (controller.state !== 'live') await idle(20);
  log('element live');
  await controller.applySettings('video', { width: 640, height: 480 });
  const elVideo = await videoOf(controller.stream!);

  // Raw: a track of the page's own, on the other fake camera (two tracks of one device share its
  // source, whose size the first one fixes: Chromium's crop-and-scale does not scale up).
  const other = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'videoinput' && d.deviceId !== controller.videoTrack!.getSettings().deviceId);
  if (!other) throw new Error('two cameras needed: run with --synthetic (Chromium fake device-count=2)');
  // Opened as the controller opens its camera (no size asked), then set to 640x480 in place.
  const raw = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: other.deviceId } } });
  await raw.getVideoTracks()[0].applyConstraints({ width: { exact: 640 }, height: { exact: 480 } });
  // Shown as the controller shows its track: in a MediaStream of its own (`--sizes wrapped`).
  const wrapped = new URLSearchParams(location.search).get("sizes") === "wrapped";
  const rawVideo = await videoOf(wrapped ? new MediaStream(raw.getVideoTracks()) : raw);
  log('raw live');

  // Re-open: stop and getUserMedia again (measured after the others let their cameras go).
  let reopenStream: MediaStream | null = null;
  const reopenVideo = document.createElement('video');
  reopenVideo.muted = true;
  reopenVideo.width = 320;
  document.body.append(reopenVideo);
  await el.updateComplete;
  const element = async (w: number, h: number): Promise<number> => {
    await el.updateComplete;
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="resolution"]')!;
    const frame = frameAt(elVideo, w, h);
    const applied = new Promise<number>((resolve) => el.addEventListener('media-settings-change', () => resolve(performance.now()), { once: true }));
    const t0 = performance.now();
    select.value = `${w}x${h}`;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    calls.element.push((await applied) - t0);
    return (await frame) - t0;
  };
  /** The controller alone (what the element calls), on the element's track: the call time only. */
  const controllerChange = async (w: number, h: number): Promise<number> => {
    const frame = frameAt(elVideo, w, h);
    const t0 = performance.now();
    await controller.applySettings('video', { width: w, height: h });
    calls.controller.push(performance.now() - t0);
    return (await frame) - t0;
  };
  const rawChange = async (w: number, h: number): Promise<number> => {
    const frame = frameAt(rawVideo, w, h);
    const t0 = performance.now();
    await raw.getVideoTracks()[0].applyConstraints({ width: { exact: w }, height: { exact: h } });
    calls.raw.push(performance.now() - t0);
    return (await frame) - t0;
  };
  const reopen = async (w: number, h: number): Promise<number> => {
    reopenStream ??= await navigator.mediaDevices.getUserMedia({ video: { width: { exact: 640 }, height: { exact: 480 } } });
    const t0 = performance.now();
    reopenStream.getTracks().forEach((t) => t.stop());
    reopenStream = await navigator.mediaDevices.getUserMedia({ video: { width: { exact: w }, height: { exact: h } } });
    const frame = frameAt(reopenVideo, w, h);
    reopenVideo.srcObject = reopenStream;
    await reopenVideo.play();
    return (await frame) - t0;
  };
  /** The element's and the raw camera go (before the re-open block). */
  const release = async () => {
    el.remove();
    controller.stop();
    raw.getTracks().forEach((t) => t.stop());
    await idle(300);
  };
  const cleanup = () => reopenStream?.getTracks().forEach((t) => t.stop());
  const sameTrack = () => controller.videoTrack;
  return { element, controllerChange, rawChange, reopen, release, cleanup, sameTrack };
}

async function main(): Promise<void> {
  const ways = await setup();
  const track = ways.sameTrack();
  const samples: Record<'element' | 'controller' | 'raw' | 'reopen', number[]> = { element: [], controller: [], raw: [], reopen: [] };
  const pairRatios: number[] = [];
  for (let i = 0; i < N + 1; i++) {
    const [w, h] = SIZES[(i + 1) % 2];
    const order = i % 2 ? (['raw', 'element'] as const) : (['element', 'raw'] as const);
    const got: Partial<Record<'element' | 'raw', number>> = {};
    for (const way of order) {
      got[way] = await (way === 'element' ? ways.element(w, h) : ways.rawChange(w, h));
      await idle(50);
    }
    // The controller alone, there and back (the element's list then shows the size in force again).
    const [bw, bh] = SIZES[i % 2];
    await ways.controllerChange(bw, bh);
    const viaController = await ways.controllerChange(w, h);
    if (i === 0) continue; // warm-up
    samples.controller.push(viaController);
    samples.element.push(got.element!);
    samples.raw.push(got.raw!);
    pairRatios.push(got.element! / got.raw!);
    log(`${i}: ${w}x${h} element ${got.element!.toFixed(1)} raw ${got.raw!.toFixed(1)} ms`);
  }
  const same = ways.sameTrack() === track;
  await ways.release();
  for (let i = 0; i < N + 1; i++) {
    const [w, h] = SIZES[(i + 1) % 2];
    const ms = await ways.reopen(w, h);
    await idle(50);
    if (i === 0) continue;
    samples.reopen.push(ms);
    log(`${i}: ${w}x${h} re-open ${ms.toFixed(1)} ms`);
  }
  ways.cleanup();
  const med = (k: keyof typeof samples) => quantile(samples[k], 0.5);
  const row = (method: string, k: keyof typeof samples) => ({
    method,
    n: samples[k].length,
    'median ms': +med(k).toFixed(1),
    'p90 ms': +quantile(samples[k], 0.9).toFixed(1),
    'x raw (medians)': +(med(k) / med('raw')).toFixed(2),
  });
  (window as unknown as { __benchResult: unknown }).__benchResult = {
    env: `${navigator.userAgent}; ${navigator.hardwareConcurrency} cores; ${new Date().toISOString()}; element kept the same track: ${same}`,
    tables: [
      {
        title: 'Resolution change (640x480 <-> 1280x720) to the first frame at the new size, element and raw alternated AB/BA, re-open after them; target: element <= 1.1x raw',
        rows: [row('<media-track-controls> (applySettings)', 'element'), row('controller.applySettings (same track, no element)', 'controller'), row('raw applyConstraints', 'raw'), row('re-open (stop + getUserMedia)', 'reopen')],
      },
      {
        title: 'Call to the change taking effect (element: media-settings-change; controller: applySettings resolved; raw: applyConstraints resolved), warm-up left out',
        rows: (['element', 'controller', 'raw'] as const).map((k) => ({
          method: k,
          n: calls[k].length - (k === 'controller' ? 2 : 1),
          'median ms': +quantile(calls[k].slice(k === 'controller' ? 2 : 1), 0.5).toFixed(2),
          'p90 ms': +quantile(calls[k].slice(k === 'controller' ? 2 : 1), 0.9).toFixed(2),
          'x raw (medians)': +(quantile(calls[k].slice(k === 'controller' ? 2 : 1), 0.5) / quantile(calls.raw.slice(1), 0.5)).toFixed(2),
        })),
      },
      {
        title: 'Element / raw, per alternated pair',
        rows: [{ pairs: pairRatios.length, 'median ratio': +quantile(pairRatios, 0.5).toFixed(2), 'p90 ratio': +quantile(pairRatios, 0.9).toFixed(2) }],
      },
    ],
  };
}

main().catch((e: unknown) => {
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String((e as Error)?.stack ?? e) };
});
