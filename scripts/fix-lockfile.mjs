#!/usr/bin/env node
// The npm registry mirror this project installs from lacks some optional per-platform packages
// (e.g. @oxlint/binding-darwin-arm64, @rollup/rollup-win32-x64-msvc). `npm install` then leaves
// them out of package-lock.json and `npm ci` refuses the lock ("Missing: ... from lock file").
// This adds a lock entry (version, os, cpu, libc, optional) for each such package, so `npm ci`
// validates and skips them on other platforms. Run it after `npm install` adds such a dependency:
//   node scripts/fix-lockfile.mjs && PUPPETEER_SKIP_DOWNLOAD=1 npm install
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pk = lock.packages;
// <scope>/<prefix>-<os>-<cpu>[-<abi>], the napi-rs naming every such binding follows
const SHAPE = /^@[^/]+\/(?:[a-z]+-)?(android|darwin|freebsd|linux|openharmony|win32|netbsd|openbsd|sunos|aix)-([a-z0-9]+)(?:-([a-z]+))?$/;
let added = 0;
for (const [path, entry] of Object.entries(pk)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (pk[`node_modules/${name}`] || pk[`${path ? `${path}/` : ''}node_modules/${name}`]) continue;
    const m = SHAPE.exec(name);
    if (!m) {
      console.warn(`left alone (not a platform package name): ${name} (optional dependency of ${path || 'the root'})`);
      continue;
    }
    const [, os, cpu, abi] = m;
    const e = { version: spec, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
    if (entry.dev) e.dev = true;
    if (os === 'linux' && abi) e.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
    pk[`node_modules/${name}`] = e;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pk).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entr${added === 1 ? 'y' : 'ies'}`);
