import { expect } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { MediaStreamController } from '../../src/controller.js';
import { MediaStreamAdapter } from '../../components/internal/media-stream-adapter.js';
import { until } from '../src/controller-helpers.js';

/** A minimal consumer element: requests the camera while connected, like an `autostart` element. */
class LeakConsumer extends LitElement {
  readonly media = new MediaStreamAdapter(this, { hold: true, forward: ['media-state-change'] });
  override connectedCallback(): void {
    super.connectedCallback();
    void this.media.request();
  }
  override render() {
    return html`${this.media.controller.state}`;
  }
}
if (!customElements.get('leak-consumer')) customElements.define('leak-consumer', LeakConsumer);

describe('leaks: mounting and removing consumers 200 times', function () {
  this.timeout(60_000);

  it('ends every track and drops every request once the last consumer is gone', async () => {
    const acquired: MediaStream[] = [];
    const controller = new MediaStreamController({ name: 'leak', releaseDelay: 30, rememberDevices: false, onAcquire: (s) => acquired.push(s) });
    const host = document.createElement('div');
    document.body.append(host);
    for (let i = 0; i < 200; i++) {
      const el = document.createElement('leak-consumer') as LeakConsumer;
      el.media.instance = controller;
      host.append(el);
      if (i % 3 === 0) await new Promise((r) => setTimeout(r, 0));
      if (i % 7 === 0) await controller.whenSettled();
      if (i % 2 === 0) el.remove();
      if (i % 10 === 0) host.replaceChildren(); // remove many at once
      if (i % 50 === 0) {
        // moving an element within the DOM is absorbed by the release delay
        const moved = document.createElement('leak-consumer') as LeakConsumer;
        moved.media.instance = controller;
        host.append(moved);
        await controller.whenSettled();
        document.body.append(moved);
        host.append(moved);
        moved.remove();
      }
    }
    host.remove();
    await until(() => controller.requesterCount === 0, 'no requests left');
    await new Promise((r) => setTimeout(r, 60));
    await controller.whenSettled();
    expect(controller.state).to.equal('idle');
    expect(controller.stream).to.equal(null);
    const live = acquired.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live');
    expect(live, 'live tracks after all consumers left').to.have.length(0);
    expect(acquired.length, 'getUserMedia calls: shared, not one per element').to.be.lessThan(60);
    controller.dispose();
  });
});
