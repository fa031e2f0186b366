import { expect } from '@open-wc/testing';

// A real insecure context: the test server reached as http://insecure.test:<port>/ (mapped to
// 127.0.0.1 by --host-resolver-rules in the chromium group), where navigator.mediaDevices is absent.
describe('MediaStreamController in an insecure context', () => {
  it('goes to unavailable with a typed insecure-context error and no uncaught exception', async () => {
    const frame = document.createElement('iframe');
    frame.src = `http://insecure.test:${location.port}/test/fixtures/insecure-probe.html`;
    const got = new Promise<Record<string, unknown>>((resolve) =>
      addEventListener('message', (e) => e.data?.type === 'insecure-probe' && resolve(e.data.result)),
    );
    document.body.append(frame);
    const result = await got;
    frame.remove();
    expect(result.secure).to.equal(false);
    expect(result.hasApi).to.equal(false);
    expect(result.state).to.equal('unavailable');
    expect(result.code).to.equal('insecure-context');
    expect(result.message).to.match(/secure/);
    expect(result.uncaught).to.equal(null);
  });
});
