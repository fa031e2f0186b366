/**
 * Lenient attribute parsing: a bad value falls back to the default with one console warning
 * that names the element and the attribute, and never throws.
 */

const warned = new WeakMap<object, Set<string>>();

/**
 * Warn once per element, attribute and value that `value` is not valid for `attribute`.
 * Returns nothing; the caller uses `fallback`.
 */
export function warnInvalidAttribute(host: Element, attribute: string, value: unknown, fallback: unknown, allowed?: readonly string[]): void {
  const key = `${attribute}\u0000${String(value)}`;
  let seen = warned.get(host);
  if (!seen) warned.set(host, (seen = new Set()));
  if (seen.has(key)) return;
  seen.add(key);
  const tag = host.localName;
  const hint = allowed ? ` Use one of: ${allowed.map((a) => `"${a}"`).join(', ')}.` : '';
  console.warn(`<${tag}>: invalid ${attribute}="${String(value)}"; using "${String(fallback)}".${hint}`);
}

/**
 * Normalise an enumerated attribute value (case-insensitive). `null`/`undefined`/`''` give the
 * fallback silently; anything else that is not allowed warns once and gives the fallback.
 */
export function parseEnum<T extends string>(host: Element, attribute: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  const v = String(value).trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  warnInvalidAttribute(host, attribute, value, fallback, allowed);
  return fallback;
}

/**
 * A property set on the element before its class was defined (a framework that renders before
 * the kit loads) is an own property that hides the class's accessor: take its value over, as Lit
 * does for its declared properties. Call it in the constructor for accessors Lit does not manage.
 */
export function upgradeProperty(el: object, name: string): void {
  if (!Object.prototype.hasOwnProperty.call(el, name)) return;
  const early = (el as Record<string, unknown>)[name];
  delete (el as Record<string, unknown>)[name];
  (el as Record<string, unknown>)[name] = early;
}
