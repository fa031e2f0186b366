/**
 * fixWebmDuration on real MediaRecorder files of each engine (fake camera, a canvas's
 * captureStream, a Web Audio oscillator or the fake microphone), and on hand-built EBML for the
 * layouts no engine here writes (a Void after Info, a SeekHead, a known Segment size, Cues).
 *
 * What the engines here write (checked 2026-12-08 with these tests):
 * - Chromium 156: with a timeslice, a live WebM (unknown Segment size, no Duration); its <video>
 *   reads Infinity or, now and then, a duration it found itself. Without a timeslice it writes
 *   Duration, Cues and a known Segment size (the file is returned as it is).
 * - Firefox ESR: a Duration of 0 in every WebM; its player finds a video file's length by itself
 *   but reads Infinity for an audio WebM. The 0 is overwritten in place.
 * - WebKitGTK: no WebM at all (MP4 only: audio/mp4 works, video/mp4 gives no bytes here).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { fixWebmDuration } from '../../src/recording/webm-duration.js';
import { skipUnless } from '../helpers/env.js';
import { drawnCanvasStream } from '../helpers/media.js';
import { leftTone, runningContext } from '../audio/tone.js';

// A video-only stream: no `opus` in the type (Firefox's recorder given vp8,opus and no audio track never starts).
const VIDEO_WEBM = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'];
const AUDIO_WEBM = ['audio/webm;codecs=opus', 'audio/webm'];
const RECORD_MS = 1500;

const supported = (types: string[]): string | undefined =>
  typeof MediaRecorder === 'undefined' ? undefined : types.find((t) => MediaRecorder.isTypeSupported(t));

interface Recording {
  blob: Blob;
  /** From the recorder's `start` event to its `stop` event. */
  durationMs: number;
}

/**
 * Records `stream` with a real MediaRecorder for about `ms`, with chunks every `timeslice` ms (as
 * an app with a timeslice would; Chromium then writes a live file without Duration) or one chunk
 * at the end (Chromium then writes Duration, Cues and a known Segment size itself).
 */
async function record(stream: MediaStream, mimeType: string, ms = RECORD_MS, timeslice: number | null = 250): Promise<Recording> {
  const recorder = new MediaRecorder(stream, { mimeType });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const within = (what: string, timeout: number) =>
    new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error(`the recorder did not ${what} in time (${mimeType})`)), timeout);
      recorder.addEventListener(what, resolve);
    });
  const started = within('start', 5000);
  const stopped = within('stop', 5000 + ms);
  stopped.catch(() => {}); // awaited below; not an unhandled rejection while recording
  recorder.start(timeslice ?? undefined);
  await started;
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  recorder.stop();
  await stopped;
  return { blob: new Blob(chunks, { type: recorder.mimeType || mimeType }), durationMs: performance.now() - t0 };
}

/** Loads `blob` in a media element; resolves with it once its metadata is there. */
async function load(blob: Blob, kind: 'video' | 'audio'): Promise<HTMLMediaElement> {
  const media = document.createElement(kind);
  media.muted = true;
  media.preload = 'auto';
  const url = URL.createObjectURL(blob);
  media.src = url;
  document.body.append(media);
  try {
    await new Promise<void>((resolve, reject) => {
      media.onloadedmetadata = () => resolve();
      media.onerror = () => reject(new Error(`the ${kind} element could not load the file: ${media.error?.message ?? media.error?.code}`));
    });
  } catch (e) {
    media.remove();
    URL.revokeObjectURL(url);
    throw e;
  }
  return media;
}

function unload(media: HTMLMediaElement): void {
  URL.revokeObjectURL(media.src);
  media.removeAttribute('src');
  media.load();
  media.remove();
}

/**
 * The Segment Info's Duration in ms as the file's header has it (a byte scan of the head, for the
 * checks: the Duration and TimecodeScale IDs), or undefined when there is none.
 */
async function headerDurationMs(blob: Blob): Promise<number | undefined> {
  const b = new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
  const at = (...id: number[]): number => b.findIndex((_x, i) => id.every((v, k) => b[i + k] === v));
  const s = at(0x2a, 0xd7, 0xb1);
  let scale = 1_000_000;
  if (s >= 0) {
    scale = 0;
    for (let k = 0; k < (b[s + 3]! & 0x7f); k++) scale = scale * 256 + b[s + 4 + k]!;
  }
  const d = at(0x44, 0x89);
  if (d < 0) return undefined;
  const view = new DataView(b.buffer, d + 3);
  const value = b[d + 2] === 0x88 ? view.getFloat64(0) : view.getFloat32(0);
  return (value * scale) / 1_000_000;
}

interface Source {
  name: string;
  /** MediaRecorder's timeslice (default 250); null: one chunk when it stops. */
  timeslice?: number | null;
  kind: 'video' | 'audio';
  types: string[];
  /** The stream and how to end it, or a reason to skip. */
  open(): Promise<{ stream: MediaStream; close(): void } | string>;
}

const SOURCES: Source[] = [
  {
    name: 'the fake camera',
    kind: 'video',
    types: VIDEO_WEBM,
    async open() {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      return { stream, close: () => stream.getTracks().forEach((t) => t.stop()) };
    },
  },
  {
    name: 'the fake camera and microphone, one chunk at the end (no timeslice)',
    kind: 'video',
    types: ['video/webm;codecs=vp8,opus', 'video/webm'],
    timeslice: null,
    async open() {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: true });
      return { stream, close: () => stream.getTracks().forEach((t) => t.stop()) };
    },
  },
  {
    name: "a canvas's captureStream",
    kind: 'video',
    types: VIDEO_WEBM,
    async open() {
      const canvas = drawnCanvasStream();
      return { stream: canvas.stream, close: () => canvas.stop() };
    },
  },
  {
    name: 'a Web Audio oscillator',
    kind: 'audio',
    types: AUDIO_WEBM,
    async open() {
      const context = await runningContext();
      if (!context) return 'no AudioContext runs in this engine here, even after a real user gesture (a real key press)';
      const tone = leftTone(context);
      return {
        stream: tone.stream,
        close: () => {
          tone.stream.getTracks().forEach((t) => t.stop());
          void tone.close();
        },
      };
    },
  },
  {
    name: 'the fake microphone',
    kind: 'audio',
    types: AUDIO_WEBM,
    async open() {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      return { stream, close: () => stream.getTracks().forEach((t) => t.stop()) };
    },
  },
];

describe('fixWebmDuration: real MediaRecorder files', function () {
  this.timeout(30_000);

  for (const source of SOURCES) {
    it(`a WebM recorded from ${source.name} plays with a finite duration within 5 % of the recorded time, and seeks`, async () => {
      const type = supported(source.types);
      skipUnless(type, `this engine's MediaRecorder writes no ${source.kind} WebM`);
      const opened = await source.open();
      skipUnless(typeof opened !== 'string', String(opened));
      let recording: Recording;
      try {
        recording = await record(opened.stream, type, RECORD_MS, source.timeslice);
      } finally {
        opened.close();
      }
      const header = await headerDurationMs(recording.blob);
      const fixed = await fixWebmDuration(recording.blob, recording.durationMs);
      if (header !== undefined && header > 0) expect(fixed, 'a file that has its duration is returned as it is').to.equal(recording.blob);
      else {
        expect(fixed, 'a file without a duration is patched').not.to.equal(recording.blob);
        expect(await headerDurationMs(fixed)).to.be.closeTo(recording.durationMs, 0.001);
      }
      expect(fixed.type).to.equal(recording.blob.type);

      const media = await load(fixed, source.kind);
      try {
        expect(media.duration, 'finite duration').to.satisfy(Number.isFinite);
        expect(media.duration * 1000).to.be.closeTo(recording.durationMs, recording.durationMs * 0.05);
        await waitUntil(() => media.seekable.length > 0, 'the file becomes seekable', { timeout: 5000 });
        // a seek near the end lands there
        const target = media.duration * 0.8;
        const seeked = new Promise((resolve) => (media.onseeked = resolve));
        media.currentTime = target;
        await seeked;
        expect(media.currentTime).to.be.closeTo(target, 0.25);
      } finally {
        unload(media);
      }

      // Fixing it again changes nothing: the same object comes back.
      expect(await fixWebmDuration(fixed, recording.durationMs)).to.equal(fixed);
    });
  }

  it('returns a recording in another container (MP4, Ogg) unchanged', async () => {
    // the fake microphone: WebKitGTK's recorder here writes MP4 only, and no bytes for video
    const type = supported(['audio/mp4', 'audio/ogg;codecs=opus', 'audio/ogg']);
    skipUnless(type, "this engine's MediaRecorder writes neither MP4 nor Ogg audio");
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    let recording: Recording;
    try {
      recording = await record(stream, type, 500);
    } finally {
      stream.getTracks().forEach((t) => t.stop());
    }
    expect(recording.blob.size).to.be.greaterThan(0);
    expect(await fixWebmDuration(recording.blob, recording.durationMs)).to.equal(recording.blob);
  });

  it('returns a recording cut inside its header, garbage and a non-WebM blob unchanged, without throwing', async function () {
    const png = await new Promise<Blob>((resolve) => {
      const c = document.createElement('canvas');
      c.width = c.height = 8;
      c.toBlob((b) => resolve(b!), 'image/png');
    });
    const garbage = new Blob([crypto.getRandomValues(new Uint8Array(4096))]);
    const blobs: Blob[] = [new Blob([]), png, garbage, new Blob(['hello'], { type: 'text/plain' })];
    const type = supported(VIDEO_WEBM);
    if (type) {
      const canvas = drawnCanvasStream();
      try {
        const { blob } = await record(canvas.stream, type, 500);
        const head = new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
        const infoAt = head.findIndex((b, i) => b === 0x15 && head[i + 1] === 0x49 && head[i + 2] === 0xa9 && head[i + 3] === 0x66);
        expect(infoAt, 'the recording has a Segment Info').to.be.greaterThan(0);
        // every cut before Info's data ends: inside the EBML header, the Segment's head, Info
        for (let n = 1; n < infoAt + 6; n += 3) blobs.push(blob.slice(0, n, blob.type));
        // the header's bytes scrambled after the EBML ID
        head.fill(0x00, 4, 12);
        blobs.push(new Blob([head.subarray(0, 64), blob.slice(64)], { type: blob.type }));
        // A file cut after its header (what a recorder that failed had gathered) still gets its duration.
        const partial = blob.slice(0, infoAt + 200, blob.type);
        expect(await headerDurationMs(await fixWebmDuration(partial, 1500))).to.equal(1500);
      } finally {
        canvas.stop();
      }
    }
    for (const blob of blobs) expect(await fixWebmDuration(blob, 1500), `${blob.size} bytes`).to.equal(blob);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-built EBML: layouts no MediaRecorder here writes, checked byte by byte.

const size = (n: number, length = 1): number[] => {
  const out: number[] = [];
  let v = n;
  for (let i = 0; i < length; i++) {
    out.unshift(v % 256);
    v = Math.floor(v / 256);
  }
  out[0]! |= 0x80 >> (length - 1);
  return out;
};
const el = (id: number[], data: number[], sizeLength = 1): number[] => [...id, ...size(data.length, sizeLength), ...data];
const text = (s: string): number[] => [...new TextEncoder().encode(s)];
const EBML_HEAD = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], text('webm')));
const UNKNOWN = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const SCALE = el([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]); // 1 000 000 ns
const INFO = el([0x15, 0x49, 0xa9, 0x66], [...SCALE, ...el([0x4d, 0x80], text('test'))]);
const TRACKS = el([0x16, 0x54, 0xae, 0x6b], el([0xae], el([0xd7], [1])));
const CLUSTER = [0x1f, 0x43, 0xb6, 0x75, ...UNKNOWN, ...el([0xe7], [0]), ...el([0xa3], [0x81, 0, 0, 0x80, 1, 2, 3])];
const seek = (id: number[], position: number): number[] =>
  el([0x4d, 0xbb], [...el([0x53, 0xab], id), ...el([0x53, 0xac], [position >> 8, position & 0xff])]);

/** Minimal EBML reader for the checks: the Segment's children (id, offset in the Segment's data, bytes). */
function segmentChildren(bytes: Uint8Array): { id: number; at: number; data: Uint8Array }[] {
  const vint = (pos: number, keepMarker: boolean): [number, number] => {
    const len = Math.clz32(bytes[pos]!) - 23;
    let v = keepMarker ? bytes[pos]! : bytes[pos]! & (0xff >> len);
    for (let i = 1; i < len; i++) v = v * 256 + bytes[pos + i]!;
    return [v, len];
  };
  let pos = 0;
  const [, l1] = vint(pos, true);
  const [s1, l2] = vint(pos + l1, false);
  pos += l1 + l2 + s1; // after EBML
  const [, l3] = vint(pos, true);
  const [, l4] = vint(pos + l3, false);
  const segmentData = pos + l3 + l4;
  const list = [];
  for (pos = segmentData; pos < bytes.length; ) {
    const [id, li] = vint(pos, true);
    const [s, ls] = vint(pos + li, false);
    const unknown = id === 0x1f43b675 && bytes[pos + li] === 0x01;
    const end = unknown ? bytes.length : pos + li + ls + s;
    list.push({ id, at: pos - segmentData, data: bytes.subarray(pos + li + ls, end) });
    pos = end;
  }
  return list;
}

const durationIn = (info: Uint8Array): number | undefined => {
  for (let i = 0; i + 11 <= info.length; i++) {
    if (info[i] === 0x44 && info[i + 1] === 0x89 && info[i + 2] === 0x88) return new DataView(info.buffer, info.byteOffset + i + 3, 8).getFloat64(0);
  }
  return undefined;
};

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('fixWebmDuration: EBML layouts', () => {
  it('adds Duration to Info of a live file (unknown Segment size) and keeps every other byte', async () => {
    const file = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...INFO, ...TRACKS, ...CLUSTER]);
    const out = await bytesOf(await fixWebmDuration(new Blob([file], { type: 'video/webm' }), 1234.5));
    expect(out.length).to.equal(file.length + 11);
    const kids = segmentChildren(out);
    expect(kids.map((k) => k.id)).to.deep.equal([0x1549a966, 0x1654ae6b, 0x1f43b675]);
    expect(durationIn(kids[0]!.data)).to.equal(1234.5);
    expect([...kids[1]!.data]).to.deep.equal(TRACKS.slice(5));
    expect([...out.subarray(out.length - CLUSTER.length)]).to.deep.equal(CLUSTER);
  });

  it('writes Duration in TimecodeScale units', async () => {
    const info = el([0x15, 0x49, 0xa9, 0x66], el([0x2a, 0xd7, 0xb1], [0x03, 0xe8])); // 1000 ns: microsecond ticks
    const file = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...info, ...CLUSTER]);
    const out = await bytesOf(await fixWebmDuration(new Blob([file]), 2000));
    expect(durationIn(segmentChildren(out)[0]!.data)).to.equal(2_000_000);
  });

  it('takes the bytes from a Void after Info: nothing after it moves', async () => {
    const voidEl = el([0xec], Array.from({ length: 30 }, () => 0));
    const file = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...INFO, ...voidEl, ...TRACKS, ...CLUSTER]);
    const out = await bytesOf(await fixWebmDuration(new Blob([file]), 500));
    expect(out.length).to.equal(file.length);
    const kids = segmentChildren(out);
    expect(kids.map((k) => k.id)).to.deep.equal([0x1549a966, 0xec, 0x1654ae6b, 0x1f43b675]);
    expect(durationIn(kids[0]!.data)).to.equal(500);
    expect(kids[2]!.at, 'Tracks did not move').to.equal(INFO.length + voidEl.length);
  });

  it('a Void of exactly the Duration\'s length goes away', async () => {
    const voidEl = el([0xec], Array.from({ length: 9 }, () => 0)); // 11 bytes
    const file = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...INFO, ...voidEl, ...TRACKS]);
    const out = await bytesOf(await fixWebmDuration(new Blob([file]), 500));
    expect(out.length).to.equal(file.length);
    expect(segmentChildren(out).map((k) => k.id)).to.deep.equal([0x1549a966, 0x1654ae6b]);
  });

  it('moves the SeekHead positions of what lies after Info, and grows a known Segment size', async () => {
    const seekHeadLength = 4 + 1 + 2 * (2 + 1 + 2 + 1 + 4 + 2 + 1 + 2); // id, size, two Seeks of SeekID(4)+SeekPosition(2)
    const infoAt = seekHeadLength;
    const tracksAt = infoAt + INFO.length;
    const seekHead = el([0x11, 0x4d, 0x9b, 0x74], [...seek([0x15, 0x49, 0xa9, 0x66], infoAt), ...seek([0x16, 0x54, 0xae, 0x6b], tracksAt)]);
    expect(seekHead.length).to.equal(seekHeadLength);
    const body = [...seekHead, ...INFO, ...TRACKS];
    const file = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...size(body.length, 8), ...body]);
    const out = await bytesOf(await fixWebmDuration(new Blob([file]), 750));
    const kids = segmentChildren(out);
    const [head, info, tracks] = kids;
    expect(durationIn(info!.data)).to.equal(750);
    expect(tracks!.at).to.equal(tracksAt + 11);
    // the positions: Info's unchanged (before the insertion), Tracks' moved
    const positions = [...head!.data].flatMap((_b, i, a) => (a[i - 2] === 0x53 && a[i - 1] === 0xac ? [a[i + 1]! * 256 + a[i + 2]!] : []));
    expect(positions).to.deep.equal([infoAt, tracksAt + 11]);
    // the Segment's size
    const segmentSize = out.subarray(EBML_HEAD.length + 4, EBML_HEAD.length + 12);
    expect(segmentSize[0]).to.equal(0x01);
    expect(segmentSize[7]! + segmentSize[6]! * 256).to.equal(body.length + 11);
  });

  it('overwrites a zero Duration in place, and leaves a finite one as it is', async () => {
    const zero = el([0x15, 0x49, 0xa9, 0x66], [...SCALE, 0x44, 0x89, 0x84, 0, 0, 0, 0]); // float32 0
    const file = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...zero, ...CLUSTER]);
    const out = await bytesOf(await fixWebmDuration(new Blob([file]), 1500));
    expect(out.length).to.equal(file.length);
    const info = segmentChildren(out)[0]!.data;
    expect(new DataView(info.buffer, info.byteOffset + SCALE.length + 3, 4).getFloat32(0)).to.equal(1500);

    const fine = new Blob([out.slice()]);
    expect(await fixWebmDuration(fine, 9999)).to.equal(fine);
  });

  it('leaves a file with Cues and no room unchanged (their positions lie past the head)', async () => {
    const cues = el([0x1c, 0x53, 0xbb, 0x6b], el([0xbb], el([0xb3], [0])));
    const file = new Blob([new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...cues, ...INFO, ...CLUSTER])]);
    expect(await fixWebmDuration(file, 1500)).to.equal(file);
  });

  it('keeps a File a File (name, type, lastModified), and ignores a duration that is not a positive number', async () => {
    const bytes = new Uint8Array([...EBML_HEAD, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...INFO, ...CLUSTER]);
    const file = new File([bytes], 'clip.webm', { type: 'video/webm', lastModified: 1234 });
    const out = await fixWebmDuration(file, 1000);
    expect(out).to.be.instanceOf(File);
    expect((out as File).name).to.equal('clip.webm');
    expect((out as File).lastModified).to.equal(1234);
    expect(out.type).to.equal('video/webm');
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(await fixWebmDuration(file, bad)).to.equal(file);
  });
});
