/**
 * Measuring for the capture benchmark (capture.bench.ts): the query parameters, the log, the
 * MessageChannel heartbeat, traces of the main thread, the paired and idle/busy-window passes.
 */

export interface Row {
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
export interface PairedRow {
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
export interface VersusIdleRow {
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
export interface FpsRow {
  size: string;
  renderer: string;
  effect: string;
  fps: number;
  cameraFps: number;
  maxBlock: number;
  /** Share of the time the main thread was unavailable in stretches over 4 ms (0..1). */
  blockedShare: number;
}

export const params = new URLSearchParams(location.search);
export const N = Number(params.get('n') ?? 10);
export const ALL_SIZES: Record<string, [number, number]> = { '720': [1280, 720], '1080': [1920, 1080], '2160': [3840, 2160] };
/** Which tables to make (`parts=latency,fps,steps`, default all). */
export const PARTS = new Set((params.get('parts') ?? 'latency,fps,steps').split(','));
export const SIZES = (params.get('sizes') ?? '720,1080,2160').split(',').map((s) => [s, ALL_SIZES[s]!] as const);
export const logEl = document.getElementById('log')!;
export const log = (s: string): void => {
  logEl.textContent += `${s}\n`;
  console.log(s);
};

/** Records the largest gap between consecutive MessageChannel tasks while running. */
export class Heartbeat {
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

export const heartbeat = new Heartbeat();
export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
};
export const nextFrame = (video: HTMLVideoElement): Promise<void> =>
  new Promise((r) => video.requestVideoFrameCallback(() => r()));
/** Size of an encoded image: a Blob's size, or the bytes a data: URL decodes to. */
export const encodedBytes = (out: unknown): number =>
  out instanceof Blob ? out.size : typeof out === 'string' && out.startsWith('data:') ? Math.floor(((out.length - out.indexOf(',') - 1) * 3) / 4) : 0;
export const idle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Before each measured call: a new camera frame, then a 20 ms pause (the same start for every method). */
export const beforeCall = async (video: HTMLVideoElement): Promise<void> => {
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
export async function settleHeap(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await idle(200);
}
export const toBlob = (c: HTMLCanvasElement, type = 'image/jpeg', q = 0.92): Promise<Blob> =>
  new Promise((res, rej) => c.toBlob((b) => (b ? res(b) : rej(new Error('toBlob failed'))), type, q));

/**
 * Two passes per method: latency without the heartbeat (a busy heartbeat starves Chromium's
 * idle-time toBlob encoder and would distort it), then the longest main-thread block with it.
 */
export interface Measured {
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
export const benchTrace = (window as unknown as { benchTrace?: (cmd: 'start' | 'stop') => Promise<Array<{ all: number; page: number; script: number; cpu: number }> | null> }).benchTrace;

export async function measure(video: HTMLVideoElement, op: () => Promise<unknown>): Promise<Measured> {
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
export async function paired(size: string, method: string, video: HTMLVideoElement, floorOp: () => Promise<unknown>, op: () => Promise<unknown>, pairs: number): Promise<PairedRow> {
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
export let burner: Worker | null = null;
export function burn(ms: number): Promise<void> {
  burner ??= new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => { const t = performance.now(); while (performance.now() - t < e.data); postMessage(0); };'], { type: 'text/javascript' })));
  const w = burner;
  return new Promise((resolve) => {
    w.onmessage = () => resolve();
    w.postMessage(ms);
  });
}

export type WindowKind = 'call' | 'idle' | 'busy';
/**
 * Runs `op`, an idle window and a busy window (see {@link VersusIdleRow}) of the same length (as
 * long as the last call took), `windows` times each, in a rotating order, traced; each window
 * starts after a new camera frame and a 20 ms pause as in {@link measure}.
 */
export async function versusIdle(size: string, method: string, video: HTMLVideoElement, op: () => Promise<unknown>, windows: number): Promise<VersusIdleRow | null> {
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
