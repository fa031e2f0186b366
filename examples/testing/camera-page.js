// A small camera page of an app: a camera picker and a preview that the user starts. The tests
// beside it (camera-page.test.js) test it in real browsers with fake cameras, with the kit's
// media-capture-elements/testing, as an app using the kit would.
import 'media-capture-elements/define';

/** Renders the page into `container` and returns its preview. */
export function renderCameraPage(container) {
  container.innerHTML = `
    <h1>Your camera</h1>
    <media-device-picker kind="videoinput" stream="page"></media-device-picker>
    <media-preview stream="page"></media-preview>
  `;
  return container.querySelector('media-preview');
}
