/**
 * Time to picture and time to switch (issue 19), run with
 * `node bench/run.mjs --page picture --synthetic --n 12` (Chromium's two fake cameras).
 * Each measure alternates the kit with its raw floor call by call (ABAB), on the same page:
 * - start: `start()` on a `<media-preview>` in the page, to its video's first presented frame
 *   (`requestVideoFrameCallback`), against `getUserMedia` + `video.play()` + the first frame;
 * - insert: a `<media-preview autostart>` put into the page, to its first frame, against the same floor;
 * - switch: the picker's `value` set to the other camera, to the first frame of the new camera in
 *   the preview, against `stop()` + `getUserMedia` of the other camera + its first frame.
 * - the same two for react-webcam 7 (rendered with React 19): a `<Webcam>` rendered, and its
 *   `videoConstraints` changed to the other camera's id (it stops its stream and opens a new one).
 * Each sample ends every track and waits for the device to close before the next one.
 * Results: `window.__benchResult.tables`, printed by bench/run.mjs.
 */
import { MediaDevicePicker } from '../components/media-device-picker/define.js';
import { MediaPreview } from '../components/media-preview/define.js';
import type React from 'react';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import Webcam from 'react-webcam';
import { deleteMediaStreamController, getMediaStreamController } from '../src/controller.js';
import { idle, log, N, quantile } from './measure.js';

/** The next frame `video` presents, as `performance.now()` of its callback. */
const presented = (video: HTMLVideoElement): Promise<number> => new Promise((resolve) => video.requestVideoFrameCallback(() => resolve(performance.now())));

const TRACE = new URLSearchParams(location.search).has('trace');
let serial = 0;
const streamName = (): string => `bench-picture-${++serial}`;

/** A plain <video> in the page. */
function plainVideo(): HTMLVideoElement {
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.width = 320;
  document.body.append(v);
  return v;
}

/** The floor: getUserMedia, play, first presented frame. */
async function rawStart(deviceId?: string): Promise<{ ms: number; stream: MediaStream; video: HTMLVideoElement }> {
  const video = plainVideo();
  const t0 = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true });
  video.srcObject = stream;
  const frame = presented(video);
  await video.play();
  const ms = (await frame) - t0;
  return { ms, stream, video };
}

async function endRaw(r: { stream: MediaStream; video: HTMLVideoElement }): Promise<void> {
  r.stream.getTracks().forEach((t) => t.stop());
  r.video.srcObject = null;
  r.video.remove();
  await idle(300); // the fake device closes
}

/** A preview in the page (not started), on its own stream. */
async function preview(autostart = false): Promise<{ el: MediaPreview; name: string }> {
  const name = streamName();
  getMediaStreamController(name).releaseDelay = 0;
  const el = new MediaPreview();
  el.streamName = name;
  el.style.inlineSize = '320px';
  if (autostart) el.autostart = true;
  return { el, name };
}

async function endPreview(p: { el: HTMLElement; name: string }, extra?: HTMLElement): Promise<void> {
  (p.el as MediaPreview).stop();
  p.el.remove();
  extra?.remove();
  await idle(0);
  deleteMediaStreamController(p.name);
  await idle(300);
}

/** start() on a preview already in the page, to its first presented frame. */
async function elementStart(): Promise<number> {
  const p = await preview();
  document.body.append(p.el);
  await p.el.updateComplete;
  const video = p.el.videoElement!;
  const c = getMediaStreamController(p.name);
  const t0 = performance.now();
  const marks: string[] = [];
  if (TRACE) {
    c.addEventListener('media-state-change', () => marks.push(`state ${c.state} ${(performance.now() - t0).toFixed(1)}`));
    new MutationObserver(() => marks.push(`srcObject? ${!!video.srcObject} ${(performance.now() - t0).toFixed(1)}`)).observe(p.el.shadowRoot!, { subtree: true, attributes: true });
    video.addEventListener('loadedmetadata', () => marks.push(`loadedmetadata ${(performance.now() - t0).toFixed(1)}`));
    video.addEventListener('playing', () => marks.push(`playing ${(performance.now() - t0).toFixed(1)}`));
  }
  const frame = presented(video);
  await p.el.start();
  if (TRACE) marks.push(`start() resolved ${(performance.now() - t0).toFixed(1)}`);
  const ms = (await frame) - t0;
  if (TRACE) log(`${marks.join(' | ')} | frame ${ms.toFixed(1)}`);
  await endPreview(p);
  return ms;
}

/** A <media-preview autostart> put into the page, to its first presented frame. */
async function elementInsert(): Promise<number> {
  const p = await preview(true);
  const c = getMediaStreamController(p.name);
  const marks: string[] = [];
  const t0 = performance.now();
  if (TRACE) {
    c.addEventListener('media-state-change', () => marks.push(`state ${c.state} ${(performance.now() - t0).toFixed(1)}`));
    c.addEventListener('media-devices-change', () => marks.push(`devices ${(performance.now() - t0).toFixed(1)}`));
    c.addEventListener('media-permission-change', () => marks.push(`permission ${(performance.now() - t0).toFixed(1)}`));
  }
  document.body.append(p.el);
  await p.el.updateComplete; // the first render makes the <video>
  if (TRACE) marks.push(`rendered ${(performance.now() - t0).toFixed(1)}`);
  const video = p.el.videoElement!;
  if (TRACE) video.addEventListener('loadedmetadata', () => marks.push(`loadedmetadata ${(performance.now() - t0).toFixed(1)}`));
  const ms = (await presented(video)) - t0;
  if (TRACE) log(`insert: ${marks.join(' | ')} | frame ${ms.toFixed(1)}`);
  await endPreview(p);
  return ms;
}

/** The two cameras' ids. */
async function cameras(): Promise<[string, string]> {
  const s = await navigator.mediaDevices.getUserMedia({ video: true });
  s.getTracks().forEach((t) => t.stop());
  const ids = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').map((d) => d.deviceId);
  if (ids.length < 2) throw new Error(`the switch needs two cameras (run with --synthetic); found ${ids.length}`);
  await idle(300);
  return [ids[0]!, ids[1]!];
}

/** The floor of a switch: stop the camera, open the other, its first frame. */
async function rawSwitch(from: string, to: string): Promise<number> {
  const first = await rawStart(from);
  await idle(200);
  const t0 = performance.now();
  first.stream.getTracks().forEach((t) => t.stop());
  const stream = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: to } } });
  first.video.srcObject = stream;
  const ms = (await presented(first.video)) - t0;
  await endRaw({ stream, video: first.video });
  return ms;
}

/** The picker's value set to the other camera, to the first frame of that camera in the preview. */
async function elementSwitch(from: string, to: string): Promise<number> {
  const p = await preview();
  const c = getMediaStreamController(p.name);
  await c.selectDevice('videoinput', from, { remember: false });
  const picker = new MediaDevicePicker();
  picker.streamName = p.name;
  document.body.append(picker, p.el);
  await p.el.start();
  await presented(p.el.videoElement!);
  await idle(200);
  const old = c.videoTrack!;
  // The old camera's track leaves the stream once the new one is in: the next frame is the new camera's.
  const gone = new Promise<void>((resolve) =>
    c.addEventListener('media-track-change', function on(e) {
      if (e.detail.change === 'remove' && e.detail.track === old) {
        c.removeEventListener('media-track-change', on);
        resolve();
      }
    }),
  );
  const t0 = performance.now();
  picker.value = to;
  await gone;
  const ms = (await presented(p.el.videoElement!)) - t0;
  if (c.videoTrack?.getSettings().deviceId !== to) throw new Error('the preview did not switch to the other camera');
  await endPreview(p, picker);
  return ms;
}

/** A react-webcam `<Webcam>` rendered into the page with `videoConstraints`. */
function renderWebcam(root: Root, videoConstraints: MediaTrackConstraints, onUserMedia: () => void): void {
  root.render(
    // react-webcam's own typings declare defaultProps loosely; the props here are the documented ones.
    createElement(Webcam as unknown as React.ComponentClass<Record<string, unknown>>, { audio: false, muted: true, videoConstraints, onUserMedia }),
  );
}

/** The video of a react-webcam once it exists (React renders it in a later task). */
async function webcamVideo(host: HTMLElement): Promise<HTMLVideoElement> {
  for (;;) {
    const v = host.querySelector('video');
    if (v) return v;
    await new Promise((r) => setTimeout(r, 0));
  }
}

async function endWebcam(root: Root, host: HTMLElement): Promise<void> {
  root.unmount(); // react-webcam stops its tracks when it unmounts
  host.remove();
  await idle(300);
}

/** react-webcam rendered, to its video's first presented frame. */
async function webcamStart(): Promise<number> {
  const host = document.createElement('div');
  host.style.inlineSize = '320px';
  document.body.append(host);
  const root = createRoot(host);
  const t0 = performance.now();
  renderWebcam(root, {}, () => {});
  const ms = (await presented(await webcamVideo(host))) - t0;
  await endWebcam(root, host);
  return ms;
}

/** react-webcam's videoConstraints changed to the other camera, to the first frame of the new stream. */
async function webcamSwitch(from: string, to: string): Promise<number> {
  const host = document.createElement('div');
  host.style.inlineSize = '320px';
  document.body.append(host);
  const root = createRoot(host);
  await new Promise<void>((resolve) => renderWebcam(root, { deviceId: { exact: from } }, resolve));
  const video = await webcamVideo(host);
  await presented(video);
  await idle(200);
  const t0 = performance.now();
  // It opens the new stream and sets it as the video's srcObject when getUserMedia resolves.
  const opened = new Promise<void>((resolve) => renderWebcam(root, { deviceId: { exact: to } }, resolve));
  await opened;
  const ms = (await presented(video)) - t0;
  const track = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
  if (track?.getSettings().deviceId !== to) throw new Error('react-webcam did not switch to the other camera');
  await endWebcam(root, host);
  return ms;
}

interface Row {
  measure: string;
  pairs: number;
  'kit median ms': number;
  'raw median ms': number;
  'x raw (medians)': number;
  'x raw (median of pairs)': number;
  'kit p90 ms': number;
  target: string;
}

async function pairs(label: string, target: string, kit: (i: number) => Promise<number>, raw: (i: number) => Promise<number>): Promise<Row> {
  const k: number[] = [];
  const r: number[] = [];
  const ratio: number[] = [];
  await kit(-1); // warm-up of both (module code, device first open)
  await raw(-1);
  for (let i = 0; i < N; i++) {
    // ABBA: neither goes first every time.
    const [a, b] = i % 2 === 0 ? [await kit(i), await raw(i)] : (([y, x]) => [x, y])([await raw(i), await kit(i)]);
    k.push(a);
    r.push(b);
    ratio.push(a / b);
  }
  const row: Row = {
    measure: label,
    pairs: N,
    'kit median ms': +quantile(k, 0.5).toFixed(1),
    'raw median ms': +quantile(r, 0.5).toFixed(1),
    'x raw (medians)': +(quantile(k, 0.5) / quantile(r, 0.5)).toFixed(2),
    'x raw (median of pairs)': +quantile(ratio, 0.5).toFixed(2),
    'kit p90 ms': +quantile(k, 0.9).toFixed(1),
    target,
  };
  log(JSON.stringify(row));
  return row;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  rows.push(await pairs('start() to first frame', '<= 1.1x', () => elementStart(), async () => {
    const r = await rawStart();
    await endRaw(r);
    return r.ms;
  }));
  rows.push(await pairs('<media-preview autostart> inserted to first frame', '<= 1.1x', () => elementInsert(), async () => {
    const r = await rawStart();
    await endRaw(r);
    return r.ms;
  }));
  rows.push(await pairs('react-webcam rendered to first frame', '(peer)', () => webcamStart(), async () => {
    const r = await rawStart();
    await endRaw(r);
    return r.ms;
  }));
  const [a, b] = await cameras();
  rows.push(await pairs('camera switch to first new frame (picker value)', '<= 1.2x', (i) => (i % 2 ? elementSwitch(b, a) : elementSwitch(a, b)), (i) => (i % 2 ? rawSwitch(b, a) : rawSwitch(a, b))));
  rows.push(await pairs('react-webcam switch (videoConstraints) to first new frame', '(peer)', (i) => (i % 2 ? webcamSwitch(b, a) : webcamSwitch(a, b)), (i) => (i % 2 ? rawSwitch(b, a) : rawSwitch(a, b))));
  (window as unknown as { __benchResult: unknown }).__benchResult = {
    env: `${navigator.userAgent}; ${navigator.hardwareConcurrency} cores; ${new Date().toISOString()}`,
    tables: [{ title: 'Time to picture and to switch (kit vs raw, alternated; x raw < 1 is faster than raw)', rows }],
  };
}

main().catch((e: unknown) => {
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String((e as Error)?.stack ?? e) };
});
