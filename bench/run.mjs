#!/usr/bin/env node
// Runs bench/capture.bench.ts in Debian's Chromium with a fake camera (playwright-core) and
// prints the results. Files are served by Vite's dev server (TypeScript and the module worker).
//   node bench/run.mjs [--n 12] [--sizes 720,1080,2160] [--headed]
//   [--single] [--synthetic] [--json out.json]
// The camera plays photo-like frames (bench/photo-y4m.mjs, cached in .cache/): by default one
// Chromium per size, each with a y4m of that size; `--single`: one Chromium whose camera plays the
// 4K file, each size asked with getUserMedia (`resizeMode: 'crop-and-scale'`); `--synthetic`:
// Chromium's built-in fake camera (a flat frame with a small pie: unrealistically cheap to encode).
// The page checks the track settings (and prints the VideoFrames' coded size).
// Env: MCE_CHROMIUM (default /usr/bin/chromium).
import { CHROMIUM_BASE_ARGS } from '../scripts/chromium-flags.mjs';
import { makePhotoY4m } from './photo-y4m.mjs';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const n = arg('n', '12');
const sizes = arg('sizes', '720,1080,2160').split(',');
const synthetic = process.argv.includes('--synthetic');
const single = process.argv.includes('--single');
const jsonOut = arg('json', null);
const DIMS = { 720: [1280, 720], 1080: [1920, 1080], 2160: [3840, 2160] };
const camera = synthetic ? 'synthetic' : single ? 'photo-4k-scaled' : 'photo';

// One Chromium per session. Photo mode: one session per size whose camera plays a y4m of that
// size, because Chromium's file camera has a single native format and `crop-and-scale` only
// relabels its frames (a 1080p track still carries 4K VideoFrames, scaled by every consumer),
// which would bill a 4K-to-1080p conversion to every method but the floor.
const sessions = synthetic
  ? [{ sizes, args: [] }]
  : single
    ? [{ sizes, args: [`--use-file-for-fake-video-capture=${makePhotoY4m(3840, 2160)}`] }]
    : sizes.map((s) => ({ sizes: [s], args: [`--use-file-for-fake-video-capture=${makePhotoY4m(...DIMS[s])}`] }));

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
await server.listen();
const address = server.httpServer.address();

/**
 * From a Chromium trace: for each `bench-start`..`bench-end` window (performance.mark), the longest
 * task (ThreadControllerImpl::RunTask) of the renderer's main thread that overlaps it, in ms.
 */
function longestTasks(trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = mine.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const marks = mine.filter((e) => e.name === 'bench-start' || e.name === 'bench-end').sort((a, b) => a.ts - b.ts);
  const out = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].name !== 'bench-start' || marks[i + 1].name !== 'bench-end') continue;
    const [a, b] = [marks[i].ts, marks[i + 1].ts];
    let longest = 0;
    for (const t of tasks) if (t.ts < b && t.ts + t.dur > a) longest = Math.max(longest, t.dur / 1000);
    out.push(longest);
  }
  return out;
}

async function runSession({ sizes: sessionSizes, args }) {
  const browser = await chromium.launch({
    executablePath: process.env.MCE_CHROMIUM ?? '/usr/bin/chromium',
    headless: !process.argv.includes('--headed'),
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...args, ...CHROMIUM_BASE_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    page.on('console', (m) => console.log(`  ${m.text()}`));
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.exposeFunction('benchTrace', async (cmd) => {
      if (cmd === 'start') {
        await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
        return null;
      }
      return longestTasks(JSON.parse((await browser.stopTracing()).toString('utf8')));
    });
    await page.goto(`http://127.0.0.1:${address.port}/bench/index.html?n=${n}&sizes=${sessionSizes.join(',')}&camera=${camera}`);
    await page.waitForFunction(() => window.__benchResult, undefined, { timeout: 15 * 60_000, polling: 500 });
    const result = await page.evaluate(() => window.__benchResult);
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await browser.close();
  }
}

let exitCode = 0;
try {
  const result = { env: '', tracks: [], latency: [], fps: [] };
  for (const session of sessions) {
    const r = await runSession(session);
    result.env = r.env;
    result.tracks.push(...r.tracks);
    result.latency.push(...r.latency);
    result.fps.push(...r.fps);
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), camera, ...result }, null, 2));
  console.log(`\n${result.env}`);
  for (const t of result.tracks) {
    console.log(`camera ${t.size}: track settings ${t.width}x${t.height} @ ${t.frameRate} fps (${t.resizeMode}); VideoFrame coded ${t.coded}`);
  }
  console.log(
    '\nCapture latency (x floor = median / floor of the same size; block = longest heartbeat gap on the main thread,' +
      ' which includes waiting for a CPU core; task = longest main-thread task in a Chromium trace)',
  );
  console.table(
    result.latency.map((r) => ({
      size: r.size,
      method: r.method,
      'median ms': +r.median.toFixed(1),
      'p90 ms': +r.p90.toFixed(1),
      'block typ ms': +r.typicalBlock.toFixed(1),
      'block max ms': +r.maxBlock.toFixed(1),
      'task typ ms': +r.taskTyp.toFixed(1),
      'task max ms': +r.taskMax.toFixed(1),
      'x floor': Number.isNaN(r.ratio) ? '-' : +r.ratio.toFixed(2),
      KB: Math.round(r.bytes / 1024),
    })),
  );
  console.log('Live effect preview');
  console.table(
    result.fps.map((r) => ({
      size: r.size,
      renderer: r.renderer,
      effect: r.effect,
      fps: +r.fps.toFixed(1),
      'camera fps': +r.cameraFps.toFixed(1),
      'max block ms': +r.maxBlock.toFixed(1),
    })),
  );
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await server.close();
}
process.exit(exitCode);
