/** Shared pieces of the <photo-booth> tests (photo-booth*.test.ts). No browser API is replaced here. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PhotoBooth } from '../../components/photo-booth/define.js';
import { MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';
import { isChromium, isWebKit } from '../helpers/env.js';
import { $, sharedController, untilState } from './utils.js';

/** A controller that reports a fixed state and error (for views no fake device can produce everywhere). */
export class FixedStateController extends MediaStreamController {
  constructor(
    private readonly fixedState: CaptureState,
    private readonly fixedError: MediaCaptureError | null = null,
  ) {
    super({ name: `fixed-booth-${fixedState}`, releaseDelay: 0, rememberDevices: false });
  }
  override get state(): CaptureState {
    return this.fixedState;
  }
  override get error(): MediaCaptureError | null {
    return this.fixedError;
  }
  override request(): Promise<void> {
    return Promise.resolve();
  }
}

/** A live booth on a fresh shared controller, with its first frame on screen. */
export async function liveBooth(attrs = '', name = sharedController().name): Promise<PhotoBooth> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<photo-booth autostart stream="${name}" ${attrs}></photo-booth>`;
  const el = wrapper.querySelector('photo-booth')!;
  await untilState(el, 'live');
  await el.updateComplete;
  const video = el.shadowRoot!.querySelector('video')!;
  await waitUntil(() => video.readyState >= 2 && video.videoWidth > 0, 'the video has a frame', { timeout: 8000 });
  return el;
}

/** Presses a key in every launcher (WebDriver takes key codes, Puppeteer's BiDi calls Space ' '). */
export async function press(key: 'Space' | 'Enter' | 'Escape'): Promise<void> {
  const webdriver = { Space: ' ', Enter: '\uE007', Escape: '\uE00C' } as const;
  const name = isWebKit() ? webdriver[key] : key === 'Space' && !isChromium() ? ' ' : key;
  await sendKeys({ press: name });
}

export const shutter = (el: PhotoBooth) => $(el, '[part~="shutter"]') as HTMLButtonElement;
export const status = (el: PhotoBooth) => $(el, '[role="status"]')!.textContent!.trim();

/** The element class: importing this module defines `<photo-booth>` (a value use keeps the define import). */
export const PhotoBoothElement = PhotoBooth;
