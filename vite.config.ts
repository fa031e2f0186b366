/// <reference types="node" />
// `npm run build`: the library, one ES module per source file under dist/ (same paths as the
// sources, so the .d.ts from `tsc -p tsconfig.build.json` sit beside the JS), lit external.
// `npm run dev` / `npm start` (without Storybook): the demo page demo/index.html on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { defineConfig, type Plugin } from 'vite';
import { stableWorkers } from './vite.plugins.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Entry points, found by glob so that a new element is picked up without touching this file:
 * the core, the capture pipeline, the test kit (`media-capture-elements/testing`: its browser and Node sides), every element class (not its styles) and define.ts in components/<tag>/ (a tag has a
 * hyphen; helper folders such as components/internal/ are not entries), and the
 * all-in-one define.ts.
 */
function entries(): Record<string, string> {
  const files = globSync(['src/index.ts', 'src/capture/index.ts', 'src/recording/index.ts', 'src/testing/browser.ts', 'src/testing/node.ts', 'components/*-*/*.ts', 'define.ts'], {
    cwd: root,
    ignore: ['**/*.styles.ts', '**/*.test.ts', '**/*.stories.ts', '**/*.d.ts'],
  }).sort();
  return Object.fromEntries(files.map((f) => [f.replace(/\.ts$/, ''), `${root}${f}`]));
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const runtimeDeps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
/** lit, lit/*, @lit/*, @lit-labs/* and every other runtime dependency stay imports. */
function external(id: string): boolean {
  // The test kit's Node side (src/testing/node.ts) and its browser side's runner commands.
  if (id.startsWith('node:') || id === '@web/test-runner-commands') return true;
  if (/^(lit|@lit\/[^/]+|@lit-labs\/[^/]+)(\/.*)?$/.test(id)) return true;
  return runtimeDeps.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

/**
 * AudioWorklet modules (plain JavaScript, `src/…/*.worklet.js`), copied as they are: Vite's
 * library mode would inline a `new URL('./x.worklet.js', import.meta.url)` as a `data:` URL
 * (blocked by a strict CSP), so the modules that load one build its URL from a variable and the
 * file is emitted here at its own path (beside the module that loads it).
 */
const worklets = (): Plugin => ({
  name: 'mce:worklets',
  apply: 'build',
  generateBundle() {
    for (const file of globSync('src/**/*.worklet.js', { cwd: root })) {
      this.emitFile({ type: 'asset', fileName: file, source: readFileSync(`${root}${file}`, 'utf8') });
    }
  },
});

/** The dev server opens on the demo page. */
const demoIndex = (): Plugin => ({
  name: 'mce:demo-index',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url === '/' || req.url === '/index.html') {
        res.statusCode = 302;
        res.setHeader('Location', '/demo/');
        res.end();
        return;
      }
      next();
    });
  },
});


export default defineConfig(({ command }) => ({
  root,
  // Relative in the build, so a worker is loaded as new URL('../workers/x.js', import.meta.url)
  // from wherever the package is installed.
  base: command === 'build' ? './' : '/',
  plugins: [demoIndex(), worklets(), stableWorkers()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    // Workers (`new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`) are
    // emitted as their own files, never inlined as data: URLs, so a strict CSP keeps working.
    assetsInlineLimit: 0,
    lib: {
      entry: entries(),
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      output: {
        preserveModules: true,
        preserveModulesRoot: root,
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
      },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: { entryFileNames: 'workers/[name].js', chunkFileNames: 'workers/[name]-[hash].js' },
    },
  },
}));
