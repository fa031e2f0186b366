import { format, mergeStrings, type StringTemplate } from './capture-element.js';

export { format, mergeStrings, type StringTemplate };

/** The values a string template of type `T` is filled with (`{ n: number }` for `StringTemplate<{ n: number }>`). */
export type TemplateValues<T> = [Extract<T, (values: never) => string>] extends [(values: infer V) => string] ? V : Record<string, string | number>;

/**
 * An element's replaceable strings: the English defaults, with the page's replacements merged
 * over them (an entry set to `undefined` or `null` keeps the default). A string may be a
 * function of its values; one that throws (a broken translation) warns and gives empty text.
 *
 * ```ts
 * #strings = new Strings(DEFAULT_STRINGS);
 * @property({ attribute: false }) get strings() { return this.#strings.value; }
 * set strings(v: Partial<MyStrings> | null | undefined) { this.#strings.value = v; }
 * ```
 */
export class Strings<S extends object> {
  readonly defaults: S;
  #value: S;

  constructor(defaults: S) {
    this.defaults = defaults;
    this.#value = defaults;
  }

  /** The strings in use (the defaults until the page replaces some). */
  get value(): S {
    return this.#value;
  }
  set value(value: Partial<S> | null | undefined) {
    this.#value = mergeStrings(this.defaults, value);
  }

  /** Whether entry `key` is still the default one. */
  isDefault(key: keyof S): boolean {
    return this.#value[key] === this.defaults[key];
  }

  /** Entry `key` filled with `values` (numbers written with `numbers` in a string template). */
  format<K extends keyof S>(key: K, values: TemplateValues<S[K]>, numbers?: Intl.NumberFormat): string {
    return format(this.#value[key] as StringTemplate<Record<string, string | number>>, values as Record<string, string | number>, numbers);
  }

  /**
   * Entry `key` filled with `values`, or the default entry where the page's gives empty text
   * (an empty string, or a function that threw): for text that must never be empty (a file
   * name, a validation message).
   */
  formatOrDefault<K extends keyof S>(key: K, values: TemplateValues<S[K]>, numbers?: Intl.NumberFormat): string {
    const v = values as Record<string, string | number>;
    return this.format(key, values, numbers) || format(this.defaults[key] as StringTemplate<Record<string, string | number>>, v, numbers);
  }
}
