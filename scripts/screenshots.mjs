#!/usr/bin/env node
// `npm run screenshots`: the pictures of the README and the guides, made from the real elements
// (the CDN file in dist/cdn/, built first when missing) in Debian's Chromium, whose fake camera
// plays photo-like frames written by the test kit (writeY4m) and whose fake microphone plays a
// tone. Writes docs/screenshots/elements.png (the elements together on one stream) and one
// picture per element (docs/screenshots/<tag>.png). Options: --out <dir>.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { serveStatic } from './serve-static.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const out = resolve(root, argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'docs/screenshots');

if (!existsSync(join(root, 'dist/cdn/media-capture-elements.js')) || !existsSync(join(root, 'dist/src/testing/node.js'))) {
  console.log('dist/ is missing: npm run build');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The kit's own Y4M writer: a camera that shows a town at dusk rather than a test card.
const { writeY4m } = await import(join(root, 'dist/src/testing/node.js'));
const camera = writeY4m(join(root, '.cache/screenshot-camera.y4m'), { pattern: 'photo', width: 640, height: 360, frames: 4 });

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>media-capture-elements</title>
  <script type="module" src="/dist/cdn/media-capture-elements.js"></script>
  <style>
    body { margin: 0; padding: 24px; font: 15px/1.4 system-ui, sans-serif; background: #f6f7f9; color: #1f2328; }
    main { display: grid; grid-template-columns: 360px 420px; gap: 20px; align-items: start; }
    .card { background: #fff; border-radius: 12px; padding: 14px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
    .card h2 { margin: 0 0 10px; font-size: 13px; font-weight: 600; color: #57606a; font-family: ui-monospace, monospace; }
    .stack { display: grid; gap: 20px; }
    media-preview { width: 100%; }
    photo-booth, media-recorder { width: 100%; }
    .wide { grid-column: 1 / -1; max-width: 560px; }
  </style>
</head>
<body>
  <main>
    <div class="stack">
      <section class="card" id="picker"><h2>&lt;media-device-picker&gt;</h2><media-device-picker kind="audioinput" stream="shot"></media-device-picker></section>
      <section class="card" id="preview"><h2>&lt;media-preview&gt;</h2><media-preview stream="shot" autostart fit="cover"></media-preview></section>
      <section class="card" id="meter"><h2>&lt;audio-level-meter&gt;</h2><audio-level-meter stream="shot" autostart></audio-level-meter></section>
    </div>
    <div class="stack">
      <section class="card" id="booth"><h2>&lt;photo-booth&gt;</h2><photo-booth stream="shot" autostart effect="vintage" max-shots="3"></photo-booth></section>
      <section class="card" id="controls"><h2>&lt;media-track-controls&gt;</h2><media-track-controls stream="shot" properties="frameRate focusMode focusDistance"></media-track-controls></section>
    </div>
    <section class="card wide" id="recorder"><h2>&lt;media-recorder&gt;</h2><media-recorder stream="shot" autostart effect="sepia" max-duration="60"></media-recorder></section>
  </main>
</body>
</html>`;

mkdirSync(join(root, '.cache/screenshots-page'), { recursive: true });
writeFileSync(join(root, '.cache/screenshots-page/index.html'), PAGE);
const server = await serveStatic({ '/dist/': join(root, 'dist'), '/': join(root, '.cache/screenshots-page') });
const browser = await launchChromium([`--use-file-for-fake-video-capture=${camera}`]);
try {
  const page = await browser.newPage({ viewport: { width: 860, height: 1100 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  // Every element live, with a picture (no sleeping: each wait is for the real thing).
  await page.waitForFunction(
    () => ['media-preview', 'photo-booth', 'audio-level-meter', 'media-recorder', 'media-track-controls'].every((t) => document.querySelector(t)?.getAttribute('state') === 'live'),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForFunction(() => {
    const v = document.querySelector('media-preview')?.shadowRoot?.querySelector('video');
    const c = document.querySelector('photo-booth')?.canvasElement;
    return v && v.readyState >= 2 && c && c.width > 1;
  }, undefined, { timeout: 20_000 });
  // Three photos, so that the booth shows its strip.
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => document.querySelector('photo-booth').capture());
  }
  // The strip's thumbnails decoded, and a level on the meter.
  await page.waitForFunction(
    () => [...(document.querySelector('photo-booth')?.shadowRoot?.querySelectorAll('img') ?? [])].every((img) => img.complete && img.naturalWidth > 0),
    undefined,
    { timeout: 10_000 },
  );
  await page.waitForFunction(() => (document.querySelector('audio-level-meter')?.levels ?? []).some((l) => Number.isFinite(l.peak) && l.peak > -60), undefined, { timeout: 10_000 }).catch(() => {
    console.warn('screenshots: the meter shows no level (no sound from the fake microphone?)');
  });
  // The recorder recording for a moment (its elapsed time and stop button shown), and the camera
  // controls built from the live track.
  await page.waitForFunction(() => document.querySelector('media-track-controls')?.shadowRoot?.querySelector('[name="frameRate"]'), undefined, { timeout: 10_000 });
  await page.evaluate(() => document.querySelector('media-recorder').startRecording());
  await page.waitForFunction(() => document.querySelector('media-recorder').recordedTime > 1200, undefined, { timeout: 10_000 });
  // The flash of the last photo gone (it is removed when its animation ends), then the pictures.
  await page.waitForFunction(() => !document.querySelector('photo-booth')?.shadowRoot?.querySelector('[part~="flash"]'), undefined, { timeout: 5000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  mkdirSync(out, { recursive: true });
  const shots = [
    ['elements', 'main'],
    ['media-device-picker', '#picker'],
    ['media-preview', '#preview'],
    ['audio-level-meter', '#meter'],
    ['photo-booth', '#booth'],
    ['media-recorder', '#recorder'],
    ['media-track-controls', '#controls'],
  ];
  for (const [name, selector] of shots) {
    const file = join(out, `${name}.png`);
    await page.locator(selector).screenshot({ path: file, animations: 'disabled' });
    console.log(`wrote ${file}`);
  }
  await page.evaluate(() => document.querySelector('media-recorder').stopRecording());
  if (errors.length) throw new Error(`the page had errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
