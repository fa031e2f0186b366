// Writes .cache/bench-photo-v1-<W>x<H>.y4m: a few I420 frames (`C420jpeg`, BT.601 limited
// range) of one scene at any size (720p, 1080p, 4K) that look like a photo to a JPEG encoder — smooth sky and glow gradients, a textured
// ground (multi-octave value noise), hard-edged buildings with a fine window grid, thin wires,
// and per-pixel sensor noise — played by Chromium as its camera
// (`--use-file-for-fake-video-capture`). Deterministic (seeded PRNG); the scene drifts and the
// sensor noise changes from frame to frame, so no two frames are alike. Cached: skipped when the
// file already has the expected size. Never commit it (.cache/ and *.y4m are gitignored).
import { mkdirSync, openSync, renameSync, statSync, writeSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FRAMES = 4;
export const FPS = 30;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Path of the cached file of one size. Bump the version when the content changes. */
export const photoY4mPath = (w, h) => resolve(root, `.cache/bench-photo-v1-${w}x${h}.y4m`);
const FRAME_HEADER = 'FRAME\n';
const header = (w, h) => `YUV4MPEG2 W${w} H${h} F${FPS}:1 Ip A1:1 C420jpeg\n`;
const fileSize = (w, h) => header(w, h).length + FRAMES * (FRAME_HEADER.length + w * h * 1.5);

/** mulberry32: small deterministic PRNG, returns [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const L = 256; // value-noise lattice (tiles)
const lattice = new Float32Array(L * L);
{
  const r = prng(0x5eed);
  for (let i = 0; i < lattice.length; i++) lattice[i] = r();
}
/** Smooth value noise in [0, 1), period L. */
function vnoise(x, y) {
  const xi = Math.floor(x);
  const yi = Math.floor(y);
  let fx = x - xi;
  let fy = y - yi;
  fx = fx * fx * (3 - 2 * fx);
  fy = fy * fy * (3 - 2 * fy);
  const x0 = xi & (L - 1);
  const y0 = (yi & (L - 1)) * L;
  const x1 = (xi + 1) & (L - 1);
  const y1 = ((yi + 1) & (L - 1)) * L;
  const a = lattice[y0 + x0] + (lattice[y0 + x1] - lattice[y0 + x0]) * fx;
  const b = lattice[y1 + x0] + (lattice[y1 + x1] - lattice[y1 + x0]) * fx;
  return a + (b - a) * fy;
}

/**
 * One frame. The scene is laid out in 4K units (`k` scales it to the frame), so every size shows
 * the same picture; the sensor noise is per pixel at every size.
 */
function buildFrame(index, width, height) {
  const k = width / 3840;
  const W = 3840;
  const H = 2160;
  const out = Buffer.alloc(width * height * 1.5);
  const cw = width / 2;
  const uOff = width * height;
  const vOff = uOff + cw * (height / 2);
  const cb = new Float32Array(cw * (height / 2));
  const cr = new Float32Array(cw * (height / 2));
  const noise = prng(1000 + index);
  const drift = index * 6; // pixels the scene moves per frame
  const rs = prng(42);
  // Buildings: hard edges and a fine grid of windows.
  const buildings = [];
  for (let i = 0; i < 9; i++) {
    const bw = 180 + rs() * 320;
    const x0 = rs() * (W - bw);
    const top = H * (0.25 + rs() * 0.25);
    const base = [60 + rs() * 120, 60 + rs() * 100, 60 + rs() * 90];
    buildings.push({ x0, x1: x0 + bw, top, base, pitch: 14 + Math.floor(rs() * 10) });
  }
  const glows = [
    [0.78, 0.18, 0.12, [255, 230, 180]],
    [0.2, 0.32, 0.2, [255, 190, 150]],
  ];
  for (let py = 0; py < height; py++) {
    const y = py / k;
    const v = y / H;
    const horizon = 0.62;
    for (let px = 0; px < width; px++) {
      const xs = px / k + drift;
      const u = xs / W;
      let r;
      let g;
      let b;
      const hz = horizon + 0.03 * Math.sin(u * 9.0) + 0.015 * (vnoise(xs / 90, 3.5) - 0.5);
      if (v < hz) {
        // sky: vertical gradient, faint clouds
        const t = v / hz;
        const c = vnoise(xs / 420, y / 160) * 0.6 + vnoise(xs / 130, y / 60) * 0.4;
        const cloud = Math.max(0, c - 0.45) * 1.6;
        r = 70 + 120 * t + 120 * cloud;
        g = 115 + 95 * t + 110 * cloud;
        b = 205 + 35 * t + 90 * cloud;
      } else {
        // ground: foliage-like texture, darker towards the bottom
        const t = (v - hz) / (1 - hz);
        const n =
          vnoise(xs / 64, y / 64) * 0.45 +
          vnoise(xs / 17, y / 17) * 0.3 +
          vnoise(xs / 5.3, y / 5.3) * 0.17 +
          vnoise(xs / 1.7, y / 1.7) * 0.08;
        const shade = 1 - 0.45 * t;
        r = (40 + 110 * n) * shade;
        g = (70 + 130 * n) * shade;
        b = (25 + 60 * n) * shade;
      }
      for (const bd of buildings) {
        if (xs >= bd.x0 && xs < bd.x1 && y >= bd.top && v < hz + 0.05) {
          const lx = (xs - bd.x0) % bd.pitch;
          const ly = (y - bd.top) % (bd.pitch + 4);
          const window = lx > 3 && lx < bd.pitch - 3 && ly > 4 && ly < bd.pitch - 1;
          const grain = vnoise(xs / 3.1, y / 3.1) * 30 - 15;
          const side = xs - bd.x0 < 12 ? 0.7 : 1; // a darker edge
          if (window) {
            const lit = vnoise(Math.floor(xs / bd.pitch) * 7.3, Math.floor(y / (bd.pitch + 4)) * 3.1) > 0.55;
            r = lit ? 235 : 35;
            g = lit ? 215 : 45;
            b = lit ? 150 : 60;
          } else {
            r = bd.base[0] * side + grain;
            g = bd.base[1] * side + grain;
            b = bd.base[2] * side + grain;
          }
          break;
        }
      }
      // thin wires (1-2 px edges across the sky)
      const wire = Math.abs(y - (H * 0.2 + 0.00009 * (xs - W / 2) ** 2 - 40));
      if (wire * k < 1.5) {
        r = g = b = 30;
      }
      for (const [gx, gy, rad, col] of glows) {
        const dx = u - gx;
        const dy = (v - gy) * (H / W);
        const k = Math.exp(-(dx * dx + dy * dy) / (rad * rad));
        r += (col[0] - r) * k * 0.8;
        g += (col[1] - g) * k * 0.8;
        b += (col[2] - b) * k * 0.8;
      }
      // full-range RGB -> limited-range BT.601 YCbCr, with sensor noise on luma
      const sn = (noise() + noise() - 1) * 7;
      const Y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255 + sn;
      out[py * width + px] = Y < 16 ? 16 : Y > 235 ? 235 : Y;
      const ci = (py >> 1) * cw + (px >> 1);
      cb[ci] += 128 + (-37.797 * r - 74.203 * g + 112 * b) / 255;
      cr[ci] += 128 + (112 * r - 93.786 * g - 18.214 * b) / 255;
    }
  }
  for (let i = 0; i < cb.length; i++) {
    const u = cb[i] / 4 + (noise() - 0.5) * 3;
    const w = cr[i] / 4 + (noise() - 0.5) * 3;
    out[uOff + i] = u < 16 ? 16 : u > 240 ? 240 : u;
    out[vOff + i] = w < 16 ? 16 : w > 240 ? 240 : w;
  }
  return out;
}

/** Writes the file of that size unless it already exists with the right size; returns its path. */
export function makePhotoY4m(width = 3840, height = 2160, log = console.log) {
  const path = photoY4mPath(width, height);
  try {
    if (statSync(path).size === fileSize(width, height)) return path;
  } catch {
    // missing: write it
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const t0 = performance.now();
  try {
    writeSync(fd, Buffer.from(header(width, height), 'ascii'));
    for (let i = 0; i < FRAMES; i++) {
      writeSync(fd, Buffer.from(FRAME_HEADER, 'ascii'));
      writeSync(fd, buildFrame(i, width, height));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  log(`wrote ${path} (${FRAMES} frames ${width}x${height}, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [w, h] of [[1280, 720], [1920, 1080], [3840, 2160]]) console.log(makePhotoY4m(w, h, () => {}));
}
