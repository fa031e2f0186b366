/**
 * Attribute fuzzing: every attribute of every element that custom-elements.json lists (fetched
 * from the test server, so a new element is covered by itself) gets random values from
 * fast-check: strings, numbers, empty and blank text, long and non-Latin / right-to-left text,
 * the attribute's own keywords in odd spellings, and removal. On a live element (autostart, the
 * camera running) and on one not yet in the page, each run must end with:
 * - no uncaught exception (window `error` / `unhandledrejection`);
 * - at most one console warning per value set;
 * - no leaked track (every track of every controller the element used, ended after it left);
 * - the element working again once the bad values are gone: it starts, goes live, is accessible.
 * No browser API is replaced; console.warn is wrapped during each run to count the warnings.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import * as kit from '../../define.js';
import { type MediaStreamController, deleteMediaStreamController, getMediaStreamController } from '../../src/index.js';
import type { CaptureState } from '../../src/events.js';
import { isWebKit } from '../helpers/env.js';

/**
 * Fast-check runs per element and phase; each run sets every attribute once. The file takes about
 * 9 s in Chromium, 17 s in Firefox; WebKitGTK is slower per camera start, so it runs fewer.
 */
const RUNS = isWebKit() ? 5 : 10;

interface ManifestAttribute {
  name: string;
  type?: { text?: string };
}
interface ManifestDeclaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestAttribute[];
}
interface FuzzElement {
  tag: string;
  attributes: { name: string; keywords: string[] }[];
}

/** The public surface the fuzz relies on: what every element of the kit has (MediaCaptureElement). */
type KitElement = HTMLElement & {
  state: CaptureState;
  controller: MediaStreamController;
  updateComplete: Promise<boolean>;
  start(): Promise<void>;
};

const manifestResponse = await fetch('/custom-elements.json');
const manifest = (manifestResponse.ok ? await manifestResponse.json() : { modules: [] }) as {
  modules: { declarations?: ManifestDeclaration[] }[];
};
/** Each element of the manifest with its attributes and the string keywords its type names ('a' | 'b'). */
const ELEMENTS: FuzzElement[] = manifest.modules.flatMap((m) =>
  (m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({
      tag: d.tagName!,
      attributes: (d.attributes ?? []).map((a) => ({
        name: a.name,
        keywords: [...(a.type?.text ?? '').matchAll(/'([^']*)'/g)].map((k) => k[1]!),
      })),
    })),
);

const LONG_LATIN = 'camera '.repeat(2000);
const LONG_ARABIC = 'كاميرا أمامية '.repeat(1000);
/** Values no random generator is likely to hit. */
const EDGE_VALUES = [
  '',
  ' ',
  '\t',
  '\n',
  ' \u00a0\u2003 ',
  '\u200f',
  '0',
  '-1',
  '-0',
  '1e309',
  '1e-309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  'false',
  '[object Object]',
  '{"a":1}',
  '1920x1080',
  '0x0',
  '-640x-480',
  'كاميرا',
  'מצלמה קדמית',
  '\u202ecover',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎥👩🏽‍💻',
  '<b>bold</b>',
  '\u0000',
  LONG_LATIN,
  LONG_ARABIC,
];

/** A value for an attribute (null: remove it). */
function valueFor(keywords: string[]): fc.Arbitrary<string | null> {
  const spellings = keywords.flatMap((k) => [k, k.toUpperCase(), ` ${k} `, `${k}x`]);
  return fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.string({ unit: 'grapheme', maxLength: 24 }),
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom(...EDGE_VALUES),
    ...(spellings.length ? [fc.constantFrom(...spellings)] : []),
    fc.constant(null),
  );
}

interface Op {
  attr: string;
  value: string | null;
}

/** One value for every attribute of the element, in a random order. */
function opsFor(el: FuzzElement): fc.Arbitrary<Op[]> {
  return fc
    .tuple(
      fc.shuffledSubarray(el.attributes, { minLength: el.attributes.length, maxLength: el.attributes.length }),
      fc.tuple(...el.attributes.map((a) => valueFor(a.keywords))),
    )
    .map(([order, values]) => order.map((a) => ({ attr: a.name, value: values[el.attributes.indexOf(a)]! })));
}

const describeOp = (op: Op): string =>
  `${op.attr}=${op.value === null ? '(removed)' : JSON.stringify(op.value.length > 60 ? `${op.value.slice(0, 60)}…(${op.value.length} chars)` : op.value)}`;

let counter = 0;

/**
 * What one run watches: uncaught errors, warnings, and every track of every controller it may
 * touch. Each controller is made ready (no release delay, no device memory, its streams
 * recorded) before an element can use it: `watch(name)` is called before the `stream`
 * attribute names it.
 */
class Watch {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly tracks = new Set<MediaStreamTrack>();
  readonly names = new Set<string>();
  readonly #warn = console.warn;
  readonly #onError = (e: ErrorEvent) => this.errors.push(`error: ${e.message}`);
  readonly #onRejection = (e: PromiseRejectionEvent) => this.errors.push(`unhandledrejection: ${String(e.reason?.stack ?? e.reason)}`);

  constructor() {
    window.addEventListener('error', this.#onError);
    window.addEventListener('unhandledrejection', this.#onRejection);
    console.warn = (...args: unknown[]) => {
      this.warnings.push(args.map(String).join(' ')); // kept for the failure message, not printed
    };
  }

  watch(name: string): void {
    if (this.names.has(name)) return;
    this.names.add(name);
    const controller = getMediaStreamController(name);
    controller.releaseDelay = 0;
    controller.rememberDevices = false;
    this.collect(controller);
    controller.addEventListener('media-stream-change', (e) => e.detail.stream?.getTracks().forEach((t) => this.tracks.add(t)));
    // A track the controller adds to its stream in place (a device switch) comes with this event.
    controller.addEventListener('media-track-change', (e) => this.tracks.add(e.detail.track));
  }

  collect(controller: MediaStreamController): void {
    controller.stream?.getTracks().forEach((t) => this.tracks.add(t));
  }

  /** Stops watching; disposes every controller it made ready. */
  async end(): Promise<void> {
    console.warn = this.#warn;
    window.removeEventListener('error', this.#onError);
    window.removeEventListener('unhandledrejection', this.#onRejection);
    for (const name of this.names) {
      const c = getMediaStreamController(name);
      this.collect(c);
      await c.whenSettled();
      deleteMediaStreamController(name);
    }
  }
}

/** Sets or removes one attribute; the `stream` controller it names is watched first. */
function apply(el: Element, op: Op, watch: Watch): void {
  if (op.attr === 'stream') watch.watch(op.value || 'default'); // '' names the default controller, as the adapter reads it
  if (op.value === null) el.removeAttribute(op.attr);
  else el.setAttribute(op.attr, op.value);
}

/** Until the element has rendered and its controller has no pass running. */
async function settle(el: KitElement, watch: Watch): Promise<void> {
  await el.updateComplete;
  await aTimeout(0); // a request the update queued in a microtask has started
  await el.controller.whenSettled();
  await el.updateComplete;
  watch.collect(el.controller);
}

/**
 * Takes every fuzzed attribute away (back to `autostart` and the run's stream) and checks the
 * element works: it starts, goes live and is accessible. Then it leaves the page, and every
 * track any of the run's controllers handed out must end.
 */
async function worksAfterwardsAndLeaksNothing(el: KitElement, stream: string, watch: Watch): Promise<void> {
  for (const a of el.getAttributeNames()) if (a !== 'autostart' && a !== 'stream') el.removeAttribute(a);
  el.setAttribute('autostart', '');
  el.setAttribute('stream', stream);
  await el.updateComplete;
  await el.start();
  await waitUntil(() => el.state === 'live', `<${el.localName}> did not go live again once the fuzzed attributes were removed (is ${el.state})`, { timeout: 8000 });
  watch.collect(el.controller);
  expect(watch.tracks.size, 'the live element\'s tracks are watched').to.be.greaterThan(0);
  await expect(el).to.be.accessible();
  el.remove();
  await aTimeout(0); // the element leaves the page a microtask after its removal
  for (const name of watch.names) await getMediaStreamController(name).whenSettled();
  await waitUntil(() => [...watch.tracks].every((t) => t.readyState === 'ended'), 'every track ended after the element left', { timeout: 4000 }).catch(() => {
    const live = [...watch.tracks].filter((t) => t.readyState === 'live');
    throw new Error(`leaked ${live.length} live track(s): ${live.map((t) => `${t.kind} ${t.label}`).join(', ')}`);
  });
}

/** The kit's warning that one of its worker files could not be loaded (src/assets.ts). */
const isAssetWarning = (w: string): boolean => w.includes(' could not be loaded from ');

/** Each worker-file warning names another file or folder: the kit warns once per page and folder. */
function expectAssetWarningsOnce(watch: Watch): void {
  const where = watch.warnings.filter(isAssetWarning).map((w) => / could not be loaded from (\S+?),? so /.exec(w)?.[1] ?? w);
  expect(where, `worker-file warnings: ${JSON.stringify(where)}`).to.deep.equal([...new Set(where)]);
}

function check(watch: Watch, ops: Op[]): void {
  expect(watch.errors, `uncaught exceptions after ${ops.map(describeOp).join(', ')}`).to.deep.equal([]);
}

describe('attribute fuzzing (every attribute of every element in custom-elements.json)', function () {
  this.timeout(120_000);

  it('custom-elements.json is served and lists every element, each defined, with its attributes', async () => {
    expect(manifestResponse.ok, `GET /custom-elements.json: ${manifestResponse.status}`).to.equal(true);
    expect(manifestResponse.headers.get('content-type') ?? '').to.contain('json');
    const tags = ELEMENTS.map((e) => e.tag);
    expect(tags).to.include.members(['media-device-picker', 'media-preview', 'photo-booth']);
    for (const e of ELEMENTS) {
      expect(Object.values(kit), `<${e.tag}> is registered by the all-in-one define.ts`).to.include(customElements.get(e.tag));
      expect(e.attributes.map((a) => a.name)).to.include.members(['stream', 'autostart']);
    }
  });

  for (const element of ELEMENTS) {
    it(`<${element.tag}>: random values of its ${element.attributes.length} attributes on a live element throw nothing, warn at most once each, leak no track, and it works afterwards`, async () => {
      await fc.assert(
        fc.asyncProperty(opsFor(element), async (ops) => {
          const stream = `fuzz-${++counter}`;
          const watch = new Watch();
          const el = document.createElement(element.tag) as KitElement;
          try {
            watch.watch(stream);
            const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
            el.setAttribute('autostart', '');
            el.setAttribute('stream', stream);
            wrapper.append(el);
            await el.updateComplete;
            await waitUntil(() => el.state === 'live', `<${element.tag}> did not go live (is ${el.state})`, { timeout: 8000 });
            await expect(el).to.be.accessible();
            for (const op of ops) {
              const before = watch.warnings.length;
              apply(el, op, watch);
              await settle(el, watch);
              // A worker file that does not load (asset-base set to a folder without them) is
              // warned about when the load fails, which may be during a later attribute's turn:
              // those warnings are counted apart, once per file and folder, below.
              const warned = watch.warnings.slice(before).filter((w) => !isAssetWarning(w));
              expect(warned.length, `warnings for ${describeOp(op)}: ${JSON.stringify(warned)}`).to.be.at.most(1);
            }
            expectAssetWarningsOnce(watch);
            check(watch, ops);
            await worksAfterwardsAndLeaksNothing(el, stream, watch);
            check(watch, ops);
          } finally {
            el.remove(); // a failed run's element goes too (fast-check runs it again while shrinking)
            await watch.end();
          }
        }),
        { numRuns: RUNS },
      );
    });

    it(`<${element.tag}>: random values of its ${element.attributes.length} attributes set before it connects throw nothing, warn at most once each, leak no track, and it works afterwards`, async () => {
      await fc.assert(
        fc.asyncProperty(opsFor(element), async (ops) => {
          const stream = `fuzz-${++counter}`;
          const watch = new Watch();
          const el = document.createElement(element.tag) as KitElement;
          try {
            watch.watch(stream);
            const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
            el.setAttribute('autostart', '');
            el.setAttribute('stream', stream);
            for (const op of ops) apply(el, op, watch);
            wrapper.append(el);
            await settle(el, watch);
            await expect(el).to.be.accessible();
            expect(watch.warnings.length, `warnings for ${ops.map(describeOp).join(', ')}: ${JSON.stringify(watch.warnings)}`).to.be.at.most(ops.length);
            check(watch, ops);
            await worksAfterwardsAndLeaksNothing(el, stream, watch);
            check(watch, ops);
          } finally {
            el.remove(); // a failed run's element goes too (fast-check runs it again while shrinking)
            await watch.end();
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});
