import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MediaPreview } from '../../components/media-preview/media-preview.js';
import type { MediaTrackStallEvent } from '../../src/events.js';
import { isWebKit, skipUnless } from '../helpers/env.js';
import { $, captureWarnings, cleanupControllers, deliversSyntheticTrackEvents, focusedPart, isShown, sharedController, supportsStateSelector, untilPlaying, untilState } from './utils.js';
import { sources, canvasSource } from './media-preview.fixtures.js';

describe('<media-preview>: srcObject, frozen pictures, outputs, strings, theming, moves', () => {
  afterEach(cleanupControllers);
  afterEach(() => sources.splice(0).forEach((source) => source.stop()));

  it('shows a canvas.captureStream() through srcObject, unmirrored, without starting the camera', async () => {
    const { name, controller } = sharedController();
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#0a0';
    ctx.fillRect(0, 0, 64, 48);
    const stream = canvas.captureStream(10);
    const timer = setInterval(() => ctx.fillRect(0, 0, 64, 48), 50);
    try {
      const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name} .srcObject=${stream}></media-preview>`);
      await expect(el).to.be.accessible();
      expect(el.state).to.equal('live');
      expect(el.stream).to.equal(stream);
      expect(el.videoElement!.srcObject).to.equal(stream);
      expect(el.mirrored).to.equal(false);
      await untilPlaying(el.videoElement!);
      await aTimeout(200);
      expect(controller.stream).to.equal(null);
      // back to the shared stream: autostart applies now
      el.srcObject = null;
      await untilState(el, 'live');
      await waitUntil(() => controller.stream !== null && el.stream === controller.stream, 'the shared stream', { timeout: 8000 });
    } finally {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
    }
  });

  it('shows a picture that stops changing as frozen and fires media-track-stall (a real canvas track whose canvas stops being drawn)', async () => {
    const source = canvasSource();
    const { stream } = source;
    const events: Array<MediaTrackStallEvent['detail']> = [];
    // A generous timeout while frames flow (a loaded test machine can delay the drawing timer).
    const el = await fixture<MediaPreview>(html`<media-preview stall-timeout="2000" .srcObject=${stream} @media-track-stall=${(e: MediaTrackStallEvent) => events.push(e.detail)}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilPlaying(el.videoElement!);
    await aTimeout(900);
    expect(events, 'no stall while the canvas changes').to.deep.equal([]);
    expect($(el, '[part~="muted-overlay"]')).to.equal(null);

    el.stallTimeout = 400;
    await el.updateComplete;
    source.drawing = false;
    await waitUntil(() => events.length === 1, 'media-track-stall', { timeout: 4000 });
    expect(events[0]).to.deep.equal({ track: stream.getVideoTracks()[0], stalled: true });
    expect(stream.getVideoTracks()[0]!.muted, 'the browser did not mute the track').to.equal(false);
    await el.updateComplete;
    expect($(el, '[part~="muted-overlay"]')!.textContent).to.contain('not sending a picture');
    expect($(el, '[role=status]')!.textContent).to.contain('not sending a picture');
    if (supportsStateSelector(el)) expect(el.matches(':state(stalled)') && el.matches(':state(muted)')).to.equal(true);
    await expect(el).to.be.accessible();

    source.drawing = true;
    await waitUntil(() => events.length === 2, 'frames again', { timeout: 4000 });
    expect(events[1]!.stalled).to.equal(false);
    await el.updateComplete;
    expect($(el, '[part~="muted-overlay"]')).to.equal(null);
    expect($(el, '[role=status]')!.textContent!.trim(), 'the picture moving again is announced').to.equal('The camera picture is back.');
    if (supportsStateSelector(el)) expect(el.matches(':state(stalled)')).to.equal(false);

    // stall-timeout="0" turns the check off.
    el.stallTimeout = 0;
    source.drawing = false;
    await aTimeout(1200);
    expect(events).to.have.length(2);
    expect($(el, '[part~="muted-overlay"]')).to.equal(null);
  });

  it('a srcObject whose tracks all end shows the ended view (no start button) and says so', async () => {
    const source = canvasSource();
    const el = await fixture<MediaPreview>(html`<media-preview .srcObject=${source.stream}></media-preview>`);
    await untilPlaying(el.videoElement!);
    expect(el.state).to.equal('live');
    await expect(el).to.be.accessible();
    source.stop(); // stopped by script: no ended event on the track
    await untilState(el, 'idle');
    await el.updateComplete;
    expect(isShown($(el, '.panel.ended'))).to.equal(true);
    expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal('The video has ended.');
    expect($(el, '[part~="start-button"]')).to.equal(null);
    expect($(el, '[role=status]')!.textContent!.trim()).to.equal('The video has ended.');
    await expect(el).to.be.accessible();
  });

  it('an empty srcObject that gets its track later (a remote stream filled by ontrack) is live, not ended', async () => {
    const source = canvasSource();
    const remote = new MediaStream();
    const el = await fixture<MediaPreview>(html`<media-preview .srcObject=${remote}></media-preview>`);
    await el.updateComplete;
    expect(el.state).to.equal('live');
    expect($(el, '.panel.ended') === null, 'no ended view').to.equal(true);
    remote.addTrack(source.track); // by script: no addtrack event
    await untilPlaying(el.videoElement!);
    expect(el.state).to.equal('live');
    expect(isShown(el.videoElement)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('an update after removal (a stall ending on the way out) does not play the stream again', async () => {
    const source = canvasSource();
    const el = await fixture<MediaPreview>(html`<media-preview stall-timeout="300" .srcObject=${source.stream}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilPlaying(el.videoElement!);
    source.drawing = false;
    await waitUntil(() => $(el, '[part~="muted-overlay"]'), 'the stall shows', { timeout: 5000 });
    const video = el.videoElement!;
    el.remove(); // the watchdog stops: stalled goes false, which asks for an update
    await aTimeout(200);
    expect(video.srcObject, 'the removed preview keeps no hold on the stream').to.equal(null);
  });

  it('keyboard: the focus follows from the start button through the requesting view to the video', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    ($(el, '[part~="start-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: isWebKit() ? '\uE007' : 'Enter' });
    await untilState(el, 'live');
    await el.updateComplete;
    expect(focusedPart(el)).to.equal('video');
    await expect(el).to.be.accessible();
  });

  it('an audio output that cannot be used is asked for once, not again on every update', async function () {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const video = el.videoElement as HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> };
    if (typeof video.setSinkId !== 'function') this.skip();
    // A spy that counts the calls and passes each one to the real setSinkId.
    const calls: string[] = [];
    const real = video.setSinkId!.bind(video);
    video.setSinkId = (id: string) => {
      calls.push(id);
      return real(id);
    };
    await controller.selectDevice('audiooutput', 'no-such-output', { remember: false }); // a real NotFoundError
    for (let i = 0; i < 10; i++) {
      el.requestUpdate();
      await el.updateComplete;
      await aTimeout(30);
    }
    expect(calls.filter((id) => id === 'no-such-output')).to.have.length(1);
    // Another output named by the controller is asked for (once).
    await controller.selectDevice('audiooutput', 'another-missing-output', { remember: false });
    await el.updateComplete;
    await waitUntil(() => calls.includes('another-missing-output'), 'the next output asked for');
  });

  it('resolution given as a number (resolution={720} from a framework) does not throw', async () => {
    const el = await fixture<MediaPreview>(html`<media-preview></media-preview>`);
    const warnings = await captureWarnings(() => {
      (el as unknown as { resolution: unknown }).resolution = 1080;
    });
    expect(el.resolution).to.equal(null);
    expect(warnings.filter((w) => w.includes('resolution="1080"'))).to.have.length(1);
    el.resolution = ' 720p ';
    expect(el.resolution).to.equal('720p');
  });

  it('shows an audio-only view for a Web Audio stream', async () => {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    const dest = audio.createMediaStreamDestination();
    osc.connect(dest);
    osc.start();
    try {
      const el = await fixture<MediaPreview>(html`<media-preview .srcObject=${dest.stream}></media-preview>`);
      await expect(el).to.be.accessible();
      expect(el.state).to.equal('live');
      expect(isShown($(el, '.panel.audio-only'))).to.equal(true);
      expect($(el, '[part~="message"]')!.textContent!.trim()).to.equal('Audio only');
      expect(isShown($(el, 'video'))).to.equal(false);
      if (supportsStateSelector(el)) expect(el.matches(':state(audio-only)')).to.equal(true);
      // the level is the kit's <audio-level-meter> (no private copy): a named role="meter" per channel
      const meter = $(el, 'audio-level-meter[part~="meter"]') as (HTMLElement & { srcObject: MediaStream | null; updateComplete: Promise<boolean> }) | null;
      expect(meter, 'an <audio-level-meter> in the audio-only view').not.to.equal(null);
      expect(meter!.srcObject).to.equal(dest.stream);
      await waitUntil(() => meter!.shadowRoot?.querySelector('[role="meter"]'), 'its bars', { timeout: 3000 });
      await expect(el).to.be.accessible();
    } finally {
      osc.stop();
      dest.stream.getTracks().forEach((t) => t.stop());
      await audio.close();
    }
  });

  it('shows a muted (frozen) camera as such (injected mute)', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    expect($(el, '[part~="muted-overlay"]')).to.equal(null);
    const track = controller.videoTrack!;
    skipUnless(deliversSyntheticTrackEvents(track), 'this engine does not deliver synthetic events dispatched on a MediaStreamTrack');
    track.dispatchEvent(new Event('mute'));
    await waitUntil(() => $(el, '[part~="muted-overlay"]'), 'muted overlay');
    expect($(el, '[part~="muted-overlay"]')!.textContent).to.contain('not sending a picture');
    await expect(el).to.be.accessible();
    controller.videoTrack!.dispatchEvent(new Event('unmute'));
    await waitUntil(() => !$(el, '[part~="muted-overlay"]'), 'overlay gone');
  });

  it('replaces every string through `strings`, and through slots', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(
      html`<media-preview stream=${name} .strings=${{ start: 'Kamera einschalten', startExplanation: 'Warum wir die Kamera brauchen.' }}>
      </media-preview>`,
    );
    await expect(el).to.be.accessible();
    expect($(el, '[part~="start-button"]')!.textContent!.trim()).to.equal('Kamera einschalten');
    expect($(el, '#explanation')!.textContent!.trim()).to.equal('Warum wir die Kamera brauchen.');
    const slotted = await fixture<MediaPreview>(html`<media-preview stream=${name}>
      <span slot="idle-message">Custom explanation</span>
      <button slot="start-button" type="button">Go</button>
    </media-preview>`);
    await expect(slotted).to.be.accessible();
    slotted.querySelector('button')!.click();
    await untilState(slotted, 'live');
  });

  it('lays out right-to-left', async () => {
    const { name } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar"><media-preview stream=${name}></media-preview></div>`);
    const el = wrapper.querySelector('media-preview')!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(getComputedStyle($(el, '.panel')!).direction).to.equal('rtl');
  });

  it('takes theme custom properties', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(
      html`<media-preview stream=${name} style="--media-capture-accent: rgb(1, 2, 3); --media-preview-background: rgb(250, 240, 230)"></media-preview>`,
    );
    await expect(el).to.be.accessible();
    expect(getComputedStyle($(el, '[part~="start-button"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($(el, '.panel')!).backgroundColor).to.equal('rgb(250, 240, 230)');
  });

  it('keeps the camera while moved in the DOM, and releases it when removed', async () => {
    const { name, controller } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview autostart stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    controller.releaseDelay = 200;
    const track = controller.videoTrack!;
    const video = $(el, 'video') as HTMLVideoElement;
    await waitUntil(() => video.readyState >= 2, 'the video has a frame', { timeout: 8000 });
    const shown = video.srcObject;
    let emptied = 0;
    let streams = 0;
    video.addEventListener('emptied', () => emptied++);
    controller.addEventListener('media-stream-change', () => streams++);
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    // Chromium's moveBefore() moves without a disconnect at all.
    const moveBefore = (other as Element & { moveBefore?: (node: Node, child: Node | null) => void }).moveBefore;
    if (moveBefore) moveBefore.call(document.body, el, null);
    await aTimeout(300);
    await el.updateComplete;
    expect(track.readyState).to.equal('live');
    // Before, the video let go of its stream and loaded it again: a black frame on every move.
    expect(video.srcObject === shown, 'the video kept its stream').to.equal(true);
    expect(emptied, 'the video was not reloaded').to.equal(0);
    expect(streams, 'no new stream').to.equal(0);
    expect(el.state).to.equal('live');
    await expect(el).to.be.accessible();
    el.remove();
    other.remove();
    await waitUntil(() => track.readyState === 'ended', 'track ended after removal', { timeout: 3000 });
  });

  it('put back in the page after the camera went off: starts again only with autostart', async () => {
    const { name, controller } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-preview autostart stream=${name}></media-preview>
      <media-preview stream=${name}></media-preview>
      <media-preview stream=${name}></media-preview>
    </div>`);
    const [auto, holder, started] = [...wrapper.querySelectorAll('media-preview')] as MediaPreview[];
    await untilState(auto!, 'live');
    await started!.start(); // its own request, as a press of its start control
    await untilState(holder!, 'live'); // holds the stream the autostart preview started
    await expect(holder!).to.be.accessible();
    for (const el of [auto, holder, started]) el!.remove();
    await untilState(controller, 'idle'); // the last one out turned the camera off
    let streams = 0;
    controller.addEventListener('media-stream-change', () => streams++);
    // Before, the preview that had only held the stream asked for the camera when put back
    // (nothing starts by itself without autostart), and the one started by hand did so too.
    wrapper.append(holder!, started!);
    await aTimeout(500);
    await controller.whenSettled();
    expect(controller.state, 'put back without autostart').to.equal('idle');
    expect(streams).to.equal(0);
    expect([holder!.state, started!.state]).to.deep.equal(['idle', 'idle']);
    await expect(holder!).to.be.accessible();
    wrapper.append(auto!);
    await untilState(auto!, 'live');
    // A stopped autostart preview that is only moved (removed and put back before microtasks
    // run, as a framework re-sorting a list does) stays off: the user stopped it.
    controller.stop();
    await untilState(auto!, 'idle');
    auto!.remove();
    wrapper.append(auto!);
    await aTimeout(300);
    await controller.whenSettled();
    expect(controller.state, 'moved, not put back').to.equal('idle');
    // Before, autostart was only read when the attribute changed: an autostart preview stopped
    // from script, then put back in the page later, stayed off.
    auto!.remove();
    await Promise.resolve();
    wrapper.append(auto!);
    await untilState(auto!, 'live');
    expect(controller.state).to.equal('live');
    await expect(auto!).to.be.accessible();
  });

  it('start() called before the element is in the page, or while it is away, starts the camera when it is connected', async () => {
    const { name, controller } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('media-preview') as MediaPreview;
    el.streamName = name;
    void el.start(); // as a framework's ref callback may, before mounting
    wrapper.append(el);
    await untilState(el, 'live');
    el.remove();
    await untilState(controller, 'idle');
    void el.start(); // away, with the camera off
    wrapper.append(el);
    await untilState(el, 'live');
    await expect(el).to.be.accessible();
  });

  it('a stop() while the element is being moved is not undone, and a new stream name carries its request', async () => {
    const first = sharedController();
    const second = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${first.name}></media-preview>`);
    await el.start();
    await untilState(el, 'live');
    const parent = el.parentElement!;
    // One click handler moves the preview and turns the camera off.
    el.remove();
    first.controller.stop();
    parent.append(el);
    await aTimeout(300);
    await first.controller.whenSettled();
    // Before, the element asked for the camera again as it was put back.
    expect(first.controller.state, 'stopped for everyone').to.equal('idle');
    expect(el.state).to.equal('idle');
    await expect(el).to.be.accessible();
    // A live element moved to another stream takes its request along (it went idle before this
    // change's first version: the new name's controller was off, which read as "came back").
    await el.start();
    await untilState(el, 'live');
    el.streamName = second.name;
    await untilState(second.controller, 'live');
    await untilState(el, 'live');
    await untilState(first.controller, 'idle');
  });

  it('stream set before the element is defined is used (a framework that renders before the kit loads)', async () => {
    const { name, controller } = sharedController();
    const tag = `late-preview-${Date.now().toString(36)}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const byName = document.createElement(tag) as MediaPreview;
    const byStream = document.createElement(tag) as MediaPreview;
    const source = canvasSource();
    byName.stream = name;
    byStream.stream = source.stream;
    wrapper.append(byName, byStream);
    customElements.define(tag, class extends MediaPreview {});
    // Before, the value hid the accessor for good: the first preview used the default stream and
    // the second showed nothing.
    expect(byName.streamName).to.equal(name);
    expect(byStream.srcObject === source.stream, 'srcObject taken over').to.equal(true);
    await untilState(byStream, 'live');
    await byName.start();
    await untilState(byName, 'live');
    expect(controller.state).to.equal('live');
    await expect(byName).to.be.accessible();
  });

  it('re-dispatches controller events from the element', async () => {
    const { name } = sharedController();
    const el = await fixture<MediaPreview>(html`<media-preview stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'media-state-change');
    void el.start();
    const e = await event;
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    await untilState(el, 'live');
  });
});
