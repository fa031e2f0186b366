/**
 * Register an element class under a tag name, safely:
 * - nothing happens when the tag is already defined (the kit loaded twice);
 * - when the class is already registered under another name (a design system defined it as
 *   `acme-preview` first), a trivial subclass is registered, since one constructor can only be
 *   defined once;
 * - nothing happens where there is no custom element registry.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry || registry.get(tag)) return;
  const takenElsewhere = typeof registry.getName === 'function' ? registry.getName(ctor) !== null : false;
  try {
    registry.define(tag, takenElsewhere ? class extends (ctor as typeof HTMLElement) {} : ctor);
  } catch (e) {
    // Engines without customElements.getName: the constructor was used under another name.
    if ((e as DOMException)?.name !== 'NotSupportedError') throw e;
    registry.define(tag, class extends (ctor as typeof HTMLElement) {});
  }
}
