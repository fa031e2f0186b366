/**
 * Storybook 10 (CSF3, @storybook/web-components-vite) stories for <audio-level-meter>.
 * Controls and docs tables come from custom-elements.json (.storybook/preview.ts).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { AudioLevelMeter } from '../components/audio-level-meter/define.js';

// The define module registers the tag; referring to the class keeps the import.
void [AudioLevelMeter];

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
 * A stereo test signal of the story's own: a 1 kHz sine at gain 0.5 on the left (peak -6 dBFS,
 * RMS -9 dBFS), a quieter 440 Hz sine on the right. An autoplay policy may suspend its context:
 * the first click or key press on the page resumes it (and the meter's own).
 */
function stereoTone(rightGain = 0.1): MediaStream {
  const ctx = new AudioContext();
  const merger = new ChannelMergerNode(ctx, { numberOfInputs: 2 });
  const left = new OscillatorNode(ctx, { frequency: 1000 });
  const right = new OscillatorNode(ctx, { frequency: 440 });
  left.connect(new GainNode(ctx, { gain: 0.5 })).connect(merger, 0, 0);
  right.connect(new GainNode(ctx, { gain: rightGain })).connect(merger, 0, 1);
  const dest = new MediaStreamAudioDestinationNode(ctx, { channelCount: 2 });
  merger.connect(dest);
  left.start();
  right.start();
  if (ctx.state === 'suspended') {
    const resume = () => void ctx.resume().catch(() => {});
    for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, resume, { once: true, capture: true });
  }
  return dest.stream;
}

const meta: Meta<MeterArgs> = {
  title: 'Elements/Audio Level Meter',
  component: 'audio-level-meter',
  tags: ['autodocs'],
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
  render: (a) => frame(html`<audio-level-meter .srcObject=${stereoTone()} peak-hold=${a.peakHold}></audio-level-meter>`),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('audio-level-meter')!;
    await waitFor(() => expect(el.channelCount).toBe(2), { timeout: 5000 });
  },
};

/** Vertical bars. */
export const Vertical: Story = {
  render: () => frame(html`<audio-level-meter orientation="vertical" .srcObject=${stereoTone()}></audio-level-meter>`),
};

/** Right-to-left, with replaced strings: the bars grow from the right. */
export const RightToLeft: Story = {
  render: () =>
    frame(html`<audio-level-meter .srcObject=${stereoTone()} .strings=${{ left: 'يسار', right: 'يمين', groupLabel: 'مستوى الصوت' }}></audio-level-meter>`, {
      dir: 'rtl',
      lang: 'ar',
    }),
};

/** A stream without sound (a canvas capture): the "no sound source" state. */
export const NoSource: Story = {
  render: () => frame(html`<audio-level-meter .srcObject=${document.createElement('canvas').captureStream()}></audio-level-meter>`),
};

/** Themed with the custom properties. */
export const Themed: Story = {
  render: () =>
    frame(
      html`<audio-level-meter
        style="--audio-level-meter-fill: #7c3aed; --audio-level-meter-track: #ede9fe; --audio-level-meter-thickness: 1.25rem; --audio-level-meter-radius: 999px"
        .srcObject=${stereoTone(0.3)}
      ></audio-level-meter>`,
    ),
};
