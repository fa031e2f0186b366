// @web/test-runner: six groups, one command (`npm test`, see scripts/test.mjs).
//
//   chromium       test/**/*.test.ts (not *.y4m / *.deny)   Debian Chromium, 3 fake cameras, permission granted
//   chromium-y4m   test/**/*.y4m.test.ts                     Chromium whose one camera plays .cache/test-pattern.y4m
//   chromium-deny  test/**/*.deny.test.ts                    Chromium that denies camera permission for real
//   chromium-faults test/**/*.faults.test.ts                 Chromium whose one camera is a file the tests swap
//                                                            for a broken one (set-fault-camera): real faults
//   firefox        test/**/*.test.ts (not *.chromium/y4m/deny)  Firefox ESR via puppeteer (WebDriver BiDi), fake camera
//   webkit         same files as firefox                     WebKitGTK MiniBrowser via WebKitWebDriver, mock cameras
//
// Every test page gets `globalThis.__MCE_GROUP__ = '<group>'` (test/helpers/env.ts reads it).
// scripts/test.mjs turns `--files <globs>` into MCE_FILES so that it narrows every group
// instead of adding a "default" group.
import { CHROMIUM_BASE_ARGS } from './scripts/chromium-flags.mjs';
import { makeY4m } from './scripts/make-y4m.mjs';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { globSync } from 'tinyglobby';

const root = dirname(fileURLToPath(import.meta.url));
const Y4M = resolve(root, '.cache/test-pattern.y4m');
const SUMMARY = resolve(root, '.cache/summary.json');
// The chromium-faults camera: a symlink that set-fault-camera points at one of FAULT_FILES.
const FAULT_CAMERA = resolve(root, '.cache/fault-camera.y4m');

const CHROMIUM = process.env.MCE_CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.MCE_FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.MCE_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER =
  process.env.MCE_MINIBROWSER ??
  globSync('/usr/lib/*-linux-gnu/webkit2gtk-4.*/MiniBrowser', { absolute: true }).sort().pop() ??
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// ---------------------------------------------------------------------------------------------
// Files per group

// test/node/ holds tests that run in Node, not in a browser.
const ALL = ['test/**/*.test.ts', '!test/node/**'];
const FILES = {
  chromium: [...ALL, '!test/**/*.y4m.test.ts', '!test/**/*.deny.test.ts'],
  'chromium-y4m': ['test/**/*.y4m.test.ts'],
  'chromium-deny': ['test/**/*.deny.test.ts'],
  'chromium-faults': ['test/**/*.faults.test.ts'],
  firefox: [...ALL, '!test/**/*.chromium.test.ts', '!test/**/*.y4m.test.ts', '!test/**/*.deny.test.ts', '!test/**/*.faults.test.ts'],
  webkit: [...ALL, '!test/**/*.chromium.test.ts', '!test/**/*.y4m.test.ts', '!test/**/*.deny.test.ts', '!test/**/*.faults.test.ts'],
};
FILES.chromium.push('!test/**/*.faults.test.ts');

const expand = (patterns) =>
  globSync(patterns, { cwd: root, ignore: ['**/node_modules/**'] }).map((f) => relative(root, resolve(root, f)));

/** With MCE_FILES (JSON array of globs), a group runs only the files that both select. */
function filesFor(name) {
  if (!process.env.MCE_FILES) return FILES[name];
  const wanted = new Set(expand(JSON.parse(process.env.MCE_FILES)));
  return expand(FILES[name]).filter((f) => wanted.has(f));
}

// ---------------------------------------------------------------------------------------------
// Launchers

const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream=device-count=3',
  '--enable-unsafe-webgpu',
  ...CHROMIUM_BASE_ARGS,
  // http://insecure.test:<port>/ reaches the same loopback server but is NOT a secure context:
  // a real insecure page for the insecure-context tests (no traffic leaves the machine).
  '--host-resolver-rules=MAP insecure.test 127.0.0.1',
];

/** Chromium's own log (warnings and errors: a crashed GPU process, a failed camera) per group, printed by scripts/test.mjs when tests fail. */
const LOGS = resolve(root, '.cache/logs');

function chromium(name, args, { concurrency = 2 } = {}) {
  mkdirSync(LOGS, { recursive: true });
  const log = resolve(LOGS, `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.log`);
  const launcher = playwrightLauncher({
    product: 'chromium',
    concurrency,
    launchOptions: {
      executablePath: CHROMIUM,
      headless: true,
      args: [...args, '--enable-logging', `--log-file=${log}`, '--log-level=1'],
    },
  });
  launcher.name = name;
  return launcher;
}

function firefox() {
  const launcher = puppeteerLauncher({
    // One page at a time: Firefox's background tabs are hidden (no rAF, throttled video).
    concurrency: 1,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: {
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        'media.autoplay.default': 0,
        'media.autoplay.blocking_policy': 0,
        // no internet here: keep Firefox from trying
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'extensions.update.enabled': false,
      },
    },
  });
  launcher.name = 'Firefox';
  return launcher;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port, child, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${child.exitCode}`);
    const ok = await new Promise((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/**
 * WebdriverLauncher that starts its own WebKitWebDriver on a free loopback port when the webkit
 * group actually runs, and ends it (with the MiniBrowser it started) when the run ends.
 */
class WebKitLauncher extends WebdriverLauncher {
  driverProcess;

  async initialize(config, testFiles) {
    const port = await freePort();
    const child = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=local'], {
      detached: true, // own process group: killing it also ends MiniBrowser
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.driverProcess = child;
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('error', (e) => {
      stderr += String(e);
    });
    const killGroup = () => {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    };
    process.once('exit', killGroup);
    this.killDriver = killGroup;
    try {
      await waitForPort(port, child);
    } catch (e) {
      killGroup();
      throw new Error(`${e.message}\n${stderr}`, { cause: e });
    }
    this.options.hostname = '127.0.0.1';
    this.options.port = port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    try {
      await super.stop();
    } finally {
      this.killDriver?.();
    }
  }
}

function webkit() {
  return new WebKitLauncher({
    hostname: '127.0.0.1',
    port: 0,
    logLevel: 'error',
    connectionRetryCount: 1,
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: MINIBROWSER,
        args: [
          '--automation',
          '--enable-media-stream=true',
          '--enable-mock-capture-devices=true',
          '--features=-MockCaptureDevicesPrompt',
          '--enable-webgl=true',
        ],
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Server commands for tests (executeServerCommand from @web/test-runner-commands)

/**
 * `set-camera-permission` { setting: 'granted' | 'denied' | 'prompt', name?: 'camera' | 'microphone' }:
 * CDP Browser.setPermission for the test page's origin, in Chromium groups. Revoking a live
 * camera this way ends its track and fires PermissionStatus `change`: a real revocation.
 */
function permissionCommands() {
  return {
    name: 'mce-permission-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'set-camera-permission') return undefined;
      const launcher = session.browser;
      if (typeof launcher.getPage !== 'function' || !launcher.name?.startsWith('Chromium')) {
        throw new Error('set-camera-permission needs a Chromium (Playwright) group');
      }
      const page = launcher.getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      const origin = new URL(page.url()).origin;
      // Playwright gives each page its own browser context: the permission must name it.
      const { targetInfo } = await cdp.send('Target.getTargetInfo');
      await cdp.send('Browser.setPermission', {
        browserContextId: targetInfo.browserContextId,
        permission: { name: payload?.name ?? 'camera' },
        setting: payload?.setting ?? 'denied',
        origin,
      });
      await cdp.detach();
      return true;
    },
  };
}

/**
 * The cameras of the chromium-faults group. Chromium reads its file camera anew each time the
 * camera opens, so re-pointing the symlink changes the next camera the page opens. Both broken
 * files make Chromium itself fail (verified with Chromium 156):
 * - `unreadable`: a valid header and a truncated first frame, as for a camera another app holds.
 *   Chromium's capture service fails on the frame; the outcome depends on timing: either
 *   getUserMedia rejects with `NotReadableError` ("Could not start video source"), or it resolves
 *   with a track that has already ended. Both mean "the camera could not be started";
 * - `dies`: the test pattern's frames for about 2 s, then a truncated one. getUserMedia gives a
 *   live track, and Chromium ends it about 2 s later (`ended` fires), as for a camera unplugged in use.
 */
const FAULT_FILES = {
  good: Y4M,
  unreadable: resolve(root, '.cache/fault-unreadable.y4m'),
  dies: resolve(root, '.cache/fault-dies.y4m'),
};
function pointFaultCamera(file) {
  const target = FAULT_FILES[file];
  if (!target) throw new Error(`set-fault-camera: unknown file ${JSON.stringify(file)} (${Object.keys(FAULT_FILES).join(', ')})`);
  rmSync(`${FAULT_CAMERA}.next`, { force: true });
  symlinkSync(target, `${FAULT_CAMERA}.next`);
  renameSync(`${FAULT_CAMERA}.next`, FAULT_CAMERA);
}
/** Good frames of `dies` before its truncated one: about 2 s at the pattern's 30 fps. */
const DIES_AFTER_FRAMES = 60;
function writeFaultFiles() {
  mkdirSync(dirname(FAULT_CAMERA), { recursive: true });
  makeY4m(FAULT_FILES.good); // written by scripts/test.mjs already; also when web-test-runner runs alone
  writeFileSync(FAULT_FILES.unreadable, `YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\nFRAME\n${'\0'.repeat(1000)}`);
  // The pattern's few frames last only ~170 ms: a loaded page could get the track after it had
  // already ended (not-readable, not the device-lost of a camera that dies in use). Its frames are
  // repeated to DIES_AFTER_FRAMES, so the track is live for about 2 s before the truncated frame.
  const good = readFileSync(FAULT_FILES.good);
  const header = good.subarray(0, good.indexOf(0x0a) + 1);
  const [, w, h] = /W(\d+) H(\d+)/.exec(header.toString('latin1'));
  const frames = good.subarray(header.length);
  const perFrame = 'FRAME\n'.length + (Number(w) * Number(h) * 3) / 2;
  const copies = Math.ceil(DIES_AFTER_FRAMES / (frames.length / perFrame));
  writeFileSync(
    FAULT_FILES.dies,
    Buffer.concat([header, ...Array.from({ length: copies }, () => frames), Buffer.from(`FRAME\n${'\0'.repeat(1000)}`)]),
  );
  pointFaultCamera('good');
}

/**
 * `set-fault-camera` { file: 'good' | 'unreadable' | 'dies' }: the camera the next getUserMedia
 * of the chromium-faults group opens (see FAULT_FILES). Only that group (one page at a time).
 */
function faultCameraCommands() {
  return {
    name: 'mce-fault-camera-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'set-fault-camera') return undefined;
      if (session.group?.name !== 'chromium-faults') throw new Error('set-fault-camera needs the chromium-faults group');
      pointFaultCamera(payload?.file);
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Page template and summary

/**
 * `npm run soak` (scripts/soak.mjs) sets MCE_SOAK='{"runs":N,"seed":S}': every page then gets
 * `globalThis.__MCE_SOAK__` (read by test/helpers/property.ts), and a test file may run for hours.
 */
const SOAK = process.env.MCE_SOAK ? JSON.parse(process.env.MCE_SOAK) : undefined;

const testRunnerHtml = (testFramework, _config, group) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">` +
  `<script>globalThis.__MCE_GROUP__ = ${JSON.stringify(group.name)};` +
  (SOAK ? `globalThis.__MCE_SOAK__ = ${JSON.stringify(SOAK)};` : '') +
  `</script>` +
  `</head><body><script type="module" src="${testFramework}"></script></body></html>`;

function countSuite(suite, counts) {
  if (!suite) return;
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else counts.failed++;
  }
  for (const s of suite.suites ?? []) countSuite(s, counts);
}

/** Writes .cache/summary.json ({ passed, failed, skipped, groups }) for scripts/test.mjs. */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const total = { passed: 0, failed: 0, skipped: 0 };
      const groups = {};
      for (const session of sessions) {
        const counts = { passed: 0, failed: 0, skipped: 0 };
        countSuite(session.testResults, counts);
        // A file that failed to load, timed out or threw outside a test counts as one failure.
        if (!session.passed && counts.failed === 0) counts.failed = 1;
        const g = (groups[session.group.name] ??= { passed: 0, failed: 0, skipped: 0 });
        for (const k of Object.keys(total)) {
          g[k] += counts[k];
          total[k] += counts[k];
        }
      }
      mkdirSync(dirname(SUMMARY), { recursive: true });
      writeFileSync(SUMMARY, JSON.stringify({ ...total, groups }, null, 2));
    },
  };
}

// ---------------------------------------------------------------------------------------------

const groups = [
  // One page at a time: with two pages opening and closing the same fake camera at once, a page's
  // live track occasionally got no frame at all (seen twice: <photo-booth> and its CSP page).
  { name: 'chromium', browsers: [chromium('Chromium', ['--use-fake-ui-for-media-stream', ...CHROMIUM_ARGS], { concurrency: 1 })] },
  {
    name: 'chromium-y4m',
    browsers: [
      chromium('Chromium y4m', [
        '--use-fake-ui-for-media-stream',
        ...CHROMIUM_ARGS,
        `--use-file-for-fake-video-capture=${Y4M}`,
      ], { concurrency: 1 }), // pixel and encode tests at full speed, one page at a time
    ],
  },
  {
    name: 'chromium-deny',
    browsers: [
      chromium('Chromium deny', [
        ...CHROMIUM_ARGS.filter((a) => !a.startsWith('--use-fake-device-for-media-stream')),
        '--use-fake-device-for-media-stream',
        '--deny-permission-prompts',
      ]),
    ],
  },
  {
    name: 'chromium-faults',
    browsers: [
      chromium('Chromium faults', [
        '--use-fake-ui-for-media-stream',
        ...CHROMIUM_ARGS,
        `--use-file-for-fake-video-capture=${FAULT_CAMERA}`,
      ], { concurrency: 1 }), // one page at a time: the tests swap the one camera's file
    ],
  },
  { name: 'firefox', browsers: [firefox()] },
  { name: 'webkit', browsers: [webkit()] },
]
  .map((g) => ({ ...g, files: filesFor(g.name), testRunnerHtml }))
  // a group with no test file yet would make the runner fail
  .filter((g) => expand(g.files).length > 0);

if (groups.some((g) => g.name === 'chromium-faults')) writeFaultFiles();

if (groups.length === 0) {
  throw new Error(`No test file matches MCE_FILES=${process.env.MCE_FILES} in any group`);
}

export default {
  rootDir: root,
  nodeResolve: true,
  // Global concurrency 1 makes the webdriver launcher open each test in its own top-level page
  // (an iframe would lack allow="camera"); Chromium launchers ask for 2 pages themselves.
  concurrency: 1,
  concurrentBrowsers: 2,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  // While soaking, each property test's mocha timeout scales with its runs (test/helpers/property.ts).
  testsFinishTimeout: SOAK ? 2 ** 31 - 1 : 180_000,
  browserLogs: true,
  // Lit's dev build (a useful source of warnings) announces itself in every file: drop that line.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  plugins: [permissionCommands(), faultCameraCommands(), esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), summaryReporter()],
  groups,
};
