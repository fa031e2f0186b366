/**
 * Effects a page registers (registerEffect) in every engine: bad registrations throw readably and
 * change nothing; a registered colour matrix joins the live list (EFFECT_NAMES, the stories) and is
 * applied in the live preview and in photos, on the 2D path and WebGL2 (where the engine has it),
 * on the main thread and in the encode worker. The source is a canvas painted one flat colour, so
 * that a photo without the effect gives the colour the effect must transform (the engines' fake
 * cameras change their pictures from frame to frame).
 */
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { CaptureError, EFFECTS, EFFECT_NAMES, effectLabel, effectNames, registerEffect, resolveSettings, webgl2Support } from '../../src/capture/index.js';
import { applyEffectToPixels } from '../../src/capture/effect-pixels.js';
import { fragmentShaderSource } from '../../src/capture/effect-shader.js';
import { adoptEffect } from '../../src/capture/effects.js';
import { isChromium, skipUnless } from '../helpers/env.js';
import { expectColorNear, sampleCanvas, type RGB } from '../helpers/pattern.js';
import { cleanup, pipeline, until, within } from './support.js';

/** red <- blue, green <- half red + 0.1, blue <- green. */
const ROTATE = [0, 0, 1, 0, 0.5, 0, 0, 0.1, 0, 1, 0, 0] as const;
const rotate = ([r, g, b]: RGB): RGB => [b, Math.min(255, 0.5 * r + 25.5), g];

/** A muted video playing a canvas painted one flat colour again and again (frames keep flowing). */
async function flatSource(colour: RGB): Promise<{ video: HTMLVideoElement; stop(): void }> {
  const canvas = Object.assign(document.createElement('canvas'), { width: 96, height: 64 });
  const ctx = canvas.getContext('2d')!;
  const paint = (): void => {
    ctx.fillStyle = `rgb(${colour.join(' ')})`;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  paint();
  const stream = canvas.captureStream();
  const timer = setInterval(paint, 30);
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true, srcObject: stream });
  document.body.append(video);
  const stop = (): void => {
    clearInterval(timer);
    stream.getTracks().forEach((t) => t.stop());
    video.remove();
  };
  sources.push(stop);
  await within(video.play(), 10_000, 'video.play() of the canvas stream');
  await until(() => video.readyState >= 2 && video.videoWidth > 0, 10_000, 'the first frame of the canvas stream');
  return { video, stop };
}
const sources: Array<() => void> = [];

const centre = (blob: Blob | HTMLCanvasElement): Promise<RGB> =>
  blob instanceof Blob
    ? createImageBitmap(blob).then(async (b) => {
        const [w, h] = [b.width, b.height];
        b.close();
        return sampleCanvas(blob, w / 2, h / 2);
      })
    : sampleCanvas(blob, blob.width / 2, blob.height / 2);

function expectInvalid(fn: () => void, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'it throws').to.be.instanceOf(CaptureError);
  expect((thrown as CaptureError).code).to.equal('invalid-option');
  expect((thrown as CaptureError).message).to.match(/^registerEffect: /);
  expect((thrown as CaptureError).message).to.match(message);
}

describe('registerEffect', function () {
  this.timeout(60_000);
  afterEach(cleanup);
  afterEach(() => sources.splice(0).forEach((stop) => stop()));

  it('refuses a bad name, a built-in\'s name, a malformed matrix or label, with a readable CaptureError, and registers nothing', () => {
    const before = [...EFFECT_NAMES];
    const ok = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    const call = (name: unknown, effect: unknown) => () => registerEffect(name as string, effect as { matrix: number[] });
    expectInvalid(call('', { matrix: ok }), /name must be 1 to 64 lower-case letters.*got ""/);
    expectInvalid(call(42, { matrix: ok }), /name must be a string, got 42/);
    expectInvalid(call(undefined, { matrix: ok }), /name must be a string, got undefined/);
    expectInvalid(call('Warm', { matrix: ok }), /lower-case.*got "Warm"/);
    expectInvalid(call('two words', { matrix: ok }), /got "two words"/);
    expectInvalid(call('__proto__', { matrix: ok }), /got "__proto__"/);
    expectInvalid(call('x'.repeat(65), { matrix: ok }), /1 to 64/);
    for (const builtIn of ['none', 'sepia', 'pixelate']) expectInvalid(call(builtIn, { matrix: ok }), new RegExp(`"${builtIn}" is a built-in effect`));
    expectInvalid(call('bad-none', undefined), /must be an object with a matrix, got undefined/);
    expectInvalid(call('bad-missing', {}), /matrix of "bad-missing" must be an array of 12 numbers, got undefined/);
    expectInvalid(call('bad-string', { matrix: '1,0,0,0,0,1,0,0,0,0,1,0' }), /array of 12 numbers/);
    expectInvalid(call('bad-short', { matrix: ok.slice(0, 9) }), /must have 12 numbers .*got 9/);
    expectInvalid(call('bad-long', { matrix: [...ok, 0, 0, 0, 0, 1, 0, 0, 0] }), /got 20/);
    expectInvalid(call('bad-nan', { matrix: [...ok.slice(0, 5), NaN, ...ok.slice(6)] }), /entry 5 is NaN/);
    expectInvalid(call('bad-inf', { matrix: [Infinity, ...ok.slice(1)] }), /entry 0 is Infinity/);
    expectInvalid(call('bad-huge', { matrix: [1e9, ...ok.slice(1)] }), /within ±1000; entry 0 is 1000000000/);
    expectInvalid(call('bad-large', { matrix: [1001, ...ok.slice(1)] }), /within ±1000; entry 0 is 1001/);
    expectInvalid(call('bad-text', { matrix: [...ok.slice(0, 11), '0'] }), /entry 11 is "0"/);
    expectInvalid(call('bad-label', { matrix: ok, label: 7 }), /label of "bad-label" must be a string, got 7/);
    expect(EFFECT_NAMES, 'nothing registered').to.deep.equal(before);
    expect(Object.keys(EFFECTS)).to.deep.equal(before);
    // A bad name never reaches the renderers: an unknown effect resolves to none.
    expect(resolveSettings('bad-short' as string, undefined).effect).to.equal('none');
    expect(resolveSettings('toString' as string, undefined).effect).to.equal('none');
  });

  it('a registered effect joins EFFECT_NAMES in place (the array the booth\'s effect attribute reads), with its label; the same registration again is a no-op, another definition throws', () => {
    const list = EFFECT_NAMES;
    const n = list.length;
    registerEffect('test-rotate', { matrix: ROTATE, label: 'Rotate' });
    expect(EFFECT_NAMES).to.equal(list);
    expect(list.length).to.equal(n + 1);
    expect(list[n]).to.equal('test-rotate');
    expect(effectNames()).to.deep.equal(list);
    expect(effectLabel('test-rotate')).to.equal('Rotate');
    expect(effectLabel('sepia')).to.equal('Sepia');
    registerEffect('test-rotate', { matrix: [...ROTATE], label: 'Rotate' });
    expect(list.length, 'registered once').to.equal(n + 1);
    expectInvalid(() => registerEffect('test-rotate', { matrix: [...ROTATE.slice(0, 11), 0.5] }), /already registered with another matrix or label/);
    expectInvalid(() => registerEffect('test-rotate', { matrix: ROTATE, label: 'Other' }), /already registered/);
    expect(EFFECTS['test-rotate']!.matrix).to.deep.equal([...ROTATE]);
    registerEffect('test-unlabelled', { matrix: new Float64Array(ROTATE) });
    expect(effectLabel('test-unlabelled'), 'the label defaults to the name').to.equal('test-unlabelled');
    // The settings carry the effect as data, for the workers' own copies of the table.
    const s = resolveSettings('test-rotate', { brightness: 1.2 });
    expect(s.effect).to.equal('test-rotate');
    expect(structuredClone(s).registered).to.deep.equal({ matrix: [...ROTATE], label: 'Rotate' });
    expect(resolveSettings('sepia', undefined).registered).to.equal(undefined);
    adoptEffect(structuredClone(s)); // on the page, the effect is known already: nothing changes
    expect(list.length).to.equal(n + 2);
  });

  it('the 2D per-pixel path applies the matrix, and the generated shader carries it', () => {
    registerEffect('test-rotate', { matrix: ROTATE, label: 'Rotate' });
    const data = new Uint8ClampedArray([200, 60, 30, 255, 0, 255, 10, 128]);
    applyEffectToPixels(data, 2, 1, resolveSettings('test-rotate', undefined));
    // 125.5 and 25.5 round to even, as a Uint8ClampedArray does.
    expect([...data]).to.deep.equal([30, 126, 60, 255, 10, 26, 255, 128]);
    const glsl = fragmentShaderSource('test-rotate');
    expect(glsl).to.contain('return vec3(dot(c, vec3(0.0, 0.0, 1.0)) + 0.0, dot(c, vec3(0.5, 0.0, 0.0)) + 0.1, dot(c, vec3(0.0, 1.0, 0.0)) + 0.0);');
  });

  for (const renderer of ['2d', 'webgl2'] as const) {
    it(`${renderer}: the live preview and photos (main thread and encode worker) apply a registered effect`, async function () {
      if (renderer === 'webgl2') skipUnless(webgl2Support() !== 'none', 'no WebGL2 here (Firefox headless): the 2D path runs', this);
      registerEffect('test-rotate', { matrix: ROTATE, label: 'Rotate' });
      const { video } = await flatSource([200, 60, 30]);
      const p = pipeline({ renderer });
      p.attach(video);
      const plain = await centre(await p.capturePhoto({ format: 'image/png', worker: false }));
      const want = rotate(plain);
      // The encode worker gives the same colours (WebKit's copyTo ignored its RGBA format: red and blue were swapped).
      expectColorNear(await centre(await p.capturePhoto({ format: 'image/png' })), plain, 3, `no effect, ${p.lastCapture!.encoder}`);
      p.setEffect('test-rotate');
      expect(p.effect).to.equal('test-rotate');
      for (const worker of [true, false]) {
        const photo = await p.capturePhoto({ format: 'image/png', renderer, worker });
        const info = p.lastCapture!;
        expectColorNear(await centre(photo), want, 3, `${renderer} photo, ${worker ? 'worker' : 'main thread'} (${info.renderer}, ${info.encoder})`);
        // Chromium has a worker and WebGL2 in it: there, the path asked for is the path taken.
        if (isChromium()) expect([info.renderer, info.encoder]).to.deep.equal([renderer, worker ? 'worker' : 'main']);
      }
      // An effect named for one photo only.
      p.setEffect('none');
      expectColorNear(await centre(await p.capturePhoto({ format: 'image/png', effect: 'test-rotate', renderer })), want, 3, 'photo option');
      // The live preview (in Chromium's 2D case, drawn by the live worker).
      p.setEffect('test-rotate');
      p.start();
      // The first frames can precede the effect (a WebGL2 program that still links): wait for it.
      const off = (c: RGB): number => Math.max(...[0, 1, 2].map((i) => Math.abs(c[i]! - want[i]!)));
      const end = performance.now() + 10_000;
      let live = await centre(p.canvas);
      while (off(live) > 3 && performance.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        live = await centre(p.canvas);
      }
      expectColorNear(live, want, 3, `live preview (${p.rendererKind}, ${p.liveThread})`);
    });
  }

  it('the stories list the table: a registered effect appears in the booth\'s effect control and the Effects story', async () => {
    registerEffect('test-story', { matrix: ROTATE, label: 'Story effect' });
    const stories = await import('../../stories/photo-booth.stories.js');
    const options = (stories.default.argTypes.effect as { options: readonly string[] }).options;
    expect(options).to.include('test-story');
    expect(options).to.include.members(['none', 'grayscale', 'sepia', 'invert', 'vintage', 'pixelate']);
    // Rendered off the page: the booths are made (not connected, so no camera starts).
    const host = document.createElement('div');
    const args = { ...stories.default.args, stream: 'effect-registry-story', autostart: false };
    render(stories.Effects.render!(args as Parameters<NonNullable<typeof stories.Effects.render>>[0]), host);
    const captions = [...host.querySelectorAll('figcaption')].map((f) => f.textContent?.trim());
    expect(captions).to.include('Story effect');
    expect(captions).to.include('Sepia');
    const booth = [...host.querySelectorAll('photo-booth')].find((b) => b.getAttribute('effect') === 'test-story');
    expect(!!booth, 'a booth with the registered effect').to.equal(true);
    expect((booth as unknown as { effect: string }).effect, 'the booth accepts it').to.equal('test-story');
    render(null, host);
  });

  it('a second registration with the same numbers is no error (0 and -0 are one transform); other numbers are', () => {
    const ok = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    registerEffect('same-again', { matrix: ok });
    registerEffect('same-again', { matrix: ok.map((x) => (x === 0 ? -0 : x)) });
    expect(() => registerEffect('same-again', { matrix: [0.5, ...ok.slice(1)] })).to.throw(/already registered/);
  });
});
