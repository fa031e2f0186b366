import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Demand, type MediaStreamController, getMediaStreamController } from '../../src/controller.js';
import { MediaControllerChangeEvent, MediaOptionsConflictEvent, type MediaStreamControllerEventMap } from '../../src/events.js';

type ForwardedEvent = Exclude<keyof MediaStreamControllerEventMap, 'media-controller-change' | 'media-options-conflict'>;

/** Options for {@link MediaStreamAdapter}. */
export interface MediaStreamAdapterOptions {
  /** Controller events re-dispatched from the host element (same class, bubbling, composed). */
  forward?: readonly ForwardedEvent[];
  /**
   * Keep the camera on while the host shows it: when the shared stream goes live (started
   * by another element), the host holds a reference too, so it does not go dark when that
   * element leaves.
   */
  hold?: boolean | (() => boolean);
  /** Called after every controller change, before the host re-renders. */
  onChange?: () => void;
  /**
   * Which kinds the host needs when it asks (default: the camera). Call `demandChanged()` when
   * it changes; a host that is asking then asks again with the new demand.
   */
  demand?: () => Demand;
}

/**
 * A Lit ReactiveController that connects an element to a shared {@link MediaStreamController}:
 * it attaches on connect, re-renders the host on every change, re-dispatches events from the
 * host, and detaches (releasing the camera) on disconnect.
 */
export class MediaStreamAdapter implements ReactiveController {
  readonly host: ReactiveControllerHost & HTMLElement;
  #name = 'default';
  #explicit: MediaStreamController | null = null;
  #current: MediaStreamController | null = null;
  #wants = false;
  /** What the host last asked for (its demand, or what it holds of it). */
  #asked: Demand | null = null;
  /** `#asked` is what the host holds of a stream another consumer started, not its own request. */
  #holding = false;
  #connected = false;
  /** Disconnected before microtasks ran: a connect now is a move. */
  #moving = false;
  /** `request()` was called while the host was out of the page. */
  #askedAway = false;
  /** The controller the host was bound to when disconnected, and its state then. */
  #left: MediaStreamController | null = null;
  #leftState: string | null = null;
  readonly #options: MediaStreamAdapterOptions;

  readonly #onChange = () => {
    const c = this.#current;
    // A live stream, not just a live state: during a stop the stream is gone before the state follows.
    const hold = typeof this.#options.hold === 'function' ? this.#options.hold() : this.#options.hold;
    if (c && hold && !this.#wants && c.state === 'live' && c.stream?.active && !c.isRequesting(this.host)) {
      // Hold what is live of what the host needs, and no more: a preview beside a meter that
      // turned the microphone on does not turn the camera on by itself.
      const d = this.demand;
      const held = { video: !!d.video && !!c.videoTrack, audio: !!d.audio && !!c.audioTrack };
      if (held.video || held.audio) {
        this.#wants = true;
        this.#asked = held;
        this.#holding = true;
        void c.request(this.host, held);
      }
    }
    if (c && this.#wants && !c.isRequesting(this.host) && c.state === 'idle') {
      this.#wants = false; // stopped for everyone
      this.#asked = null;
      this.#holding = false;
    }
    // deleteMediaStreamController() disposes the controller (it reports `idle` here) and takes it
    // out of the registry: once that is done, move to the controller the name stands for now.
    if (c && !this.#explicit && c.state === 'idle') queueMicrotask(() => this.#rebind());
    this.#options.onChange?.();
    this.host.requestUpdate();
  };
  readonly #forward = (e: Event) => {
    const Ctor = e.constructor as new (detail: unknown) => Event;
    this.host.dispatchEvent(new Ctor((e as Event & { detail: unknown }).detail));
  };
  /** Another consumer overruled one of the host's options: the host says so (once per change). */
  readonly #onConflict = (e: MediaOptionsConflictEvent) => {
    if (e.detail.consumer !== this.host) return;
    const { kind, constraint, value } = e.detail;
    console.warn(
      `<${this.host.localName}>: another consumer of the stream "${this.#current?.name}" changed the ${kind} option "${constraint}" to ${JSON.stringify(value ?? null)}; the last change wins (options are per stream).`,
    );
    this.host.dispatchEvent(new MediaOptionsConflictEvent(e.detail));
  };

  constructor(host: ReactiveControllerHost & HTMLElement, options: MediaStreamAdapterOptions = {}) {
    this.host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The controller in use: the one set as a property, else the shared one of `name`. */
  get controller(): MediaStreamController {
    return this.#explicit ?? getMediaStreamController(this.#name);
  }

  /** Use the shared controller of this name. */
  set name(name: string) {
    this.#name = name || 'default';
    this.#rebind();
  }
  get name(): string {
    return this.#name;
  }

  /** Use this controller instance (or `null` for the shared one of `name`). */
  set instance(c: MediaStreamController | null) {
    this.#explicit = c;
    this.#rebind();
  }

  /** Whether this host asked for the camera. */
  get requesting(): boolean {
    return this.#wants;
  }

  /** What the host needs (see the `demand` option). */
  get demand(): Demand {
    return this.#options.demand?.() ?? { video: true };
  }

  /** The host's demand changed: ask again with it when the host is asking. */
  demandChanged(): void {
    // Away from the page, its own request goes ahead with the new demand when it comes back.
    if (!this.#connected && !this.#holding) this.#asked = null;
    if (!this.#wants || !this.#connected || !this.#current?.isRequesting(this.host)) return;
    this.#asked = this.demand;
    this.#holding = false;
    void this.#current.request(this.host, this.#asked);
  }

  /**
   * Ask for the camera for this host. Never rejects. The request goes to the controller this
   * adapter listens to (after moving to the one the name stands for now, if that changed), so
   * that `release()` and disconnecting give it back to the same controller.
   */
  request(): Promise<void> {
    this.#wants = true;
    this.#asked = null;
    this.#holding = false;
    // Asked for while out of the page (before the first connect, or while away): the request
    // goes ahead on connect, whatever the camera does meanwhile.
    if (!this.#connected) {
      this.#askedAway = true;
      return Promise.resolve();
    }
    this.#rebind();
    this.#asked = this.demand;
    return this.#current!.request(this.host, this.#asked);
  }

  /** Give up this host's request. */
  release(): void {
    this.#wants = false;
    this.#asked = null;
    this.#holding = false;
    this.#askedAway = false;
    this.#current?.release(this.host);
  }

  hostConnected(): void {
    this.#connected = true;
    const c = this.controller;
    const left = this.#left;
    const asked = this.#askedAway;
    this.#left = null;
    this.#askedAway = false;
    // A first connect, a request made while away, or a move to another controller (its name or
    // controller changed during the move): the request goes ahead, as for any change of
    // controller. Else the host comes back to the page (see #bind).
    if (!left || asked || (this.#moving && left !== c)) this.#bind(c);
    else this.#bind(c, true);
    // Options are pushed to a controller other than the one the host left.
    if (left && left !== c) this.#optionsChanged(left);
  }

  hostDisconnected(): void {
    this.#connected = false;
    // A framework that moves the host removes it and puts it back before microtasks run: the
    // release is absorbed by the controller (see `releaseDelay`), and the host asks again below.
    this.#moving = true;
    this.#left = this.#current;
    this.#leftState = this.#current?.state ?? null;
    queueMicrotask(() => (this.#moving = false));
    this.#unbind();
  }

  #rebind(): void {
    if (!this.#connected) return;
    const next = this.controller;
    const previous = this.#current;
    if (next === previous) return;
    this.#unbind();
    this.#bind(next);
    this.#optionsChanged(previous);
  }

  /**
   * Tells the host its `controller` property changed, so that the element pushes its options
   * (resolution, facing mode, audio) to the new controller.
   */
  #optionsChanged(previous: MediaStreamController | null): void {
    (this.host as ReactiveControllerHost & { requestUpdate(name?: PropertyKey, oldValue?: unknown): void }).requestUpdate('controller', previous);
  }

  /** Listen to `c`; ask it for the camera if the host wants it (`returning`: see below). */
  #bind(c: MediaStreamController, returning = false): void {
    this.#current = c;
    c.addEventListener(MediaControllerChangeEvent.eventName, this.#onChange);
    for (const type of this.#options.forward ?? []) c.addEventListener(type, this.#forward);
    c.addEventListener(MediaOptionsConflictEvent.eventName, this.#onConflict);
    c.attach(this.host);
    if (!this.#wants) return;
    // Back in the page: after a move, ask again unless the camera was stopped during the move (a
    // stop() sets `idle` at once; a move of a host whose request has not started yet is no stop).
    // After it left, ask again only while the camera is still on (another element kept it, or
    // the release delay has not run out): a host that was away when the camera went off does not
    // turn it back on by itself, as a <video> put back in the page does not play again;
    // `autostart` starts it again.
    const stoppedMeanwhile = c.state === 'idle' && this.#leftState !== 'idle';
    const again = !returning || (this.#moving ? !stoppedMeanwhile : c.state === 'live' || c.state === 'requesting');
    if (again) void c.request(this.host, (this.#asked ??= this.demand));
    else this.#wants = false;
  }

  #unbind(): void {
    const c = this.#current;
    if (!c) return;
    c.removeEventListener(MediaControllerChangeEvent.eventName, this.#onChange);
    for (const type of this.#options.forward ?? []) c.removeEventListener(type, this.#forward);
    c.removeEventListener(MediaOptionsConflictEvent.eventName, this.#onConflict);
    c.detach(this.host);
    this.#current = null;
  }
}
