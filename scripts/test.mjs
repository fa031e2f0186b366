#!/usr/bin/env node
// npm test [-- --group <name>] [-- --files <glob>...] [other web-test-runner args]
//   1. makes sure Debian's chromium, firefox-esr, WebKitWebDriver and xvfb-run are there
//      (installs them with apt-get when missing and we are root);
//   2. writes .cache/test-pattern.y4m;
//   3. runs web-test-runner (under xvfb-run -a when there is no DISPLAY), forwarding args;
//   4. on a whole run (no --group / --files): builds the package (npm run build), runs the Node
//      tests (test/node/, test/package/*.test.mjs, test/examples/*.test.mjs: the React, Vue and
//      Svelte examples built and driven in Chromium, and the CDN file) and the Storybook interaction tests
//      (scripts/test-storybook.mjs: every story and play function in Chromium with fake cameras);
//   5. prints "N passed, N failed[, N skipped]" (all of them counted) and exits non-zero on any failure.
import { spawnSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeY4m } from './make-y4m.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUMMARY = resolve(root, '.cache/summary.json');
const APT_PACKAGES = ['chromium', 'firefox-esr', 'webkit2gtk-driver', 'xvfb'];
const APT_COMMAND = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && executable(resolve(dir, name)));
}

function missingTools() {
  const missing = [];
  if (!executable('/usr/bin/chromium')) missing.push('/usr/bin/chromium');
  if (!executable('/usr/bin/firefox-esr')) missing.push('/usr/bin/firefox-esr');
  if (!executable('/usr/bin/WebKitWebDriver') && !onPath('WebKitWebDriver')) missing.push('WebKitWebDriver');
  if (!onPath('xvfb-run')) missing.push('xvfb-run');
  return missing;
}

function ensureBrowsers() {
  const missing = missingTools();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `Missing ${missing.join(', ')}: run \`sudo sh -c '${APT_COMMAND}'\` (Debian) and then npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Missing ${missing.join(', ')}; installing Debian packages: ${APT_PACKAGES.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...APT_PACKAGES]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
      process.exit(1);
    }
  }
  const still = missingTools();
  if (still.length) {
    console.error(`Still missing after apt-get: ${still.join(', ')}.`);
    process.exit(1);
  }
}

/** Pulls `--files a b` / `--files=a` out of the args: the config narrows every group with them. */
function splitFilesArg(args) {
  const rest = [];
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--files=')) {
      files.push(a.slice('--files='.length));
    } else if (a === '--files') {
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) files.push(args[++i]);
    } else {
      rest.push(a);
    }
  }
  return { rest, files };
}

ensureBrowsers();
makeY4m();

const { rest, files } = splitFilesArg(process.argv.slice(2));
const env = { ...process.env };
if (files.length) env.MCE_FILES = JSON.stringify(files);
else delete env.MCE_FILES;

const wtr = resolve(root, 'node_modules/@web/test-runner/dist/bin.js');
const wtrArgs = [wtr, '--config', resolve(root, 'web-test-runner.config.mjs'), ...rest];
const [cmd, args] = process.env.DISPLAY
  ? [process.execPath, wtrArgs]
  : ['xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, ...wtrArgs]];

rmSync(SUMMARY, { force: true });
rmSync(resolve(root, '.cache/logs'), { recursive: true, force: true });
const child = spawn(cmd, args, { stdio: 'inherit', env, cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => child.kill(sig));
}
/**
 * Node tests (test/node/*.test.mjs: SSR safety of the built package; test/package/*.test.mjs:
 * npm pack, the tarball installed in a scratch project, framework types; test/examples/*.test.mjs:
 * the framework examples and the CDN page in Chromium), run when no file filter
 * narrows the run; they need the whole of `dist/`, so the package is built first (a few seconds).
 */
async function runNodeTests() {
  if (files.length || rest.includes('--group')) return { passed: 0, failed: 0, skipped: 0, ran: false };
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env });
  if (build.status !== 0) return { passed: 0, failed: 1, skipped: 0, ran: true };
  // Its output is kept and printed when it ends (it runs beside the Storybook tests).
  const r = await new Promise((done) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', 'test/node/', 'test/package/', 'test/examples/'], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const count = (k) => Number(new RegExp(`^ℹ ${k} (\\d+)`, 'm').exec(r.stdout ?? '')?.[1] ?? 0);
  const res = { passed: count('pass'), failed: count('fail'), skipped: count('skipped'), ran: true };
  if (r.status !== 0 && res.failed === 0) res.failed = 1;
  return res;
}

/**
 * Storybook interaction tests (scripts/test-storybook.mjs), on a whole run only: it builds
 * Storybook and runs every story's render, play function and accessibility check in Chromium.
 */
async function runStorybookTests() {
  const none = { passed: 0, failed: 0, skipped: 0, ran: false };
  if (files.length || rest.includes('--group') || !existsSync(resolve(root, '.storybook'))) return none;
  const summary = resolve(root, '.cache/storybook-summary.json');
  rmSync(summary, { force: true });
  const status = await new Promise((done) => {
    const child = spawn(process.execPath, [resolve(root, 'scripts/test-storybook.mjs')], { cwd: root, stdio: 'inherit', env });
    child.on('close', done);
  });
  if (!existsSync(summary)) return { passed: 0, failed: 1, skipped: 0, ran: true };
  const s = JSON.parse(readFileSync(summary, 'utf8'));
  const res = { passed: s.passed, failed: s.failed, skipped: s.skipped, ran: true };
  if (status !== 0 && res.failed === 0) res.failed = 1;
  return res;
}

/** Chromium's log lines that may explain a failure (not the D-Bus and network noise of a sandbox). */
const LOG_NOISE = /dbus|idle_linux|sqlite_persistent|gcm|Failed to connect to the bus|fontconfig|object_proxy|bluez|udev|socket_manager|registration_request|UPower|Mesa|libva/i;
function printChromiumLogs() {
  const dir = resolve(root, '.cache/logs');
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
    const lines = readFileSync(resolve(dir, file), 'utf8')
      .split('\n')
      .filter((l) => /:(ERROR|FATAL):|crash|GPU process|lost/i.test(l) && !LOG_NOISE.test(l));
    if (!lines.length) continue;
    console.log(`\nChromium log .cache/logs/${file} (errors, last ${Math.min(lines.length, 40)} of ${lines.length}):`);
    for (const l of lines.slice(-40)) console.log(`  ${l.slice(0, 400)}`);
  }
}

child.on('exit', async (code, signal) => {
  let exitCode = code ?? (signal ? 1 : 0);
  if (exitCode !== 0) printChromiumLogs();
  // The Node tests and the Storybook tests run side by side (both wait on browsers and builds
  // much of the time; the CI's 15 minutes are the limit): the package build first, alone, then
  // the Node tests beside the Storybook build and its stories.
  const [node, sb] = await Promise.all([runNodeTests(), runStorybookTests()]);
  if (node.ran) console.log(`  [node] passed ${node.passed}, failed ${node.failed}, skipped ${node.skipped}`);
  if (node.failed > 0) exitCode = 1;
  if (sb.ran) console.log(`  [storybook] passed ${sb.passed}, failed ${sb.failed}, skipped ${sb.skipped}`);
  if (sb.failed > 0) exitCode = 1;
  if (existsSync(SUMMARY)) {
    const s = JSON.parse(readFileSync(SUMMARY, 'utf8'));
    for (const [name, g] of Object.entries(s.groups ?? {})) {
      console.log(`  [${name}] passed ${g.passed}, failed ${g.failed}, skipped ${g.skipped}`);
    }
    const passed = s.passed + node.passed + sb.passed;
    const failed = s.failed + node.failed + sb.failed;
    const skipped = s.skipped + node.skipped + sb.skipped;
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    if (failed > 0 && exitCode === 0) exitCode = 1;
  } else {
    console.log(`test runner ended (${signal ?? `exit ${code}`}) without a summary`);
    if (exitCode === 0) exitCode = 1;
  }
  process.exit(exitCode);
});
