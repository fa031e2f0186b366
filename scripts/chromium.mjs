// Debian Chromium through playwright-core with the same fake devices as the `chromium` test
// group (3 fake cameras, permission granted). Only tests launch it this way: Storybook and the
// examples opened in a person's browser use the real camera.
import { chromium } from 'playwright-core';
import { CHROMIUM_BASE_ARGS } from './chromium-flags.mjs';

export const CHROMIUM = process.env.MCE_CHROMIUM ?? '/usr/bin/chromium';

export const FAKE_CAMERA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=device-count=3',
  '--enable-unsafe-webgpu',
  ...CHROMIUM_BASE_ARGS,
];

export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FAKE_CAMERA_ARGS, ...extraArgs] });
}
