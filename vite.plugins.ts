// The Vite plugin both builds use (vite.config.ts for dist/, vite.cdn.config.ts for the CDN file).
import { readFileSync } from 'node:fs';
import { basename, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Worker files under stable names (`workers/encode.worker.js`, `workers/live.worker.js`: no hash a
 * page would have to guess), started with the literal `new Worker(new URL('<file>',
 * import.meta.url), { type: 'module' })` that webpack 5 and Vite follow when they bundle the package.
 * (Vite's library mode writes `new URL(new URL('<file>', import.meta.url).href, '' + import.meta.url)`,
 * which no bundler recognises.) The AudioWorklet modules are copied into `workers/` too, so that
 * one folder holds every file a page must serve itself (`setAssetBase()`, see src/assets.ts), and
 * loaded from there with the literal `new URL('<path>', import.meta.url)` (see `built` below).
 */
export const stableWorkers = (): Plugin => ({
  name: 'mce:stable-workers',
  apply: 'build',
  enforce: 'post',
  generateBundle(_options, bundle) {
    const nested =
      /new URL\(\s*(?:\/\*[^*]*\*\/\s*)?new URL\(\s*("[^"]+"|'[^']+'|`[^`]+`)\s*,\s*import\.meta\.url\s*\)\.href\s*,\s*(?:""|''|``)\s*\+\s*import\.meta\.url\s*\)/g;
    // 'mce-built:<file>' (src/asset-loading.ts, BUILT_PREFIX): the path of workers/<file> from the chunk,
    // so that `new URL(/* @vite-ignore */ 'mce-built:level-meter.worklet.js', import.meta.url)`
    // becomes the literal form a bundler follows (the comment goes: a user's Vite would skip it).
    const built = /(?:\/\*\s*@vite-ignore\s*\*\/\s*)?(["'`])mce-built:([\w.-]+)\1/g;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.code.includes('import.meta.url')) {
        chunk.code = chunk.code.replace(nested, 'new URL($1, import.meta.url)');
      }
      if (chunk.type === 'chunk' && chunk.code.includes('mce-built:')) {
        const from = posix.dirname(chunk.fileName);
        chunk.code = chunk.code.replace(built, (_m, _q, file: string) => {
          const path = posix.relative(from, `workers/${file}`);
          return JSON.stringify(path.startsWith('.') ? path : `./${path}`);
        });
      }
    }
    for (const file of globSync('src/**/*.worklet.js', { cwd: root })) {
      this.emitFile({ type: 'asset', fileName: `workers/${basename(file)}`, source: readFileSync(`${root}${file}`, 'utf8') });
    }
  },
});
