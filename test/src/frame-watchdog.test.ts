import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { canWatchFrames, DEFAULT_STALL_TIMEOUT, FrameWatchdog } from '../../src/frame-watchdog.js';
import { skipUnless } from '../helpers/env.js';
import { drawnCanvasStream, playVideo } from '../helpers/media.js';

type CanvasVideo = Awaited<ReturnType<typeof canvasVideo>>;

/** A playing `<video>` of a {@link drawnCanvasStream} (real frames that stop when it stops drawing). */
async function canvasVideo(): Promise<{ video: HTMLVideoElement; track: MediaStreamTrack; draw(on: boolean): void; dispose(): void }> {
  const source = drawnCanvasStream();
  const video = await playVideo(source.stream);
  return {
    video,
    track: source.track,
    draw: (on) => {
      source.drawing = on;
    },
    dispose: () => {
      source.stop();
      video.srcObject = null;
      video.remove();
    },
  };
}

describe('FrameWatchdog', () => {
  let cv: CanvasVideo | null = null;
  let dog: FrameWatchdog | null = null;
  afterEach(() => {
    dog?.stop();
    cv?.dispose();
    dog = cv = null;
  });

  /** A playing canvas video watched with `timeout` (both cleaned up after the test), and the `onChange` calls as they come. */
  async function watched(timeout: number): Promise<{ changes: boolean[]; source: CanvasVideo; watchdog: FrameWatchdog }> {
    const source = (cv = await canvasVideo());
    const changes: boolean[] = [];
    const watchdog = (dog = new FrameWatchdog(source.video, { timeout, onChange: (s) => changes.push(s) }));
    watchdog.start();
    return { changes, source, watchdog };
  }

  it('this engine tells new frames apart (requestVideoFrameCallback)', () => {
    expect(canWatchFrames(document.createElement('video'))).to.equal(true);
  });

  it('reports nothing while frames flow, a stall once they stop for the timeout, and the end of it when they come back', async () => {
    cv = await canvasVideo();
    const changes: Array<{ stalled: boolean; at: number }> = [];
    // A generous timeout while frames flow (a loaded test machine can delay the drawing timer).
    dog = new FrameWatchdog(cv.video, { timeout: 2000, onChange: (stalled) => changes.push({ stalled, at: performance.now() }) });
    dog.start();
    expect(dog.running).to.equal(true);
    await aTimeout(1000);
    expect(changes, 'no stall while frames flow').to.deep.equal([]);
    dog.timeout = 400;

    let lastFrame = 0;
    cv.video.requestVideoFrameCallback(function seen(now) {
      lastFrame = performance.now();
      if (dog?.running) cv?.video.requestVideoFrameCallback(seen);
      void now;
    });
    cv.draw(false);
    await waitUntil(() => changes.length === 1, 'a stall', { timeout: 3000 });
    expect(changes[0]!.stalled).to.equal(true);
    expect(dog.stalled).to.equal(true);
    expect(cv.track.readyState).to.equal('live');
    expect(cv.track.muted, 'the browser did not mute the track: the watchdog saw it').to.equal(false);
    // Not before the timeout had passed since the last frame (how much later depends on timers: no timed bound).
    expect(changes[0]!.at - lastFrame).to.be.at.least(400 - 20);

    cv.draw(true);
    await waitUntil(() => changes.length === 2, 'frames again', { timeout: 3000 });
    expect(changes[1]!.stalled).to.equal(false);
    expect(dog.stalled).to.equal(false);
  });

  it('a video outside the viewport, or too small to see, whose frames still come is not a stall', async () => {
    // Frames keep coming here, so only a gap longer than this (throttled frames) would count.
    const { changes, source } = await watched(2000);
    source.video.style.cssText = 'position:absolute; top:20000px; left:0';
    await aTimeout(2500);
    expect(changes, 'scrolled out of view').to.deep.equal([]);
    source.video.style.cssText = 'position:absolute; top:0; left:0; width:1px; height:1px; opacity:0';
    await aTimeout(2500);
    expect(changes, 'a 1px transparent video').to.deep.equal([]);
  });

  it('a disabled, ended or paused picture is not a stall', async () => {
    const { changes, source } = await watched(300);
    source.draw(false);
    source.track.enabled = false;
    await aTimeout(900);
    expect(changes, 'disabled track').to.deep.equal([]);
    source.track.enabled = true;
    source.video.pause();
    await aTimeout(900);
    expect(changes, 'paused video').to.deep.equal([]);
    source.track.stop();
    await source.video.play().catch(() => undefined);
    await aTimeout(900);
    expect(changes, 'ended track').to.deep.equal([]);
  });

  it('a stall in progress ends with a new source, and stop() ends watching without a call', async () => {
    const { changes, source, watchdog } = await watched(300);
    source.draw(false);
    await waitUntil(() => changes.length === 1, 'a stall', { timeout: 3000 });
    // Another stream in the same video: the clock starts again, and its frames end the stall.
    const other = await canvasVideo();
    try {
      source.video.srcObject = other.video.srcObject;
      await source.video.play();
      await waitUntil(() => changes.length === 2, 'the new source plays', { timeout: 3000 });
      expect(changes).to.deep.equal([true, false]);
      watchdog.stop();
      expect(watchdog.running).to.equal(false);
      expect(watchdog.stalled).to.equal(false);
      other.draw(false);
      await aTimeout(900);
      expect(changes, 'nothing after stop()').to.deep.equal([true, false]);
    } finally {
      other.dispose();
    }
  });

  it('takes the default timeout for a non-positive or non-finite one', () => {
    const video = document.createElement('video');
    skipUnless(canWatchFrames(video), 'no requestVideoFrameCallback');
    const d = new FrameWatchdog(video, { timeout: -5, onChange: () => undefined });
    expect(d.timeout).to.equal(DEFAULT_STALL_TIMEOUT);
    d.timeout = Number.NaN;
    expect(d.timeout).to.equal(DEFAULT_STALL_TIMEOUT);
    d.timeout = 250;
    expect(d.timeout).to.equal(250);
    d.timeout = 0;
    expect(d.timeout).to.equal(DEFAULT_STALL_TIMEOUT);
  });
});
