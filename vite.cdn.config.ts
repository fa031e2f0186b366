/// <reference types="node" />
// `npm run build` (second step): the CDN file, dist/cdn/media-capture-elements.js — one
// self-contained ES module (lit bundled, minified) that registers every element of the kit and
// exports the element classes and the core API; workers, if an element needs one, sit beside it
// in dist/cdn/workers/. Load it with a single <script type="module" src=".../media-capture-elements.js">.
// The elements come from custom-elements.json, so a new element is included without a change here.
import { readFileSync } from 'node:fs';
import { basename, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const ENTRY = 'virtual:mce-cdn-entry';

interface Manifest {
  modules: { path: string; declarations?: { name: string; tagName?: string; customElement?: boolean }[] }[];
}

/** `export { Class } from './components/<tag>/define.ts'` for every element, and the core. */
function entrySource(): string {
  const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8')) as Manifest;
  // Everything the package's entries export: the core, the capture pipeline (CaptureError,
  // CapturePipeline), and each element's module with its event classes (PhotoCaptureEvent).
  const lines = ["export * from '/src/index.ts';", "export * from '/src/capture/index.ts';"];
  for (const mod of manifest.modules) {
    if (!(mod.declarations ?? []).some((d) => d.customElement && d.tagName)) continue;
    lines.push(`export * from '/${mod.path.replace(/[^/]+$/, 'define.ts')}';`);
  }
  return `${lines.join('\n')}\n`;
}

const cdnEntry = (): Plugin => ({
  name: 'mce:cdn-entry',
  resolveId: (id) => (id === ENTRY ? `\0${ENTRY}` : undefined),
  load: (id) => (id === `\0${ENTRY}` ? entrySource() : undefined),
});

/**
 * AudioWorklet modules (plain JavaScript, `src/…/*.worklet.js`), copied as they are to the top of
 * dist/cdn/, beside the CDN file: the modules that load one build its URL from a variable relative
 * to themselves (see vite.config.ts for why), which in the CDN file is the CDN file itself.
 */
const worklets = (): Plugin => ({
  name: 'mce:worklets',
  apply: 'build',
  generateBundle() {
    // One folder for all of them (the name is all a module keeps of its worklet's URL): two files
    // of one name would silently overwrite each other, so that fails the build.
    const seen = new Map<string, string>();
    for (const file of globSync('src/**/*.worklet.js', { cwd: root })) {
      const name = basename(file);
      const other = seen.get(name);
      if (other) this.error(`two AudioWorklet modules are named ${name} (${other} and ${file}): the CDN build copies them into one folder; rename one`);
      seen.set(name, file);
      this.emitFile({ type: 'asset', fileName: name, source: readFileSync(`${root}${file}`, 'utf8') });
    }
  },
});

/**
 * Worker files under stable names (`workers/encode.worker.js`, `workers/live.worker.js`: no hash a
 * page would have to guess), started with the literal `new Worker(new URL('<file>',
 * import.meta.url), { type: 'module' })` that webpack 5 and Vite follow when they bundle the package.
 * (Vite's library mode writes `new URL(new URL('<file>', import.meta.url).href, '' + import.meta.url)`,
 * which no bundler recognises.) The AudioWorklet modules are copied into `workers/` too, so that
 * one folder holds every file a page must serve itself (`setAssetBase()`, see src/assets.ts), and
 * loaded from there with the literal `new URL('<path>', import.meta.url)` (see `built` below).
 */
const stableWorkers = (): Plugin => ({
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

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [cdnEntry(), worklets(), stableWorkers()],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    assetsInlineLimit: 0,
    copyPublicDir: false,
    rolldownOptions: {
      input: { 'media-capture-elements': ENTRY },
      preserveEntrySignatures: 'strict',
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: { output: { entryFileNames: 'workers/[name].js', chunkFileNames: 'workers/[name]-[hash].js' } },
  },
});
