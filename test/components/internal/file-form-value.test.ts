import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { FileFormValue } from '../../../components/internal/file-form-value.js';

/** The least form-associated element whose value is a File: a button is its anchor. */
class FileHost extends LitElement {
  static formAssociated = true;
  static override properties = { required: { type: Boolean }, disabled: { type: Boolean } };
  required = false;
  disabled = false;
  readonly internals = this.attachInternals();
  readonly form = new FileFormValue(this, {
    internals: this.internals,
    required: () => this.required,
    disabled: () => this.disabled,
    valueMissing: () => 'Make a file.',
    anchors: () => [this.shadowRoot?.querySelector('button')],
  });
  get value(): File | null {
    return this.form.value;
  }
  set value(file: File | null) {
    this.form.value = file;
    this.requestUpdate();
  }
  formResetCallback(): void {
    this.value = null;
  }
  formDisabledCallback(disabled: boolean): void {
    this.form.formDisabled = disabled;
    this.requestUpdate();
  }
  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.form.restore(state);
    this.requestUpdate();
  }
  protected override render(): TemplateResult {
    return html`<button type="button" ?disabled=${this.disabled || this.form.formDisabled}>Make a file</button>`;
  }
}
customElements.define('file-form-value-test-host', FileHost);

const text = (s: string) => new File([s], `${s}.txt`, { type: 'text/plain' });

describe('FileFormValue (internal part)', () => {
  it('submits the File under the name, resets with the form, and restores only a File', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><file-form-value-test-host name="clip"></file-form-value-test-host></form>`);
    const el = form.querySelector<FileHost>('file-form-value-test-host')!;
    await expect(el).to.be.accessible();
    expect(new FormData(form).has('clip')).to.be.false;
    const file = text('a');
    el.value = file;
    await el.updateComplete;
    expect(new FormData(form).get('clip')).to.equal(file);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(new FormData(form).has('clip')).to.be.false;
    el.formStateRestoreCallback('not a file');
    expect(el.value).to.equal(null);
    el.formStateRestoreCallback(file);
    expect(el.value).to.equal(file);
  });

  it('required without a file: valueMissing with its message; a File, or disabled, makes it valid', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><file-form-value-test-host name="clip" required></file-form-value-test-host></form>`);
    const el = form.querySelector<FileHost>('file-form-value-test-host')!;
    await expect(el).to.be.accessible();
    expect(el.internals.validity.valueMissing).to.be.true;
    expect(el.internals.validationMessage).to.equal('Make a file.');
    expect(form.checkValidity()).to.be.false;
    el.value = text('b');
    await el.updateComplete;
    expect(el.internals.validity.valid).to.be.true;
    el.value = null;
    el.disabled = true;
    await el.updateComplete;
    expect(el.internals.validity.valid).to.be.true;
  });

  it('a disabled fieldset: nothing submitted, its state says disabled', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><fieldset disabled><file-form-value-test-host name="clip"></file-form-value-test-host></fieldset></form>`,
    );
    const el = form.querySelector<FileHost>('file-form-value-test-host')!;
    await expect(el).to.be.accessible();
    el.value = text('c');
    await el.updateComplete;
    expect(el.form.disabled).to.be.true;
    expect(new FormData(form).has('clip')).to.be.false;
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    await el.updateComplete;
    expect(el.form.disabled).to.be.false;
    expect(new FormData(form).get('clip')).to.equal(el.value);
  });
});
