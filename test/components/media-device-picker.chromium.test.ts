import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import type { MediaTestSoundEvent } from '../../components/media-device-picker/test-sound-event.js';
import { playTestSound } from '../../components/media-device-picker/test-sound.js';
import { $, cleanupControllers, sharedController, untilState } from './utils.js';

// Chromium only: forced colours are emulated through Playwright (emulateMedia({ forcedColors })),
// a permission is changed through CDP (set-camera-permission), and `document.featurePolicy`
// (an iframe's allow attribute) is read only by Chromium.
describe('<media-device-picker> in Chromium', () => {
  afterEach(cleanupControllers);

  it('in forced colours (high contrast) the chevron is drawn in the select text colour', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker stream=${name}></media-device-picker>`);
    await waitUntil(() => $(picker, 'select'), 'the device list', { timeout: 8000 });
    await expect(picker).to.be.accessible();
    const chevron = picker.shadowRoot!.querySelector('.chevron')!;
    const select = $(picker, 'select')!;
    // Playwright takes forcedColors; the command's declared type lists fewer features.
    await emulateMedia({ forcedColors: 'active' } as Parameters<typeof emulateMedia>[0]);
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      expect(getComputedStyle(chevron).stroke).to.equal(getComputedStyle(select).color);
      await expect(picker).to.be.accessible();
    } finally {
      await emulateMedia({ forcedColors: 'none' } as Parameters<typeof emulateMedia>[0]);
    }
  });

  it('a camera blocked while live puts the camera picker in its denied view, not the microphone picker (real revocation through CDP)', async () => {
    const { name, controller } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <media-device-picker stream=${name}></media-device-picker>
      <media-device-picker kind="audioinput" stream=${name}></media-device-picker>
      <media-preview autostart stream=${name}></media-preview>
    </div>`);
    const [camera, mic] = wrapper.querySelectorAll('media-device-picker');
    await untilState(controller, 'live');
    await waitUntil(() => $(camera, 'select') && $(mic, 'select'), 'both lists', { timeout: 8000 });
    await expect(mic).to.be.accessible();
    // Every view each picker renders on the way (Chromium gives the permission back at once here,
    // see controller.revoke.chromium.test.ts, so the denied state is brief).
    const views = new Map<Element, Set<string>>([
      [camera, new Set()],
      [mic, new Set()],
    ]);
    for (const [el, seen] of views) {
      const note = () => {
        seen.add(el.getAttribute('state') ?? '');
        if ($(el, '.panel.denied')) seen.add('denied view');
      };
      new MutationObserver(note).observe(el, { attributes: true, attributeFilter: ['state'] });
      new MutationObserver(note).observe(el.shadowRoot!, { childList: true, subtree: true });
    }
    const errors: string[] = [];
    controller.addEventListener('media-error', (e) => errors.push(`${e.detail.error.code}:${e.detail.error.device}`));
    try {
      await executeServerCommand('set-camera-permission', { setting: 'denied' });
      await waitUntil(() => views.get(camera)!.has('denied view'), 'the camera picker shows the denial', { timeout: 8000 });
      expect(errors).to.include('permission-denied:camera');
      await untilState(controller, 'live');
      await mic.updateComplete;
      expect([...views.get(mic)!]).to.not.include('denied view').and.not.include('denied');
      expect($(mic, 'select')).to.exist;
      await expect(mic).to.be.accessible();
    } finally {
      await executeServerCommand('set-camera-permission', { setting: 'granted' });
    }
  });

  it('in a frame that allows only the camera, a microphone picker says microphones cannot be used and offers no allow button (real iframe policy)', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', "camera; microphone 'none'");
    frame.title = 'policy';
    // The dev server compiles a .ts module it is asked for by name (the .js names resolve from TS importers only).
    const define = new URL('../../components/media-device-picker/define.ts', import.meta.url).href;
    const axe = new URL('/node_modules/axe-core/axe.min.js', location.href).href;
    frame.srcdoc = `<!doctype html><html lang="en"><title>policy</title><script src="${axe}"></script><script type="module">import ${JSON.stringify(define)};</script>
      <media-device-picker kind="audioinput" stream="frame-mic"></media-device-picker>
      <media-device-picker kind="videoinput" stream="frame-camera"></media-device-picker>`;
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    try {
      await frame.contentWindow!.customElements.whenDefined('media-device-picker');
      const doc = frame.contentDocument!;
      const [mic, camera] = [...doc.querySelectorAll('media-device-picker')] as MediaDevicePicker[];
      await waitUntil(() => $(mic, '.panel:not(.loading)') && ($(camera, 'select') || $(camera, '.panel:not(.loading)')), 'rendered', { timeout: 8000 });
      await mic.updateComplete;
      // chai-a11y-axe's axe cannot check another document: the frame runs its own copy.
      const axe = (frame.contentWindow as unknown as { axe: { run(el: Element): Promise<{ violations: { id: string }[] }> } }).axe;
      expect((await axe.run(mic)).violations.map((v) => v.id)).to.deep.equal([]);
      expect(mic.state).to.equal('unavailable');
      expect($(mic, '.panel.unavailable [part~="message"]')!.textContent!.trim()).to.equal('Microphone access is not allowed on this page.');
      expect($(mic, '[part~="allow-button"]')).to.equal(null);
      expect($(mic, '[part~="retry-button"]')).to.equal(null);
      // The camera is allowed in this frame: its picker is not blocked.
      expect($(camera, '.panel.unavailable')).to.equal(null);
    } finally {
      frame.remove();
    }
  });

  it('speaker check: "Play a test sound" plays a tone to its end through the chosen output (setSinkId on Chromium’s fake speakers)', async () => {
    const { name } = sharedController();
    const picker = await fixture<MediaDevicePicker>(html`<media-device-picker kind="audiooutput" stream=${name}></media-device-picker>`);
    await waitUntil(() => $(picker, 'select') || $(picker, '[part~="allow-button"]'), 'rendered', { timeout: 8000 });
    await expect(picker).to.be.accessible();
    if (!$(picker, 'select')) await picker.requestAccess();
    await waitUntil(() => $(picker, 'select'), 'the speaker list', { timeout: 8000 });
    const target = picker.devices.find((d) => d.deviceId !== 'default' && d.deviceId !== '')!;
    expect(target, 'a fake speaker other than the default').to.exist;
    picker.value = target.deviceId;
    await waitUntil(() => picker.value === target.deviceId, 'chosen', { timeout: 3000 });
    const button = $(picker, '[part~="test-sound-button"]') as HTMLButtonElement;
    expect(button.textContent!.trim()).to.equal('Play a test sound');
    button.focus();
    const done = oneEvent(picker, 'media-test-sound') as Promise<MediaTestSoundEvent>;
    button.click();
    await waitUntil(() => picker.matches(':state(testing-sound)'), 'it plays', { timeout: 2000 });
    await picker.updateComplete;
    expect(button.textContent!.trim()).to.equal('Playing a test sound…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    await expect(picker).to.be.accessible();
    button.click(); // a second click while it plays starts nothing
    const ev = await done;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail.error).to.equal(null);
    expect(ev.detail.played, 'it played to its end').to.equal(true);
    expect(ev.detail.deviceId, 'through the chosen speaker').to.equal(target.deviceId);
    await picker.updateComplete;
    expect(picker.matches(':state(testing-sound)')).to.equal(false);
    expect(picker.shadowRoot!.activeElement, 'the focus stays on the button').to.equal(button);
    picker.strings = { testSound: 'Lautsprecher testen' };
    await picker.updateComplete;
    expect(button.textContent!.trim()).to.equal('Lautsprecher testen');
    await expect(picker).to.be.accessible();
  });

  it('speaker check: an output that setSinkId() refuses gives a failed result that names the output asked for, not the default (Chromium rejects an unknown sinkId)', async () => {
    const result = await playTestSound('no-such-speaker', new AbortController().signal);
    expect(result.played).to.equal(false);
    expect(result.error instanceof Error, 'why it failed').to.equal(true);
    expect(result.deviceId, 'the output asked for').to.equal('no-such-speaker');
  });

  it('speaker check: a move (removed and put back at once, as a framework does) keeps the test sound playing; leaving the page stops it, and a stop is not announced as a failure', async () => {
    const { name } = sharedController();
    const wrapper = await fixture<HTMLDivElement>(html`<div><media-device-picker kind="audiooutput" stream=${name}></media-device-picker></div>`);
    const picker = wrapper.querySelector('media-device-picker')!;
    await waitUntil(() => $(picker, 'select') || $(picker, '[part~="allow-button"]'), 'rendered', { timeout: 8000 });
    await expect(picker).to.be.accessible();
    if (!$(picker, 'select')) await picker.requestAccess();
    await waitUntil(() => $(picker, 'select'), 'the speaker list', { timeout: 8000 });
    const moved = picker.playTestSound();
    await waitUntil(() => picker.matches(':state(testing-sound)'), 'it plays', { timeout: 2000 });
    wrapper.append(picker); // a move: disconnected and connected again before microtasks run
    await aTimeout(100);
    expect(picker.matches(':state(testing-sound)'), 'still playing after the move').to.equal(true);
    expect(await moved, 'it played to its end').to.equal(true);
    await picker.updateComplete;
    await expect(picker).to.be.accessible();
    const events: MediaTestSoundEvent[] = [];
    picker.addEventListener('media-test-sound', (e) => events.push(e as MediaTestSoundEvent));
    const left = picker.playTestSound();
    await waitUntil(() => picker.matches(':state(testing-sound)'), 'it plays again', { timeout: 2000 });
    picker.remove();
    expect(await left, 'stopped when the element left the page').to.equal(false);
    expect(events).to.have.length(1);
    expect(events[0]!.detail.played).to.equal(false);
    expect(events[0]!.detail.error?.name).to.equal('AbortError');
    expect(picker.matches(':state(testing-sound)')).to.equal(false);
    expect($(picker, '[role="status"]')?.textContent ?? '', 'a stop is no failure to announce').not.to.match(/could not|failed/i);
  });
});
