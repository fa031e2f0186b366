/**
 * Storybook 10 (CSF3, @storybook/web-components-vite) stories for <photo-booth>.
 * The meta and story objects are typed locally so that this file type-checks before
 * Storybook is installed.
 */
import { html, type TemplateResult } from 'lit';
import { PhotoBooth } from '../components/photo-booth/define.js';
import type { EffectName, PhotoBoothStrings } from '../components/photo-booth/photo-booth.js';
import { EFFECT_NAMES, effectLabel, registerEffect } from '../src/capture/index.js';
import { MediaStreamController, getMediaStreamController } from '../src/controller.js';
import { MediaCaptureError, type MediaCaptureErrorCode } from '../src/errors.js';
import type { CaptureState } from '../src/events.js';

// The define module registers the tag; referring to the class keeps the import.
void [PhotoBooth];

interface BoothArgs {
  stream: string;
  autostart: boolean;
  effect: EffectName;
  brightness: number;
  contrast: number;
  saturation: number;
  renderer: 'auto' | 'webgl2' | '2d';
  format: 'image/jpeg' | 'image/png' | 'image/webp';
  quality: number;
  mirror: 'auto' | 'on' | 'off';
  mirrorPhoto: boolean;
  source: 'video' | 'photo';
  countdown: number;
  review: boolean;
  maxShots: number;
  resolution: string;
  stallTimeout: number;
  disabled: boolean;
}
interface Story<A> {
  name?: string;
  args?: Partial<A>;
  render?: (args: A) => TemplateResult;
  parameters?: Record<string, unknown>;
}

/** A controller that shows one state (for the views no device produces on demand). */
class StateController extends MediaStreamController {
  readonly #state: CaptureState;
  readonly #error: MediaCaptureError | null;
  constructor(state: CaptureState, code?: MediaCaptureErrorCode) {
    super({ name: `story-booth-${state}-${code ?? ''}`, rememberDevices: false });
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

const frame = (content: TemplateResult, style = '') => html`<div style="max-inline-size: 40rem; ${style}">${content}</div>`;

const booth = (a: BoothArgs, extra: Partial<BoothArgs> = {}) => {
  const b = { ...a, ...extra };
  return html`<photo-booth
    stream=${b.stream}
    ?autostart=${b.autostart}
    effect=${b.effect}
    brightness=${b.brightness}
    contrast=${b.contrast}
    saturation=${b.saturation}
    renderer=${b.renderer}
    format=${b.format}
    quality=${b.quality}
    mirror=${b.mirror}
    ?mirror-photo=${b.mirrorPhoto}
    source=${b.source}
    countdown=${b.countdown}
    ?review=${b.review}
    max-shots=${b.maxShots}
    resolution=${b.resolution || ''}
    stall-timeout=${b.stallTimeout}
    ?disabled=${b.disabled}
  ></photo-booth>`;
};

const meta = {
  title: 'Elements/Photo Booth',
  component: 'photo-booth',
  tags: ['autodocs'],
  args: {
    stream: 'story-booth',
    autostart: true,
    effect: 'none',
    brightness: 1,
    contrast: 1,
    saturation: 1,
    renderer: 'auto',
    format: 'image/jpeg',
    quality: 0.92,
    mirror: 'auto',
    mirrorPhoto: false,
    source: 'video',
    countdown: 0,
    review: false,
    maxShots: 4,
    resolution: '',
    stallTimeout: 3000,
    disabled: false,
  } satisfies BoothArgs,
  argTypes: {
    // The effect table's live list: built-ins, then any effect the page registered (registerEffect).
    effect: { control: 'select', options: EFFECT_NAMES },
    brightness: { control: { type: 'range', min: 0, max: 2, step: 0.05 } },
    contrast: { control: { type: 'range', min: 0, max: 2, step: 0.05 } },
    saturation: { control: { type: 'range', min: 0, max: 2, step: 0.05 } },
    renderer: { control: 'inline-radio', options: ['auto', 'webgl2', '2d'] },
    format: { control: 'inline-radio', options: ['image/jpeg', 'image/png', 'image/webp'] },
    quality: { control: { type: 'range', min: 0, max: 1, step: 0.01 } },
    mirror: { control: 'inline-radio', options: ['auto', 'on', 'off'] },
    source: { control: 'inline-radio', options: ['video', 'photo'] },
    countdown: { control: { type: 'number', min: 0, max: 10 } },
    maxShots: { control: { type: 'number', min: 0, max: 12 } },
    resolution: { control: 'text' },
    stallTimeout: { control: { type: 'number', min: 0, step: 500 } },
  },
  render: (a: BoothArgs) => frame(booth(a)),
};
export default meta;

/**
 * A camera slowed down by a real `frameRate: { max: 0.5 }` constraint: Chromium then delivers
 * about one frame a second. Each gap is longer than `stall-timeout` (500 ms here), so the booth
 * shows the picture as frozen, and fires `media-track-stall`, until the next frame. While frozen,
 * the shutter is `aria-disabled` and takes no photo (pressing it says why), and `capture()`
 * rejects with `frozen`. Browsers that do not slow the camera down show the normal live preview.
 */
export const SlowCamera: Story<BoothArgs> = {
  args: { stream: 'story-booth-slow', stallTimeout: 500 },
  render: (a: BoothArgs) => {
    const slowDown = (e: Event): void => {
      if ((e as CustomEvent<{ state: CaptureState }>).detail.state !== 'live') return;
      const track = getMediaStreamController(a.stream).videoTrack;
      track?.applyConstraints({ ...track.getConstraints(), frameRate: { max: 0.5 } }).catch(() => undefined);
    };
    return frame(html`<div @media-state-change=${slowDown}>${booth(a)}</div>`);
  },
};

/** Idle: the start control explains why the camera is needed; nothing starts by itself. */
export const Idle: Story<BoothArgs> = { args: { stream: 'story-booth-idle', autostart: false } };

/** Live: the effect preview (through the GPU pipeline) with the shutter. */
export const Live: Story<BoothArgs> = { args: { stream: 'story-booth-live' } };

const stateStory = (state: CaptureState, code?: MediaCaptureErrorCode): Story<BoothArgs> => ({
  render: () => frame(html`<photo-booth .controller=${new StateController(state, code)}></photo-booth>`),
});

/** Requesting: waiting for the browser's permission prompt. */
export const Requesting = stateStory('requesting');
/** Denied: what happened and how to re-allow the camera in this browser. */
export const Denied = stateStory('denied', 'permission-denied');
/** Unavailable: no camera. */
export const Unavailable = stateStory('unavailable', 'not-found');
/** Error with retry: the camera is busy. */
export const ErrorBusy = stateStory('error', 'not-readable');

/**
 * Each effect of the table side by side on one shared camera (one getUserMedia call): the
 * built-ins, then any effect the page registered with `registerEffect()`.
 */
export const Effects: Story<BoothArgs> = {
  render: (a) =>
    html`<div style="display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem">
      ${EFFECT_NAMES.map(
        (effect) => html`<figure style="margin: 0">
          ${booth(a, { stream: 'story-booth-effects', effect, maxShots: 1 })}
          <figcaption>${effectLabel(effect)}</figcaption>
        </figure>`,
      )}
    </div>`,
};

/**
 * A page's own colour-matrix effect: `registerEffect('story-cool', { matrix, label })` once, then
 * `effect="story-cool"` like a built-in, live and in photos (and in the effect lists above).
 */
export const RegisteredEffect: Story<BoothArgs> = {
  render: (a) => {
    // A cool tint: red down, blue up, a touch of lift. Registering it again with the same matrix does nothing.
    registerEffect('story-cool', { matrix: [0.85, 0, 0, 0, 0, 1, 0, 0.02, 0, 0, 1.15, 0.04], label: 'Cool (registered)' });
    return frame(booth(a, { stream: 'story-booth-registered', effect: 'story-cool' }));
  },
};

/** Adjustments after the effect: warm, punchy vintage. */
export const Adjusted: Story<BoothArgs> = {
  args: { stream: 'story-booth-adjusted', effect: 'vintage', brightness: 1.1, contrast: 1.25, saturation: 1.3 },
};

/** A 3-second countdown, announced each second; Escape (or the shutter) cancels it. */
export const Countdown: Story<BoothArgs> = { args: { stream: 'story-booth-countdown', countdown: 3 } };

/** Review before keeping: retake, use photo, or download (PNG). */
export const Review: Story<BoothArgs> = { args: { stream: 'story-booth-review', review: true, format: 'image/png' } };

/** In a form: the accepted photo is submitted as a File (the kit never sends it anywhere itself). */
export const InAForm: Story<BoothArgs> = {
  args: { review: true },
  render: (a) => {
    const onSubmit = (e: SubmitEvent) => {
      e.preventDefault();
      const file = new FormData(e.target as HTMLFormElement).get('avatar');
      const out = (e.target as HTMLFormElement).querySelector('output')!;
      out.value = file instanceof File ? `${file.name}: ${file.type}, ${file.size} bytes` : 'no photo';
    };
    return frame(html`<form @submit=${onSubmit} style="display: grid; gap: 0.75rem">
      <photo-booth name="avatar" required ?review=${a.review} autostart stream="story-booth-form"></photo-booth>
      <div><button>Submit</button> <button type="reset">Reset</button></div>
      <output aria-live="polite"></output>
    </form>`);
  },
};

/**
 * Disabled (the `disabled` attribute, or a disabled fieldset): the camera may run, but the
 * shutter and the other controls are off; `:state(disabled)` styles it.
 */
export const Disabled: Story<BoothArgs> = {
  args: { disabled: true },
  render: (a) => frame(booth(a, { stream: 'story-booth-disabled' })),
};

/** Theming with the kit-wide and element custom properties, and `::part`. */
export const Themed: Story<BoothArgs> = {
  render: (a) =>
    html`<style>
        .themed photo-booth {
          --media-capture-accent: #7c3aed;
          --media-capture-accent-color: #fff;
          --photo-booth-background: #faf5ff;
          --photo-booth-color: #2e1065;
          --photo-booth-radius: 20px;
          --photo-booth-aspect-ratio: 16 / 9;
          --photo-booth-shutter-color: #7c3aed;
          --photo-booth-controls-background: rgb(46 16 101 / 0.7);
          --photo-booth-thumbnail-size: 3rem;
        }
        .themed photo-booth::part(shutter) {
          border-width: 6px;
        }
        .themed photo-booth:state(review) {
          outline: 3px solid #7c3aed;
        }
      </style>
      <div class="themed">${frame(booth(a, { stream: 'story-booth-themed', review: true }))}</div>`,
};

const arabic: Partial<PhotoBoothStrings> = {
  previewLabel: 'معاينة الكاميرا',
  startExplanation: 'التقط صورة بالكاميرا. لا تعمل الكاميرا إلا عندما تشغّلها، وتبقى الصور على هذا الجهاز.',
  start: 'تشغيل الكاميرا',
  requesting: 'بانتظار الإذن باستخدام الكاميرا…',
  requestingAdvice: 'إذا سألك المتصفح، اختر «السماح».',
  retry: 'حاول مجددًا',
  muted: 'الكاميرا لا ترسل صورة الآن.',
  shutter: 'التقاط صورة',
  shutterCountdown: 'التقاط صورة بعد {seconds} ثوانٍ',
  cancelCountdown: 'إلغاء العد التنازلي',
  countdownCancelled: 'أُلغي العد التنازلي.',
  photoTaken: 'التُقطت الصورة.',
  photoReview: 'التُقطت الصورة. احتفظ بها أو أعد التقاطها.',
  captureFailed: 'تعذّر التقاط الصورة.',
  reviewLabel: 'الصورة الملتقطة',
  retake: 'إعادة الالتقاط',
  accept: 'استخدام الصورة',
  download: 'تنزيل',
  photoAccepted: 'حُفظت الصورة.',
  photoDiscarded: 'حُذفت الصورة.',
  stripLabel: 'الصور الأخيرة',
  stripItem: 'الصورة {n}',
  valueMissing: 'التقط صورة.',
  announceLive: 'الكاميرا تعمل.',
  announceIdle: 'الكاميرا متوقفة.',
  announceRequesting: 'جارٍ طلب الكاميرا.',
  announceMuted: 'الكاميرا لا ترسل صورة.',
};

/** Right-to-left, with every string replaced (Arabic), a countdown and review. */
export const RightToLeft: Story<BoothArgs> = {
  render: () =>
    html`<div dir="rtl" lang="ar">
      ${frame(html`<photo-booth autostart review countdown="3" stream="story-booth-rtl" .strings=${arabic}></photo-booth>`)}
    </div>`,
};

/** Replaced strings (the download is named `badge-photo.jpg` by `fileName`) and slotted content (message, start button, extra controls). */
export const ReplacedStrings: Story<BoothArgs> = {
  render: () =>
    frame(html`<photo-booth
      stream="story-booth-slots"
      .strings=${{ shutter: 'Say cheese!', retake: 'Again', accept: 'Keep it', fileName: ({ ext }: { time: number; ext: string }) => `badge-photo.${ext}` }}
      review
    >
      <p slot="idle-message">We use your camera only for your badge photo. It stays on this device until you submit the form.</p>
      <button slot="start-button" type="button" style="font: inherit; padding: .5rem 1rem">📷 Open the booth</button>
    </photo-booth>`),
};
