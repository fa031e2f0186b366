/// <reference types="node" />
// `npm run build`: the library, one ES module per source file under dist/ (same paths as the
// sources, so the .d.ts from `tsc -p tsconfig.build.json` sit beside the JS), lit external.
// `npm run dev` / `npm start` (without Storybook): the demo page demo/index.html on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { basename, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { defineConfig, type Plugin } from 'vite';

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
