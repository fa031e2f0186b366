// The framework examples (examples/react, examples/vue, examples/svelte, examples/angular) are built with Vite and
// their main flow is driven in Debian Chromium with fake cameras; the CDN file is loaded from a
// plain HTML page. Run by `npm test` (node --test) after the package build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/serve-static.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = ['react', 'vue', 'svelte', 'angular'];
const out = join(root, '.cache/examples');
let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(root, 'dist/define.js')), 'dist/ is missing: npm run build');
  for (const name of EXAMPLES) {
    const dir = join(root, 'examples', name);
    await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'warn' });
  }
  server = await serveStatic({ '/examples/': out, '/dist/': join(root, 'dist'), '/': join(root, 'test/examples') });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

for (const name of EXAMPLES) {
  test(`${name}: attributes, properties and events drive the camera`, async () => {
    const { page, errors } = await open(`/examples/${name}/`);
    try {
      const start = page.locator('media-preview [part~="start-button"]');
      await start.waitFor({ timeout: 10_000 });
      assert.equal((await start.textContent()).trim(), 'Start camera', 'the strings property reached the element');
      // set as an attribute or as the property (React 19 and Svelte prefer the property)
      assert.equal(await page.evaluate(() => document.querySelector('media-preview').fit), 'cover');
      await start.click();
      await page.locator('#state', { hasText: 'live' }).waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('media-preview').getAttribute('state'), 'live');
      const select = page.locator('media-device-picker select');
      await page.waitForFunction(() => document.querySelector('media-device-picker')?.shadowRoot?.querySelector('select')?.options.length === 3);
      const second = await select.locator('option').nth(1).getAttribute('value');
      await select.selectOption(second);
      await page.locator('#device', { hasText: second }).waitFor({ timeout: 10_000 });
      // <media-track-controls> shows the frame rate of the live camera; <media-recorder> on the
      // same stream records a second and the framework's recording-stop listener shows the file.
      await page.locator('media-track-controls input[name="frameRate"]').waitFor({ timeout: 10_000 });
      await page.evaluate(async () => {
        const recorder = document.querySelector('media-recorder');
        await recorder.start();
        await recorder.startRecording();
        await new Promise((r) => setTimeout(r, 1000));
        await recorder.stopRecording();
      });
      await page.locator('#recorded', { hasText: /^video\/\S+ [1-9]\d*$/ }).waitFor({ timeout: 10_000 });
      await page.click('#stop');
      await page.locator('#state', { hasText: 'idle' }).waitFor({ timeout: 10_000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}

test('cdn: one <script type="module"> registers every element (lit bundled)', async () => {
  assert.ok(existsSync(join(root, 'dist/cdn/media-capture-elements.js')), 'dist/cdn is missing: npm run build');
  const { page, errors } = await open('/cdn.html');
  try {
    await page.waitForFunction(() => document.querySelector('media-preview')?.getAttribute('state') === 'live', undefined, { timeout: 10_000 });
    const tags = await page.evaluate(() => ['media-device-picker', 'media-preview', 'photo-booth', 'audio-level-meter', 'media-recorder', 'media-track-controls'].filter((t) => customElements.get(t)));
    assert.equal(tags.length, 6, `registered: ${tags}`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 1);
    // It exports what the package's entries export: a page on a CDN can test errors and events.
    const missing = await page.evaluate(async () => {
      const mod = await import('/dist/cdn/media-capture-elements.js');
      const names = ['getMediaStreamController', 'MediaCaptureError', 'CaptureError', 'CapturePipeline', 'PhotoBooth', 'PhotoCaptureEvent', 'MediaPreview', 'MediaDevicePicker', 'AudioLevelMeter', 'MediaRecorderElement', 'RecordingStopEvent', 'MediaTrackControls'];
      return names.filter((n) => typeof mod[n] !== 'function');
    });
    assert.deepEqual(missing, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
