/**
 * Where the kit's worker and worklet files are served from: one page-wide setting, for pages whose
 * bundler does not copy them (esbuild, Rollup without a plugin, a hand-made build).
 *
 * The files have stable names (no hash) and sit together in one folder of the package:
 * `dist/workers/` (and `dist/cdn/workers/` beside the CDN file). Serve that folder from your
 * site and say where:
 *
 * ```js
 * import { setAssetBase } from 'media-capture-elements';
 * setAssetBase('/assets/media-capture-elements/'); // before the first element goes live
 * ```
 *
 * or, with no script at all, `<meta name="media-capture-elements-assets" content="/assets/media-capture-elements/">`
 * in the page's head; an element's own `asset-base` attribute (`<photo-booth>`) wins over both.
 * Without any of them the files are looked up where the package's build put them, beside the
 * module that loads them (which Vite and webpack 5 follow by themselves).
 *
 * Importing this module has no side effects and touches no DOM.
 * @module
 */

/** The files a page may have to serve, by the name they have in `dist/workers/`. */
export const ASSET_FILES = ['encode.worker.js', 'live.worker.js', 'level-meter.worklet.js'] as const;

/** One of {@link ASSET_FILES}. */
export type AssetName = (typeof ASSET_FILES)[number];

/** The `<meta name>` read when {@link setAssetBase} was not called. */
export const ASSET_BASE_META = 'media-capture-elements-assets';

let pageBase: URL | null = null;
let pageBaseSet = false;

/** A folder URL (with a trailing slash), resolved against the page; null for null, undefined or ''. */
function folder(base: string | URL | null | undefined): URL | null {
  if (base === null || base === undefined || base === '') return null;
  let href = String(base);
  if (!href.endsWith('/')) href += '/';
  const page = typeof document !== 'undefined' ? document.baseURI : (globalThis as { location?: Location }).location?.href;
  try {
    return page ? new URL(href, page) : new URL(href);
  } catch {
    throw new TypeError(`The asset base "${String(base)}" is not a URL (a folder such as "/assets/media-capture-elements/").`);
  }
}

/**
 * Sets, for the whole page, the folder from which the worker and worklet files are loaded (the
 * files of `dist/workers/`, served under their own names). A relative URL is resolved against the
 * page. `null` or `''` goes back to the default: the `<meta>` tag if any, else where the
 * package's build put them. Takes effect for workers started afterwards (an element starts its workers when
 * its camera first goes live).
 * @throws TypeError when `base` is not a URL.
 */
export function setAssetBase(base: string | URL | null): void {
  pageBase = folder(base);
  pageBaseSet = pageBase !== null;
}

/**
 * The page-wide asset folder: the one given to {@link setAssetBase}, else the
 * `<meta name="media-capture-elements-assets" content="…">` of the page, else `null` (the
 * files are looked up where the package's build put them).
 */
export function assetBase(): URL | null {
  if (pageBaseSet) return pageBase;
  if (typeof document === 'undefined') return null;
  const content = document.querySelector(`meta[name="${ASSET_BASE_META}"]`)?.getAttribute('content');
  try {
    return folder(content);
  } catch {
    return null;
  }
}

/**
 * The URL of one of the kit's files: in `base` (an element's own setting) when given, else in the
 * page-wide folder ({@link assetBase}), else `null`, which means "where the build put it" (the
 * module that loads it then uses its bundled URL).
 */
export function assetUrl(name: AssetName, base?: string | URL | null): URL | null {
  const dir = base !== undefined && base !== null && base !== '' ? folder(base) : assetBase();
  return dir ? new URL(name, dir) : null;
}

const warned = new Set<string>();

/**
 * Warns once per page and folder that one of the kit's files could not be loaded, naming the
 * file, where it was looked for, what the page loses, and what to do. The other files of that
 * folder are looked up in the same place, and the fix is the same: they do not warn again.
 * @param name - the file (`encode.worker.js`).
 * @param url - the URL that was tried (the asset folder's, or the one the build or bundler gave it).
 * @param consequence - what happens instead ("photos are encoded on the main thread").
 * @returns whether it warned (false when it had already warned for this folder).
 */
export function warnAssetFailed(name: AssetName, url: URL | string, consequence: string): boolean {
  const where = String(url);
  let key: string;
  try {
    // Keyed by the folder actually tried: a failure in another folder (a worklet a bundler placed
    // elsewhere than the workers) is reported too.
    key = new URL('.', url).href;
  } catch {
    key = where;
  }
  if (warned.has(key)) return false;
  warned.add(key);
  console.warn(
    `[media-capture-elements] ${name} could not be loaded from ${where}, so ${consequence}. ` +
      `The kit's worker files (${ASSET_FILES.join(', ')}) are all looked up there. ` +
      `Serve the files of node_modules/media-capture-elements/dist/workers/ (for the CDN file: dist/cdn/workers/) ` +
      `from your site under their own names, and call setAssetBase('/their/folder/') (from 'media-capture-elements') ` +
      `before the elements go live, or add <meta name="${ASSET_BASE_META}" content="/their/folder/">, ` +
      `or set the element's asset-base attribute. A CSP needs worker-src (and script-src for the worklet) to allow that folder, and worker-src blob: where it is on another origin.`,
  );
  return true;
}
