#!/usr/bin/env node
// Type-checks the Vue and Svelte examples' templates against the built package's framework types
// (dist/types/vue.d.ts, svelte.d.ts), as an app would: vue-tsc and svelte-check. Both need the
// JavaScript API of TypeScript 5, and the project's own `typescript` is the native TypeScript 7,
// so they live in tools/typecheck-frameworks with their own TypeScript (installed here on first
// use with `npm ci`). Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tools = `${root}tools/typecheck-frameworks`;
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(`${root}dist/types/vue.d.ts`)) {
  console.error('dist/types is missing: run `npm run build` first.');
  process.exit(1);
}
if (!existsSync(`${tools}/node_modules/.bin/vue-tsc`)) run('npm', ['ci', '--no-fund', '--no-audit'], tools);
const bin = `${tools}/node_modules/.bin`;
console.log('vue-tsc: examples/vue');
run(`${bin}/vue-tsc`, ['--noEmit', '-p', 'examples/vue/tsconfig.json']);
console.log('svelte-check: examples/svelte');
run(`${bin}/svelte-check`, ['--workspace', 'examples/svelte', '--tsconfig', './tsconfig.json', '--fail-on-warnings']);
