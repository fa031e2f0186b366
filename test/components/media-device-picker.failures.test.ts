import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import { MediaStreamController } from '../../src/controller.js';
import { skipUnless } from '../helpers/env.js';
import { $, cleanupControllers, sharedController, untilState } from './utils.js';
import { showList, userPicks, cameras, recordStatus, failingController, speakerPickerBesidePreview } from './media-device-picker.fixtures.js';

describe('<media-device-picker>: failing devices, unnamed devices, values and forms', () => {
  afterEach(cleanupControllers);

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
