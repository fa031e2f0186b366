// SSR safety: importing any module of the built package in Node, without a DOM, does not throw.
// Run with `node --test test/node/` after `npm run build` (npm test does both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    // dist/cdn/ is the browser-only bundle (lit's browser build inside): not for Node.
    if (statSync(p).isDirectory()) return relative(dist, p) === 'cdn' ? [] : jsFiles(p);
    return p.endsWith('.js') && !/worker/i.test(name) ? [p] : [];
  });
}

test('the build exists (npm run build)', () => {
  assert.ok(existsSync(join(dist, 'src/index.js')), 'dist/src/index.js is missing: run npm run build first');
});

test('there is no DOM in this process', () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.navigator?.mediaDevices, 'undefined');
});

for (const file of existsSync(dist) ? jsFiles(dist) : []) {
  test(`imports ${relative(root, file)} without a DOM`, async () => {
    await import(pathToFileURL(file).href);
  });
}

test('the controller works without a DOM: a typed no-api error, never an exception', async () => {
  const { getMediaStreamController } = await import(pathToFileURL(join(dist, 'src/index.js')).href);
  const c = getMediaStreamController('ssr');
  assert.equal(c.state, 'idle');
  await c.request({});
  assert.ok(['unavailable'].includes(c.state), `state ${c.state}`);
  assert.equal(c.error.code, 'no-api');
  c.dispose();
});
