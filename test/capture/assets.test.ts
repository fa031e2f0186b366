/**
 * Where the worker files are loaded from (src/assets.ts): the page-wide setAssetBase() and
 * <meta>, an element's asset-base, and the one warning a page gets when a file does not load.
 * The files themselves (dist/workers/) exist only after the build: the examples' test
 * (test/examples/bundlers.test.mjs) loads them from a folder set this way under esbuild; here a
 * folder without the files is the real failure (a 404), as a page whose bundler did not copy them.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { PhotoBooth, PhotoCaptureEvent } from '../../components/photo-booth/define.js';
import { ASSET_BASE_META, assetBase, assetUrl, setAssetBase, warnAssetFailed } from '../../src/assets.js';
import { captureWarnings, cleanup, openCamera, pipeline } from './support.js';
import { cleanupControllers, sharedController, untilState } from '../components/utils.js';
import { shutter } from '../components/photo-booth.fixtures.js';

const here = (path: string): string => new URL(path, document.baseURI).href;
let folder = 0;
/** A folder of this server that holds no worker file, new for each use (the warning is once per URL). */
const missingFolder = (): string => `/missing-assets-${Date.now().toString(36)}-${++folder}/`;

describe('worker file location (setAssetBase, <meta>, asset-base)', function () {
  this.timeout(30_000);
  afterEach(() => {
    setAssetBase(null);
    document.querySelector(`meta[name="${ASSET_BASE_META}"]`)?.remove();
    cleanup();
    cleanupControllers();
  });

  it('setAssetBase() resolves a folder against the page; assetUrl() names a file in it; null goes back to the build location', () => {
    expect(assetBase()).to.equal(null);
    expect(assetUrl('encode.worker.js')).to.equal(null);
    setAssetBase('/static/mce'); // a missing trailing slash is a folder all the same
    expect(assetBase()!.href).to.equal(here('/static/mce/'));
    expect(assetUrl('encode.worker.js')!.href).to.equal(here('/static/mce/encode.worker.js'));
    expect(assetUrl('live.worker.js', 'https://cdn.example/kit/')!.href, 'an element base wins').to.equal('https://cdn.example/kit/live.worker.js');
    setAssetBase(null);
    expect(assetBase()).to.equal(null);
    expect(() => setAssetBase('http://[bad')).to.throw(TypeError, /not a URL/);
  });

  it('a <meta name="media-capture-elements-assets"> sets the folder without script; setAssetBase() wins over it', () => {
    const meta = Object.assign(document.createElement('meta'), { name: ASSET_BASE_META, content: '/from-meta/' });
    document.head.append(meta);
    expect(assetUrl('level-meter.worklet.js')!.href).to.equal(here('/from-meta/level-meter.worklet.js'));
    setAssetBase('/from-script/');
    expect(assetUrl('encode.worker.js')!.href).to.equal(here('/from-script/encode.worker.js'));
  });

  it("setAssetBase('') is no setting: the <meta> tag is read as with null", () => {
    const meta = Object.assign(document.createElement('meta'), { name: ASSET_BASE_META, content: '/from-meta/' });
    document.head.append(meta);
    setAssetBase('');
    expect(assetBase()!.href).to.equal(here('/from-meta/'));
    expect(assetUrl('encode.worker.js')!.href).to.equal(here('/from-meta/encode.worker.js'));
    meta.remove();
    expect(assetBase()).to.equal(null);
  });

  it('the warning names the URL tried, once per folder tried: a file of another folder warns too', async () => {
    const a = here(missingFolder());
    const b = here(missingFolder());
    const { warnings } = await captureWarnings(async () => {
      expect(warnAssetFailed('encode.worker.js', `${a}encode.worker.js`, 'photos are encoded on the main thread')).to.equal(true);
      expect(warnAssetFailed('live.worker.js', `${a}live.worker.js`, 'the live preview is drawn on the main thread')).to.equal(false);
      expect(warnAssetFailed('level-meter.worklet.js', new URL(`${b}level-meter.worklet.js`), 'levels are read on the main thread')).to.equal(true);
    });
    const texts = warnings.map((w) => String(w[0]));
    expect(texts, JSON.stringify(texts)).to.have.length(2);
    expect(texts[0]).to.include(`encode.worker.js could not be loaded from ${a}encode.worker.js, so photos are encoded on the main thread`);
    expect(texts[1]).to.include(`level-meter.worklet.js could not be loaded from ${b}level-meter.worklet.js`);
  });

  it('a page-wide folder without the files (a real 404): the photo is encoded on the main thread, with one warning naming the file, its URL and what to do', async () => {
    const dir = missingFolder();
    setAssetBase(dir);
    const cam = await openCamera();
    const warned = await captureWarnings(async () => {
      const p = pipeline({ effect: 'none' });
      p.attach(cam.video);
      await p.capturePhoto();
      expect(p.lastCapture!.encoder).to.equal('main');
      // A second pipeline on the same page: the same file, no second warning.
      const q = pipeline();
      q.attach(cam.video);
      await q.capturePhoto();
      expect(q.lastCapture!.encoder).to.equal('main');
    });
    const texts = warned.warnings.map((w) => String(w[0])).filter((w) => w.includes('encode.worker.js'));
    expect(texts, JSON.stringify(texts)).to.have.length(1);
    expect(texts[0]).to.include(here(`${dir}encode.worker.js`));
    expect(texts[0]).to.match(/photos are encoded on the main thread/);
    expect(texts[0]).to.match(/dist\/workers\//);
    expect(texts[0]).to.match(/setAssetBase\('\/their\/folder\/'\)/);
  });

  it('<photo-booth asset-base> wins over the page-wide folder; photo-capture says where the photo was encoded', async () => {
    const { name } = sharedController();
    const dir = missingFolder();
    setAssetBase('/never-used/');
    // The element starts its workers as its camera goes live: record the warnings from there.
    const { result: event, warnings } = await captureWarnings(async () => {
      const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name} asset-base=${dir} autostart></photo-booth>`);
      await expect(el).to.be.accessible();
      await untilState(el, 'live');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const got = oneEvent(el, PhotoCaptureEvent.eventName) as Promise<PhotoCaptureEvent>;
      shutter(el).click();
      return got;
    });
    expect(event.detail.encoder).to.equal('main');
    const texts = warnings.map((w) => String(w[0])).filter((w) => w.includes('could not be loaded'));
    // One warning for the folder, naming the first of its files that failed (the encode or the live worker).
    expect(texts, JSON.stringify(texts)).to.have.length(1);
    expect(texts[0]).to.match(new RegExp(`${here(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(encode|live)\\.worker\\.js`));
    expect(texts.some((w) => w.includes('/never-used/'))).to.equal(false);
  });

  it('<photo-booth> without asset-base, where the bundled worker loads: photo-capture says worker', async () => {
    const { name } = sharedController();
    const el = await fixture<PhotoBooth>(html`<photo-booth stream=${name} autostart></photo-booth>`);
    await expect(el).to.be.accessible();
    await untilState(el, 'live');
    const got = oneEvent(el, PhotoCaptureEvent.eventName) as Promise<PhotoCaptureEvent>;
    shutter(el).click();
    expect((await got).detail.encoder).to.equal('worker');
  });
});
