/**
 * No network: a page with every element of the kit goes through a whole flow (start, switch the
 * camera with the picker, take a photo) while every request is recorded; none may go anywhere
 * but the kit's own module and worker files (and its one dependency, Lit) on the test server.
 *
 * How requests are recorded, in every engine:
 * - a PerformanceObserver for `resource` entries: every http(s) request of the page (modules,
 *   worker scripts where the engine reports them, fetch, images, media), observed from before
 *   the flow (an observer is not limited by the resource timing buffer);
 * - a Content-Security-Policy added to this test page before the flow (`default-src 'self'`,
 *   plus `blob:`/`data:`/`mediastream:` where the kit uses them, none of which is network):
 *   a request to any other origin is blocked before it leaves and fires `securitypolicyviolation`,
 *   which is recorded. Worker scripts of the kit are same-origin URLs: what they load themselves
 *   would be in the worker's own timeline, which a page cannot read, but Chromium lists each
 *   worker's script and the modules it imports in the page's timeline too (seen: the encode and
 *   live workers and their imports), and a blob: worker would inherit this policy.
 *
 * Not seen here: a request a worker of the kit would make itself (a `fetch()` inside it): it is
 * in the worker's own timeline, and a same-origin worker does not take the page's `<meta>` policy.
 * The kit's workers make none today (they import modules and answer messages); a dev-server
 * plugin logging every path would close this gap.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import type { MediaPreview } from '../../components/media-preview/media-preview.js';
import type { PhotoBooth } from '../../components/photo-booth/photo-booth.js';
import * as kit from '../../define.js';
import { skipUnless } from '../helpers/env.js';
import { manifestElements } from '../helpers/manifest.js';
import { $, cleanupControllers, sharedController, untilState } from './utils.js';

/**
 * What the flow may request, by path on the test server's origin (query strings such as the dev
 * server's `?wds-...` are ignored): the kit's own modules and workers, and Lit, its only dependency.
 */
const KIT_FILES: readonly RegExp[] = [
  /^\/define\.(ts|js)$/, // the all-in-one define
  /^\/src\/.+\.(ts|js)$/, // the core, the capture pipeline and its workers (src/capture/*.worker.ts)
  /^\/components\/.+\.(ts|js)$/, // the elements and their internal parts
  /^\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\/.+\.js$/, // Lit
];
/** The test runner's own files, requested while the page loads (before the flow). */
const TEST_RUNNER_FILES: readonly RegExp[] = [
  /^\/$/, // the test page itself (`/?wtr-session-id=...`)
  /^\/__web-dev-server__/, // the dev server's own scripts (its web socket)
  /^\/__web-test-runner__/,
  /^\/test\/.+\.(ts|js)$/, // this test file and its helpers
  /^\/custom-elements\.json$/, // read by the helpers (test/helpers/manifest.ts)
  /^\/node_modules\/(@web|@open-wc|@esm-bundle|chai|chai-[a-z0-9-]+|mocha|axe-core)\/.+\.m?js$/,
  /^\/favicon\.ico$/, // asked for by the browser itself for the page
];

/**
 * The browser's own request for the page's icon, which Chromium makes when it likes (seen during
 * the flow once a fourth element joined the page): not a request of the kit's.
 */
const BROWSER_FILES: readonly RegExp[] = [/^\/favicon\.ico$/];

const allowed = (url: string, patterns: readonly RegExp[]): boolean => {
  const u = new URL(url);
  return u.origin === location.origin && patterns.some((p) => p.test(u.pathname));
};

const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:", // not the subject here: photo-booth.csp.test.ts is
  "style-src 'self' 'unsafe-inline' blob: data:",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

/** Records requests and policy violations from the moment it is made until `stop()`. */
class RequestLog {
  readonly requests: { url: string; type: string }[] = [];
  readonly violations: string[] = [];
  readonly #observer = new PerformanceObserver((list) => this.#take(list.getEntries()));
  readonly #onViolation = (e: SecurityPolicyViolationEvent) => this.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI}`);

  constructor() {
    document.addEventListener('securitypolicyviolation', this.#onViolation);
    this.#observer.observe({ type: 'resource' });
  }

  #take(entries: PerformanceEntryList): void {
    for (const e of entries as PerformanceResourceTiming[]) this.requests.push({ url: e.name, type: e.initiatorType });
  }

  stop(): void {
    this.#take(this.#observer.takeRecords());
    this.#observer.disconnect();
    document.removeEventListener('securitypolicyviolation', this.#onViolation);
  }
}

describe('no network: every element through a whole flow', function () {
  this.timeout(60_000);
  afterEach(cleanupControllers);

  before(() => {
    // The policy applies to every load after this point in this page (only this file runs in it).
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = POLICY;
    document.head.append(meta);
  });

  it('the page loaded only the test runner\'s files and the kit\'s, all from the test server', () => {
    const loaded = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => e.name);
    expect(loaded.length, 'resource timing records this page').to.be.greaterThan(0);
    // The buffer (250 entries by default) was set before the load could be seen: a full one may
    // have dropped a request, so the check would not see everything.
    expect(loaded.length, 'the resource timing buffer was not full during the load').to.be.below(250);
    performance.setResourceTimingBufferSize(10_000);
    const other = loaded.filter((url) => !allowed(url, [...KIT_FILES, ...TEST_RUNNER_FILES]));
    expect(other, 'requests for anything else').to.deep.equal([]);
  });

  it('the recording works: a same-origin fetch is seen, and the policy blocks another origin before it leaves', async () => {
    const probe = new RequestLog();
    try {
      await fetch(new URL('./utils.ts', import.meta.url));
      const img = new Image();
      const blocked = new Promise((r) => img.addEventListener('error', r, { once: true }));
      img.src = 'https://example.invalid/probe.png';
      await blocked;
      const seen = () => probe.requests.some((r) => new URL(r.url).pathname === '/test/components/utils.ts');
      await waitUntil(() => seen() && probe.violations.length > 0, 'the probe fetch is recorded and the image blocked', { timeout: 4000 });
    } finally {
      probe.stop();
    }
    expect(probe.violations.join(' ')).to.contain('example.invalid');
  });

  it('start, switch the camera with the picker, take a photo: no request but the kit\'s own module and worker files', async () => {
    const cams = await cameras();
    skipUnless(cams.length >= 2, 'this engine has one fake camera: there is no other camera to switch to (the next test runs the flow without the switch)');
    await flow(cams);
  });

  it('start and take a photo (no switch, for engines with one camera): no request but the kit\'s own module and worker files', async () => {
    await flow(null);
  });
});

/** The cameras, once permission is given (WebKit lists one nameless camera before). */
async function cameras(): Promise<MediaDeviceInfo[]> {
  const s = await navigator.mediaDevices.getUserMedia({ video: true });
  s.getTracks().forEach((t) => t.stop());
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
}

/**
 * Every element of the kit on one shared stream: start, switch to another of `cams` with the
 * picker (none when `cams` is null), take a photo with <photo-booth>; every request of the flow
 * must be one of KIT_FILES and none may be blocked by the policy.
 */
async function flow(cams: MediaDeviceInfo[] | null): Promise<void> {
  const { name, controller } = sharedController();
  const known = ['media-device-picker', 'media-preview', 'photo-booth'];
  // Every other element of the manifest joins the page too (a new element is covered by itself).
  const others = (await manifestElements()).map((e) => e.tag).filter((t) => !known.includes(t));
  for (const tag of [...known, ...others]) {
    expect(Object.values(kit), `<${tag}> is registered by define.ts`).to.include(customElements.get(tag));
  }
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <media-device-picker stream=${name}></media-device-picker>
    <media-preview stream=${name}></media-preview>
    <photo-booth stream=${name}></photo-booth>
  </div>`);
  for (const tag of others) {
    const el = document.createElement(tag);
    el.setAttribute('stream', name);
    wrapper.append(el);
  }
  const picker = wrapper.querySelector<MediaDevicePicker>('media-device-picker')!;
  const preview = wrapper.querySelector<MediaPreview>('media-preview')!;
  const booth = wrapper.querySelector<PhotoBooth>('photo-booth')!;
  for (const el of wrapper.children) await expect(el).to.be.accessible();

  const log = new RequestLog();
  try {
    // Start: every element starts with the shared camera.
    for (const el of wrapper.children) await (el as HTMLElement & { start(): Promise<void> }).start();
    await untilState(preview, 'live');
    await untilState(booth, 'live');
    if (cams) {
      // Switch: the user picks another camera in the picker.
      await waitUntil(() => $(picker, 'select'), 'the device list', { timeout: 8000 });
      const select = $(picker, 'select') as HTMLSelectElement;
      const current = controller.stream!.getVideoTracks()[0]!.getSettings().deviceId;
      const target = cams.find((c) => c.deviceId !== current)!;
      select.value = target.deviceId;
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => controller.stream?.getVideoTracks()[0]?.getSettings().deviceId === target.deviceId, 'switched to the other camera', { timeout: 8000 });
      await untilState(booth, 'live');
    }
    // Photo: through the capture pipeline (its encode worker where the engine has one).
    const photo = await booth.capture();
    expect(photo.size, 'a photo was taken').to.be.greaterThan(0);
    await booth.updateComplete;
    // An entry or a violation is queued for a later task: let them arrive before stopping.
    await aTimeout(50);
  } finally {
    log.stop();
  }
  expect(log.violations, 'requests the policy blocked (another origin)').to.deep.equal([]);
  const other = log.requests.filter((r) => !allowed(r.url, [...KIT_FILES, ...BROWSER_FILES]));
  expect(other, 'requests during the flow for anything but the kit\'s module and worker files').to.deep.equal([]);
}
