/**
 * `<media-recorder>` benchmarks (issue 20), run with `node bench/run.mjs --parts recording`
 * (optionally `--parts recording:SECONDS` for the memory pass's length, default 300, 0 to leave
 * it out; `recording:SECONDS:memory` for that pass alone; and `--sizes 720,1080`). One Chromium
 * run, the file camera (photo-like frames at 30 fps) at each size. Recordings are WebM VP8 at
 * 40 Mbit/s (see `VIDEO_BPS`).
 *
 * 1. Frames: for a raw `MediaRecorder` on the camera's own track, the element with no effect and
 *    the element with sepia (all WebM VP8, picture only, 8 s each, twice in turn, untraced), the
 *    share of the camera's frames that are in the file: video blocks counted in the WebM
 *    (`countVideoBlocks`, checked against ts-ebml's decoder) against the frames the camera
 *    delivered meanwhile (`track.stats.totalFrames`, else 30 per second), and its ratio to raw's.
 *    Then each again for 5 s, traced: the main thread's longest task (wall and CPU, the trace's
 *    thread time) in 1 s windows, the windows whose longest task used over 2 ms of CPU, and the
 *    share of time a MessageChannel heartbeat was held up over 4 ms, beside a pass where the page
 *    only plays the camera.
 * 2. Stop to File for a 60 s 720p recording (WebM with a timeslice, so that Chromium writes no
 *    duration): the element's `stopRecording()` once, then on the same recorded chunks
 *    `fixWebmDuration` (what the element runs) against RecordRTC's `getSeekableBlob` (ts-ebml:
 *    reads the whole file and rewrites its metadata with Cues), alternated.
 * 3. Memory: a 720p recording with a timeslice whose chunks a `recording-data` listener takes
 *    (preventDefault, dropped as an upload would), against one where nobody takes them (the
 *    element keeps them for the File): the peak resident memory of all the browser's processes
 *    (the blob store is in the browser process) over the recording, minus before it.
 * Results: `window.__benchResult.tables`, printed by bench/run.mjs.
 */
import { MediaRecorderElement } from '../components/media-recorder/define.js';
import { getMediaStreamController } from '../src/controller.js';
import { fixWebmDuration } from '../src/recording/webm-duration.js';
import { heartbeat, idle, log, params, quantile, SIZES } from './measure.js';

const benchCamera = (window as unknown as { benchCamera?: (size: string) => Promise<unknown> }).benchCamera;
const benchTrace = (window as unknown as { benchTrace?: (cmd: 'start' | 'stop') => Promise<Array<{ all: number; cpu: number }> | null> }).benchTrace;
const benchMemory = (window as unknown as { benchMemory?: () => Promise<{ total: number; browser: number }> }).benchMemory;
const getSeekableBlob = (globalThis as unknown as { getSeekableBlob?: (blob: Blob, done: (b: Blob) => void) => void }).getSeekableBlob;

const WEBM = 'video/webm;codecs=vp8';
/** Length of each recording of part 1 (ms). */
const FRAMES_MS = 8000;
/** Length of each traced recording of part 1 (ms). */
const TRACE_MS = 5000;
const STOP_MS = 60_000;
/** `parts=recording[:SECONDS[:memory]]`: the memory pass's length (default 300; 0 leaves it out), or that pass alone. */
const [, memoryArg, onlyArg] = (params.get('parts') ?? '').split(':');
const MEMORY_S = memoryArg === undefined || memoryArg === '' ? 300 : Number(memoryArg);
const MEMORY_ONLY = onlyArg === 'memory';
/**
 * A bit rate that the camera's noisy, photo-like frames fit at 30 fps: at the encoder's default,
 * its rate control drops most of them (raw MediaRecorder kept 15 % of the camera's frames at
 * 720p), which measures the encoder, not what reaches it.
 */
const VIDEO_BPS = 40_000_000;

// ---------------------------------------------------------------------------------------------
// Counting the video frames of a WebM

/** The number of blocks (SimpleBlock, and Block in BlockGroup) of the video track of a WebM file. */
export function countVideoBlocks(bytes: Uint8Array): number {
  const id = (p: number): [number, number] => {
    const b = bytes[p]!;
    const n = b >= 0x80 ? 1 : b >= 0x40 ? 2 : b >= 0x20 ? 3 : 4;
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + bytes[p + i]!;
    return [v, n];
  };
  const size = (p: number): [number | undefined, number] => {
    const b = bytes[p]!;
    const n = Math.clz32(b) - 23;
    let v = b & (0xff >> n);
    let ones = v === 0xff >> n;
    for (let i = 1; i < n; i++) {
      v = v * 256 + bytes[p + i]!;
      if (bytes[p + i] !== 0xff) ones = false;
    }
    return [ones ? undefined : v, n];
  };
  const TOP = new Set([0x1f43b675, 0x1c53bb6b, 0x1254c367, 0x1043a770, 0x1941a469, 0x114d9b74, 0x1549a966, 0x1654ae6b]);
  let videoTrack = -1;
  let count = 0;
  const walk = (from: number, to: number, depth: number): number => {
    let p = from;
    while (p < to && p < bytes.length) {
      const [eid, il] = id(p);
      if (depth > 0 && TOP.has(eid) && to === Infinity) return p; // end of an unknown-size Cluster
      const [s, sl] = size(p + il);
      const data = p + il + sl;
      const end = s === undefined ? Infinity : data + s;
      if (eid === 0x18538067 || eid === 0x1f43b675 || eid === 0x1654ae6b || eid === 0xa0) {
        // Segment, Cluster, Tracks, BlockGroup: go in
        p = walk(data, end, eid === 0x18538067 ? 0 : depth + 1);
        if (end !== Infinity) p = end;
        continue;
      }
      if (eid === 0xae) {
        // TrackEntry: TrackNumber (0xd7), TrackType (0x83: 1 = video)
        let number = 0;
        let type = 0;
        for (let q = data; q < end; ) {
          const [cid, cl] = id(q);
          const [cs, csl] = size(q + cl);
          let v = 0;
          for (let i = 0; i < cs!; i++) v = v * 256 + bytes[q + cl + csl + i]!;
          if (cid === 0xd7) number = v;
          if (cid === 0x83) type = v;
          q += cl + csl + cs!;
        }
        if (type === 1) videoTrack = number;
      } else if (eid === 0xa3 || eid === 0xa1) {
        const [track] = size(data); // the block's track number is a size-style vint
        if (track === videoTrack) count++;
      }
      p = end;
    }
    return p;
  };
  walk(0, bytes.length, 0);
  return count;
}

// ---------------------------------------------------------------------------------------------

interface Traced {
  longestMs: number;
  longestCpuMs: number;
  windows: number;
  over2: number;
  blockedShare: number;
}

/**
 * Waits `ms` with the heartbeat running (and, with `trace`, in 1 s trace windows); calls `atEnd`
 * (stop the recorder, read the counters) before the trace is read (which takes seconds).
 */
async function watched(ms: number, trace: boolean, atEnd: () => void = () => {}): Promise<Traced> {
  if (trace) await benchTrace?.('start');
  heartbeat.start();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    performance.mark('bench-start');
    await idle(Math.min(1000, ms - (performance.now() - t0)));
    performance.mark('bench-end');
  }
  heartbeat.stop();
  const blockedShare = heartbeat.blocked / (performance.now() - t0);
  atEnd();
  const windows = (trace ? await benchTrace?.('stop') : null) ?? [];
  return {
    longestMs: Math.max(0, ...windows.map((w) => w.all)),
    longestCpuMs: Math.max(0, ...windows.map((w) => w.cpu)),
    windows: windows.length,
    over2: windows.filter((w) => w.cpu > 2).length,
    blockedShare,
  };
}

const cameraFrames = (track: MediaStreamTrack): number | null =>
  (track as MediaStreamTrack & { stats?: { totalFrames?: number } }).stats?.totalFrames ?? null;

async function openCamera(label: string, width: number, height: number): Promise<{ name: string; video: HTMLVideoElement; track: MediaStreamTrack }> {
  await benchCamera?.(label);
  const name = `bench-recording-${label}-${Date.now()}`;
  const c = getMediaStreamController(name);
  c.releaseDelay = 0;
  await c.setOptions({ video: { width: { exact: width }, height: { exact: height }, frameRate: { ideal: 30 } }, audio: true });
  await c.start();
  const video = document.createElement('video');
  video.muted = true;
  video.width = 320;
  document.body.append(video);
  for (let i = 0; i < 100 && !c.videoTrack; i++) await idle(50);
  video.srcObject = c.stream;
  await video.play();
  return { name, video, track: c.videoTrack! };
}

async function recorderElement(name: string, attrs: Record<string, string>): Promise<MediaRecorderElement> {
  const el = new MediaRecorderElement();
  el.setAttribute('stream', name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.style.inlineSize = '320px';
  document.body.append(el);
  await el.start();
  const end = performance.now() + 10_000;
  while (!el.shadowRoot?.querySelector('canvas[part~="preview"]') && performance.now() < end) await idle(50);
  await idle(1000); // the preview running
  return el;
}

interface FrameRow {
  size: string;
  recorder: string;
  seconds: number;
  'frames in file': number;
  'camera frames': number;
  share: number;
  'x raw': number | string;
  'blocked %': number;
}
interface TaskRow {
  size: string;
  recorder: string;
  'longest task ms': number;
  'longest task CPU ms': number;
  'windows > 2 ms CPU': string;
  'blocked %': number;
}

interface Run {
  file: Blob | null;
  ms: number;
  cameraFrames: number;
  t: Traced;
}

/** Records with a raw MediaRecorder on the camera's track for `ms`. */
async function rawRun(track: MediaStreamTrack, ms: number, trace: boolean): Promise<Run> {
  const rec = new MediaRecorder(new MediaStream([track]), { mimeType: WEBM, videoBitsPerSecond: VIDEO_BPS });
  const chunks: Blob[] = [];
  rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
  const started = new Promise((r) => (rec.onstart = r));
  const stopped = new Promise((r) => (rec.onstop = r));
  rec.start(1000);
  await started;
  const f0 = cameraFrames(track);
  const t0 = performance.now();
  let f1: number | null = null;
  let took = 0;
  const t = await watched(ms, trace, () => {
    rec.stop();
    f1 = cameraFrames(track);
    took = performance.now() - t0;
  });
  await stopped;
  return { file: new Blob(chunks, { type: WEBM }), ms: took, cameraFrames: framesBetween(f0, f1, took), t };
}

/** Records with `<media-recorder>` (picture only, WebM) for `ms`. */
async function elementRun(name: string, track: MediaStreamTrack, effect: string, ms: number, trace: boolean): Promise<Run> {
  const el = await recorderElement(name, { 'mime-type': WEBM, 'no-audio': '', effect, timeslice: '1000', 'video-bits-per-second': String(VIDEO_BPS) });
  try {
    await el.startRecording();
    const f0 = cameraFrames(track);
    let f1: number | null = null;
    let took = 0;
    let file: Promise<File> | null = null;
    const t = await watched(ms, trace, () => {
      f1 = cameraFrames(track);
      took = el.recordedTime;
      file = el.stopRecording();
    });
    return { file: await file!, ms: took, cameraFrames: framesBetween(f0, f1, took), t };
  } finally {
    el.remove();
  }
}

/** Camera frames between two `track.stats.totalFrames` readings, else 30 per second. */
const framesBetween = (f0: number | null, f1: number | null, ms: number): number =>
  f0 !== null && f1 !== null ? f1 - f0 : Math.round((ms / 1000) * 30);

async function framesPart(taskRows: TaskRow[]): Promise<FrameRow[]> {
  const rows: FrameRow[] = [];
  const EBML = (globalThis as { EBML?: { Decoder: new () => { decode(b: ArrayBuffer): Array<{ name: string }> } } }).EBML;
  for (const [label, [width, height]] of SIZES.filter(([l]) => l !== '2160')) {
    const cam = await openCamera(label, width, height);
    const size = `${label}p`;
    const st = cam.track.getSettings();
    log(`${size}: camera ${st.width}x${st.height} @ ${st.frameRate} fps; track.stats ${cameraFrames(cam.track) === null ? 'missing: 30 frames a second assumed' : 'read'}`);
    const cases: Array<[string, (trace: boolean) => Promise<Run>]> = [
      ['raw MediaRecorder (camera track)', (trace) => rawRun(cam.track, FRAMES_MS, trace)],
      ['<media-recorder> effect none', (trace) => elementRun(cam.name, cam.track, 'none', FRAMES_MS, trace)],
      ['<media-recorder> effect sepia', (trace) => elementRun(cam.name, cam.track, 'sepia', FRAMES_MS, trace)],
    ];
    // Untraced, twice in turn (ABCABC: the machine's load drifts), summed.
    const sums = new Map<string, { inFile: number; camera: number; ms: number; blocked: number }>();
    for (let round = 0; round < 2; round++) {
      for (const [recorder, run] of cases) {
        const r = await run(false);
        const bytes = new Uint8Array(await r.file!.arrayBuffer());
        const inFile = countVideoBlocks(bytes);
        if (round === 0 && recorder.startsWith('raw') && EBML) {
          // check of the counter on a picture-only file: ts-ebml's decoder counts its SimpleBlocks
          const blocks = new EBML.Decoder().decode(bytes.buffer).filter((e) => e.name === 'SimpleBlock').length;
          log(`frame counter check: countVideoBlocks ${inFile}, ts-ebml SimpleBlocks ${blocks}`);
        }
        const s = sums.get(recorder) ?? { inFile: 0, camera: 0, ms: 0, blocked: 0 };
        sums.set(recorder, { inFile: s.inFile + inFile, camera: s.camera + r.cameraFrames, ms: s.ms + r.ms, blocked: s.blocked + r.t.blockedShare / 2 });
        log(`${size} ${recorder}: ${inFile} frames in the file, ${r.cameraFrames} from the camera, ${(r.ms / 1000).toFixed(2)} s`);
        await idle(500);
      }
    }
    const rawShare = sums.get(cases[0]![0])!.inFile / sums.get(cases[0]![0])!.camera;
    for (const [recorder] of cases) {
      const s = sums.get(recorder)!;
      const share = s.inFile / s.camera;
      rows.push({ size, recorder, seconds: +(s.ms / 1000).toFixed(1), 'frames in file': s.inFile, 'camera frames': s.camera, share: +share.toFixed(3), 'x raw': +(share / rawShare).toFixed(3), 'blocked %': Math.round(s.blocked * 100) });
    }
    // Traced: the main thread during each (shorter), beside a pass where the page only plays the camera.
    const only = await watched(TRACE_MS, true);
    taskRows.push({ size, recorder: 'none (the page only plays the camera)', 'longest task ms': +only.longestMs.toFixed(1), 'longest task CPU ms': +only.longestCpuMs.toFixed(1), 'windows > 2 ms CPU': `${only.over2} / ${only.windows}`, 'blocked %': Math.round(only.blockedShare * 100) });
    for (const [recorder, run] of cases) {
      const { t } = await run(true);
      taskRows.push({ size, recorder, 'longest task ms': +t.longestMs.toFixed(1), 'longest task CPU ms': +t.longestCpuMs.toFixed(1), 'windows > 2 ms CPU': `${t.over2} / ${t.windows}`, 'blocked %': Math.round(t.blockedShare * 100) });
      log(JSON.stringify(taskRows.at(-1)));
    }
    cam.video.remove();
    getMediaStreamController(cam.name).stop();
  }
  return rows;
}

/** Part 2: stop to File for a 60 s 720p recording; fixWebmDuration against getSeekableBlob. */
async function stopPart(): Promise<unknown[]> {
  const cam = await openCamera('720', 1280, 720);
  const el = await recorderElement(cam.name, { 'mime-type': WEBM, timeslice: '1000' });
  const chunks: Blob[] = [];
  // keeps references to the chunks too (the element keeps its own: no preventDefault)
  el.addEventListener('recording-data', (e) => chunks.push((e as Event & { detail: { data: Blob } }).detail.data));
  await el.startRecording();
  log(`recording ${STOP_MS / 1000} s at 720p for the stop-to-File time...`);
  await idle(STOP_MS);
  const ms = el.recordedTime;
  const t0 = performance.now();
  const file = await el.stopRecording();
  const stopMs = performance.now() - t0;
  const raw = new Blob(chunks, { type: file.type });
  el.remove();
  cam.video.remove();
  getMediaStreamController(cam.name).stop();
  const fixTimes: number[] = [];
  const seekTimes: number[] = [];
  for (let i = 0; i < 6; i++) {
    let t = performance.now();
    await fixWebmDuration(raw, ms);
    fixTimes.push(performance.now() - t);
    if (getSeekableBlob) {
      t = performance.now();
      await new Promise<Blob>((resolve) => getSeekableBlob(raw, resolve));
      seekTimes.push(performance.now() - t);
    }
    await idle(200);
  }
  const fix = quantile(fixTimes, 0.5);
  const seek = seekTimes.length ? quantile(seekTimes, 0.5) : NaN;
  return [
    { method: '<media-recorder>.stopRecording() to File (one 60 s recording; includes MediaRecorder flushing its last chunk)', 'median ms': +stopMs.toFixed(1), 'file MB': +(file.size / 2 ** 20).toFixed(1), 'x getSeekableBlob': +(stopMs / seek).toFixed(3) },
    { method: 'fixWebmDuration (on the same chunks, median of 6)', 'median ms': +fix.toFixed(2), 'file MB': +(raw.size / 2 ** 20).toFixed(1), 'x getSeekableBlob': +(fix / seek).toFixed(4) },
    { method: "RecordRTC getSeekableBlob (ts-ebml; same chunks, median of 6, alternated)", 'median ms': +seek.toFixed(1), 'file MB': +(raw.size / 2 ** 20).toFixed(1), 'x getSeekableBlob': 1 },
  ];
}

/** Part 3: peak memory of a recording whose chunks a listener takes, against one where nobody does. */
async function memoryPart(): Promise<unknown[]> {
  const rows: unknown[] = [];
  const cam = await openCamera('720', 1280, 720);
  for (const taken of [true, false]) {
    const el = await recorderElement(cam.name, { 'mime-type': WEBM, timeslice: '1000' });
    let takenBytes = 0;
    if (taken) {
      el.addEventListener('recording-data', (e) => {
        e.preventDefault(); // taken: the element keeps no copy; dropped here, as once uploaded
        takenBytes += (e as Event & { detail: { data: Blob } }).detail.data.size;
      });
    }
    (globalThis as { gc?: () => void }).gc?.();
    await idle(2000);
    const sample = async (): Promise<{ total: number; browser: number }> => (await benchMemory?.()) ?? { total: NaN, browser: NaN };
    const before: Array<{ total: number; browser: number }> = [];
    for (let i = 0; i < 3; i++) {
      before.push(await sample());
      await idle(500);
    }
    const base = { total: quantile(before.map((b) => b.total), 0.5), browser: quantile(before.map((b) => b.browser), 0.5) };
    const peak = { ...base };
    let heapPeak = 0;
    const stopped = new Promise<{ file: File | null }>((r) => el.addEventListener('recording-stop', (e) => r((e as Event & { detail: { file: File | null } }).detail), { once: true }));
    await el.startRecording();
    log(`recording ${MEMORY_S} s at 720p, chunks ${taken ? 'taken by a listener' : 'kept by the element'}...`);
    const t0 = performance.now();
    while (performance.now() - t0 < MEMORY_S * 1000) {
      await idle(2000);
      const m = await sample();
      peak.total = Math.max(peak.total, m.total);
      peak.browser = Math.max(peak.browser, m.browser);
      heapPeak = Math.max(heapPeak, (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    }
    await el.stopRecording().catch(() => null);
    const { file } = await stopped;
    rows.push({
      chunks: taken ? 'taken by a recording-data listener' : 'kept by the element (no listener)',
      seconds: MEMORY_S,
      'browser process peak MB over before': +((peak.browser - base.browser) / 2 ** 20).toFixed(1),
      'all processes peak MB over before': +((peak.total - base.total) / 2 ** 20).toFixed(1),
      'JS heap peak MB': +(heapPeak / 2 ** 20).toFixed(1),
      'recorded MB': +(((file?.size ?? 0) + takenBytes) / 2 ** 20).toFixed(1),
      'File MB': +((file?.size ?? 0) / 2 ** 20).toFixed(1),
    });
    log(JSON.stringify(rows.at(-1)));
    el.remove();
    await idle(1000);
  }
  cam.video.remove();
  getMediaStreamController(cam.name).stop();
  const [a, b] = rows as Array<Record<string, number>>;
  const ratio = (k: string): number => +(a![k]! / b![k]!).toFixed(3);
  rows.push({ chunks: 'ratio taken / kept', seconds: MEMORY_S, 'browser process peak MB over before': ratio('browser process peak MB over before'), 'all processes peak MB over before': ratio('all processes peak MB over before'), 'JS heap peak MB': ratio('JS heap peak MB'), 'recorded MB': NaN, 'File MB': NaN });
  return rows;
}

async function main(): Promise<void> {
  const env = `${navigator.userAgent}; ${navigator.hardwareConcurrency} cores; ${new Date().toISOString()}; trace ${benchTrace ? 'yes' : 'no'}, memory ${benchMemory ? 'yes' : 'no'}, getSeekableBlob ${getSeekableBlob ? 'yes' : 'no'}`;
  log(env);
  const taskRows: TaskRow[] = [];
  const frames = MEMORY_ONLY ? [] : await framesPart(taskRows);
  const stop = MEMORY_ONLY ? [] : await stopPart();
  const memory = MEMORY_S > 0 ? await memoryPart() : [];
  (window as unknown as { __benchResult: unknown }).__benchResult = {
    env,
    tables: [
      { title: "Recorded frames: share of the camera's frames in the file (WebM VP8, picture only; two untraced recordings each, alternated, summed; blocked = share of time a heartbeat on the main thread was held up over 4 ms)", rows: frames },
      { title: 'Main thread while recording (Chromium trace, 1 s windows: the longest task, wall and CPU time; windows whose longest task used over 2 ms of CPU)', rows: taskRows },
      { title: 'Stop to File, 60 s 720p WebM (timeslice 1 s): the element, and the duration fix against RecordRTC getSeekableBlob on the same chunks', rows: stop },
      { title: `Memory: a ${MEMORY_S} s 720p recording (timeslice 1 s), chunks taken by a listener against kept by the element (resident memory of all the browser's processes)`, rows: memory },
    ],
  };
}

main().catch((e: unknown) => {
  log(`bench failed: ${String((e as Error)?.stack ?? e)}`);
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String((e as Error)?.stack ?? e) };
});
