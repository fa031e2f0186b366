// Storybook 10 (@storybook/web-components-vite). `npm start` runs it on http://127.0.0.1:6006
// (scripts/start.mjs), `npm run build-storybook` builds it into storybook-static/, and
// `npm test` builds it and runs every story (and its play function) in Chromium with fake
// cameras (scripts/test-storybook.mjs). In a person's browser the real camera is used: the
// fake-device flags exist only in that test's Chromium.
import type { StorybookConfig } from '@storybook/web-components-vite';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';

const config: StorybookConfig = {
  // Every stories file, so a new element's stories (stories/photo-booth.stories.ts) appear by
  // themselves, and the guides (stories/*.mdx, "Guides/…") before the elements.
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: [
    // GitHub-flavoured Markdown in the guides: tables, strikethrough, autolinks.
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } } },
    '@storybook/addon-a11y',
  ],
  framework: {
    name: '@storybook/web-components-vite',
    // Not the library build in ./vite.config.ts (lib mode, demo redirect): a plain app config.
    options: { builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  // The machine may have no internet: no telemetry, no "what's new" fetches.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
};

export default config;
