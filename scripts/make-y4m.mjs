#!/usr/bin/env node
// Writes .cache/test-pattern.y4m: a 640x480 still of four saturated quadrants that Chromium
// plays as its fake camera (--use-file-for-fake-video-capture). Skips the work when the file
// already exists with the expected size. The colours live in test/helpers/pattern.ts too.
import { mkdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WIDTH = 640;
export const HEIGHT = 480;
export const FRAMES = 5;
// Saturated primaries and white: each survives the I420 round trip whether the decoder reads the
// samples as full range (C420jpeg) or as limited range (every channel clips to 0 or 255).
// Left/right mirroring swaps red and green, top/bottom mirroring swaps red and blue,
// and grayscale turns red, green and blue into three different greys.
export const QUADRANTS = {
  topLeft: [255, 0, 0],
  topRight: [0, 255, 0],
  bottomLeft: [0, 0, 255],
  bottomRight: [255, 255, 255],
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const Y4M_PATH = resolve(root, '.cache/test-pattern.y4m');

const HEADER = `YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`;
const FRAME_HEADER = 'FRAME\n';
const FRAME_BYTES = WIDTH * HEIGHT * 1.5;
export const Y4M_SIZE = HEADER.length + FRAMES * (FRAME_HEADER.length + FRAME_BYTES);

const clamp = (v) => Math.max(0, Math.min(255, Math.round(v)));

/** Full-range BT.601 (JPEG) RGB -> YCbCr. */
export function rgbToYCbCr([r, g, b]) {
  return [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
    clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
  ];
}

function quadrantAt(x, y, w, h) {
  const right = x >= w / 2;
  const bottom = y >= h / 2;
  if (bottom) return right ? QUADRANTS.bottomRight : QUADRANTS.bottomLeft;
  return right ? QUADRANTS.topRight : QUADRANTS.topLeft;
}

export function buildFrame() {
  const frame = Buffer.alloc(FRAME_BYTES);
  const cw = WIDTH / 2;
  const ch = HEIGHT / 2;
  const uOffset = WIDTH * HEIGHT;
  const vOffset = uOffset + cw * ch;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      frame[y * WIDTH + x] = rgbToYCbCr(quadrantAt(x, y, WIDTH, HEIGHT))[0];
    }
  }
  // Quadrant edges (320, 240) are even, so every 2x2 chroma block lies inside one quadrant.
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const [, cb, cr] = rgbToYCbCr(quadrantAt(x, y, cw, ch));
      frame[uOffset + y * cw + x] = cb;
      frame[vOffset + y * cw + x] = cr;
    }
  }
  return frame;
}

export function makeY4m(path = Y4M_PATH) {
  try {
    if (statSync(path).size === Y4M_SIZE) return { path, written: false };
  } catch {
    // missing: write it
  }
  mkdirSync(dirname(path), { recursive: true });
  const frame = Buffer.concat([Buffer.from(FRAME_HEADER, 'ascii'), buildFrame()]);
  const parts = [Buffer.from(HEADER, 'ascii')];
  for (let i = 0; i < FRAMES; i++) parts.push(frame);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, path);
  return { path, written: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { path, written } = makeY4m();
  console.log(`${written ? 'wrote' : 'kept'} ${path} (${Y4M_SIZE} bytes)`);
}
