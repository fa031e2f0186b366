import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { CountdownController } from '../../../components/internal/countdown.js';
import { MediaCaptureError } from '../../../src/errors.js';

/** The least element that adds a countdown: a live region, a cancel button, the number. */
class CountdownHost extends LitElement {
  live = true;
  announced: string[] = [];
  readonly countdown = new CountdownController(this, {
    active: () => this.live,
    onTick: (n) => this.announced.push(String(n)),
    onCancel: () => this.announced.push('cancelled'),
  });
  protected override render(): TemplateResult {
    return html`<button type="button" @click=${() => this.countdown.cancel({ announce: true })}>Cancel</button>
      ${this.countdown.render(new Intl.NumberFormat('en'))}
      <div role="status">${this.announced.at(-1) ?? ''}</div>`;
  }
}
customElements.define('countdown-test-host', CountdownHost);

async function host(): Promise<CountdownHost> {
  return fixture<CountdownHost>(html`<countdown-test-host></countdown-test-host>`);
}

async function rejection(p: Promise<unknown>): Promise<MediaCaptureError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(MediaCaptureError);
    return err as MediaCaptureError;
  }
  throw new Error('the countdown resolved');
}

describe('CountdownController (internal part)', () => {
  it('announces each second, shows the number and resolves at 0', async () => {
    const el = await host();
    await expect(el).to.be.accessible();
    const done = el.countdown.run(2);
    expect(el.countdown.running).to.be.true;
    expect(el.countdown.remaining).to.equal(2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="countdown"]')?.textContent).to.equal('2');
    await done;
    expect(el.announced).to.deep.equal(['2', '1']);
    expect(el.countdown.running).to.be.false;
    expect(el.countdown.remaining).to.equal(0);
    await el.updateComplete;
    expect(!!el.shadowRoot!.querySelector('[part="countdown"]')).to.be.false;
  });

  it('Escape on the element cancels it: aborted, announced', async () => {
    const el = await host();
    await expect(el).to.be.accessible();
    const done = rejection(el.countdown.run(5));
    const key = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    el.dispatchEvent(key);
    expect((await done).code).to.equal('aborted');
    expect(key.defaultPrevented).to.be.true;
    expect(el.announced.at(-1)).to.equal('cancelled');
    expect(el.countdown.remaining).to.equal(0);
  });

  it('Escape on the page while the focus is on nothing cancels it; after it, Escape is left alone', async () => {
    const el = await host();
    await expect(el).to.be.accessible();
    (document.activeElement as HTMLElement | null)?.blur();
    const done = rejection(el.countdown.run(5));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect((await done).code).to.equal('aborted');
    const later = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.body.dispatchEvent(later);
    expect(later.defaultPrevented).to.be.false;
  });

  it('the cancel control cancels it; cancel() without a countdown says false', async () => {
    const el = await host();
    await expect(el).to.be.accessible();
    expect(el.countdown.cancel({ announce: true })).to.be.false;
    const done = rejection(el.countdown.run(5));
    el.shadowRoot!.querySelector('button')!.click();
    expect((await done).code).to.equal('aborted');
    expect(el.announced).to.deep.equal(['5', 'cancelled']);
  });

  it('rejects with not-live once active() turns false, and a new run cancels the old one silently', async () => {
    const el = await host();
    await expect(el).to.be.accessible();
    const first = rejection(el.countdown.run(5));
    const second = rejection(el.countdown.run(2));
    expect((await first).code).to.equal('aborted');
    el.live = false;
    const err = await second;
    expect(err.code).to.equal('not-live');
    expect(err.device).to.equal('camera');
    expect(el.announced).to.not.include('cancelled');
  });
});
