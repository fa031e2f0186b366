#!/usr/bin/env node
// Interaction tests of the stories, in Debian Chromium with fake cameras (part of `npm test`):
//   1. builds Storybook statically (storybook-static/, about 10 s; --no-build reuses it);
//   2. serves it on 127.0.0.1 and opens every story of index.json in a fresh browser context;
//   3. listens on Storybook's own preview channel: a story passes when it renders, its play
//      function (if any) passes, and the accessibility addon's axe report has no violation
//      (`parameters.a11y.test: 'error'`, set in .storybook/preview.ts); it fails on a render or
//      play exception, an uncaught page error, a failed report, or no `storyFinished` in time;
//   4. opens every docs page too (the guides in stories/*.mdx and each element's Docs page): it
//      fails on a render error, an uncaught page error, no `docsRendered` in time, or a violation
//      found by axe (axe-core, the a11y addon's engine) in the rendered page, live examples included;
//   5. prints one line per story or page and writes .cache/storybook-summary.json ({ passed, failed, skipped }).
// Options: --no-build, --grep <substring of the story id>, --timeout <ms per story> (default 20000).
// A story tagged `skip-test` ("tags: ['skip-test']") is counted as skipped.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { serveStatic } from './serve-static.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(root, 'storybook-static');
const SUMMARY = resolve(root, '.cache/storybook-summary.json');

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const grep = opt('--grep', '');
const timeout = Number(opt('--timeout', '20000'));

function writeSummary(s) {
  mkdirSync(dirname(SUMMARY), { recursive: true });
  writeFileSync(SUMMARY, JSON.stringify(s, null, 2));
}

if (!argv.includes('--no-build')) {
  const t0 = Date.now();
  const r = spawnSync(resolve(root, 'node_modules/.bin/storybook'), ['build', '-o', OUT, '--quiet', '--disable-telemetry'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    console.error('storybook build failed');
    writeSummary({ passed: 0, failed: 1, skipped: 0 });
    process.exit(1);
  }
  console.log(`storybook build: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const index = JSON.parse(readFileSync(resolve(OUT, 'index.json'), 'utf8'));
const stories = Object.values(index.entries)
  .filter((e) => (e.type === 'story' || e.type === 'docs') && (!grep || e.id.includes(grep)))
  .sort((a, b) => a.id.localeCompare(b.id, 'en'));
const AXE = resolve(root, 'node_modules/axe-core/axe.min.js');

/** Runs in the page before Storybook: catches the channel when the preview installs it. */
const hook = () => {
  const w = window;
  w.__mce = { done: false, errors: [], reports: [], status: null };
  const finish = (status) => {
    w.__mce.status ??= status;
    w.__mce.done = true;
  };
  const message = (e) => (e && (e.stack || e.message || e.description || e.title)) || String(e);
  let channel;
  Object.defineProperty(w, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next) {
      channel = next;
      if (!next || next.__mceHooked) return;
      next.__mceHooked = true;
      next.on('storyErrored', (e) => w.__mce.errors.push(`render error: ${message(e)}`));
      next.on('storyThrewException', (e) => w.__mce.errors.push(`exception: ${message(e)}`));
      next.on('playFunctionThrewException', (e) => w.__mce.errors.push(`play function: ${message(e)}`));
      next.on('unhandledErrorsWhilePlaying', (errs) => w.__mce.errors.push(`unhandled while playing: ${[].concat(errs).map(message).join('; ')}`));
      next.on('storyMissing', (id) => (w.__mce.errors.push(`story missing: ${id}`), finish('error')));
      next.on('docsRendered', () => finish('docs'));
      next.on('storyFinished', ({ status, reporters }) => {
        w.__mce.reports = (reporters ?? []).map((r) => ({
          type: r.type,
          status: r.status,
          violations: (r.result?.violations ?? []).map((v) => `${v.id}: ${v.help} (${(v.nodes ?? []).map((n) => [].concat(n.target).join(' ')).join(', ')})`),
        }));
        finish(status);
      });
    },
  });
};

/**
 * A docs page: waits for `docsRendered`, then for every live example on it to have rendered
 * (each `.docs-story` holds its story's root), then runs axe on the page's content. Returns the
 * problems found.
 */
async function openDocs(page, entry) {
  await page.goto(`${server.url}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=docs`);
  await page.waitForFunction(() => window.__mce?.done, undefined, { timeout, polling: 100 });
  await page
    .waitForFunction(
      () => [...document.querySelectorAll('.docs-story')].every((s) => s.querySelector('[id^="story--"] *, .innerZoomElementWrapper *')),
      undefined,
      { timeout: Math.min(timeout, 10_000), polling: 100 },
    )
    .catch(() => {}); // a page whose examples did not all render still gets its axe run; errors are reported
  const r = await page.evaluate(() => window.__mce);
  const problems = [...r.errors];
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const root = document.querySelector('#storybook-docs') ?? document.body;
    // Storybook's own controls table (its toggles and radio groups) is left out: it is the tool's
    // UI, not the page's content; the live examples and the text are checked.
    const result = await window.axe.run({ include: [root], exclude: [['.docblock-argstable']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => [].concat(n.target).join(' ')).slice(0, 5).join(', ')})`);
  });
  if (violations.length) problems.push(`axe: ${violations.join('; ')}`);
  return problems;
}

const server = await serveStatic({ '/': OUT });
const browser = await launchChromium();
const results = { passed: 0, failed: 0, skipped: 0, failures: [] };
const t0 = Date.now();
try {
  for (const story of stories) {
    const label = `${story.title} › ${story.name}`;
    if (story.tags?.includes('skip-test')) {
      results.skipped++;
      console.log(`  - ${label} (skipped: tagged skip-test)`);
      continue;
    }
    const started = Date.now();
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(`uncaught: ${e.stack ?? e.message}`));
    await page.addInitScript(hook);
    let problems = [];
    try {
      if (story.type === 'docs') problems = await openDocs(page, story);
      else {
        await page.goto(`${server.url}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
        await page.waitForFunction(() => window.__mce?.done, undefined, { timeout, polling: 100 });
        const r = await page.evaluate(() => window.__mce);
        problems = [...r.errors];
        for (const rep of r.reports) {
          if (rep.status === 'failed') problems.push(`${rep.type} report failed: ${rep.violations.join('; ') || '(no detail)'}`);
        }
        if (r.status !== 'success' && problems.length === 0) problems.push(`finished with status ${r.status}`);
      }
    } catch (e) {
      const r = await page.evaluate(() => window.__mce).catch(() => null);
      problems = [...(r?.errors ?? []), `no ${story.type === 'docs' ? 'docsRendered' : 'storyFinished'} within ${timeout} ms (${String(e.message).split('\n')[0]})`];
    }
    problems.push(...pageErrors);
    await context.close();
    const ms = Date.now() - started;
    if (problems.length) {
      results.failed++;
      results.failures.push({ id: story.id, problems });
      console.log(`  ✗ ${label} (${ms} ms)\n${problems.map((p) => `      ${p.split('\n').slice(0, 6).join('\n      ')}`).join('\n')}`);
    } else {
      results.passed++;
      console.log(`  ✓ ${label} (${ms} ms)`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const docsCount = stories.filter((s) => s.type === 'docs').length;
console.log(`storybook: ${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''} (${stories.length - docsCount} stories, ${docsCount} docs pages, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
writeSummary(results);
process.exit(results.failed ? 1 : 0);
