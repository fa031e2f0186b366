import { defineConfig } from 'vite';

// Angular without its CLI: the component's template is compiled in the browser (JIT, through
// @angular/compiler), so a plain Vite build is enough for this example.
export default defineConfig({
  base: './',
  build: { outDir: '../../.cache/examples/angular', emptyOutDir: true },
});
