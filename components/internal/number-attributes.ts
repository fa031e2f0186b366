import { warnInvalidAttribute } from './attributes.js';

/**
 * A number attribute's value between `min` and `max`; a blank value is the fallback (Number('  ')
 * would be 0: a black picture, the lowest quality), and anything else out of range warns once
 * and gives the fallback.
 *
 * ```ts
 * set quality(v: number | string | null | undefined) { this.#quality = parseNumberAttribute(this, 'quality', v, 0, 1, 0.92); }
 * ```
 */
export function parseNumberAttribute(host: Element, attribute: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === null || value === undefined || String(value).trim() === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || n < min || n > max) {
    warnInvalidAttribute(host, attribute, value, fallback);
    return fallback;
  }
  return n;
}

/** A count attribute's value (a whole number from 0); blank is the fallback, anything else warns once. */
export function parseCountAttribute(host: Element, attribute: string, value: unknown, fallback: number): number {
  if (value === null || value === undefined || String(value).trim() === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < 0) {
    warnInvalidAttribute(host, attribute, value, fallback);
    return fallback;
  }
  return n;
}
