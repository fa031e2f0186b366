import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from '@custom-elements-manifest/analyzer';
import { globSync } from 'tinyglobby';

const root = dirname(fileURLToPath(import.meta.url));
// @custom-elements-manifest/analyzer config: `npm run analyze` writes custom-elements.json at the
// top level from the JSDoc of every element; `npm run analyze:check` (scripts/analyze.mjs --check)
// fails when the committed file differs from a fresh analysis. New elements in components/<tag>/
// are picked up by the globs.
/** Static fields that configure the class for Lit or the kit's base class, not for users. */
const INTERNAL_STATICS = new Set(['styles', 'shadowRootOptions', 'formAssociated', 'holdStream', 'forwardedEvents']);

/**
 * `export type Name = 'a' | 'b'` unions of string literals anywhere in src/ and components/, so
 * that a member typed `FacingMode | null` reads `'user' | 'environment' | null` in the manifest:
 * docs list the values, Storybook offers them as options, and the generated framework types need
 * no import.
 */
function literalUnions() {
  const unions = new Map();
  for (const file of globSync(['src/**/*.ts', 'components/**/*.ts'], { cwd: root, ignore: ['**/*.test.ts'] })) {
    const sf = ts.createSourceFile(file, readFileSync(resolve(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const st of sf.statements) {
      if (!ts.isTypeAliasDeclaration(st) || st.typeParameters || !ts.isUnionTypeNode(st.type)) continue;
      const parts = st.type.types;
      if (parts.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
        unions.set(st.name.text, parts.map((t) => `'${t.literal.text}'`).join(' | '));
      }
    }
  }
  return unions;
}
const UNIONS = literalUnions();
const expandType = (type) => {
  if (!type?.text) return;
  type.text = type.text.replace(/\b[A-Z]\w*\b/g, (name) => UNIONS.get(name) ?? name);
};

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/define.ts', 'components/**/*.worker.ts', '**/*.test.ts', '**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the committed file itself ("customElements": "custom-elements.json");
  // the analyzer would otherwise rewrite it to wherever --outdir points.
  packagejson: false,
  plugins: [
    {
      // Private and protected members (and `#private` fields) are not API: leave them out, so
      // docs, framework types and editors see only what a user may touch.
      name: 'mce:public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        // globby's order varies between runs: sort, so that the drift check compares like with like.
        customElementsManifest.modules?.sort((a, b) => a.path.localeCompare(b.path, 'en'));
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            // `@fires name - {EventClass} text` (the order the elements use) leaves the type in the
            // text; the analyzer reads `@fires {EventClass} name - text`. Accept both.
            for (const ev of decl.events ?? []) {
              const m = /^\s*\{([^}]+)\}\s*/.exec(ev.description ?? '');
              if (m && !ev.type) {
                ev.type = { text: m[1].trim() };
                ev.description = ev.description.slice(m[0].length);
              }
            }
            // `this.dispatchEvent(new PhotoCaptureEvent(...))` gives a nameless event beside the
            // documented `@fires photo-capture - {PhotoCaptureEvent}`: keep the documented one.
            if (decl.events) {
              decl.events = decl.events.filter((e) => e.name || !decl.events.some((o) => o.name && o.type?.text === e.type?.text));
            }
            for (const item of [...(decl.attributes ?? []), ...(decl.members ?? [])]) expandType(item.type);
            if (decl.members) {
              decl.members = decl.members.filter(
                (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#') && !(m.static && INTERNAL_STATICS.has(m.name)),
              );
            }
          }
        }
      },
    },
  ],
};
