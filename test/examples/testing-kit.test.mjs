// The test kit as a user gets it: `npm pack`, the tarball unpacked into a scratch project
// (.cache/testing-kit/node_modules/media-capture-elements; lit, @web/test-runner and the
// launchers come from the repository's node_modules above it), examples/testing copied beside
// it, and its web-test-runner.config.mjs run: the example's tests use the kit
// (media-capture-elements/testing) on <media-preview> in Chromium and Firefox ESR with fake cameras,
// and Chromium with a Y4M camera written by the kit. Run by `npm test` after the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = join(root, '.cache/testing-kit');

test('the test kit from the packed tarball: examples/testing passes in Chromium and Firefox with fake cameras', { timeout: 180_000 }, () => {
  assert.ok(existsSync(join(root, 'dist/src/testing/node.js')), 'dist/ is missing: npm run build');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }));
  const files = info.files.map((f) => f.path);
  for (const f of ['dist/src/testing/node.js', 'dist/src/testing/node.d.ts', 'dist/src/testing/browser.js', 'dist/src/testing/browser.d.ts', 'dist/src/testing/y4m.js']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  const pkgDir = join(scratch, 'node_modules/media-capture-elements');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, info.filename), '-C', pkgDir, '--strip-components=1']);
  cpSync(join(root, 'examples/testing'), scratch, { recursive: true });
  // The app's own package.json: without it, the repository's (named media-capture-elements)
  // would answer the package's name from the sources' folder instead of node_modules.
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'camera-app', private: true, type: 'module' }, null, 2));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.ok(pkg.exports['./testing'], 'exports has ./testing');
  const wtr = join(root, 'node_modules/@web/test-runner/dist/bin.js');
  const r = spawnSync(process.execPath, [wtr, '--config', 'web-test-runner.config.mjs'], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, ENGINES: 'chromium,firefox', NO_COLOR: '1' },
    timeout: 170_000,
  });
  const output = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, output.slice(-6000));
  // Every test ran (none skipped where it should run), in both browsers.
  assert.match(output, /Chromium/);
  assert.match(output, /Firefox/);
});

test('the kit in Node: writeY4m writes the same quadrant file as our own test camera; a missing browser names what to install', async () => {
  const kit = await import(join(root, 'dist/src/testing/node.js'));
  const { makeY4m } = await import(join(root, 'scripts/make-y4m.mjs'));
  const ours = join(root, '.cache/testing-kit-ours.y4m');
  rmSync(ours, { force: true });
  makeY4m(ours);
  const file = kit.writeY4m(join(root, '.cache/testing-kit-kit.y4m'), { pattern: 'quadrants' });
  assert.ok(readFileSync(file).equals(readFileSync(ours)), 'writeY4m({ pattern: "quadrants" }) is byte for byte .cache/test-pattern.y4m');
  const photo = kit.y4mBytes({ pattern: 'photo', width: 64, height: 48, frames: 2 });
  assert.equal(photo.length, 'YUV4MPEG2 W64 H48 F30:1 Ip A1:1 C420jpeg\n'.length + 2 * ('FRAME\n'.length + 64 * 48 * 1.5));
  assert.throws(() => kit.y4mBytes({ width: 63 }), /even, positive width and height/);
  assert.throws(
    () => kit.fakeMediaBrowsers({ engines: ['chromium', 'firefox'], paths: { chromium: '/nowhere/chromium', firefox: '/nowhere/firefox' } }),
    (e) => /apt-get install chromium/.test(e.message) && /apt-get install firefox-esr/.test(e.message),
  );
  assert.deepEqual(kit.fakeMediaBrowsers({ engines: ['chromium'], optional: true, paths: { chromium: '/nowhere' } }), []);
  const args = kit.chromiumFakeMediaArgs({ cameras: 3, permission: 'denied' });
  assert.ok(args.includes('--use-fake-device-for-media-stream=device-count=3') && args.includes('--deny-permission-prompts'));
  assert.equal(kit.firefoxFakeMediaPrefs({ permission: 'denied' })['permissions.default.camera'], 2);
});
