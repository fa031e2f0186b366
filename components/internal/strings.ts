/**
 * A replaceable string with `{name}` placeholders, or a function of the same values: a
 * translation that needs plural forms or other grammar gives a function
 * (`({ seconds }) => seconds === 1 ? '…' : '…'`).
 */
export type StringTemplate<V extends Record<string, string | number>> = string | ((values: V) => string);

/**
 * Fill `{name}` placeholders of a string, or call a function template with the values. With
 * `numbers`, number values are written with it in a string template (the digits of the page's
 * language); a function template gets the numbers themselves.
 */
export function format<V extends Record<string, string | number>>(template: StringTemplate<V>, values: V, numbers?: Intl.NumberFormat): string {
  if (typeof template === 'function') {
    // A page's translation function that throws must not break the element's rendering.
    try {
      return String(template(values));
    } catch (err) {
      console.warn('media-capture-elements: a string function threw; the text is left empty.', err);
      return '';
    }
  }
  return String(template).replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in values)) return m;
    const v = values[k];
    return numbers && typeof v === 'number' ? numbers.format(v) : String(v);
  });
}

/**
 * Merges replacement strings over the defaults. An entry set to `undefined` or `null` (a
 * translation table with gaps, `{ ...partial }` spreads) keeps the default.
 */
export function mergeStrings<S extends object>(defaults: S, value: Partial<S> | null | undefined): S {
  const merged = { ...defaults };
  for (const [k, v] of Object.entries(value ?? {})) if (v !== undefined && v !== null) (merged as Record<string, unknown>)[k] = v;
  return merged;
}

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
