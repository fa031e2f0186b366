import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import { MediaStreamController } from '../../src/controller.js';
import { isWebKit, skipUnless } from '../helpers/env.js';
import { $, captureWarnings, cleanupControllers, deliversSyntheticTrackEvents, pickerBesidePreview, sharedController, supportsStateSelector, untilState } from './utils.js';

/** Make the picker show its list: click its allow button where the browser hides labels. */
async function showList(picker: MediaDevicePicker): Promise<HTMLSelectElement> {
  await waitUntil(() => $(picker, 'select') || $(picker, '[part~="allow-button"]'), 'list or allow button', { timeout: 8000 });
  const allow = $(picker, '[part~="allow-button"]');
  if (allow) {
    await expect(picker).to.be.accessible();
    allow.click();
  }
  await waitUntil(() => $(picker, 'select'), 'the device list', { timeout: 8000 });
  await picker.updateComplete;
  return $(picker, 'select') as HTMLSelectElement;
}

/** Pick an option the way a user does: the native select changes, then fires input and change. */
function userPicks(select: HTMLSelectElement, deviceId: string): void {
  select.value = deviceId;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

const cameras = async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');

/** Every text the live region shows, in order (its changes, as a screen reader gets them). */
function recordStatus(picker: MediaDevicePicker): string[] {
  const status = $(picker, '[role="status"]')!;
  const texts: string[] = [];
  new MutationObserver(() => texts.push(status.textContent!.trim())).observe(status, { childList: true, characterData: true, subtree: true });
  return texts;
}

/**
 * A controller whose new tracks for which `fails(track)` holds are stopped as getUserMedia hands
 * them over (an injected device that fails as it starts); `acquired` lists every track it got.
 */
function failingController(prefix: string, fails: (track: MediaStreamTrack) => boolean) {
  const acquired: MediaStreamTrack[] = [];
  const controller = new MediaStreamController({
    name: `${prefix}-${Date.now()}`,
    releaseDelay: 0,
    rememberDevices: false,
    onAcquire: (s) => {
      acquired.push(...s.getTracks());
      for (const t of s.getTracks()) if (fails(t)) t.stop();
    },
  });
  return { controller, acquired };
}

/** A speaker picker beside a live preview of the same shared camera. */
async function speakerPickerBesidePreview() {
  const { name, controller } = sharedController();
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <media-device-picker kind="audiooutput" stream=${name}></media-device-picker>
    <media-preview autostart stream=${name}></media-preview>
  </div>`);
  const picker = wrapper.querySelector('media-device-picker')!;
  const preview = wrapper.querySelector('media-preview')!;
  await untilState(preview, 'live');
  return { picker, preview, controller };
}

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

  it('picking a camera that fails as it starts keeps the one in use selected and says so (injected: the test stops the new track as getUserMedia hands it over)', async () => {
    const list = await cameras();
    skipUnless(list.length >= 2, 'needs two cameras (Firefox has one)');
    let broken = '';
    const { controller, acquired } = failingController('picker-broken', (t) => t.kind === 'video' && !!broken && t.getSettings().deviceId === broken);
    try {
      const picker = await fixture<MediaDevicePicker>(
        html`<media-device-picker autostart .controller=${controller} .strings=${{ deviceFailed: '{device}: no. Still {current}.' }}></media-device-picker>`,
      );
      await untilState(controller, 'live');
      const select = await showList(picker);
      await expect(picker).to.be.accessible();
      const using = controller.currentDeviceId('videoinput')!;
      const target = list.find((d) => d.deviceId !== using)!;
      const label = (id: string) => list.find((d) => d.deviceId === id)!.label;
      broken = target.deviceId;
      userPicks(select, target.deviceId);
      await waitUntil(() => $(picker, '[part~="notice"]'), 'the notice', { timeout: 8000 });
      await picker.updateComplete;
      await expect(picker).to.be.accessible();
      const text = `${label(target.deviceId)}: no. Still ${label(using)}.`;
      expect($(picker, '[part~="notice"]')!.textContent!.trim()).to.equal(text);
      expect($(picker, '[role="status"]')!.textContent!.trim()).to.equal(text);
      expect(select.getAttribute('aria-describedby')).to.equal('notice');
      expect(controller.state).to.equal('live');
      expect(controller.currentDeviceId('videoinput')).to.equal(using);
      expect(picker.value).to.equal(using);
      expect(select.value).to.equal(using);
      // Once the camera works, picking it switches and the notice goes.
      broken = '';
      userPicks(select, target.deviceId);
      await waitUntil(() => controller.currentDeviceId('videoinput') === target.deviceId, 'switched', { timeout: 8000 });
      await picker.updateComplete;
      expect($(picker, '[part~="notice"]')).to.equal(null);
      expect(picker.value).to.equal(target.deviceId);
      await expect(picker).to.be.accessible();
    } finally {
      controller.dispose();
      await controller.whenSettled();
      expect(acquired.filter((t) => t.readyState === 'live'), 'no track leaks').to.have.length(0);
    }
  });

  it('a device without a label is numbered in the digits of the page language, or by a function string (injected: a controller that hides the labels of real devices)', async () => {
    class Unlabelled extends MediaStreamController {
      override devicesOf(kind: MediaDeviceKind): MediaDeviceInfo[] {
        return super.devicesOf(kind).map((d) => ({ ...d.toJSON(), label: '', toJSON: () => d.toJSON() }) as MediaDeviceInfo);
      }
    }
    const controller = new Unlabelled({ name: `unlabelled-${Date.now()}`, releaseDelay: 0, rememberDevices: false });
    try {
      await controller.start();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <media-device-picker lang="ar-EG" .controller=${controller}></media-device-picker>
        <media-device-picker .controller=${controller} .strings=${{ unnamedDevice: ({ n }: { n: number }) => (n === 1 ? 'The first camera' : `Camera number ${n}`) }}></media-device-picker>
      </div>`);
      const [arabic, custom] = [...wrapper.querySelectorAll('media-device-picker')];
      const texts = async (picker: MediaDevicePicker) => [...(await showList(picker)).options].map((o) => o.textContent!.trim());
      // Before, the digits were always 0-9, and a function string did not type-check (and printed its source).
      const one = new Intl.NumberFormat('ar-EG').format(1);
      expect(one, 'Arabic-Indic digits in this engine').to.not.equal('1');
      expect((await texts(arabic!))[0]).to.equal(`Device ${one}`);
      expect((await texts(custom!))[0]).to.equal('The first camera');
      await expect(arabic!).to.be.accessible();
    } finally {
      controller.dispose();
    }
  });

  it('a required picker with an empty or missing valueMissing string still blocks its form with the default message', async function () {
    const { name } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form>
      <media-device-picker name="a" required stream=${name} .strings=${{ valueMissing: '' }}></media-device-picker>
      <media-device-picker name="b" required stream=${name} .strings=${{ valueMissing: undefined, allowCamera: undefined }}></media-device-picker>
    </form>`);
    const pickers = [...form.querySelectorAll('media-device-picker')];
    for (const picker of pickers) {
      // Before, setValidity() threw on the empty message inside every update.
      await picker.updateComplete;
      await expect(picker).to.be.accessible();
    }
    // An entry set to undefined keeps the English default.
    expect(pickers[1]!.strings.allowCamera).to.be.a('string').and.not.equal('');
    skipUnless(pickers.some((p) => p.validity.valueMissing), 'the device list here already chose a device for every picker, so none is missing a value');
    for (const picker of pickers.filter((p) => p.validity.valueMissing)) expect(picker.validationMessage).to.not.equal('');
    expect(form.checkValidity()).to.equal(false);
  });

  it('replaces strings, works right-to-left and keeps the camera off without autostart', async () => {
    const { name, controller } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl">
      <media-device-picker stream=${name} .strings=${{ cameraLabel: 'كاميرا', allowCamera: 'السماح' }}></media-device-picker>
    </div>`);
    const picker = wrapper.querySelector('media-device-picker')!;
    await showList(picker);
    await expect(picker).to.be.accessible();
    expect($(picker, '[part~="label"]')!.textContent!.trim()).to.equal('كاميرا');
    expect(getComputedStyle($(picker, 'select')!).direction).to.equal('rtl');
    await aTimeout(200);
    expect(controller.stream).to.equal(null);
  });

  it('works keyboard-only: the list is focusable through the host (delegatesFocus)', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    await showList(picker);
    picker.focus();
    expect(picker.shadowRoot!.activeElement).to.equal($(picker, 'select'));
  });

  it('a deviceId the list does not have is ignored (value, form state restore): the camera still starts', async () => {
    const { name, controller } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    const select = await showList(picker);
    const texts = recordStatus(picker);
    const shown = picker.value;
    expect(shown).to.not.equal('');
    picker.value = 'no-such-camera';
    expect(picker.value).to.equal(shown);
    // What the browser calls when it restores a form (Safari gives new deviceIds per session).
    picker.formStateRestoreCallback('a-rotated-device-id');
    await picker.updateComplete;
    expect(picker.value).to.equal(shown);
    expect(select.value).to.equal(shown);
    await picker.start();
    expect(controller.state).to.equal('live');
    await waitUntil(() => picker.value === controller.currentDeviceId('videoinput'), 'the picker shows the live camera', { timeout: 4000 });
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    expect(texts.join(' ')).to.not.match(/no-such-camera|a-rotated-device-id/);
  });

  it('a value set before the list can be read waits for the list, then is chosen if it is there', async () => {
    const list = await cameras();
    const { name, controller } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const picker = document.createElement('media-device-picker');
    picker.streamName = name;
    const last = await (async () => {
      // The deviceIds the picker will list (ask for access first where the browser hides them).
      if (list.every((d) => d.deviceId)) return list[list.length - 1].deviceId;
      await controller.requestAccess('videoinput');
      return controller.devicesOf('videoinput').at(-1)!.deviceId;
    })();
    picker.value = last; // before it is connected
    wrapper.append(picker);
    await showList(picker);
    await waitUntil(() => picker.value === last, 'the early value is chosen', { timeout: 4000 });
    await expect(picker).to.be.accessible();
    await controller.whenSettled();
  });

  it('a camera option naming a device the list no longer has does not block the next start (stand-in for the chosen camera unplugged while off: setOptions with an id no browser lists)', async () => {
    const { name, controller } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await expect(picker).to.be.accessible();
    await showList(picker);
    await controller.setOptions({ video: { deviceId: 'unplugged-camera' } });
    const asked = () => {
      const v = controller.options.video;
      return typeof v === 'object' ? v.deviceId : undefined;
    };
    await waitUntil(() => asked() === undefined, 'the picker told the controller the device is gone', { timeout: 4000 });
    await picker.start();
    expect(controller.state).to.equal('live');
    await waitUntil(() => picker.value === controller.currentDeviceId('videoinput'), 'the picker shows the live camera', { timeout: 4000 });
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
  });

  it('the form data already has the new device when input and change fire, after form.reset() and after value is set', async () => {
    const list = await cameras();
    skipUnless(list.length >= 2, 'needs two cameras (Firefox has one)');
    const { name, controller } = sharedController();
    const form = await fixture<HTMLFormElement>(html`<form><media-device-picker name="camera" stream=${name}></media-device-picker></form>`);
    const picker = form.querySelector('media-device-picker')!;
    await expect(picker).to.be.accessible();
    const select = await showList(picker);
    const initial = picker.value;
    const other = list.find((d) => d.deviceId !== initial)!;
    const seen: string[] = [];
    picker.addEventListener('input', () => seen.push(`input:${new FormData(form).get('camera')}`));
    form.addEventListener('change', () => seen.push(`change:${new FormData(form).get('camera')}`));
    userPicks(select, other.deviceId);
    expect(seen).to.deep.equal([`input:${other.deviceId}`, `change:${other.deviceId}`]);
    form.reset();
    expect(new FormData(form).get('camera')).to.equal(initial);
    picker.value = other.deviceId;
    expect(new FormData(form).get('camera')).to.equal(other.deviceId);
    await controller.whenSettled();
    await picker.updateComplete;
    expect(new FormData(form).get('camera')).to.equal(other.deviceId);
    await expect(picker).to.be.accessible();
  });

  it('a camera that fails again is announced again (injected: the test stops the new track as getUserMedia hands it over)', async () => {
    const list = await cameras();
    skipUnless(list.length >= 2, 'needs two cameras (Firefox has one)');
    let broken = '';
    const controller = new MediaStreamController({
      name: `picker-again-${Date.now()}`,
      releaseDelay: 0,
      rememberDevices: false,
      onAcquire: (s) => {
        for (const t of s.getVideoTracks()) if (broken && t.getSettings().deviceId === broken) t.stop();
      },
    });
    try {
      const picker = await fixture<MediaDevicePicker>(html`<media-device-picker autostart .controller=${controller}></media-device-picker>`);
      await untilState(controller, 'live');
      const select = await showList(picker);
      await expect(picker).to.be.accessible();
      const using = controller.currentDeviceId('videoinput')!;
      const target = list.find((d) => d.deviceId !== using)!;
      broken = target.deviceId;
      const texts = recordStatus(picker);
      const failed = `${target.label} could not be started. Still using ${list.find((d) => d.deviceId === using)!.label}.`;
      for (const round of [1, 2]) {
        userPicks(select, target.deviceId);
        await waitUntil(() => texts.filter((t) => t === failed).length === round, `failure ${round} announced`, { timeout: 8000 });
        await controller.whenSettled();
        await picker.updateComplete;
        await expect(picker).to.be.accessible();
      }
      expect(picker.value).to.equal(using);
    } finally {
      controller.dispose();
      await controller.whenSettled();
    }
  });

  it('a microphone that cannot start while only the camera is live is named, with no empty name and no "selected" (injected: the test stops the new audio track as getUserMedia hands it over)', async () => {
    let breakAudio = false;
    const { controller, acquired } = failingController('picker-mic', (t) => t.kind === 'audio' && breakAudio);
    try {
      const picker = await fixture<MediaDevicePicker>(
        html`<media-device-picker kind="audioinput" .controller=${controller} .strings=${{ deviceFailedNoFallback: '{device}: no.' }}></media-device-picker>`,
      );
      await expect(picker).to.be.accessible();
      await controller.start();
      expect(controller.audioTrack).to.equal(null);
      const select = await showList(picker);
      const texts = recordStatus(picker);
      breakAudio = true;
      const mic = select.options[select.options.length - 1];
      const label = mic.textContent!.trim();
      userPicks(select, mic.value);
      await waitUntil(() => $(picker, '[part~="notice"]'), 'the notice', { timeout: 8000 });
      await picker.updateComplete;
      await expect(picker).to.be.accessible();
      expect($(picker, '[part~="notice"]')!.textContent!.trim()).to.equal(`${label}: no.`);
      expect(texts.at(-1)).to.equal(`${label}: no.`);
      expect(texts.join(' ')).to.not.contain('selected');
      expect(controller.state).to.equal('live');
      expect(controller.audioTrack).to.equal(null);
    } finally {
      controller.dispose();
      await controller.whenSettled();
      expect(acquired.filter((t) => t.readyState === 'live'), 'no track leaks').to.have.length(0);
    }
  });

  it('kind="audiooutput" with no speaker listed gives speaker advice (replaceable), not camera or microphone advice', async () => {
    const { picker } = await speakerPickerBesidePreview();
    await waitUntil(() => $(picker, 'select') || $(picker, '.panel:not(.loading)'), 'rendered', { timeout: 8000 });
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    skipUnless(!!$(picker, '.panel.unavailable') && 'setSinkId' in HTMLMediaElement.prototype, 'this engine lists speakers, or cannot route sound');
    expect($(picker, '[part~="message"]')!.textContent!.trim()).to.equal('No speaker was found.');
    expect($(picker, '[part~="advice"]')!.textContent!.trim()).to.equal('Connect a speaker or headphones, then try again.');
    picker.strings = { noSpeakerAdvice: 'Plug in headphones.' };
    await picker.updateComplete;
    expect($(picker, '[part~="advice"]')!.textContent!.trim()).to.equal('Plug in headphones.');
    await expect(picker).to.be.accessible();
  });
});
