// The published package: `npm pack` ships what a user needs, and a scratch project that installs
// the tarball (offline: lit comes from npm's cache) uses it through its `exports`, in Node and in
// TypeScript (React, Preact, Vue and Svelte types). Run by `npm test` after the build (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Inside the repository, so that the probes find react/vue/svelte/preact types by walking up.
const scratch = join(root, '.cache/pack-test');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });

let files = [];
let tarball = '';

test('npm pack lists exactly dist, the manifest, README, LICENSE and package.json', () => {
  assert.ok(existsSync(join(root, 'dist/define.js')), 'dist/ is missing: npm run build');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], root));
  tarball = join(scratch, info.filename);
  files = info.files.map((f) => f.path);
  const outside = files.filter((f) => !f.startsWith('dist/'));
  assert.deepEqual(outside.sort(), ['LICENSE', 'README.md', 'custom-elements.json', 'package.json']);
  assert.deepEqual(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), [], 'no TypeScript sources');
  assert.deepEqual(files.filter((f) => /(^|\/)(test|stories|demo|examples|bench)\//.test(f)), [], 'no tests, stories, demos');
  for (const must of [
    'dist/define.js',
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/cdn/media-capture-elements.js',
    'dist/types/jsx.d.ts',
    'dist/types/vue.d.ts',
    'dist/types/svelte.d.ts',
    'dist/types/preact.d.ts',
    'dist/vscode.html-custom-data.json',
  ]) {
    assert.ok(files.includes(must), `${must} is packed`);
  }
});

test('every export target and the customElements manifest are in the tarball', () => {
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(files.includes(pkg.customElements));
  const targets = (v) => (typeof v === 'string' ? [v] : Object.values(v).flatMap(targets));
  for (const [key, value] of Object.entries(pkg.exports)) {
    for (const t of targets(value)) assert.ok(files.includes(t.replace(/^\.\//, '')), `exports["${key}"] -> ${t} is packed`);
  }
  for (const pattern of pkg.sideEffects.filter((p) => p.startsWith('./dist/'))) {
    const re = new RegExp(`^${pattern.slice(2).replace(/\./g, '\\.').replace(/\*/g, '[^/]+')}$`);
    assert.ok(files.some((f) => re.test(f)), `sideEffects ${pattern} matches a packed file`);
  }
});

test('a scratch project installs the tarball offline and imports every export in Node', () => {
  assert.ok(tarball, 'packed');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2));
  const r = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: scratch, encoding: 'utf8' });
  if (r.status !== 0) {
    // Without lit in npm's cache: install the tarball's files and take lit from the repository.
    const dir = join(scratch, 'node_modules/media-capture-elements');
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
    for (const dep of ['lit', 'lit-html', 'lit-element', '@lit', '@lit-labs']) {
      if (existsSync(join(root, 'node_modules', dep))) cpSync(join(root, 'node_modules', dep), join(scratch, 'node_modules', dep), { recursive: true });
    }
  }
  const nodeExports = Object.keys(pkg.exports).filter((k) => !k.endsWith('.json') && k !== './cdn');
  const specifiers = nodeExports.map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
  const script = `
    const specs = ${JSON.stringify(specifiers)};
    for (const s of specs) await import(s);
    const core = await import('${pkg.name}');
    if (typeof core.getMediaStreamController !== 'function') throw new Error('no getMediaStreamController');
    const manifest = (await import('${pkg.name}/custom-elements.json', { with: { type: 'json' } })).default;
    if (!manifest.modules.length) throw new Error('empty manifest');
    const { createRequire } = await import('node:module');
    const data = createRequire(import.meta.url)('${pkg.name}/vscode.html-custom-data.json');
    console.log(JSON.stringify({ ok: specs.length, tags: data.tags.map((t) => t.name) }));
  `;
  writeFileSync(join(scratch, 'probe.mjs'), script);
  const out = execFileSync(process.execPath, ['probe.mjs'], { cwd: scratch, encoding: 'utf8' });
  const res = JSON.parse(out.trim().split('\n').pop());
  assert.equal(res.ok, specifiers.length);
  assert.ok(res.tags.includes('media-preview'));
});

test('the exported framework types type-check in React, Preact, Vue and Svelte code', () => {
  const tsc = join(root, 'node_modules/.bin/tsc');
  const base = { strict: true, noEmit: true, skipLibCheck: false, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] };
  const probes = {
    react: {
      file: 'react.tsx',
      options: { jsx: 'react-jsx', jsxImportSource: 'react' },
      code: `import 'media-capture-elements/jsx';
import type { MediaStateChangeEvent } from 'media-capture-elements';
// The CDN bundle's types: the core, the pipeline and every element module.
import { CaptureError, PhotoBooth, PhotoCaptureEvent, getMediaStreamController } from 'media-capture-elements/cdn';
export const cdn = [CaptureError, PhotoBooth, PhotoCaptureEvent, getMediaStreamController];
export const App = () => (
  <>
    <media-device-picker kind="videoinput" stream="a" onchange={(e: Event) => void e} />
    <media-preview mirror="on" facing-mode="user" autostart strings={{ start: 'Go' }} onmedia-state-change={(e: MediaStateChangeEvent) => void e.detail.state} />
  </>
);
// @ts-expect-error not a mirror mode
export const Bad = () => <media-preview mirror="sideways" />;
`,
    },
    preact: {
      file: 'preact.tsx',
      options: { jsx: 'react-jsx', jsxImportSource: 'preact' },
      code: `import 'media-capture-elements/preact';
export const App = () => <media-preview fit="cover" autostart onmedia-error={(e) => void e.detail.error.code} />;
`,
    },
    vue: {
      file: 'vue.ts',
      options: {},
      code: `import 'media-capture-elements/vue';
import type { GlobalComponents } from 'vue';
type Preview = GlobalComponents['media-preview'];
export const ok: Preview extends object ? true : false = true;
import type { MediaPreviewVueProps } from 'media-capture-elements/vue';
export const props: MediaPreviewVueProps = { mirror: 'off', onMediaStateChange: (e) => void e.detail.state };
`,
    },
    svelte: {
      file: 'svelte.ts',
      options: {},
      code: `import 'media-capture-elements/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';
export const props: SvelteHTMLElements['media-preview'] = { mirror: 'auto', autostart: true, 'onmedia-state-change': (e) => void e.detail.state };
`,
    },
  };
  for (const [name, p] of Object.entries(probes)) {
    const dir = join(scratch, `types-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, p.file), p.code);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...base, ...p.options }, files: [p.file] }, null, 2));
    const r = spawnSync(tsc, ['-p', dir], { cwd: scratch, encoding: 'utf8' });
    assert.equal(r.status, 0, `${name} types:\n${r.stdout}${r.stderr}`);
  }
});
