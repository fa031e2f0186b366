import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import type { CapturePipelineOptions } from '../../src/capture/pipeline.js';
import { $, captureWarnings, cleanupControllers, sharedController, untilState } from './utils.js';

/** A booth whose preview worker is the fixture that never answers a frame (an injected fault). */
class StuckWorkerBooth extends PhotoBooth {
  protected override pipelineOptions(): CapturePipelineOptions {
    return { liveWorkerUrl: new URL('/test/fixtures/silent-live-worker.js', location.href) };
  }
}
customElements.define('stuck-worker-booth', StuckWorkerBooth);

void PhotoBooth; // the define module registers the tag

// Chromium only: media emulation through the runner.
describe('<photo-booth> in Chromium', function () {
  this.timeout(20_000);
  afterEach(cleanupControllers);

  it('the flash animates, and becomes a still outline with prefers-reduced-motion', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth autostart stream=${name}></photo-booth>`);
    await untilState(el, 'live');
    await el.updateComplete;
    try {
      for (const reducedMotion of ['no-preference', 'reduce'] as const) {
        await emulateMedia({ reducedMotion });
        await el.capture();
        await waitUntil(() => $(el, '[part~="flash"]'), 'the flash shows');
        const style = getComputedStyle($(el, '[part~="flash"]')!);
        if (reducedMotion === 'reduce') {
          expect(style.animationName).to.equal('none');
          expect(style.boxShadow).to.not.equal('none');
        } else {
          expect(style.animationName).to.equal('flash');
        }
        await expect(el).to.be.accessible();
        await waitUntil(() => !$(el, '[part~="flash"]'), 'the flash ends', { timeout: 5000 });
      }
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('in forced colours the stop square of a countdown and the still flash stay visible', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth autostart countdown="3" stream=${name}></photo-booth>`);
    await untilState(el, 'live');
    await el.updateComplete;
    // Playwright takes forcedColors; the command's declared type lists fewer features.
    await emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' } as Parameters<typeof emulateMedia>[0]);
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const shutter = $(el, '[part~="shutter"]')!;
      shutter.click();
      await el.updateComplete;
      const square = getComputedStyle(shutter, '::after');
      const probe = document.createElement('span');
      probe.style.color = 'ButtonText';
      document.body.append(probe);
      const buttonText = getComputedStyle(probe).color;
      probe.remove();
      expect(square.content).to.not.equal('none');
      // Forced colours would paint it Canvas, the colour of the (transparent) button around it.
      expect(square.backgroundColor, 'the stop square is drawn in the button text colour').to.equal(buttonText);
      await expect(el).to.be.accessible();
      shutter.click(); // cancels the countdown
      await el.updateComplete;
      await el.capture();
      await waitUntil(() => $(el, '[part~="flash"]'), 'the flash shows');
      const flash = getComputedStyle($(el, '[part~="flash"]')!);
      expect(flash.outlineStyle, 'forced colours drop the box-shadow: an outline marks the photo').to.equal('solid');
    } finally {
      await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' } as Parameters<typeof emulateMedia>[0]);
    }
  });

  it('a preview worker that stops answering is replaced: a new canvas drawn on the main thread, captureStream() goes on (injected: a live worker that answers no frame after its first)', async () => {
    const { name } = sharedController();
    let el!: StuckWorkerBooth;
    let stream!: MediaStream;
    let first!: HTMLCanvasElement;
    const warnings = await captureWarnings(async () => {
      el = await fixture<StuckWorkerBooth>(html`<stuck-worker-booth autostart stream=${name}></stuck-worker-booth>`);
      await untilState(el, 'live');
      await el.updateComplete;
      first = el.canvasElement!;
      stream = el.captureStream();
      await waitUntil(() => el.canvasElement !== first, 'a new preview canvas', { timeout: 12_000 });
    });
    expect(warnings.some((w) => w.includes('live preview stopped')), 'the failure was reported').to.equal(true);
    const next = el.canvasElement!;
    const video = $(el, 'video') as HTMLVideoElement;
    // A new canvas is 300x150 before its first frame: wait for one drawn at the track's size.
    await waitUntil(() => next.isConnected && video.videoWidth > 0 && next.width === video.videoWidth, 'the new canvas draws frames', { timeout: 8000 });
    await expect(el).to.be.accessible();
    const track = stream.getVideoTracks()[0]!;
    expect(stream.getVideoTracks()).to.have.length(1);
    expect(track.readyState, 'the stream has a live track of the new canvas').to.equal('live');
    expect((await el.capture()).size).to.be.greaterThan(1000);
  });

  it('renderer="webgl2" runs the live preview on WebGL2 (SwiftShader here)', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth autostart renderer="webgl2" stream=${name}></photo-booth>`);
    await untilState(el, 'live');
    expect(el.activeRenderer).to.equal('webgl2');
    el.renderer = '2d';
    await el.updateComplete;
    expect(el.activeRenderer).to.equal('2d');
    expect(el.canvasElement!.getContext('2d')).to.not.equal(null);
    const file = await el.capture();
    expect(file.size).to.be.greaterThan(1000);
  });
  it('draws its 2D preview in a worker: the canvas is the worker\'s, the picture and photos are as before', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth autostart mirror effect="sepia" stream=${name}></photo-booth>`);
    await untilState(el, 'live');
    await expect(el).to.be.accessible();
    expect(el.activeRenderer).to.equal('2d');
    const video = el.shadowRoot!.querySelector('video')!;
    await waitUntil(() => el.canvasElement!.width === video.videoWidth && video.videoWidth > 0, 'the preview at the track size', { timeout: 8000 });
    expect(() => el.canvasElement!.getContext('2d'), 'control moved to the worker').to.throw(DOMException);
    const shot = await createImageBitmap(el.canvasElement!);
    expect([shot.width, shot.height]).to.deep.equal([video.videoWidth, video.videoHeight]);
    shot.close();
    const file = await el.capture();
    expect(file.size).to.be.greaterThan(1000);
    const canvas = el.canvasElement!;
    el.remove();
    // The worker frees the canvas's backing store (to 1x1, its last committed frame) once the
    // booth has left the page.
    await waitUntil(() => canvas.width <= 1 && canvas.height <= 1, 'the canvas released', { timeout: 10_000 });
    expect(el.canvasElement === null, 'no canvas once it left').to.equal(true);
  });
});
