import type { PropertyValues } from 'lit';
import type { MediaCaptureElement } from './capture-element.js';

// A mixin's constructor type: TypeScript requires a mixin base to take `...args: any[]` (TS2545).
// oxlint-disable-next-line typescript/no-explicit-any
type AbstractConstructor<T> = abstract new (...args: any[]) => T;

/**
 * The form-control API a form-associated element of the kit adds, as native controls have it.
 * Declared apart from the mixin's class so that the mixin's type names no protected member of
 * the base (TS4094 in declaration files).
 */
export declare abstract class FormAssociatedMembers {
  /** The form this element belongs to. */
  get form(): HTMLFormElement | null;
  /** The control's validity, as for native controls. */
  get validity(): ValidityState;
  /** The message shown for an invalid element. */
  get validationMessage(): string;
  /** Whether the element takes part in constraint validation. */
  get willValidate(): boolean;
  /** The `<label>` elements that label this element. */
  get labels(): NodeList;
  /** Check validity; fires `invalid` when invalid. */
  checkValidity(): boolean;
  /** Check validity and show the browser's message when invalid. */
  reportValidity(): boolean;
}

/**
 * Makes a kit element form-associated (`static formAssociated = true`) and gives it the
 * form-control API of native controls, read from its ElementInternals. The element itself sets
 * its value and validity (`internals.setFormValue`, `internals.setValidity`); an element whose
 * value is a `File` adds a `FileFormValue` (file-form-value.ts), which does both on each update.
 */
export function FormAssociated<T extends AbstractConstructor<MediaCaptureElement>>(Base: T): T & AbstractConstructor<FormAssociatedMembers> {
  abstract class FormAssociatedElement extends Base {
    /** Form-associated: takes part in forms like a native control. */
    static formAssociated = true;

    /** The form this element belongs to. */
    get form(): HTMLFormElement | null {
      return this.internals.form;
    }
    /** The control's validity, as for native controls. */
    get validity(): ValidityState {
      return this.internals.validity;
    }
    /** The message shown for an invalid element. */
    get validationMessage(): string {
      return this.internals.validationMessage;
    }
    /** Whether the element takes part in constraint validation. */
    get willValidate(): boolean {
      return this.internals.willValidate;
    }
    /** The `<label>` elements that label this element. */
    get labels(): NodeList {
      return this.internals.labels;
    }
    /** Check validity; fires `invalid` when invalid. */
    checkValidity(): boolean {
      return this.internals.checkValidity();
    }
    /** Check validity and show the browser's message when invalid. */
    reportValidity(): boolean {
      return this.internals.reportValidity();
    }

    protected override willUpdate(changed: PropertyValues): void {
      // Reflect a `disabled` property before rendering, not after as Lit does: the browser calls
      // formDisabledCallback at once, so this update draws the controls with the whole disabled
      // state (the element's own, or its fieldset's).
      if (changed.has('disabled')) this.toggleAttribute('disabled', !!(this as { disabled?: boolean }).disabled);
      super.willUpdate(changed);
    }
  }
  return FormAssociatedElement;
}
