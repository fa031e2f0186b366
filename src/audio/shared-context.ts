/**
 * Internal: the implementation of the page's shared AudioContext (./context.ts is its public face).
 * {@link audioContextUsers} and {@link sharedAudioContext} are for the kit's tests and
 * diagnostics only: they are not exported from the package's entry points.
 *
 * One `AudioContext` per page for the kit's audio consumers (level meters, ...).
 *
 * - Made on first need, at the engine's default sample rate (Firefox rejects a
 *   `MediaStreamAudioSourceNode` whose track's rate differs from a context made at another rate).
 * - Reference-counted: {@link acquireAudioContext} hands out a lease, and the context is closed
 *   when the last lease is released.
 * - An autoplay policy may start it `suspended`: {@link AudioContextLease.suspended} says so, the
 *   context is resumed on the page's first user gesture (a pointer or key press anywhere), and
 *   {@link AudioContextLease.resume} does it from a page's own gesture (a "turn on sound" button).
 *
 * Nothing runs at import: safe to import in Node or a worker (where acquiring gives no context).
 */

type ContextConstructor = typeof AudioContext;

interface Shared {
  context: AudioContext;
  users: number;
  /** Per worklet module URL: whether it loaded into this context. */
  modules: Map<string, Promise<boolean>>;
  gesture: (() => void) | null;
}

let shared: Shared | null = null;

const GESTURES = ['pointerdown', 'pointerup', 'click', 'keydown', 'touchend'] as const;

function contextConstructor(): ContextConstructor | undefined {
  return globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: ContextConstructor }).webkitAudioContext;
}

/** A hold on the page's shared AudioContext; `release()` it when done (once; more calls do nothing). */
export interface AudioContextLease {
  readonly context: AudioContext;
  /** Whether the context is suspended (an autoplay policy; sound starts after a user gesture). */
  readonly suspended: boolean;
  /** Resume the context (call it from a user gesture). Resolves to whether it runs; never rejects. */
  resume(): Promise<boolean>;
  /**
   * Load an AudioWorklet module into the context (once per URL and context). Resolves to whether
   * it loaded (`false`: no `audioWorklet`, as in an insecure context, or a CSP that blocks it);
   * never rejects.
   */
  addModule(url: URL | string): Promise<boolean>;
  /** Give the lease back; the last one closes the context. */
  release(): void;
}

function listenForGesture(s: Shared): void {
  if (s.gesture || s.context.state !== 'suspended' || typeof globalThis.addEventListener !== 'function') return;
  // Listening stops once the context runs (statechange), not on the first event: a touch's
  // pointerdown or an Escape key is no user activation, and the resume() it asks for is refused.
  const onGesture = () => {
    void s.context.resume().catch(() => {});
  };
  s.gesture = onGesture;
  for (const type of GESTURES) globalThis.addEventListener(type, onGesture, { capture: true, passive: true });
}

function stopListening(s: Shared): void {
  if (!s.gesture) return;
  for (const type of GESTURES) globalThis.removeEventListener(type, s.gesture, { capture: true });
  s.gesture = null;
}

/**
 * A lease on the page's shared AudioContext, or `null` where there is no Web Audio (or the
 * engine refused to make a context).
 */
export function acquireAudioContext(): AudioContextLease | null {
  if (!shared || shared.context.state === 'closed') {
    const Ctx = contextConstructor();
    if (!Ctx) return null;
    let context: AudioContext;
    try {
      context = new Ctx();
    } catch {
      return null;
    }
    const s: Shared = { context, users: 0, modules: new Map(), gesture: null };
    shared = s;
    context.addEventListener('statechange', () => {
      if (context.state === 'suspended') listenForGesture(s);
      else stopListening(s);
    });
    listenForGesture(s);
  }
  const s = shared;
  s.users++;
  let released = false;
  return {
    context: s.context,
    get suspended() {
      return s.context.state === 'suspended';
    },
    resume: async () => {
      try {
        await s.context.resume();
      } catch {
        /* closed, or refused */
      }
      return s.context.state === 'running';
    },
    addModule: (url) => {
      const key = String(url);
      let loaded = s.modules.get(key);
      if (!loaded) {
        const worklet = s.context.audioWorklet;
        loaded = worklet
          ? worklet.addModule(key).then(
              () => true,
              () => false,
            )
          : Promise.resolve(false);
        s.modules.set(key, loaded);
      }
      return loaded;
    },
    release: () => {
      if (released) return;
      released = true;
      if (--s.users > 0) return;
      stopListening(s);
      if (shared === s) shared = null;
      if (s.context.state !== 'closed') void s.context.close().catch(() => {});
    },
  };
}

/** How many leases on the shared AudioContext are held now (0: none is open). */
export function audioContextUsers(): number {
  return shared?.users ?? 0;
}

/** The shared AudioContext while any lease holds it, else `null` (for tests and diagnostics). */
export function sharedAudioContext(): AudioContext | null {
  return shared?.context ?? null;
}
