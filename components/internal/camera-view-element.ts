import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseResolution, type FacingMode } from '../../src/constraints.js';
import { environmentError } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import { MediaTrackStallEvent, type CaptureState } from '../../src/events.js';
import { DEFAULT_STALL_TIMEOUT, FrameWatchdog } from '../../src/frame-watchdog.js';
import { parseEnum, warnInvalidAttribute } from './attributes.js';
import { MediaCaptureElement } from './capture-element.js';
import { icon } from './icons.js';

/** How an element mirrors the camera picture on screen (display only). */
export type MirrorMode = 'auto' | 'on' | 'off';

const MIRROR_MODES: readonly MirrorMode[] = ['auto', 'on', 'off'];
const FACING_MODES: readonly FacingMode[] = ['user', 'environment'];

/** The strings every camera view shows or announces outside its live picture. */
export interface CameraViewStrings {
  /** Idle view: why the camera is needed. */
  startExplanation: string;
  /** Idle view: the start button. */
  start: string;
  /** Requesting view. */
  requesting: string;
  /** Requesting view: what the browser will ask. */
  requestingAdvice: string;
  /** The retry button of the denied, unavailable and error views. */
  retry: string;
  announceLive: string;
  announceIdle: string;
  announceRequesting: string;
  /** Announced when the live picture freezes (the camera sends no frames). */
  announceMuted: string;
  /** Announced when a frozen picture moves again. */
  announceResumed: string;
}

/**
 * The base of elements that show the camera picture (`<media-preview>`, `<photo-booth>`):
 * mirroring, the wanted resolution and facing mode (pushed to the shared controller), the state
 * shown, the live-region announcements and the error a view explains.
 */
export abstract class CameraViewElement extends MediaCaptureElement {
  #mirror: MirrorMode = 'auto';
  #resolution: string | null = null;
  #parsedResolution: { width: number; height: number } | null = null;
  #facingMode: FacingMode | null = null;
  #stallTimeout = DEFAULT_STALL_TIMEOUT;
  #watchdog: FrameWatchdog | null = null;

  /**
   * `auto` (default) mirrors a user-facing camera and not an environment-facing one; a camera
   * that reports no facing mode (a desktop webcam) counts as user-facing, and a stream that is
   * not from a camera (remote, canvas) is not mirrored. `on` and `off` force it.
   * Mirroring is display-only (a CSS transform): photos and processed streams are not mirrored.
   * @default 'auto'
   */
  @property()
  get mirror(): MirrorMode {
    return this.#mirror;
  }
  set mirror(value: MirrorMode | string | null | undefined) {
    this.#mirror = parseEnum(this, 'mirror', value, MIRROR_MODES, 'auto');
  }

  /** Whether the picture is shown mirrored now (reflected for styling; set by the element). */
  @property({ type: Boolean, reflect: true }) mirrored = false;

  /**
   * The wanted resolution, a preset (`vga`, `720p`, `1080p`, `4k`, …) or `WIDTHxHEIGHT`
   * (a wish: the camera gets as close as it can). Sets the shared controller's options.
   * @default null
   */
  @property()
  get resolution(): string | null {
    return this.#resolution;
  }
  set resolution(value: string | null | undefined) {
    // A framework may pass a number (`resolution={720}`): read it as the text it would be.
    const text = value === null || value === undefined ? '' : String(value).trim();
    const parsed = text ? parseResolution(text) : null;
    if (text && !parsed) warnInvalidAttribute(this, 'resolution', value, '(camera default)');
    this.#resolution = parsed ? text : null;
    this.#parsedResolution = parsed;
  }

  /**
   * The wanted camera: `user` (front) or `environment` (back). Sets the shared controller's options.
   * @default null
   */
  @property({ attribute: 'facing-mode' })
  get facingMode(): FacingMode | null {
    return this.#facingMode;
  }
  set facingMode(value: FacingMode | string | null | undefined) {
    if (value === null || value === undefined || value === '') {
      this.#facingMode = null;
      return;
    }
    const v = String(value).trim().toLowerCase();
    if ((FACING_MODES as readonly string[]).includes(v)) this.#facingMode = v as FacingMode;
    else {
      warnInvalidAttribute(this, 'facing-mode', value, '(any camera)', FACING_MODES);
      this.#facingMode = null;
    }
  }

  /**
   * Milliseconds without a new frame, while the camera track still says it is live and not
   * muted, before the picture is shown as frozen (the `muted-overlay`, the `stalled` state) and
   * `media-track-stall` fires: a frozen camera that the browser does not report. `0` turns the
   * check off. A bad value (negative, not a number) warns and gives the default.
   * @default 3000
   */
  @property({ attribute: 'stall-timeout' })
  get stallTimeout(): number {
    return this.#stallTimeout;
  }
  set stallTimeout(value: number | string | null | undefined) {
    // Number('  ') is 0, which would turn the check off: a blank value means the default.
    const n = value === null || value === undefined || String(value).trim() === '' ? DEFAULT_STALL_TIMEOUT : Number(value);
    if (Number.isFinite(n) && n >= 0) this.#stallTimeout = n;
    else {
      warnInvalidAttribute(this, 'stall-timeout', value, DEFAULT_STALL_TIMEOUT);
      this.#stallTimeout = DEFAULT_STALL_TIMEOUT;
    }
  }

  /**
   * True while the live picture has stopped changing although the track is live and not muted
   * (see `stallTimeout`). Set by the element.
   */
  @state() protected stalled = false;

  /** The element's `<video>` that plays the camera, watched for new frames while live. */
  protected abstract watchedVideo(): HTMLVideoElement | null | undefined;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#viewHadFocus && this.isConnected && !this.#hasFocus()) this.viewFocusTarget()?.focus();
    this.#viewHadFocus = false;
    const video = this.watchedVideo();
    // An update after disconnect (a state set on the way out) must not start the watchdog again.
    if (!video || !this.isConnected || this.state !== 'live' || this.#stallTimeout === 0) {
      this.#stopWatchdog();
      return;
    }
    if (this.#watchdog && this.#watchdog.video !== video) this.#stopWatchdog();
    this.#watchdog ??= new FrameWatchdog(video, { onChange: (stalled) => this.#setStalled(stalled) });
    this.#watchdog.timeout = this.#stallTimeout;
    this.#watchdog.start();
  }

  protected override leftPage(): void {
    super.leftPage();
    this.#stopWatchdog();
  }

  // ---------------------------------------------------------------- focus across views

  #viewHadFocus = false;

  protected override shouldUpdate(changed: PropertyValues): boolean {
    // A view that holds the focus (its start or retry control) may be replaced by this update.
    this.#viewHadFocus = this.#focusInView();
    return super.shouldUpdate(changed);
  }

  /** Whether the focus is in a view's panel, or on a control slotted into one. */
  #focusInView(): boolean {
    if (this.shadowRoot?.activeElement?.closest('[part~="panel"]')) return true;
    const active = this.ownerDocument.activeElement;
    return !!active && active !== this && this.contains(active) && !!active.closest('[slot="start-button"], [slot="retry-button"]');
  }

  /** Whether the focus is still on something of this element that is shown. */
  #hasFocus(): boolean {
    const inner = this.shadowRoot?.activeElement;
    if (inner) return inner.getClientRects().length > 0;
    const active = this.ownerDocument.activeElement;
    return !!active && active !== this && this.contains(active) && active.getClientRects().length > 0;
  }

  /**
   * Where the focus goes when the view that held it is replaced (a keyboard user pressed the
   * start or retry control): the new view's control (start, retry), else its panel, which is
   * focusable from script only. A subclass names its live view's control.
   */
  protected viewFocusTarget(): HTMLElement | null {
    const root = this.renderRoot as ShadowRoot;
    const enabled = (el: HTMLElement | null): HTMLElement | null => (el && !el.matches(':disabled') ? el : null);
    return (
      this.slottedControl('retry-button') ??
      enabled(root.querySelector('[part~="retry-button"]')) ??
      this.slottedControl('start-button') ??
      enabled(root.querySelector('[part~="start-button"]')) ??
      root.querySelector<HTMLElement>('[part~="panel"]')
    );
  }

  // ---------------------------------------------------------------- frozen picture

  #announcedFrozen = false;

  /**
   * Announces that the live picture froze (`announceMuted`) or moves again (`announceResumed`),
   * once per change; a subclass calls it from `willUpdate` with whether the picture is frozen.
   * Going off while frozen says nothing more (the state change is announced).
   */
  protected announceFrozen(frozen: boolean): void {
    if (frozen === this.#announcedFrozen) return;
    this.#announcedFrozen = frozen;
    if (!frozen && this.state !== 'live') return;
    const s = this.viewStrings();
    this.announce(frozen ? s.announceMuted : s.announceResumed);
  }

  /**
   * Whether the view controls (start, retry) are disabled: a form-associated subclass says so
   * while its form or fieldset is disabled.
   */
  protected controlsDisabled(): boolean {
    return false;
  }

  #stopWatchdog(): void {
    this.#watchdog?.stop();
    this.#watchdog = null;
    this.#setStalled(false);
  }

  #setStalled(stalled: boolean): void {
    if (stalled === this.stalled) return;
    this.stalled = stalled;
    this.setCustomState('stalled', stalled);
    const source = this.watchedVideo()?.srcObject as MediaStream | null | undefined;
    const track = source && typeof source.getVideoTracks === 'function' ? source.getVideoTracks()[0] : undefined;
    if (track) this.dispatchEvent(new MediaTrackStallEvent({ track, stalled }));
  }

  /** The element's `strings` (the view and announcement texts this base class uses). */
  protected abstract viewStrings(): CameraViewStrings;

  /**
   * The video options that changed (`resolution`, `facing-mode`), for the controller's
   * `setOptions({ video })`; empty when nothing changed. On a new controller, the element's
   * wishes are pushed again.
   */
  protected videoOptionsChange(changed: PropertyValues): Record<string, unknown> {
    const rebound = changed.has('streamName') || changed.has('controller');
    const video: Record<string, unknown> = {};
    const parsed = this.#parsedResolution;
    if ((changed.has('resolution') || (rebound && parsed)) && (parsed || changed.get('resolution') != null)) {
      video.width = parsed?.width;
      video.height = parsed?.height;
    }
    const facing = this.#facingMode;
    if ((changed.has('facingMode') || (rebound && facing)) && (facing || changed.get('facingMode') != null)) {
      video.facingMode = facing ?? undefined;
      if (facing) video.deviceId = undefined;
    }
    return video;
  }

  /**
   * Whether the picture of `stream` is shown mirrored. `isCamera` tells, for a stream that did
   * not come from the controller, whether its video track comes from a camera.
   */
  protected mirroredFor(
    stream: MediaStream | null,
    isCamera?: (track: MediaStreamTrack, settings: MediaTrackSettings) => boolean,
  ): boolean {
    if (this.#mirror !== 'auto') return this.#mirror === 'on';
    const track = stream?.getVideoTracks()[0];
    if (!track) return false;
    const s = (track.getSettings?.() ?? {}) as MediaTrackSettings & { displaySurface?: string };
    if (s.displaySurface) return false; // screen capture
    if (isCamera && !isCamera(track, s)) return false; // remote, canvas, element capture
    return s.facingMode !== 'environment';
  }

  protected override computeState(): CaptureState {
    const c = this.controller;
    if (c.state === 'idle') {
      if (environmentError()) return 'unavailable';
      if (this.adapter.requesting) return 'requesting';
    }
    // As this element sees it: a kind it needs that failed while the other went on is its error.
    return this.adapter.requesting ? c.stateFor(this.adapter.demand) : c.state;
  }

  protected override announcementFor(s: CaptureState): string {
    const str = this.viewStrings();
    switch (s) {
      case 'live':
        return str.announceLive;
      case 'idle':
        return str.announceIdle;
      case 'requesting':
        return str.announceRequesting;
      default:
        return this.currentError().message;
    }
  }

  /** The error the current view explains (the controller's, else one matching the state). */
  protected currentError(): MediaCaptureError {
    const device = this.controller.requestedDevice;
    const env = environmentError(globalThis, device);
    if (env) return env;
    const e = this.controller.error;
    if (e) return e;
    switch (this.state) {
      case 'denied':
        return new MediaCaptureError('permission-denied', { device });
      case 'unavailable':
        return new MediaCaptureError('not-found', { device });
      default:
        return new MediaCaptureError('unknown', { device });
    }
  }

  #onStart = (e: Event) => {
    if (this.controlsDisabled()) return;
    if ((e.target as HTMLElement | null)?.closest?.('button,[role=button]')?.hasAttribute('disabled')) return;
    // The element shows a failure itself (state, error view, media-error): nothing to report here.
    this.start().catch(() => {});
  };

  #onRetry = (e: Event) => {
    if (this.controlsDisabled()) return;
    if ((e.target as HTMLElement | null)?.closest?.('button,[role=button]')?.hasAttribute('disabled')) return;
    void this.retry();
  };

  /**
   * The view of every state but `live`: the start control (idle), the requesting view, and the
   * denied / unavailable / error views with the error's message, advice and a retry button.
   * Every text can be replaced by a slot (`<state>-message`, `start-button`, `retry-button`).
   */
  protected renderStateView(): TemplateResult {
    const s = this.viewStrings();
    const disabled = this.controlsDisabled();
    switch (this.state) {
      case 'idle':
        return html`<div part="panel" class="panel idle" tabindex="-1">
          ${icon('camera')}
          <p part="advice" class="advice" id="explanation"><slot name="idle-message">${s.startExplanation}</slot></p>
          <slot name="start-button" @click=${this.#onStart}
            ><button part="button start-button" class="button" type="button" aria-describedby="explanation" ?disabled=${disabled}>
              ${s.start}
            </button></slot
          >
        </div>`;
      case 'requesting':
        return html`<div part="panel" class="panel requesting" aria-busy="true" tabindex="-1">
          <span class="spinner" aria-hidden="true"></span>
          <slot name="requesting-message">
            <p part="message" class="message">${s.requesting}</p>
            <p part="advice" class="advice">${s.requestingAdvice}</p>
          </slot>
        </div>`;
      default: {
        const st = this.state as 'denied' | 'unavailable' | 'error';
        const err = this.currentError();
        const canRetry = st === 'denied' || st === 'error' || (err.retryable && !environmentError());
        return html`<div part="panel" class="panel ${st}" tabindex="-1">
          ${icon(st === 'denied' ? 'lock' : st === 'unavailable' ? 'cameraOff' : 'alert')}
          <slot name="${st}-message">
            <p part="message" class="message">${err.message}</p>
            <p part="advice" class="advice">${err.advice}</p>
          </slot>
          ${canRetry
            ? html`<slot name="retry-button" @click=${this.#onRetry}
                ><button part="button retry-button" class="button" type="button" ?disabled=${disabled}>${s.retry}</button></slot
              >`
            : nothing}
        </div>`;
      }
    }
  }
}
