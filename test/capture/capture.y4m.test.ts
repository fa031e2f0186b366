/**
 * Pixel tests of the capture pipeline against Chromium's y4m camera (a 640x480 still: red, green,
 * blue and white quadrants; see test/helpers/pattern.ts). Run: npm test -- --group chromium-y4m
 */
import { expect } from '@open-wc/testing';
import { CaptureError, EFFECT_NAMES, type EffectName } from '../../src/capture/index.js';
import { PATTERN, expectColorNear, expectPattern, quadrantCenter, sampleCanvas, type Quadrant, type RGB } from '../helpers/pattern.js';
import { captureWarnings, cleanup, decode, maxChannelSpread, nextVideoFrame, openCamera, pipeline, previewSize, startLive, until } from './support.js';

const T = PATTERN.tolerance;
const Q = PATTERN.quadrants;
const QUADS = Object.keys(Q) as Quadrant[];
const luma = ([r, g, b]: RGB): number => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const sepia = ([r, g, b]: RGB): RGB => [
  Math.min(255, 0.393 * r + 0.769 * g + 0.189 * b),
  Math.min(255, 0.349 * r + 0.686 * g + 0.168 * b),
  Math.min(255, 0.272 * r + 0.534 * g + 0.131 * b),
];

async function quadrantColors(image: Blob | ImageBitmap): Promise<Record<Quadrant, RGB>> {
  const bitmap = await createImageBitmap(image);
  if (image instanceof ImageBitmap) image.close();
  const out = {} as Record<Quadrant, RGB>;
  for (const q of QUADS) {
    const [x, y] = quadrantCenter(q, bitmap.width, bitmap.height);
    out[q] = await sampleCanvas(bitmap, x, y);
  }
  bitmap.close();
  return out;
}

describe('capture pipeline: pixels (y4m camera)', function () {
  this.timeout(30_000);
  afterEach(cleanup);

  it('photo has the track size and keeps the colours with effect none (both renderers)', async () => {
    const cam = await openCamera();
    const { width, height } = cam.track.getSettings();
    for (const renderer of ['webgl2', '2d'] as const) {
      const p = pipeline({ renderer });
      expect(p.rendererKind).to.equal(renderer);
      p.attach(cam.video);
      const file = await p.capturePhoto({ format: 'image/png' });
      const bitmap = await createImageBitmap(file);
      expect([bitmap.width, bitmap.height]).to.deep.equal([width, height]);
      bitmap.close();
      await expectPattern(file);
    }
  });

  it('grayscale gives R≈G≈B with the luma of each quadrant', async () => {
    const cam = await openCamera();
    const p = pipeline({ effect: 'grayscale' });
    p.attach(cam.video);
    for (const renderer of ['webgl2', '2d'] as const) {
      const file = await p.capturePhoto({ format: 'image/png', renderer });
      expect(p.lastCapture!.renderer).to.equal(renderer);
      expect(maxChannelSpread(await decode(file))).to.be.at.most(3);
      const got = await quadrantColors(file);
      for (const q of QUADS) {
        const l = luma(Q[q]);
        expectColorNear(got[q], [l, l, l], T, `${renderer} ${q}`);
      }
    }
  });

  it('sepia and invert give the expected colours', async () => {
    const cam = await openCamera();
    const p = pipeline();
    p.attach(cam.video);
    for (const renderer of ['webgl2', '2d'] as const) {
      const sep = await quadrantColors(await p.capturePhoto({ format: 'image/png', effect: 'sepia', renderer }));
      const inv = await quadrantColors(await p.capturePhoto({ format: 'image/png', effect: 'invert', renderer }));
      for (const q of QUADS) {
        expectColorNear(sep[q], sepia(Q[q]), T, `sepia ${renderer} ${q}`);
        expectColorNear(inv[q], Q[q].map((c) => 255 - c) as unknown as RGB, T, `invert ${renderer} ${q}`);
      }
    }
  });

  it('adjustments: brightness 0 is black, saturation 0 is grey, contrast 0 is mid-grey', async () => {
    const cam = await openCamera();
    const p = pipeline();
    p.attach(cam.video);
    for (const renderer of ['webgl2', '2d'] as const) {
      const dark = await quadrantColors(await p.capturePhoto({ format: 'image/png', renderer, adjustments: { brightness: 0 } }));
      const flat = await quadrantColors(await p.capturePhoto({ format: 'image/png', renderer, adjustments: { contrast: 0 } }));
      const grey = await p.capturePhoto({ format: 'image/png', renderer, adjustments: { saturation: 0 } });
      for (const q of QUADS) {
        expectColorNear(dark[q], [0, 0, 0], 2, `brightness 0 ${renderer} ${q}`);
        expectColorNear(flat[q], [128, 128, 128], 2, `contrast 0 ${renderer} ${q}`);
      }
      expect(maxChannelSpread(await decode(grey))).to.be.at.most(3);
    }
  });

  it('a mirrored preview gives an unmirrored photo; mirrorPhoto mirrors it', async () => {
    const cam = await openCamera();
    for (const renderer of ['webgl2', '2d'] as const) {
      const p = pipeline({ renderer, mirror: true });
      await startLive(p, cam.video);
      // A canvas drawn by the live worker (2D in Chromium) shows the worker's frame only once it
      // reached the page: until then it is the blank 300x150 placeholder.
      expect(await previewSize(p, cam.video), renderer).to.equal(`${cam.video.videoWidth}x${cam.video.videoHeight}`);
      // The live canvas shows the mirror image...
      if (renderer === '2d') await expectPattern(p.canvas, { mirrored: true });
      else {
        const snap = await createImageBitmap(p.canvas);
        await expectPattern(snap, { mirrored: true });
        snap.close();
      }
      // ...but the photo does not, unless asked.
      await expectPattern(await p.capturePhoto({ format: 'image/png' }));
      await expectPattern(await p.capturePhoto({ format: 'image/png', mirrorPhoto: true }), { mirrored: true });
      // With an effect on the GL path too.
      await expectPattern(await p.capturePhoto({ format: 'image/png', effect: 'pixelate', renderer }));
      p.stop();
    }
  });

  it('the 2D path matches WebGL2 within tolerance for every effect', async () => {
    const cam = await openCamera();
    const p = pipeline({ renderer: 'webgl2', adjustments: { brightness: 1.1, contrast: 1.2, saturation: 0.8 } });
    p.attach(cam.video);
    const effects: readonly EffectName[] = EFFECT_NAMES;
    for (const effect of effects) {
      const gl = await decode(await p.capturePhoto({ format: 'image/png', effect, renderer: 'webgl2' }));
      expect(p.lastCapture!.renderer).to.equal('webgl2'); // adjustments are not neutral
      expect(p.lastCapture!.encoder).to.equal('worker');
      const cpu = await decode(await p.capturePhoto({ format: 'image/png', effect, renderer: '2d' }));
      expect(p.lastCapture!.renderer).to.equal('2d');
      const mainGL = await decode(await p.capturePhoto({ format: 'image/png', effect, renderer: 'webgl2', worker: false }));
      expect(p.lastCapture!).to.include({ renderer: 'webgl2', encoder: 'main' });
      compare(effect, gl, cpu);
      compare(`${effect} (main-thread WebGL2)`, mainGL, cpu);
    }
  });

  function compare(effect: string, gl: ImageData, cpu: ImageData): void {
    expect([gl.width, gl.height]).to.deep.equal([cpu.width, cpu.height]);
    // Pixel by pixel, away from the quadrant edges (4:2:0 chroma there depends on the upload path).
    let worst = 0;
    let sum = 0;
    let n = 0;
    for (let y = 0; y < gl.height; y += 3) {
      if (Math.abs(y - gl.height / 2) < 8) continue;
      for (let x = 0; x < gl.width; x += 3) {
        if (Math.abs(x - gl.width / 2) < 8) continue;
        const i = (y * gl.width + x) * 4;
        for (let c = 0; c < 3; c++) {
          const d = Math.abs(gl.data[i + c]! - cpu.data[i + c]!);
          worst = Math.max(worst, d);
          sum += d;
          n++;
        }
      }
    }
    expect(worst, `${effect}: largest channel difference`).to.be.at.most(4);
  }


  it('a live effect switch on WebGL2 shows the new effect once its program has linked; a photo right after the switch already has it', async () => {
    const cam = await openCamera();
    const p = pipeline({ renderer: 'webgl2' });
    await startLive(p, cam.video);
    p.setEffect('invert');
    // The photo waits for the program (on the main thread here: forced WebGL2, no worker).
    const photo = await quadrantColors(await p.capturePhoto({ format: 'image/png', renderer: 'webgl2', worker: false }));
    expect(p.lastCapture!.renderer).to.equal('webgl2');
    expectColorNear(photo.topLeft, [0, 255, 255], T, 'photo after the switch');
    // The preview gets there too (it never waits for the compiler; it may show a frame or two of the old effect).
    let live: Record<Quadrant, RGB> | null = null;
    const end = performance.now() + 5000;
    for (;;) {
      live = await quadrantColors(await createImageBitmap(p.canvas));
      if (Math.abs(live.topLeft[0] - 0) <= T && Math.abs(live.topLeft[1] - 255) <= T) break;
      if (performance.now() > end) throw new Error(`the live preview never showed the inverted picture: ${JSON.stringify(live)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expectColorNear(live.bottomRight, [0, 0, 0], T, 'live after the switch');
  });

  it('keeps capturing through a WebGL context loss and restore', async () => {
    const cam = await openCamera();
    const p = pipeline({ renderer: 'webgl2', effect: 'invert' });
    await startLive(p, cam.video, { frames: 0, what: 'first frame' });
    const gl = p.canvas.getContext('webgl2')!;
    const lose = gl.getExtension('WEBGL_lose_context')!;
    const lost = new Promise((r) => p.canvas.addEventListener('webglcontextlost', r, { once: true }));
    lose.loseContext();
    await lost;
    expect(p.contextLost).to.equal(true);
    // The main-thread path renders with the live context: while it is lost, photos use 2D.
    const inverted = await p.capturePhoto({ format: 'image/png', renderer: 'webgl2', worker: false });
    expect(p.lastCapture!.renderer).to.equal('2d');
    // The worker path has its own context and is unaffected.
    expectColorNear((await quadrantColors(await p.capturePhoto({ format: 'image/png' }))).topLeft, [0, 255, 255], T, 'worker while lost');
    const got = await quadrantColors(inverted);
    expectColorNear(got.topLeft, [0, 255, 255], T, 'while lost');

    const restored = new Promise((r) => p.canvas.addEventListener('webglcontextrestored', r, { once: true }));
    lose.restoreContext();
    await restored;
    expect(p.contextLost).to.equal(false);
    const after = p.frameCount;
    await until(() => p.frameCount > after + 1, 5000, 'live frames after restore');
    const again = await quadrantColors(await p.capturePhoto({ format: 'image/png', renderer: 'webgl2', worker: false }));
    expect(p.lastCapture!).to.include({ renderer: 'webgl2', encoder: 'main' });
    expectColorNear(again.topLeft, [0, 255, 255], T, 'after restore');
    expectColorNear(again.bottomRight, [0, 0, 0], T, 'after restore');
  });

  it('encodes png, webp and jpeg; an unsupported format falls back to JPEG with a warning', async () => {
    const cam = await openCamera();
    const p = pipeline();
    p.attach(cam.video);
    for (const [format, ext] of [
      ['image/png', 'png'],
      ['image/webp', 'webp'],
      ['image/jpeg', 'jpg'],
    ] as const) {
      const file = await p.capturePhoto({ format, quality: 0.9 });
      expect(file).to.be.instanceOf(File);
      expect(file.type).to.equal(format);
      expect(file.name).to.match(new RegExp(`^photo-\\d+\\.${ext}$`));
      await expectPattern(file);
    }
    const defaultFile = await p.capturePhoto();
    expect(defaultFile.type).to.equal('image/jpeg');
    const { result, warnings } = await captureWarnings(() => p.capturePhoto({ format: 'image/x-unsupported' }));
    expect(result.type).to.equal('image/jpeg');
    expect(result.name).to.match(/\.jpg$/);
    expect(warnings.map((w) => String(w[0])).join('\n')).to.contain('image/x-unsupported');
    await expectPattern(result);
    // A given name, on the worker and on the main thread (the File is made where it is encoded).
    for (const worker of [true, false]) {
      const named = await p.capturePhoto({ format: 'image/png', name: 'me.png', worker });
      expect(p.lastCapture!.encoder).to.equal(worker ? 'worker' : 'main');
      expect(named).to.be.instanceOf(File);
      expect([named.name, named.type]).to.deep.equal(['me.png', 'image/png']);
      expect(named.lastModified).to.be.closeTo(Date.now(), 60_000);
    }
    const bad = await p.capturePhoto({ quality: 2 }).catch((e: unknown) => e);
    expect(bad).to.be.instanceOf(CaptureError).and.have.property('code', 'invalid-option');
  });

  it('rejects with a typed error on a stopped source, and without a source', async () => {
    const p = pipeline();
    const none = await p.capturePhoto().catch((e: unknown) => e);
    expect(none).to.be.instanceOf(CaptureError).and.have.property('code', 'no-source');
    const cam = await openCamera();
    p.attach(cam.video);
    await p.capturePhoto();
    cam.track.stop();
    const err = await p.capturePhoto().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CaptureError);
    expect(err).to.be.instanceOf(Error);
    expect((err as CaptureError).code).to.equal('not-live');
    expect((err as CaptureError).message).to.match(/not live/);
    p.dispose();
    const disposed = await p.capturePhoto().catch((e: unknown) => e);
    expect(disposed).to.have.property('code', 'disposed');
  });

  it('worker path, forced main thread, and a worker that cannot load all give correct photos', async () => {
    const cam = await openCamera();
    const viaWorker = pipeline({ effect: 'grayscale' });
    viaWorker.attach(cam.video);
    const a = await viaWorker.capturePhoto({ format: 'image/png', renderer: '2d' });
    expect(viaWorker.lastCapture!.encoder).to.equal('worker');
    const b = await viaWorker.capturePhoto({ format: 'image/png', renderer: '2d', worker: false });
    expect(viaWorker.lastCapture!.encoder).to.equal('main');

    const broken = pipeline({ effect: 'grayscale', workerUrl: new URL('/no-such-worker.js', location.href) });
    broken.attach(cam.video);
    const c = await broken.capturePhoto({ format: 'image/png' });
    expect(broken.lastCapture!.encoder).to.equal('main');
    const noWorker = pipeline({ effect: 'grayscale', workerUrl: null });
    noWorker.attach(cam.video);
    const d = await noWorker.capturePhoto({ format: 'image/png' });
    expect(noWorker.lastCapture!.encoder).to.equal('main');

    for (const file of [a, b, c, d]) {
      const got = await quadrantColors(file);
      for (const q of QUADS) {
        const l = luma(Q[q]);
        expectColorNear(got[q], [l, l, l], T, q);
      }
    }
  });

  it('a worker that hangs or crashes (injected: test fixture workers) gives the photo from the main thread, with a warning', async () => {
    const cam = await openCamera();
    // Only the silent worker gets a short job timeout: the crashing one keeps the default, or on a
    // loaded machine the 300 ms timer could beat the crash and give the timeout's warning instead.
    for (const [fixture, reason, workerTimeout] of [
      ['silent-worker.js', /did not answer within 300 ms/, 300],
      ['crashing-worker.js', /worker failed/, undefined],
    ] as const) {
      const p = pipeline({ effect: 'invert', workerUrl: new URL(`/test/fixtures/${fixture}`, location.href), workerTimeout });
      p.attach(cam.video);
      const { result, warnings } = await captureWarnings(() => p.capturePhoto({ format: 'image/png' }));
      expect(p.lastCapture!.encoder, fixture).to.equal('main');
      expect(warnings.map((w) => String(w[0])).join('\n'), fixture).to.match(reason);
      const got = await quadrantColors(result);
      for (const q of QUADS) expectColorNear(got[q], Q[q].map((c) => 255 - c) as unknown as RGB, T, `${fixture} ${q}`);
      // The worker is given up: the next photo goes straight to the main thread, without a wait.
      const again = await captureWarnings(() => p.capturePhoto({ format: 'image/png' }));
      expect(p.lastCapture!.encoder).to.equal('main');
      expect(again.warnings).to.have.length(0);
      await expectPattern(await p.capturePhoto({ format: 'image/png', effect: 'none' }));
    }
  });

  it('capturePhoto right after the camera went live waits for its first frame; a source without frames rejects with no-frame', async () => {
    // A camera whose video has not presented anything yet (play() not awaited).
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    void video.play();
    // frameTimeout: how long the photo waits for the first frame; generous for a loaded machine.
    const p = pipeline({ frameTimeout: 20_000 });
    p.attach(video);
    expect(video.readyState, 'no frame yet').to.be.below(2);
    await expectPattern(await p.capturePhoto({ format: 'image/png' }));
    // The same through a track (MediaStreamTrackProcessor) attached just now.
    const t = pipeline({ frameTimeout: 20_000 });
    t.attach(stream.getVideoTracks()[0]!);
    await expectPattern(await t.capturePhoto({ format: 'image/png' }));
    stream.getTracks().forEach((tr) => tr.stop());

    // A live track that never delivers a frame (an untouched canvas's stream).
    const canvas = document.createElement('canvas');
    const silent = canvas.captureStream();
    const idleVideo = document.createElement('video');
    idleVideo.muted = true;
    idleVideo.srcObject = silent;
    void idleVideo.play();
    const q = pipeline({ frameTimeout: 300 });
    q.attach(idleVideo);
    const t0 = performance.now();
    const err = await q.capturePhoto().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CaptureError).and.have.property('code', 'no-frame');
    expect(performance.now() - t0).to.be.below(3000);
    // dispose() during the wait rejects with `disposed`, detach() with `no-frame`, at once.
    for (const [end, code] of [['dispose', 'disposed'], ['detach', 'no-frame']] as const) {
      const r = pipeline({ frameTimeout: 20_000 });
      r.attach(idleVideo);
      const pending = r.capturePhoto().catch((e: unknown) => e);
      await new Promise((res) => setTimeout(res, 50));
      r[end]();
      expect(await pending, end).to.have.property('code', code);
    }
    silent.getTracks().forEach((tr) => tr.stop());
  });

  it('captureStream gives a live video track carrying the effect', async () => {
    const cam = await openCamera();
    const p = pipeline({ effect: 'invert' });
    p.attach(cam.video);
    p.start();
    const stream = p.captureStream(30);
    const [track] = stream.getVideoTracks();
    expect(track).to.exist;
    expect(track!.readyState).to.equal('live');
    const out = document.createElement('video');
    out.muted = true;
    out.srcObject = stream;
    document.body.append(out);
    await out.play();
    await nextVideoFrame(out);
    await until(() => out.videoWidth === 640, 5000, 'output size');
    const [x, y] = quadrantCenter('topLeft', out.videoWidth, out.videoHeight);
    expectColorNear(await sampleCanvas(out, x, y), [0, 255, 255], T, 'recorded top-left');
    track!.stop();
    out.remove();
  });

  it('reads VideoFrames from a MediaStreamTrackProcessor when given a track', async () => {
    const cam = await openCamera();
    const p = pipeline({ effect: 'grayscale' });
    await startLive(p, cam.track, { ms: 20_000, what: 'frames from the processor' });
    const file = await p.capturePhoto({ format: 'image/png' });
    expect(p.lastCapture!.source).to.equal('frame');
    expect(maxChannelSpread(await decode(file))).to.be.at.most(3);
    const none = await p.capturePhoto({ format: 'image/png', effect: 'none' });
    await expectPattern(none);
    cam.track.stop();
    const err = await p.capturePhoto().catch((e: unknown) => e);
    expect(err).to.have.property('code', 'not-live');
  });

  it("source 'photo' uses ImageCapture.takePhoto and keeps the track size", async () => {
    const cam = await openCamera();
    const p = pipeline({ effect: 'invert' });
    p.attach(cam.video);
    const file = await p.capturePhoto({ format: 'image/png', source: 'photo' });
    expect(p.lastCapture!.source).to.equal('photo');
    const bitmap = await createImageBitmap(file);
    expect([bitmap.width, bitmap.height]).to.deep.equal([PATTERN.width, PATTERN.height]);
    bitmap.close();
    const got = await quadrantColors(file);
    expectColorNear(got.topLeft, [0, 255, 255], T, 'inverted red');
    expectColorNear(got.bottomRight, [0, 0, 0], T, 'inverted white');
  });
});
