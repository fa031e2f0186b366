/**
 * Storybook 10 (CSF3, @storybook/web-components-vite) stories for <audio-level-meter>.
 * Controls and docs tables come from custom-elements.json (.storybook/preview.ts).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { AudioLevelMeter } from '../components/audio-level-meter/define.js';
import { MediaDevicePicker } from '../components/media-device-picker/define.js';
import { acquireAudioContext } from '../src/audio/context.js';

// The define modules register the tags; referring to the classes keeps the imports.
void [AudioLevelMeter, MediaDevicePicker];

interface MeterArgs {
  stream: string;
  autostart: boolean;
  orientation: 'horizontal' | 'vertical';
  minDb: number;
  peakHold: number;
}
type Story = StoryObj<MeterArgs>;

const frame = (content: TemplateResult, attrs: { dir?: string; lang?: string } = {}) =>
  html`<div style="max-inline-size: 28rem" dir=${attrs.dir ?? 'ltr'} lang=${attrs.lang ?? 'en'}>${content}</div>`;

/**
 * What each story opened (its test tones' AudioContexts, its hold on the page's context), by story
 * id: given back when the story is torn down (the `beforeEach` of `meta` returns the cleanup that
 * Storybook runs before the story renders again or leaves), so that switching stories does not pile
 * up contexts, nor leave the page's shared one suspended.
 */
const opened = new Map<string, (() => void)[]>();
const onTeardown = (id: string, fn: () => void) => opened.set(id, [...(opened.get(id) ?? []), fn]);

/**
 * A stereo test signal of the story's own: a 1 kHz sine at gain 0.5 on the left (peak -6 dBFS,
 * RMS -9 dBFS), a quieter 440 Hz sine on the right. An autoplay policy may suspend its context:
 * the first click or key press on the page resumes it (and the meter's own).
 */
function stereoTone(id: string, rightGain = 0.1, leftGain = 0.5): MediaStream {
  const ctx = new AudioContext();
  onTeardown(id, () => void ctx.close().catch(() => {}));
  const merger = new ChannelMergerNode(ctx, { numberOfInputs: 2 });
  const left = new OscillatorNode(ctx, { frequency: 1000 });
  const right = new OscillatorNode(ctx, { frequency: 440 });
  left.connect(new GainNode(ctx, { gain: leftGain })).connect(merger, 0, 0);
  right.connect(new GainNode(ctx, { gain: rightGain })).connect(merger, 0, 1);
  const dest = new MediaStreamAudioDestinationNode(ctx, { channelCount: 2 });
  merger.connect(dest);
  left.start();
  right.start();
  if (ctx.state === 'suspended') {
    const resume = () => void ctx.resume().catch(() => {});
    for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, resume, { once: true, capture: true });
    onTeardown(id, () => {
      for (const type of ['pointerdown', 'keydown']) document.removeEventListener(type, resume, { capture: true });
    });
  }
  return dest.stream;
}

const meta: Meta<MeterArgs> = {
  title: 'Elements/Audio Level Meter',
  component: 'audio-level-meter',
  tags: ['autodocs'],
  beforeEach: ({ id }) => () => {
    for (const fn of opened.get(id) ?? []) fn();
    opened.delete(id);
  },
  args: { stream: 'story-meter', autostart: false, orientation: 'horizontal', minDb: -60, peakHold: 1500 } satisfies MeterArgs,
  argTypes: {
    orientation: { control: 'inline-radio', options: ['horizontal', 'vertical'] },
    minDb: { control: { type: 'number', max: -1, step: 6 } },
    peakHold: { control: { type: 'number', min: 0, step: 250 } },
  },
  render: (a: MeterArgs) =>
    frame(html`<audio-level-meter
      stream=${a.stream}
      ?autostart=${a.autostart}
      orientation=${a.orientation}
      min-db=${a.minDb}
      peak-hold=${a.peakHold}
    ></audio-level-meter>`),
};
export default meta;

/** Idle: the microphone is off until the start button is used. */
export const Idle: Story = { args: { stream: 'story-meter-idle' } };

/** Live: the shared microphone, asked for as soon as the element connects (`autostart`). */
export const Live: Story = {
  args: { stream: 'story-meter-live', autostart: true },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    await waitFor(() => expect(el.state).toBe('live'), { timeout: 8000 });
  },
};

/** Stereo from an oscillator (`srcObject`): two bars, Left and Right. */
export const Stereo: Story = {
  render: (a, { id }) => frame(html`<audio-level-meter .srcObject=${stereoTone(id)} peak-hold=${a.peakHold}></audio-level-meter>`),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    await waitFor(() => expect(el.channelCount).toBe(2), { timeout: 5000 });
  },
};

/** Vertical bars. */
export const Vertical: Story = {
  render: (_, { id }) => frame(html`<audio-level-meter orientation="vertical" .srcObject=${stereoTone(id)}></audio-level-meter>`),
};

/** Right-to-left, with replaced strings: the bars grow from the right. */
export const RightToLeft: Story = {
  render: (_, { id }) =>
    frame(html`<audio-level-meter .srcObject=${stereoTone(id)} .strings=${{ left: 'يسار', right: 'يمين', groupLabel: 'مستوى الصوت' }}></audio-level-meter>`, {
      dir: 'rtl',
      lang: 'ar',
    }),
};

/** A stream without sound (a canvas capture): the "no sound source" state. */
export const NoSource: Story = {
  render: (_, { id }) => {
    const stream = document.createElement('canvas').captureStream();
    onTeardown(id, () => stream.getTracks().forEach((t) => t.stop()));
    return frame(html`<audio-level-meter .srcObject=${stream}></audio-level-meter>`);
  },
};

/** Themed with the custom properties. */
export const Themed: Story = {
  render: (_, { id }) =>
    frame(
      html`<audio-level-meter
        style="--audio-level-meter-fill: #7c3aed; --audio-level-meter-track: #ede9fe; --audio-level-meter-thickness: 1.25rem; --audio-level-meter-radius: 999px"
        .srcObject=${stereoTone(id, 0.3)}
      ></audio-level-meter>`,
    ),
};

/** A stream of digital zero (a Web Audio destination with nothing connected): what a microphone held by another application sends. */
function digitalSilence(id: string): MediaStream {
  const ctx = new AudioContext();
  onTeardown(id, () => void ctx.close().catch(() => {}));
  return new MediaStreamAudioDestinationNode(ctx, { channelCount: 1 }).stream;
}

/**
 * Silent: after 2 s of digital zero the meter says so and what to do (`silent`,
 * `audio-silence-change`, `:state(silent)`), instead of a flat bar.
 */
export const Silent: Story = {
  render: (_, { id }) => frame(html`<audio-level-meter .srcObject=${digitalSilence(id)}></audio-level-meter>`),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    // a context suspended by an autoplay policy measures nothing: skip the wait then
    await new Promise((r) => setTimeout(r, 600));
    if (el.suspended) return;
    await waitFor(() => expect(el.silent).toBe(true), { timeout: 6000 });
    await expect(el.shadowRoot!.querySelector('[part~="panel"]')!.textContent).toContain('No sound is coming in');
  },
};

/**
 * Suspended: the page's AudioContext is paused (here by the story, as an autoplay policy does
 * before the first click), so the meter offers a button to turn sound on. The first click or key
 * press anywhere on the page resumes it too. (Shown on its own only: every meter of a page shares
 * that one context.)
 */
export const Suspended: Story = {
  // Not on the docs pages: suspending the page's one context would pause every other example there.
  tags: ['!autodocs'],
  render: (_, { id }) => {
    // the kit's shared context (public: acquireAudioContext), suspended as an autoplay policy would
    const lease = acquireAudioContext();
    void lease?.context.suspend();
    // torn down: the page's context runs again (if nothing else suspended it) and is let go
    onTeardown(id, () => {
      if (!lease) return;
      void lease.context.resume().catch(() => {});
      lease.release();
    });
    return frame(html`<audio-level-meter .srcObject=${stereoTone(id)}></audio-level-meter>`);
  },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part~="resume-button"]')).not.toBeNull(), { timeout: 4000 });
  },
};

/** Clipping: a left channel driven past full scale (gain 1.5); the bar turns red and `audio-clip` fires. */
export const Clipping: Story = {
  render: (_, { id }) => frame(html`<audio-level-meter .srcObject=${stereoTone(id, 0.1, 1.5)}></audio-level-meter>`),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    await new Promise((r) => setTimeout(r, 600));
    if (el.suspended) return;
    await waitFor(() => expect(el.clipping).toBe(true), { timeout: 5000 });
  },
};

/**
 * Recipe, "check your microphone and speaker": a microphone list, its meter, a speaker list with
 * its "Play a test sound" button, all on one shared stream. The meter asks for the microphone only;
 * the page listens for silence and clipping to give advice of its own.
 *
 * ```html
 * <media-device-picker kind="audioinput" stream="check"></media-device-picker>
 * <audio-level-meter stream="check" autostart></audio-level-meter>
 * <media-device-picker kind="audiooutput" stream="check"></media-device-picker>
 * ```
 */
export const MicrophoneCheck: Story = {
  render: () => {
    const advice = (text: string) => (e: Event) => {
      const out = (e.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
      out.textContent = text;
    };
    return frame(html`<div style="display: grid; gap: 1rem">
      <media-device-picker kind="audioinput" stream="story-check"></media-device-picker>
      <audio-level-meter
        stream="story-check"
        autostart
        @audio-silence-change=${(e: Event & { detail: { silent: boolean } }) =>
          advice(e.detail.silent ? 'Nothing is coming in: unmute the microphone, or pick another one above.' : 'Sound is coming in.')(e)}
        @audio-clip=${advice('Too loud: move away from the microphone or turn its gain down.')}
      ></audio-level-meter>
      <output aria-live="polite"></output>
      <media-device-picker kind="audiooutput" stream="story-check"></media-device-picker>
    </div>`);
  },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    await waitFor(() => expect(el.state).toBe('live'), { timeout: 8000 });
  },
};
