import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { MediaRecorderElement, RecordingStopEvent } from '../../components/media-recorder/define.js';
import type { CapturePipelineOptions } from '../../src/capture/pipeline.js';
import { MediaCaptureError } from '../../src/errors.js';
import { cleanupControllers, sharedController } from './utils.js';
import { liveRecorder, probeFile, recordFor } from './media-recorder.fixtures.js';

/** A recorder whose preview worker dies on its 90th frame (an injected fault: test/fixtures/crash-later-live-worker.js). */
class CrashLaterRecorder extends MediaRecorderElement {
  protected override pipelineOptions(): CapturePipelineOptions {
    return { liveWorkerUrl: new URL('/test/fixtures/crash-later-live-worker.js', location.href) };
  }
}
customElements.define('crash-later-recorder', CrashLaterRecorder);

describe('<media-recorder> (Chromium)', function () {
  this.timeout(40_000);
  afterEach(cleanupControllers);

  it('a 2 s recording is a File of the real type, named, with a finite duration within 5 % and the camera size', async () => {
    const el = await liveRecorder();
    await expect(el).to.be.accessible();
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    expect(el.recordingState).to.equal('recording');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 2000));
    const file = await el.stopRecording();
    const { detail } = await stopped;
    expect(detail.file).to.equal(file);
    expect(file).to.be.instanceOf(File);
    expect(file.type.split(';')[0]).to.equal('video/mp4');
    expect(file.name).to.match(/^recording-\d+\.mp4$/);
    expect(detail.mimeType).to.equal(file.type);
    const cam = el.controller.videoTrack!.getSettings();
    expect([detail.width, detail.height]).to.deep.equal([cam.width, cam.height]);
    const probe = await probeFile(file);
    expect(Number.isFinite(probe.duration), `finite duration (${probe.duration})`).to.equal(true);
    expect(Math.abs(probe.duration * 1000 - detail.duration) / detail.duration, `${probe.duration}s vs ${detail.duration}ms`).to.be.below(0.05);
    expect(detail.duration).to.be.within(1900, 3500); // wall time on a loaded machine
    expect([probe.width, probe.height]).to.deep.equal([cam.width, cam.height]);
    expect(el.value).to.equal(file);
    URL.revokeObjectURL(probe.url);
  });

  it('mime-type="video/webm;codecs=vp9" records WebM with a finite duration; an unknown one falls back with a warning', async () => {
    const el = await liveRecorder('mime-type="video/webm;codecs=vp9,opus"');
    expect(el.mimeType).to.equal('video/webm;codecs=vp9,opus');
    const file = await recordFor(el, 1000);
    expect(file.type).to.match(/^video\/webm/);
    expect(file.name).to.match(/\.webm$/);
    const probe = await probeFile(file);
    expect(Number.isFinite(probe.duration)).to.equal(true);
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...a: unknown[]) => void warnings.push(a.join(' '));
    try {
      el.preferredMimeType = 'video/x-nope';
      await el.startRecording();
    } finally {
      console.warn = original;
    }
    expect(warnings.join('\n')).to.contain('mime-type="video/x-nope"');
    expect(el.mimeType).to.match(/^video\/(mp4|webm)/);
    await el.stopRecording();
  });

  it('pauses are left out of recordedTime and of the file', async () => {
    const el = await liveRecorder();
    const t0 = performance.now();
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 800));
    el.pauseRecording();
    const pausedAt = performance.now();
    expect(el.recordingState).to.equal('paused');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 1000));
    el.resumeRecording();
    const pause = performance.now() - pausedAt;
    await new Promise((r) => setTimeout(r, 800));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    const stopAt = performance.now();
    const file = await el.stopRecording();
    const { detail } = await stopped;
    // The time paused (measured here) is left out of the time recorded.
    expect(detail.duration).to.be.within(1500, stopAt - t0 - pause + 50);
    const probe = await probeFile(file);
    expect(Math.abs(probe.duration * 1000 - detail.duration) / detail.duration, `${probe.duration}s vs ${detail.duration}ms`).to.be.below(0.1);
  });

  it('a camera switch in the middle keeps one recording (two fake cameras), no error', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('', name);
    const cams = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    expect(cams.length).to.be.greaterThan(1);
    const first = controller.videoTrack!.getSettings().deviceId;
    const other = cams.find((c) => c.deviceId !== first)!;
    const errors: unknown[] = [];
    el.addEventListener('media-error', (e) => errors.push(e.detail.error));
    const stops: RecordingStopEvent[] = [];
    el.addEventListener('recording-stop', (e) => stops.push(e));
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 1000));
    await controller.setOptions({ video: { deviceId: other.deviceId } });
    await waitUntil(() => controller.videoTrack?.getSettings().deviceId === other.deviceId, 'switched', { timeout: 8000 });
    expect(el.recordingState, 'still recording after the switch').to.equal('recording');
    await new Promise((r) => setTimeout(r, 1000));
    const file = await el.stopRecording();
    expect(stops.length).to.equal(1);
    expect(errors).to.deep.equal([]);
    const probe = await probeFile(file);
    expect(probe.duration).to.be.above(1.7);
  });

  it('max-duration stops it by itself, with recording-stop (reason max-duration)', async () => {
    const el = await liveRecorder('max-duration="1"');
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="time"]')!.textContent).to.contain('left');
    const { detail } = await stopped;
    expect(detail.reason).to.equal('max-duration');
    expect(detail.duration).to.be.within(950, 1600);
    expect(el.recordingState).to.equal('inactive');
    const probe = await probeFile(detail.file!);
    expect(probe.duration).to.be.within(0.8, 1.4);
  });

  it('max-size stops it before the file passes the size', async () => {
    const el = await liveRecorder('max-size="400000" video-bits-per-second="1000000"');
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    const { detail } = await stopped;
    expect(detail.reason).to.equal('max-size');
    expect(detail.file!.size).to.be.at.most(400000);
    expect(detail.size).to.be.at.most(400000);
    // The margin is what about 0.75 s adds at the bit rate (Chromium's MP4 comes in 0.6 s fragments).
    expect(detail.file!.size).to.be.above(100000);
    expect((await probeFile(detail.file!)).duration).to.be.above(0.7);
  });

  it('removal delivers the partial file and ends every track', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('', name);
    const tracks = controller.stream!.getTracks();
    await el.startRecording();
    // The recorded tracks: the preview canvas's and the Web Audio one.
    const recorded = el.recordedStreamForTest()!.getTracks();
    expect(recorded.length).to.equal(2);
    await new Promise((r) => setTimeout(r, 1000));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    el.remove();
    const { detail } = await stopped;
    expect(detail.reason).to.equal('removed');
    expect(detail.file!.size).to.be.above(0);
    expect(detail.duration).to.be.within(900, 2500);
    const probe = await probeFile(detail.file!);
    expect(probe.duration).to.be.above(0.7);
    await waitUntil(() => tracks.every((t) => t.readyState === 'ended'), 'every camera and microphone track ended', { timeout: 8000 });
    expect(recorded.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
  });

  it('stop() of the camera ends the recording with what was recorded', async () => {
    const el = await liveRecorder();
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 700));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    el.stop();
    const { detail } = await stopped;
    expect(detail.reason).to.equal('ended');
    expect(detail.file!.size).to.be.above(0);
    expect(el.value).to.equal(detail.file);
  });

  it('the camera stopped by another element (controller.stop) ends the recording with its data', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('', name);
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 700));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    controller.stop();
    const { detail } = await stopped;
    expect(detail.reason).to.equal('ended');
    expect(detail.file!.size).to.be.above(0);
  });

  it('disabled ends the recording with its data', async () => {
    const el = await liveRecorder();
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 700));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    el.disabled = true;
    const { detail } = await stopped;
    expect(detail.reason).to.equal('disabled');
    expect(detail.file!.size).to.be.above(0);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('the form carries the File; reset clears it', async () => {
    const form = document.createElement('form');
    document.body.append(form);
    const { name } = sharedController();
    form.innerHTML = `<media-recorder autostart stream="${name}" name="clip" required></media-recorder>`;
    const el = form.querySelector('media-recorder') as MediaRecorderElement;
    await waitUntil(() => el.state === 'live', 'live', { timeout: 8000 });
    await waitUntil(() => !!el.shadowRoot!.querySelector('canvas[part~="preview"]'), 'preview');
    expect(form.checkValidity()).to.equal(false);
    const file = await recordFor(el, 600);
    await el.updateComplete;
    const data = new FormData(form);
    expect(data.get('clip')).to.be.instanceOf(File);
    expect((data.get('clip') as File).name).to.equal(file.name);
    expect(form.checkValidity()).to.equal(true);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(new FormData(form).get('clip')).to.equal(null);
    form.remove();
  });

  it('a failing MediaRecorder (Chromium fails one whose stream gets a track added, done by hand here) is a media-error with the data so far', async () => {
    const el = await liveRecorder();
    const errors: MediaCaptureError[] = [];
    el.addEventListener('media-error', (e) => errors.push(e.detail.error));
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 700));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    // A MediaRecorder fails in Chromium when a track is added to its stream while it records.
    const session = (el as unknown as { recordedStreamForTest?: () => MediaStream }).recordedStreamForTest?.();
    expect(session, 'the recorded stream').to.exist;
    const extra = document.createElement('canvas').captureStream().getVideoTracks()[0]!;
    session!.addTrack(extra);
    const { detail } = await stopped;
    expect(detail.reason).to.equal('error');
    expect(errors.map((e) => e.code)).to.deep.equal(['recording-failed']);
    expect(detail.file!.size).to.be.above(0);
    extra.stop();
  });

  it('a media-error listener that calls stopRecording() (the engine\'s recorder already stopped itself, its last data queued) gets the File with everything recorded (the fault is made by hand: a track added to the recorded stream)', async () => {
    const el = await liveRecorder();
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 700));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    let fromListener: Promise<File | MediaCaptureError> | null = null;
    el.addEventListener(
      'media-error',
      () => {
        fromListener = el.stopRecording().catch((err: MediaCaptureError) => err);
      },
      { once: true },
    );
    const stream = el.recordedStreamForTest()!;
    const extra = document.createElement('canvas').captureStream().getVideoTracks()[0]!;
    stream.addTrack(extra);
    const { detail } = await stopped;
    expect(fromListener, 'the listener ran').to.not.equal(null);
    const got = await fromListener!;
    expect(got, got instanceof Error ? got.message : '').to.be.instanceOf(File);
    expect(got).to.equal(detail.file);
    // Without timeslice the whole recording is the final chunk.
    expect((got as File).size).to.be.above(0);
    extra.stop();
  });

  it('the preview rebuilt during a recording (its worker dies: injected by a fixture worker) ends the recording with a media-error and recording-stop carrying what was recorded; the next recording works', async () => {
    const { name } = sharedController();
    const el = await fixture<CrashLaterRecorder>(html`<crash-later-recorder autostart stream=${name}></crash-later-recorder>`);
    await waitUntil(() => el.state === 'live' && !!el.shadowRoot!.querySelector('canvas[part~="preview"]'), 'live with a preview', { timeout: 8000 });
    const canvas = el.shadowRoot!.querySelector('canvas[part~="preview"]');
    const errors: MediaCaptureError[] = [];
    el.addEventListener('media-error', (e) => errors.push(e.detail.error));
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    const stream = el.recordedStreamForTest()!;
    const { detail } = await stopped;
    expect(detail.reason).to.equal('error');
    expect(errors.map((e) => e.code)).to.deep.equal(['recording-failed']);
    expect(detail.file!.size).to.be.above(0);
    expect(stream.getTracks().every((t) => t.readyState === 'ended'), 'the recording\'s own tracks ended').to.equal(true);
    await waitUntil(() => el.shadowRoot!.querySelector('canvas[part~="preview"]') !== canvas, 'a new preview canvas', { timeout: 8000 });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    // The new preview (drawn on the main thread now) records.
    const file = await recordFor(el, 800);
    expect(file.size).to.be.above(0);
  });

  it('camera access revoked during a recording (CDP Browser.setPermission: the track ends for real) ends it with the data so far', async () => {
    await executeServerCommand('set-camera-permission', { setting: 'granted' });
    try {
      const el = await liveRecorder();
      await el.startRecording();
      await new Promise((r) => setTimeout(r, 800));
      const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
      await executeServerCommand('set-camera-permission', { setting: 'denied' });
      const { detail } = await stopped;
      expect(detail.reason).to.equal('ended');
      expect(detail.file!.size).to.be.above(0);
      const probe = await probeFile(detail.file!);
      expect(probe.duration).to.be.above(0.5);
    } finally {
      await executeServerCommand('set-camera-permission', { setting: 'granted' });
    }
  });

  it('timeslice in WebM: chunks as recorded, and the file (which Chromium writes without a duration) gets one', async () => {
    const el = await liveRecorder('timeslice="250" mime-type="video/webm"');
    let chunks = 0;
    el.addEventListener('recording-data', () => chunks++);
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await recordFor(el, 2000);
    const { detail } = await stopped;
    expect(chunks).to.be.at.least(5);
    expect(detail.mimeType).to.match(/^video\/webm/);
    const probe = await probeFile(detail.file!);
    expect(Number.isFinite(probe.duration), `finite duration (${probe.duration})`).to.equal(true);
    expect(Math.abs(probe.duration * 1000 - detail.duration) / detail.duration, `${probe.duration}s vs ${detail.duration}ms`).to.be.below(0.05);
  });

  it('a microphone switch in the middle keeps one recording with sound from the new microphone (the audio goes through a steady Web Audio track)', async () => {
    const { name, controller } = sharedController();
    const el = await liveRecorder('', name);
    const mics = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default');
    const first = controller.audioTrack!.getSettings().deviceId;
    const other = mics.find((m) => m.deviceId !== first)!;
    expect(other, 'a second fake microphone').to.exist;
    const errors: unknown[] = [];
    el.addEventListener('media-error', (e) => errors.push(e.detail.error));
    await el.startRecording();
    await new Promise((r) => setTimeout(r, 800));
    await controller.setOptions({ audio: { deviceId: other.deviceId } });
    await waitUntil(() => controller.audioTrack?.getSettings().deviceId === other.deviceId, 'switched', { timeout: 8000 });
    expect(el.recordingState).to.equal('recording');
    await new Promise((r) => setTimeout(r, 800));
    const file = await el.stopRecording();
    expect(errors).to.deep.equal([]);
    const probe = await probeFile(file);
    expect(probe.duration).to.be.above(1.4);
  });
});
