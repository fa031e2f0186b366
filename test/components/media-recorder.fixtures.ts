/** Shared pieces of the <media-recorder> tests. No browser API is replaced here. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { MediaRecorderElement } from '../../components/media-recorder/define.js';
import { isWebKit } from '../helpers/env.js';
import { $, sharedController, untilState } from './utils.js';

/** A live recorder on a fresh shared controller, with its first frame on screen (or its microphone live). */
export async function liveRecorder(attrs = '', name = sharedController().name): Promise<MediaRecorderElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<media-recorder autostart stream="${name}" ${attrs}></media-recorder>`;
  const el = wrapper.querySelector('media-recorder')!;
  await untilState(el, 'live');
  await el.updateComplete;
  if (!el.audioOnly) {
    const video = el.shadowRoot!.querySelector('video')!;
    await waitUntil(() => video.readyState >= 2 && video.videoWidth > 0, 'the video has a frame', { timeout: 8000 });
    await waitUntil(() => !!el.shadowRoot!.querySelector('canvas[part~="preview"]'), 'the preview canvas', { timeout: 8000 });
  }
  return el;
}

/** Metadata of a recorded file, read by the engine's own `<video>` / `<audio>`. */
export async function probeFile(file: Blob): Promise<{ duration: number; width: number; height: number; media: HTMLMediaElement; url: string }> {
  const media = document.createElement(file.type.startsWith('audio/') ? 'audio' : 'video');
  media.muted = true;
  const url = URL.createObjectURL(file);
  media.src = url;
  await new Promise<void>((resolve, reject) => {
    media.onloadedmetadata = () => resolve();
    media.onerror = () => reject(new Error(`the file does not play: ${media.error?.message ?? media.error?.code}`));
  });
  // A file without a duration in its header reads Infinity (the caller's assertion says so).
  const duration = media.duration;
  const v = media as HTMLVideoElement;
  return { duration, width: v.videoWidth ?? 0, height: v.videoHeight ?? 0, media, url };
}

/** Records for `ms` and stops; resolves with the File. */
export async function recordFor(el: MediaRecorderElement, ms: number): Promise<File> {
  await el.startRecording();
  await new Promise((r) => setTimeout(r, ms));
  return el.stopRecording();
}

export const recordButton = (el: MediaRecorderElement) => $(el, '[part~="record-button"]') as HTMLButtonElement;
export const status = (el: MediaRecorderElement) => $(el, '[role="status"]')!.textContent!.trim();

/** WebKitGTK here records 0 bytes of any picture (sound works). */
export const recordsVideo = (): boolean => !isWebKit();

export const RecorderElement = MediaRecorderElement;
