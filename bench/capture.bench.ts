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

interface Row {
  size: string;
  method: string;
  median: number;
  p90: number;
  maxBlock: number;
  typicalBlock: number;
  ratio: number;
  /** Median size of the encoded image in bytes (0 when the method makes none). */
  bytes: number;
  taskTyp: number;
  taskMax: number;
  /** Longest task without Chromium's page-load-metrics timer (see bench/run.mjs). */
  taskMaxPage: number;
  /** Longest task that ran JavaScript (the kit's or the page's; see bench/run.mjs). */
  taskMaxScript: number;
  /** Most CPU time (thread time) one main-thread task used (see bench/run.mjs). */
  taskMaxCpu: number;
}
/** A method alternated call by call with the floor, so both meet the same machine load. */
interface PairedRow {
  size: string;
  method: string;
  pairs: number;
  floorMedian: number;
  median: number;
  /** median / floor median, both over the same pairs. */
  ratio: number;
  /** Median over the pairs of (this call / the floor call next to it). */
  pairRatio: number;
  /** Share of the pairs where this call took longer than 1.3x the floor call beside it. */
  over13: number;
}
/**
 * A method's calls alternated with windows of the same length in which the page does nothing
 * (`idle`), and in which a worker burns CPU while the page does nothing (`busy`: the load a
 * photo's work in a worker puts on the machine, without the photo), all traced: how often the
 * main thread ran a task over 2 ms in each. On a small machine Chromium's tasks wait for a core
 * (or for another process) for several ms when a worker takes one; `busy` measures that wait
 * apart from anything the call itself does on the main thread.
 */
interface VersusIdleRow {
  size: string;
  method: string;
  /** Windows of each kind. */
  windows: number;
  /** The calls' median duration (ms): each idle and busy window lasts as long as the call before it. */
  callMedian: number;
  /** Windows whose longest main-thread task was over 2 ms, per kind. */
  callOver2: number;
  idleOver2: number;
  busyOver2: number;
  /** Longest main-thread task over all windows of the kind (ms). */
  callMax: number;
  idleMax: number;
  busyMax: number;
  /** Most CPU time one task used over all windows of the kind (ms). */
  callCpuMax: number;
  idleCpuMax: number;
  busyCpuMax: number;
}
interface FpsRow {
  size: string;
  renderer: string;
  effect: string;
  fps: number;
  cameraFps: number;
  maxBlock: number;
  /** Share of the time the main thread was unavailable in stretches over 4 ms (0..1). */
  blockedShare: number;
}

const params = new URLSearchParams(location.search);
const N = Number(params.get('n') ?? 10);
const ALL_SIZES: Record<string, [number, number]> = { '720': [1280, 720], '1080': [1920, 1080], '2160': [3840, 2160] };
/** Which tables to make (`parts=latency,fps,steps`, default all). */
const PARTS = new Set((params.get('parts') ?? 'latency,fps,steps').split(','));
const SIZES = (params.get('sizes') ?? '720,1080,2160').split(',').map((s) => [s, ALL_SIZES[s]!] as const);
const logEl = document.getElementById('log')!;
const log = (s: string): void => {
  logEl.textContent += `${s}\n`;
  console.log(s);
};

/** Records the largest gap between consecutive MessageChannel tasks while running. */
class Heartbeat {
  private channel = new MessageChannel();
  private last = 0;
  private running = false;
  max = 0;
  /** Sum of the gaps over 4 ms: time the main thread was unavailable in long stretches. */
  blocked = 0;
  constructor() {
    this.channel.port1.onmessage = () => {
      if (!this.running) return;
      const now = performance.now();
      const gap = now - this.last;
      this.max = Math.max(this.max, gap);
      if (gap > 4) this.blocked += gap;
      this.last = now;
      this.channel.port2.postMessage(0);
    };
  }
  start(): void {
    this.max = 0;
    this.blocked = 0;
    this.last = performance.now();
    this.running = true;
    this.channel.port2.postMessage(0);
  }
  stop(): number {
    this.running = false;
    // include the time since the last beat (a block that is still going on)
    return Math.max(this.max, performance.now() - this.last);
  }
}

const heartbeat = new Heartbeat();
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
};
const nextFrame = (video: HTMLVideoElement): Promise<void> =>
  new Promise((r) => video.requestVideoFrameCallback(() => r()));
/** Size of an encoded image: a Blob's size, or the bytes a data: URL decodes to. */
const encodedBytes = (out: unknown): number =>
  out instanceof Blob ? out.size : typeof out === 'string' && out.startsWith('data:') ? Math.floor(((out.length - out.indexOf(',') - 1) * 3) / 4) : 0;
const idle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Before each measured call: a new camera frame, then a 20 ms pause (the same start for every method). */
const beforeCall = async (video: HTMLVideoElement): Promise<void> => {
  await nextFrame(video);
  await idle(20);
};

/**
 * A full garbage collection, then 200 ms for Blink's incremental sweeping to finish, before each
 * pass, so that a method's calls do not pay for garbage left by the method or pass before (a
 * peer's data: URLs and canvases, say). The garbage of the pass's own calls is still collected
 * during them. `gc` exists
 * when bench/run.mjs starts Chromium with `--js-flags=--expose-gc`; elsewhere this only waits.
 */
async function settleHeap(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await idle(200);
}
const toBlob = (c: HTMLCanvasElement, type = 'image/jpeg', q = 0.92): Promise<Blob> =>
  new Promise((res, rej) => c.toBlob((b) => (b ? res(b) : rej(new Error('toBlob failed'))), type, q));

/**
 * Two passes per method: latency without the heartbeat (a busy heartbeat starves Chromium's
 * idle-time toBlob encoder and would distort it), then the longest main-thread block with it.
 */
interface Measured {
  median: number;
  p90: number;
  /** Longest main-thread block over all iterations. */
  maxBlock: number;
  /** Median over iterations of each iteration's longest block (robust to a busy machine). */
  typicalBlock: number;
  bytes: number;
  /** Longest main-thread task (Chromium trace) per capture: median and max over iterations; NaN untraced. */
  taskTyp: number;
  taskMax: number;
  taskMaxPage: number;
  taskMaxScript: number;
  taskMaxCpu: number;
}

/** Set by bench/run.mjs (page.exposeFunction): starts tracing, or stops it and returns, per window, the longest main-thread task in ms. */
const benchTrace = (window as unknown as { benchTrace?: (cmd: 'start' | 'stop') => Promise<Array<{ all: number; page: number; script: number; cpu: number }> | null> }).benchTrace;

async function measure(video: HTMLVideoElement, op: () => Promise<unknown>): Promise<Measured> {
  await op(); // warm-up (worker start, shader compile, encoder init)
  await op();
  await settleHeap();
  const times: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < N; i++) {
    await beforeCall(video);
    const t0 = performance.now();
    const out = await op();
    times.push(performance.now() - t0);
    sizes.push(encodedBytes(out));
  }
  const blocks: number[] = [];
  await settleHeap();
  for (let i = 0; i < N; i++) {
    await beforeCall(video);
    heartbeat.start();
    await op();
    blocks.push(heartbeat.stop());
  }
  // Third pass, traced: the longest task the renderer's main thread ran during each call.
  let tasks: number[] = [];
  let pageTasks: number[] = [];
  let scriptTasks: number[] = [];
  let cpuTasks: number[] = [];
  if (benchTrace) {
    await settleHeap();
    await benchTrace('start');
    for (let i = 0; i < N; i++) {
      await beforeCall(video);
      performance.mark('bench-start');
      await op();
      performance.mark('bench-end');
      // End this task here: the harness's next steps (requestVideoFrameCallback) must not count.
      await idle(0);
    }
    const windows = (await benchTrace('stop')) ?? [];
    tasks = windows.map((w) => w.all);
    pageTasks = windows.map((w) => w.page);
    scriptTasks = windows.map((w) => w.script);
    cpuTasks = windows.map((w) => w.cpu);
  }
  return {
    median: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    maxBlock: Math.max(...blocks),
    typicalBlock: quantile(blocks, 0.5),
    bytes: quantile(sizes, 0.5),
    taskTyp: tasks.length ? quantile(tasks, 0.5) : NaN,
    taskMax: tasks.length ? Math.max(...tasks) : NaN,
    taskMaxPage: pageTasks.length ? Math.max(...pageTasks) : NaN,
    taskMaxScript: scriptTasks.length ? Math.max(...scriptTasks) : NaN,
    taskMaxCpu: cpuTasks.length ? Math.max(...cpuTasks) : NaN,
  };
}

/**
 * Runs `op` and the floor alternately, `pairs` times, in ABBA order (floor first in even pairs, `op`
 * first in odd ones), each call after a new camera frame and a 20 ms pause as in {@link measure}.
 * Runs on this 2-core machine differ by more than the targets' margins (the floor alone by
 * about ±15 % from one launch to the next), and the separate passes of {@link measure} can meet
 * different load; here each call has a floor call beside it.
 */
async function paired(size: string, method: string, video: HTMLVideoElement, floorOp: () => Promise<unknown>, op: () => Promise<unknown>, pairs: number): Promise<PairedRow> {
  await floorOp();
  await op();
  await settleHeap();
  const floors: number[] = [];
  const ops: number[] = [];
  const ratios: number[] = [];
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    await beforeCall(video);
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  for (let i = 0; i < pairs; i++) {
    let f: number;
    let o: number;
    if (i % 2 === 0) {
      f = await time(floorOp);
      o = await time(op);
    } else {
      o = await time(op);
      f = await time(floorOp);
    }
    floors.push(f);
    ops.push(o);
    ratios.push(o / f);
  }
  const row: PairedRow = {
    size,
    method,
    pairs,
    floorMedian: quantile(floors, 0.5),
    median: quantile(ops, 0.5),
    ratio: quantile(ops, 0.5) / quantile(floors, 0.5),
    pairRatio: quantile(ratios, 0.5),
    over13: ratios.filter((r) => r > 1.3).length / pairs,
  };
  log(`${size} paired with the floor: ${method.padEnd(34)} ${row.median.toFixed(1)} ms vs floor ${row.floorMedian.toFixed(1)} ms: x${row.ratio.toFixed(2)} (median pair ratio x${row.pairRatio.toFixed(2)}, ${Math.round(row.over13 * 100)} % of pairs over 1.3x)`);
  return row;
}

/** A worker that burns CPU for the number of ms it is sent, then answers. */
let burner: Worker | null = null;
function burn(ms: number): Promise<void> {
  burner ??= new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => { const t = performance.now(); while (performance.now() - t < e.data); postMessage(0); };'], { type: 'text/javascript' })));
  const w = burner;
  return new Promise((resolve) => {
    w.onmessage = () => resolve();
    w.postMessage(ms);
  });
}

type WindowKind = 'call' | 'idle' | 'busy';
/**
 * Runs `op`, an idle window and a busy window (see {@link VersusIdleRow}) of the same length (as
 * long as the last call took), `windows` times each, in a rotating order, traced; each window
 * starts after a new camera frame and a 20 ms pause as in {@link measure}.
 */
async function versusIdle(size: string, method: string, video: HTMLVideoElement, op: () => Promise<unknown>, windows: number): Promise<VersusIdleRow | null> {
  if (!benchTrace) return null;
  await op();
  let last = performance.now();
  await op();
  last = performance.now() - last;
  await burn(1);
  await settleHeap();
  const kinds: WindowKind[] = [];
  const callMs: number[] = [];
  const windowOf = async (kind: WindowKind): Promise<void> => {
    await beforeCall(video);
    performance.mark('bench-start');
    if (kind === 'call') {
      const t0 = performance.now();
      await op();
      last = performance.now() - t0;
      callMs.push(last);
    } else if (kind === 'idle') {
      await idle(last);
    } else {
      await burn(last);
    }
    performance.mark('bench-end');
    await idle(0);
    kinds.push(kind);
  };
  const orders: WindowKind[][] = [['call', 'idle', 'busy'], ['idle', 'busy', 'call'], ['busy', 'call', 'idle']];
  await benchTrace('start');
  for (let i = 0; i < windows; i++) for (const k of orders[i % 3]!) await windowOf(k);
  const traced = (await benchTrace('stop')) ?? [];
  if (traced.length !== kinds.length) throw new Error(`versusIdle: ${traced.length} traced windows for ${kinds.length} calls`);
  const of = (k: WindowKind) => traced.filter((_, i) => kinds[i] === k);
  const over2 = (k: WindowKind) => of(k).filter((w) => w.all > 2).length;
  const max = (k: WindowKind) => Math.max(...of(k).map((w) => w.all));
  const cpu = (k: WindowKind) => Math.max(...of(k).map((w) => w.cpu));
  callMs.sort((a, b) => a - b);
  const row: VersusIdleRow = {
    size,
    method,
    windows,
    callMedian: callMs[callMs.length >> 1]!,
    callOver2: over2('call'),
    idleOver2: over2('idle'),
    busyOver2: over2('busy'),
    callMax: max('call'),
    idleMax: max('idle'),
    busyMax: max('busy'),
    callCpuMax: cpu('call'),
    idleCpuMax: cpu('idle'),
    busyCpuMax: cpu('busy'),
  };
  log(`${size} versus idle and busy windows: ${method.padEnd(30)} call median ${row.callMedian.toFixed(1)} ms; a task over 2 ms in ${row.callOver2}/${windows} calls, ${row.idleOver2} idle, ${row.busyOver2} busy; longest ${row.callMax.toFixed(1)} / ${row.idleMax.toFixed(1)} / ${row.busyMax.toFixed(1)} ms; most CPU ${row.callCpuMax.toFixed(1)} / ${row.idleCpuMax.toFixed(1)} / ${row.busyCpuMax.toFixed(1)} ms`);
  return row;
}

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
