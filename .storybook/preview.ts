// Storybook preview: autodocs from custom-elements.json, controls for every attribute, the
// accessibility addon, and the kit's light/dark page colours.
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import type { ArgTypes, StrictInputType } from 'storybook/internal/types';
import manifest from '../custom-elements.json';
import ElementDocs from './element-docs.mdx';

setCustomElementsManifest(manifest);

interface ManifestAttribute {
  name: string;
  fieldName?: string;
  type?: { text?: string };
  description?: string;
}
interface ManifestDeclaration {
  tagName?: string;
  attributes?: ManifestAttribute[];
}

const declarations = new Map<string, ManifestDeclaration>();
for (const mod of (manifest as { modules: { declarations?: ManifestDeclaration[] }[] }).modules) {
  for (const d of mod.declarations ?? []) if (d.tagName) declarations.set(d.tagName, d);
}

/** A control for an attribute's manifest type: boolean, options of a string-literal union, or text. */
function controlFor(type = ''): Partial<StrictInputType> {
  const t = type.replace(/\s/g, '');
  if (t === 'boolean') return { control: 'boolean' };
  if (t === 'number' || t === 'number|null') return { control: 'number' };
  const literals = type.split('|').map((s) => s.trim());
  const values = literals.filter((s) => /^'.*'$/.test(s)).map((s) => s.slice(1, -1));
  if (values.length && values.length >= literals.filter((s) => s !== 'null' && s !== 'undefined').length) {
    return { control: values.length <= 4 ? 'inline-radio' : 'select', options: literals.includes('null') ? ['', ...values] : values };
  }
  return { control: 'text' };
}

/**
 * Every attribute of the story's component gets a control inferred from custom-elements.json.
 * Where a story names the arg by its property (`facingMode` for `facing-mode`), the control goes
 * on that arg and the attribute's row points to it.
 */
const attributeControls = (context: { argTypes: ArgTypes; component?: unknown; initialArgs?: Record<string, unknown> }): ArgTypes => {
  const { argTypes } = context;
  const decl = typeof context.component === 'string' ? declarations.get(context.component) : undefined;
  if (!decl) return argTypes;
  const out: ArgTypes = { ...argTypes };
  for (const attr of decl.attributes ?? []) {
    const byProperty = attr.fieldName && attr.fieldName !== attr.name && context.initialArgs && attr.fieldName in context.initialArgs;
    const key = byProperty ? attr.fieldName! : attr.name;
    const existing = out[key] ?? { name: key };
    if (existing.control === undefined || existing.control === null) {
      out[key] = { ...existing, ...controlFor(attr.type?.text) } as ArgTypes[string];
    }
    if (byProperty && out[attr.name]) out[attr.name] = { ...out[attr.name], control: false } as ArgTypes[string];
  }
  return out;
};

const preview: Preview = {
  argTypesEnhancers: [attributeControls],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    actions: { argTypesRegex: '^on[A-Z].*' },
    // Each element's Docs page: the default blocks with the element's picture (element-docs.mdx).
    docs: { toc: true, page: ElementDocs },
    // The guides first, in reading order, then the elements, recipes and tests.
    options: {
      storySort: {
        order: [
          'Guides',
          [
            'Getting started',
            'Shared streams and the controller',
            'Photos and the capture pipeline',
            'Recording',
            'Sound',
            'Constraints and camera controls',
            'Frameworks',
            'Theming',
            'Testing your camera page',
            'Browser support',
            'Benchmarks',
          ],
          'Elements',
        ],
      },
    },
    // axe runs after every story; in `npm test` a violation fails the story.
    a11y: { test: 'error' },
    layout: 'padded',
  },
};

export default preview;
