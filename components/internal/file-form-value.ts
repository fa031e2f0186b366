import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { setCustomState } from './custom-states.js';

type FileFormHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** Options of {@link FileFormValue}. */
export interface FileFormValueOptions {
  /** The element's ElementInternals (a `FormAssociated` element's `internals`). */
  internals: ElementInternals;
  /** The element's `required`. */
  required: () => boolean;
  /** The element's own `disabled` (a disabled fieldset is tracked here, see {@link FileFormValue.formDisabled}). */
  disabled: () => boolean;
  /** The validation message while `required` and without a file. */
  valueMissing: () => string;
  /**
   * The controls the browser may point at (and focus) when the missing file blocks the form, best
   * first (the one that gives a file in this view); the first usable one is taken: in the element
   * or its shadow root (the browser takes no anchor from outside), enabled and rendered. Asked
   * only then (it reads the layout).
   */
  anchors?: () => Array<Element | null | undefined>;
}

/**
 * The form value of a `FormAssociated` element whose value is a `File` (a photo, a recording):
 * submitted under the element's `name` unless disabled (itself or by a `<fieldset>`), saved for
 * form state restore, `valueMissing` while `required` with its anchor, and the custom states
 * `has-value` and `disabled`. Each update writes them to ElementInternals.
 *
 * ```ts
 * #form = new FileFormValue(this, { internals: this.internals, required: () => this.required, disabled: () => this.disabled, valueMissing: () => 'Record a clip.' });
 * formResetCallback() { this.#form.value = null; }  // also formDisabledCallback → #form.formDisabled, formStateRestoreCallback → #form.restore()
 * ```
 */
export class FileFormValue implements ReactiveController {
  readonly #host: FileFormHost;
  readonly #options: FileFormValueOptions;
  #value: File | null = null;
  #formDisabled = false;

  constructor(host: FileFormHost, options: FileFormValueOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The file, or null. Setting it fires no event (as for native controls); the host's own property asks for the update. */
  get value(): File | null {
    return this.#value;
  }
  set value(file: File | null | undefined) {
    this.#value = file instanceof File ? file : null;
  }

  /** Whether a disabled `<fieldset>` disables the element (set it from `formDisabledCallback`). */
  get formDisabled(): boolean {
    return this.#formDisabled;
  }
  set formDisabled(disabled: boolean) {
    this.#formDisabled = disabled;
  }

  /** Disabled by itself or by its fieldset: no value is submitted and no validity is checked. */
  get disabled(): boolean {
    return this.#options.disabled() || this.#formDisabled;
  }

  /** For `formStateRestoreCallback`: a restored `File` becomes the value (anything else is ignored). */
  restore(state: string | File | FormData | null): void {
    if (state instanceof File) this.value = state;
  }

  hostUpdated(): void {
    const { internals } = this.#options;
    const disabled = this.disabled;
    internals.setFormValue(disabled ? null : this.#value, this.#value);
    // The anchor is looked for only when the form needs one (it reads the layout).
    if (this.#options.required() && !this.#value && !disabled)
      internals.setValidity({ valueMissing: true }, this.#options.valueMissing(), this.#anchor());
    else internals.setValidity({});
    setCustomState(internals, 'has-value', !!this.#value);
    setCustomState(internals, 'disabled', disabled);
  }

  #anchor(): HTMLElement | undefined {
    const host = this.#host;
    // A control slotted through another component's slot is not in this element: the browser
    // takes no anchor from outside (setValidity throws).
    const usable = (el: Element | null | undefined): el is HTMLElement =>
      el instanceof HTMLElement &&
      (host.contains(el) || host.renderRoot.contains(el)) &&
      !el.matches(':disabled') &&
      el.getClientRects().length > 0;
    return this.#options.anchors?.().find(usable);
  }
}
