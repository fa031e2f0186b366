#!/usr/bin/env node
// Framework types and editor data, generated from custom-elements.json (run by `npm run build`,
// after tsc has written the .d.ts of the classes):
//   dist/types/jsx.d.ts       React 19 JSX (`import 'media-capture-elements/jsx'`)
//   dist/types/preact.d.ts    Preact JSX (`media-capture-elements/preact`)
//   dist/types/vue.d.ts       Vue 3 GlobalComponents (`media-capture-elements/vue`)
//   dist/types/svelte.d.ts    Svelte 5 elements (`media-capture-elements/svelte`)
//   dist/vscode.html-custom-data.json   VS Code `html.customData`
// Each .d.ts has an empty .js beside it, so a plain side-effect import of the entry also works.
// Every element in the manifest is covered: a new one needs no change here.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, process.argv[2] ?? 'dist');
const manifest = JSON.parse(readFileSync(resolve(root, 'custom-elements.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

/** Every element: tag, class, module (path without .ts), attributes, writable properties, events. */
const elements = [];
/** class name -> module path (for event classes declared next to an element). */
const declaredIn = new Map();
for (const mod of manifest.modules ?? []) {
  for (const d of mod.declarations ?? []) {
    if (d.kind === 'class') declaredIn.set(d.name, mod.path.replace(/\.ts$/, ''));
    if (!d.customElement || !d.tagName) continue;
    elements.push({
      tag: d.tagName,
      className: d.name,
      module: mod.path.replace(/\.ts$/, ''),
      description: d.summary || d.description || '',
      attributes: d.attributes ?? [],
      properties: (d.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.readonly && m.privacy === undefined),
      events: (d.events ?? []).filter((e) => e.name),
      slots: d.slots ?? [],
      docs: d,
    });
  }
}
elements.sort((a, b) => a.tag.localeCompare(b.tag, 'en'));

const coreTypes = existsSync(resolve(dist, 'src/index.d.ts')) ? readFileSync(resolve(dist, 'src/index.d.ts'), 'utf8') : '';
const exportedByCore = (name) =>
  // src/index.d.ts re-exports modules; look for the declaration in dist/src/*.d.ts
  coreTypes && ['events', 'errors', 'controller'].some((m) => {
    const f = resolve(dist, `src/${m}.d.ts`);
    return existsSync(f) && new RegExp(`\\b(class|interface|type)\\s+${name}\\b`).test(readFileSync(f, 'utf8'));
  });

/** Import lines and the TS type for an event of the manifest. */
function eventType(ev, imports) {
  const name = ev.type?.text?.trim();
  if (!name || name === 'Event' || name === 'CustomEvent') return name || 'Event';
  if (!/^[A-Z]\w*$/.test(name)) return 'Event';
  if (declaredIn.has(name)) {
    imports.add(`import type { ${name} } from '../${declaredIn.get(name)}.js';`);
    return name;
  }
  if (exportedByCore(name)) {
    imports.add(`import type { ${name} } from '../src/index.js';`);
    return name;
  }
  return 'Event';
}

/** An attribute's type when it is self-contained (literals, string, number, boolean, null), else string. */
function attributeType(attr) {
  const t = attr.type?.text ?? 'string';
  const ok = t.split('|').every((p) => /^\s*('[^']*'|string|number|boolean|null|undefined)\s*$/.test(p));
  return ok ? t : 'string';
}

const q = (s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : `'${s}'`);
const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '');

/**
 * The props every framework shares: writable properties typed from the class, attributes that
 * have no same-named property, and event handlers named by `eventProp(eventName)`.
 */
function propsBody(el, imports, eventProp, indent = '  ', { propertyFirst = false } = {}) {
  let out = '';
  const seen = new Set();
  // React 19 assigns a prop as a property whenever the element has one by that name: an
  // attribute that shares its name with a read-only property (<media-preview>'s `stream`) would
  // throw there, so it is left out of the React props (use the property, e.g. `streamName`).
  if (propertyFirst) for (const m of el.docs.members ?? []) if (m.readonly) seen.add(m.name);
  for (const p of el.properties) {
    seen.add(p.name);
    // A `strings` property takes a partial object (merged over the defaults) though it reads whole.
    let type = (p.type?.text ?? '').endsWith('Strings') ? `Partial<${el.className}[${JSON.stringify(p.name)}]>` : `${el.className}[${JSON.stringify(p.name)}]`;
    // A property that shares its name with an attribute also takes the attribute's value: a
    // framework may set either (<media-preview>'s `stream` reads a MediaStream and takes the
    // shared stream's name too; the manifest only has the getter's type).
    const attr = el.attributes.find((a) => a.name === p.name);
    if (attr) type = `${type} | ${attributeType(attr)}`;
    out += doc(p.description, indent) + `${indent}${q(p.name)}?: ${type};\n`;
  }
  for (const a of el.attributes) {
    if (seen.has(a.name)) continue;
    seen.add(a.name);
    out += doc(`${a.description ?? ''} (attribute)`.trim(), indent) + `${indent}${q(a.name)}?: ${attributeType(a)};\n`;
  }
  for (const ev of el.events) {
    const key = eventProp(ev.name);
    if (seen.has(key)) continue;
    seen.add(key);
    out += doc(ev.description, indent) + `${indent}${q(key)}?: (event: ${eventType(ev, imports)}) => void;\n`;
  }
  return out;
}

const header = (what) =>
  `// Generated by scripts/generate-types.mjs from custom-elements.json: do not edit.\n// ${what}\n`;

function classImports(imports) {
  for (const el of elements) imports.add(`import type { ${el.className} } from '../${el.module}.js';`);
}

// ---------------------------------------------------------------------------------------------
// React 19: props become properties where the element has them; `on<event>` listens to <event>.
function react() {
  const imports = new Set(["import type { DetailedHTMLProps, HTMLAttributes } from 'react';"]);
  classImports(imports);
  let body = '';
  for (const el of elements) {
    body += `/** Props of <${el.tag}> in React 19 (properties, attributes, \`on<event>\` listeners). */\n`;
    body += `export interface ${el.className}Props extends DetailedHTMLProps<HTMLAttributes<${el.className}>, ${el.className}> {\n`;
    body += propsBody(el, imports, (n) => `on${n}`, '  ', { propertyFirst: true });
    body += '}\n\n';
  }
  const map = elements.map((el) => `${doc(el.description, '      ')}      ${q(el.tag)}: ${el.className}Props;`).join('\n');
  return `${header(`React 19 JSX types for ${pkg.name}: import 'media-capture-elements/jsx' once (or list it in compilerOptions.types).`)}${[...imports].join('\n')}\n\n${body}declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n${map}\n    }\n  }\n}\n`;
}

// Preact: same shape, Preact's own JSX namespace and attribute types.
function preact() {
  const imports = new Set(["import type { JSX } from 'preact';"]);
  classImports(imports);
  let body = '';
  for (const el of elements) {
    body += `/** Props of <${el.tag}> in Preact. */\n`;
    body += `export interface ${el.className}PreactProps extends Omit<JSX.HTMLAttributes<${el.className}>, ${el.properties.map((p) => JSON.stringify(p.name)).concat(el.attributes.map((a) => JSON.stringify(a.name))).join(' | ') || 'never'}> {\n`;
    body += propsBody(el, imports, (n) => `on${n}`);
    body += '}\n\n';
  }
  const map = elements.map((el) => `      ${q(el.tag)}: ${el.className}PreactProps;`).join('\n');
  return `${header(`Preact JSX types for ${pkg.name}: import 'media-capture-elements/preact' once.`)}${[...imports].join('\n')}\n\n${body}declare module 'preact' {\n  namespace JSX {\n    interface IntrinsicElements {\n${map}\n    }\n  }\n}\n`;
}

// Vue 3: GlobalComponents, so that templates type-check (vue-tsc) and editors complete. Declare
// the tags as custom elements in the compiler options (`isCustomElement`), see the README.
function vue() {
  const imports = new Set(["import type { DefineComponent } from 'vue';"]);
  classImports(imports);
  const camel = (n) => n.replace(/-(\w)/g, (_, c) => c.toUpperCase());
  let body = '';
  for (const el of elements) {
    body += `/** Props of <${el.tag}> in Vue templates (\`@${el.events[0]?.name ?? 'event'}\` becomes \`on${camel('-' + (el.events[0]?.name ?? 'event'))}\`). */\n`;
    body += `export interface ${el.className}VueProps {\n`;
    body += propsBody(el, imports, (n) => `on${camel(`-${n}`)}`);
    body += '}\n\n';
  }
  const map = elements.map((el) => `    ${q(el.tag)}: DefineComponent<${el.className}VueProps>;`).join('\n');
  return `${header(`Vue 3 types for ${pkg.name}: import 'media-capture-elements/vue' once.`)}${[...imports].join('\n')}\n\n${body}declare module 'vue' {\n  interface GlobalComponents {\n${map}\n  }\n}\n`;
}

// Svelte 5: `on<event>` attributes listen to <event>; props are set as properties when the element has them.
function svelte() {
  const imports = new Set(["import type { HTMLAttributes } from 'svelte/elements';"]);
  classImports(imports);
  let body = '';
  for (const el of elements) {
    body += `/** Attributes of <${el.tag}> in Svelte 5. */\n`;
    body += `export interface ${el.className}SvelteProps extends HTMLAttributes<${el.className}> {\n`;
    body += propsBody(el, imports, (n) => `on${n}`);
    body += '}\n\n';
  }
  const map = elements.map((el) => `    ${q(el.tag)}: ${el.className}SvelteProps;`).join('\n');
  return `${header(`Svelte 5 types for ${pkg.name}: import 'media-capture-elements/svelte' once.`)}${[...imports].join('\n')}\n\n${body}declare module 'svelte/elements' {\n  interface SvelteHTMLElements {\n${map}\n  }\n}\n`;
}

// VS Code html.customData: tags, attributes (with their values), descriptions.
function vscode() {
  const values = (t = '') => {
    const lits = t.split('|').map((s) => s.trim()).filter((s) => /^'.*'$/.test(s));
    return lits.length ? { values: lits.map((s) => ({ name: s.slice(1, -1) })) } : t.trim() === 'boolean' ? { valueSet: 'v' } : {};
  };
  const md = (el) =>
    [
      el.docs.description ?? el.description,
      el.slots.length ? `**Slots:** ${el.slots.map((s) => `\`${s.name || '(default)'}\``).join(', ')}` : '',
      el.events.length ? `**Events:** ${el.events.map((e) => `\`${e.name}\``).join(', ')}` : '',
      (el.docs.cssParts ?? []).length ? `**Parts:** ${el.docs.cssParts.map((p) => `\`${p.name}\``).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tag,
      description: { kind: 'markdown', value: md(el) },
      attributes: el.attributes.map((a) => ({ name: a.name, description: a.description ?? '', ...values(a.type?.text) })),
      references: [{ name: 'README', url: `https://www.npmjs.com/package/${pkg.name}` }],
    })),
  };
}

mkdirSync(resolve(dist, 'types'), { recursive: true });
const outputs = { jsx: react(), preact: preact(), vue: vue(), svelte: svelte() };
for (const [name, text] of Object.entries(outputs)) {
  writeFileSync(resolve(dist, `types/${name}.d.ts`), text);
  writeFileSync(resolve(dist, `types/${name}.js`), `// Types only: see ${name}.d.ts.\nexport {};\n`);
}
writeFileSync(resolve(dist, 'vscode.html-custom-data.json'), `${JSON.stringify(vscode(), null, 2)}\n`);
// The CDN bundle's types: what vite.cdn.config.ts bundles, from the declaration files tsc wrote.
const defines = manifest.modules
  .filter((m) => (m.declarations ?? []).some((d) => d.customElement && d.tagName))
  .map((m) => `export * from '../${m.path.replace(/[^/]+$/, 'define.js')}';`);
writeFileSync(
  resolve(dist, 'cdn/media-capture-elements.d.ts'),
  ["// Types of the CDN bundle (media-capture-elements/cdn).", "export * from '../src/index.js';", "export * from '../src/capture/index.js';", ...defines, ''].join('\n'),
);
console.log(`framework types for ${elements.map((e) => `<${e.tag}>`).join(', ')}: dist/types/{${Object.keys(outputs).join(',')}}.d.ts, dist/vscode.html-custom-data.json`);
