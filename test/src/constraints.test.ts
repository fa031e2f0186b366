import { expect } from '@open-wc/testing';
import { parseResolution, preferredConstraints, toTrackConstraints } from '../../src/constraints.js';

describe('constraints', () => {
  it('parses resolution presets and WIDTHxHEIGHT, rejects nonsense', () => {
    expect(parseResolution('720p')).to.deep.equal({ width: 1280, height: 720 });
    expect(parseResolution('4K')).to.deep.equal({ width: 3840, height: 2160 });
    expect(parseResolution(' 1920x1080 ')).to.deep.equal({ width: 1920, height: 1080 });
    for (const bad of ['', 'huge', '0x0', '-5x10', '1920', '99999x99999', 'NaNxNaN', null, undefined]) expect(parseResolution(bad)).to.equal(null);
  });

  it('turns plain values into ideals and keeps hard requirements', () => {
    expect(toTrackConstraints({ width: 1280, frameRate: { min: 24 }, deviceId: 'abc', facingMode: 'user' })).to.deep.equal({
      width: { ideal: 1280 },
      frameRate: { min: 24 },
      deviceId: { exact: 'abc' },
      facingMode: { ideal: 'user' },
    });
    expect(toTrackConstraints(true)).to.deep.equal({});
    expect(toTrackConstraints(false)).to.equal(false);
    expect(toTrackConstraints({ echoCancellation: false })).to.deep.equal({ echoCancellation: false });
  });

  it('relaxes only what the caller marked preferred', () => {
    const opts = { width: { exact: 4000, preferred: true }, height: { min: 100 } };
    expect(preferredConstraints(opts)).to.deep.equal(['width']);
    expect(toTrackConstraints(opts, new Set(['width']))).to.deep.equal({ width: { ideal: 4000 }, height: { min: 100 } });
  });
});
