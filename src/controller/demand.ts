/**
 * Demand: who wants capture from a controller, and which kinds each one needs.
 *
 * A consumer asks with a {@link Demand} (`{ video: true }` for a preview, `{ audio: true }` for a
 * level meter, both for a recorder) or with none, and then follows the controller's options
 * (`options.video` / `options.audio` not `false`), as a script's `start()` does. The controller
 * opens the union of what its consumers need and closes a kind once nobody needs it.
 *
 * A consumer that leaves keeps its demand for `releaseDelay` ms ("leaving"), so that an element
 * moved in the page (removed and put back at once) does not turn a device off and on.
 */
import type { CaptureOptions } from '../constraints.js';
import type { TrackKind } from '../events.js';

/** Anything that uses a controller (an element, a script). */
export type Consumer = object;

/** Which kinds a consumer needs. A kind left out (or `false`) is not needed. */
export interface Demand {
  readonly video?: boolean;
  readonly audio?: boolean;
}

export const KINDS: readonly TrackKind[] = ['video', 'audio'];

/** Whether a demand (or, for `null`, the options) needs a kind. */
export function needsKind(demand: Demand | null, kind: TrackKind, options: CaptureOptions): boolean {
  return demand ? demand[kind] === true : options[kind] !== false;
}

/** The consumers of a controller and their demands. */
export class DemandBook {
  readonly #active = new Map<Consumer, Demand | null>();
  readonly #leaving = new Map<Consumer, { demand: Demand | null; timer: ReturnType<typeof setTimeout> }>();

  /** Consumers that want capture now (not counting those still leaving). */
  get size(): number {
    return this.#active.size;
  }
  /** Whether anybody wants capture, leaving consumers included. */
  get wanted(): boolean {
    return this.#active.size > 0 || this.#leaving.size > 0;
  }
  /** Whether a consumer is leaving (released, its delay not run out). */
  get anyLeaving(): boolean {
    return this.#leaving.size > 0;
  }
  has(consumer: Consumer): boolean {
    return this.#active.has(consumer);
  }
  demandOf(consumer: Consumer): Demand | null | undefined {
    return this.#active.get(consumer);
  }
  /** The demand a consumer has now or had while leaving (`undefined`: neither). */
  previous(consumer: Consumer): Demand | null | undefined {
    return this.#active.has(consumer) ? this.#active.get(consumer) : this.#leaving.get(consumer)?.demand;
  }

  /** Add or update a consumer's demand (a leaving one comes back). */
  add(consumer: Consumer, demand: Demand | null): void {
    const leaving = this.#leaving.get(consumer);
    if (leaving) clearTimeout(leaving.timer);
    this.#leaving.delete(consumer);
    this.#active.set(consumer, demand ? { video: demand.video === true, audio: demand.audio === true } : null);
  }

  /**
   * A consumer leaves: its demand stays for `delay` ms, then `expired` is called (at once with
   * `delay <= 0`). Returns false when it was not a consumer.
   */
  remove(consumer: Consumer, delay: number, expired: () => void): boolean {
    if (!this.#active.has(consumer)) return false;
    const demand = this.#active.get(consumer) ?? null;
    this.#active.delete(consumer);
    if (delay <= 0) {
      expired();
      return true;
    }
    const timer = setTimeout(() => {
      if (this.#leaving.get(consumer)?.timer !== timer) return;
      this.#leaving.delete(consumer);
      expired();
    }, delay);
    this.#leaving.set(consumer, { demand, timer });
    return true;
  }

  /** Forget every consumer (a `stop()`), leaving ones included. */
  clear(): void {
    for (const { timer } of this.#leaving.values()) clearTimeout(timer);
    this.#leaving.clear();
    this.#active.clear();
  }

  /** Whether any consumer (leaving ones included) needs a kind. */
  needs(kind: TrackKind, options: CaptureOptions): boolean {
    for (const d of this.#active.values()) if (needsKind(d, kind, options)) return true;
    for (const { demand } of this.#leaving.values()) if (needsKind(demand, kind, options)) return true;
    return false;
  }

  /** The kinds needed now, as a key for comparing (`video+audio`, `video`, `audio`, ``). */
  key(options: CaptureOptions): string {
    return KINDS.filter((k) => this.needs(k, options)).join('+');
  }
}

/**
 * Who set each constraint of the stream's options last. Options stay per stream (one camera per
 * stream); when a consumer changes a constraint another consumer set to a different value, the
 * change wins (the last change wins, as before) and the other consumer is told.
 */
export class OptionOwners {
  readonly #owner = new Map<string, { consumer: Consumer; value: string }>();

  /**
   * Note that `consumer` set `kind.key` to `value`. Returns the consumer it overrules, if one
   * still in `alive` had set it to something else.
   */
  note(kind: TrackKind, key: string, value: unknown, consumer: Consumer | undefined, alive: (c: Consumer) => boolean): Consumer | null {
    const id = `${kind}.${key}`;
    const text = JSON.stringify(value ?? null);
    const before = this.#owner.get(id);
    // A script's change (no consumer) overrules an element too; the script then owns the value.
    if (consumer) this.#owner.set(id, { consumer, value: text });
    else this.#owner.delete(id);
    if (!before || before.consumer === consumer || before.value === text || !alive(before.consumer)) return null;
    return before.consumer;
  }

  /** Forget what a consumer set (it left). */
  forget(consumer: Consumer): void {
    for (const [id, o] of this.#owner) if (o.consumer === consumer) this.#owner.delete(id);
  }
}
