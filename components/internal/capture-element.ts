import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Demand, MediaStreamController } from '../../src/controller.js';
import { errorDeviceOf, MediaCaptureError } from '../../src/errors.js';
import type { CaptureState, MediaStreamControllerEventMap } from '../../src/events.js';
import { setExclusiveState, setCustomState } from './custom-states.js';
import { MediaStreamAdapter } from './media-stream-adapter.js';
import { format, type StringTemplate } from './strings.js';

/** The kinds a demand names. */
function kindsOf(demand: Demand): ('video' | 'audio')[] {
  return (['video', 'audio'] as const).filter((k) => demand[k]);
}

/** The next change of a controller's state or tracks (or a quarter second, whichever comes first). */
function nextChange(c: MediaStreamController): Promise<void> {
  return new Promise((resolve) => {
    const names = ['media-state-change', 'media-track-change', 'media-error'] as const;
    const done = (): void => {
      clearTimeout(timer);
      for (const n of names) c.removeEventListener(n, done);
      resolve();
    };
    const timer = setTimeout(done, 250);
    for (const n of names) c.addEventListener(n, done);
  });
}

// Their home is strings.ts; re-exported here for the modules that import them from this one.
export { format, mergeStrings, type StringTemplate } from './strings.js';

/** Controller events an element can re-dispatch from itself. */
export type ForwardedEvent = Exclude<keyof MediaStreamControllerEventMap, 'media-controller-change' | 'media-options-conflict'>;

/** Every capture state, in a stable order (for custom states and stories). */
export const CAPTURE_STATES: readonly CaptureState[] = ['idle', 'requesting', 'live', 'denied', 'unavailable', 'error'];

/**
 * The base of every element of the kit: connects to a shared {@link MediaStreamController}
 * (`stream` attribute or `controller` property), reflects the capture `state` as an attribute
 * and as custom states (`:state(live)`), starts the camera on connect with `autostart`, and
 * keeps a polite live region text for screen readers.
 *
 * Subclasses implement {@link computeState} and render; they may override
 * {@link applyOptions} (called before any request) and {@link canAutostart}.
 */
export abstract class MediaCaptureElement extends LitElement {
  /** Controller events re-dispatched from the element (bubbling, composed). */
  static forwardedEvents: readonly ForwardedEvent[] = [];
  /** Whether the controller's stream is kept while it is live (elements that show it). */
  static holdStream = false;

  /** ElementInternals: custom states, and form association where a subclass asks for it. */
  protected readonly internals: ElementInternals;
  /** The connection to the shared controller. */
  protected readonly adapter: MediaStreamAdapter;
  /**
   * Whether this element keeps the shared stream on while it is live (starts as the class's
   * `holdStream`; a subclass turns it off while it shows something else).
   */
  protected holding: boolean;

  /** Text of the live region; changes are announced politely. */
  @state() protected announcement = '';

  constructor() {
    super();
    this.internals = this.attachInternals();
    const ctor = this.constructor as typeof MediaCaptureElement;
    this.holding = ctor.holdStream;
    this.adapter = new MediaStreamAdapter(this, {
      forward: ctor.forwardedEvents,
      hold: () => this.holding && this.isConnected,
      demand: () => this.demand(),
    });
  }

  /**
   * Which kinds this element needs when it asks the shared controller (default: the camera).
   * A subclass that needs the microphone too says so here, and calls
   * `this.adapter.demandChanged()` when that changes.
   */
  protected demand(): Demand {
    return { video: true };
  }

  /**
   * The name of the shared controller to use (attribute `stream`, default `default`):
   * every element with the same name shares one camera.
   * @default 'default'
   */
  @property({ attribute: 'stream' })
  get streamName(): string {
    return this.adapter.name;
  }
  set streamName(name: string | null | undefined) {
    this.adapter.name = name ?? 'default';
  }

  /**
   * The controller in use. Set a {@link MediaStreamController} instance to use it instead of
   * the shared one named by `stream`; set `null` to go back to the shared one.
   */
  @property({ attribute: false })
  get controller(): MediaStreamController {
    return this.adapter.controller;
  }
  set controller(c: MediaStreamController | null | undefined) {
    this.adapter.instance = c ?? null;
  }

  /**
   * The capture state shown: `idle`, `requesting`, `live`, `denied`, `unavailable` or `error`.
   * Reflected as the `state` attribute and as a custom state (`:state(live)`). Set by the
   * element; values written from outside are overwritten on the next update.
   */
  @property({ reflect: true }) state: CaptureState = 'idle';

  /** Start the camera as soon as the element is connected. */
  @property({ type: Boolean }) autostart = false;

  /** The state this element shows now. */
  protected abstract computeState(): CaptureState;

  /**
   * The stream the element shows or measures: `own` (a page's MediaStream set as `srcObject`),
   * else the shared controller's while it is live.
   */
  protected shownStream(own: MediaStream | null): MediaStream | null {
    if (own) return own;
    const c = this.controller;
    return c.state === 'live' ? c.stream : null;
  }

  /**
   * What writing the `stream` property does (frameworks such as React 19 set `stream="..."` as a
   * property): a string names the shared controller (`streamName`), a MediaStream or `null` sets
   * `srcObject` through `setOwn`.
   */
  protected writeStream(value: string | MediaStream | null | undefined, setOwn: (s: MediaStream | null) => void): void {
    if (typeof value === 'string' || value === undefined) this.streamName = value;
    else setOwn(value);
  }

  /**
   * A page's own MediaStream was set (`own`) or cleared: the element stops asking the shared
   * controller for a device, or holds and (with `autostart`) asks for it again.
   */
  protected ownStreamChanged(own: boolean): void {
    if (own) {
      this.holding = false;
      this.adapter.release();
    } else {
      this.holding = true;
      if (this.autostart && this.isConnected) void this.adapter.request();
    }
  }

  #leaveQueued = false;
  #reconnected = false;
  #whenConnected: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    for (const resolve of this.#whenConnected.splice(0)) resolve();
    // `autostart` starts the camera when the element comes back to the page, not only the first
    // time; a move (removed and put back before microtasks ran) is no return: a camera the user
    // stopped stays off.
    if (this.hasUpdated && this.autostart && !this.#leaveQueued) {
      this.#reconnected = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A framework that moves the element (React or Vue reparenting, a sorted list) removes it and
    // puts it back synchronously, before microtasks run: the picture, the pipeline and the
    // streams it handed out stay.
    if (this.#leaveQueued) return;
    this.#leaveQueued = true;
    queueMicrotask(() => {
      this.#leaveQueued = false;
      if (this.isConnected) return;
      this.#abortStarts();
      this.leftPage();
    });
  }

  /**
   * A move with `moveBefore()` keeps the element connected: nothing to stop, nothing to start.
   * @internal
   */
  connectedMoveCallback(): void {
    if (this.hasUpdated) this.requestUpdate(); // a new place may have another `lang` or `dir`
  }

  /**
   * Called once the element has left the page: a microtask after it was disconnected, unless it
   * was put back before that (a move). Subclasses free what they hold for the picture here
   * (the video's stream, a pipeline, workers, object URLs); the camera itself is given back by the
   * adapter, with the controller's release delay.
   */
  protected leftPage(): void {}

  /** Push the element's options (resolution, facing mode, ...) to the controller. */
  protected applyOptions(_changed: PropertyValues): void {}

  /** Whether `autostart` may ask for the camera now. */
  protected canAutostart(): boolean {
    return true;
  }

  /** The live-region text for a state change (empty: say nothing). */
  protected announcementFor(_state: CaptureState): string {
    return '';
  }

  /**
   * Ask for the camera (and the microphone where this element needs it), as the start control
   * does. Resolves once every kind the element needs is live. Rejects with the typed
   * {@link MediaCaptureError} when it cannot be (`permission-denied`, `not-found`,
   * `overconstrained`, ...: the same error the element shows), or with `aborted` when the
   * camera was stopped, or the element left the page, before it went live. Called while the
   * element is out of the page, the request is carried out once it is connected.
   */
  async start(): Promise<void> {
    const epoch = this.#startEpoch;
    const aborted = (): MediaCaptureError | null =>
      epoch !== this.#startEpoch ? new MediaCaptureError('aborted', { device: errorDeviceOf(kindsOf(this.demand())) }) : null;
    const away = !this.isConnected;
    await this.adapter.request();
    if (away) {
      // Out of the page the adapter only notes the request; it is made on connect (unless a
      // stop() came first, which also ends this wait for an element that is never connected).
      if (!this.isConnected && !aborted()) await this.#interruptible(new Promise<void>((resolve) => this.#whenConnected.push(resolve)));
      const stopped = aborted();
      if (stopped) throw stopped;
      await this.adapter.request();
    }
    for (;;) {
      const stopped = aborted();
      if (stopped) throw stopped;
      const c = this.controller;
      const demand = this.demand();
      const s = c.stateFor(demand);
      if (s === 'live') return;
      if (s === 'denied' || s === 'unavailable' || s === 'error') {
        throw c.error ?? new MediaCaptureError('unknown', { device: errorDeviceOf(kindsOf(demand)) });
      }
      // stop(), a page's own srcObject, or nobody asking any more: this start is over.
      if (s === 'idle' || !this.adapter.requesting) throw new MediaCaptureError('aborted', { device: errorDeviceOf(kindsOf(demand)) });
      await this.#interruptible(nextChange(c));
    }
  }

  /** Bumped by stop() and by leaving the page: the start() calls made before end with `aborted`. */
  #startEpoch = 0;
  /** Wakes the start() calls that wait (for a connect, or for the controller). */
  #wakers = new Set<() => void>();

  /** `p`, or sooner when the pending start() calls are aborted. */
  #interruptible(p: Promise<void>): Promise<void> {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    this.#wakers.add(wake);
    return Promise.race([p, woken]).finally(() => this.#wakers.delete(wake));
  }

  /** Ends the start() calls under way (they reject with `aborted`). */
  #abortStarts(): void {
    this.#startEpoch++;
    for (const wake of this.#wakers) wake();
  }

  /** Turn the shared camera off, for every element that uses the same controller. */
  stop(): void {
    this.#abortStarts();
    this.adapter.release();
    this.controller.stop();
  }

  /** Try again after a failure. Resolves when settled; never rejects. */
  retry(): Promise<void> {
    void this.adapter.request();
    return this.controller.retry();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.applyOptions(changed);
    if ((changed.has('autostart') || this.#reconnected) && this.autostart && this.isConnected && this.canAutostart()) void this.adapter.request();
    this.#reconnected = false;
    const next = this.computeState();
    if (next !== this.state) {
      const first = !this.hasUpdated;
      this.state = next;
      if (!first) {
        const text = this.announcementFor(next);
        if (text) this.announcement = text;
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    setExclusiveState(this.internals, CAPTURE_STATES, this.state);
  }

  /**
   * Sets the live region's text. The same text again is announced again: the region is
   * cleared first and filled after that update (a second photo, a second freeze).
   */
  protected announce(text: string): void {
    if (this.announcement !== text) {
      this.announcement = text;
      return;
    }
    this.announcement = '';
    void this.updateComplete.then(() => {
      if (!this.announcement) this.announcement = text;
    });
  }

  /**
   * The first enabled element slotted into this element's slot `name` (a page's own start,
   * retry or allow control), or null.
   */
  protected slottedControl(name: string): HTMLElement | null {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>(`slot[name="${name}"]`);
    const el = slot?.assignedElements({ flatten: true }).find((e) => e instanceof HTMLElement && !e.matches(':disabled'));
    return (el as HTMLElement | undefined) ?? null;
  }

  #numberFormat: Intl.NumberFormat | null = null;
  #numberFormatLang: string | undefined;

  /** Numbers in the digits of the element's language (the nearest `lang`). */
  protected numberFormat(): Intl.NumberFormat {
    const lang = this.closest<HTMLElement>('[lang]')?.lang || undefined;
    if (!this.#numberFormat || this.#numberFormatLang !== lang) {
      try {
        this.#numberFormat = new Intl.NumberFormat(lang);
      } catch {
        this.#numberFormat = new Intl.NumberFormat(); // a malformed lang
      }
      this.#numberFormatLang = lang;
    }
    return this.#numberFormat;
  }

  /** {@link format} with the numbers written in the digits of the element's language. */
  protected formatString<V extends Record<string, string | number>>(template: StringTemplate<V>, values: V): string {
    return format(template, values, this.numberFormat());
  }

  /** Turn an extra custom state on or off. */
  protected setCustomState(name: string, on: boolean): void {
    setCustomState(this.internals, name, on);
  }
}
