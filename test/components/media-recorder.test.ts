import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { MediaRecorderElement, RecordingDataEvent, RecordingStopEvent } from '../../components/media-recorder/define.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';
import type { MediaStreamController } from '../../src/controller.js';
import { skipUnless } from '../helpers/env.js';
import { FixedStateController, press } from './photo-booth.fixtures.js';
import { $, captureWarnings, cleanupControllers, isShown, sharedController, supportsStateSelector } from './utils.js';
import { liveRecorder, probeFile, recordButton, recordFor, recordsVideo, status } from './media-recorder.fixtures.js';

const WEBKIT_NO_VIDEO = 'WebKitGTK here records 0 bytes of any picture (sound works)';

async function rejection(p: Promise<unknown>): Promise<MediaCaptureError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'rejects with a MediaCaptureError').to.be.instanceOf(MediaCaptureError);
  return e as MediaCaptureError;
}

describe('<media-recorder>', function () {
  this.timeout(40_000);
  afterEach(cleanupControllers);

  it('is defined once, and define.ts is safe to load twice; its class does not shadow MediaRecorder', async () => {
    await import('../../components/media-recorder/define.js?again' as string).catch(() => null);
    expect(customElements.get('media-recorder')).to.equal(MediaRecorderElement);
    expect(globalThis.MediaRecorder).to.not.equal(MediaRecorderElement);
  });

  it('loads its audio-only level display on first need: a video recorder does not define <audio-level-meter>; audio-only does', async function () {
    skipUnless(!customElements.get('audio-level-meter'), 'another test file of this run defined <audio-level-meter> first');
    const el = await fixture<MediaRecorderElement>(html`<media-recorder stream="lazy-meter-${Date.now()}"></media-recorder>`);
    await el.updateComplete;
    expect(customElements.get('audio-level-meter'), 'not loaded for a video recorder').to.equal(undefined);
    el.audioOnly = true;
    await el.updateComplete;
    await waitUntil(() => customElements.get('audio-level-meter'), 'the level display is defined', { timeout: 5000 });
  });

  it('shows each state with its own view, accessible in every state; startRecording() rejects not-live there', async () => {
    const views: Record<Exclude<CaptureState, 'live'>, [MediaStreamController, string]> = {
      idle: [new FixedStateController('idle'), 'start-button'],
      requesting: [new FixedStateController('requesting'), 'panel'],
      denied: [new FixedStateController('denied', new MediaCaptureError('permission-denied')), 'retry-button'],
      unavailable: [new FixedStateController('unavailable', new MediaCaptureError('not-found')), 'retry-button'],
      error: [new FixedStateController('error', new MediaCaptureError('not-readable')), 'retry-button'],
    };
    for (const [state, [controller, part]] of Object.entries(views)) {
      const el = await fixture<MediaRecorderElement>(html`<media-recorder .controller=${controller}></media-recorder>`);
      await expect(el).to.be.accessible();
      expect(el.state, state).to.equal(state);
      expect(isShown($(el, `[part~="${part}"]`)), `${state}: ${part}`).to.equal(true);
      expect(isShown($(el, '[part~="record-button"]')), `${state}: no record button`).to.equal(false);
      if (supportsStateSelector(el)) expect(el.matches(`:state(${state})`)).to.equal(true);
      const err = await rejection(el.startRecording());
      expect(err.code).to.equal('not-live');
      expect(el.recordingState).to.equal('inactive');
      el.remove();
      controller.dispose();
    }
  });

  it('bad input: stopRecording() / pauseRecording() while inactive are invalid-state; malformed attributes fall back with a warning', async () => {
    const { name } = sharedController();
    let el!: MediaRecorderElement;
    const warnings = await captureWarnings(async () => {
      el = await fixture<MediaRecorderElement>(
        html`<media-recorder stream=${name} max-duration="abc" timeslice="-1" countdown="x" max-size="1.5" video-bits-per-second="fast"></media-recorder>`,
      );
    });
    await expect(el).to.be.accessible();
    for (const attr of ['max-duration="abc"', 'timeslice="-1"', 'countdown="x"', 'max-size="1.5"', 'video-bits-per-second="fast"'])
      expect(warnings.some((w) => w.includes(attr)), attr).to.equal(true);
    expect([el.maxDuration, el.timeslice, el.countdown, el.maxSize, el.videoBitsPerSecond]).to.deep.equal([0, 0, 0, 0, 0]);
    const stopErr = await rejection(el.stopRecording());
    expect(stopErr.code).to.equal('invalid-state');
    expect(stopErr.message).to.equal('No recording is running.');
    expect(() => el.pauseRecording()).to.throw(MediaCaptureError);
    expect(() => el.resumeRecording()).to.throw(MediaCaptureError);
    expect(el.file).to.equal(null);
  });

  it('records a 2 s clip with the record button that plays with a finite duration, as the value without review', async function () {
    skipUnless(recordsVideo(), WEBKIT_NO_VIDEO);
    const el = await liveRecorder();
    await expect(el).to.be.accessible();
    expect(recordButton(el).getAttribute('aria-label')).to.equal('Start recording');
    const started = oneEvent(el, 'recording-start');
    recordButton(el).click();
    const { detail } = await started;
    expect(detail.mimeType).to.equal(el.mimeType);
    await el.updateComplete;
    expect(recordButton(el).getAttribute('aria-label')).to.equal('Stop recording');
    expect(isShown($(el, '[part~="time"]'))).to.equal(true);
    expect(status(el)).to.equal('Recording.');
    if (supportsStateSelector(el)) expect(el.matches(':state(recording)')).to.equal(true);
    await expect(el).to.be.accessible();
    await aTimeout(2000);
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    let changed = 0;
    el.addEventListener('change', () => changed++);
    recordButton(el).click();
    const stop = (await stopped).detail;
    expect(stop.file).to.be.instanceOf(File);
    expect(el.value).to.equal(stop.file);
    expect(changed).to.equal(1);
    const probe = await probeFile(stop.file!);
    expect(Number.isFinite(probe.duration), `finite duration (${probe.duration})`).to.equal(true);
    expect(Math.abs(probe.duration * 1000 - stop.duration) / stop.duration, `${probe.duration}s vs ${stop.duration}ms`).to.be.below(0.05);
    URL.revokeObjectURL(probe.url);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('audio-only: the microphone alone, a level display instead of the picture, an audio File', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('audio-only', name);
    expect(controller.videoTrack, 'no camera asked for').to.equal(null);
    expect(controller.audioTrack).to.exist;
    const meter = $(el, '[part~="level"]') as HTMLElement & { srcObject: MediaStream | null };
    expect(meter?.localName).to.equal('audio-level-meter');
    expect(meter.srcObject).to.equal(controller.stream);
    expect($(el, 'canvas')).to.equal(null);
    await expect(el).to.be.accessible();
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    const file = await recordFor(el, 2000);
    const { detail } = await stopped;
    expect(file.type).to.match(/^audio\//);
    expect(file.name).to.match(/\.(m4a|weba|ogg)$/);
    expect([detail.width, detail.height]).to.deep.equal([0, 0]);
    const probe = await probeFile(file);
    expect(Number.isFinite(probe.duration), `finite duration (${probe.duration})`).to.equal(true);
    expect(Math.abs(probe.duration * 1000 - detail.duration) / detail.duration, `${probe.duration}s vs ${detail.duration}ms`).to.be.below(0.05);
  });

  it('no-audio: the camera without the microphone', async function () {
    skipUnless(recordsVideo(), WEBKIT_NO_VIDEO);
    const { name, controller } = sharedController();
    const el = await liveRecorder('no-audio', name);
    expect(controller.audioTrack, 'no microphone asked for').to.equal(null);
    const file = await recordFor(el, 800);
    expect(file.type).to.match(/^video\//);
    expect(file.size).to.be.above(0);
  });

  it('countdown: announced each second, the record button cancels; Escape cancels; startRecording() rejects aborted', async () => {
    const el = await liveRecorder('countdown="3" audio-only');
    expect(recordButton(el).getAttribute('aria-label')).to.equal('Start recording in 3 seconds');
    recordButton(el).focus();
    const p = el.startRecording();
    const cancelled = rejection(p);
    await el.updateComplete;
    expect(status(el)).to.equal('3');
    expect($(el, '[part~="countdown"]')!.textContent!.trim()).to.equal('3');
    if (supportsStateSelector(el)) expect(el.matches(':state(countdown)')).to.equal(true);
    await expect(el).to.be.accessible();
    await waitUntil(() => status(el) === '2', 'announces 2', { timeout: 3000 });
    expect(recordButton(el).getAttribute('aria-label')).to.equal('Cancel countdown');
    await press('Escape');
    const err = await cancelled;
    expect(err.code).to.equal('aborted');
    await el.updateComplete;
    expect(status(el)).to.equal('Countdown cancelled.');
    expect(el.recordingState).to.equal('inactive');
  });

  it('countdown: runs out, then records', async () => {
    const el = await liveRecorder('countdown="1" audio-only');
    const t0 = performance.now();
    await el.startRecording();
    expect(performance.now() - t0).to.be.at.least(900);
    expect(el.recordingState).to.equal('recording');
    await aTimeout(1000); // WebKitGTK gives no data for a recording shorter than its first fragment
    await el.stopRecording();
  });

  it('review: the recording plays under review; retake discards, accept makes it the value', async () => {
    const el = await liveRecorder('review audio-only name="voice"');
    const file = await recordFor(el, 800);
    await el.updateComplete;
    expect(el.value, 'not the value before accept').to.equal(null);
    const media = $(el, '[part~="review-media"]') as HTMLMediaElement;
    expect(isShown(media)).to.equal(true);
    expect(status(el)).to.equal('Recording stopped. Keep it or record again.');
    if (supportsStateSelector(el)) expect(el.matches(':state(review)')).to.equal(true);
    await expect(el).to.be.accessible();
    const download = $(el, '[part~="download-button"]') as HTMLAnchorElement;
    expect(download.getAttribute('download')).to.equal(file.name);
    ($(el, '[part~="retake-button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(status(el)).to.equal('Recording discarded.');
    const second = await recordFor(el, 600);
    await el.updateComplete;
    let changed = 0;
    el.addEventListener('change', () => changed++);
    ($(el, '[part~="accept-button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.value).to.equal(second);
    expect(el.file).to.equal(second);
    expect(changed).to.equal(1);
    expect(status(el)).to.equal('Recording kept.');
    await expect(el).to.be.accessible();
  });

  it('timeslice: recording-data for each chunk; a listener that calls preventDefault() takes it and the element keeps no copy', async () => {
    const el = await liveRecorder('timeslice="200" audio-only');
    const chunks: Blob[] = [];
    let take = false;
    const onData = (e: RecordingDataEvent) => {
      expect(e.detail.data).to.be.instanceOf(Blob);
      expect(e.detail.timecode).to.be.a('number');
      chunks.push(e.detail.data);
      if (take) e.preventDefault();
    };
    el.addEventListener('recording-data', onData);
    // Kept: the File has every chunk.
    let stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    // WebKitGTK delivers data once per fragment (about a second), whatever the timeslice.
    const kept = await recordFor(el, 2500);
    let detail = (await stopped).detail;
    expect(chunks.length).to.be.at.least(2);
    expect(kept.size).to.equal(chunks.reduce((n, c) => n + c.size, 0));
    // Taken: no copy, no File; size still counts what was recorded.
    chunks.length = 0;
    take = true;
    stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    await aTimeout(2500);
    const err = await rejection(el.stopRecording());
    expect(err.code).to.equal('recording-failed');
    detail = (await stopped).detail;
    expect(detail.file).to.equal(null);
    expect(detail.size).to.equal(chunks.reduce((n, c) => n + c.size, 0));
    expect(detail.size).to.be.above(0);
    expect(el.value, 'the earlier recording stays the value').to.equal(kept);
  });

  it('startRecording() twice is invalid-state; strings replace every text, the file name too', async () => {
    const el = await liveRecorder('audio-only');
    el.strings = { record: 'Aufnehmen', stop: 'Stopp', fileName: 'sprachnachricht-{time}.{ext}', announceRecording: 'Aufnahme läuft.' };
    await el.updateComplete;
    expect(recordButton(el).getAttribute('aria-label')).to.equal('Aufnehmen');
    await el.startRecording();
    const err = await rejection(el.startRecording());
    expect(err.code).to.equal('invalid-state');
    await el.updateComplete;
    expect(recordButton(el).getAttribute('aria-label')).to.equal('Stopp');
    expect(status(el)).to.equal('Aufnahme läuft.');
    await aTimeout(1000); // WebKitGTK gives no data for a recording shorter than its first fragment
    const file = await el.stopRecording();
    expect(file.name).to.match(/^sprachnachricht-\d+\.\w+$/);
  });

  it('removal during an audio recording delivers the partial file and ends every track', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('audio-only', name);
    const tracks = controller.stream!.getTracks();
    await el.startRecording();
    await aTimeout(800);
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    el.remove();
    const { detail } = await stopped;
    expect(detail.reason).to.equal('removed');
    expect(detail.file!.size).to.be.above(0);
    await waitUntil(() => tracks.every((t) => t.readyState === 'ended'), 'every track ended', { timeout: 8000 });
  });

  it('disabled: the controls are off and accessible', async () => {
    const el = await liveRecorder('disabled audio-only');
    await expect(el).to.be.accessible();
    expect(recordButton(el).disabled).to.equal(true);
    recordButton(el).click();
    await aTimeout(300);
    expect(el.recordingState).to.equal('inactive');
  });

  it('right-to-left with another language’s digits, accessible', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar-EG"></div>`);
    const { name } = sharedController();
    wrapper.innerHTML = `<media-recorder autostart audio-only stream="${name}"></media-recorder>`;
    const el = wrapper.querySelector('media-recorder')!;
    await waitUntil(() => el.state === 'live', 'live', { timeout: 8000 });
    await el.startRecording();
    await aTimeout(300);
    await el.updateComplete;
    // Arabic-Indic digits (the time itself depends on how long the start took on a loaded machine).
    expect($(el, '[part~="time"]')!.textContent!.trim()).to.match(/^[٠-٩]+:[٠-٩]{2}/);
    await expect(el).to.be.accessible();
    await el.stopRecording();
  });

  it('WebKitGTK, which records no picture here: recording-stop has no file, media-error recording-failed, stopRecording() rejects', async function () {
    skipUnless(!recordsVideo(), 'only WebKitGTK records 0 bytes of video here');
    const el = await liveRecorder();
    const errors: MediaCaptureError[] = [];
    el.addEventListener('media-error', (e) => errors.push(e.detail.error));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    await aTimeout(800);
    const err = await rejection(el.stopRecording());
    expect(err.code).to.equal('recording-failed');
    const { detail } = await stopped;
    expect(detail.file).to.equal(null);
    expect(errors.map((e) => e.code)).to.deep.equal(['recording-failed']);
    await el.updateComplete;
    expect(status(el)).to.equal('The recording failed. What was recorded until then is kept.');
    await expect(el).to.be.accessible();
  });

  it('max-size on a voice message: it stops by itself before the file passes the size, and max-duration shows the time left', async () => {
    const el = await liveRecorder('audio-only max-size="30000" max-duration="20"');
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    await el.updateComplete;
    expect($(el, '[part~="time"]')!.textContent).to.match(/left/);
    const { detail } = await stopped;
    expect(detail.reason).to.equal('max-size');
    expect(detail.size).to.be.at.most(30000);
    expect(detail.file!.size).to.be.at.most(30000);
    expect(detail.file!.size).to.be.above(0);
    await el.updateComplete;
    expect(status(el)).to.equal('The largest recording allowed was reached: recording stopped.');
  });

  it('every attribute set to edge values during a recording: no uncaught exception, one recording-stop at most, every track ends on removal', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('audio-only', name);
    const tracks = new Set(controller.stream!.getTracks());
    controller.addEventListener('media-track-change', (e) => tracks.add(e.detail.track));
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('error' in e ? e.error : e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    let stops = 0;
    el.addEventListener('recording-stop', () => stops++);
    const attrs = ['max-duration', 'max-size', 'countdown', 'timeslice', 'mime-type', 'video-bits-per-second', 'audio-bits-per-second', 'effect', 'mirror', 'mirror-recording', 'review', 'name', 'required', 'no-audio'];
    const values = ['', ' ', '0', '-1', '1e309', 'NaN', 'abc', '0x10', '<b>', '\u200f', 'video/mp4', 'audio/ogg'];
    await captureWarnings(async () => {
      await el.startRecording();
      for (const attr of attrs)
        for (const value of values) {
          el.setAttribute(attr, value);
          await el.updateComplete;
        }
      for (const attr of attrs) el.removeAttribute(attr);
      await el.updateComplete;
    });
    await aTimeout(300);
    expect(stops, 'no-audio changed what is recorded: the recording ended once').to.be.at.most(1);
    await expect(el).to.be.accessible();
    el.remove();
    await waitUntil(() => [...tracks].every((t) => t.readyState === 'ended'), 'every track ended', { timeout: 8000 });
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    expect(errors).to.deep.equal([]);
  });
});
