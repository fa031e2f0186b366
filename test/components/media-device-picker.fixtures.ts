/** Shared pieces of the <media-device-picker> tests (media-device-picker*.test.ts). No browser API is replaced here. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MediaDevicePicker } from '../../components/media-device-picker/media-device-picker.js';
import { MediaStreamController } from '../../src/controller.js';
import { $, sharedController, untilState } from './utils.js';

/** Make the picker show its list: click its allow button where the browser hides labels. */
export async function showList(picker: MediaDevicePicker): Promise<HTMLSelectElement> {
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
export function userPicks(select: HTMLSelectElement, deviceId: string): void {
  select.value = deviceId;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export const cameras = async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');

/** Every text the live region shows, in order (its changes, as a screen reader gets them). */
export function recordStatus(picker: MediaDevicePicker): string[] {
  const status = $(picker, '[role="status"]')!;
  const texts: string[] = [];
  new MutationObserver(() => texts.push(status.textContent!.trim())).observe(status, { childList: true, characterData: true, subtree: true });
  return texts;
}

/**
 * A controller whose new tracks for which `fails(track)` holds are stopped as getUserMedia hands
 * them over (an injected device that fails as it starts); `acquired` lists every track it got.
 */
export function failingController(prefix: string, fails: (track: MediaStreamTrack) => boolean) {
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
export async function speakerPickerBesidePreview() {
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
