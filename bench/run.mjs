#!/usr/bin/env node
// Runs bench/capture.bench.ts in Debian's Chromium with a fake camera (playwright-core) and
// prints the results. Files are served by Vite's dev server (TypeScript and the module worker).
//   node bench/run.mjs [--n 12] [--sizes 720,1080,2160] [--headed]
// Env: MCE_CHROMIUM (default /usr/bin/chromium).
import { CHROMIUM_BASE_ARGS } from '../scripts/chromium-flags.mjs';
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
const sizes = arg('sizes', '720,1080,2160');

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
await server.listen();
const address = server.httpServer.address();
const url = `http://127.0.0.1:${address.port}/bench/index.html?n=${n}&sizes=${sizes}`;

const browser = await chromium.launch({
  executablePath: process.env.MCE_CHROMIUM ?? '/usr/bin/chromium',
  headless: !process.argv.includes('--headed'),
  args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...CHROMIUM_BASE_ARGS],
});
let exitCode = 0;
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  page.on('console', (m) => console.log(`  ${m.text()}`));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__benchResult, undefined, { timeout: 15 * 60_000, polling: 500 });
  const result = await page.evaluate(() => window.__benchResult);
  if (result.error) throw new Error(result.error);
  console.log('\nCapture latency (ratio = median / floor of the same size; max block = longest main-thread task)');
  console.table(
    result.latency.map((r) => ({
      size: r.size,
      method: r.method,
      'median ms': +r.median.toFixed(1),
      'p90 ms': +r.p90.toFixed(1),
      'block typ ms': +r.typicalBlock.toFixed(1),
      'block max ms': +r.maxBlock.toFixed(1),
      'x floor': Number.isNaN(r.ratio) ? '-' : +r.ratio.toFixed(2),
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
  await browser.close();
  await server.close();
}
process.exit(exitCode);
