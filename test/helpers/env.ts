/// <reference types="mocha" />
/**
 * Which test-runner group (and so which engine and launch flags) this page runs in.
 * web-test-runner.config.mjs sets `globalThis.__MCE_GROUP__` in the test page before mocha loads.
 */

export type Group = 'chromium' | 'chromium-y4m' | 'chromium-deny' | 'chromium-faults' | 'firefox' | 'webkit';

declare global {
  // eslint-disable-next-line no-var
  var __MCE_GROUP__: Group | undefined;
}

/** The group name, or a guess from the user agent when the page was opened by hand. */
export function group(): Group {
  const g = globalThis.__MCE_GROUP__;
  if (g) return g;
  const ua = navigator.userAgent;
  if (/Firefox\//.test(ua)) return 'firefox';
  if (/Chrome\//.test(ua)) return 'chromium';
  return 'webkit';
}

/** Any Chromium group: `chromium`, `chromium-y4m`, `chromium-deny` or `chromium-faults`. */
export const isChromium = (): boolean => group().startsWith('chromium');
export const isFirefox = (): boolean => group() === 'firefox';
export const isWebKit = (): boolean => group() === 'webkit';

/** Chromium playing .cache/test-pattern.y4m as its only camera. */
export const hasY4mCamera = (): boolean => group() === 'chromium-y4m';
/** Chromium launched so that camera permission is denied for real. */
export const deniesCamera = (): boolean => group() === 'chromium-deny';

let currentTest: Mocha.Test | undefined;
// A root-level hook: remembers the running test so skipUnless() works without `this`.
beforeEach(function () {
  currentTest = this.currentTest;
});
afterEach(function () {
  currentTest = undefined;
});

/**
 * Skips the running test (mocha `this.skip()`) unless `condition` holds, and puts `reason`
 * in the test's title so the report says why, e.g.
 *
 *   it('grabs a frame with ImageCapture', async function () {
 *     skipUnless(isChromium(), 'ImageCapture exists only in Chromium');
 *     ...
 *   });
 *
 * Inside a `before`/`beforeEach` hook pass the hook's context: `skipUnless(cond, reason, this)`.
 */
export function skipUnless(condition: unknown, reason: string, ctx?: Mocha.Context): asserts condition {
  if (condition) return;
  const runnable = ctx?.currentTest ?? ctx?.test ?? currentTest;
  if (runnable && !runnable.title.includes('(skipped:')) {
    runnable.title += ` (skipped: ${reason} [${group()}])`;
  }
  if (ctx) ctx.skip();
  if (!currentTest) throw new Error(`skipUnless(${reason}) called outside a test: pass the mocha context`);
  currentTest.skip();
}
