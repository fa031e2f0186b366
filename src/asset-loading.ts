/**
 * How the kit's modules start their worker and worklet files (internal: not exported from the
 * package; the page-wide setting is in src/assets.ts): the path the build writes for a bundled
 * file, and workers on another origin than the page.
 * @module
 */

/**
 * The prefix of a path the build fills in: vite.config.ts and vite.cdn.config.ts (`mce:stable-workers`)
 * replace the string `'mce-built:<file>'` with the path of `workers/<file>` relative to the module
 * that holds it (`'../../workers/encode.worker.js'` in the package, `'./workers/…'` in the CDN file).
 */
export const BUILT_PREFIX = 'mce-built:';

/**
 * The URL at which a module's bundled file is looked for when no asset folder is set, for the
 * warning: `built` (`'mce-built:<file>'`, the path the build wrote) resolved against `from` (the
 * module's `import.meta.url`); in the sources (not built), `source` (the file beside the module).
 */
export function bundledUrl(built: string, source: string, from: string): string {
  const path = built.startsWith(BUILT_PREFIX) ? source : built;
  try {
    return new URL(path, from).href;
  } catch {
    return path;
  }
}

/** Whether `url` is an http(s) URL of another origin than the page's (or the worker's) own. */
function otherOrigin(url: URL): boolean {
  const here = (globalThis as { location?: Location }).location;
  return !!here && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== here.origin;
}

/**
 * The module's bundled file as a URL where it is on another origin than the page (the CDN file
 * on jsDelivr: its `workers/` folder beside it), else `null`: the module then starts it with the
 * literal `new Worker(new URL(…, import.meta.url))` that bundlers follow. `built` as for
 * {@link bundledUrl}; `null` in the sources (not built) and under a bundler that writes a `file:`
 * URL for `import.meta.url`.
 */
export function crossOriginBundled(built: string, from: string): URL | null {
  if (built.startsWith(BUILT_PREFIX)) return null;
  try {
    const url = new URL(built, from);
    return otherOrigin(url) ? url : null;
  } catch {
    return null;
  }
}

/**
 * Starts a module worker from `url`. Browsers refuse `new Worker()` on a URL of another origin
 * (the CDN file on jsDelivr, an asset folder on a CDN), so such a worker is started from a
 * same-origin `blob:` module that imports it: the other origin must serve it with CORS (jsDelivr
 * does), and a Content Security Policy then needs `worker-src blob:` (plus that origin in
 * `script-src`). A URL of the page's origin is started as it is.
 * @throws what `new Worker()` throws (a URL the CSP blocks, no `Worker`).
 */
export function startModuleWorker(url: URL | string): Worker {
  const href = String(url);
  let cross = false;
  try {
    cross = otherOrigin(new URL(href, (globalThis as { location?: Location }).location?.href));
  } catch {
    /* not a URL: new Worker() says so */
  }
  if (!cross) return new Worker(url, { type: 'module' });
  const wrapper = URL.createObjectURL(new Blob([`import ${JSON.stringify(href)};\n`], { type: 'text/javascript' }));
  const worker = new Worker(wrapper, { type: 'module' });
  // Kept until the worker has loaded (its first message) or failed.
  const revoke = (): void => URL.revokeObjectURL(wrapper);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}
