/**
 * Storybook 10 (CSF3, @storybook/web-components-vite) stories for <media-preview>.
 * Controls, docs tables (attributes, properties, events, slots, parts, custom properties) come
 * from custom-elements.json (.storybook/preview.ts).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { MediaPreview } from '../components/media-preview/define.js';
import type { MediaPreviewStrings } from '../components/media-preview/media-preview.js';
import { MediaStreamController } from '../src/controller.js';
import { MediaCaptureError, type MediaCaptureErrorCode } from '../src/errors.js';
import type { CaptureState } from '../src/events.js';

// The define modules register the tags; referring to the classes keeps the imports.
void [MediaPreview];

interface PreviewArgs {
  stream: string;
  autostart: boolean;
  mirror: 'auto' | 'on' | 'off';
  fit: 'cover' | 'contain';
  resolution: string;
  facingMode: '' | 'user' | 'environment';
  audio: boolean;
  stallTimeout: number;
}
type Story<A> = StoryObj<A>;

/** A controller that shows one state (for the views no device produces on demand). */
class StateController extends MediaStreamController {
  readonly #state: CaptureState;
  readonly #error: MediaCaptureError | null;
  constructor(state: CaptureState, code?: MediaCaptureErrorCode) {
    super({ name: `story-${state}-${code ?? ''}`, rememberDevices: false });
    this.#state = state;
    this.#error = code ? new MediaCaptureError(code) : null;
  }
  override get state(): CaptureState {
    return this.#state;
  }
  override get error(): MediaCaptureError | null {
    return this.#error;
  }
  override request(): Promise<void> {
    return Promise.resolve(); // stays in its state
  }
  override retry(): Promise<void> {
    return Promise.resolve();
  }
}

const frame = (content: TemplateResult, style = '') => html`<div style="max-inline-size: 36rem; ${style}">${content}</div>`;

const meta: Meta<PreviewArgs> = {
  title: 'Elements/Media Preview',
  component: 'media-preview',
  tags: ['autodocs'],
  args: {
    stream: 'story-preview',
    autostart: false,
    mirror: 'auto',
    fit: 'contain',
    resolution: '',
    facingMode: '',
    audio: false,
    stallTimeout: 3000,
  } satisfies PreviewArgs,
  argTypes: {
    mirror: { control: 'inline-radio', options: ['auto', 'on', 'off'] },
    fit: { control: 'inline-radio', options: ['contain', 'cover'] },
    facingMode: { control: 'inline-radio', options: ['', 'user', 'environment'] },
    resolution: { control: 'text' },
    stallTimeout: { control: { type: 'number', min: 0, step: 500 } },
  },
  render: (a: PreviewArgs) =>
    frame(html`<media-preview
      stream=${a.stream}
      ?autostart=${a.autostart}
      mirror=${a.mirror}
      fit=${a.fit}
      resolution=${a.resolution || ''}
      facing-mode=${a.facingMode || ''}
      ?audio=${a.audio}
      stall-timeout=${a.stallTimeout}
    ></media-preview>`),
};
export default meta;

/** Idle: the start control explains why the camera is needed; nothing starts by itself. */
export const Idle: Story<PreviewArgs> = { args: { stream: 'story-idle' } };

/** Live: `autostart` asks for the camera as soon as the element connects. */
export const Live: Story<PreviewArgs> = { args: { stream: 'story-live', autostart: true } };

/** Live, cropped to fill, forced mirror, 720p wish. */
export const CoverMirrored: Story<PreviewArgs> = {
  name: 'Live, cover + mirror on + 720p',
  args: { stream: 'story-cover', autostart: true, fit: 'cover', mirror: 'on', resolution: '720p' },
};

const stateStory = (state: CaptureState, code?: MediaCaptureErrorCode): Story<PreviewArgs> => ({
  render: () => frame(html`<media-preview .controller=${new StateController(state, code)}></media-preview>`),
});

/** Requesting: waiting for the browser's permission prompt. */
export const Requesting = stateStory('requesting');
/** Denied: what happened and how to re-allow the camera in this browser. */
export const Denied = stateStory('denied', 'permission-denied');
/** Unavailable: no camera. */
export const UnavailableNoCamera = stateStory('unavailable', 'not-found');
/** Unavailable: the page is not secure. */
export const UnavailableInsecure = stateStory('unavailable', 'insecure-context');
/** Error with retry: the camera is busy. */
export const ErrorBusy = stateStory('error', 'not-readable');

/** A 320x240 canvas that cycles through hues with `text` on it, for `stopAfterMs` (default: for ever). */
function animatedCanvas(text: string, stopAfterMs = Infinity): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const ctx = canvas.getContext('2d')!;
  const started = performance.now();
  let t = 0;
  const draw = () => {
    ctx.fillStyle = `hsl(${(t += 2) % 360} 70% 50%)`;
    ctx.fillRect(0, 0, 320, 240);
    ctx.fillStyle = '#fff';
    ctx.font = '32px sans-serif';
    ctx.fillText(text, 100, 130);
    if (performance.now() - started < stopAfterMs) requestAnimationFrame(draw);
  };
  draw();
  return canvas;
}

/** Any MediaStream through `srcObject`: a canvas animation (not mirrored in `auto`). */
export const CanvasSource: Story<PreviewArgs> = {
  render: () => frame(html`<media-preview .srcObject=${animatedCanvas('canvas').captureStream(30)}></media-preview>`),
};

/**
 * A picture that stops changing while its track stays live and unmuted (here a canvas that is
 * no longer drawn after one second): after `stall-timeout` ms the preview shows it as frozen
 * and fires `media-track-stall`, as it does for a camera that hangs without the browser saying so.
 */
export const FrozenPicture: Story<PreviewArgs> = {
  // Without a frame rate, the track sends a frame only when the canvas changes.
  render: () => frame(html`<media-preview stall-timeout="800" .srcObject=${animatedCanvas('frozen', 1000).captureStream()}></media-preview>`),
};

/**
 * A `srcObject` whose tracks have all ended (a call hung up, a capture stopped): the ended view,
 * with no start button; the second preview replaces its text through the `ended-message` slot.
 * Here the canvas streams' tracks are stopped one second after the story opens.
 */
export const EndedSource: Story<PreviewArgs> = {
  render: () => {
    const stream = animatedCanvas('ended').captureStream(30);
    const call = animatedCanvas('call').captureStream(30);
    setTimeout(() => [...stream.getTracks(), ...call.getTracks()].forEach((t) => t.stop()), 1000);
    return frame(
      html`<media-preview .srcObject=${stream}></media-preview>
        <media-preview .srcObject=${call}><p slot="ended-message">The call has ended.</p></media-preview>`,
      'display: grid; gap: 1rem',
    );
  },
  play: async ({ canvasElement }) => {
    const [plain, slotted] = canvasElement.querySelectorAll('media-preview');
    for (const el of [plain!, slotted!]) {
      await waitFor(() => expect(el.shadowRoot?.querySelector('.panel.ended')).toBeTruthy(), { timeout: 8000 });
      expect(el.state).toBe('idle');
    }
    expect(slotted!.querySelector('[slot="ended-message"]')?.assignedSlot?.name).toBe('ended-message');
  },
};

/** A Web Audio stream: the audio-only view with a level meter. */
export const AudioOnly: Story<PreviewArgs> = {
  render: () => {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = 0.3;
    const dest = audio.createMediaStreamDestination();
    osc.connect(gain).connect(dest);
    osc.start();
    return frame(html`<media-preview .srcObject=${dest.stream}></media-preview>`);
  },
};

/** Theming with the kit-wide and element custom properties, and `::part`. */
export const Themed: Story<PreviewArgs> = {
  render: () =>
    html`<style>
        .themed media-preview {
          --media-capture-accent: #7c3aed;
          --media-capture-accent-color: #fff;
          --media-preview-background: #faf5ff;
          --media-preview-color: #2e1065;
          --media-preview-muted-color: #5b21b6;
          --media-preview-radius: 20px;
          --media-preview-aspect-ratio: 16 / 9;
        }
        .themed media-preview::part(start-button) {
          border-radius: 999px;
          padding-inline: 1.5rem;
        }
        .themed media-preview:state(live) {
          outline: 3px solid #7c3aed;
        }
      </style>
      <div class="themed">${frame(html`<media-preview stream="story-themed"></media-preview>`)}</div>`,
};

/** Dark colours by custom properties (independent of prefers-color-scheme). */
export const Dark: Story<PreviewArgs> = {
  render: () =>
    frame(
      html`<media-preview stream="story-dark"></media-preview>`,
      '--media-capture-background:#111827;--media-capture-color:#f9fafb;--media-capture-muted-color:#d1d5db;--media-capture-accent:#93c5fd;--media-capture-accent-color:#0b1530',
    ),
};

/** Right-to-left, with every string replaced (Arabic). */
export const RightToLeft: Story<PreviewArgs> = {
  render: () => {
    const strings: Partial<MediaPreviewStrings> = {
      videoLabel: 'معاينة الكاميرا',
      startExplanation: 'تعرض هذه المعاينة صورة الكاميرا. لا تعمل الكاميرا إلا عندما تشغّلها.',
      start: 'تشغيل الكاميرا',
      requesting: 'بانتظار الإذن باستخدام الكاميرا…',
      requestingAdvice: 'إذا سألك المتصفح، اختر «السماح».',
      retry: 'حاول مجددًا',
      muted: 'الكاميرا لا ترسل صورة الآن.',
      audioOnly: 'صوت فقط',
      announceLive: 'الكاميرا تعمل.',
      announceIdle: 'الكاميرا متوقفة.',
      announceRequesting: 'جارٍ طلب الكاميرا.',
      announceMuted: 'الكاميرا لا ترسل صورة.',
    };
    return html`<div dir="rtl" lang="ar">${frame(html`<media-preview stream="story-rtl" .strings=${strings}></media-preview>`)}</div>`;
  },
};

/** Replaced strings and slotted content (message and button). */
export const SlottedContent: Story<PreviewArgs> = {
  render: () =>
    frame(html`<media-preview stream="story-slots" .strings=${{ start: 'Start preview' }}>
      <p slot="idle-message">We use your camera only to show you how you look before the call.</p>
      <button slot="start-button" type="button" style="font: inherit; padding: .5rem 1rem">📷 Show me</button>
    </media-preview>`),
};
