/**
 * Recipes: the elements together on one page. Each story has a play function that checks its
 * main flow; `npm test` runs them in Chromium with fake cameras (scripts/test-storybook.mjs).
 * In a person's browser the real camera is used.
 *
 * Every element's define module found in components/ is loaded, so `<photo-booth>` joins the
 * recipes as soon as it exists; until then the processed stream is a canvas stream.
 */
/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { MediaDevicePicker } from '../components/media-device-picker/media-device-picker.js';
import type { MediaPreview } from '../components/media-preview/media-preview.js';
import { getMediaStreamController } from '../src/controller.js';

// Registers every element of the kit (components/<tag>/define.ts), present and future.
import.meta.glob('../components/*-*/define.ts', { eager: true });

/** What a recipe needs of `<photo-booth>` (when it is there). */
interface Processor extends HTMLElement {
  captureStream(fps?: number): MediaStream;
}
const hasPhotoBooth = () => !!customElements.get('photo-booth');

const LIVE_TIMEOUT = { timeout: 10_000 };
const live = async (el: Element | null) =>
  waitFor(() => expect(el?.getAttribute('state')).toBe('live'), LIVE_TIMEOUT);

/** Resolves when the video of `preview` has shown at least `frames` new frames. */
async function framesAdvance(preview: MediaPreview, frames = 3): Promise<void> {
  const video = preview.videoElement!;
  await waitFor(() => expect(video.videoWidth).toBeGreaterThan(0), LIVE_TIMEOUT);
  const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
  for (let i = 0; i < frames; i++) {
    await new Promise<void>((done, fail) => {
      const t = setTimeout(() => fail(new Error('no new video frame within 5 s')), 5000);
      const next = () => (clearTimeout(t), done());
      if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(next);
      else setTimeout(next, 100);
    });
  }
}

const meta: Meta = {
  title: 'Recipes',
  parameters: { layout: 'padded', docs: { description: { component: 'The elements of the kit working together.' } } },
};
export default meta;
type Story = StoryObj;

/**
 * Picker, preview (and photo booth) on one `stream`: one camera for all of them. Turning the
 * camera on from the preview fills the picker; choosing another camera switches the preview.
 */
export const AllTogether: Story = {
  name: 'All elements on one stream',
  render: () => html`<section style="display:grid; gap:1rem; max-inline-size:40rem" aria-label="Camera setup">
    <media-device-picker stream="recipe-all"></media-device-picker>
    <media-preview stream="recipe-all"></media-preview>
    ${hasPhotoBooth() ? html`<photo-booth stream="recipe-all"></photo-booth>` : ''}
  </section>`,
  play: async ({ canvasElement, step }) => {
    const preview = canvasElement.querySelector<MediaPreview>('media-preview')!;
    const picker = canvasElement.querySelector<MediaDevicePicker>('media-device-picker')!;
    await step('turn the camera on from the preview', async () => {
      const start = await waitFor(() => {
        const b = preview.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]');
        expect(b).toBeTruthy();
        return b!;
      });
      await userEvent.click(start);
      await live(preview);
      await live(picker);
    });
    const controller = getMediaStreamController('recipe-all');
    await step('one camera for every element', async () => {
      expect(preview.stream).toBe(controller.stream);
      const booth = canvasElement.querySelector('photo-booth');
      if (booth) await live(booth);
    });
    await step('choose another camera in the picker', async () => {
      const select = await waitFor(() => {
        const s = picker.shadowRoot!.querySelector('select');
        expect(s?.options.length).toBeGreaterThan(1);
        return s!;
      });
      const before = controller.stream!.getVideoTracks()[0]!.getSettings().deviceId;
      const other = [...select.options].find((o) => o.value !== before)!;
      await userEvent.selectOptions(select, other.value);
      await waitFor(() => expect(controller.stream?.getVideoTracks()[0]?.getSettings().deviceId).toBe(other.value), LIVE_TIMEOUT);
      await live(preview);
      expect(picker.value).toBe(other.value);
      await framesAdvance(preview);
    });
  },
};

/** `stream="second"` is an independent camera: stopping one leaves the other on. */
export const SecondStream: Story = {
  name: 'A second, independent stream',
  render: () => html`<div style="display:grid; grid-template-columns:repeat(auto-fit, minmax(16rem, 1fr)); gap:1rem">
    <figure style="margin:0">
      <media-preview stream="recipe-first" autostart></media-preview>
      <figcaption>stream="recipe-first"</figcaption>
    </figure>
    <figure style="margin:0">
      <media-device-picker stream="second"></media-device-picker>
      <media-preview stream="second" autostart></media-preview>
      <figcaption>stream="second"</figcaption>
    </figure>
  </div>`,
  play: async ({ canvasElement, step }) => {
    const [first, second] = canvasElement.querySelectorAll<MediaPreview>('media-preview');
    await step('both go live, each with its own stream', async () => {
      await live(first!);
      await live(second!);
      expect(first!.stream).not.toBe(second!.stream);
      expect(first!.stream!.getVideoTracks()[0]!.id).not.toBe(second!.stream!.getVideoTracks()[0]!.id);
    });
    await step('stopping the first leaves the second on', async () => {
      const secondTrack = second!.stream!.getVideoTracks()[0]!;
      first!.stop();
      await waitFor(() => expect(first!.getAttribute('state')).toBe('idle'), LIVE_TIMEOUT);
      expect(second!.getAttribute('state')).toBe('live');
      expect(secondTrack.readyState).toBe('live');
      await framesAdvance(second!);
    });
  },
};

/**
 * Each element asks for what it needs: a camera preview and a microphone meter share one
 * stream. The microphone is on while the meter is there; removing the meter ends the
 * microphone's track (its light goes off) while the camera keeps its track.
 */
export const DemandPerElement: Story = {
  name: 'Each element asks for what it needs',
  render: () => html`<section style="display:grid; gap:1rem; max-inline-size:40rem" aria-label="Camera and microphone check">
    <media-preview stream="recipe-demand" autostart></media-preview>
    <audio-level-meter stream="recipe-demand" autostart></audio-level-meter>
  </section>`,
  play: async ({ canvasElement, step }) => {
    const preview = canvasElement.querySelector<MediaPreview>('media-preview')!;
    const meter = canvasElement.querySelector('audio-level-meter')!;
    const controller = getMediaStreamController('recipe-demand');
    await step('the camera and the microphone are on', async () => {
      await live(preview);
      await live(meter);
      await waitFor(() => expect(controller.audioTrack?.readyState).toBe('live'), LIVE_TIMEOUT);
    });
    await step('without the meter, the microphone goes off and the camera keeps its track', async () => {
      const camera = controller.videoTrack!;
      const mic = controller.audioTrack!;
      meter.remove();
      await waitFor(() => expect(mic.readyState).toBe('ended'), LIVE_TIMEOUT);
      expect(controller.videoTrack).toBe(camera);
      expect(camera.readyState).toBe('live');
    });
  },
};

/**
 * Options are per stream: two previews on one stream that ask for different resolutions. The
 * last change wins, and the preview overruled fires `media-options-conflict` (and warns in the
 * console); the log below shows it.
 */
export const OptionsConflict: Story = {
  name: 'Two elements that ask for different options',
  render: () => html`<section style="display:grid; gap:1rem; max-inline-size:40rem" aria-label="Conflicting options">
    <media-preview stream="recipe-conflict" resolution="vga" autostart></media-preview>
    <media-preview stream="recipe-conflict"></media-preview>
    <button type="button">Ask the second preview for 320x240</button>
    <output aria-live="polite" style="font: 0.9rem monospace"></output>
  </section>`,
  play: async ({ canvasElement, step }) => {
    const [first, second] = canvasElement.querySelectorAll<MediaPreview>('media-preview');
    const output = canvasElement.querySelector('output')!;
    first!.addEventListener('media-options-conflict', (e) => {
      output.textContent = `first preview overruled: ${e.detail.kind} ${e.detail.constraint} is now ${JSON.stringify(e.detail.value)}`;
    });
    canvasElement.querySelector('button')!.addEventListener('click', () => (second!.resolution = 'qvga'));
    await step('the first preview goes live at 640x480', async () => live(first!));
    await step('the second asks for 320x240: the first is told', async () => {
      await userEvent.click(canvasElement.querySelector('button')!);
      await waitFor(() => expect(output.textContent).toContain('overruled'), LIVE_TIMEOUT);
    });
  },
};

/**
 * A processed stream (`<photo-booth>`'s `captureStream()` with its effect, or a canvas that
 * draws the camera in grey while there is no photo booth) sent through an `RTCPeerConnection`
 * loopback and shown by a second `<media-preview>` through `srcObject`: what a video call does.
 */
export const PeerConnectionLoopback: Story = {
  name: 'Processed stream over RTCPeerConnection',
  render: () => {
    const booth = hasPhotoBooth()
      ? html`<photo-booth stream="recipe-rtc" effect="grayscale" autostart></photo-booth>`
      : html`<media-preview stream="recipe-rtc" autostart></media-preview>`;
    return html`<div style="display:grid; grid-template-columns:repeat(auto-fit, minmax(16rem, 1fr)); gap:1rem">
      <figure style="margin:0" data-role="local">${booth}<figcaption>Local, processed</figcaption></figure>
      <figure style="margin:0" data-role="remote">
        <media-preview class="remote" .strings=${{ videoLabel: 'Remote peer' }}></media-preview>
        <figcaption>Remote (loopback through RTCPeerConnection)</figcaption>
      </figure>
    </div>`;
  },
  play: async ({ canvasElement, step }) => {
    const local = canvasElement.querySelector<HTMLElement>('[data-role=local] > :first-child')!;
    const remote = canvasElement.querySelector<MediaPreview>('media-preview.remote')!;
    await live(local);
    let processed: MediaStream | undefined;
    await step('a processed stream', async () => {
      processed = await processedStream(local);
      expect(processed.getVideoTracks()).toHaveLength(1);
    });
    await step('sent through a loopback RTCPeerConnection into <media-preview>.srcObject', async () => {
      const stream = await loopback(processed!, canvasElement);
      remote.srcObject = stream;
      await live(remote);
      await framesAdvance(remote);
      expect(remote.mirrored).toBe(false);
    });
  },
};

/** `<photo-booth>`'s captureStream(), or a canvas drawing the preview's video in grey. */
async function processedStream(local: HTMLElement): Promise<MediaStream> {
  if (local.localName === 'photo-booth') return (local as Processor).captureStream(30);
  const preview = local as MediaPreview;
  await framesAdvance(preview, 1);
  const video = preview.videoElement!;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.filter = 'grayscale(1)';
  let raf = 0;
  const draw = () => {
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    raf = requestAnimationFrame(draw);
  };
  draw();
  const stream = canvas.captureStream(30);
  stream.getVideoTracks()[0]!.addEventListener('ended', () => cancelAnimationFrame(raf));
  return stream;
}

/** Two peer connections in this page; resolves with the remote stream. */
async function loopback(stream: MediaStream, owner: Element): Promise<MediaStream> {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => void b.addIceCandidate(e.candidate ?? undefined);
  b.onicecandidate = (e) => void a.addIceCandidate(e.candidate ?? undefined);
  const remote = new Promise<MediaStream>((done) => {
    b.ontrack = (e) => done(e.streams[0] ?? new MediaStream([e.track]));
  });
  for (const track of stream.getTracks()) a.addTrack(track, stream);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  // Closed when the story goes away (Storybook removes the canvas content).
  const watch = new MutationObserver(() => {
    if (!owner.isConnected) {
      a.close();
      b.close();
      watch.disconnect();
    }
  });
  watch.observe(document.body, { childList: true, subtree: true });
  return remote;
}
