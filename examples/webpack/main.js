// The page's code. webpack 5 follows the package's `new Worker(new URL('…', import.meta.url))`
// by itself: it emits each worker as its own file and points the kit at it. Nothing to copy,
// nothing to set.
import 'media-capture-elements/define';

// Where each photo was encoded: `worker` (the main thread stays free) or `main`.
document.addEventListener('photo-capture', (e) => {
  document.querySelector('#encoder').value = e.detail.encoder;
});
