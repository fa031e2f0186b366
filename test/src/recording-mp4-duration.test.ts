import { expect } from '@open-wc/testing';
import { fixMp4Duration } from '../../src/recording/mp4-duration.js';
import { isWebKit, skipUnless } from '../helpers/env.js';

/** One box: size, type, payload. */
function box(type: string, ...payload: Uint8Array<ArrayBuffer>[]): Uint8Array<ArrayBuffer> {
  const size = 8 + payload.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set([...type].map((c) => c.charCodeAt(0)), 4);
  let at = 8;
  for (const p of payload) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const bytes = (n: number): Uint8Array<ArrayBuffer> => new Uint8Array(n);
function mvhd(timescale: number): Uint8Array<ArrayBuffer> {
  const b = bytes(100);
  new DataView(b.buffer).setUint32(12, timescale); // version 0: flags(4) creation(4) modification(4) timescale
  return box('mvhd', b);
}
function mehd(version: 0 | 1, duration: number): Uint8Array<ArrayBuffer> {
  const b = bytes(version === 1 ? 12 : 8);
  const v = new DataView(b.buffer);
  v.setUint8(0, version);
  if (version === 1) v.setBigUint64(4, BigInt(duration));
  else v.setUint32(4, duration);
  return box('mehd', b);
}
const file = (...boxes: Uint8Array<ArrayBuffer>[]) => new Blob([box('ftyp', bytes(8)), ...boxes.map((b) => b.slice()), box('moof', bytes(16)), box('mdat', bytes(64))], { type: 'audio/mp4' });

async function mehdDuration(blob: Blob): Promise<number> {
  const buf = new Uint8Array(await blob.arrayBuffer());
  for (let i = 0; i + 4 < buf.length; i++)
    if (String.fromCharCode(...buf.slice(i, i + 4)) === 'mehd') {
      const v = new DataView(buf.buffer, i + 4);
      return v.getUint8(0) === 1 ? Number(v.getBigUint64(4)) : v.getUint32(4);
    }
  return -1;
}

describe('fixMp4Duration', () => {
  it('writes the mehd duration (version 0 and 1) of a fragmented MP4 that says 0, from the recorded ms and the movie timescale', async () => {
    for (const version of [0, 1] as const) {
      const blob = file(box('moov', mvhd(1000), box('mvex', mehd(version, 0))));
      const fixed = await fixMp4Duration(blob, 2500.4);
      expect(fixed).to.not.equal(blob);
      expect(fixed.size).to.equal(blob.size);
      expect(fixed.type).to.equal('audio/mp4');
      expect(await mehdDuration(fixed), `version ${version}`).to.equal(2500);
    }
    const named = new File([file(box('moov', mvhd(90000), box('mvex', mehd(0, 0))))], 'a.m4a', { type: 'audio/mp4', lastModified: 5 });
    const out = (await fixMp4Duration(named, 1000)) as File;
    expect([out.name, out.lastModified]).to.deep.equal(['a.m4a', 5]);
    expect(await mehdDuration(out)).to.equal(90000);
  });

  it('gives back the same blob: a duration already there, no mehd, not MP4, garbage, a bad duration', async () => {
    const withDuration = file(box('moov', mvhd(1000), box('mvex', mehd(0, 777))));
    expect(await fixMp4Duration(withDuration, 1000)).to.equal(withDuration);
    const noMehd = file(box('moov', mvhd(1000)));
    expect(await fixMp4Duration(noMehd, 1000)).to.equal(noMehd);
    const webm = new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3])], { type: 'video/webm' });
    expect(await fixMp4Duration(webm, 1000)).to.equal(webm);
    const garbage = new Blob([crypto.getRandomValues(new Uint8Array(4096))]);
    expect(await fixMp4Duration(garbage, 1000)).to.equal(garbage);
    const zero = file(box('moov', mvhd(1000), box('mvex', mehd(0, 0))));
    expect(await fixMp4Duration(zero, 0)).to.equal(zero);
    expect(await fixMp4Duration(zero, Number.NaN)).to.equal(zero);
  });

  it('a real WebKitGTK sound recording (its mehd says 0; <audio> reads 1 to 2 s of 3) plays its whole length once fixed', async function () {
    skipUnless(isWebKit(), 'only WebKit records fragmented MP4 with a zero mehd here (Chromium and Firefox write the duration)');
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    try {
      const r = new MediaRecorder(mic);
      const chunks: Blob[] = [];
      r.ondataavailable = (e) => chunks.push(e.data);
      const t0 = performance.now();
      r.start();
      await new Promise((res) => setTimeout(res, 3000));
      const stopped = new Promise((res) => (r.onstop = res));
      r.stop();
      const ms = performance.now() - t0;
      await stopped;
      const blob = new Blob(chunks, { type: 'audio/mp4' });
      const duration = async (b: Blob) => {
        const a = document.createElement('audio');
        a.src = URL.createObjectURL(b);
        return new Promise<number>((res, rej) => {
          a.onloadedmetadata = () => res(a.duration);
          a.onerror = () => rej(new Error('does not play'));
        });
      };
      const before = await duration(blob); // what the engine makes of it unfixed: 1 to 2 s of the 3
      const fixed = await fixMp4Duration(blob, ms);
      expect(fixed, 'patched').to.not.equal(blob);
      const after = await duration(fixed);
      expect(Math.abs(after * 1000 - ms) / ms, `${after} s (unfixed ${before} s) for ${ms} ms`).to.be.below(0.05);
    } finally {
      mic.getTracks().forEach((t) => t.stop());
    }
  });
});
