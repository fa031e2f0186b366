/**
 * Focus in `<media-device-picker>` when its view changes under the user's focus (the allow or
 * retry button goes away once access is answered).
 */

/**
 * The button that had focus went away with the view: focus what replaced it (the list, or the
 * retry or allow button: a slotted control, else the built-in one), unless focus has moved
 * elsewhere on the page meanwhile.
 */
export function refocusView(
  host: HTMLElement,
  root: ParentNode,
  select: HTMLSelectElement | null | undefined,
  slottedControl: (name: string) => HTMLElement | null,
): void {
  const active = document.activeElement;
  if (active && active !== document.body && active !== host && !host.contains(active)) return;
  if (select) {
    select.focus();
    return;
  }
  const slot = root.querySelector<HTMLSlotElement>('slot[name="retry-button"], slot[name="allow-button"]');
  const target = (slot && slottedControl(slot.name)) ?? slot?.querySelector('button');
  target?.focus();
}
