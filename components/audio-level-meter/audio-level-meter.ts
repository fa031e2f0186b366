import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AudioLevelMonitor, type ChannelLevel, type LevelMeterMode } from '../../src/audio/level-monitor.js';
import type { Demand } from '../../src/controller.js';
import { environmentError } from '../../src/environment.js';
import type { CaptureState } from '../../src/events.js';
import { parseEnum, upgradeProperty } from '../internal/attributes.js';
import { MediaCaptureElement } from '../internal/capture-element.js';
import { parseNumberAttribute } from '../internal/number-attributes.js';
import { Strings } from '../internal/strings.js';
import { streamEnded, watchStream } from '../internal/stream-watch.js';
import { AudioClipEvent, AudioSilenceChangeEvent } from './audio-meter-events.js';
import { type AudioLevelMeterStrings, DEFAULT_LEVEL_METER_STRINGS } from './audio-level-meter.strings.js';
import { styles } from './audio-level-meter.styles.js';

export { AudioClipEvent, AudioSilenceChangeEvent } from './audio-meter-events.js';
export type { AudioLevelMeterStrings } from './audio-level-meter.strings.js';
export type { ChannelLevel } from '../../src/audio/level-monitor.js';

/** How the bars run. */
export type MeterOrientation = 'horizontal' | 'vertical';
const ORIENTATIONS: readonly MeterOrientation[] = ['horizontal', 'vertical'];

/** The first live audio track of a stream (an ended one is not measured). */
const liveAudioTrack = (s: MediaStream): MediaStreamTrack | null => s.getAudioTracks().find((t) => t.readyState === 'live') ?? null;

/** How often `aria-valuenow` follows the level, in ms (assistive technology is not told every frame). */
export const ARIA_UPDATE_MS = 500;

/**
 * A level meter for the sound of the shared microphone (or of any MediaStream set as
 * `srcObject`): one bar per channel, peak hold, clipping, and a clear state for digital silence,
 * a suspended AudioContext and a stream without sound.
 *
 * With `stream` (the shared stream's name), it asks the controller for the microphone only
 * (`{ audio: true }`): a camera preview on the same stream keeps its video when the meter leaves,
 * and the microphone goes off when the last element that needed it leaves. With `srcObject` it
 * measures that stream and never stops its tracks.
 *
 * Levels are measured from every sample on the audio thread (an AudioWorklet; an AnalyserNode
 * where the worklet cannot load) in one AudioContext shared by the page. The bars are drawn with
 * `requestAnimationFrame`, at the display's rate, only while the element is on screen (an
 * IntersectionObserver) and its page is visible; otherwise nothing is drawn or sent to the main
 * thread per audio window (the monitor is paused) and `aria-valuenow` stays, while the silence
 * and clipping events still come. Ballistics: instantaneous attack, 20 dB/s release, peak hold for
 * `peak-hold` ms (see `AudioLevelMonitor`).
 *
 * @summary Per-channel sound level meter for a microphone or any MediaStream.
 * @tag audio-level-meter
 *
 * @csspart base - The wrapper of everything.
 * @csspart panel - The box of a state message (idle, requesting, denied, unavailable, error, no source, unmeasurable, suspended, silent).
 * @csspart message - The main text of a state message.
 * @csspart advice - The secondary text of a state message.
 * @csspart button - Every built-in button.
 * @csspart start-button - The button that turns the microphone on (idle).
 * @csspart retry-button - The retry button (denied, unavailable, error).
 * @csspart resume-button - The button that resumes a suspended AudioContext.
 * @csspart channels - The group of bars.
 * @csspart channel - One channel: its label and its bar.
 * @csspart label - A channel's name (Left, Right, Level).
 * @csspart meter - A channel's bar (`role="meter"`).
 * @csspart fill - The level inside a bar.
 * @csspart hold - The held-peak mark of a bar.
 * @csspart status - The screen-reader live region (visually hidden).
 *
 * @cssprop [--audio-level-meter-fill=#16a34a] - Colour of the level.
 * @cssprop [--audio-level-meter-clip=#dc2626] - Colour of the level of a channel that reached full scale within `max(peak-hold, 1000)` ms.
 * @cssprop [--audio-level-meter-hold] - Colour of the held-peak mark (default: the text colour).
 * @cssprop [--audio-level-meter-track] - Background of a bar.
 * @cssprop [--audio-level-meter-thickness=0.75rem] - Thickness of a bar.
 * @cssprop [--audio-level-meter-length=8rem] - Length of a vertical bar.
 * @cssprop [--audio-level-meter-radius=4px] - Corner radius of a bar.
 * @cssprop [--audio-level-meter-font-size=0.875rem] - Font size.
 * @cssprop [--audio-level-meter-color] - Text colour (falls back to `--media-capture-color`).
 * @cssprop [--audio-level-meter-muted-color] - Label colour (falls back to `--media-capture-muted-color`).
 * @cssprop [--audio-level-meter-accent] - Button background (falls back to `--media-capture-accent`).
 * @cssprop [--audio-level-meter-danger] - Colour of failure messages (falls back to `--media-capture-danger`).
 *
 * @cssstate idle - The shared microphone is off.
 * @cssstate requesting - The microphone is being requested.
 * @cssstate live - Sound is measured.
 * @cssstate denied - Access was blocked.
 * @cssstate unavailable - No microphone, or the page cannot use one.
 * @cssstate error - The microphone failed.
 * @cssstate silent - Digital silence for 2 s.
 * @cssstate clipping - A channel reached full scale recently.
 * @cssstate suspended - The AudioContext is suspended (a click on the resume button starts it).
 * @cssstate no-source - The stream has no audio track.
 * @cssstate unmeasurable - The stream has sound but this browser cannot measure it (no Web Audio, or it refused the stream).
 *
 * @fires {AudioSilenceChangeEvent} audio-silence-change - The sound went silent (2 s of digital zero) or came back (`{ silent }`).
 * @fires {AudioClipEvent} audio-clip - A channel started clipping (`{ channel }`).
 * @fires {MediaStateChangeEvent} media-state-change - The shared controller's state changed (not while a `srcObject` is measured).
 * @fires {MediaStreamChangeEvent} media-stream-change - The shared stream got its first track, or lost its last (not while a `srcObject` is measured).
 * @fires {MediaErrorEvent} media-error - Capture of the shared stream failed, fatal or not (not while a `srcObject` is measured).
 */
export class AudioLevelMeter extends MediaCaptureElement {
  static override styles = styles;
  static override holdStream = true;
  static override forwardedEvents = ['media-state-change', 'media-stream-change', 'media-error'] as const;

  #srcObject: MediaStream | null = null;
  #strings = new Strings(DEFAULT_LEVEL_METER_STRINGS);
  #orientation: MeterOrientation = 'horizontal';
  #minDb = -60;
  #peakHold = 1500;
  #monitor: AudioLevelMonitor | null = null;
  #raf = 0;
  #visible = true;
  #observer: IntersectionObserver | null = null;
  #ariaAt = 0;
  #srcListen: (() => void) | null = null;
  /** The monitor could not measure its track (`measurement` is `none` with a track). */
  #unmeasurable = false;
  /** Whether the focus was on a control of this element before an update (it may go with its view). */
  #hadFocus = false;
  readonly #onVisibility = () => this.#visibilityChanged();

  /** `aria-valuenow` of each channel (updated every {@link ARIA_UPDATE_MS} ms). */
  @state() private ariaLevels: number[] = [];
  /** Bumped when the monitor's silence, clipping or suspended state changes. */
  @state() private flags = 0;

  constructor() {
    super();
    upgradeProperty(this, 'stream'); // set before the element was defined
  }

  /**
   * `horizontal` (default) or `vertical` bars.
   * @default 'horizontal'
   */
  @property({ reflect: true })
  get orientation(): MeterOrientation {
    return this.#orientation;
  }
  set orientation(value: MeterOrientation | string | null | undefined) {
    this.#orientation = parseEnum(this, 'orientation', value, ORIENTATIONS, 'horizontal');
  }

  /**
   * The level at the start of a bar, in dBFS (-200 to -1; default -60). A bad value warns once and gives -60.
   * @default -60
   */
  @property({ attribute: 'min-db' })
  get minDb(): number {
    return this.#minDb;
  }
  set minDb(value: number | string | null | undefined) {
    // Whole decibels: `aria-valuenow` (rounded) never falls below `aria-valuemin`.
    this.#minDb = Math.round(parseNumberAttribute(this, 'min-db', value, -200, -1, -60));
  }

  /**
   * How long the held peak stays, in ms (0 to 60000; default 1500). A bad value warns once and gives 1500.
   * @default 1500
   */
  @property({ attribute: 'peak-hold' })
  get peakHold(): number {
    return this.#peakHold;
  }
  set peakHold(value: number | string | null | undefined) {
    this.#peakHold = parseNumberAttribute(this, 'peak-hold', value, 0, 60000, 1500);
    if (this.#monitor) this.#monitor.peakHold = this.#peakHold;
  }

  /**
   * Measure this MediaStream instead of the shared one (a remote peer's, a `captureStream()`, a Web
   * Audio destination's). Its tracks are never stopped by the element. While one is set, the
   * element does not use the shared controller at all (no request, no forwarded
   * `media-state-change`, `media-stream-change` or `media-error`). `null` (default) measures the
   * shared stream.
   */
  @property({ attribute: false })
  get srcObject(): MediaStream | null {
    return this.#srcObject;
  }
  set srcObject(value: MediaStream | null | undefined) {
    const next = value ?? null;
    if (next === this.#srcObject) return;
    this.#unlistenSrc();
    this.#srcObject = next;
    if (next && this.isConnected) this.#listenSrc(next); // else on connect
    if (!next) this.#useShared(true);
    this.ownStreamChanged(!!next);
    if (next) this.#useShared(false);
  }

  /** Whether the element is bound to the shared controller (not while it measures a `srcObject`). */
  #shared = true;

  /**
   * Bind to the shared controller, or not: a meter that measures a `srcObject` (the one inside
   * `<media-preview>` or `<media-recorder>`, or a page's) neither watches the shared stream's
   * devices and permissions nor re-dispatches its events (its `media-state-change`,
   * `media-stream-change` and `media-error` would come out of a host that shows another stream,
   * as duplicates of the host's own).
   */
  #useShared(shared: boolean): void {
    if (shared === this.#shared) return;
    this.#shared = shared;
    if (shared) {
      this.addController(this.adapter); // connects it while the element is in the page
    } else {
      // connected as Lit does it: in the page, once connectedCallback made the render root
      if (this.isConnected && (this.renderRoot as unknown) !== undefined) this.adapter.hostDisconnected();
      this.removeController(this.adapter);
    }
  }

  /**
   * The MediaStream measured (`srcObject`, else the shared stream while live), or `null`. Writing a
   * string sets `streamName` (the `stream` attribute); writing a MediaStream sets `srcObject`.
   */
  get stream(): MediaStream | null {
    return this.shownStream(this.#srcObject);
  }
  set stream(value: string | MediaStream | null | undefined) {
    this.writeStream(value, (s) => (this.srcObject = s));
  }

  /** Replace any of the visible or announced strings (merged over the English defaults). */
  @property({ attribute: false })
  get strings(): AudioLevelMeterStrings {
    return this.#strings.value;
  }
  set strings(value: Partial<AudioLevelMeterStrings> | null | undefined) {
    this.#strings.value = value;
  }

  /** Per channel `{ rms, peak, hold }` in dBFS (`-Infinity` for digital silence); empty without sound. */
  get levels(): readonly ChannelLevel[] {
    return this.#monitor?.levels ?? [];
  }

  /** Channels measured (from the track's settings, else what the audio graph delivers); 0 without sound. */
  get channelCount(): number {
    return this.#monitor?.channelCount ?? 0;
  }

  /** Whether a channel reached full scale recently (within `max(peak-hold, 1000)` ms). */
  get clipping(): boolean {
    return this.#monitor?.clipping ?? false;
  }

  /** Whether the sound has been digital zero for 2 s. */
  get silent(): boolean {
    return this.#monitor?.silent ?? false;
  }

  /** Whether the page's AudioContext is suspended (an autoplay policy): call {@link resume} from a user gesture. */
  get suspended(): boolean {
    return this.#monitor?.suspended ?? false;
  }

  /**
   * How the levels are measured: `worklet` (every sample, off the main thread), `analyser` (an
   * `AnalyserNode` read 25 times a second, where the worklet file could not be loaded: a CSP
   * without it, or a bundle that did not copy `level-meter.worklet.js`), or `none` (nothing
   * measured yet, or no sound source).
   */
  get measurement(): LevelMeterMode {
    return this.#monitor?.mode ?? 'none';
  }

  /**
   * Whether the stream has sound that this browser cannot measure (no Web Audio, or the engine
   * refused a source node for the track): a message shows instead of bars that never move.
   */
  get unmeasurable(): boolean {
    return this.#unmeasurable && !!this.#monitor;
  }

  /** Whether the stream measured has no audio track (a clear "no sound source" state). */
  get noSource(): boolean {
    const s = this.stream;
    return !!s && !liveAudioTrack(s);
  }

  /** Resume the page's AudioContext (what the resume button does). Resolves to whether sound runs. */
  async resume(): Promise<boolean> {
    const ok = (await this.#monitor?.resume()) ?? false;
    this.flags++;
    return ok;
  }

  protected override demand(): Demand {
    return { audio: true };
  }

  protected override canAutostart(): boolean {
    return !this.#srcObject;
  }

  protected override computeState(): CaptureState {
    if (this.#srcObject) return streamEnded(this.#srcObject) ? 'idle' : 'live';
    const c = this.controller;
    if (c.state === 'idle') {
      if (environmentError(globalThis, 'microphone')) return 'unavailable';
      if (this.adapter.requesting) return 'requesting';
    }
    return this.adapter.requesting ? c.stateFor(this.adapter.demand) : c.stateFor({ audio: true });
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#srcObject && !this.#srcListen) this.#listenSrc(this.#srcObject);
    if (typeof IntersectionObserver === 'function' && !this.#observer) {
      this.#observer = new IntersectionObserver((entries) => {
        this.#onScreen = entries[entries.length - 1]?.isIntersecting ?? this.#onScreen;
        this.#visibilityChanged();
      });
      this.#observer.observe(this);
    }
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#visibilityChanged();
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override leftPage(): void {
    super.leftPage();
    this.#unlistenSrc();
    this.#observer?.disconnect();
    this.#observer = null;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#setMonitor(null, false);
  }

  /** Whether the IntersectionObserver last saw the element on screen (true until it says). */
  #onScreen = true;

  /**
   * On screen and the page visible: draw at the display's rate and follow the level for assistive
   * technology. Otherwise the monitor is paused (no message per audio window) and nothing is drawn.
   */
  #visibilityChanged(): void {
    const visible = this.#onScreen && document.visibilityState !== 'hidden';
    if (visible === this.#visible) return;
    this.#visible = visible;
    if (this.#monitor) this.#monitor.paused = !visible;
    if (visible) {
      this.#updateAria(true);
      this.#schedule();
    } else {
      cancelAnimationFrame(this.#raf);
      this.#raf = 0;
    }
  }

  /**
   * Follow a `srcObject` stream: a track added, removed or stopped, by the browser or by script
   * (which fires no event: a slow check looks for a measured track that is no longer the one).
   */
  #listenSrc(stream: MediaStream): void {
    this.#srcListen = watchStream(
      stream,
      null,
      () => this.requestUpdate(),
      () => liveAudioTrack(stream) !== (this.#monitor?.track ?? null) || this.computeState() !== this.state,
    );
  }

  #unlistenSrc(): void {
    this.#srcListen?.();
    this.#srcListen = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A control that has the focus may go with its view (the resume button once sound runs).
    this.#hadFocus = !!this.shadowRoot?.activeElement;
    super.willUpdate(changed); // computes `state`
    // Follow the track measured (a microphone switch replaces the shared stream's track in place).
    const stream = this.isConnected && this.state === 'live' ? this.stream : null;
    const track = stream ? liveAudioTrack(stream) : null;
    if (track !== (this.#monitor?.track ?? null)) this.#setMonitor(stream && track ? new MediaStream([track]) : null);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setCustomState('silent', this.silent);
    this.setCustomState('clipping', this.clipping);
    this.setCustomState('suspended', this.suspended);
    this.setCustomState('no-source', this.state === 'live' && this.noSource);
    this.setCustomState('unmeasurable', this.unmeasurable);
    this.#draw();
    if (this.#hadFocus && this.isConnected && !this.shadowRoot?.activeElement) this.#refocus();
    this.#hadFocus = false;
  }

  /**
   * The focused control went with its view (the resume button once sound runs, the start button
   * once the microphone is on): the focus goes to what replaced it, a button of the new view, else
   * the group of bars, else the view's message, so that a keyboard user is not sent back to the
   * top of the page.
   */
  #refocus(): void {
    const root = this.renderRoot;
    const target =
      root.querySelector<HTMLElement>('[part~="panel"] button') ??
      root.querySelector<HTMLElement>('[part~="channels"]') ??
      root.querySelector<HTMLElement>('[part~="panel"]');
    target?.focus();
  }

  /**
   * Measure `stream` (or nothing). `notify`: whether a `silent` that ends with the old monitor is
   * told (`audio-silence-change { silent: false }`); not when the element leaves the page.
   */
  #setMonitor(stream: MediaStream | null, notify = true): void {
    // The old monitor goes after the new one holds the shared AudioContext, so that a switch
    // does not close the context and make a new one (which may start suspended again).
    const old = this.#monitor;
    const dropOld = () => {
      if (!old) return;
      old.dispose();
      if (old.silent && notify) this.dispatchEvent(new AudioSilenceChangeEvent({ silent: false }));
    };
    this.#monitor = null;
    this.#unmeasurable = false;
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    if (!stream) {
      dropOld();
      if (this.ariaLevels.length) this.ariaLevels = [];
      return;
    }
    const m = new AudioLevelMonitor(stream, { peakHold: this.#peakHold });
    m.paused = !this.#visible;
    this.#monitor = m;
    dropOld();
    m.addEventListener('levels', () => {
      // Hidden: the monitor is paused, and what it still posts (silence, clipping) draws nothing.
      if (this.#monitor !== m || !this.#visible) return;
      // a frame only where a bar moves: a steady or silent sound costs no frame
      if (this.#moved()) this.#schedule();
      // a count known only from the audio graph (no `channelCount` in the settings) renders its bars at once
      this.#updateAria(m.channelCount !== this.ariaLevels.length);
    });
    m.addEventListener('silence-change', () => {
      if (this.#monitor !== m) return;
      this.dispatchEvent(new AudioSilenceChangeEvent({ silent: m.silent }));
      this.announce(m.silent ? this.#strings.value.announceSilent : this.#strings.value.announceSound);
      this.flags++;
    });
    m.addEventListener('clip', (e) => {
      if (this.#monitor !== m) return;
      const wasClipping = this.internals.states?.has?.('clipping') ?? false;
      this.dispatchEvent(new AudioClipEvent({ channel: (e as CustomEvent<{ channel: number }>).detail.channel }));
      if (!wasClipping) this.announce(this.#strings.value.announceClip);
      this.flags++;
    });
    m.addEventListener('state-change', () => {
      if (this.#monitor === m) this.flags++;
    });
    void m.ready.then((mode) => {
      if (this.#monitor !== m) return;
      this.#unmeasurable = mode === 'none' && !!m.track;
      this.flags++;
    });
    this.#updateAria(true);
  }

  /** `aria-valuenow` per channel, at most every {@link ARIA_UPDATE_MS} ms. */
  #updateAria(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.#ariaAt < ARIA_UPDATE_MS) return;
    this.#ariaAt = now;
    const next = this.levels.map((l) => this.#ariaValue(l.peak));
    if (force || next.length !== this.ariaLevels.length || next.some((v, i) => v !== this.ariaLevels[i])) this.ariaLevels = next;
    // the clipping state ends without an event
    if ((this.internals.states?.has?.('clipping') ?? false) !== this.clipping) this.flags++;
  }

  #ariaValue(db: number): number {
    return Math.round(Math.min(0, Math.max(this.#minDb, db)));
  }

  /** Draw on the next frame, while the element is visible. */
  #schedule(): void {
    if (this.#raf || !this.#visible || !this.#monitor) return;
    this.#raf = requestAnimationFrame(() => {
      this.#raf = 0;
      this.#draw();
    });
  }

  #fraction(db: number): number {
    if (!(db > this.#minDb)) return 0;
    return Math.min(1, (db - this.#minDb) / -this.#minDb);
  }

  /**
   * What each bar shows now: level and held peak (fractions of the bar, to 1/1000) and clipping
   * (the bar's colour, for `max(peak-hold, 1000)` ms after that channel reached full scale).
   */
  #target(i: number, levels: readonly ChannelLevel[], clipping: boolean): { level: number; held: number; clip: boolean } {
    const l = levels[i];
    const q = (f: number) => Math.round(f * 1000) / 1000;
    return {
      level: q(l ? this.#fraction(l.peak) : 0),
      held: l && l.hold > this.#minDb ? q(this.#fraction(l.hold)) : 0,
      clip: clipping && !!l && !!this.#monitor?.channelClipping(i),
    };
  }

  /** Whether a bar would change if drawn now (else no frame is asked for). */
  #moved(): boolean {
    const levels = this.levels;
    if (levels.length !== this.#bars.length) return true;
    const clipping = this.clipping;
    return this.#bars.some((bar, i) => {
      const t = this.#target(i, levels, clipping);
      return t.level !== bar.level || t.held !== bar.held || t.clip !== bar.clip;
    });
  }

  /** The bars as drawn last (cached per render): what changed is written, nothing else. */
  #bars: { fill: HTMLElement; hold: HTMLElement; meter: HTMLElement; level: number; held: number; clip: boolean }[] = [];
  /** The orientation the cached bars were drawn in. */
  #drawnVertical = false;

  /**
   * Write each bar's level and held peak where they moved (by 1/1000 of the bar or more), as the
   * inline `transform` of the fill and hold parts, layers of their own (`will-change`): a frame
   * costs no style of other elements, no layout and no repaint (Chromium updates such a transform
   * on the compositor directly).
   */
  #draw(): void {
    const meters = this.renderRoot.querySelectorAll<HTMLElement>('.meter');
    const vertical = this.#orientation === 'vertical';
    // new bars, or the orientation changed (each bar's transform is written again on the other axis)
    if (meters.length !== this.#bars.length || (meters.length && meters[0] !== this.#bars[0]!.meter) || vertical !== this.#drawnVertical) {
      this.#drawnVertical = vertical;
      this.#bars = [...meters].map((meter) => ({
        meter,
        fill: meter.querySelector<HTMLElement>('.fill')!,
        hold: meter.querySelector<HTMLElement>('.hold')!,
        level: -1,
        held: -1,
        clip: meter.classList.contains('clipping'),
      }));
    }
    const levels = this.levels;
    const clipping = this.clipping;
    this.#bars.forEach((bar, i) => {
      const { level, held, clip } = this.#target(i, levels, clipping);
      if (level !== bar.level) bar.fill.style.transform = `${vertical ? 'scaleY' : 'scaleX'}(${(bar.level = level)})`;
      if (held !== bar.held) {
        bar.held = held;
        // the hold part is the bar's size; its inline-end edge (a 2px line) goes to the held level
        const away = `${Math.round((1 - held) * 1e5) / 1e3}%`;
        // right-to-left, the stylesheet mirrors the hold part (`:dir(rtl)`): a change of direction needs no redraw
        bar.hold.style.transform = vertical ? `translateY(${away})` : `translateX(-${away})`;
        bar.hold.style.opacity = held > 0 ? '1' : '0';
      }
      if (clip !== bar.clip) bar.meter.classList.toggle('clipping', (bar.clip = clip));
    });
  }

  // ---------------------------------------------------------------- rendering

  #channelName(i: number, n: number): string {
    const s = this.#strings;
    if (n === 1) return s.value.mono;
    if (n === 2) return i === 0 ? s.value.left : s.value.right;
    return s.format('channel', { n: i + 1 }, this.numberFormat());
  }

  protected override render(): TemplateResult {
    const n = this.state === 'live' && !this.unmeasurable ? this.channelCount : 0;
    const s = this.#strings;
    const channels = Array.from({ length: n }, (_, i) => {
      const name = this.#channelName(i, n);
      const now = this.ariaLevels[i] ?? this.#minDb;
      const text = !Number.isFinite(this.levels[i]?.peak ?? -Infinity) ? s.value.silenceValue : s.format('value', { db: now }, this.numberFormat());
      return html`<div part="channel" class="channel">
        <span part="label" class="label" id="label-${i}">${name}</span>
        <div
          part="meter"
          class="meter"
          role="meter"
          aria-labelledby="label-${i}"
          aria-valuemin=${this.#minDb}
          aria-valuemax="0"
          aria-valuenow=${now}
          aria-valuetext=${text}
        >
          <div part="fill" class="fill"></div>
          <div part="hold" class="hold"></div>
        </div>
      </div>`;
    });
    return html`<div part="base" class="base ${this.#orientation}">
      ${this.#renderPanel()}
      ${n > 0
        ? html`<div part="channels" class="channels" role="group" tabindex="-1" aria-label=${s.value.groupLabel}>${channels}</div>`
        : nothing}
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  #renderPanel(): TemplateResult | typeof nothing {
    const s = this.#strings.value;
    const button = (name: string, label: string, onClick: () => void) =>
      html`<button part="button ${name}" class="button" type="button" @click=${onClick}>${label}</button>`;
    switch (this.state) {
      case 'idle':
        if (this.#srcObject) return html`<div part="panel" class="panel ended" tabindex="-1"><p part="message" class="message">${s.noSource}</p></div>`;
        return html`<div part="panel" class="panel idle">${button('start-button', s.start, () => void this.start().catch(() => {}))}</div>`;
      case 'requesting':
        return html`<div part="panel" class="panel requesting" tabindex="-1"><p part="message" class="message">${s.requesting}</p></div>`;
      case 'denied':
      case 'unavailable':
      case 'error':
        return html`<div part="panel" class="panel ${this.state}">
          <p part="message" class="message">${s[this.state]}</p>
          ${button('retry-button', s.retry, () => void this.retry())}
        </div>`;
      default:
        break;
    }
    if (this.noSource) return html`<div part="panel" class="panel no-source" tabindex="-1"><p part="message" class="message">${s.noSource}</p></div>`;
    if (this.unmeasurable)
      return html`<div part="panel" class="panel unmeasurable" tabindex="-1">
        <p part="message" class="message">${s.unmeasurable}</p>
        <p part="advice" class="advice">${s.unmeasurableAdvice}</p>
      </div>`;
    if (this.suspended)
      return html`<div part="panel" class="panel suspended">
        <p part="message" class="message">${s.suspended}</p>
        ${button('resume-button', s.resume, () => void this.resume())}
      </div>`;
    if (this.silent)
      return html`<div part="panel" class="panel silent" tabindex="-1">
        <p part="message" class="message">${s.silent}</p>
        <p part="advice" class="advice">${s.silentAdvice}</p>
      </div>`;
    return nothing;
  }
}
