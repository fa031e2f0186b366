/**
 * The kit loaded twice. Every element of custom-elements.json is covered.
 * The all-in-one `define` module and every element's `define` are loaded a second time as new
 *   module instances (a query string), and so is the self-contained CDN bundle (its own Lit, its
 *   own classes) when it is built: no second `define` may throw, and the first classes stay.
 */
import { expect } from '@open-wc/testing';
import { manifestElements } from '../helpers/manifest.js';


describe('package: loaded twice', () => {
  it('the define modules load a second time without throwing, and the first classes stay', async () => {
    await import('../../define.js');
    const list = await manifestElements();
    const before = new Map(list.map((e) => [e.tag, customElements.get(e.tag)]));
    for (const e of list) expect(before.get(e.tag), `${e.tag} defined by define.ts`).to.be.a('function');
    await import(/* @vite-ignore */ `${'/define.ts'}?copy=2`);
    for (const e of list) await import(/* @vite-ignore */ `${e.path.replace(/[^/]+$/, 'define.ts')}?copy=2`);
    for (const e of list) expect(customElements.get(e.tag)).to.equal(before.get(e.tag));
  });

  it('the CDN bundle loads on top of the npm modules, twice, without throwing', async function () {
    const url = '/dist/cdn/media-capture-elements.js';
    if (!(await fetch(url, { method: 'HEAD' })).ok) this.skip(); // not built (npm run build)
    await import('../../define.js');
    const before = customElements.get('media-preview');
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    try {
      const cdn1 = (await import(/* @vite-ignore */ `${url}?copy=1`)) as Record<string, unknown>;
      const cdn2 = (await import(/* @vite-ignore */ `${url}?copy=2`)) as Record<string, unknown>;
      expect(cdn1.MediaPreview).to.be.a('function');
      expect(cdn1.MediaPreview).not.to.equal(cdn2.MediaPreview); // really two copies
      expect(customElements.get('media-preview')).to.equal(before);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
