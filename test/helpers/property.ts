/// <reference types="mocha" />
/**
 * fast-check parameters for the property tests: the CI default, or what `npm run soak` asks for.
 *
 * `npm run soak -- --runs N [--seed S]` (scripts/soak.mjs) runs every `*.property*.test.ts` in the
 * chromium group with `MCE_SOAK={"runs":<per property>,"seed":S}`; web-test-runner.config.mjs turns
 * that into `globalThis.__MCE_SOAK__` in each test page, next to `__MCE_GROUP__`. Without it (CI,
 * `npm test`) a property runs its `defaultRuns` sequences with fast-check's defaults, as before.
 *
 *   await fc.assert(fc.asyncProperty(...), propertyParams(60));
 */
import fc from 'fast-check';

export interface SoakSettings {
  /** Sequences per property (scripts/soak.mjs spreads its --runs over the property tests). */
  runs: number;
  /** fast-check seed (`--seed`), to replay a run that failed. */
  seed?: number;
}

declare global {
  // eslint-disable-next-line no-var
  var __MCE_SOAK__: SoakSettings | undefined;
}

/** The soak settings of this page, or undefined in an ordinary test run. */
export const soakSettings = (): SoakSettings | undefined => globalThis.__MCE_SOAK__;

/** A sequence that takes longer than this while soaking is reported as a failure, with its seed. */
const SOAK_RUN_TIMEOUT_MS = 60_000;
/** Mocha's budget per sequence while soaking; a CI run of 60 sequences takes about a minute. */
const SOAK_MS_PER_RUN = 5_000;
/** Room for shrinking a failure: fast-check replays the property many times then. */
const SOAK_SHRINK_MS = 30 * 60_000;

/** The line the page logs after each property while soaking; scripts/soak.mjs reads it. */
export const SOAK_LOG_PREFIX = 'MCE-SOAK ';

let currentTest: Mocha.Test | undefined;
// Remembers the running test, so that propertyParams() can give it a timeout that fits the runs.
beforeEach(function () {
  currentTest = this.currentTest;
});
afterEach(function () {
  currentTest = undefined;
});

/**
 * Parameters for `fc.assert`: `{ numRuns: defaultRuns }` normally. While soaking: the soak's
 * run count and seed, a per-sequence timeout, `verbose` (the report lists the failing values
 * fast-check met, besides the shrunk counterexample, seed and path), the running mocha test's
 * timeout scaled to the runs, and a plugin that logs the property's figures (sequences, time,
 * and for a failure the seed, path and shrunk counterexample) as one `MCE-SOAK {json}` line.
 */
export function propertyParams<T = unknown>(defaultRuns: number): fc.Parameters<T> {
  const soak = soakSettings();
  if (!soak) return { numRuns: defaultRuns };
  const test = currentTest;
  test?.timeout(SOAK_SHRINK_MS + soak.runs * SOAK_MS_PER_RUN);
  const title = test?.fullTitle() ?? '(outside a mocha test)';
  const started = performance.now();
  const report: fc.Plugin<T> = () => ({
    onAllRunsComplete: (details) => {
      const line = {
        title,
        runs: details.numRuns,
        ms: Math.round(performance.now() - started),
        failed: details.failed,
        interrupted: details.interrupted,
        seed: details.seed,
        ...(details.failed
          ? {
              path: details.counterexamplePath,
              shrinks: details.numShrinks,
              counterexample: fc.stringify(details.counterexample),
              error: String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).slice(0, 2000),
            }
          : {}),
      };
      console.log(SOAK_LOG_PREFIX + JSON.stringify(line));
    },
  });
  return {
    numRuns: soak.runs,
    ...(soak.seed === undefined ? {} : { seed: soak.seed }),
    verbose: fc.VerbosityLevel.Verbose,
    // fc.timeout() is typed for properties of any value (Plugin<unknown>); Plugin<T> is invariant.
    plugins: [fc.timeout(SOAK_RUN_TIMEOUT_MS) as fc.Plugin<T>, report],
  };
}
