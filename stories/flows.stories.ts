/**
 * Main flows of each element, as interaction tests: each story's play function drives the
 * element like a user would. `npm test` runs them in Chromium with fake cameras
 * (scripts/test-storybook.mjs); opened in Storybook they run against the real camera.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { MediaDevicePicker } from '../components/media-device-picker/define.js';
import { MediaPreview } from '../components/media-preview/define.js';
import { MediaStreamController } from '../src/controller.js';

void [MediaDevicePicker, MediaPreview];

const WAIT = { timeout: 10_000 };
const stateOf = (el: Element, state: string) => waitFor(() => expect(el.getAttribute('state')).toBe(state), WAIT);
const part = <T extends Element = HTMLElement>(el: Element, name: string) =>
  waitFor(() => {
    const found = el.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
    expect(found, `part ${name}`).toBeTruthy();
    return found!;
  }, WAIT);

const meta: Meta = { title: 'Tests/Main flows' };
export default meta;
type Story = StoryObj;

/** Start from the built-in button, see frames, stop: every track ends. */
export const PreviewStartStop: Story = {
  name: 'Preview: start, live, stop',
  args: { onStateChange: fn() },
  render: (args) =>
    html`<media-preview stream="flow-preview" @media-state-change=${args.onStateChange as () => void}></media-preview>`,
  play: async ({ canvasElement, args, step }) => {
    const preview = canvasElement.querySelector<MediaPreview>('media-preview')!;
    await stateOf(preview, 'idle');
    await step('the start button turns the camera on', async () => {
      await userEvent.click(await part(preview, 'start-button'));
      await stateOf(preview, 'live');
      await waitFor(() => expect(preview.videoElement!.videoWidth).toBeGreaterThan(0), WAIT);
      expect(args.onStateChange).toHaveBeenCalled();
    });
    await step('stop() ends every track', async () => {
      const tracks = preview.stream!.getTracks();
      preview.stop();
      await stateOf(preview, 'idle');
      for (const t of tracks) expect(t.readyState).toBe('ended');
    });
  },
};

/** The picker lists the cameras once live, and `change` tells which one was chosen. */
export const PickerChoose: Story = {
  name: 'Picker: list and choose a camera',
  args: { onChange: fn() },
  render: (args) => html`<div style="display:grid; gap:1rem; max-inline-size:32rem">
    <media-device-picker stream="flow-picker" autostart @change=${args.onChange as () => void}></media-device-picker>
    <media-preview stream="flow-picker"></media-preview>
  </div>`,
  play: async ({ canvasElement, args }) => {
    const picker = canvasElement.querySelector<MediaDevicePicker>('media-device-picker')!;
    await stateOf(picker, 'live');
    const select = await part<HTMLSelectElement>(picker, 'select');
    await waitFor(() => expect(select.options.length).toBe(3), WAIT);
    const last = select.options[2]!.value;
    await userEvent.selectOptions(select, last);
    await waitFor(() => expect(args.onChange).toHaveBeenCalled(), WAIT);
    await waitFor(() => expect(picker.controller.stream?.getVideoTracks()[0]?.getSettings().deviceId).toBe(last), WAIT);
    expect(picker.value).toBe(last);
  },
};

/**
 * A camera that fails as it starts (injected: this story's controller stops the last camera's
 * track as `getUserMedia` hands it over, as Chromium does for a broken camera). The controller
 * keeps a working camera; the picker shows it and says what happened.
 */
export const PickerBrokenCamera: Story = {
  name: 'Picker: a camera that cannot start',
  render: () => {
    const controller: MediaStreamController = new MediaStreamController({
      name: 'flow-picker-broken',
      rememberDevices: false,
      onAcquire: (s) => {
        const cams = controller.devicesOf('videoinput');
        const broken = cams.length > 1 ? cams[cams.length - 1]!.deviceId : '';
        for (const t of s.getVideoTracks()) if (broken && t.getSettings().deviceId === broken) t.stop();
      },
    });
    return html`<div style="display:grid; gap:1rem; max-inline-size:32rem">
      <media-device-picker autostart .controller=${controller}></media-device-picker>
      <media-preview .controller=${controller}></media-preview>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector<MediaDevicePicker>('media-device-picker')!;
    const preview = canvasElement.querySelector<MediaPreview>('media-preview')!;
    await stateOf(picker, 'live');
    const select = await part<HTMLSelectElement>(picker, 'select');
    await waitFor(() => expect(select.options.length).toBe(3), WAIT);
    await waitFor(() => expect(picker.value).not.toBe(''), WAIT);
    const using = picker.value;
    const last = select.options[2]!;
    expect(last.value).not.toBe(using);
    await userEvent.selectOptions(select, last.value);
    const notice = await part(picker, 'notice');
    expect(notice.textContent?.trim()).toBe(`${last.textContent?.trim()} could not be started. Still using ${select.selectedOptions[0]?.textContent?.trim()}.`);
    await waitFor(() => expect(picker.value).toBe(using), WAIT);
    expect(picker.controller.stream?.getVideoTracks()[0]?.getSettings().deviceId).toBe(using);
    await stateOf(preview, 'live');
  },
};

/** In a form: the chosen deviceId is submitted under the picker's `name`. */
export const PickerInForm: Story = {
  name: 'Picker: submitted with a form',
  render: () => html`<form style="display:grid; gap:.75rem; max-inline-size:28rem" @submit=${(e: SubmitEvent) => e.preventDefault()}>
    <media-device-picker name="camera" stream="flow-form" autostart></media-device-picker>
    <button type="submit">Submit</button>
  </form>`,
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector<MediaDevicePicker>('media-device-picker')!;
    await stateOf(picker, 'live');
    await waitFor(() => expect(picker.value).not.toBe(''), WAIT);
    const data = new FormData(canvasElement.querySelector('form')!);
    expect(data.get('camera')).toBe(picker.value);
  },
};

/** A failure shows its view (with a retry button where retrying can help); once the cause is gone, retry goes live. */
export const PreviewRetry: Story = {
  name: 'Preview: error, then retry',
  render: () => {
    // No fake camera is 10000 pixels wide: the first request fails (overconstrained).
    const controller = new MediaStreamController({ name: 'flow-retry', rememberDevices: false });
    void controller.setOptions({ video: { width: { exact: 10_000 } } });
    return html`<media-preview .controller=${controller}></media-preview>`;
  },
  play: async ({ canvasElement, step }) => {
    const preview = canvasElement.querySelector<MediaPreview>('media-preview')!;
    await step('the request fails', async () => {
      await userEvent.click(await part(preview, 'start-button'));
      await waitFor(() => expect(['error', 'unavailable']).toContain(preview.getAttribute('state')), WAIT);
      expect((await part(preview, 'message')).textContent?.trim()).not.toBe('');
    });
    await step('retry after the cause is gone', async () => {
      await preview.controller.setOptions({ video: true });
      const button = preview.shadowRoot!.querySelector<HTMLElement>('[part~="retry-button"]');
      if (button) await userEvent.click(button);
      else await preview.retry();
      await stateOf(preview, 'live');
    });
  },
};

/** Right to left with replaced strings: the view reads in order and uses the new text. */
export const PreviewRtlStrings: Story = {
  name: 'Preview: right to left, replaced strings',
  render: () => html`<div dir="rtl" lang="he">
    <media-preview stream="flow-rtl" .strings=${{ start: 'הפעלת מצלמה', startExplanation: 'המצלמה פועלת רק כשתפעילו אותה.' }}></media-preview>
  </div>`,
  play: async ({ canvasElement }) => {
    const preview = canvasElement.querySelector<MediaPreview>('media-preview')!;
    const button = await part(preview, 'start-button');
    expect(button.textContent?.trim()).toBe('הפעלת מצלמה');
    expect(getComputedStyle(button).direction).toBe('rtl');
  },
};
