import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PhotoBooth } from '../../components/photo-booth/photo-booth.js';
import { PhotoBoothElement } from './photo-booth.fixtures.js';
import { cleanupControllers, sharedController, untilState } from './utils.js';

/** Mean brightness (0-255) of what a canvas shows, read through a small 2D copy. */
function brightness(source: HTMLCanvasElement, scratch: CanvasRenderingContext2D): number {
  scratch.clearRect(0, 0, 16, 12);
  scratch.drawImage(source, 0, 0, 16, 12);
  const d = scratch.getImageData(0, 0, 16, 12).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += (d[i]! + d[i + 1]! + d[i + 2]!) / 3;
  return sum / (d.length / 4);
}

// chromium-y4m: the camera plays the test pattern (bright colour bars, never dark), so a dark
// frame on the stage is one the kit made. (Chromium's built-in fake cameras cannot tell: one of
// them shows a picture that is nearly black half of the time.)
describe('<photo-booth> through a camera re-acquire (Chromium, y4m pattern)', () => {
  afterEach(cleanupControllers);

  it('keeps a picture on its stage while the camera is opened anew: no black or empty frame between the two tracks', async () => {
    const { name, controller } = sharedController('booth-switch');
    const booth = await fixture<PhotoBooth>(html`<photo-booth autostart stream=${name}></photo-booth>`);
    expect(booth).to.be.instanceOf(PhotoBoothElement);
    await untilState(booth, 'live');
    await waitUntil(() => (booth.canvasElement?.width ?? 0) > 0, 'the live canvas is drawn', { timeout: 8000 });
    await expect(booth).to.be.accessible();
    const scratch = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    await waitUntil(() => brightness(booth.canvasElement!, scratch) > 20, 'the camera’s picture on the stage', { timeout: 5000 });
    let samples = 0;
    const dark: string[] = [];
    let watching = true;
    const watch = () => {
      if (!watching) return;
      const canvas = booth.canvasElement;
      const shown = !!canvas && canvas.isConnected && canvas.width > 0 && !canvas.closest('[hidden]');
      const b = shown ? brightness(canvas, scratch) : 0;
      samples++;
      if (b <= 20) dark.push(shown ? `brightness ${b.toFixed(0)}` : 'no canvas shown');
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    // Facing modes the y4m camera does not report make the controller open the camera anew, twice.
    for (const facing of ['environment', 'user'] as const) {
      const before = controller.videoTrack;
      booth.facingMode = facing;
      await waitUntil(() => controller.videoTrack !== before && controller.state === 'live', 'a new video track', { timeout: 8000 });
      await controller.whenSettled();
      await new Promise((r) => setTimeout(r, 300)); // frames of the new track on the stage
    }
    watching = false;
    expect(samples, 'animation frames watched').to.be.greaterThan(10);
    expect(dark, 'animation frames with a dark or no picture').to.deep.equal([]);
    expect(booth.state).to.equal('live');
    await expect(booth).to.be.accessible();
  });
});
