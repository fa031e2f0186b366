/**
 * <media-recorder>: the edges found by review (issue 20): a recording that ended by itself with
 * nothing kept, keyboard focus while a recording starts, stop and disabled before the recording
 * starts, the running recording's own limit, `size` against the File. Every engine, fake devices.
 */
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { MediaRecorderElement, type RecordingDataEvent, type RecordingStopEvent } from '../../components/media-recorder/define.js';
import { MediaCaptureError } from '../../src/errors.js';
import { press } from './photo-booth.fixtures.js';
import { $, cleanupControllers, sharedController, untilState } from './utils.js';
import { liveRecorder, recordButton } from './media-recorder.fixtures.js';

async function rejection(p: Promise<unknown>): Promise<MediaCaptureError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'rejects with a MediaCaptureError').to.be.instanceOf(MediaCaptureError);
  return e as MediaCaptureError;
}

describe('<media-recorder> edges', function () {
  this.timeout(40_000);
  afterEach(cleanupControllers);

  it('a recording ended by max-duration whose every chunk was taken leaves the element usable: the next recording pauses, stops and delivers its File', async () => {
    const el = await liveRecorder('timeslice="200" max-duration="1" audio-only');
    await expect(el).to.be.accessible();
    let take = true;
    el.addEventListener('recording-data', (e: RecordingDataEvent) => {
      if (take) e.preventDefault();
    });
    const first = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    const ended = (await first).detail;
    expect(ended.reason).to.equal('max-duration');
    expect(ended.file).to.equal(null);
    expect(ended.size).to.be.above(0);
    await el.updateComplete;
    expect(el.recordingState).to.equal('inactive');
    // The next recording works in full.
    take = false;
    el.maxDuration = 0;
    await el.updateComplete;
    await el.startRecording();
    expect(el.recordingState).to.equal('recording');
    await aTimeout(600);
    el.pauseRecording();
    expect(el.recordingState).to.equal('paused');
    el.resumeRecording();
    await aTimeout(600); // WebKitGTK gives no data for a recording shorter than its first fragment
    const second = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    const file = await el.stopRecording();
    expect((await second).detail.file).to.equal(file);
    expect(file.size).to.be.above(0);
    expect(el.recordingState).to.equal('inactive');
  });

  it('every chunk taken by a listener: stopRecording() rejects recording-failed saying so, recording-stop has file null and the size recorded', async () => {
    const el = await liveRecorder('timeslice="200" audio-only');
    el.addEventListener('recording-data', (e: RecordingDataEvent) => e.preventDefault());
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    await aTimeout(1500);
    const err = await rejection(el.stopRecording());
    expect(err.code).to.equal('recording-failed');
    expect(err.message).to.contain('recording-data');
    const { detail } = await stopped;
    expect(detail.file).to.equal(null);
    expect(detail.size).to.be.above(0);
  });

  it('Enter on the record button keeps the focus on it while the recording starts; Space then stops it', async () => {
    const el = await liveRecorder('audio-only');
    recordButton(el).focus();
    const started = oneEvent(el, 'recording-start');
    await press('Enter');
    // While it starts the button is aria-disabled (not disabled): it keeps the focus.
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'focus on the record button while starting').to.equal(recordButton(el));
    await started;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'focus on the record button once recording').to.equal(recordButton(el));
    expect(recordButton(el).hasAttribute('aria-disabled')).to.equal(false);
    await expect(el).to.be.accessible();
    await aTimeout(1000); // WebKitGTK gives no data for a recording shorter than its first fragment
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await press('Space');
    const { detail } = await stopped;
    expect(detail.reason).to.equal('stop');
  });

  it('the pause button is aria-disabled while the recording starts and a click on it does nothing then', async () => {
    const el = await liveRecorder('audio-only');
    const p = el.startRecording();
    let seen = false;
    await waitUntil(
      () => {
        const pause = $(el, '[part~="pause-button"]') as HTMLButtonElement | null;
        if (pause && pause.getAttribute('aria-disabled') === 'true') {
          seen = true;
          pause.click();
        }
        return seen || el.recordingState !== 'inactive';
      },
      'starting or started',
      { interval: 5, timeout: 8000 },
    );
    await p;
    expect(el.recordingState, 'a click while starting did not pause').to.equal('recording');
    await el.updateComplete;
    expect(($(el, '[part~="pause-button"]') as HTMLButtonElement).hasAttribute('aria-disabled')).to.equal(false);
    await aTimeout(1000);
    await el.stopRecording();
  });

  it('stopRecording() during the countdown cancels it: startRecording() rejects aborted, stopRecording() rejects invalid-state, nothing records', async () => {
    const el = await liveRecorder('countdown="1" audio-only');
    let starts = 0;
    el.addEventListener('recording-start', () => starts++);
    const start = rejection(el.startRecording());
    await el.updateComplete;
    const stopErr = await rejection(el.stopRecording());
    expect(stopErr.code).to.equal('invalid-state');
    expect((await start).code).to.equal('aborted');
    await aTimeout(1500);
    expect(el.recordingState).to.equal('inactive');
    expect(starts).to.equal(0);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('stopRecording() while the recording is being set up cancels it: startRecording() rejects aborted, no recording-start or recording-stop', async () => {
    const el = await liveRecorder('audio-only');
    let events = 0;
    el.addEventListener('recording-start', () => events++);
    el.addEventListener('recording-stop', () => events++);
    const start = rejection(el.startRecording());
    const stopErr = await rejection(el.stopRecording());
    expect(stopErr.code).to.equal('invalid-state');
    expect((await start).code).to.equal('aborted');
    await aTimeout(800);
    expect(el.recordingState).to.equal('inactive');
    expect(events).to.equal(0);
    // The element records again afterwards.
    await el.startRecording();
    await aTimeout(1000);
    expect((await el.stopRecording()).size).to.be.above(0);
  });

  it('disabled: startRecording() rejects invalid-state; a fieldset disabled while the recording is set up stops it from starting', async () => {
    const el = await liveRecorder('disabled audio-only');
    const err = await rejection(el.startRecording());
    expect(err.code).to.equal('invalid-state');
    expect(el.recordingState).to.equal('inactive');

    const form = await fixture<HTMLFormElement>(html`<form><fieldset></fieldset></form>`);
    const fieldset = form.querySelector('fieldset')!;
    const { name } = sharedController();
    fieldset.innerHTML = `<media-recorder autostart audio-only stream="${name}"></media-recorder>`;
    const inForm = fieldset.querySelector('media-recorder') as MediaRecorderElement;
    await untilState(inForm, 'live');
    let starts = 0;
    inForm.addEventListener('recording-start', () => starts++);
    const start = rejection(inForm.startRecording());
    fieldset.disabled = true;
    expect((await start).code).to.equal('invalid-state');
    await aTimeout(500);
    expect(inForm.recordingState).to.equal('inactive');
    expect(starts).to.equal(0);
    await inForm.updateComplete;
    await expect(inForm).to.be.accessible();
  });

  it('max-duration changed during a recording: the time left shown is the running recording’s (the new value is for the next one)', async () => {
    const el = await liveRecorder('max-duration="30" audio-only');
    await el.startRecording();
    el.maxDuration = 5;
    await el.updateComplete;
    const text = $(el, '[part~="time"]')!.textContent!;
    expect(text, text).to.match(/0:(30|29|28) left/);
    await expect(el).to.be.accessible();
    await aTimeout(1000);
    await el.stopRecording();
  });

  it('max-size: recording-stop’s size is the File’s size, at most max-size', async () => {
    const el = await liveRecorder('audio-only max-size="30000"');
    const stopped = oneEvent(el, 'recording-stop') as Promise<RecordingStopEvent>;
    await el.startRecording();
    const { detail } = await stopped;
    expect(detail.reason).to.equal('max-size');
    expect(detail.size).to.equal(detail.file!.size);
    expect(detail.file!.size).to.be.at.most(30000);
  });
});
