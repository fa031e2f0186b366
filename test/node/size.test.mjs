// Size budgets (issue 19): each entry bundled alone (esbuild, minified, Lit external, gzip -9), as
// size-limit measures. The figures are printed on every run; an entry over its ceiling fails.
// The ceilings are a ratchet at today's sizes; the targets of issue 19 are printed beside them
// (see scripts/size.mjs for what counts as "first use" and what loads lazily).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureAll, report } from '../../scripts/size.mjs';

test('every entry is within its size ceiling (figures printed)', async () => {
  const rows = await measureAll();
  const { text, over } = report(rows);
  console.log(text);
  assert.ok(rows.length >= 6, 'the core, the capture pipeline and the elements are measured');
  for (const r of rows) assert.ok(r.initial > 1000, `${r.name} bundles to something (${r.initial} B)`);
  assert.deepEqual(
    over.map((r) => `${r.name}: ${r.initial} B > ${r.ceiling} B`),
    [],
    'entries over their ceiling',
  );
});
