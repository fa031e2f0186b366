import { expect } from '@open-wc/testing';
import { group } from './helpers/env.js';

// Runs only in chromium-deny: Chromium launched with --deny-permission-prompts and no fake UI.
describe('smoke: camera permission denied', () => {
  it('runs in the chromium-deny group', () => {
    expect(group()).to.equal('chromium-deny');
  });

  it('getUserMedia rejects with NotAllowedError', async () => {
    let error: unknown;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      stream.getTracks().forEach((t) => t.stop());
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('NotAllowedError');
  });

  it("permissions.query({ name: 'camera' }) reads denied", async () => {
    const status = await navigator.permissions.query({ name: 'camera' as PermissionName });
    expect(status.state).to.equal('denied');
  });
});
