// Rollup 4: `npx rollup -c examples/rollup/rollup.config.mjs` (after `npm run build`). Resolves the
// package with @rollup/plugin-node-resolve, and copies its worker files beside the bundle.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Copies index.html and the kit's dist/workers/ (stable names) into the output folder. */
const copyWorkers = (outdir) => ({
  name: 'copy-media-capture-workers',
  writeBundle() {
    mkdirSync(outdir, { recursive: true });
    copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'));
    const pkg = dirname(fileURLToPath(import.meta.resolve('media-capture-elements/package.json')));
    cpSync(join(pkg, 'dist/workers'), join(outdir, 'mce-workers'), { recursive: true });
  },
});

/** The config, writing to `outdir` (default .cache/examples/rollup). */
export function rollupConfig(outdir = join(here, '../../.cache/examples/rollup')) {
  return {
    input: join(here, 'main.js'),
    // A folder: the kit loads some parts on first use (import()), which Rollup puts in chunks beside app.js.
    output: { dir: outdir, entryFileNames: 'app.js', chunkFileNames: '[name]-[hash].js', format: 'es' },
    plugins: [nodeResolve({ browser: true }), copyWorkers(outdir)],
  };
}

export default rollupConfig();
