import { expect } from '@open-wc/testing';
import { MediaCaptureError, browserFamily, errorDeviceOf, setErrorMessages, toMediaCaptureError, type MediaCaptureErrorCode } from '../../src/errors.js';

const cases: [string, string, string, boolean][] = [
  ['NotAllowedError', 'permission-denied', 'denied', false],
  ['NotFoundError', 'not-found', 'unavailable', true],
  ['NotReadableError', 'not-readable', 'error', true],
  ['OverconstrainedError', 'overconstrained', 'error', false],
  ['SecurityError', 'security', 'error', false],
  ['AbortError', 'aborted', 'error', true],
  ['TypeError', 'invalid-argument', 'error', false],
  ['InvalidStateError', 'invalid-state', 'error', true],
  ['SomethingElse', 'unknown', 'error', true],
];

describe('errors', () => {
  afterEach(() => setErrorMessages(null));

  for (const [name, code, state, retryable] of cases) {
    it(`maps ${name} to ${code}`, () => {
      const e = toMediaCaptureError(new DOMException('x', name));
      expect(e).to.be.instanceOf(MediaCaptureError);
      expect(e.code).to.equal(code);
      expect(e.state).to.equal(state);
      expect(e.retryable).to.equal(retryable);
      expect(e.message).to.be.a('string').with.length.greaterThan(10);
      expect(e.advice).to.be.a('string').with.length.greaterThan(5);
      expect(e.cause).to.be.instanceOf(DOMException);
    });
  }

  it('maps a plain TypeError (bad constraints) to invalid-argument', () => {
    expect(toMediaCaptureError(new TypeError('bad')).code).to.equal('invalid-argument');
  });

  it('names the constraint of an OverconstrainedError', () => {
    const e = new MediaCaptureError('overconstrained', { constraint: 'width' });
    expect(e.constraint).to.equal('width');
    expect(e.message).to.contain('width');
  });

  it('treats a dismissed prompt as retryable', () => {
    const e = toMediaCaptureError(new DOMException('Permission dismissed', 'NotAllowedError'));
    expect(e.code).to.equal('permission-dismissed');
    expect(e.retryable).to.equal(true);
  });

  it('gives browser-specific advice to re-allow the camera', () => {
    const advice = new MediaCaptureError('permission-denied').advice;
    const family = browserFamily();
    expect(['chrome', 'firefox', 'safari', 'edge', 'other']).to.include(family);
    if (family === 'firefox') expect(advice).to.match(/address bar/);
    if (family === 'chrome') expect(advice).to.match(/address bar/);
    expect(browserFamily('Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15')).to.equal('safari');
    expect(browserFamily('Mozilla/5.0 Chrome/120.0 Safari/537.36 Edg/120.0')).to.equal('edge');
  });

  it('lets every message and advice be replaced (another language)', () => {
    setErrorMessages({ 'not-found': { message: 'Keine Kamera gefunden.', advice: 'Kamera anschließen.' } }, { chrome: 'Chrome: erlauben.', firefox: 'Firefox: erlauben.', safari: 'Safari: erlauben.', other: 'Erlauben.' });
    expect(new MediaCaptureError('not-found').message).to.equal('Keine Kamera gefunden.');
    expect(new MediaCaptureError('not-found').advice).to.equal('Kamera anschließen.');
    expect(new MediaCaptureError('permission-denied').advice).to.match(/erlauben/);
    setErrorMessages(null);
    expect(new MediaCaptureError('not-found').message).to.equal('No camera or microphone was found.');
  });

  it('names the device the request was for in the message and the advice', () => {
    const notFound = (device?: 'camera' | 'microphone' | 'camera-or-microphone') =>
      toMediaCaptureError(new DOMException('x', 'NotFoundError'), device);
    expect(notFound('camera').message).to.equal('No camera was found.');
    expect(notFound('camera').advice).to.equal('Connect a camera, then try again.');
    expect(notFound('camera').device).to.equal('camera');
    expect(notFound('microphone').message).to.equal('No microphone was found.');
    expect(notFound('camera-or-microphone').message).to.equal('No camera or microphone was found.');
    expect(notFound().device).to.equal('camera-or-microphone');
    expect(new MediaCaptureError('permission-denied', { device: 'camera' }).message).to.equal('Camera access was blocked.');
    expect(new MediaCaptureError('permission-denied', { device: 'microphone' }).message).to.equal('Microphone access was blocked.');
    const advice = new MediaCaptureError('permission-denied', { device: 'microphone' }).advice;
    expect(advice).to.match(/microphone/i).and.not.match(/camera/i);
    expect(new MediaCaptureError('overconstrained', { device: 'camera', constraint: 'width' }).message).to.equal('No camera supports the requested width.');
    // Constraints are named in words, not as the API spells them; an unnamed one is a "setting".
    expect(new MediaCaptureError('overconstrained', { device: 'camera', constraint: 'frameRate' }).message).to.equal('No camera supports the requested frame rate.');
    expect(new MediaCaptureError('overconstrained', { device: 'camera' }).message).to.equal('No camera supports the requested setting.');
    expect(new MediaCaptureError('overconstrained', { device: 'camera', constraint: 'zoomLevel' }).message, 'no word: the API name').to.equal('No camera supports the requested zoomLevel.');
    // No template is left unfilled, for any code and device.
    // A Record over the code type: the compiler fails this test when a new code is not listed.
    const everyCode: Record<MediaCaptureErrorCode, true> = {
      'permission-denied': true,
      'permission-dismissed': true,
      'not-found': true,
      'not-readable': true,
      overconstrained: true,
      security: true,
      aborted: true,
      'invalid-argument': true,
      'invalid-state': true,
      'insecure-context': true,
      'no-api': true,
      'device-lost': true,
      'not-live': true,
      internal: true,
      frozen: true,
      'capture-failed': true,
      'recording-failed': true,
      unknown: true,
    };
    for (const code of Object.keys(everyCode) as MediaCaptureErrorCode[])
      for (const device of ['camera', 'microphone', 'camera-or-microphone'] as const) {
        const e = new MediaCaptureError(code, { device });
        expect(`${e.message} ${e.advice}`, `${code}/${device}`).to.not.match(/[{}]/);
      }
  });

  it('tells which device a request was for', () => {
    expect(errorDeviceOf(['video'])).to.equal('camera');
    expect(errorDeviceOf(['audio'])).to.equal('microphone');
    expect(errorDeviceOf(['video', 'audio'])).to.equal('camera-or-microphone');
    expect(errorDeviceOf([])).to.equal('camera-or-microphone');
  });

  it('lets the device words be replaced, with a capital where the text starts with one', () => {
    setErrorMessages(
      { 'permission-denied': { message: 'Zugriff auf {device} blockiert.' }, 'not-found': { message: '{Device} nicht gefunden.' } },
      undefined,
      { camera: 'die Kamera', microphone: 'das Mikrofon' },
    );
    expect(new MediaCaptureError('permission-denied', { device: 'camera' }).message).to.equal('Zugriff auf die Kamera blockiert.');
    expect(new MediaCaptureError('not-found', { device: 'microphone' }).message).to.equal('Das Mikrofon nicht gefunden.');
    setErrorMessages(null);
    expect(new MediaCaptureError('not-found', { device: 'camera' }).message).to.equal('No camera was found.');
  });

  it('lets the constraint words be replaced, and the word for an unnamed one', () => {
    setErrorMessages({ overconstrained: { message: 'Keine {device} kann die {constraint}.' } }, undefined, { camera: 'Kamera' }, { frameRate: 'Bildrate', setting: 'Einstellung' });
    expect(new MediaCaptureError('overconstrained', { device: 'camera', constraint: 'frameRate' }).message).to.equal('Keine Kamera kann die Bildrate.');
    expect(new MediaCaptureError('overconstrained', { device: 'camera' }).message).to.equal('Keine Kamera kann die Einstellung.');
    setErrorMessages(null);
    expect(new MediaCaptureError('overconstrained', { device: 'camera', constraint: 'frameRate' }).message).to.equal('No camera supports the requested frame rate.');
  });
});
