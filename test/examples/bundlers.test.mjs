// <photo-booth> bundled as users bundle it: examples/esbuild and examples/rollup (the worker files
// copied and placed with setAssetBase), examples/webpack (webpack 5 bundles the workers itself), the
// same page through Vite, and the CDN file. Each is driven in Debian Chromium with fake cameras
// and must encode its photo in the worker (photo-capture's `encoder`), with no warning. And the
// case of issue 23: an esbuild bundle whose worker files were not placed warns once, naming the
// file and what to do, and encodes on the main thread. Run by `npm test` after the package build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, createReadStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { build as viteBuild } from 'vite';
import { launchChromium } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { buildEsbuildExample } from '../../examples/esbuild/build.mjs';
import { webpackConfig } from '../../examples/webpack/webpack.config.mjs';
import { rollupConfig } from '../../examples/rollup/rollup.config.mjs';
import { rollup } from 'rollup';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, '.cache/examples-bundlers');
let server;
let browser;
/** The CDN file's folder (dist/cdn/) on a second origin, with CORS as jsDelivr serves it. */
let cdn;

/** Serves dist/cdn/ on 127.0.0.1 at a port of its own (another origin than the pages'), with CORS. */
function serveCdn() {
  const dir = join(root, 'dist/cdn');
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.map') ? 'application/json' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    http.listen(0, '127.0.0.1', () => {
      done({ url: `http://127.0.0.1:${http.address().port}`, close: () => new Promise((c) => http.close(() => c()).closeAllConnections()) });
    });
  });
}

function runWebpack(config) {
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    }),
  );
}

before(async () => {
  assert.ok(existsSync(join(root, 'dist/workers/encode.worker.js')), 'dist/workers/encode.worker.js is missing: npm run build');
  rmSync(out, { recursive: true, force: true });
  await buildEsbuildExample(join(out, 'esbuild'));
  // What a new user does first: bundle the elements with esbuild, copy nothing, set nothing.
  const bare = join(out, 'esbuild-bare');
  mkdirSync(bare, { recursive: true });
  const entry = join(bare, 'main.js');
  writeFileSync(
    entry,
    "import 'media-capture-elements/define';\n" +
      "document.addEventListener('photo-capture', (e) => (document.querySelector('#encoder').value = e.detail.encoder));\n",
  );
  await buildEsbuildExample(bare, { entry, copyWorkers: false });
  await runWebpack(webpackConfig(join(out, 'webpack')));
  const rollupOptions = rollupConfig(join(out, 'rollup'));
  const bundle = await rollup({ ...rollupOptions, onwarn: () => {} });
  await bundle.write(rollupOptions.output); // its writeBundle copies the page and the worker files
  await bundle.close();
  copyFileSync(join(root, 'examples/webpack/index.html'), join(out, 'webpack/index.html'));
  // Vite builds the webpack example's page as it is (Vite also follows the workers by itself).
  await viteBuild({
    root: join(root, 'examples/webpack'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    plugins: [
      {
        name: 'module-script',
        transformIndexHtml: {
          order: 'pre',
          handler: (html) => html.replace('<script defer src="./app.js"></script>', '<script type="module" src="./main.js"></script>'),
        },
      },
    ],
    resolve: { tsconfigPaths: false },
    build: { outDir: join(out, 'vite'), emptyOutDir: true },
  });
  // The CDN snippet as a page copies it: the file on another origin (as on jsDelivr), nothing else.
  cdn = await serveCdn();
  mkdirSync(join(out, 'cdn-cross'), { recursive: true });
  writeFileSync(
    join(out, 'cdn-cross/index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The CDN file from another origin</title>` +
      `<script type="module" src="${cdn.url}/media-capture-elements.js"></script></head><body><main>` +
      `<photo-booth autostart></photo-booth><p>Last photo encoded on: <output id="encoder">none yet</output></p></main>` +
      `<script type="module">document.addEventListener('photo-capture', (e) => (document.querySelector('#encoder').value = e.detail.encoder));</script>` +
      `</body></html>`,
  );
  server = await serveStatic({ '/bundlers/': out, '/dist/': join(root, 'dist'), '/': join(root, 'test/examples') });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await cdn?.close();
});

/** Opens a page, takes one photo with <photo-booth>, and says where it was encoded. */
async function photo(path, photos = 1) {
  const page = await browser.newPage();
  const errors = [];
  const warnings = [];
  const failed = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  try {
    await page.goto(`${server.url}${path}`);
    const start = page.locator('photo-booth [part~="start-button"]');
    if (!(await page.locator('photo-booth').getAttribute('autostart') !== null)) {
      await start.click({ timeout: 10_000 });
    }
    await page.waitForFunction(() => document.querySelector('photo-booth')?.getAttribute('state') === 'live', undefined, { timeout: 10_000 });
    const encoders = [];
    for (let i = 0; i < photos; i++) {
      await page.evaluate(() => (document.querySelector('#encoder').value = ''));
      await page.locator('photo-booth [part~="shutter"]').click();
      await page.waitForFunction(() => document.querySelector('#encoder').value !== '', undefined, { timeout: 15_000 });
      encoders.push(await page.locator('#encoder').textContent());
    }
    return { encoders, errors, warnings, failed };
  } finally {
    await page.close();
  }
}

const workerWarnings = (warnings) => warnings.filter((w) => w.includes('could not be loaded'));

/**
 * Opens a page and measures the fake microphone with an <audio-level-meter> of the page's own
 * bundle: says how it measures (`worklet`: its AudioWorklet module was found; `analyser`: not).
 */
async function meter(path) {
  const page = await browser.newPage();
  const errors = [];
  const warnings = [];
  const failed = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  try {
    await page.goto(`${server.url}${path}`);
    await page.mouse.click(1, 1); // a user gesture, for the page's AudioContext
    const measurement = await page.evaluate(async () => {
      await customElements.whenDefined('audio-level-meter');
      const el = document.createElement('audio-level-meter');
      document.body.append(el);
      el.srcObject = await navigator.mediaDevices.getUserMedia({ audio: true });
      // The meter measures once its worklet module loaded or failed (then with the analyser).
      const end = performance.now() + 10_000;
      while (el.measurement === 'none' && performance.now() < end) await new Promise((r) => requestAnimationFrame(r));
      return el.measurement;
    });
    return { measurement, errors, warnings, failed };
  } finally {
    await page.close();
  }
}

test('esbuild: the worker files copied and placed with setAssetBase(): the photo is encoded in the worker', async () => {
  const r = await photo('/bundlers/esbuild/');
  assert.deepEqual(r.encoders, ['worker']);
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});

test('esbuild without the worker files: one warning names the worker file that failed, its URL and what to do; photos on the main thread', async () => {
  const r = await photo('/bundlers/esbuild-bare/', 2);
  assert.deepEqual(r.encoders, ['main', 'main']);
  const warned = workerWarnings(r.warnings);
  assert.equal(warned.length, 1, `one warning, got: ${JSON.stringify(r.warnings)}`);
  // The first of the kit's files that failed (the encode worker, or the live one: both start as the camera goes live).
  // The URL tried: the package's path to dist/workers/ (../../workers/) from the bundle's app.js.
  assert.match(
    warned[0],
    /^\[media-capture-elements\] (encode\.worker\.js could not be loaded from http:\/\/[^ /]+\/workers\/encode\.worker\.js, so photos are encoded on the main thread|live\.worker\.js could not be loaded from http:\/\/[^ /]+\/workers\/live\.worker\.js, so the live preview is drawn on the main thread)/,
  );
  assert.match(warned[0], /setAssetBase\(/);
  assert.match(warned[0], /dist\/workers\//);
  assert.ok(r.failed.some((f) => f.startsWith('404') && f.endsWith('/workers/encode.worker.js')), `the 404: ${r.failed}`);
  assert.deepEqual(r.errors.filter((e) => !/404|Failed to load resource/.test(e)), []);
});

test('webpack 5: the workers are bundled by webpack itself: the photo is encoded in the worker', async () => {
  const r = await photo('/bundlers/webpack/');
  assert.deepEqual(r.encoders, ['worker']);
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});

test('Rollup: the worker files copied and placed with setAssetBase(): the photo is encoded in the worker', async () => {
  const r = await photo('/bundlers/rollup/');
  assert.deepEqual(r.encoders, ['worker']);
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});

test('Vite: the same page built by Vite: the photo is encoded in the worker', async () => {
  const r = await photo('/bundlers/vite/');
  assert.deepEqual(r.encoders, ['worker']);
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});

test('CDN file: its workers beside it (dist/cdn/workers/): the photo is encoded in the worker', async () => {
  const r = await photo('/cdn-booth.html');
  assert.deepEqual(r.encoders, ['worker']);
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});

// <audio-level-meter>'s AudioWorklet module (dist/workers/level-meter.worklet.js), under each bundler.
for (const [name, path] of [
  ['esbuild (files copied, setAssetBase)', '/bundlers/esbuild/'],
  ['webpack 5 (nothing to do)', '/bundlers/webpack/'],
  ['Rollup (files copied, setAssetBase)', '/bundlers/rollup/'],
  ['Vite (nothing to do)', '/bundlers/vite/'],
  ['CDN file (workers/ beside it)', '/cdn-booth.html'],
]) {
  test(`${name}: <audio-level-meter> loads its worklet (measurement worklet), no warning, no error`, async () => {
    const r = await meter(path);
    assert.equal(r.measurement, 'worklet', JSON.stringify(r));
    assert.deepEqual(workerWarnings(r.warnings), []);
    assert.deepEqual(r.failed, []);
    assert.deepEqual(r.errors, []);
  });
}

test('esbuild without the files: <audio-level-meter> measures with the analyser and warns once, naming the worklet URL tried', async () => {
  const r = await meter('/bundlers/esbuild-bare/');
  assert.equal(r.measurement, 'analyser', JSON.stringify(r));
  const warned = workerWarnings(r.warnings);
  assert.equal(warned.length, 1, JSON.stringify(r.warnings));
  assert.match(warned[0], /level-meter\.worklet\.js could not be loaded from http:\/\/[^ /]+\/workers\/level-meter\.worklet\.js, so sound levels are measured with an AnalyserNode/);
  assert.deepEqual(r.errors.filter((e) => !/404|Failed to load resource|Unable to load a worklet/.test(e)), []);
});

test('CDN file from another origin (CORS, as jsDelivr): the workers start through a same-origin blob: module: the photo is encoded in the worker', async () => {
  const r = await photo('/bundlers/cdn-cross/');
  assert.deepEqual(r.encoders, ['worker']);
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});

test('CDN file from another origin: <audio-level-meter> loads its worklet across origins (addModule with CORS)', async () => {
  const r = await meter('/bundlers/cdn-cross/');
  assert.equal(r.measurement, 'worklet', JSON.stringify(r));
  assert.deepEqual(workerWarnings(r.warnings), []);
  assert.deepEqual(r.failed, []);
  assert.deepEqual(r.errors, []);
});
