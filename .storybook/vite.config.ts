// Vite config for Storybook only (see main.ts): no library mode, no demo redirect. The elements
// load workers with `new URL('./x.worker.ts', import.meta.url)`; Vite bundles them as ES modules.
import { defineConfig } from 'vite';

export default defineConfig({
  server: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
