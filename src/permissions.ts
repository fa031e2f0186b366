/**
 * Camera and microphone permission state, from the Permissions API where it exists, kept
 * current from its `change` event and from getUserMedia outcomes.
 */

/** A permission state; `unsupported` means the browser cannot tell us (yet). */
export type PermissionValue = 'prompt' | 'granted' | 'denied' | 'unsupported';

/** Which permission. */
export type PermissionName = 'camera' | 'microphone';

/**
 * Watches the `camera` and `microphone` permissions.
 * Where the Permissions API (or the permission name) is missing the state is `unsupported`
 * until a getUserMedia outcome tells us `granted` or `denied`.
 */
export class PermissionWatcher {
  readonly state: Record<PermissionName, PermissionValue> = { camera: 'unsupported', microphone: 'unsupported' };
  #statuses = new Map<PermissionName, PermissionStatus>();
  #listeners = new Map<PermissionName, () => void>();
  #onChange: (name: PermissionName, state: PermissionValue) => void;
  #started: Promise<void> | null = null;
  /** Bumped by every start() and dispose(): a query answered after either is dropped. */
  #generation = 0;

  constructor(onChange: (name: PermissionName, state: PermissionValue) => void) {
    this.#onChange = onChange;
  }

  /** Query both permissions once and subscribe to their changes. Safe to call repeatedly. */
  start(): Promise<void> {
    if (!this.#started) {
      const generation = ++this.#generation;
      this.#started = Promise.all((['camera', 'microphone'] as const).map((n) => this.#watch(n, generation))).then(() => undefined);
    }
    return this.#started;
  }

  async #watch(name: PermissionName, generation: number): Promise<void> {
    const status = await PermissionWatcher.#query(name);
    if (!status || generation !== this.#generation) return; // disposed (and maybe started again) meanwhile
    const listener = () => this.#set(name, status.state as PermissionValue);
    status.addEventListener('change', listener);
    this.#statuses.set(name, status);
    this.#listeners.set(name, listener);
    this.#set(name, status.state as PermissionValue);
  }

  static async #query(name: PermissionName): Promise<PermissionStatus | null> {
    const permissions = globalThis.navigator?.permissions;
    if (!permissions?.query) return null;
    try {
      return await permissions.query({ name: name as globalThis.PermissionName });
    } catch {
      return null; // the name is not supported by this engine: stay 'unsupported'
    }
  }

  /**
   * Query both permissions again (some engines do not fire `change`, nor update a status they
   * gave). Does not start watching.
   */
  async refresh(): Promise<void> {
    await this.#started;
    const generation = this.#generation;
    await Promise.all(
      (['camera', 'microphone'] as const).map(async (name) => {
        const status = await PermissionWatcher.#query(name);
        if (status && generation === this.#generation) this.#set(name, status.state as PermissionValue);
      }),
    );
  }

  /** Record what a getUserMedia call taught us. */
  noteOutcome(names: readonly PermissionName[], outcome: 'granted' | 'denied'): void {
    for (const n of names) this.#set(n, outcome);
  }

  #set(name: PermissionName, value: PermissionValue): void {
    if (this.state[name] === value) return;
    this.state[name] = value;
    this.#onChange(name, value);
  }

  /** Stop listening. */
  dispose(): void {
    this.#generation++;
    for (const [name, status] of this.#statuses) {
      const l = this.#listeners.get(name);
      if (l) status.removeEventListener('change', l);
    }
    this.#statuses.clear();
    this.#listeners.clear();
    this.#started = null;
  }
}
