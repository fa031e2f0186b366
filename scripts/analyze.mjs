#!/usr/bin/env node
// custom-elements.json, from the JSDoc of every element (config: custom-elements-manifest.config.mjs).
//   node scripts/analyze.mjs           writes ./custom-elements.json (npm run analyze)
//   node scripts/analyze.mjs --check   fails when the committed file differs from a fresh analysis,
//                                      and lists undocumented API (npm run analyze:check)
//   node scripts/analyze.mjs --gaps    only lists undocumented API; add --strict to fail on any
// "Undocumented" means: an element's attribute, public property or method, event (or its detail
// type), slot, CSS part, CSS custom property or custom state without a description.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = resolve(root, 'custom-elements.json');
const args = new Set(process.argv.slice(2));

/** Runs the analyzer into `outdir` (relative to the root) and returns the manifest text. */
function analyze(outdir) {
  const cli = resolve(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  const r = spawnSync(process.execPath, [cli, 'analyze', '--quiet', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.exit(r.status ?? 1);
  }
  return readFileSync(resolve(root, outdir, 'custom-elements.json'), 'utf8');
}

/** Every undocumented piece of public element API, as `file: <tag> kind name`. */
export function gaps(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const where = `${mod.path}: <${d.tagName}>`;
      const need = (kind, items, extra) => {
        for (const item of items ?? []) {
          if (!(item.description || item.summary)?.trim()) out.push(`${where} ${kind} ${item.name}${item.inheritedFrom ? ` (inherited from ${item.inheritedFrom.name})` : ''}`);
          extra?.(item);
        }
      };
      if (!(d.description || d.summary)?.trim()) out.push(`${where} class ${d.name}: no description`);
      if (!d.summary) out.push(`${where} class ${d.name}: no @summary`);
      need('attribute', d.attributes);
      need('member', (d.members ?? []).filter((m) => m.privacy !== 'private' && m.privacy !== 'protected'));
      for (const e of d.events ?? []) if (!e.name) out.push(`${where} event of type ${e.type?.text ?? '?'}: no name (add @fires <name> - {${e.type?.text ?? 'Type'}} text)`);
      need('event', d.events?.filter((e) => e.name), (e) => {
        if (!e.type?.text) out.push(`${where} event ${e.name}: no type (write @fires name - {EventClass} text)`);
      });
      need('slot', d.slots);
      need('css part', d.cssParts);
      need('css property', d.cssProperties);
      need('custom state', d.cssStates);
    }
  }
  return out;
}

if (args.has('--check') || args.has('--gaps')) {
  let ok = true;
  let fresh;
  if (args.has('--check')) {
    const dir = '.cache/cem-check';
    rmSync(resolve(root, dir), { recursive: true, force: true });
    mkdirSync(resolve(root, dir), { recursive: true });
    fresh = analyze(dir);
    if (!existsSync(committed)) {
      console.error('custom-elements.json is missing: run `npm run analyze` and commit it.');
      ok = false;
    } else if (readFileSync(committed, 'utf8') !== fresh) {
      console.error('custom-elements.json differs from a fresh analysis of the JSDoc: run `npm run analyze` and commit it.');
      ok = false;
    } else {
      console.log('custom-elements.json is up to date.');
    }
  }
  const manifest = JSON.parse(fresh ?? readFileSync(committed, 'utf8'));
  const missing = gaps(manifest);
  if (missing.length) {
    console.log(`${missing.length} undocumented:`);
    for (const m of missing) console.log(`  ${m}`);
    if (args.has('--strict')) ok = false;
  } else {
    console.log('Every attribute, member, event, slot, part, custom property and custom state has a description.');
  }
  process.exit(ok ? 0 : 1);
} else {
  analyze('.');
  console.log('wrote custom-elements.json');
}
