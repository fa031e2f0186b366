/**
 * The template of `<photo-booth>`: the stage (the live preview with its frozen-picture bar,
 * countdown, shutter bar and flash; the review; or the view of a state that is not live), the
 * strip and the live region. The element passes what they show and the parts that draw
 * themselves.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';
import type { CountdownController } from '../internal/countdown.js';
import { icon } from '../internal/icons.js';
import type { ReviewController } from '../internal/review-view.js';
import type { ShutterController } from '../internal/shutter.js';
import type { StringTemplate } from '../internal/strings.js';
import type { ThumbnailStrip } from '../internal/thumbnail-strip.js';
import type { PhotoBoothStrings } from './photo-booth.strings.js';

/**
 * The stage follows the camera's shape: its `aspect-ratio` is the page's
 * `--photo-booth-aspect-ratio` when set, else the video's own (`--_camera-aspect`, set here from
 * the picture's size as it arrives and whenever it changes, for example a phone turned), else 4:3
 * until the first frame. Set on the base, so the strip's thumbnails take the same shape; kept
 * while the camera is off, so that the stage does not jump. Through CSSOM (`style.setProperty`),
 * which a strict `style-src` allows.
 */
function followVideoAspect(e: Event): void {
  const video = e.currentTarget as HTMLVideoElement;
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return;
  (video.closest('.base') as HTMLElement | null)?.style.setProperty('--_camera-aspect', `${w} / ${h}`);
}

/** The element's own errors are about the camera. */
export const CAMERA = { device: 'camera' } as const;

/** What the template shows, the parts it draws, and the handlers it calls. */
export interface BoothTemplateContext {
  state: CaptureState;
  /** Live with a video track: the preview shows. */
  live: boolean;
  /** The camera sends no frames (its track is muted, or the picture stalled). */
  noFrames: boolean;
  mirrored: boolean;
  disabled: boolean;
  /** Seconds the shutter counts down (`countdown`). */
  countdownSeconds: number;
  strings: PhotoBoothStrings;
  announcement: string;
  numbers: Intl.NumberFormat;
  /** A string template filled with the element's number format. */
  format: <V extends Record<string, string | number>>(template: StringTemplate<V>, values: V) => string;
  countdown: CountdownController;
  shutter: ShutterController;
  review: ReviewController;
  strip: ThumbnailStrip;
  onAccept: () => void;
  onRetake: () => void;
  /** The view of a state that is not live (start, requesting, denied, unavailable, error). */
  stateView: () => TemplateResult;
}

/** The whole shadow tree. */
export function renderBooth(x: BoothTemplateContext): TemplateResult {
  const s = x.strings;
  const live = x.live;
  const reviewing = !!x.review.file;
  const classes = ['base', x.state, reviewing ? 'reviewing' : '', x.mirrored ? 'mirrored' : ''].filter(Boolean).join(' ');
  return html`<div part="base" class=${classes}>
    <div part="stage" class="stage">
      <video
        class="media source"
        aria-hidden="true"
        playsinline
        muted
        autoplay
        disablepictureinpicture
        ?hidden=${!live}
        @loadedmetadata=${followVideoAspect}
        @resize=${followVideoAspect}
      ></video>
      <div class="preview-host" ?hidden=${!live}></div>
      ${live && x.noFrames && !reviewing
        ? html`<div part="muted-overlay" class="overlay">${icon('pause')}<slot name="muted-message">${s.muted}</slot></div>`
        : nothing}
      ${live ? x.countdown.render(x.numbers) : nothing}
      ${live && !reviewing ? renderControls(x) : nothing}
      ${reviewing
        ? x.review.render({ strings: s, disabled: x.disabled, onAccept: x.onAccept, onRetake: x.onRetake })
        : live
          ? nothing
          : renderView(x)}
    </div>
    ${x.strip.render(s.stripLabel, (n) => x.format(s.stripItem, { n }))}
    <div part="status" class="visually-hidden" role="status">${x.announcement}</div>
  </div>`;
}

/** The live bar: the page's `controls` slot and the shutter. */
function renderControls(x: BoothTemplateContext): TemplateResult {
  const s = x.strings;
  const label =
    x.countdown.remaining > 0
      ? s.cancelCountdown
      : x.countdownSeconds > 0
        ? x.format(s.shutterCountdown, { seconds: x.countdownSeconds })
        : s.shutter;
  return html`<div part="controls" class="bar">
    <slot name="controls"></slot>
    ${x.shutter.render(label)}
  </div>`;
}

/** The view of a state that is not live, or a panel for a live stream without a video track. */
function renderView(x: BoothTemplateContext): TemplateResult {
  if (x.state === 'live')
    // live state without a video track (an audio-only shared stream): nothing to photograph
    return html`<div part="panel" class="panel error">
      ${icon('cameraOff')}
      <p part="message" class="message">${new MediaCaptureError('not-live', CAMERA).message}</p>
    </div>`;
  return x.stateView();
}
