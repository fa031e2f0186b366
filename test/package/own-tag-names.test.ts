/**
 * Registration as a design system does it: each class module (`components/<tag>/<tag>.ts`, no
 * side effect) is registered under a prefixed tag (`acme-<tag>`) and must upgrade, render,
 * reflect its state and share the camera by `stream` like under its own name. Every element of
 * custom-elements.json is covered, so a new element is tested without a change here.
 * (Its own page: once a class is registered under a second name, the kit's define modules may not
 * register that same constructor again.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { getMediaStreamController } from '../../src/controller.js';
import { manifestElements } from '../helpers/manifest.js';

type Element = HTMLElement & { state?: string; controller?: unknown; start?: () => Promise<void>; stop?: () => void; updateComplete?: Promise<unknown> };

describe('package: registration', () => {
  it('custom-elements.json lists the elements', async () => {
    const list = await manifestElements();
    expect(list.map((e) => e.tag)).to.include.members(['media-device-picker', 'media-preview']);
  });

  it('every class works under a design system tag name (acme-<tag>)', async function () {
    this.timeout(20_000);
    const list = await manifestElements();
    for (const { tag, className, path } of list) {
      const mod = (await import(path)) as Record<string, CustomElementConstructor>;
      const Class = mod[className];
      expect(Class, `${path} exports ${className}`).to.be.a('function');
      const acme = `acme-${tag}`;
      // The class module has no side effect: the default tag is free until a define module runs.
      expect(customElements.get(tag), `${tag} is not registered by the class module`).to.equal(undefined);
      customElements.define(acme, Class);
      const el = document.createElement(acme) as Element;
      el.setAttribute('stream', `acme-${tag}`);
      document.body.append(el);
      try {
        await el.updateComplete;
        expect(el).to.be.instanceOf(Class);
        expect(el.shadowRoot?.childElementCount, `${acme} renders`).to.be.greaterThan(0);
        expect(getComputedStyle(el).display, `${acme} :host styles apply`).not.to.equal('inline');
        expect(el.getAttribute('state')).to.equal('idle');
        expect(el.controller).to.equal(getMediaStreamController(`acme-${tag}`));
      } finally {
        el.remove();
      }
    }
  });

  it('a prefixed preview goes live and shares the camera with the default tag on the same stream', async function () {
    this.timeout(15_000);
    const { MediaPreview } = await import('../../components/media-preview/media-preview.js');
    const acme = 'acme-preview-live';
    customElements.define(acme, class extends MediaPreview {});
    const a = document.createElement(acme) as Element;
    const b = document.createElement(acme) as Element;
    for (const el of [a, b]) {
      el.setAttribute('stream', 'acme-live');
      document.body.append(el);
    }
    try {
      await a.start!();
      await waitUntil(() => a.state === 'live' && b.state === 'live', 'both live', { timeout: 10_000 });
      expect((a as unknown as { stream: MediaStream }).stream).to.equal((b as unknown as { stream: MediaStream }).stream);
    } finally {
      a.stop!();
      a.remove();
      b.remove();
    }
  });

  it('the kit\'s define modules still register the default tags after a design system registered the same classes', async () => {
    // Runs after the test above registered every class as acme-<tag>: one constructor can be
    // defined only once, so the define modules register a subclass instead of throwing.
    const list = await manifestElements();
    for (const { tag } of list) {
      await import(`/components/${tag}/define.ts`);
      const Ctor = customElements.get(tag);
      expect(Ctor, `${tag} registered`).to.be.a('function');
      const el = document.createElement(tag) as Element;
      el.setAttribute('stream', `define-after-${tag}`);
      document.body.append(el);
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('idle');
      el.remove();
    }
  });
});

