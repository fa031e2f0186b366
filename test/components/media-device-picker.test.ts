import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import { SpeakerCheck } from '../../components/media-device-picker/speaker-check.js';
import { isWebKit, skipUnless } from '../helpers/env.js';
import { $, captureWarnings, cleanupControllers, deliversSyntheticTrackEvents, pickerBesidePreview, sharedController, supportsStateSelector, untilState } from './utils.js';
import { showList, userPicks, cameras, speakerPickerBesidePreview } from './media-device-picker.fixtures.js';

describe('<media-device-picker>', () => {
  afterEach(cleanupControllers);

  it('before permission offers an allow button instead of nameless devices (labels hidden)', async function () {
    const list = await cameras();
    // Only where the browser hides labels until access is given (Firefox/WebKit before a grant).
    skipUnless(!list.some((d) => d.label), 'this engine shows device labels before access is given');
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await waitUntil(() => $(picker, '[part~="allow-button"]'), 'allow button', { timeout: 8000 });
    await expect(picker).to.be.accessible();
    expect($(picker, 'select')).to.equal(null);
    if (supportsStateSelector(picker)) expect(picker.matches(':state(needs-access)')).to.equal(true);
  });


  it('keyboard: Enter on the allow button moves focus to the list once it shows (labels hidden)', async function () {
    // Only where the browser hides labels until access is given (Firefox/WebKit before a grant).
    skipUnless(!(await cameras()).some((d) => d.label), 'this engine shows device labels before access is given');
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    const allow = await waitUntil(() => $(picker, '[part~="allow-button"]'), 'allow button', { timeout: 8000 }).then(() => $(picker, '[part~="allow-button"]')!);
    await expect(picker).to.be.accessible();
    allow.focus();
    expect(picker.shadowRoot!.activeElement === allow, 'focus on the allow button').to.equal(true);
    await sendKeys({ press: isWebKit() ? '\uE007' : 'Enter' });
    await waitUntil(() => $(picker, 'select'), 'the device list', { timeout: 8000 });
    await waitUntil(() => picker.shadowRoot!.activeElement === $(picker, 'select'), 'focus on the list', { timeout: 4000 });
    await expect(picker).to.be.accessible();
  });

  it('lists the cameras by label, after asking for access where labels are hidden', async () => {
    const { name, controller } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    expect(picker.kind).to.equal('videoinput');
    const select = await showList(picker);
    await expect(picker).to.be.accessible();
    const labels = (await cameras()).map((d) => d.label);
    expect(labels.every(Boolean)).to.equal(true);
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(labels);
    expect($(picker, '[part~="label"]')!.textContent!.trim()).to.equal('Camera');
    expect(picker.value).to.equal(select.value);
    expect(picker.value).to.not.equal('');
    // asking for access kept nothing open
    expect(controller.stream).to.equal(null);
    expect(controller.state).to.equal('idle');
  });

  it('picking each camera switches the preview to it (deviceId of the track)', async () => {
    const { picker, preview } = await pickerBesidePreview({ autostart: true });
    await untilState(preview, 'live');
    const select = await showList(picker);
    await expect(picker).to.be.accessible();
    const list = await cameras();
    expect(select.options.length).to.equal(list.length);
    const deviceOf = () => preview.stream?.getVideoTracks()[0]?.getSettings().deviceId;
    await waitUntil(() => picker.value === deviceOf(), 'the picker shows the live camera', { timeout: 8000 });
    for (const cam of list.toReversed()) {
      const input = oneEvent(picker, 'input');
      const change = oneEvent(picker, 'change');
      userPicks(select, cam.deviceId);
      const [i, c] = await Promise.all([input, change]);
      expect(i.target).to.equal(picker);
      expect(c.target).to.equal(picker);
      await waitUntil(() => deviceOf() === cam.deviceId, `preview shows ${cam.label}`, { timeout: 8000 });
      await waitUntil(() => picker.value === cam.deviceId && select.value === cam.deviceId, 'picker value follows', { timeout: 4000 });
      expect(preview.state).to.equal('live');
    }
    await expect(picker).to.be.accessible();
    await expect(preview).to.be.accessible();
  });

  it('setting value from script switches the stream, without input/change', async () => {
    const list = await cameras();
    const { name, controller } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker autostart stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    await untilState(controller, 'live');
    let events = 0;
    picker.addEventListener('input', () => events++);
    picker.addEventListener('change', () => events++);
    const target = list[list.length - 1];
    picker.value = target.deviceId;
    await waitUntil(() => controller.videoTrack?.getSettings().deviceId === target.deviceId, 'switched', { timeout: 8000 });
    expect(picker.value).to.equal(target.deviceId);
    expect(events).to.equal(0);
  });

  it('is a form control: form data, required, disabled and reset', async () => {
    const list = await cameras();
    const { name } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset>
        <media-device-picker name="camera" required stream=${name}></media-device-picker>
      </fieldset>
    </form>`);
    const picker = form.querySelector('media-device-picker')!;
    await expect(picker).to.be.accessible();
    expect(picker.form).to.equal(form);
    const select = await showList(picker);
    expect(picker.checkValidity()).to.equal(true);
    const initial = picker.value;
    expect(new FormData(form).get('camera')).to.equal(initial);
    const other = list.find((d) => d.deviceId !== initial);
    if (other) {
      userPicks(select, other.deviceId);
      await picker.updateComplete;
      expect(new FormData(form).get('camera')).to.equal(other.deviceId);
      form.reset();
      await waitUntil(() => picker.value === initial, 'reset to the first device', { timeout: 4000 });
      await picker.updateComplete;
      expect(new FormData(form).get('camera')).to.equal(initial);
      expect(select.value).to.equal(initial);
    }
    // disabled through the fieldset, as for native controls
    form.querySelector('fieldset')!.disabled = true;
    await waitUntil(() => select.disabled, 'select disabled by the fieldset');
    expect(new FormData(form).has('camera')).to.equal(false);
    if (supportsStateSelector(picker)) expect(picker.matches(':state(disabled)')).to.equal(true);
    form.querySelector('fieldset')!.disabled = false;
    picker.disabled = true;
    await picker.updateComplete;
    expect(select.disabled).to.equal(true);
    picker.disabled = false;
    // In the first update, as native controls: before, the list stayed disabled one update more.
    await picker.updateComplete;
    expect(select.disabled, 'enabled again').to.equal(false);
    expect(new FormData(form).get('camera')).to.equal(picker.value);
  });

  it('required is invalid while no device can be chosen', async () => {
    const { name } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form><media-device-picker kind="audiooutput" required stream=${name}></media-device-picker></form>`);
    const picker = form.querySelector('media-device-picker')!;
    await waitUntil(() => picker.state !== 'requesting' && !$(picker, '.loading'), 'enumerated', { timeout: 8000 });
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    if (picker.value === '') {
      expect(picker.checkValidity()).to.equal(false);
      expect(picker.validity.valueMissing).to.equal(true);
    } else expect(picker.checkValidity()).to.equal(true);
  });

  it('kind="audioinput" lists microphones', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker kind="audioinput" stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    const select = await showList(picker);
    await expect(picker).to.be.accessible();
    const mics = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    expect([...select.options].map((o) => o.value)).to.deep.equal(mics.map((d) => d.deviceId));
    expect($(picker, '[part~="label"]')!.textContent!.trim()).to.equal('Microphone');
  });

  it('speaker check: a player that throws (injected by hand: no browser fails the lazy import of the kit’s own module on demand) ends the check with a failed result, never a rejection or a check stuck playing', async () => {
    let updates = 0;
    const check = new SpeakerCheck({ requestUpdate: () => updates++ }, async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const result = await check.play('speaker-1');
    expect(result, 'a result, not a rejection').to.not.equal(null);
    expect(result!.played).to.equal(false);
    expect(result!.stopped).to.equal(false);
    expect(result!.deviceId).to.equal('speaker-1');
    expect(result!.error).to.be.an('error');
    expect(check.playing, 'no longer playing').to.equal(false);
    expect(updates, 'the host re-rendered when it started and when it ended').to.equal(2);
    const again = await check.play('speaker-1');
    expect(again, 'a second check can start').to.not.equal(null);
  });

  it('speaker check: the test sound button shows only in a speaker list where setSinkId can route sound; playTestSound() is false elsewhere', async () => {
    const { name } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-device-picker kind="audiooutput" stream=${name}></media-device-picker>
      <media-device-picker kind="audioinput" stream=${name}></media-device-picker>
    </div>`);
    const [speaker, mic] = wrapper.querySelectorAll('media-device-picker');
    await waitUntil(() => speaker!.state !== 'idle' || $(speaker!, 'select, .panel'), 'rendered', { timeout: 8000 });
    await expect(speaker).to.be.accessible();
    expect($(mic!, '[part~="test-sound-button"]'), 'no test sound for a microphone list').to.equal(null);
    expect(await mic!.playTestSound()).to.equal(false);
    if (!('setSinkId' in HTMLMediaElement.prototype)) {
      expect($(speaker!, '[part~="test-sound-button"]'), 'hidden where setSinkId is missing').to.equal(null);
      expect(await speaker!.playTestSound(), 'nothing plays where sound cannot be routed').to.equal(false);
      return;
    }
    if ($(speaker!, '[part~="allow-button"]')) await speaker!.requestAccess(); // device names first
    await waitUntil(() => $(speaker!, 'select') || $(speaker!, '.panel.unavailable'), 'the list, or no speaker', { timeout: 8000 });
    skipUnless($(speaker!, 'select'), 'this engine lists no speaker (audiooutput) without extra permission (Firefox: selectAudioOutput)');
    expect($(speaker!, '[part~="test-sound-button"]'), 'shown beside the speaker list').not.to.equal(null);
    await expect(speaker).to.be.accessible();
  });

  it('kind="audiooutput" routes the preview with setSinkId, or says it cannot', async function () {
    const { picker, preview, controller } = await speakerPickerBesidePreview();
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    if (!('setSinkId' in HTMLMediaElement.prototype)) {
      expect(picker.state).to.equal('unavailable');
      expect($(picker, '.panel.unavailable')!.textContent).to.contain('cannot choose a speaker');
      return;
    }
    await waitUntil(() => $(picker, 'select') || $(picker, '.panel'), 'rendered', { timeout: 8000 });
    const select = $(picker, 'select') as HTMLSelectElement | null;
    const outputs = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput' && d.deviceId);
    skipUnless(select && outputs.length >= 2, 'this engine lists fewer than two speakers (audiooutput) without extra permission, so there is none to switch to');
    // Record (and pass on) the preview's setSinkId calls: headless engines may refuse to open
    // a fake output device (AbortError), which the preview tolerates.
    const video = preview.videoElement! as HTMLVideoElement & { setSinkId(id: string): Promise<void> };
    const calls: { id: string; result?: 'ok' | 'failed' }[] = [];
    const real = video.setSinkId.bind(video);
    video.setSinkId = (id: string) => {
      const call: { id: string; result?: 'ok' | 'failed' } = { id };
      calls.push(call);
      return real(id).then(
        () => void (call.result = 'ok'),
        (e: unknown) => {
          call.result = 'failed';
          throw e;
        },
      );
    };
    const target = outputs[outputs.length - 1];
    userPicks(select, target.deviceId);
    await waitUntil(() => controller.sinkId === target.deviceId, 'controller sinkId');
    await waitUntil(() => calls.some((c) => c.id === target.deviceId && c.result), 'preview routed its video', { timeout: 4000 });
    const call = calls.find((c) => c.id === target.deviceId)!;
    if (call.result === 'ok') expect(preview.sinkId).to.equal(target.deviceId);
    expect(picker.value).to.equal(target.deviceId);
  });

  it('an unknown kind falls back to videoinput with one warning', async () => {
    const { name } = sharedController();
    let picker!: MediaDevicePicker;
    const warnings = await captureWarnings(async () => {
      picker = await fixture<MediaDevicePicker>(html`<media-device-picker kind="webcam" stream=${name}></media-device-picker>`);
      picker.setAttribute('kind', 'webcam');
    });
    expect(picker.kind).to.equal('videoinput');
    expect(warnings.filter((w) => w.includes('kind='))).to.have.length(1);
    await expect(picker).to.be.accessible();
  });

  it('(injected devicechange) re-enumerates and renders the fresh list', async () => {
    const { name, controller } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    const select = await showList(picker);
    // Settle any enumeration already under way (after the permission answer, say): only the
    // devicechange below may give a new list.
    await controller.refreshDevices();
    const before = controller.devices;
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await waitUntil(() => controller.devices !== before, 'the controller enumerated again', { timeout: 4000 });
    await picker.updateComplete;
    const labels = (await cameras()).map((d) => d.label);
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(labels);
    await expect(picker).to.be.accessible();
  });

  it('(injected track ended) reports the lost camera and shows the fallback', async function () {
    const list = await cameras();
    skipUnless(list.length >= 2, 'this engine has one camera: there is no other camera to fall back to');
    const { controller, picker, preview } = await pickerBesidePreview({ autostart: true });
    await expect(picker).to.be.accessible();
    await untilState(preview, 'live');
    await showList(picker);
    const track = controller.videoTrack!;
    skipUnless(deliversSyntheticTrackEvents(track), 'this engine does not deliver synthetic events dispatched on a MediaStreamTrack');
    const lostId = track.getSettings().deviceId;
    const ended = oneEvent(picker, 'media-track-ended');
    track.dispatchEvent(new Event('ended'));
    const e = await ended;
    const fallback = e.detail.fallbackDeviceId!;
    expect(fallback).to.be.a('string').and.not.equal(lostId);
    await waitUntil(() => controller.videoTrack?.getSettings().deviceId === fallback, 'moved to the fallback', { timeout: 8000 });
    await waitUntil(() => picker.value === fallback, 'picker shows the fallback', { timeout: 4000 });
    const notice = $(picker, '[part~="notice"]')!;
    expect(notice.textContent).to.contain(track.label).and.contain('disconnected');
    await expect(picker).to.be.accessible();
  });
});
