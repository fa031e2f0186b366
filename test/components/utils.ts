/// <reference types="mocha" />
/**
 * Shared pieces of the element tests: unique controller names, cleanup that proves no track
 * stays live, and small waits. No browser API is replaced here.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MediaDevicePicker } from '../../components/media-device-picker/define.js';
import { MediaPreview } from '../../components/media-preview/define.js';
import { type MediaStreamController, deleteMediaStreamController, getMediaStreamController } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';

/** The element classes, registered by their define modules (every test file imports this module). */
export const elements = { MediaDevicePicker, MediaPreview } as const;

let counter = 0;
const used: { name: string; controller: MediaStreamController; tracks: Set<MediaStreamTrack> }[] = [];

/** A fresh shared controller with a unique name (no release delay, no device memory). */
export function sharedController(prefix = 'test'): { name: string; controller: MediaStreamController } {
  const name = `${prefix}-${Date.now().toString(36)}-${++counter}`;
  const controller = getMediaStreamController(name);
  controller.releaseDelay = 0;
  controller.rememberDevices = false;
  const tracks = new Set<MediaStreamTrack>();
  // One stream for the controller's life: every track comes through media-track-change.
  controller.addEventListener('media-track-change', (e) => tracks.add(e.detail.track));
  used.push({ name, controller, tracks });
  return { name, controller };
}

/** A `<media-device-picker>` beside a `<media-preview>` on a fresh shared controller. */
export async function pickerBesidePreview({ autostart = false } = {}): Promise<{
  name: string;
  controller: MediaStreamController;
  picker: MediaDevicePicker;
  preview: MediaPreview;
}> {
  const { name, controller } = sharedController();
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <media-device-picker stream=${name}></media-device-picker>
    <media-preview ?autostart=${autostart} stream=${name}></media-preview>
  </div>`);
  return { name, controller, picker: wrapper.querySelector('media-device-picker')!, preview: wrapper.querySelector('media-preview')! };
}

/** Every track a test's controllers handed out, for the leak check. */
export async function cleanupControllers(): Promise<void> {
  const all = used.splice(0);
  for (const { name, controller, tracks } of all) {
    controller.stream?.getTracks().forEach((t) => tracks.add(t));
    await controller.whenSettled();
    deleteMediaStreamController(name);
    await controller.whenSettled();
    const live = [...tracks].filter((t) => t.readyState === 'live');
    if (live.length) throw new Error(`controller ${name} left ${live.length} live track(s): ${live.map((t) => t.label).join(', ')}`);
  }
}

/** Wait until an element (or controller) reaches a state. */
export async function untilState(el: { state: CaptureState }, state: CaptureState, timeout = 8000): Promise<void> {
  await waitUntil(() => el.state === state, `state did not become ${state} (is ${el.state})`, { timeout });
}

/** Wait until a video element shows frames. */
export async function untilPlaying(video: HTMLVideoElement, timeout = 8000): Promise<void> {
  await waitUntil(() => video.readyState >= 2 && video.videoWidth > 0, 'video shows no frame', { timeout });
}

/** Collect console.warn calls while `fn` runs (the real console.warn still runs). */
export async function captureWarnings(fn: () => unknown | Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await fn();
    await aTimeout(0);
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** Whether `:state()` selectors work in this engine. */
export function supportsStateSelector(el: Element): boolean {
  try {
    el.matches(':state(x)');
    return true;
  } catch {
    return false;
  }
}

/** Shadow-root query shortcut. */
/**
 * The `part` of the element focused in `el`'s shadow root (null: none). Tests compare it rather
 * than the elements: a failed chai comparison of two DOM elements hangs the page for minutes.
 */
export function focusedPart(el: Element): string | null {
  return el.shadowRoot?.activeElement?.getAttribute('part') ?? null;
}

export function $(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

/** True when an element is rendered (not display:none, in the layout). */
export function isShown(el: Element | null): boolean {
  if (!el) return false;
  return (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** Whether this engine calls listeners for an event dispatched from script on a track (Firefox does not). */
export function deliversSyntheticTrackEvents(track: MediaStreamTrack): boolean {
  let delivered = false;
  const probe = () => (delivered = true);
  track.addEventListener('mce-probe', probe);
  track.dispatchEvent(new Event('mce-probe'));
  track.removeEventListener('mce-probe', probe);
  return delivered;
}

/** What a promise settled with: `resolved` for a fulfilment, else the rejection. */
export async function outcome(p: Promise<unknown>): Promise<'resolved' | unknown> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err;
  }
}

/** The rejection of `p` as a MediaCaptureError with `code` (fails the test otherwise). */
export async function rejection(p: Promise<unknown>, code: string): Promise<MediaCaptureError> {
  const r = await outcome(p);
  expect(r, 'start() rejects').to.be.instanceOf(MediaCaptureError);
  expect((r as MediaCaptureError).code).to.equal(code);
  return r as MediaCaptureError;
}

