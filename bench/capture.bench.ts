/**
 * Capture benchmark (run with `node bench/run.mjs`, which opens this page in Chromium with a fake
 * camera). For 720p, 1080p and 4K it measures, per method, the latency from the call to the
 * encoded image (median, p90) and the longest main-thread block while it ran (a MessageChannel
 * heartbeat: the largest gap between two heartbeat tasks, which on a small machine also counts
 * the time the main thread waits for a CPU core) and, when bench/run.mjs traces the page, the
 * longest task the renderer's main thread ran during each call; then live-effect frame rates; then
 * the effect step alone with 2D, WebGL2 and WebGPU (`gpu-step.ts`).
 *
 * Query parameters: `n` (iterations per method, default 12), `sizes` (e.g. `720,1080`), `parts`
 * (the tables to make, default `latency,fps,steps`; `noise` alone: only the calls beside idle
 * and busy windows, which `latency` also makes).
 * Results are put on `window.__benchResult` and logged.
 */
import { CapturePhoto } from '@georapbox/capture-photo-element';
import CameraPhoto from 'jslib-html5-camera-photo';
import type React from 'react';
import { createElement, createRef } from 'react';
import { createRoot } from 'react-dom/client';
import Webcam from 'react-webcam';
import { CapturePipeline, webgl2Support, type CapturePipelineOptions, type EffectName } from '../src/capture/index.js';
import { effectSteps, type StepRow } from './gpu-step.js';
import { Row, PairedRow, VersusIdleRow, FpsRow, params, N, PARTS, SIZES, log, heartbeat, quantile, nextFrame, idle, toBlob, Measured, measure, paired, versusIdle } from './measure.js';
/** The 2 ms target against the machine's noise: the pipeline's calls beside idle and busy windows. */
async function noiseRows(label: string, video: HTMLVideoElement, pipeline: CapturePipeline, windows: number): Promise<VersusIdleRow[]> {
  const rows: VersusIdleRow[] = [];
  for (const [method, op] of [
    ['pipeline, no effect', () => pipeline.capturePhoto()],
    ['pipeline, sepia (auto path)', () => pipeline.capturePhoto({ effect: 'sepia' })],
  ] as const) {
    const row = await versusIdle(label, method, video, op, windows);
    if (row) rows.push(row);
  }
  return rows;
}

/** `parts=noise` alone: only {@link noiseRows}, at each size (a quick way to repeat them). */
async function noiseOnly(label: string, width: number, height: number, idleRows: VersusIdleRow[]): Promise<void> {
  const { stream, video } = await openCamera(label, width, height);
  const pipeline = new CapturePipeline({});
  pipeline.attach(video);
  idleRows.push(...(await noiseRows(label, video, pipeline, 4 * N)));
  pipeline.dispose();
  // As in <photo-booth>, which always shows its preview: photos while the live preview runs (the
  // idle and busy windows then have the preview too), drawn in the worker and on the main thread.
  // By default a photo holds the preview still while it is encoded (`holdPreview`); the rows with
  // `holdPreview: false` draw every camera frame during the photo too.
  for (const [where, liveWorker, holdPreview] of [
    ['in the worker', true, true],
    ['in the worker, not held', true, false],
    ['on the main thread', false, true],
    ['on the main thread, not held', false, false],
  ] as const) {
    const p = await showLive(video, { liveWorker, holdPreview, mirror: true });
    await idle(1000);
    const row = await versusIdle(label, `no effect, preview ${where} (${p.liveThread})`, video, () => p.capturePhoto(), 4 * N);
    if (row) idleRows.push(row);
    dropLive(p);
  }
  stream.getTracks().forEach((t) => t.stop());
  video.remove();
}

interface TrackInfo {
  size: string;
  width: number;
  height: number;
  frameRate: number;
  resizeMode: string;
  /** Coded size of the track's VideoFrames (larger than the settings when Chromium only relabels). */
  coded: string;
}
const tracks: TrackInfo[] = [];

/** Set by bench/run.mjs: points the file camera at the y4m of a size (call with no track open). */
const benchCamera = (window as unknown as { benchCamera?: (size: string) => Promise<unknown> }).benchCamera;

async function openCamera(label: string, width: number, height: number): Promise<{ stream: MediaStream; video: HTMLVideoElement }> {
  await benchCamera?.(String(height === 2160 ? 2160 : height));
  const stream = await navigator.mediaDevices.getUserMedia({
    video: {
      width: { exact: width },
      height: { exact: height },
      frameRate: { ideal: 30 },
      resizeMode: 'crop-and-scale',
    } as MediaTrackConstraints,
  });
  const settings = stream.getVideoTracks()[0]!.getSettings() as MediaTrackSettings & { resizeMode?: string };
  if (settings.width !== width || settings.height !== height) {
    stream.getTracks().forEach((t) => t.stop());
    throw new Error(`${label}: asked for ${width}x${height}, the track gives ${settings.width}x${settings.height}`);
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  video.style.width = '320px';
  document.body.append(video);
  await video.play();
  await nextFrame(video);
  if (video.videoWidth !== width || video.videoHeight !== height) {
    throw new Error(`${label}: the video plays ${video.videoWidth}x${video.videoHeight}, expected ${width}x${height}`);
  }
  if (!tracks.some((t) => t.size === label)) {
    const frame = new VideoFrame(video);
    const coded = `${frame.codedWidth}x${frame.codedHeight} ${frame.format}`;
    frame.close();
    tracks.push({ size: label, width, height, frameRate: settings.frameRate ?? NaN, resizeMode: settings.resizeMode ?? '?', coded });
    log(`camera ${label}: ${settings.width}x${settings.height} @ ${settings.frameRate} fps, resizeMode ${settings.resizeMode}, VideoFrame coded ${coded}`);
  }
  return { stream, video };
}

async function captureLatency(label: string, width: number, height: number, pairedRows: PairedRow[], idleRows: VersusIdleRow[]): Promise<Row[]> {
  const { stream, video } = await openCamera(label, width, height);
  const rows: Row[] = [];
  const add = (method: string, r: Measured, floor: number): void => {
    rows.push({ size: label, method, ...r, ratio: r.median / floor });
    log(`${label} ${method.padEnd(34)} median ${r.median.toFixed(1)} ms  p90 ${r.p90.toFixed(1)} ms  block typ ${r.typicalBlock.toFixed(1)} / max ${r.maxBlock.toFixed(1)} ms  task typ ${r.taskTyp.toFixed(1)} / max ${r.taskMax.toFixed(1)} ms (w/o telemetry ${r.taskMaxPage.toFixed(1)}, running script ${r.taskMaxScript.toFixed(1)}, CPU ${r.taskMaxCpu.toFixed(1)})  x${(r.median / floor).toFixed(2)}  ${Math.round(r.bytes / 1024)} KB`);
  };

  // Floor: encode an already drawn canvas.
  const drawn = document.createElement('canvas');
  drawn.width = width;
  drawn.height = height;
  drawn.getContext('2d')!.drawImage(video, 0, 0);
  const floorOp = (): Promise<Blob> => toBlob(drawn);
  const floor = await measure(video, floorOp);
  // Noise of the block and task measurements: nothing but the playing camera, for as long as the floor takes.
  const idleMs = Math.round(floor.median);
  const baseline = await measure(video, () => idle(idleMs));
  rows.push({ size: label, method: `baseline: idle ${idleMs} ms (noise)`, ...baseline, ratio: NaN });
  add('floor: toBlob of a drawn canvas', floor, floor.median);

  const plain = document.createElement('canvas');
  plain.width = width;
  plain.height = height;
  const pctx = plain.getContext('2d')!;
  add('2D drawImage + toBlob', await measure(video, async () => {
    pctx.drawImage(video, 0, 0, width, height);
    return toBlob(plain);
  }), floor.median);

  add('2D drawImage + toDataURL', await measure(video, async () => {
    pctx.drawImage(video, 0, 0, width, height);
    const url = plain.toDataURL('image/jpeg', 0.92);
    const bin = atob(url.slice(url.indexOf(',') + 1));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: 'image/jpeg' });
  }), floor.median);

  // The peers' own packages, each with its own way to take a photo (see the README).
  const peerOps = await peers(video, width, height);
  let fastestPeer = peerOps[0]!;
  let fastestMedian = Infinity;
  for (const peer of peerOps) {
    const r = await measure(video, peer.op);
    add(peer.method, r, floor.median);
    if (r.median < fastestMedian) [fastestPeer, fastestMedian] = [peer, r.median];
  }

  // First capture of a new pipeline, 300 ms after it was created and attached (a user's click).
  // Eight pipelines: one capture each is as noisy as any single capture (see the warm p90).
  const firsts: number[] = [];
  for (let i = 0; i < 8; i++) {
    const fresh = new CapturePipeline({});
    fresh.attach(video);
    await idle(300);
    await nextFrame(video);
    const t0 = performance.now();
    await fresh.capturePhoto();
    firsts.push(performance.now() - t0);
    fresh.dispose();
  }
  const first = quantile(firsts, 0.5);
  rows.push({ size: label, method: 'pipeline, first capture (new pipeline)', median: first, p90: quantile(firsts, 0.9), maxBlock: NaN, typicalBlock: NaN, bytes: 0, taskTyp: NaN, taskMax: NaN, taskMaxPage: NaN, taskMaxScript: NaN, taskMaxCpu: NaN, ratio: first / floor.median });
  log(`${label} pipeline, first capture: median of ${firsts.length} ${first.toFixed(1)} ms (${firsts.map((t) => t.toFixed(0)).join(', ')})`);

  const pipeline = new CapturePipeline({});
  pipeline.attach(video);
  const variants: Array<[string, () => Promise<File>]> = [
    ['pipeline, no effect', () => pipeline.capturePhoto()],
    ['pipeline, sepia (auto path)', () => pipeline.capturePhoto({ effect: 'sepia' })],
    ['pipeline, vintage (auto path)', () => pipeline.capturePhoto({ effect: 'vintage' })],
    ['pipeline, sepia (forced webgl2)', () => pipeline.capturePhoto({ effect: 'sepia', renderer: 'webgl2' })],
    ['pipeline, no effect, main thread', () => pipeline.capturePhoto({ worker: false })],
  ];
  for (const [name, op] of variants) {
    const r = await measure(video, op);
    add(`${name} [${pipeline.lastCapture?.renderer}/${pipeline.lastCapture?.encoder}]`, r, floor.median);
  }
  // The same calls again, each alternated with the floor (twice as many pairs as calls above).
  const pairs = 2 * N;
  pairedRows.push(await paired(label, 'pipeline, no effect', video, floorOp, () => pipeline.capturePhoto(), pairs));
  pairedRows.push(await paired(label, 'pipeline, sepia (auto path)', video, floorOp, () => pipeline.capturePhoto({ effect: 'sepia' }), pairs));
  // The peer that was fastest in its own pass above.
  pairedRows.push(await paired(label, fastestPeer.method, video, floorOp, fastestPeer.op, pairs));
  idleRows.push(...(await noiseRows(label, video, pipeline, 2 * pairs)));
  pipeline.dispose();
  for (const c of cleanups.splice(0)) c();
  stream.getTracks().forEach((t) => t.stop());
  video.remove();
  return rows;
}

interface Peer {
  method: string;
  op: () => Promise<unknown>;
}
const cleanups: Array<() => void> = [];

/**
 * The peer packages, installed from npm and called through their own APIs:
 * - react-webcam: a `<Webcam>` rendered with React 19 (its own getUserMedia), `getScreenshot()`
 *   at the source size as JPEG 0.92 (a data: URL; it draws the video on a canvas and calls toDataURL);
 * - jslib-html5-camera-photo: `new CameraPhoto(video).getDataUri({ imageType: 'jpg' })` on our
 *   video (drawImage + toDataURL, JPEG 0.92);
 * - @georapbox/capture-photo-element: a `<capture-photo>` with its own camera at the size,
 *   `capture()` until its `capture-photo:success` event (drawImage + toDataURL as PNG, its only format).
 */
async function peers(video: HTMLVideoElement, width: number, height: number): Promise<Peer[]> {
  for (const c of cleanups.splice(0)) c();
  const out: Peer[] = [];

  const host = document.createElement('div');
  host.style.cssText = 'width:320px;height:180px;overflow:hidden';
  document.body.append(host);
  const root = createRoot(host);
  const webcam = createRef<Webcam>();
  await new Promise<void>((resolve, reject) => {
    root.render(
      // react-webcam's own typings declare defaultProps loosely; the props here are the documented ones.
      createElement(Webcam as unknown as React.ComponentClass<Record<string, unknown>>, {
        ref: webcam,
        audio: false,
        muted: true,
        videoConstraints: { width: { exact: width }, height: { exact: height } },
        forceScreenshotSourceSize: true,
        screenshotFormat: 'image/jpeg',
        screenshotQuality: 0.92,
        onUserMedia: () => resolve(),
        onUserMediaError: (e: unknown) => reject(new Error(`react-webcam: ${String(e)}`)),
      }),
    );
  });
  cleanups.push(() => {
    root.unmount();
    host.remove();
  });
  const webcamVideo = host.querySelector('video')!;
  await webcamVideo.play().catch(() => undefined);
  await nextFrame(webcamVideo);
  out.push({ method: 'react-webcam getScreenshot() (JPEG)', op: async () => webcam.current!.getScreenshot() });

  // A CommonJS module with `__esModule`: the class is on `.default` after the interop wrapper.
  const CameraPhotoClass = ((CameraPhoto as unknown as { default?: typeof CameraPhoto }).default ?? CameraPhoto) as typeof CameraPhoto;
  const cameraPhoto = new CameraPhotoClass(video);
  out.push({
    method: 'jslib-html5-camera-photo getDataUri() (JPEG)',
    op: async () => cameraPhoto.getDataUri({ sizeFactor: 1, imageType: 'jpg', imageCompression: 0.92, isImageMirror: false }),
  });

  CapturePhoto.defineCustomElement();
  const el = document.createElement('capture-photo') as CapturePhoto;
  el.setAttribute('camera-resolution', `${width}x${height}`);
  el.setAttribute('no-image', '');
  el.setAttribute('auto-play', '');
  el.style.cssText = 'display:block;width:320px';
  const playing = new Promise((resolve) => el.addEventListener('capture-photo:video-play', resolve, { once: true }));
  document.body.append(el);
  await playing;
  const elVideo = el.shadowRoot!.querySelector('video')!;
  await nextFrame(elVideo);
  if (elVideo.videoWidth !== width) throw new Error(`capture-photo plays ${elVideo.videoWidth}x${elVideo.videoHeight}, expected ${width}x${height}`);
  cleanups.push(() => el.remove());
  out.push({
    method: '@georapbox/capture-photo-element capture() (PNG)',
    op: () =>
      new Promise((resolve) => {
        el.addEventListener('capture-photo:success', (e) => resolve((e as CustomEvent<{ dataURI: string }>).detail.dataURI), { once: true });
        void el.capture();
      }),
  });
  return out;
}

/** Starts one live case; returns its frame counter and how to stop it. */
type LiveCase = { frames: () => number; stop: () => void };

/** A pipeline running its live preview, its canvas shown (320 px wide) as a page would, once it is drawn where it will be. */
async function showLive(video: HTMLVideoElement, options: CapturePipelineOptions): Promise<CapturePipeline> {
  const p = new CapturePipeline(options);
  p.canvas.style.width = '320px';
  document.body.append(p.canvas);
  p.attach(video);
  p.start();
  const t0 = performance.now();
  while (p.liveThread === 'pending' && performance.now() - t0 < 5000) await idle(20);
  return p;
}

/** Ends a pipeline from {@link showLive}. */
function dropLive(p: CapturePipeline): void {
  p.dispose();
  p.canvas.remove();
}

/** The pipeline's live preview, shown. */
async function pipelineCase(video: HTMLVideoElement, renderer: 'webgl2' | '2d', effect: EffectName, liveWorker: boolean): Promise<LiveCase> {
  const p = await showLive(video, { renderer, effect, mirror: true, liveWorker });
  if (renderer === '2d' && liveWorker && p.liveThread !== 'worker') log(`the live worker is not used here (${p.liveThread})`);
  return {
    frames: () => p.frameCount,
    stop: () => dropLive(p),
  };
}

async function liveFps(label: string, width: number, height: number): Promise<FpsRow[]> {
  const { stream, video } = await openCamera(label, width, height);
  const rows: FpsRow[] = [];
  const cases: Array<[string, EffectName, () => Promise<LiveCase>]> = [
    ['none (the page only plays the video)', 'none', () => Promise.resolve({ frames: () => 0, stop: () => undefined })],
  ];
  for (const [label, renderer, worker] of [
    ['webgl2', 'webgl2', false],
    ['2d, main thread', '2d', false],
    ['2d, worker', '2d', true],
  ] as const) {
    for (const effect of ['none', 'sepia', 'vintage'] as const) cases.push([label, effect, () => pipelineCase(video, renderer, effect, worker)]);
  }
  for (const [renderer, effect, make] of cases) {
    const live = await make();
    await idle(500);
    let cameraFrames = 0;
    let counting = true;
    const count = (): void => {
      if (!counting) return;
      cameraFrames++;
      video.requestVideoFrameCallback(count);
    };
    video.requestVideoFrameCallback(count);
    const f0 = live.frames();
    heartbeat.start();
    const t0 = performance.now();
    await idle(3000);
    const secs = (performance.now() - t0) / 1000;
    const maxBlock = heartbeat.stop();
    const blockedShare = heartbeat.blocked / (secs * 1000);
    counting = false;
    const fps = (live.frames() - f0) / secs;
    const cameraFps = cameraFrames / secs;
    rows.push({ size: label, renderer, effect, fps, cameraFps, maxBlock, blockedShare });
    log(`${label} live ${renderer.padEnd(6)} ${effect.padEnd(8)} ${fps.toFixed(1)} fps (camera ${cameraFps.toFixed(1)} fps), max block ${maxBlock.toFixed(1)} ms, main thread blocked ${(blockedShare * 100).toFixed(0)} %`);
    live.stop();
  }
  stream.getTracks().forEach((t) => t.stop());
  video.remove();
  return rows;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  webgl2Support(); // the once-per-page probe behind renderer 'auto'
  const probeMs = performance.now() - t0;
  const probe = new CapturePipeline({});
  const env = `camera ${params.get('camera') ?? 'photo'}, renderer ${probe.rendererKind}, GPU ${probe.gpu} (probed in ${probeMs.toFixed(1)} ms), cores ${navigator.hardwareConcurrency}, heap collected before each pass: ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'yes' : 'no (no gc(); each pass only waits 200 ms)'}, ${navigator.userAgent}`;
  log(env);
  probe.dispose();
  const latency: Row[] = [];
  const pairedRows: PairedRow[] = [];
  const idleRows: VersusIdleRow[] = [];
  if (PARTS.has('latency')) for (const [label, [w, h]] of SIZES) latency.push(...(await captureLatency(label === '2160' ? '4K' : `${label}p`, w, h, pairedRows, idleRows)));
  else if (PARTS.has('noise')) for (const [label, [w, h]] of SIZES) await noiseOnly(label === '2160' ? '4K' : `${label}p`, w, h, idleRows);
  const fps: FpsRow[] = [];
  if (PARTS.has('fps')) for (const [label, [w, h]] of SIZES.filter(([l]) => l !== '2160')) fps.push(...(await liveFps(`${label}p`, w, h)));
  const steps: StepRow[] = [];
  for (const [label, [w, h]] of PARTS.has('steps') ? SIZES : []) {
    const name = label === '2160' ? '4K' : `${label}p`;
    const { stream, video } = await openCamera(name, w, h);
    steps.push(...(await effectSteps(name, video, w, h, N, nextFrame, log)));
    stream.getTracks().forEach((t) => t.stop());
    video.remove();
  }
  (window as unknown as { __benchResult: unknown }).__benchResult = { env, tracks, latency, paired: pairedRows, versusIdle: idleRows, fps, steps };
}

main().catch((e: unknown) => {
  log(`bench failed: ${String((e as Error)?.stack ?? e)}`);
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String(e) };
});
