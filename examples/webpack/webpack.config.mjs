// webpack 5: `npx webpack -c examples/webpack/webpack.config.mjs` (after `npm run build`).
// No loader, no plugin: webpack 5 bundles the kit's workers from their
// `new Worker(new URL('…', import.meta.url), { type: 'module' })`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The config, writing to `outdir` (default .cache/examples/webpack). */
export function webpackConfig(outdir = join(here, '../../.cache/examples/webpack')) {
  return {
    mode: 'production',
    context: here,
    entry: { app: './main.js' },
    output: { path: outdir, filename: '[name].js', clean: true },
    devtool: false,
    // Only because this example sits in the kit's own repository, whose tsconfig.json maps the
    // package's name to its TypeScript sources (webpack reads it): an app leaves this out.
    resolve: { tsconfig: false },
    performance: { hints: false },
  };
}

export default webpackConfig();
