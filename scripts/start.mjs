#!/usr/bin/env node
// npm start: Storybook on http://127.0.0.1:6006 when .storybook/ exists, otherwise the Vite demo
// (demo/index.html) on http://127.0.0.1:5173. Extra args go to the tool.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
const extra = process.argv.slice(2);

let cmd;
let args;
if (existsSync(resolve(root, '.storybook')) && existsSync(bin('storybook'))) {
  [cmd, args] = [bin('storybook'), ['dev', '--host', '127.0.0.1', '-p', '6006', '--no-open', ...extra]];
} else {
  if (existsSync(resolve(root, '.storybook'))) {
    console.warn('.storybook/ exists but storybook is not installed (npm ci?): starting the demo instead.');
  }
  [cmd, args] = [bin('vite'), ['--host', '127.0.0.1', ...extra]];
}

console.log(`> ${[cmd.replace(`${root}/`, ''), ...args].join(' ')}`);
const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
