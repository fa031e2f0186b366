import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { deleteMediaStreamController, getMediaStreamController, type MediaStreamController } from '../../src/controller.js';
import { MediaStreamAdapter } from '../../components/internal/media-stream-adapter.js';
import { MediaPreview } from '../../components/media-preview/define.js';
import { until } from './controller-helpers.js';

/** A minimal consumer element bound to a shared controller by name; it asks for the camera only when told. */
class AdapterProbe extends LitElement {
  readonly media = new MediaStreamAdapter(this, { hold: true });
  override render() {
    return html`<p>${this.media.controller.state}</p>`;
  }
}
if (!customElements.get('adapter-probe')) customElements.define('adapter-probe', AdapterProbe);
void MediaPreview; // the define module registers <media-preview>

const liveTracksOf = (acquired: MediaStream[]) => acquired.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live');

describe('MediaStreamAdapter and deleteMediaStreamController', () => {
  it('a request after the named controller was deleted goes to the new controller, and release/removal give it back there', async () => {
    const name = `adapter-delete-${Date.now()}`;
    const first = getMediaStreamController(name);
    first.releaseDelay = 0;
    first.rememberDevices = false;
    const el = await fixture<AdapterProbe>(testHtml`<adapter-probe></adapter-probe>`);
    el.media.name = name;
    await expect(el).to.be.accessible();
    await el.media.request();
    expect(first.state).to.equal('live');
    await expect(el).to.be.accessible();

    deleteMediaStreamController(name);
    expect(first.state).to.equal('idle');
    await el.updateComplete;
    await expect(el).to.be.accessible();

    const acquired: MediaStream[] = [];
    const second: MediaStreamController = getMediaStreamController(name);
    second.releaseDelay = 0;
    second.rememberDevices = false;
    second.addEventListener('media-stream-change', (e) => e.detail.stream && acquired.push(e.detail.stream));
    await el.media.request();
    expect(el.media.controller).to.equal(second);
    expect(second.state).to.equal('live');
    expect(second.isRequesting(el)).to.equal(true);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('live');
    await expect(el).to.be.accessible();

    el.media.release();
    await second.whenSettled();
    expect(second.requesterCount, 'the release reached the controller that had the request').to.equal(0);
    expect(second.state).to.equal('idle');
    expect(liveTracksOf(acquired), 'the camera is off').to.have.length(0);
    el.remove();
    deleteMediaStreamController(name);
  });

  it('an element that moves to the new controller of its name pushes its options there (resolution, audio)', async () => {
    const name = `adapter-options-${Date.now()}`;
    getMediaStreamController(name).rememberDevices = false;
    const el = await fixture(testHtml`<media-preview resolution="vga" audio stream=${name}></media-preview>`);
    await expect(el).to.be.accessible();
    deleteMediaStreamController(name);
    const second = getMediaStreamController(name);
    second.rememberDevices = false;
    await until(() => (el as unknown as { controller: MediaStreamController }).controller === second, 'the element moved');
    await until(() => !!second.options.video && typeof second.options.video === 'object', 'the options reached the new controller');
    expect((second.options.video as { width?: unknown }).width).to.equal(640);
    // The microphone is the element's demand, not an option of the stream: it goes with its request.
    await (el as unknown as { start(): Promise<void> }).start();
    expect(second.audioTrack?.readyState, 'the element asked the new controller for the microphone').to.equal('live');
    el.remove();
    await second.whenSettled();
    deleteMediaStreamController(name);
  });

  it('an element bound by name follows its controller being deleted (renders and holds the new one)', async () => {
    const name = `adapter-follow-${Date.now()}`;
    getMediaStreamController(name).rememberDevices = false;
    const el = await fixture<AdapterProbe>(testHtml`<adapter-probe></adapter-probe>`);
    el.media.name = name;
    await expect(el).to.be.accessible();
    deleteMediaStreamController(name);
    const second = getMediaStreamController(name);
    second.releaseDelay = 0;
    second.rememberDevices = false;
    // Started by script: the element (hold) must see it, so it listens to the new controller.
    await second.start();
    await until(() => second.isRequesting(el), 'the element holds the new controller');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('live');
    await expect(el).to.be.accessible();
    second.stop();
    el.remove();
    await second.whenSettled();
    expect(second.stream).to.equal(null);
    deleteMediaStreamController(name);
  });
});
