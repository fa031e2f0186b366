// esbuild: `node examples/esbuild/build.mjs [outdir]` bundles main.js into one file, app.js, and
// copies the kit's worker files (node_modules/media-capture-elements/dist/workers/) beside it.
// Run after `npm run build` (the example uses the package as an app does, through its exports).
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the example into `outdir`; `entry` replaces main.js (the tests build a page without setAssetBase). */
export async function buildEsbuildExample(outdir, { entry = join(here, 'main.js'), copyWorkers = true } = {}) {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: entry },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outdir,
    minify: true,
    logLevel: 'warning',
    // Only because this example sits in the kit's own repository, whose tsconfig.json maps the
    // package's name to its TypeScript sources (esbuild reads it): an app leaves this out.
    tsconfigRaw: {},
  });
  copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'));
  if (copyWorkers) {
    // The package's folder of worker (and worklet) files: the same names in every release.
    const pkg = dirname(fileURLToPath(import.meta.resolve('media-capture-elements/package.json')));
    cpSync(join(pkg, 'dist/workers'), join(outdir, 'mce-workers'), { recursive: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildEsbuildExample(resolve(process.argv[2] ?? join(here, '../../.cache/examples/esbuild')));
}
