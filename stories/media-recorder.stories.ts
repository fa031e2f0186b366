/**
 * Storybook stories for <media-recorder>: every state (idle, live, counting down, recording,
 * paused, review, audio-only, the error views, disabled), theming, right-to-left, replaced
 * strings, and the recipe beside the device picker. The states that need a recording running
 * get there in their play function, as a user would (the record button).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { MediaDevicePicker } from '../components/media-device-picker/define.js';
import { MediaRecorderElement } from '../components/media-recorder/define.js';
import type { MediaRecorderStrings } from '../components/media-recorder/media-recorder.js';
import { EFFECT_NAMES } from '../src/capture/index.js';
import { MediaStreamController } from '../src/controller.js';
import { MediaCaptureError, type MediaCaptureErrorCode } from '../src/errors.js';
import type { CaptureState } from '../src/events.js';

void [MediaRecorderElement, MediaDevicePicker];

interface RecorderArgs {
  stream: string;
  autostart: boolean;
  audioOnly: boolean;
  noAudio: boolean;
  effect: string;
  mirror: 'auto' | 'on' | 'off';
  mirrorRecording: boolean;
  maxDuration: number;
  maxSize: number;
  countdown: number;
  review: boolean;
  mimeType: string;
  timeslice: number;
  disabled: boolean;
}

/** A controller that shows one state (for the views no device produces on demand). */
class StateController extends MediaStreamController {
  readonly #state: CaptureState;
  readonly #error: MediaCaptureError | null;
  constructor(state: CaptureState, code?: MediaCaptureErrorCode) {
    super({ name: `story-recorder-${state}-${code ?? ''}`, rememberDevices: false });
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
    return Promise.resolve();
  }
  override retry(): Promise<void> {
    return Promise.resolve();
  }
}

const WAIT = { timeout: 10_000 };
const frame = (content: TemplateResult, attrs: { dir?: string; lang?: string } = {}) =>
  html`<div style="max-inline-size: 40rem" dir=${attrs.dir ?? 'ltr'} lang=${attrs.lang ?? 'en'}>${content}</div>`;

const recorder = (a: RecorderArgs, extra: Partial<RecorderArgs> = {}) => {
  const r = { ...a, ...extra };
  return html`<media-recorder
    stream=${r.stream}
    ?autostart=${r.autostart}
    ?audio-only=${r.audioOnly}
    ?no-audio=${r.noAudio}
    effect=${r.effect}
    mirror=${r.mirror}
    ?mirror-recording=${r.mirrorRecording}
    max-duration=${r.maxDuration}
    max-size=${r.maxSize}
    countdown=${r.countdown}
    ?review=${r.review}
    mime-type=${r.mimeType}
    timeslice=${r.timeslice}
    ?disabled=${r.disabled}
  ></media-recorder>`;
};

const meta: Meta<RecorderArgs> = {
  title: 'Elements/Media Recorder',
  component: 'media-recorder',
  tags: ['autodocs'],
  args: {
    stream: 'story-recorder',
    autostart: true,
    audioOnly: false,
    noAudio: false,
    effect: 'none',
    mirror: 'auto',
    mirrorRecording: false,
    maxDuration: 0,
    maxSize: 0,
    countdown: 0,
    review: false,
    mimeType: '',
    timeslice: 0,
    disabled: false,
  },
  argTypes: {
    effect: { control: 'select', options: EFFECT_NAMES },
    mirror: { control: 'inline-radio', options: ['auto', 'on', 'off'] },
    maxDuration: { control: { type: 'number', min: 0 } },
    maxSize: { control: { type: 'number', min: 0, step: 100_000 } },
    countdown: { control: { type: 'number', min: 0, max: 10 } },
    timeslice: { control: { type: 'number', min: 0, step: 250 } },
    mimeType: { control: 'text' },
  },
  render: (a) => frame(recorder(a)),
};
export default meta;
type Story = StoryObj<RecorderArgs>;

const el = (canvas: HTMLElement) => canvas.querySelector<MediaRecorderElement>('media-recorder')!;
const part = (r: MediaRecorderElement, name: string) =>
  waitFor(() => {
    const found = r.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
    expect(found, `part ${name}`).toBeTruthy();
    return found!;
  }, WAIT);
const live = (r: MediaRecorderElement) => waitFor(() => expect(r.state).toBe('live'), WAIT);

/** Idle: the start control explains why the camera and microphone are needed; nothing starts by itself. */
export const Idle: Story = { args: { stream: 'story-recorder-idle', autostart: false } };

/** Live: the preview (through the capture pipeline: what is recorded) with the record button. */
export const Live: Story = {
  args: { stream: 'story-recorder-live' },
  play: async ({ canvasElement }) => live(el(canvasElement)),
};

/** Counting down: `countdown="5"`, started with the record button; Escape or the button cancels it. */
export const CountingDown: Story = {
  args: { stream: 'story-recorder-countdown', countdown: 5 },
  play: async ({ canvasElement }) => {
    const r = el(canvasElement);
    await live(r);
    await waitFor(() => expect(r.shadowRoot!.querySelector('canvas')).toBeTruthy(), WAIT);
    await userEvent.click(await part(r, 'record-button'));
    await part(r, 'countdown');
  },
};

/** Recording: the elapsed time, with the time left under `max-duration` (60 s here). */
export const Recording: Story = {
  args: { stream: 'story-recorder-recording', maxDuration: 60 },
  play: async ({ canvasElement }) => {
    const r = el(canvasElement);
    await live(r);
    await waitFor(() => expect(r.shadowRoot!.querySelector('canvas')).toBeTruthy(), WAIT);
    await userEvent.click(await part(r, 'record-button'));
    await waitFor(() => expect(r.recordingState).toBe('recording'), WAIT);
  },
};

/** Paused: the time stops, and the paused time is left out of the file. */
export const Paused: Story = {
  args: { stream: 'story-recorder-paused' },
  play: async ({ canvasElement }) => {
    const r = el(canvasElement);
    await live(r);
    await waitFor(() => expect(r.shadowRoot!.querySelector('canvas')).toBeTruthy(), WAIT);
    await userEvent.click(await part(r, 'record-button'));
    await waitFor(() => expect(r.recordingState).toBe('recording'), WAIT);
    await userEvent.click(await part(r, 'pause-button'));
    await waitFor(() => expect(r.recordingState).toBe('paused'), WAIT);
  },
};

/** Review: the recording plays; record again, download, or use it (it becomes the form value). */
export const Review: Story = {
  args: { stream: 'story-recorder-review', review: true, effect: 'sepia' },
  play: async ({ canvasElement }) => {
    const r = el(canvasElement);
    await live(r);
    await waitFor(() => expect(r.shadowRoot!.querySelector('canvas')).toBeTruthy(), WAIT);
    await r.startRecording();
    await new Promise((done) => setTimeout(done, 1000));
    await r.stopRecording();
    await part(r, 'review-media');
  },
};

/** Audio only: a voice message; a level display instead of the picture, the microphone alone asked for. */
export const AudioOnly: Story = {
  args: { stream: 'story-recorder-audio', audioOnly: true, review: true },
  play: async ({ canvasElement }) => {
    const r = el(canvasElement);
    await live(r);
    await part(r, 'level');
  },
};

/** The effect is in the preview and baked into the recording. */
export const WithEffect: Story = { args: { stream: 'story-recorder-effect', effect: 'grayscale', review: true } };

const stateStory = (state: CaptureState, code?: MediaCaptureErrorCode): Story => ({
  render: () => frame(html`<media-recorder .controller=${new StateController(state, code)}></media-recorder>`),
});

/** Requesting access. */
export const Requesting = stateStory('requesting');
/** Access blocked: how to allow it again in this browser. */
export const Denied = stateStory('denied', 'permission-denied');
/** No camera. */
export const Unavailable = stateStory('unavailable', 'not-found');
/** The camera failed (busy in another application). */
export const ErrorBusy = stateStory('error', 'not-readable');

/** Disabled (itself or by a disabled fieldset): the record button is off; a recording running would end with its data. */
export const Disabled: Story = { args: { stream: 'story-recorder-disabled', disabled: true } };

/** Theming with the kit-wide and element custom properties, `::part` and `:state()`. */
export const Themed: Story = {
  render: (a) =>
    html`<style>
        .themed media-recorder {
          --media-capture-accent: #0f766e;
          --media-capture-accent-color: #fff;
          --media-recorder-background: #f0fdfa;
          --media-recorder-color: #134e4a;
          --media-recorder-radius: 20px;
          --media-recorder-aspect-ratio: 16 / 9;
          --media-recorder-record-color: #0f766e;
          --media-recorder-controls-background: rgb(19 78 74 / 0.75);
        }
        .themed media-recorder::part(time) {
          font-weight: 700;
        }
        .themed media-recorder:state(recording) {
          outline: 3px solid #0f766e;
        }
      </style>
      <div class="themed">${frame(recorder(a, { stream: 'story-recorder-themed', review: true }))}</div>`,
};

const arabic: Partial<MediaRecorderStrings> = {
  previewLabel: 'معاينة الكاميرا',
  startExplanation: 'سجّل فيديو بالكاميرا والميكروفون. لا يعملان إلا عندما تشغّلهما، وتبقى التسجيلات على هذا الجهاز.',
  start: 'تشغيل الكاميرا',
  requesting: 'بانتظار الإذن…',
  requestingAdvice: 'إذا سألك المتصفح، اختر «السماح».',
  retry: 'حاول مجددًا',
  record: 'بدء التسجيل',
  recordCountdown: 'بدء التسجيل بعد {seconds} ثوانٍ',
  cancelCountdown: 'إلغاء العد التنازلي',
  stop: 'إيقاف التسجيل',
  pause: 'إيقاف مؤقت',
  resume: 'استئناف',
  elapsedLimited: '{time} / يتبقى {remaining}',
  paused: 'متوقف مؤقتًا',
  countdownCancelled: 'أُلغي العد التنازلي.',
  announceRecording: 'جارٍ التسجيل.',
  announcePaused: 'أُوقف التسجيل مؤقتًا.',
  announceResumed: 'استؤنف التسجيل.',
  announceStopped: 'توقف التسجيل.',
  announceReview: 'توقف التسجيل. احتفظ به أو سجّل من جديد.',
  reviewLabel: 'التسجيل الأخير',
  retake: 'التسجيل من جديد',
  accept: 'استخدام التسجيل',
  download: 'تنزيل',
  recordingAccepted: 'حُفظ التسجيل.',
  recordingDiscarded: 'حُذف التسجيل.',
  valueMissing: 'سجّل مقطعًا.',
  announceLive: 'الكاميرا تعمل.',
  announceIdle: 'الكاميرا متوقفة.',
};

/** Right-to-left, every string replaced (Arabic, with Arabic-Indic digits in the time), a countdown and review. */
export const RightToLeft: Story = {
  render: () => frame(html`<media-recorder autostart review countdown="3" max-duration="30" stream="story-recorder-rtl" .strings=${arabic}></media-recorder>`, { dir: 'rtl', lang: 'ar-EG' }),
};

/** Replaced strings (the file is named `voice-note-….weba|m4a|ogg` by `fileName`) and slotted content. */
export const ReplacedStrings: Story = {
  render: () =>
    frame(html`<media-recorder
      stream="story-recorder-slots"
      audio-only
      review
      .strings=${{ record: 'Record a voice note', stop: 'Done', accept: 'Send', fileName: ({ time, ext }: { time: number; ext: string }) => `voice-note-${time}.${ext}` }}
    >
      <p slot="idle-message">Leave us a voice note of up to a minute. It stays on this device until you send it.</p>
      <button slot="start-button" type="button" style="font: inherit; padding: .5rem 1rem">🎙️ Use my microphone</button>
    </media-recorder>`),
};

/**
 * Recipe: beside the device picker. Both name the same `stream`, so switching the camera or the
 * microphone in the picker during a recording goes on in the same file (no error, one
 * `recording-stop`): the recorder records the capture pipeline's canvas and a Web Audio track,
 * which the switch does not change.
 */
export const BesideThePicker: Story = {
  name: 'Recipe: beside the device picker',
  render: () =>
    frame(html`<div style="display: grid; gap: 1rem">
      <media-device-picker stream="story-recorder-picker" kind="videoinput"></media-device-picker>
      <media-device-picker stream="story-recorder-picker" kind="audioinput"></media-device-picker>
      <media-recorder stream="story-recorder-picker" autostart review></media-recorder>
    </div>`),
  play: async ({ canvasElement }) => live(el(canvasElement)),
};
