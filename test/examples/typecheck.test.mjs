// The Vue and Svelte examples' templates type-check against the built package's framework types
// (vue-tsc, svelte-check: scripts/typecheck-frameworks.mjs). A wrong prop type, an unknown
// attribute value or a wrong event type in a template fails here, as it would in an app.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('vue-tsc and svelte-check pass on the Vue and Svelte examples', { timeout: 180_000 }, () => {
  const r = spawnSync(process.execPath, ['scripts/typecheck-frameworks.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /svelte-check found 0 errors and 0 warnings/);
});
