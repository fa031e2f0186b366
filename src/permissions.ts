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
  #disposed = false;

  constructor(onChange: (name: PermissionName, state: PermissionValue) => void) {
    this.#onChange = onChange;
  }

  /** Query both permissions once and subscribe to their changes. Safe to call repeatedly. */
  start(): Promise<void> {
    this.#disposed = false;
    this.#started ??= Promise.all((['camera', 'microphone'] as const).map((n) => this.#watch(n))).then(() => undefined);
    return this.#started;
  }

  async #watch(name: PermissionName): Promise<void> {
    const permissions = globalThis.navigator?.permissions;
    if (!permissions?.query) return;
    let status: PermissionStatus;
    try {
      status = await permissions.query({ name: name as globalThis.PermissionName });
    } catch {
      return; // the name is not supported by this engine: stay 'unsupported'
    }
    if (this.#disposed) return;
    const listener = () => this.#set(name, status.state as PermissionValue);
    status.addEventListener('change', listener);
    this.#statuses.set(name, status);
    this.#listeners.set(name, listener);
    this.#set(name, status.state as PermissionValue);
  }

  /** Query again (some engines do not fire `change`). */
  async refresh(): Promise<void> {
    await this.start();
    for (const [name, status] of this.#statuses) this.#set(name, status.state as PermissionValue);
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
    this.#disposed = true;
    for (const [name, status] of this.#statuses) {
      const l = this.#listeners.get(name);
      if (l) status.removeEventListener('change', l);
    }
    this.#statuses.clear();
    this.#listeners.clear();
    this.#started = null;
  }
}
