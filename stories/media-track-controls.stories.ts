/**
 * Storybook 10 (CSF3, @storybook/web-components-vite) stories for <media-track-controls>, and the
 * "constraint exerciser" recipe: capabilities, constraints and settings side by side as JSON.
 * In the story test's Chromium the fake camera reports frameRate, resolution, focus and exposure
 * (no zoom, torch, pan or tilt); a real camera shows what it has.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { MediaTrackControls } from '../components/media-track-controls/define.js';
import { MediaPreview } from '../components/media-preview/define.js';
import { getMediaStreamController } from '../src/controller.js';

void [MediaTrackControls, MediaPreview];

interface ControlsArgs {
  stream: string;
  kind: 'video' | 'audio';
  properties: string;
  disabled: boolean;
}
type Story = StoryObj<ControlsArgs>;

const frame = (content: TemplateResult, attrs: { dir?: string; lang?: string } = {}) =>
  html`<div style="display: grid; gap: 1rem; max-inline-size: 34rem" dir=${attrs.dir ?? 'ltr'} lang=${attrs.lang ?? 'en'}>${content}</div>`;

const controlsOf = (root: HTMLElement) => root.querySelector<MediaTrackControls>('media-track-controls')!;
const named = (el: MediaTrackControls, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`);

const meta: Meta<ControlsArgs> = {
  title: 'Elements/Media Track Controls',
  component: 'media-track-controls',
  tags: ['autodocs'],
  args: { stream: 'story-controls', kind: 'video', properties: '', disabled: false } satisfies ControlsArgs,
  argTypes: { kind: { control: 'inline-radio', options: ['video', 'audio'] } },
  render: (a: ControlsArgs) =>
    frame(html`<media-preview stream=${a.stream} autostart></media-preview>
      <media-track-controls stream=${a.stream} kind=${a.kind} properties=${a.properties} ?disabled=${a.disabled}></media-track-controls>`),
};
export default meta;

/** The camera's controls beside its preview: one for each property the camera reports. */
export const Camera: Story = {
  args: { stream: 'story-controls-camera' },
  play: async ({ canvasElement }) => {
    const el = controlsOf(canvasElement);
    await waitFor(() => expect(named(el, 'frameRate')).toBeTruthy(), { timeout: 8000 });
  },
};

/** The microphone's processing: echo cancellation, noise suppression, gain control, channels, voice isolation. */
export const Microphone: Story = {
  args: { stream: 'story-controls-mic', kind: 'audio' },
  render: (a) => frame(html`<media-track-controls stream=${a.stream} kind="audio" autostart></media-track-controls>`),
  play: async ({ canvasElement }) => {
    const el = controlsOf(canvasElement);
    await waitFor(() => expect(el.shownProperties.length).toBeGreaterThan(0), { timeout: 8000 });
  },
};

/** A chosen set, in this order: `properties="frameRate resolution zoom torch"` (what the camera lacks is left out). */
export const ChosenSet: Story = {
  args: { stream: 'story-controls-chosen', properties: 'frameRate resolution zoom torch' },
};

/**
 * Manual focus: the focus distance is enabled only while the focus mode is manual (the same for
 * exposure time and colour temperature). The play function sets 35 on the slider.
 */
export const ManualFocus: Story = {
  args: { stream: 'story-controls-focus', properties: 'focusMode focusDistance exposureMode exposureTime' },
  play: async ({ canvasElement }) => {
    const el = controlsOf(canvasElement);
    await waitFor(() => expect(named(el, 'focusDistance')).toBeTruthy(), { timeout: 8000 });
    const fd = named(el, 'focusDistance')!;
    if (fd.disabled) return; // a real camera in continuous focus: nothing to set
    fd.value = '35';
    fd.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect((el.settings as Record<string, unknown>).focusDistance).toBe(35), { timeout: 5000 });
  },
};

/**
 * A refused value: the button asks for a focus distance of 500 (the fake camera takes 10 to 100).
 * The device refuses it: `media-error` (`overconstrained`, naming the setting), and the control
 * shows the setting in force.
 */
export const RefusedValue: Story = {
  args: { stream: 'story-controls-refused', properties: 'focusDistance zoom' },
  render: (a) => {
    const show = (e: Event) => {
      const out = (e.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
      out.textContent = (e as CustomEvent<{ error: Error }>).detail.error.message;
    };
    const ask = (e: Event) => {
      const el = (e.currentTarget as HTMLElement).parentElement!.querySelector<MediaTrackControls>('media-track-controls')!;
      void el.apply({ focusDistance: 500 });
    };
    return frame(html`<media-track-controls stream=${a.stream} autostart properties=${a.properties} @media-error=${show}></media-track-controls>
      <button type="button" @click=${ask}>Ask for focus distance 500</button>
      <output role="status" style="color: #b42318"></output>`);
  },
  play: async ({ canvasElement }) => {
    const el = controlsOf(canvasElement);
    await waitFor(() => expect(named(el, 'focusDistance')).toBeTruthy(), { timeout: 8000 });
    await userEvent.click(canvasElement.querySelector('button')!);
    await waitFor(() => expect(canvasElement.querySelector('output')!.textContent).toContain('focus distance'), { timeout: 5000 });
  },
};

/** No controls available: a camera without torch, pan or tilt (every fake camera, most webcams). */
export const NoControls: Story = {
  args: { stream: 'story-controls-none', properties: 'torch pan tilt' },
  render: (a) => frame(html`<media-track-controls stream=${a.stream} autostart properties=${a.properties}></media-track-controls>`),
  play: async ({ canvasElement }) => {
    const el = controlsOf(canvasElement);
    await waitFor(() => expect(el.matches(':state(empty)') || el.shownProperties.length > 0).toBe(true), { timeout: 8000 });
  },
};

/** Themed with parts and custom properties. */
export const Themed: Story = {
  args: { stream: 'story-controls-themed' },
  render: (a) =>
    frame(html`<style>
        .themed::part(control) {
          padding: 0.5rem;
          border-radius: 10px;
          background: #f5f3ff;
        }
        .themed::part(label) {
          font-weight: 600;
        }
        .themed::part(value) {
          color: #6d28d9;
        }
      </style>
      <media-track-controls
        class="themed"
        stream=${a.stream}
        autostart
        style="--media-track-controls-accent: #7c3aed; --media-track-controls-gap: 0.5rem; --media-track-controls-font-size: 1rem"
      ></media-track-controls>`),
};

/** Right to left, with replaced strings (Arabic): sliders run from the right. */
export const RightToLeft: Story = {
  args: { stream: 'story-controls-rtl' },
  render: (a) =>
    frame(
      html`<media-track-controls
        stream=${a.stream}
        autostart
        properties="frameRate resolution focusMode focusDistance"
        .strings=${{
          cameraSettings: 'إعدادات الكاميرا',
          frameRate: 'معدل الإطارات',
          frameRateValue: '{value} إطار/ث',
          frameRateValueText: '{value} إطارًا في الثانية',
          resolution: 'الدقة',
          focusMode: 'وضع التركيز',
          focusDistance: 'مسافة التركيز',
          valueManual: 'يدوي',
          valueContinuous: 'مستمر',
        }}
      ></media-track-controls>`,
      { dir: 'rtl', lang: 'ar' },
    ),
};

/**
 * Recipe: a constraint exerciser (after MDN's). The preview, the controls and, side by side as
 * JSON, what the camera can do (`getCapabilities()`), what the page asked for (`getConstraints()`)
 * and what is in force (`getSettings()`), updated on `media-settings-change`. Type values to ask
 * for (`{ "frameRate": 10 }`) and apply them through the controller (`applySettings`).
 */
export const ConstraintExerciser: Story = {
  name: 'Recipe: constraint exerciser',
  args: { stream: 'story-exerciser' },
  render: (a) => {
    const c = getMediaStreamController(a.stream);
    const json = (v: unknown) => JSON.stringify(v ?? null, null, 2);
    // The panes are a node of the story's own, drawn on the controller's events.
    const panes = document.createElement('div');
    panes.className = 'panes';
    // It scrolls: a keyboard reaches it too.
    panes.tabIndex = 0;
    panes.setAttribute('role', 'region');
    panes.setAttribute('aria-label', 'Capabilities, constraints and settings');
    panes.style.cssText = 'display: grid; gap: 0.5rem; font-size: 0.75rem; overflow: auto; max-block-size: 40rem';
    let note = '';
    const draw = () => {
      const t = c.videoTrack;
      render(
        html`<section><h3>Capabilities</h3><pre>${json(t?.getCapabilities?.())}</pre></section>
          <section><h3>Constraints</h3><pre>${json(t?.getConstraints())}</pre></section>
          <section><h3>Settings</h3><pre>${json(t?.getSettings())}</pre></section>`,
        panes,
      );
    };
    for (const type of ['media-settings-change', 'media-track-change', 'media-state-change'] as const) c.addEventListener(type, draw);
    draw();
    const apply = async (e: Event) => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const out = form.querySelector('output')!;
      try {
        const values = JSON.parse((form.elements.namedItem('values') as HTMLTextAreaElement).value) as Record<string, never>;
        const before = c.error;
        await c.applySettings('video', values);
        note = c.error && c.error !== before ? c.error.message : 'Applied.';
      } catch (err) {
        note = `Not JSON: ${(err as Error).message}`;
      }
      out.textContent = note;
      draw();
    };
    return html`<div style="display: grid; gap: 1rem; grid-template-columns: minmax(16rem, 1fr) minmax(16rem, 1fr)">
      <div style="display: grid; gap: 1rem; align-content: start">
        <media-preview stream=${a.stream} autostart></media-preview>
        <media-track-controls stream=${a.stream}></media-track-controls>
        <form @submit=${apply} style="display: grid; gap: 0.5rem">
          <label for="exerciser-values">Values to apply (JSON)</label>
          <textarea id="exerciser-values" name="values" rows="3">{ "frameRate": 10 }</textarea>
          <button type="submit">Apply</button>
          <output role="status"></output>
        </form>
      </div>
      ${panes}
    </div>`;
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.panes pre')?.textContent).toContain('frameRate'), { timeout: 8000 });
    await userEvent.click(canvasElement.querySelector('button[type="submit"]')!);
    await waitFor(() => expect(canvasElement.querySelector('form output')!.textContent).toBe('Applied.'), { timeout: 5000 });
  },
};
