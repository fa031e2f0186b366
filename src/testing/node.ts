/// <reference types="node" />
/**
 * The Node side of the test kit (`media-capture-elements/testing` in Node, or
 * `media-capture-elements/testing/node`): launchers for `@web/test-runner` whose browsers have
 * fake cameras and microphones, a Y4M writer for a camera that plays known pictures, and a
 * test-runner plugin for the one fault a browser makes on request (Chromium's permission
 * revocation, over CDP). The browser side is `media-capture-elements/testing/browser`.
 *
 * ```js
 * // web-test-runner.config.mjs
 * import { fakeMediaBrowsers, fakeMediaPlugin, writeY4m } from 'media-capture-elements/testing';
 * export default {
 *   nodeResolve: true,
 *   files: 'test/**\/*.test.js',
 *   plugins: [fakeMediaPlugin()],
 *   browsers: fakeMediaBrowsers({ engines: ['chromium', 'firefox'], cameras: 2 }),
 * };
 * ```
 *
 * The launcher packages are the project's own devDependencies: `@web/test-runner-playwright`
 * (Chromium), `@web/test-runner-puppeteer` (Firefox) and `@web/test-runner-webdriver` (WebKitGTK);
 * only the ones for the engines asked for are loaded. The browsers are the system's (Debian:
 * `chromium`, `firefox-esr`, `webkit2gtk-driver`), or the paths given.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer, type AddressInfo } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { y4mBytes, type Y4mOptions } from './y4m.js';

export { QUADRANT_COLORS, PATTERN_TOLERANCE, quadrantAt, rgbToYCbCr, y4mBytes, type Quadrant, type RGB, type Y4mOptions, type Y4mPattern } from './y4m.js';

/** A browser engine the kit can launch with fake devices. */
export type Engine = 'chromium' | 'firefox' | 'webkit';

/** Paths of the system browsers (see {@link findBrowsers}). */
export interface BrowserPaths {
  /** Chromium's executable (`MCE_CHROMIUM`, else `chromium` / `chromium-browser` / `google-chrome` on PATH). */
  chromium?: string | null;
  /** Firefox's executable (`MCE_FIREFOX`, else `firefox-esr` / `firefox` on PATH). */
  firefox?: string | null;
  /** WebKitGTK's WebDriver (`MCE_WEBKIT_DRIVER`, else `WebKitWebDriver` on PATH or in /usr/bin). */
  webkitDriver?: string | null;
  /** WebKitGTK's MiniBrowser (`MCE_MINIBROWSER`, else /usr/lib/<arch>/webkit2gtk-4.x/MiniBrowser). */
  miniBrowser?: string | null;
}

/** Options of {@link fakeMediaBrowsers}. */
export interface FakeMediaBrowsersOptions {
  /** The engines to launch; default every one of the three. */
  engines?: readonly Engine[];
  /** Number of fake cameras (and microphones) in Chromium; default 1. Firefox has one, WebKit its mock devices. */
  cameras?: number;
  /**
   * A Y4M file Chromium's camera plays (write one with {@link writeY4m}); Chromium only (Firefox
   * and WebKit draw their own fake picture). With it Chromium has one camera.
   */
  pattern?: string;
  /**
   * `granted` (default): the page gets the devices without a prompt. `denied`: every request is
   * refused for real, as by a user (`NotAllowedError`; Chromium and Firefox; WebKit cannot).
   */
  permission?: 'granted' | 'denied';
  /** Leave out an engine whose browser is missing, with a warning, instead of throwing. Default false. */
  optional?: boolean;
  /** Pages open at once per browser; default 1 (a page in the background gets no animation frames). */
  concurrency?: number;
  /** Browser paths, instead of looking for them. */
  paths?: BrowserPaths;
  /** Headless (default true). WebKitGTK's MiniBrowser always needs a display: run under `xvfb-run -a`. */
  headless?: boolean;
}

/** A `@web/test-runner` BrowserLauncher (typed loosely: the kit does not depend on the runner's types). */
export interface FakeMediaLauncher {
  name: string;
  [key: string]: unknown;
}

/** What to install for each engine, on Debian and elsewhere. */
export const INSTALL_HINTS: Readonly<Record<Engine, string>> = {
  chromium: 'Debian: apt-get install chromium (or set MCE_CHROMIUM, or paths.chromium, to a Chromium or Chrome executable)',
  firefox: 'Debian: apt-get install firefox-esr (or set MCE_FIREFOX, or paths.firefox)',
  webkit:
    'Debian: apt-get install webkit2gtk-driver xvfb (WebKitWebDriver and MiniBrowser; or set MCE_WEBKIT_DRIVER and MCE_MINIBROWSER), and run the tests under xvfb-run -a',
};

/** The npm package each engine's launcher comes from (a devDependency of your project). */
export const LAUNCHER_PACKAGES: Readonly<Record<Engine, string>> = {
  chromium: '@web/test-runner-playwright',
  firefox: '@web/test-runner-puppeteer',
  webkit: '@web/test-runner-webdriver',
};

function executable(path: string | undefined | null): path is string {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(...names: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function findMiniBrowser(): string | null {
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    let arches: string[] = [];
    try {
      arches = readdirSync(lib);
    } catch {
      continue;
    }
    for (const arch of [...arches.filter((a) => a.endsWith('-linux-gnu')), '.']) {
      let dirs: string[] = [];
      try {
        dirs = readdirSync(join(lib, arch)).filter((d) => d.startsWith('webkit2gtk-4.')).sort().toReversed();
      } catch {
        continue;
      }
      for (const d of dirs) if (executable(join(lib, arch, d, 'MiniBrowser'))) return join(lib, arch, d, 'MiniBrowser');
    }
  }
  return null;
}

/** Finds the system browsers (environment variables first, then PATH and Debian's paths); `null` for one that is missing. */
export function findBrowsers(paths: BrowserPaths = {}): Required<BrowserPaths> {
  const pick = (given: string | null | undefined, env: string | undefined, found: () => string | null): string | null =>
    given !== undefined ? (executable(given) ? given : null) : executable(env) ? env : found();
  return {
    chromium: pick(paths.chromium, process.env.MCE_CHROMIUM, () => onPath('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable')),
    firefox: pick(paths.firefox, process.env.MCE_FIREFOX, () => onPath('firefox-esr', 'firefox')),
    webkitDriver: pick(paths.webkitDriver, process.env.MCE_WEBKIT_DRIVER, () => onPath('WebKitWebDriver') ?? (executable('/usr/bin/WebKitWebDriver') ? '/usr/bin/WebKitWebDriver' : null)),
    miniBrowser: pick(paths.miniBrowser, process.env.MCE_MINIBROWSER, findMiniBrowser),
  };
}

/** The Chromium flags for fake devices (and a Y4M camera, or a real denial). */
export function chromiumFakeMediaArgs({ cameras = 1, pattern, permission = 'granted' }: Pick<FakeMediaBrowsersOptions, 'cameras' | 'pattern' | 'permission'> = {}): string[] {
  const args = [
    pattern ? '--use-fake-device-for-media-stream' : `--use-fake-device-for-media-stream=device-count=${Math.max(1, Math.floor(cameras))}`,
    // A background page keeps its timers and frames: tests open pages side by side.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    '--autoplay-policy=no-user-gesture-required',
    '--no-first-run',
    '--disable-background-networking',
  ];
  // Chromium refuses to start as root with its sandbox (a CI container): only then without it.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (pattern) args.push(`--use-file-for-fake-video-capture=${resolve(pattern)}`);
  args.push(permission === 'denied' ? '--deny-permission-prompts' : '--use-fake-ui-for-media-stream');
  return args;
}

/** The Firefox preferences for its fake devices (or a real denial). */
export function firefoxFakeMediaPrefs({ permission = 'granted' }: Pick<FakeMediaBrowsersOptions, 'permission'> = {}): Record<string, string | number | boolean> {
  return {
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': permission !== 'denied',
    ...(permission === 'denied' ? { 'permissions.default.camera': 2, 'permissions.default.microphone': 2 } : {}),
    'media.autoplay.default': 0,
    'media.autoplay.blocking_policy': 0,
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'network.captive-portal-service.enabled': false,
    'extensions.update.enabled': false,
  };
}

/** The MiniBrowser arguments for WebKitGTK's mock capture devices (granted without a prompt). */
export function webkitMockMediaArgs(): string[] {
  return ['--automation', '--enable-media-stream=true', '--enable-mock-capture-devices=true', '--features=-MockCaptureDevicesPrompt', '--enable-webgl=true'];
}

/** Loads a launcher package from the project (the current directory), else from beside the kit. */
function load(engine: Engine): Record<string, unknown> {
  const name = LAUNCHER_PACKAGES[engine];
  for (const from of [join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)(name) as Record<string, unknown>;
    } catch {
      /* next */
    }
  }
  throw new Error(`media-capture-elements/testing: ${engine} needs the package ${name}: npm install --save-dev ${name}`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

type LauncherClass = new (options: Record<string, unknown>) => FakeMediaLauncher & {
  options: Record<string, unknown>;
  initialize(config: unknown, files: unknown): Promise<void>;
  stop(): Promise<void>;
};

/** A WebdriverLauncher that starts (and ends) its own WebKitWebDriver on a free loopback port. */
function webkitLauncher(driver: string, miniBrowser: string): FakeMediaLauncher {
  const { WebdriverLauncher } = load('webkit') as { WebdriverLauncher: LauncherClass };
  class WebKitLauncher extends WebdriverLauncher {
    #kill: (() => void) | null = null;
    override async initialize(config: unknown, files: unknown): Promise<void> {
      const port = await freePort();
      // Its own process group, so that ending it also ends the MiniBrowser it started.
      const child = spawn(driver, [`--port=${port}`, '--host=local'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
      child.on('error', (e) => (stderr += String(e)));
      const kill = (): void => {
        if (child.exitCode === null && child.pid) {
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            /* gone */
          }
        }
      };
      process.once('exit', kill);
      this.#kill = kill;
      try {
        await waitForPort(port, child);
      } catch (e) {
        kill();
        throw new Error(`${(e as Error).message}\n${stderr}`, { cause: e });
      }
      this.options.hostname = '127.0.0.1';
      this.options.port = port;
      await super.initialize(config, files);
      this.name = 'WebKit';
    }
    override async stop(): Promise<void> {
      try {
        await super.stop();
      } finally {
        this.#kill?.();
      }
    }
  }
  const launcher = new WebKitLauncher({
    hostname: '127.0.0.1',
    port: 0,
    logLevel: 'error',
    connectionRetryCount: 1,
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: miniBrowser, args: webkitMockMediaArgs() },
    },
  });
  launcher.name = 'WebKit';
  return launcher;
}

/**
 * `@web/test-runner` launchers whose browsers have fake cameras and microphones: Chromium
 * (through Playwright; `cameras` fake devices, or one playing the Y4M file `pattern`, or a real
 * denial), Firefox (through Puppeteer and WebDriver BiDi; its fake devices, or a real denial) and
 * WebKitGTK (MiniBrowser through WebKitWebDriver; mock devices, needs a display). The system's
 * browsers are used ({@link findBrowsers}).
 * @throws Error naming each missing browser (or launcher package) and what to install, unless `optional`.
 */
export function fakeMediaBrowsers(options: FakeMediaBrowsersOptions = {}): FakeMediaLauncher[] {
  const { engines = ['chromium', 'firefox', 'webkit'], permission = 'granted', optional = false, concurrency = 1, headless = true } = options;
  const found = findBrowsers(options.paths);
  const missing: string[] = [];
  const launchers: FakeMediaLauncher[] = [];
  const suffix = options.pattern ? ' y4m' : permission === 'denied' ? ' denied' : '';
  for (const engine of engines) {
    const need = engine === 'chromium' ? [found.chromium] : engine === 'firefox' ? [found.firefox] : [found.webkitDriver, found.miniBrowser];
    if (need.some((p) => !p)) {
      missing.push(`${engine}: ${INSTALL_HINTS[engine]}`);
      continue;
    }
    if (engine === 'webkit' && permission === 'denied') {
      throw new Error('media-capture-elements/testing: WebKitGTK cannot deny camera permission from the command line; test a denial in Chromium or Firefox.');
    }
    if (engine === 'chromium') {
      const { playwrightLauncher } = load('chromium') as { playwrightLauncher: (o: unknown) => FakeMediaLauncher };
      const launcher = playwrightLauncher({
        product: 'chromium',
        concurrency,
        launchOptions: { executablePath: found.chromium, headless, args: chromiumFakeMediaArgs(options) },
      });
      launcher.name = `Chromium${suffix}`;
      launchers.push(launcher);
    } else if (engine === 'firefox') {
      const { puppeteerLauncher } = load('firefox') as { puppeteerLauncher: (o: unknown) => FakeMediaLauncher };
      const launcher = puppeteerLauncher({
        concurrency,
        launchOptions: { browser: 'firefox', executablePath: found.firefox, headless, extraPrefsFirefox: firefoxFakeMediaPrefs(options) },
      });
      launcher.name = `Firefox${suffix}`;
      launchers.push(launcher);
    } else {
      launchers.push(webkitLauncher(found.webkitDriver!, found.miniBrowser!));
    }
  }
  if (missing.length) {
    const text = `media-capture-elements/testing: browser${missing.length > 1 ? 's' : ''} not found.\n  ${missing.join('\n  ')}`;
    if (!optional) throw new Error(text);
    console.warn(`${text}\n  (left out: optional)`);
  }
  return launchers;
}

/**
 * Writes a Y4M file for Chromium's fake camera (`fakeMediaBrowsers({ pattern: file })`): known
 * colours (`quadrants`, `solid`) or photo-like frames (`photo`); see {@link Y4mOptions}. Creates
 * the folder. Returns the absolute path.
 */
export function writeY4m(file: string, options: Y4mOptions = {}): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, y4mBytes(options));
  return path;
}

/** The server command of {@link fakeMediaPlugin}, called by `setPermission()` of the browser side. */
export const SET_PERMISSION_COMMAND = 'media-capture-elements:set-permission';

interface CommandContext {
  command: string;
  payload?: { name?: 'camera' | 'microphone'; setting?: 'granted' | 'denied' | 'prompt' };
  session: { id: string; browser: { name?: string; getPage?: (id: string) => unknown } };
}

/**
 * A `@web/test-runner` plugin for `setPermission()` (browser side): sets the camera or microphone
 * permission of the test page's origin through CDP `Browser.setPermission`, in Chromium launched
 * by Playwright. Revoking a live camera this way ends its track and fires the PermissionStatus
 * `change` event: a real revocation, as from the browser's site settings. (Chromium ends every
 * capture track of the page when either permission is revoked.)
 */
export function fakeMediaPlugin(): { name: string; executeCommand(ctx: CommandContext): Promise<boolean | undefined> } {
  return {
    name: 'media-capture-elements-testing',
    async executeCommand({ command, payload, session }) {
      if (command !== SET_PERMISSION_COMMAND) return undefined;
      const launcher = session.browser;
      if (typeof launcher.getPage !== 'function' || !launcher.name?.startsWith('Chromium')) {
        throw new Error('setPermission() needs Chromium launched by fakeMediaBrowsers() (Playwright): other engines offer no way to change it.');
      }
      interface CdpSession {
        send(method: string, params?: unknown): Promise<{ targetInfo: { browserContextId: string } }>;
        detach(): Promise<void>;
      }
      const page = launcher.getPage(session.id) as { url(): string; context(): { newCDPSession(p: unknown): Promise<CdpSession> } };
      const cdp = await page.context().newCDPSession(page);
      try {
        // Playwright gives each page its own browser context: the permission must name it.
        const { targetInfo } = await cdp.send('Target.getTargetInfo');
        await cdp.send('Browser.setPermission', {
          browserContextId: targetInfo.browserContextId,
          permission: { name: payload?.name ?? 'camera' },
          setting: payload?.setting ?? 'denied',
          origin: new URL(page.url()).origin,
        });
      } finally {
        await cdp.detach();
      }
      return true;
    },
  };
}
