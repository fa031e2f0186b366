import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Demand } from '../../src/controller.js';
import type { CaptureState } from '../../src/events.js';
import { parseEnum, upgradeProperty } from '../internal/attributes.js';
import { AudioSinkFollower, type SinkableMediaElement } from '../internal/audio-sink.js';
import { VideoSource } from '../internal/video-source.js';
import { CameraViewElement } from '../internal/camera-view-element.js';
import { mergeStrings } from '../internal/capture-element.js';
import { icon } from '../internal/icons.js';
import { needAudioLevelMeter } from '../internal/lazy-meter.js';
import { isAudioOnly, isCameraTrack, streamEnded, videoTrackMuted, watchStream } from '../internal/stream-watch.js';
import { drawFreezeFrame, waitForFirstFrame, type VideoWithFrameCallback } from './freeze-frame.js';
import { DEFAULT_PREVIEW_STRINGS, type MediaPreviewStrings } from './media-preview.strings.js';
import { styles } from './media-preview.styles.js';
import { renderAudioOnlyPanel, renderEndedPanel } from './preview-panels.js';

export type { MirrorMode } from '../internal/camera-view-element.js';
/** How the picture fills the element. */
export type PreviewFit = 'cover' | 'contain';

const FITS: readonly PreviewFit[] = ['cover', 'contain'];

export type { MediaPreviewStrings } from './media-preview.strings.js';

/**
 * A live view of the shared camera stream (or of any MediaStream set as `srcObject`).
 *
 * Each capture state has its own view: a start control that explains why the camera is
 * needed (nothing starts by itself without `autostart`), a requesting view, the live video,
 * a denied view that says how to re-allow the camera in this browser, an unavailable view,
 * and an error view with retry. During a device switch the last frame stays on screen.
 *
 * Note the split between the `stream` attribute and the `stream` property: the attribute
 * (property `streamName`) names the shared controller; the `stream` property reads as the
 * MediaStream shown. Writing a string to it sets `streamName` (React 19 sets `stream="..."` as a
 * property), writing a MediaStream sets `srcObject`.
 *
 * @summary Live camera preview, with a view for every capture state.
 * @tag media-preview
 *
 * @slot idle-message - Replaces the explanation of the start view.
 * @slot start-button - The start control (a click on anything slotted here starts the camera).
 * @slot requesting-message - Replaces the text of the requesting view.
 * @slot denied-message - Replaces the message and advice of the denied view.
 * @slot unavailable-message - Replaces the message and advice of the unavailable view.
 * @slot error-message - Replaces the message and advice of the error view.
 * @slot retry-button - The retry control of the denied, unavailable and error views.
 * @slot muted-message - Replaces the text shown over a frozen (muted) camera.
 * @slot audio-only-message - Replaces the text of the audio-only view.
 * @slot ended-message - Replaces the text of the view of a `srcObject` whose tracks have all ended.
 *
 * @csspart base - The wrapper of everything.
 * @csspart stage - The box the video and the views fill.
 * @csspart video - The `<video>` element.
 * @csspart freeze-frame - The canvas holding the last frame during a device switch.
 * @csspart panel - The box of a non-live view (start, requesting, denied, unavailable, error, audio-only, ended).
 * @csspart message - The main text of a view.
 * @csspart advice - The secondary text of a view.
 * @csspart button - Every built-in button.
 * @csspart start-button - The built-in start button.
 * @csspart retry-button - The built-in retry button.
 * @csspart muted-overlay - The bar shown over a frozen (muted) camera.
 * @csspart meter - The `<audio-level-meter>` of the audio-only view (style its own parts and custom properties through it, e.g. `--audio-level-meter-fill`).
 * @csspart icon - Decorative icons.
 * @csspart status - The screen-reader live region (visually hidden).
 *
 * @cssprop [--media-preview-aspect-ratio=4 / 3] - Aspect ratio of the element (when no height is set).
 * @cssprop [--media-preview-min-height=12rem] - Minimum height (room for the messages).
 * @cssprop [--media-preview-width=auto] - Inline size.
 * @cssprop [--media-preview-position=center] - `object-position` of the picture.
 * @cssprop [--media-preview-video-background=#000] - Behind the live picture (letterbox bars).
 * @cssprop [--media-preview-stage-background] - Background of the views (default: the background).
 * @cssprop [--media-preview-overlay-background=rgb(0 0 0 / 0.78)] - The muted bar's background.
 * @cssprop [--media-preview-overlay-color=#fff] - The muted bar's text colour.
 * @cssprop [--media-preview-padding=1.25rem] - Padding of the views.
 * @cssprop [--media-preview-font-size=1rem] - Font size.
 * @cssprop [--media-preview-background] - Background (falls back to `--media-capture-background`; light `#f6f7f9`, dark `#1b1d22`).
 * @cssprop [--media-preview-color] - Text colour (falls back to `--media-capture-color`).
 * @cssprop [--media-preview-muted-color] - Secondary text colour (falls back to `--media-capture-muted-color`).
 * @cssprop [--media-preview-accent] - Button background and focus ring (falls back to `--media-capture-accent`).
 * @cssprop [--media-preview-accent-color] - Button text (falls back to `--media-capture-accent-color`).
 * @cssprop [--media-preview-danger] - Colour of failure messages (falls back to `--media-capture-danger`).
 * @cssprop [--media-preview-radius=8px] - Corner radius (falls back to `--media-capture-radius`).
 * @cssprop [--media-preview-gap=0.75rem] - Space between a view's items (falls back to `--media-capture-gap`).
 * @cssprop [--media-preview-font] - Font family (falls back to `--media-capture-font`).
 * @cssprop [--media-preview-focus-ring] - Focus ring box-shadow (falls back to `--media-capture-focus-ring`).
 *
 * @cssstate idle - The camera is off; the start view shows (or, with a `srcObject` whose tracks have all ended, the ended view).
 * @cssstate requesting - The camera is being requested.
 * @cssstate live - A stream is shown.
 * @cssstate denied - Access was blocked.
 * @cssstate unavailable - No camera, or the page cannot use one.
 * @cssstate error - The camera failed.
 * @cssstate mirrored - The picture is shown mirrored.
 * @cssstate muted - The camera sends no frames (frozen): its track is muted, or the picture stalled.
 * @cssstate stalled - The picture stopped changing although the track is live and not muted (see `stall-timeout`).
 * @cssstate switching - A device switch is in progress (the last frame is held).
 * @cssstate audio-only - The stream shown has no video.
 *
 * @fires {MediaStateChangeEvent} media-state-change - The shared controller's state changed.
 * @fires {MediaStreamChangeEvent} media-stream-change - The shared stream got its first track, or lost its last (`stream: null`). A device switch changes its tracks in place instead (the controller's `media-track-change`).
 * @fires {MediaOptionsConflictEvent} media-options-conflict - Another element on the stream changed an option this element set (`{ kind, constraint, value, by }`); the last change wins. Also warned in the console.
 * @fires {MediaErrorEvent} media-error - Capture failed (fatal or not).
 * @fires {MediaTrackMuteEvent} media-track-mute - The camera stopped or resumed sending frames.
 * @fires {MediaTrackStallEvent} media-track-stall - The picture stalled without the track being muted (`stalled: true`), or frames came back.
 */
export class MediaPreview extends CameraViewElement {
  static override styles = styles;
  static override holdStream = true;
  static override forwardedEvents = ['media-state-change', 'media-stream-change', 'media-error', 'media-track-mute'] as const;

  #fit: PreviewFit = 'contain';
  #srcObject: MediaStream | null = null;
  #strings: MediaPreviewStrings = DEFAULT_PREVIEW_STRINGS;

  @query('video') private video?: (VideoWithFrameCallback & SinkableMediaElement) | null;
  @query('canvas') private canvas?: HTMLCanvasElement | null;

  /** True while the freeze-frame canvas covers the video (device switch). */
  @state() private frozen = false;
  /** The video follows the controller's audio output. */
  readonly #sink = new AudioSinkFollower('<media-preview>', () => this.controller.devices);

  /**
   * `contain` (default: the whole picture, letterboxed) or `cover` (fills the element, cropping).
   * @default 'contain'
   */
  @property()
  get fit(): PreviewFit {
    return this.#fit;
  }
  set fit(value: PreviewFit | string | null | undefined) {
    this.#fit = parseEnum(this, 'fit', value, FITS, 'contain');
  }

  /** Also capture the microphone (the preview itself always plays muted). Sets the shared controller's options. */
  @property({ type: Boolean }) audio = false;

  /**
   * Show this MediaStream instead of the shared one: a remote stream from RTCPeerConnection,
   * `canvas.captureStream()`, a media element's `captureStream()`, a Web Audio
   * `MediaStreamAudioDestinationNode` stream (shown as an audio-only view)… `null` (default)
   * shows the shared stream. While set, this element does not keep the camera on.
   */
  @property({ attribute: false })
  get srcObject(): MediaStream | null {
    return this.#srcObject;
  }
  set srcObject(value: MediaStream | null | undefined) {
    const next = value ?? null;
    if (next === this.#srcObject) return;
    this.#unwatchSrc();
    this.#srcObject = next;
    if (next && this.isConnected) this.#watchSrc(next); // else on connect
    this.ownStreamChanged(!!next);
  }

  constructor() {
    super();
    upgradeProperty(this, 'stream'); // set before the element was defined
  }

  /** Replace any of the visible or announced strings (merged over the English defaults). */
  @property({ attribute: false })
  get strings(): MediaPreviewStrings {
    return this.#strings;
  }
  set strings(value: Partial<MediaPreviewStrings> | null | undefined) {
    this.#strings = mergeStrings(DEFAULT_PREVIEW_STRINGS, value);
  }

  /**
   * The MediaStream shown (`srcObject`, else the shared stream while live), or `null`.
   * Reading it gives the MediaStream. Writing a string sets the `stream` attribute's value
   * (`streamName`: frameworks such as React 19 set `stream="..."` as a property); writing a
   * MediaStream (or `null`) sets `srcObject`.
   */
  get stream(): MediaStream | null {
    return this.shownStream(this.#srcObject);
  }
  set stream(value: string | MediaStream | null | undefined) {
    this.writeStream(value, (s) => (this.srcObject = s));
  }

  /** The `<video>` element that shows the stream (for drawing frames, `requestVideoFrameCallback`, …). */
  get videoElement(): HTMLVideoElement | null {
    return this.video ?? null;
  }

  // ---------------------------------------------------------------- state

  protected override canAutostart(): boolean {
    return !this.#srcObject;
  }

  protected override computeState(): CaptureState {
    if (this.#srcObject) return this.#srcEnded ? 'idle' : 'live';
    return super.computeState();
  }

  /**
   * A `srcObject` with nothing left to show: it had tracks and every one ended. A stream with no
   * track yet (a remote stream that `ontrack` fills) is not ended.
   */
  get #srcEnded(): boolean {
    return streamEnded(this.#srcObject);
  }

  protected override announcementFor(s: CaptureState): string {
    return this.#srcObject && s === 'idle' ? this.#strings.streamEnded : super.announcementFor(s);
  }

  /** Live, the focus that a start or retry control had goes to the picture (or the audio view). */
  protected override viewFocusTarget(): HTMLElement | null {
    if (this.state === 'live') {
      const video = this.video;
      if (video && !video.hidden) return video;
      return this.renderRoot.querySelector<HTMLElement>('[part~="panel"]');
    }
    return super.viewFocusTarget();
  }

  protected override viewStrings(): MediaPreviewStrings {
    return this.#strings;
  }

  #isMirrored(): boolean {
    return this.mirroredFor(this.stream, this.#srcObject ? (t, s) => this.#isCamera(t, s) : undefined);
  }

  #isCamera(track: MediaStreamTrack, s: MediaTrackSettings): boolean {
    return isCameraTrack(track, s, this.controller.devices);
  }

  /** The camera sends no frames: its track is muted, or the picture stalled (see `stallTimeout`). */
  get #videoMuted(): boolean {
    if (this.stalled) return true;
    if (this.#srcObject) return videoTrackMuted(this.#srcObject);
    return this.controller.state === 'live' && this.controller.muted;
  }

  protected watchedVideo(): HTMLVideoElement | null | undefined {
    return this.video;
  }

  get #audioOnly(): boolean {
    return isAudioOnly(this.stream);
  }

  // ---------------------------------------------------------------- options

  protected override applyOptions(changed: PropertyValues): void {
    if (this.#srcObject) return;
    const video = this.videoOptionsChange(changed);
    if (Object.keys(video).length) void this.controller.setOptions({ video }, { consumer: this });
    // The microphone is this preview's need, not an option of the stream: another element's
    // microphone stays on when this preview does not want one.
    if (changed.has('audio') && changed.get('audio') !== undefined) this.adapter.demandChanged();
  }

  /** The camera, and the microphone with `audio`. */
  protected override demand(): Demand {
    return { video: true, audio: this.audio };
  }

  // ---------------------------------------------------------------- srcObject tracking

  #srcCleanup: (() => void) | null = null;
  /** Whether the last render showed the audio-only view (the slow check compares it with the stream). */
  #drawnAudioOnly = false;

  /** Update when the stream's tracks change; a slow check catches tracks stopped or added by script. */
  #watchSrc(stream: MediaStream): void {
    this.#srcCleanup = watchStream(
      stream,
      this.video,
      () => this.requestUpdate(),
      // or a video track added (or the last one removed) by script: the audio-only view comes or goes
      () => (this.state === 'live') === this.#srcEnded || (this.state === 'live' && isAudioOnly(stream) !== this.#drawnAudioOnly),
    );
  }

  #unwatchSrc(): void {
    this.#srcCleanup?.();
    this.#srcCleanup = null;
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#srcObject && !this.#srcCleanup) this.#watchSrc(this.#srcObject);
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override leftPage(): void {
    super.leftPage();
    this.#cancelFrameWait();
    this.#unwatchSrc();
    if (this.video) this.video.srcObject = null; // release the element's hold on the tracks
    this.#source.reset();
    this.frozen = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const m = this.#isMirrored();
    if (m !== this.mirrored) this.mirrored = m;
    // Keep the last frame while the controller replaces the stream.
    if (!this.frozen) {
      const shown = this.video?.srcObject ?? null;
      const next = this.stream;
      if ((!this.#srcObject && this.controller.switching) || (shown && next && shown !== next)) this.#freeze();
    }
    if (changed.has('state') && this.state !== 'live' && changed.get('state') !== undefined && this.frozen)
      this.frozen = false;
    this.announceFrozen(this.state === 'live' && this.#videoMuted);
  }

  /** What the `<video>` shows (set again when the controller's video track is replaced). */
  readonly #source = new VideoSource();

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const video = this.video;
    // An update after disconnect (a state set on the way out) must not play the stream again,
    // nor start the audio meter.
    if (!video || !this.isConnected) return;
    const target = this.stream;
    if (this.#source.show(video, target, { follow: !this.#srcObject })) {
      if (target) {
        if (this.frozen) this.#unfreezeOnFirstFrame(video);
      } else this.frozen = false;
    } else if (this.frozen && this.#frameWait === null && !this.controller.switching) {
      this.frozen = false; // a switch that failed: the same stream goes on
    } else if (target && video.paused && video.readyState >= 1) {
      video.play().catch(() => {});
    }
    this.#sink.apply(video, this.controller.sinkId);
    this.setCustomState('mirrored', this.mirrored);
    this.setCustomState('muted', this.#videoMuted);
    this.setCustomState('switching', !this.#srcObject && this.controller.switching);
    this.setCustomState('audio-only', this.#audioOnly);
  }

  // ---------------------------------------------------------------- sink

  /** The audio output the video plays to (`''`: the system default). Follows the controller's `sinkId`. */
  get sinkId(): string {
    return this.video?.sinkId ?? '';
  }

  // ---------------------------------------------------------------- freeze frame

  #frameWait: { cancel: () => void } | null = null;

  #freeze(): void {
    const drawn = drawFreezeFrame(this.video, this.canvas);
    if (drawn !== null) this.frozen = drawn;
  }

  #unfreezeOnFirstFrame(video: VideoWithFrameCallback): void {
    this.#cancelFrameWait();
    this.#frameWait = waitForFirstFrame(video, () => {
      this.#frameWait = null;
      this.frozen = false;
    });
  }

  #cancelFrameWait(): void {
    this.#frameWait?.cancel();
    this.#frameWait = null;
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const s = this.#strings;
    const live = this.state === 'live';
    const audioOnly = live && this.#audioOnly;
    this.#drawnAudioOnly = audioOnly;
    const showVideo = live && !audioOnly;
    const classes = ['base', this.state, `fit-${this.#fit}`, this.mirrored ? 'mirrored' : ''].filter(Boolean).join(' ');
    return html`<div part="base" class=${classes}>
      <div part="stage" class="stage">
        <video
          part="video"
          class="media"
          tabindex="-1"
          aria-label=${s.videoLabel}
          playsinline
          muted
          autoplay
          disablepictureinpicture
          ?hidden=${!showVideo}
        ></video>
        <canvas part="freeze-frame" class="media freeze" aria-hidden="true" ?hidden=${!(this.frozen && showVideo)}></canvas>
        ${showVideo && this.#videoMuted
          ? html`<div part="muted-overlay" class="overlay">
              ${icon('pause')}<slot name="muted-message">${s.muted}</slot>
            </div>`
          : nothing}
        ${this.#renderPanel(live, audioOnly)}
      </div>
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  /** The view over the stage: audio-only while live without video, else the ended or a state view. */
  #renderPanel(live: boolean, audioOnly: boolean): TemplateResult | typeof nothing {
    const s = this.#strings;
    if (audioOnly) {
      // The audio-only view's meter: loaded and defined on first need, so that importing this
      // class registers nothing and a camera preview does not download the meter.
      needAudioLevelMeter();
      return renderAudioOnlyPanel(s.audioOnly, this.stream?.getAudioTracks()[0]?.label, this.stream, s.meter);
    }
    if (live) return nothing;
    return this.#srcObject ? renderEndedPanel(s.streamEnded) : this.renderStateView();
  }
}
