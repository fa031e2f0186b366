/**
 * The template of `<media-recorder>`: the stage (the live preview, or the level display of
 * `audio-only`; the time, countdown and control bar; the review; or the view of a state that
 * is not live) and the live region.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CaptureState } from '../../src/events.js';
import type { RecordingState } from '../../src/recording/session.js';
import type { CountdownController } from '../internal/countdown.js';
import { icon } from '../internal/icons.js';
import type { StringTemplate } from '../internal/strings.js';
import { clock, type MediaRecorderStrings } from './media-recorder.strings.js';

/** What the template shows and the handlers it calls. */
export interface RecorderTemplateContext {
  state: CaptureState;
  /** Live with what the element records (a video track, or a microphone for `audio-only`). */
  live: boolean;
  audioOnly: boolean;
  /** The shared stream, for the level display of `audio-only`. */
  stream: MediaStream | null;
  noFrames: boolean;
  mirrored: boolean;
  disabled: boolean;
  recordingState: RecordingState;
  /** A recording is being set up (after the countdown, before the recorder gathers data). */
  starting: boolean;
  recordedTime: number;
  /** `max-duration` in ms (0: none). */
  maxDuration: number;
  countdownSeconds: number;
  strings: MediaRecorderStrings;
  announcement: string;
  numbers: Intl.NumberFormat;
  format: <V extends Record<string, string | number>>(template: StringTemplate<V>, values: V) => string;
  countdown: CountdownController;
  /** The recording under review and its URL, or null. */
  review: { file: File; url: string } | null;
  onRecord: () => void;
  onPause: () => void;
  onAccept: () => void;
  onRetake: () => void;
  stateView: () => TemplateResult;
}

export function renderRecorder(x: RecorderTemplateContext): TemplateResult {
  const reviewing = !!x.review;
  const active = x.recordingState !== 'inactive';
  const classes = ['base', x.state, reviewing ? 'reviewing' : '', x.mirrored ? 'mirrored' : '', x.audioOnly ? 'audio-only' : '', x.recordingState].filter(Boolean).join(' ');
  const showVideo = x.live && !x.audioOnly;
  return html`<div part="base" class=${classes}>
    <div part="stage" class="stage">
      ${x.audioOnly
        ? nothing
        : html`<video class="media source" aria-hidden="true" playsinline muted autoplay disablepictureinpicture ?hidden=${!showVideo}></video>
            <div class="preview-host" ?hidden=${!showVideo}></div>`}
      ${x.live && x.audioOnly && !reviewing
        ? html`<div class="level-host">
            ${icon('mic')}
            <audio-level-meter part="level" aria-label=${x.strings.levelLabel} .srcObject=${x.stream}></audio-level-meter>
          </div>`
        : nothing}
      ${showVideo && x.noFrames && !reviewing
        ? html`<div part="muted-overlay" class="overlay">${icon('pause')}<slot name="muted-message">${x.strings.muted}</slot></div>`
        : nothing}
      ${x.live ? x.countdown.render(x.numbers) : nothing}
      ${x.live && active ? renderTime(x) : nothing}
      ${x.live && !reviewing ? renderControls(x) : nothing}
      ${reviewing ? renderReview(x) : x.live ? nothing : x.stateView()}
    </div>
    <div part="status" class="visually-hidden" role="status">${x.announcement}</div>
  </div>`;
}

/** The elapsed time, and the time left with `max-duration`. */
function renderTime(x: RecorderTemplateContext): TemplateResult {
  const s = x.strings;
  const time = clock(x.recordedTime, x.numbers);
  const text = x.maxDuration > 0 ? x.format(s.elapsedLimited, { time, remaining: clock(Math.max(0, x.maxDuration - x.recordedTime) + 999, x.numbers) }) : x.format(s.elapsed, { time });
  const paused = x.recordingState === 'paused';
  return html`<div part="time" class="time ${paused ? 'paused' : 'recording'}">
    <span class="dot" aria-hidden="true"></span><span class="clock">${text}</span>${paused ? html`<span class="paused-label">${s.paused}</span>` : nothing}
  </div>`;
}

/** The bar: the page's `controls` slot, the record / stop button and pause / resume. */
function renderControls(x: RecorderTemplateContext): TemplateResult {
  const s = x.strings;
  const active = x.recordingState !== 'inactive';
  const counting = x.countdown.remaining > 0;
  const label = active ? s.stop : counting ? s.cancelCountdown : x.countdownSeconds > 0 ? x.format(s.recordCountdown, { seconds: x.countdownSeconds }) : s.record;
  return html`<div part="controls" class="bar">
    <slot name="controls"></slot>
    <button
      part="record-button"
      class="record ${active ? 'active' : ''} ${counting ? 'counting' : ''}"
      type="button"
      aria-label=${label}
      ?disabled=${x.disabled}
      aria-disabled=${x.starting ? 'true' : nothing}
      @click=${x.onRecord}
    ></button>
    ${active
      ? html`<button
          part="button pause-button"
          class="button secondary"
          type="button"
          ?disabled=${x.disabled}
          aria-disabled=${x.starting ? 'true' : nothing}
          @click=${x.onPause}
        >
          ${x.recordingState === 'paused' ? s.resume : s.pause}
        </button>`
      : nothing}
  </div>`;
}

/** The recording under review, with record again, download and use. */
function renderReview(x: RecorderTemplateContext): TemplateResult {
  const s = x.strings;
  const { file, url } = x.review!;
  const media = file.type.startsWith('audio/')
    ? html`<audio part="review-media" class="review-audio" controls src=${url} aria-label=${s.reviewLabel}></audio>`
    : html`<video part="review-media" class="review-video" controls playsinline src=${url} aria-label=${s.reviewLabel}></video>`;
  return html`<div part="review" class="review">
    ${media}
    <div part="review-controls" class="bar">
      <button part="button retake-button" class="button secondary" type="button" ?disabled=${x.disabled} @click=${x.onRetake}>${s.retake}</button>
      <a part="button download-button" class="button secondary" href=${url} download=${file.name}>${s.download}</a>
      <button part="button accept-button" class="button" type="button" ?disabled=${x.disabled} @click=${x.onAccept}>${s.accept}</button>
    </div>
  </div>`;
}
