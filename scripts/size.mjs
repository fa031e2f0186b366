#!/usr/bin/env node
// What a page pays in bytes for each entry of the kit, measured the way size-limit does it:
// each entry bundled alone by esbuild (minified, ES module, Lit and its packages left out: a page
// has one Lit for every element), and what loads before first use (the entry and the chunks it
// imports statically; what it imports with `import()` loads when first needed and is counted
// apart) gzipped at level 9. Worker and worklet files load on their own and are not counted.
//   node scripts/size.mjs            print the table
//   node scripts/size.mjs --check    also fail (exit 1) when an entry is over its ceiling
//   node scripts/size.mjs --json     the figures as JSON
// Budgets: `target` is what issue 19 asks for; `ceiling` is the ratchet the CI holds now (the
// size at the last measurement and a little room). An entry over its target prints how far.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bytes (gzip -9) per entry. target: issue 19's budget; ceiling: what CI holds now (today's size and a little room, measured 2026-12-08 at the end of the day's work; lower it when an entry shrinks). */
export const BUDGETS = {
  core: { entry: 'src/index.ts', target: 8_000, ceiling: 16_500 },
  capture: { entry: 'src/capture/index.ts', target: null, ceiling: 14_500 },
  'media-preview': { entry: 'components/media-preview/define.ts', target: 12_000, ceiling: 22_000 },
  'media-device-picker': { entry: 'components/media-device-picker/define.ts', target: 12_000, ceiling: 21_500 },
  'photo-booth': { entry: 'components/photo-booth/define.ts', target: 20_000, ceiling: 40_000 },
  'audio-level-meter': { entry: 'components/audio-level-meter/define.ts', target: 12_000, ceiling: 23_500 },
  'media-recorder': { entry: 'components/media-recorder/define.ts', target: 20_000, ceiling: 44_500 },
  'media-track-controls': { entry: 'components/media-track-controls/define.ts', target: 12_000, ceiling: 20_500 },
  define: { entry: 'define.ts', target: null, ceiling: 68_000 },
};

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** The figures of one entry: `initial` (gzip of what loads first) and `lazy` (gzip of the rest). */
async function measure(entry) {
  const outdir = mkdtempSync(join(tmpdir(), 'mce-size-'));
  try {
    const result = await build({
      entryPoints: [resolve(root, entry)],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      outdir,
      metafile: true,
      write: true,
      logLevel: 'silent',
      external: ['lit', 'lit/*', '@lit/*', '@lit-labs/*'],
      loader: { '.js': 'js' },
    });
    const outputs = result.metafile.outputs;
    const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint);
    const initial = new Set();
    const visit = (file) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const imp of outputs[file].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    };
    visit(entryOut);
    const js = Object.keys(outputs).filter((k) => k.endsWith('.js'));
    const read = (files) => Buffer.concat(files.map((f) => readFileSync(resolve(process.cwd(), f))));
    const lazy = js.filter((f) => !initial.has(f));
    return { initial: gz(read([...initial])), lazy: lazy.length ? gz(read(lazy)) : 0, lazyFiles: lazy.length };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every entry that exists, measured. */
export async function measureAll() {
  const rows = [];
  for (const [name, b] of Object.entries(BUDGETS)) {
    try {
      readFileSync(resolve(root, b.entry));
    } catch {
      continue; // an element not in this checkout
    }
    rows.push({ name, ...b, ...(await measure(b.entry)) });
  }
  return rows;
}

const kB = (n) => (n == null ? '-' : `${(n / 1000).toFixed(1)} kB`);

/** The table, and the entries over their ceilings. */
export function report(rows) {
  const lines = [`${'entry'.padEnd(22)}${'first use'.padStart(11)}${'lazy'.padStart(10)}${'ceiling'.padStart(10)}${'target'.padStart(10)}  vs target`];
  for (const r of rows) {
    const vs = r.target ? `${(r.initial / r.target).toFixed(2)}x` : '';
    lines.push(`${r.name.padEnd(22)}${kB(r.initial).padStart(11)}${kB(r.lazy).padStart(10)}${kB(r.ceiling).padStart(10)}${kB(r.target).padStart(10)}  ${vs}`);
  }
  const over = rows.filter((r) => r.ceiling != null && r.initial > r.ceiling);
  return { text: lines.join('\n'), over };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureAll();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  const { text, over } = report(rows);
  console.log(text);
  if (process.argv.includes('--check') && over.length) {
    console.error(`Over the ceiling: ${over.map((r) => `${r.name} ${kB(r.initial)} > ${kB(r.ceiling)}`).join(', ')}`);
    process.exit(1);
  }
}
