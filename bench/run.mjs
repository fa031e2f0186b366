#!/usr/bin/env node
// Runs bench/capture.bench.ts in Debian's Chromium with a fake camera (playwright-core) and
// prints the results. Files are served by Vite's dev server (TypeScript and the module worker).
//   node bench/run.mjs [--n 12] [--sizes 720,1080,2160] [--headed] [--explain]
//   [--synthetic] [--json out.json] [--parts latency,fps,steps] (or --parts noise: only the
//   pipeline's calls beside idle and busy windows, which latency also makes) [--page NAME]
// `--page NAME` opens bench/NAME.html instead of bench/index.html (a benchmark of its own, with
// the same camera, tracing and query parameters); such a page puts `tables: [{ title, rows }]` in
// its result, printed as they are.
// One Chromium run for every size. The camera plays photo-like frames (bench/photo-y4m.mjs,
// cached in .cache/) at the size being measured: Chromium's file camera plays
// .cache/bench-camera.y4m, a symlink that this script points at the file of the next size (the
// page asks through `benchCamera(size)`) while no track is open, and Chromium reads the file anew
// when the camera opens. (With one 4K file, `crop-and-scale` only relabels its frames: a 1080p
// track would still carry 3840x2160 VideoFrames.) `--synthetic`: Chromium's built-in fake camera
// (a flat frame with a small pie: unrealistically cheap to encode). The page checks the track
// settings and the VideoFrames' coded size and prints both. `--explain`: for long main-thread
// tasks, what posted them and what ran inside (more trace categories, a little slower).
// Env: MCE_CHROMIUM (default /usr/bin/chromium).
import { CHROMIUM_BASE_ARGS } from '../scripts/chromium-flags.mjs';
import { makePhotoY4m } from './photo-y4m.mjs';
import { renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
// `--parts audio`: the sound benchmark (bench/audio.html, bench/audio.bench.ts) on Chromium's
// built-in fake devices (no camera file needed): see that file for what it measures.
if (arg('parts', '') === 'audio') {
  if (!process.argv.includes('--page')) process.argv.push('--page', 'audio');
  if (!process.argv.includes('--synthetic')) process.argv.push('--synthetic');
}
// `--parts recording` (or `recording:SECONDS`, the memory pass's length): the <media-recorder>
// benchmark (bench/recording.html, bench/recording.bench.ts) with the file camera.
if (arg('parts', '').startsWith('recording') && !process.argv.includes('--page')) process.argv.push('--page', 'recording');
// `--parts constraints`: a resolution change through <media-track-controls> against raw
// applyConstraints and a re-open (bench/constraints.html, bench/constraints.bench.ts), on
// Chromium's two built-in fake cameras.
if (arg('parts', '') === 'constraints') {
  if (!process.argv.includes('--page')) process.argv.push('--page', 'constraints');
  if (!process.argv.includes('--synthetic')) process.argv.push('--synthetic');
}
const n = arg('n', '12');
const sizes = arg('sizes', '720,1080,2160').split(',');
const parts = arg('parts', 'latency,fps,steps');
const synthetic = process.argv.includes('--synthetic');
const jsonOut = arg('json', null);
const pageName = arg('page', 'index');
const DIMS = { 720: [1280, 720], 1080: [1920, 1080], 2160: [3840, 2160] };
const camera = synthetic ? 'synthetic' : 'photo';

// The file camera's path: a symlink re-pointed (atomically) at the y4m of the size asked for.
const CAMERA_LINK = resolve(root, '.cache/bench-camera.y4m');
const files = synthetic ? {} : Object.fromEntries(sizes.map((s) => [s, makePhotoY4m(...DIMS[s])]));
function pointCamera(size) {
  const target = files[size];
  if (!target) throw new Error(`no y4m for size ${size}`);
  rmSync(`${CAMERA_LINK}.next`, { force: true });
  symlinkSync(target, `${CAMERA_LINK}.next`);
  renameSync(`${CAMERA_LINK}.next`, CAMERA_LINK);
}
if (!synthetic) pointCamera(sizes[0]);

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  // Lit's production build, as a page ships it (its development build checks and warns on every
  // update, which would count against the elements and not against the bare pipeline).
  resolve: { conditions: ['module', 'browser', 'production'] },
  // The peers' packages (CommonJS among them) are pre-bundled for the page.
  optimizeDeps: { noDiscovery: true, include: ['react', 'react-dom/client', 'react-webcam', 'jslib-html5-camera-photo'] },
});
await server.listen();
const address = server.httpServer.address();

/**
 * From a Chromium trace: for each `bench-start`..`bench-end` window (performance.mark), the longest
 * task (ThreadControllerImpl::RunTask) of the renderer's main thread that overlaps it, in ms.
 */
const explain = process.argv.includes('--explain');
const TRACE_CATEGORIES = explain
  ? ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8', 'v8.gc', 'blink', 'cc', 'media', 'gpu', 'mojom', 'base', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.gc']
  : ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8.execute'];

/** Events nested in a main-thread task when it runs JavaScript (a callback, a script, microtasks). */
const SCRIPT = /^(FunctionCall|EvaluateScript|V8\.Execute|v8\.callFunction|v8\.run|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|HandlePostMessage)$/;

/** The events nested in a task on its thread, longest first: what made it long (`--explain`). */
function partsOf(task, mine) {
  const end = task.ts + task.dur;
  return mine
    .filter((e) => e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e.dur > 20)
    .sort((a, b) => b.dur - a.dur)
    .slice(0, 6)
    .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''}${e.args?.data?.url ? `@${String(e.args.data.url).split('/').pop()}` : ''} ${(e.dur / 1000).toFixed(2)}`);
}

/** What the renderer's other threads were running when `task` started (`--explain`). */
function otherThreads(events, main, task) {
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === main.pid).map((e) => [e.tid, e.args?.name]));
  const byThread = new Map();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid === main.tid || e.ph !== 'X' || !(e.ts <= task.ts && e.ts + e.dur >= task.ts)) continue;
    const list = byThread.get(e.tid) ?? [];
    list.push(e);
    byThread.set(e.tid, list);
  }
  return [...byThread].map(([tid, list]) => `${names.get(tid) ?? tid}: ${list.sort((a, b) => a.ts - b.ts).map((e) => e.name + (e.args?.src_func ? `<${e.args.src_func}>` : '')).join(' > ')}`);
}

/**
 * Tasks Chromium's embedder runs on the main thread on its own schedule, not for the page's work:
 * the page-load-metrics sender's timer (telemetry sent to the browser process).
 */
const TELEMETRY = /^(EnsureSendTimer)$/;

/**
 * From a Chromium trace: for each `bench-start`..`bench-end` window (performance.mark), the longest
 * task (ThreadControllerImpl::RunTask) of the renderer's main thread that overlaps it, in ms: `all`
 * tasks, `page` = all but Chromium's telemetry timer, and `script` = the tasks that ran JavaScript
 * (the kit's code or the page's; see SCRIPT), which leaves out Chromium's own tasks that run none
 * (GPU-context hand-offs, timers, bookkeeping, garbage-collector sweeps), and `cpu` = the most
 * CPU time (the trace's thread time, `tdur`) any task used: a task far longer than its CPU time
 * waited (a synchronous call to another process, or no free core). Also logs, per pass, which
 * code posted the tasks over 1 ms (the `src_func` of the task), with their count, longest
 * duration and the CPU time of that longest one.
 */
function longestTasks(trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = mine.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const scripts = mine.filter((e) => e.ph === 'X' && SCRIPT.test(e.name));
  const runsScript = (t) => scripts.some((e) => e.ts >= t.ts && e.ts < t.ts + t.dur);
  const marks = mine.filter((e) => e.name === 'bench-start' || e.name === 'bench-end').sort((a, b) => a.ts - b.ts);
  const out = [];
  const origins = new Map();
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].name !== 'bench-start' || marks[i + 1].name !== 'bench-end') continue;
    const [a, b] = [marks[i].ts, marks[i + 1].ts];
    let all = null;
    let page = null;
    let script = null;
    let cpu = 0;
    for (const t of tasks) {
      if (!(t.ts < b && t.ts + t.dur > a)) continue;
      const from = t.args?.src_func ?? '?';
      if (t.tdur !== undefined) cpu = Math.max(cpu, t.tdur);
      if (t.dur > 1000) {
        const o = origins.get(from) ?? { n: 0, max: 0, cpu: NaN };
        origins.set(from, t.dur / 1000 > o.max ? { n: o.n + 1, max: t.dur / 1000, cpu: (t.tdur ?? NaN) / 1000 } : { ...o, n: o.n + 1 });
      }
      if (explain && from === 'CreateContextProviderIfNeeded' && t.dur > 1000) console.log(`    ${from} ${(t.dur / 1000).toFixed(1)} ms, meanwhile: ${otherThreads(events, main, t).join(' || ')}`);
      if (!all || t.dur > all.dur) all = t;
      if (!TELEMETRY.test(from) && (!page || t.dur > page.dur)) page = t;
      if ((!script || t.dur > script.dur) && runsScript(t)) script = t;
    }
    if (explain && all && all.dur > 1500 && all.dur < 15000) {
      console.log(`    long task ${(all.dur / 1000).toFixed(2)} ms (posted from ${all.args?.src_func ?? '?'} ${all.args?.src_file ?? ''}): ${partsOf(all, mine).join(' | ')}`);
    }
    out.push({ all: all ? all.dur / 1000 : 0, page: page ? page.dur / 1000 : 0, script: script ? script.dur / 1000 : 0, cpu: cpu / 1000 });
  }
  const summary = [...origins].sort((x, y) => y[1].max - x[1].max).map(([k, v]) => `${k} x${v.n} (max ${v.max.toFixed(1)}, of it CPU ${v.cpu.toFixed(1)})`);
  if (summary.length) console.log(`    tasks over 1 ms by origin: ${summary.join(', ')}`);
  return out;
}

/**
 * `--parts audio`: from a Chromium trace, for each `bench-start`..`bench-end` window, the CPU time
 * (trace thread time, `tdur`) of the renderer's main thread (the sum over its tasks, the longest
 * task, and how many used over 2 ms) and of each of its other threads whose name says audio or
 * worklet (the sum of their top-level events), with the window's length; all in ms.
 */
const AUDIO_TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8.execute', 'webaudio', 'audio'];
function cpuPerWindow(trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === main.pid).map((e) => [e.tid, String(e.args?.name ?? e.tid)]));
  const audioTids = [...names].filter(([, name]) => /audio|worklet/i.test(name)).map(([tid]) => tid);
  const marks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && (e.name === 'bench-start' || e.name === 'bench-end')).sort((a, b) => a.ts - b.ts);
  const topLevel = (tid) => {
    // complete events on the thread that no other complete event of the thread contains
    const xs = events.filter((e) => e.pid === main.pid && e.tid === tid && e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const out = [];
    let end = -Infinity;
    for (const e of xs) {
      if (e.ts >= end) {
        out.push(e);
        end = e.ts + e.dur;
      }
    }
    return out;
  };
  const mainTasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const audio = audioTids.map((tid) => ({ name: names.get(tid), events: topLevel(tid) }));
  const out = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].name !== 'bench-start' || marks[i + 1].name !== 'bench-end') continue;
    const [a, b] = [marks[i].ts, marks[i + 1].ts];
    const inside = (e) => e.ts >= a && e.ts < b;
    const tasks = mainTasks.filter(inside);
    const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
    const threads = Object.fromEntries(audio.map((t) => [t.name, t.events.filter(inside).reduce((sum, e) => sum + e.tdur / 1000, 0)]));
    // main-thread CPU by what posted the task (its src_func), for the page's log
    const byOrigin = {};
    for (const t of tasks) byOrigin[t.args?.src_func ?? '?'] = (byOrigin[t.args?.src_func ?? '?'] ?? 0) + (t.tdur ?? 0) / 1000;
    out.push({ ms: (b - a) / 1000, mainCpu: cpu.reduce((x, y) => x + y, 0), longestCpu: Math.max(0, ...cpu), over2: cpu.filter((c) => c > 2).length, tasks: tasks.length, threads, byOrigin });
  }
  return out;
}

async function runSession() {
  const args = synthetic ? [] : [`--use-file-for-fake-video-capture=${CAMERA_LINK}`];
  const browser = await chromium.launch({
    executablePath: process.env.MCE_CHROMIUM ?? '/usr/bin/chromium',
    headless: !process.argv.includes('--headed'),
    // --enable-unsafe-webgpu: a WebGPU adapter (SwiftShader here) for the effect-step table.
    // --expose-gc: the page collects garbage before each pass (settleHeap in capture.bench.ts).
    // device-count=2 with --synthetic: two cameras, for the switch benchmark (bench/picture.bench.ts).
    args: ['--use-fake-ui-for-media-stream', synthetic ? '--use-fake-device-for-media-stream=device-count=2' : '--use-fake-device-for-media-stream', '--enable-unsafe-webgpu', '--js-flags=--expose-gc', ...args, ...CHROMIUM_BASE_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    page.on('console', (m) => console.log(`  ${m.text()}`));
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.exposeFunction('benchTrace', async (cmd) => {
      if (cmd === 'start') {
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        return null;
      }
      return longestTasks(JSON.parse((await browser.stopTracing()).toString('utf8')));
    });
    // `--parts audio` (bench/audio.bench.ts): a trace of its own categories, CPU per window.
    await page.exposeFunction('benchCpuTrace', async (cmd) => {
      if (cmd === 'start') {
        await browser.startTracing(page, { categories: AUDIO_TRACE_CATEGORIES });
        return null;
      }
      return cpuPerWindow(JSON.parse((await browser.stopTracing()).toString('utf8')));
    });
    // `--parts recording`: the resident memory (bytes) of every process this run started but Vite's
    // esbuild (`total`: the browser's, its renderers' and GPU's) and of the browser process alone
    // (`browser`: a recording's chunks are in its blob store), read from /proc.
    await page.exposeFunction('benchMemory', async () => {
      const { readdirSync, readFileSync } = await import('node:fs');
      const read = (path) => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return '';
        }
      };
      const children = new Map();
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        const stat = read(`/proc/${pid}/stat`);
        const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
        if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      }
      const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) * 1024;
      const top = (children.get(String(process.pid)) ?? []).filter((pid) => !read(`/proc/${pid}/comm`).startsWith('esbuild'));
      let total = 0;
      const todo = [...top];
      while (todo.length) {
        const pid = todo.pop();
        todo.push(...(children.get(pid) ?? []));
        total += rss(pid);
      }
      // `browser`: the browser process alone (the one this script started), where the blob store is
      return { total, browser: top.reduce((sum, pid) => sum + rss(pid), 0) };
    });
    // Called by the page before it opens the camera for a size (no track open then).
    await page.exposeFunction('benchCamera', (size) => (synthetic ? null : pointCamera(size)));
    await page.goto(`http://127.0.0.1:${address.port}/bench/${pageName}.html?n=${n}&sizes=${sizes.join(',')}&camera=${camera}&parts=${parts}${process.argv.includes("--trace-steps") ? "&trace=1" : ""}`);
    await page.waitForFunction(() => window.__benchResult, undefined, { timeout: 15 * 60_000, polling: 500 });
    const result = await page.evaluate(() => window.__benchResult);
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await browser.close();
  }
}

/**
 * Prints `rows` under `title` as a console table (nothing when there are none). Each column is a
 * field copied as it is, `[field, digits]` (rounded to that many decimals), or a function of the row.
 */
function printTable(title, rows, columns) {
  if (!rows?.length) return;
  console.log(title);
  const cell = (r, c) => (typeof c === 'function' ? c(r) : Array.isArray(c) ? +r[c[0]].toFixed(c[1]) : r[c]);
  console.table(rows.map((r) => Object.fromEntries(Object.entries(columns).map(([label, c]) => [label, cell(r, c)]))));
}

/** The first two columns of the latency, alternated and noise tables. */
const ROW = { size: 'size', method: 'method' };

let exitCode = 0;
try {
  const result = await runSession();
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), camera, ...result }, null, 2));
  console.log(`\n${result.env}`);
  for (const t of result.tracks ?? []) {
    console.log(`camera ${t.size}: track settings ${t.width}x${t.height} @ ${t.frameRate} fps (${t.resizeMode}); VideoFrame coded ${t.coded}`);
  }
  printTable(
    '\nCapture latency (x floor = median / floor of the same size; block = longest heartbeat gap on the main thread,' +
      ' which includes waiting for a CPU core; task = longest main-thread task in a Chromium trace; w/o telemetry = without the page-load-metrics timer of Chromium; script task = longest task that ran JavaScript; task CPU = most CPU time one task used)',
    result.latency,
    {
      ...ROW,
      'median ms': ['median', 1],
      'p90 ms': ['p90', 1],
      'block typ ms': ['typicalBlock', 1],
      'block max ms': ['maxBlock', 1],
      'task typ ms': ['taskTyp', 1],
      'task max ms': ['taskMax', 1],
      'task max w/o telemetry': ['taskMaxPage', 1],
      'script task max': ['taskMaxScript', 1],
      'task CPU max': ['taskMaxCpu', 1],
      'x floor': (r) => (Number.isNaN(r.ratio) ? '-' : +r.ratio.toFixed(2)),
      KB: (r) => Math.round(r.bytes / 1024),
    },
  );
  printTable('Alternated call by call with the floor (ABBA; x floor = median / floor median over the same pairs)', result.paired, {
    ...ROW,
    pairs: 'pairs',
    'median ms': ['median', 1],
    'floor median ms': ['floorMedian', 1],
    'x floor': ['ratio', 2],
    'median pair ratio': ['pairRatio', 2],
    'pairs over 1.3x %': (r) => Math.round(r.over13 * 100),
  });
  printTable(
    "Against the machine's noise: calls alternated with windows of the same length where the page does nothing (idle), or does nothing while a worker burns CPU (busy); traced; over 2 ms = windows whose longest main-thread task was over 2 ms; CPU = most CPU time one task used",
    result.versusIdle,
    {
      ...ROW,
      'windows each': 'windows',
      'call median ms': ['callMedian', 1],
      'over 2 ms: call / idle / busy': (r) => `${r.callOver2} / ${r.idleOver2} / ${r.busyOver2}`,
      'task max ms': (r) => `${r.callMax.toFixed(1)} / ${r.idleMax.toFixed(1)} / ${r.busyMax.toFixed(1)}`,
      'task CPU max ms': (r) => `${r.callCpuMax.toFixed(1)} / ${r.idleCpuMax.toFixed(1)} / ${r.busyCpuMax.toFixed(1)}`,
    },
  );
  printTable('Live effect preview', result.fps, {
    size: 'size',
    renderer: 'renderer',
    effect: 'effect',
    fps: ['fps', 1],
    'camera fps': ['cameraFps', 1],
    'max block ms': ['maxBlock', 1],
    'main thread blocked %': (r) => Math.round(r.blockedShare * 100),
  });
  printTable('Effect step alone (sepia, from a camera VideoFrame to RGBA pixels in memory, main thread)', result.steps, {
    ...ROW,
    'median ms': ['median', 1],
    'p90 ms': ['p90', 1],
  });
  for (const t of result.tables ?? []) printTable(`\n${t.title}`, t.rows, Object.fromEntries(Object.keys(t.rows[0] ?? {}).map((k) => [k, k])));
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await server.close();
}
process.exit(exitCode);
