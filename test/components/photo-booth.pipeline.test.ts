import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { MediaTrackStallEvent } from '../../src/events.js';
import { registerEffect } from '../../src/capture/effects.js';
import { decode } from '../capture/support.js';
import { playVideo } from '../helpers/media.js';
import { isChromium, skipUnless } from '../helpers/env.js';
import { $, captureWarnings, cleanupControllers, deliversSyntheticTrackEvents, isShown, sharedController, supportsStateSelector, untilState } from './utils.js';
import { liveBooth, shutter, status } from './photo-booth.fixtures.js';

describe('<photo-booth>: frozen picture, WebGL2, attributes, captureStream(), moves, theming', function () {
  this.timeout(30_000);
  afterEach(cleanupControllers);

  it('shows a camera whose frames come slower than stall-timeout as frozen, and fires media-track-stall (a real frame-rate constraint)', async () => {
    const { name, controller } = sharedController();
    const events: Array<MediaTrackStallEvent['detail']> = [];
    let frozenPhoto: Promise<unknown> | undefined;
    const onStall = (e: MediaTrackStallEvent) => {
      events.push(e.detail);
      // A photo asked for while the picture is stalled (the state is set before the event fires).
      if (e.detail.stalled) frozenPhoto ??= el.capture().then(() => 'a photo', (err: unknown) => err);
    };
    const el: PhotoBooth = await fixture<PhotoBooth>(
      // A generous timeout while the camera runs at its rate (a loaded test machine can pause a fake camera for a while).
      html`<photo-booth autostart stall-timeout="2000" stream=${name} @media-track-stall=${onStall}></photo-booth>`,
    );
    await untilState(el, 'live');
    await expect(el).to.be.accessible();
    await aTimeout(1000);
    expect(events, 'no stall at the camera\'s rate').to.deep.equal([]);
    el.stallTimeout = 500;
    const track = controller.videoTrack!;
    // Chromium then delivers about one frame a second: each gap is longer than stall-timeout, as with a camera that hangs.
    await track.applyConstraints({ ...track.getConstraints(), frameRate: { max: 0.5 } }).catch(() => undefined);
    const rate = track.getSettings().frameRate ?? 30;
    skipUnless(rate <= 1, `this engine's camera does not slow down to 0.5 fps (it gives ${rate} fps)`);
    await waitUntil(() => events.length >= 1, 'media-track-stall', { timeout: 5000 });
    expect(events[0]).to.deep.equal({ track, stalled: true });
    expect(track.muted).to.equal(false);
    const error = await frozenPhoto;
    expect(error, 'no photo of a stalled picture').to.be.instanceOf(MediaCaptureError);
    expect((error as MediaCaptureError).code).to.equal('frozen');
    await el.updateComplete;
    expect($(el, '[part~="muted-overlay"]')!.textContent).to.contain('not sending a picture');
    if (supportsStateSelector(el)) expect(el.matches(':state(stalled)')).to.equal(true);
    await expect(el).to.be.accessible();
    await waitUntil(() => events.length >= 2, 'the next frame ends the stall', { timeout: 5000 });
    expect(events[1]!.stalled).to.equal(false);
    await track.applyConstraints({ ...track.getConstraints(), frameRate: { ideal: 30 } });
    // At 30 fps the picture is back to normal (a loaded machine may pause the fake camera for
    // longer than 500 ms now and then: wait for it rather than read it once).
    const frozenShown = () => (supportsStateSelector(el) && el.matches(':state(stalled)')) || !!$(el, '[part~="muted-overlay"]');
    await waitUntil(() => !frozenShown(), 'back to normal at 30 fps', { timeout: 8000 });
    await el.updateComplete;
    expect(frozenShown(), 'back to normal at 30 fps').to.equal(false);
  });

  it('takes no photo of a frozen picture: capture() rejects with frozen, the shutter says why (injected mute)', async () => {
    const { name, controller } = sharedController();
    const el = await liveBooth('countdown="1"', name);
    await expect(el).to.be.accessible();
    const track = controller.videoTrack!;
    skipUnless(deliversSyntheticTrackEvents(track), 'this engine does not deliver synthetic events dispatched on a MediaStreamTrack');
    const photos: Event[] = [];
    const errors: MediaCaptureError[] = [];
    el.addEventListener('photo-capture', (e) => photos.push(e));
    el.addEventListener('media-error', (e) => errors.push((e as CustomEvent<{ error: MediaCaptureError }>).detail.error));

    track.dispatchEvent(new Event('mute'));
    await waitUntil(() => $(el, '[part~="muted-overlay"]'), 'muted overlay');
    expect(shutter(el).getAttribute('aria-disabled')).to.equal('true');
    expect(shutter(el).disabled, 'still focusable').to.equal(false);
    await expect(el).to.be.accessible();
    const error = await el.capture().then(() => null, (err: unknown) => err as MediaCaptureError);
    expect(error).to.be.instanceOf(MediaCaptureError);
    expect(error!.code).to.equal('frozen');
    expect(error!.retryable).to.equal(true);
    expect(error!.message).to.equal('The camera is not sending a picture right now.');
    // The shutter starts no countdown and takes nothing; pressed twice, it says why twice.
    for (let i = 0; i < 2; i++) {
      shutter(el).click();
      await el.updateComplete;
      await el.updateComplete;
      expect($(el, '[part~="countdown"]'), 'no countdown').to.equal(null);
      expect(status(el)).to.equal('The camera is not sending a picture.');
    }
    expect(photos).to.have.length(0);
    expect(errors, 'a press on an aria-disabled shutter is not an error').to.have.length(0);
    expect(el.value).to.equal(null);

    track.dispatchEvent(new Event('unmute'));
    await waitUntil(() => !$(el, '[part~="muted-overlay"]'), 'overlay gone');
    expect(shutter(el).hasAttribute('aria-disabled')).to.equal(false);
    // A countdown that ends on a frozen picture fails with a typed error event.
    shutter(el).click();
    await waitUntil(() => $(el, '[part~="countdown"]'), 'countdown started');
    track.dispatchEvent(new Event('mute'));
    await waitUntil(() => errors.length === 1, 'media-error', { timeout: 5000 });
    expect(errors[0]!.code).to.equal('frozen');
    expect(photos).to.have.length(0);
    await el.updateComplete;
    expect(status(el)).to.equal('The camera is not sending a picture.');

    track.dispatchEvent(new Event('unmute'));
    await waitUntil(() => !$(el, '[part~="muted-overlay"]'), 'overlay gone again');
    const file = await el.capture();
    expect(file).to.be.instanceOf(File);
    expect(photos).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('booths added and removed give their WebGL2 context back; a booth that stays goes on showing the camera', async function () {
    skipUnless(document.createElement('canvas').getContext('webgl2'), 'this engine has no WebGL2');
    const { name } = sharedController();
    const stays = await fixture<PhotoBooth>(html`<photo-booth autostart renderer="webgl2" stream=${name}></photo-booth>`);
    await untilState(stays, 'live');
    await expect(stays).to.be.accessible();
    const gl = stays.canvasElement!.getContext('webgl2')!;
    // Beyond its limit of live WebGL contexts (16 in Chromium) a browser loses the oldest one.
    for (let i = 0; i < 20; i++) {
      const passing = document.createElement('photo-booth');
      passing.setAttribute('renderer', 'webgl2');
      passing.setAttribute('stream', name);
      document.body.append(passing);
      await passing.updateComplete;
      const passingGL = passing.canvasElement!.getContext('webgl2')!;
      passing.remove();
      await Promise.resolve(); // a booth lets go of its picture a microtask after it left (it may be a move)
      expect(passingGL.isContextLost(), `removed booth ${i}`).to.equal(true);
    }
    await aTimeout(300);
    // Chromium frees the slot of a context lost on purpose, so the booth that stays keeps its own.
    // WebKit counts a dropped context until garbage collection and may take the booth's: the booth
    // then rebuilds its preview on a new canvas.
    if (isChromium()) expect(gl.isContextLost(), 'the booth that stays keeps its context').to.equal(false);
    await waitUntil(() => stays.canvasElement!.getContext('webgl2')?.isContextLost() === false, 'a live WebGL2 preview', { timeout: 8000 });
    expect(stays.activeRenderer).to.equal('webgl2');
    await expect(stays).to.be.accessible();
    const file = await stays.capture();
    expect(file.size).to.be.greaterThan(1000);
  });

  it('rebuilds its preview on a new canvas when the WebGL2 context is lost and not given back (injected: WEBGL_lose_context without restore)', async function () {
    skipUnless(document.createElement('canvas').getContext('webgl2'), 'this engine has no WebGL2');
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth autostart renderer="webgl2" effect="sepia" stream=${name}></photo-booth>`);
    await untilState(el, 'live');
    const canvas = el.canvasElement!;
    const lost = new Promise((r) => canvas.addEventListener('webglcontextlost', r, { once: true }));
    canvas.getContext('webgl2')!.getExtension('WEBGL_lose_context')!.loseContext();
    await lost;
    // Meanwhile photos take the 2D path.
    expect((await el.capture()).size).to.be.greaterThan(1000);
    await waitUntil(() => el.canvasElement !== canvas, 'a new preview canvas', { timeout: 6000 });
    expect(canvas.isConnected, 'the old canvas left').to.equal(false);
    const next = el.canvasElement!;
    expect(next.getAttribute('part')).to.equal('preview');
    expect(next.getAttribute('aria-label')).to.be.a('string').and.not.equal('');
    expect(next.getContext('webgl2')!.isContextLost()).to.equal(false);
    expect(el.activeRenderer).to.equal('webgl2');
    const video = $(el, 'video') as HTMLVideoElement;
    // A new canvas is 300x150 before its first frame: wait for one drawn at the track's size.
    await waitUntil(() => video.videoWidth > 0 && next.width === video.videoWidth && next.height === video.videoHeight, 'the new canvas draws frames', { timeout: 8000 });
    await expect(el).to.be.accessible();
    expect((await el.capture()).size).to.be.greaterThan(1000);
  });

  it('bad attributes fall back to the defaults with one warning each', async () => {
    const { name } = sharedController();
    let el!: PhotoBooth;
    const warnings = await captureWarnings(async () => {
      el = await fixture<PhotoBooth>(
        html`<photo-booth
          stream=${name}
          effect="sparkle"
          quality="abc"
          countdown="-5"
          renderer="vulkan"
          format="image/gif"
          mirror="sideways"
          brightness="lots"
          max-shots="many"
          source="film"
          resolution="huge"
          facing-mode="up"
          stall-timeout="-1"
        ></photo-booth>`,
      );
      el.setAttribute('effect', 'sparkle'); // the same value again: no second warning
      el.quality = 'abc';
      await el.updateComplete;
    });
    expect(el.effect).to.equal('none');
    expect(el.quality).to.equal(0.92);
    expect(el.countdown).to.equal(0);
    expect(el.renderer).to.equal('auto');
    expect(el.format).to.equal('image/jpeg');
    expect(el.mirror).to.equal('auto');
    expect(el.brightness).to.equal(1);
    expect(el.maxShots).to.equal(4);
    expect(el.source).to.equal('video');
    expect(el.resolution).to.equal(null);
    expect(el.facingMode).to.equal(null);
    expect(el.stallTimeout).to.equal(3000);
    for (const attr of ['effect', 'quality', 'countdown', 'renderer', 'format', 'mirror', 'brightness', 'max-shots', 'source', 'resolution', 'facing-mode', 'stall-timeout'])
      expect(warnings.filter((w) => w.includes(`${attr}=`)), attr).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('blank number attributes give the defaults without a warning (not 0: a black picture, the lowest quality)', async () => {
    const { name } = sharedController();
    let el!: PhotoBooth;
    const warnings = await captureWarnings(async () => {
      el = await fixture<PhotoBooth>(
        html`<photo-booth stream=${name} brightness=" " contrast="  " saturation=" " quality=" " countdown=" " max-shots=" "></photo-booth>`,
      );
    });
    expect([el.brightness, el.contrast, el.saturation, el.quality, el.countdown, el.maxShots]).to.deep.equal([1, 1, 1, 0.92, 0, 4]);
    expect(warnings).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('source="photo" uses ImageCapture where it exists, else the video frame with a warning', async () => {
    const { controller, name } = sharedController();
    const el = await liveBooth('source="photo"', name);
    let file!: File;
    const warnings = await captureWarnings(async () => {
      file = await el.capture();
    });
    const { width, height } = controller.videoTrack!.getSettings();
    const img = await decode(file);
    expect([img.width, img.height]).to.deep.equal([width, height]);
    if (typeof (globalThis as { ImageCapture?: unknown }).ImageCapture !== 'function')
      expect(warnings.some((w) => w.includes('source='))).to.equal(true);
  });

  it('names its photos with strings.fileName: the download, the event and the form value', async () => {
    const el = await liveBooth('review name="selfie" format="image/png"');
    el.strings = { fileName: ({ ext }) => `portrait.${ext}` };
    await el.updateComplete;
    const event = oneEvent(el, 'photo-capture');
    const file = await el.capture();
    // Before, every photo was called photo-<timestamp>.<ext>, whatever the page's language.
    expect(file.name).to.equal('portrait.png');
    expect((await event).detail.file.name).to.equal('portrait.png');
    await el.updateComplete;
    expect($(el, '[part~="download-button"]')!.getAttribute('download')).to.equal('portrait.png');
    await expect(el).to.be.accessible();
    el.strings = { fileName: 'foto-{time}.{ext}' };
    const next = await el.capture();
    expect(next.name).to.equal(`foto-${next.lastModified}.png`);
    expect(el.accept()!.name).to.equal(next.name);
    // A string function that throws (bad input from the page) warns and gives the default name,
    // instead of failing the photo; one that throws in a label leaves it empty, the view renders.
    let named!: File;
    const warnings = await captureWarnings(async () => {
      el.strings = {
        fileName: () => {
          throw new Error('broken translation');
        },
        stripItem: () => {
          throw new Error('broken translation');
        },
      };
      await el.updateComplete;
      named = await el.capture();
    });
    expect(named.name).to.match(/^photo-\d+\.png$/);
    expect(warnings.length).to.be.greaterThan(0);
    await el.updateComplete;
    expect(isShown($(el, '[part~="review"]'))).to.equal(true);
    el.strings = {};
  });

  it('captureStream() before the camera is live throws not-live, with a message that says so', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    let error: unknown = null;
    try {
      el.captureStream();
    } catch (e) {
      error = e;
    }
    // Before: invalid-state, whose message spoke of a page that is not active.
    expect(error).to.be.instanceOf(MediaCaptureError);
    expect((error as MediaCaptureError).code).to.equal('not-live');
    expect((error as MediaCaptureError).message).to.match(/not running|start/i);
  });

  it('captureStream() gives the processed picture; its tracks end on disconnect', async function () {
    const el = await liveBooth('effect="invert"');
    skipUnless(typeof el.canvasElement!.captureStream === 'function', 'this engine has no HTMLCanvasElement.captureStream()');
    const stream = el.captureStream(15);
    const track = stream.getVideoTracks()[0]!;
    expect(track.readyState).to.equal('live');
    el.remove();
    await waitUntil(() => track.readyState === 'ended', 'the canvas track ended');
  });

  it('captureStream() goes on when the preview moves to a new canvas (renderer changed): the same MediaStream, a new track, frames', async function () {
    const el = await liveBooth('renderer="2d"');
    skipUnless(typeof el.canvasElement!.captureStream === 'function', 'this engine has no HTMLCanvasElement.captureStream()');
    const stream = el.captureStream();
    const old = stream.getVideoTracks()[0]!;
    const dropped = el.captureStream();
    dropped.getVideoTracks()[0]!.stop(); // a stream the page is done with
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    document.body.append(video);
    try {
      await video.play();
      const canvas = el.canvasElement;
      await captureWarnings(async () => {
        el.renderer = 'webgl2'; // falls back to 2D with a warning where WebGL2 is missing: a new canvas either way
        await waitUntil(() => el.canvasElement !== canvas, 'a new preview canvas');
      });
      const tracks = stream.getVideoTracks();
      expect(tracks).to.have.length(1);
      expect(tracks[0] !== old, 'a track of the new canvas').to.equal(true);
      expect(tracks[0]!.readyState).to.equal('live');
      expect(old.readyState, 'the old canvas track is stopped').to.equal('ended');
      expect(
        dropped.getVideoTracks().map((t) => t.readyState),
        'a stream whose track the page stopped is not brought back',
      ).to.deep.equal(['ended']);
      // The new track carries the preview's frames.
      const fresh = await playVideo(new MediaStream([tracks[0]!]));
      fresh.remove();
      // A <video> already showing the stream follows the new track in Chromium; Firefox and
      // WebKit do not pick up a track added by script (set srcObject again there, see the JSDoc).
      if (isChromium()) await new Promise<void>((done) => video.requestVideoFrameCallback(() => done()));
    } finally {
      video.remove();
    }
  });

  it('disconnect leaves no live track and revokes every object URL; reconnect works again', async () => {
    const { name, controller } = sharedController();
    const el = await liveBooth('review', name);
    const tracks = controller.stream!.getTracks();
    await el.capture();
    await el.updateComplete;
    const url = ($(el, '[part~="review-image"]') as HTMLImageElement).src;
    expect(await fetch(url).then((r) => r.ok)).to.equal(true);
    const parent = el.parentElement!;
    el.remove();
    await controller.whenSettled();
    await waitUntil(() => tracks.every((t) => t.readyState === 'ended'), 'every track ended', { timeout: 3000 });
    expect(el.canvasElement).to.equal(null);
    expect(await fetch(url).then(() => 'fetched', () => 'revoked')).to.equal('revoked');
    // back in the page: a new pipeline, the review shows again with a new URL
    parent.append(el);
    await untilState(controller, 'live'); // the element may still show its last state for a moment
    await untilState(el, 'live');
    await el.updateComplete;
    expect(el.canvasElement).to.not.equal(null);
    const again = ($(el, '[part~="review-image"]') as HTMLImageElement).src;
    expect(again).to.match(/^blob:/).and.not.equal(url);
    el.remove();
    await controller.whenSettled();
  });

  it('a booth moved in the page (a framework reparenting it) keeps its countdown, its pipeline and the streams it handed out', async () => {
    const { name, controller } = sharedController();
    controller.releaseDelay = 200;
    const el = await liveBooth('countdown="1"', name);
    await expect(el).to.be.accessible();
    const canvas = el.canvasElement;
    const out = el.captureStream();
    const outTrack = out.getVideoTracks()[0]!;
    const video = $(el, 'video') as HTMLVideoElement;
    let emptied = 0;
    const errors: Event[] = [];
    video.addEventListener('emptied', () => emptied++);
    el.addEventListener('media-error', (e) => errors.push(e));
    const photo = el.capture({ countdown: true });
    await waitUntil(() => !!$(el, '[part~="countdown"]'), 'the countdown runs');
    const other = document.createElement('div');
    document.body.append(other);
    try {
      other.append(el);
      // Before, the move cancelled the countdown (the photo rejected with not-live), disposed the
      // pipeline and ended every captureStream() track: a recording of the booth stopped for good.
      const file = await photo;
      expect(file.size, 'the countdown ran out and took the photo').to.be.greaterThan(1000);
      await el.updateComplete;
      expect(el.canvasElement === canvas, 'the same preview canvas').to.equal(true); // (chai hangs printing DOM elements)
      expect(outTrack.readyState, 'the captureStream() track').to.equal('live');
      expect(emptied, 'the video was not reloaded').to.equal(0);
      expect(errors.length, 'no media-error').to.equal(0);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
      other.remove();
    }
    await waitUntil(() => outTrack.readyState === 'ended', 'a booth that left the page ends its captureStream() tracks', { timeout: 3000 });
  });

  it('replaces strings, lays out right-to-left and takes theme properties', async () => {
    const { name } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar">
      <photo-booth
        stream=${name}
        .strings=${{ start: 'تشغيل الكاميرا', startExplanation: 'التقط صورة.' }}
        style="--media-capture-accent: rgb(1, 2, 3)"
      ></photo-booth>
    </div>`);
    const el = wrapper.querySelector('photo-booth')!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const start = $(el, '[part~="start-button"]')!;
    expect(start.textContent!.trim()).to.equal('تشغيل الكاميرا');
    expect($(el, '#explanation')!.textContent!.trim()).to.equal('التقط صورة.');
    expect(getComputedStyle($(el, '.panel')!).direction).to.equal('rtl');
    expect(getComputedStyle(start).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('re-dispatches controller events from the element', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name}></photo-booth>`);
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'media-state-change');
    void el.start();
    const e = await event;
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    await untilState(el, 'live');
    el.stop();
    await untilState(el, 'idle');
  });

  it('an effect registered after the booth was given its name is taken when it is registered (a module that registers after the upgrade)', async () => {
    const name = `late-red-${Date.now().toString(36)}`;
    let el!: PhotoBooth;
    const warnings = await captureWarnings(async () => {
      el = await liveBooth(`effect="${name}"`);
    });
    await expect(el).to.be.accessible();
    expect(el.effect, 'unknown yet').to.equal('none');
    expect(warnings.filter((w) => w.includes(name)), 'one warning').to.have.length(1);
    // Every pixel pure red: r' = 1, g' = 0, b' = 0.
    registerEffect(name, { matrix: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0] });
    await el.updateComplete;
    expect(el.effect).to.equal(name);
    const photo = await decode(await el.capture());
    const i = (Math.floor(photo.height / 2) * photo.width + Math.floor(photo.width / 2)) * 4;
    expect([photo.data[i]! > 240, photo.data[i + 1]! < 15, photo.data[i + 2]! < 15], 'the photo is red').to.deep.equal([true, true, true]);
    await expect(el).to.be.accessible();
  });
});
