#!/usr/bin/env node
// npm run soak [-- --runs N] [-- --seed S]      (by hand; not part of npm test or CI)
//
// Runs every property test file (test/**/*.property*.test.ts) in the chromium group with many
// more sequences than CI: N in all (default 10,000), spread evenly over the property tests
// (each `propertyParams(...)` call in those files is one property). It goes through
// scripts/test.mjs (browsers, xvfb, the y4m file) with MCE_SOAK='{"runs":<per property>,"seed":S}',
// which web-test-runner.config.mjs hands to each page as globalThis.__MCE_SOAK__ and
// test/helpers/property.ts turns into fast-check parameters. Each property logs one
// `MCE-SOAK {json}` line when it ends; this script prints the test runner's output as it comes,
// then the sequences per minute of each property and of the whole soak, and for any failure
// fast-check's seed, path and shrunk counterexample. Exits non-zero when a property failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = 'MCE-SOAK '; // test/helpers/property.ts SOAK_LOG_PREFIX
const USAGE = 'usage: npm run soak -- [--runs N (default 10000)] [--seed S]';

function parseArgs(argv) {
  const out = { runs: 10_000, seed: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') out.runs = Number(value());
    else if (flag === '--seed') out.seed = Number(value());
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown argument ${argv[i]}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(out.runs) || out.runs < 1) {
    console.error(`--runs must be a positive integer\n${USAGE}`);
    process.exit(2);
  }
  if (out.seed !== undefined && !Number.isInteger(out.seed)) {
    console.error(`--seed must be an integer (fast-check prints it as "seed: <n>")\n${USAGE}`);
    process.exit(2);
  }
  return out;
}

const { runs, seed } = parseArgs(process.argv.slice(2));

// The chromium group does not run *.y4m / *.deny / *.faults files (web-test-runner.config.mjs).
const OTHER_GROUP = /\.(y4m|deny|faults)\.test\.ts$/;
const found = globSync('test/**/*.property*.test.ts', { cwd: root, ignore: ['**/node_modules/**', 'test/node/**'] }).sort();
const files = found.filter((f) => !OTHER_GROUP.test(f));
for (const f of found.filter((f) => OTHER_GROUP.test(f))) console.warn(`soak: ${f} is not in the chromium group; not soaked`);
const properties = files.reduce((n, f) => n + (readFileSync(resolve(root, f), 'utf8').match(/\bpropertyParams\s*\(/g)?.length ?? 0), 0);
if (!files.length || !properties) {
  console.error('soak: no property test calls propertyParams() in test/**/*.property*.test.ts');
  process.exit(1);
}
const perProperty = Math.ceil(runs / properties);
const settings = { runs: perProperty, ...(seed === undefined ? {} : { seed }) };
console.log(
  `soak: ${runs} sequences over ${properties} properties (${perProperty} each) in ${files.join(', ')}` +
    (seed === undefined ? '' : `, seed ${seed}`),
);

const started = Date.now();
const results = [];
const child = spawn(process.execPath, [resolve(root, 'scripts/test.mjs'), '--group', 'chromium', '--files', ...files], {
  cwd: root,
  env: { ...process.env, MCE_SOAK: JSON.stringify(settings) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));

function watch(stream, out) {
  let rest = '';
  stream.on('data', (chunk) => {
    out.write(chunk);
    rest += chunk;
    const lines = rest.split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const at = line.indexOf(PREFIX);
      if (at < 0) continue;
      try {
        results.push(JSON.parse(line.slice(at + PREFIX.length)));
      } catch {
        // a log line cut by the reporter: the summary says a property did not report
      }
    }
  });
}
watch(child.stdout, process.stdout);
watch(child.stderr, process.stderr);

const perMinute = (n, ms) => (ms > 0 ? Math.round((n * 60_000) / ms) : 0);

child.on('exit', (code, signal) => {
  const wall = Date.now() - started;
  console.log('\nsoak summary');
  let total = 0;
  let inPages = 0;
  for (const r of results) {
    total += r.runs;
    inPages += r.ms;
    console.log(
      `  ${r.failed ? 'FAILED' : 'ok    '} ${r.title}: ${r.runs} sequences in ${(r.ms / 1000).toFixed(1)} s ` +
        `(${perMinute(r.runs, r.ms)} per minute), seed ${r.seed}`,
    );
  }
  console.log(
    `  ${total} sequences in ${(inPages / 1000).toFixed(1)} s of property runs: ${perMinute(total, inPages)} sequences per minute ` +
      `(${perMinute(total, wall)} per minute over the whole ${(wall / 1000).toFixed(1)} s, browser start included)`,
  );
  const failures = results.filter((r) => r.failed);
  for (const r of failures) {
    console.log(`\nFAILED: ${r.title}`);
    console.log(`  seed: ${r.seed}`);
    console.log(`  path: ${JSON.stringify(r.path)}`);
    console.log(`  shrunk counterexample (after ${r.shrinks} shrinks): ${r.counterexample}`);
    console.log(`  error: ${r.error}`);
    console.log(
      `  replay: npm run soak -- --runs ${runs} --seed ${r.seed}` +
        `   (or, for this property alone, fc.assert(..., { seed: ${r.seed}, path: ${JSON.stringify(r.path)}, endOnFailure: true }))`,
    );
  }
  let exitCode = code ?? (signal ? 1 : 0);
  const titles = new Set(results.map((r) => r.title));
  if (titles.size !== results.length) {
    console.log('\nsoak: a property reported twice: its figures cannot be matched to the properties');
    exitCode ||= 1;
  }
  if (titles.size < properties) {
    console.log(`\nsoak: only ${titles.size} of ${properties} properties reported (a timeout, a crash, or a file that did not load): see the output above`);
    exitCode ||= 1;
  }
  if (failures.length) exitCode ||= 1;
  process.exit(exitCode);
});
