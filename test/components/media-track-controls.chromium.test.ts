import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MediaTrackControls } from '../../components/media-track-controls/define.js';
import type { MediaErrorEvent, MediaSettingsChangeEvent } from '../../src/events.js';
import { $, cleanupControllers, sharedController, untilState } from './utils.js';

void MediaTrackControls;

const st = (t: MediaStreamTrack | null): Record<string, unknown> => (t?.getSettings() ?? {}) as Record<string, unknown>;
const control = <T extends HTMLElement = HTMLInputElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[name="${name}"]`);
const names = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name], select[name]')].map((c) => c.name);

/** A `<media-track-controls>` on a fresh shared controller whose camera (or microphone) is live. */
async function liveControls(attrs: { kind?: string; properties?: string } = {}) {
  const { name, controller } = sharedController();
  const el = await fixture<MediaTrackControls>(
    html`<media-track-controls stream=${name} autostart kind=${attrs.kind ?? 'video'} properties=${attrs.properties ?? (undefined as unknown as string)}></media-track-controls>`,
  );
  await untilState(el, 'live');
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="control"]') || $(el, '.message'), 'controls or a message');
  const tracks: MediaStreamTrack[] = [];
  controller.addEventListener('media-track-change', (e) => tracks.push(e.detail.track));
  return { el, controller, name, trackChanges: tracks };
}

// Chromium's fake camera: frameRate 0..20, width, height, aspectRatio, resizeMode, focusMode and
// exposureMode (manual, continuous), focusDistance and exposureTime (10..100 step 5); no zoom,
// pan, tilt or torch. Its microphone: echoCancellation, noiseSuppression, autoGainControl,
// channelCount 1..2, sampleRate, voiceIsolation ([false]).
describe('<media-track-controls> in Chromium (fake devices)', () => {
  afterEach(cleanupControllers);

  it('shows one native control per capability of the default camera set, named by property, with the values in force', async () => {
    const { el, controller } = await liveControls();
    await expect(el).to.be.accessible();
    expect(names(el)).to.deep.equal(['resolution', 'frameRate', 'focusMode', 'focusDistance', 'exposureMode', 'exposureTime']);
    const fr = control(el, 'frameRate')!;
    expect(fr.type).to.equal('range');
    expect([fr.min, fr.max, fr.step]).to.deep.equal(['0', '20', '1']);
    expect(fr.value).to.equal('20');
    expect(fr.getAttribute('aria-valuetext')).to.equal('20 frames per second');
    expect(fr.labels?.[0]?.textContent?.trim()).to.equal('Frame rate');
    expect(el.shadowRoot!.querySelector('[part~="control-frameRate"] [part="value"]')!.textContent).to.equal('20 fps');
    const fd = control(el, 'focusDistance')!;
    expect([fd.min, fd.max, fd.step]).to.deep.equal(['10', '100', '5']);
    expect(control<HTMLSelectElement>(el, 'focusMode')!.tagName).to.equal('SELECT');
    expect(control<HTMLSelectElement>(el, 'focusMode')!.value).to.equal(st(controller.videoTrack).focusMode);
    expect(control<HTMLSelectElement>(el, 'resolution')!.value).to.equal('640x480');
    // The exposure time is in 100 µs units: 50 is 5 ms.
    expect(control(el, 'exposureTime')!.getAttribute('aria-valuetext')).to.equal('5 milliseconds');
    // No torch, zoom, pan or tilt on the fake camera: not shown.
    for (const missing of ['torch', 'zoom', 'pan', 'tilt']) expect(control(el, missing), missing).to.equal(null);
  });

  it('frame rate 15 by keyboard: applied on the same track, no new getUserMedia, media-settings-change from the element', async () => {
    const { el, controller, trackChanges } = await liveControls({ properties: 'frameRate' });
    await expect(el).to.be.accessible();
    const track = controller.videoTrack!;
    const events: MediaSettingsChangeEvent[] = [];
    el.addEventListener('media-settings-change', (e) => events.push(e));
    control(el, 'frameRate')!.focus();
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => st(track).frameRate === 15 && !el.matches(':state(applying)'), 'frame rate 15');
    await controller.whenSettled();
    await el.updateComplete;
    expect(controller.videoTrack).to.equal(track);
    expect(trackChanges, 'no track added or removed: no new getUserMedia').to.have.length(0);
    expect(control(el, 'frameRate')!.value).to.equal('15');
    expect(events.length).to.be.greaterThan(0);
    expect(events.at(-1)!.detail.kind).to.equal('video');
    expect(events.at(-1)!.detail.settings.frameRate).to.equal(15);
    await expect(el).to.be.accessible();
  });

  it('focus distance and exposure time apply in manual mode on the same track; a mode the device does not take shows the mode in force', async () => {
    const { el, controller, trackChanges } = await liveControls({ properties: 'focusMode focusDistance exposureMode exposureTime' });
    const track = controller.videoTrack!;
    await expect(el).to.be.accessible();
    // The fake camera accepts focusMode "continuous" and stays in manual: the list shows that.
    const mode = control<HTMLSelectElement>(el, 'focusMode')!;
    mode.value = 'continuous';
    mode.dispatchEvent(new Event('change', { bubbles: true }));
    await controller.whenSettled();
    await waitUntil(() => !el.matches(':state(applying)'), 'applied');
    await el.updateComplete;
    expect(st(track).focusMode).to.equal('manual');
    expect(control<HTMLSelectElement>(el, 'focusMode')!.value).to.equal('manual');
    expect(control(el, 'focusDistance')!.disabled).to.equal(false);
    const fd = control(el, 'focusDistance')!;
    fd.value = '35';
    fd.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => st(track).focusDistance === 35, 'focus distance 35');
    const et = control(el, 'exposureTime')!;
    et.value = '70';
    et.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => st(track).exposureTime === 70, 'exposure time 70');
    await controller.whenSettled();
    await el.updateComplete;
    expect(control(el, 'exposureTime')!.getAttribute('aria-valuetext')).to.equal('7 milliseconds');
    expect(control(el, 'focusDistance')!.value).to.equal('35');
    expect(controller.videoTrack).to.equal(track);
    expect(trackChanges).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a refused value: typed media-error naming the setting in words, announced, and the control shows the setting in force', async () => {
    const { el, controller } = await liveControls({ properties: 'focusDistance' });
    await el.apply({ focusDistance: 40 });
    const errors: MediaErrorEvent[] = [];
    el.addEventListener('media-error', (e) => errors.push(e));
    const settings = await el.apply({ focusDistance: 500 });
    await el.updateComplete;
    expect(errors).to.have.length(1);
    expect(errors[0].detail.error.code).to.equal('overconstrained');
    expect(errors[0].detail.error.constraint).to.equal('focusDistance');
    expect(errors[0].detail.error.message).to.contain('focus distance');
    expect((settings as Record<string, unknown>).focusDistance).to.equal(40);
    expect(control(el, 'focusDistance')!.value).to.equal('40');
    expect($(el, '[role="status"]')!.textContent).to.contain('focus distance');
    expect(controller.state).to.equal('live');
    await expect(el).to.be.accessible();
  });

  it('shows what another element or a script set (media-settings-change), and the resolution list changes the size in place', async () => {
    const { el, controller, trackChanges } = await liveControls({ properties: 'resolution frameRate' });
    await controller.applySettings('video', { frameRate: 12 });
    await el.updateComplete;
    expect(control(el, 'frameRate')!.value).to.equal('12');
    const res = control<HTMLSelectElement>(el, 'resolution')!;
    expect([...res.options].map((o) => o.value)).to.include.members(['320x240', '640x480', '1280x720', '1920x1080', '3840x2160']);
    res.value = '1280x720';
    res.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => st(controller.videoTrack).width === 1280 && st(controller.videoTrack).height === 720, '1280x720');
    await el.updateComplete;
    expect(control<HTMLSelectElement>(el, 'resolution')!.value).to.equal('1280x720');
    expect(trackChanges).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('microphone: switches and a list for the processing, a slider for channels; a switch turns noise suppression off', async () => {
    const { el, controller } = await liveControls({ kind: 'audio' });
    await expect(el).to.be.accessible();
    expect(names(el)).to.deep.equal(['echoCancellation', 'noiseSuppression', 'autoGainControl', 'channelCount', 'voiceIsolation']);
    expect(control(el, 'echoCancellation')!.tagName, 'true, false, remote-only: a list').to.equal('SELECT');
    const ns = control(el, 'noiseSuppression')!;
    expect([ns.type, ns.getAttribute('role'), ns.checked]).to.deep.equal(['checkbox', 'switch', true]);
    expect(control(el, 'voiceIsolation')!.disabled, 'voice isolation can only be off here').to.equal(true);
    const cc = control(el, 'channelCount')!;
    expect([cc.min, cc.max]).to.deep.equal(['1', '2']);
    expect(cc.getAttribute('aria-valuetext')).to.equal('1 channels');
    ns.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => st(controller.audioTrack).noiseSuppression === false, 'noise suppression off');
    await el.updateComplete;
    expect(control(el, 'noiseSuppression')!.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('chosen values survive a switch to the other fake camera', async () => {
    const { el, controller } = await liveControls({ properties: 'frameRate' });
    await el.apply({ frameRate: 10 });
    const other = controller.devicesOf('videoinput').find((d) => d.deviceId !== st(controller.videoTrack).deviceId)!;
    await controller.selectDevice('videoinput', other.deviceId);
    await el.updateComplete;
    expect(st(controller.videoTrack).deviceId).to.equal(other.deviceId);
    expect(st(controller.videoTrack).frameRate).to.equal(10);
    expect(control(el, 'frameRate')!.value).to.equal('10');
  });
});
