/**
 * Custom states (`:state(live)`) on ElementInternals, guarded for engines without
 * CustomStateSet (older WebKitGTK) and for Chromium before 125, which only accepted
 * dashed names (`:--live`).
 */

/** Whether this engine exposes `ElementInternals.states`. */
export function supportsCustomStates(internals: ElementInternals | null | undefined): boolean {
  return !!internals && 'states' in internals && !!(internals as { states?: unknown }).states;
}

/** Turn one custom state on or off; a no-op where custom states are missing. */
export function setCustomState(internals: ElementInternals | null | undefined, name: string, on: boolean): void {
  if (!supportsCustomStates(internals)) return;
  const states = (internals as ElementInternals).states;
  try {
    if (on) states.add(name);
    else states.delete(name);
  } catch {
    // Chromium < 125 only takes the legacy `--name` form.
    try {
      if (on) states.add(`--${name}`);
      else states.delete(`--${name}`);
    } catch {
      /* give up quietly: the reflected attributes still work for styling */
    }
  }
}

/** Make exactly one state of a group current (`idle`, `live`, ...). */
export function setExclusiveState<T extends string>(
  internals: ElementInternals | null | undefined,
  all: readonly T[],
  current: T,
): void {
  for (const s of all) setCustomState(internals, s, s === current);
}
