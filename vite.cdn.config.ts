/// <reference types="node" />
// `npm run build` (second step): the CDN file, dist/cdn/media-capture-elements.js — one
// self-contained ES module (lit bundled, minified) that registers every element of the kit and
// exports the element classes and the core API; workers, if an element needs one, sit beside it
// in dist/cdn/workers/. Load it with a single <script type="module" src=".../media-capture-elements.js">.
// The elements come from custom-elements.json, so a new element is included without a change here.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { defineConfig, type Plugin } from 'vite';
import { stableWorkers } from './vite.plugins.js';

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
