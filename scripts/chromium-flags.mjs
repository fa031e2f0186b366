// Chromium flags shared by the test runner and the benchmark: no network here, autoplay allowed.
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
