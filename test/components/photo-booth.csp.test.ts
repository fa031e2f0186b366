import { expect } from '@open-wc/testing';

/**
 * The element under `default-src 'self'; script-src 'self'; worker-src 'self'; img-src 'self'
 * blob: data:; style-src 'self'` (test/fixtures/photo-booth-csp.html, served by the test server
 * with the TypeScript compiled on the fly, all same-origin): it starts, captures through the
 * encode worker, shows the thumbnail, and nothing is blocked.
 */
describe('<photo-booth> under a strict Content-Security-Policy', function () {
  this.timeout(45_000);

  it('loads, captures a photo and violates nothing', async () => {
    const frame = document.createElement('iframe');
    frame.allow = 'camera';
    frame.title = 'CSP probe';
    const result = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the CSP page did not report')), 35_000);
      addEventListener('message', function onMessage(e: MessageEvent) {
        if (e.source !== frame.contentWindow || e.data?.type !== 'photo-booth-csp') return;
        clearTimeout(timer);
        removeEventListener('message', onMessage);
        resolve(e.data.result as Record<string, unknown>);
      });
    });
    frame.src = new URL('../fixtures/photo-booth-csp.html', import.meta.url).href;
    document.body.append(frame);
    try {
      const r = await result;
      expect(r.state, String(r.error)).to.equal('done');
      expect(r.evalBlocked, 'the policy is enforced').to.equal(true);
      expect(r.violations).to.deep.equal([]);
      expect(r.type).to.equal('image/png');
      expect(r.size as number).to.be.greaterThan(1000);
      expect(r.width as number).to.be.greaterThan(0);
      expect(r.thumbLoaded, 'the blob: thumbnail loads').to.equal(true);
      expect(r.tracksEnded, 'no live track').to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
