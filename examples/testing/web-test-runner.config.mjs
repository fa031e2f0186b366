// @web/test-runner with the kit's launchers: `npx web-test-runner --config web-test-runner.config.mjs`
// (ENGINES=chromium,firefox,webkit to add WebKitGTK, under `xvfb-run -a`).
import { fakeMediaBrowsers, fakeMediaPlugin, writeY4m } from 'media-capture-elements/testing';

const engines = (process.env.ENGINES ?? 'chromium,firefox').split(',');

export default {
  nodeResolve: true,
  plugins: [fakeMediaPlugin()], // setPermission() in Chromium
  concurrentBrowsers: 2,
  testFramework: { config: { timeout: 20_000 } },
  groups: [
    { name: 'fake-cameras', files: 'camera-page.test.js', browsers: fakeMediaBrowsers({ engines, cameras: 2 }) },
    {
      name: 'blocked',
      files: 'camera-page.denied.test.js',
      browsers: fakeMediaBrowsers({ engines: engines.filter((e) => e !== 'webkit'), permission: 'denied' }),
    },
    {
      name: 'known-picture',
      files: 'camera-page.pattern.test.js',
      // A camera that plays four known colours (red, green / blue, white), 640x480.
      browsers: fakeMediaBrowsers({ engines: ['chromium'], pattern: writeY4m('.cache/quadrants.y4m', { pattern: 'quadrants' }) }),
    },
  ],
};
