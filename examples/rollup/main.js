// The page's code. Rollup bundles the kit into app.js but, without a plugin, leaves the worker
// files the package starts with `new Worker(new URL('…', import.meta.url))` where they are;
// rollup.config.mjs copies them (dist/workers/, stable names) to ./mce-workers/ beside the page,
// and this says where they are, for the whole page.
import 'media-capture-elements/define';
import { setAssetBase } from 'media-capture-elements';

setAssetBase('./mce-workers/'); // resolved against the page, before any element goes live

// Where each photo was encoded: `worker` (the main thread stays free) or `main`.
document.addEventListener('photo-capture', (e) => {
  document.querySelector('#encoder').value = e.detail.encoder;
});
