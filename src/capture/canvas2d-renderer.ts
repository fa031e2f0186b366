/**
 * 2D-canvas renderer, used where WebGL2 is missing (or when forced with `renderer: '2d'`).
 *
 * Live preview strategy (must keep up with the camera, on the main thread or in the live worker):
 * 1. no effect: a plain `drawImage` (GPU-composited, cheap);
 * 2. on the main thread, when the effect has a CSS twin and `ctx.filter` really works (checked
 *    with pixels, WebKit often ignores it): `drawImage` with `ctx.filter`;
 * 3. otherwise the exact per-pixel code from `effects.ts`, on a copy downscaled to at most
 *    {@link LIVE_MAX_PIXELS} and scaled back up, which bounds the per-frame cost at ~4-8 ms.
 *    (The live worker first tries the full-size path of `frame-pixels.ts`: the frame copied as
 *    RGBA into the WebAssembly effect kernel and {@link Canvas2DRenderer.putPixels}.)
 * Photos never use this class: they always use the exact per-pixel path at full size.
 */
import { applyEffectToPixels } from './effect-pixels.js';
import { blockSize, cssFilter, effectDefinition, isIdentity, type EffectSettings } from './effects.js';
import { drawFrame } from './raster.js';
import type { FrameSource } from './webgl2-renderer.js';

/** Largest frame (in pixels) the live 2D preview runs the per-pixel path on. */
export const LIVE_MAX_PIXELS = 640 * 360;

let filterWorks: boolean | undefined;

/** True when `CanvasRenderingContext2D.filter` actually changes pixels. */
export function canvasFilterWorks(): boolean {
  if (filterWorks !== undefined) return filterWorks;
  filterWorks = false;
  try {
    // A document's canvas, or an OffscreenCanvas in a worker (the live preview's, see live.worker.ts).
    const canvas = (): HTMLCanvasElement | OffscreenCanvas =>
      typeof document !== 'undefined' ? Object.assign(document.createElement('canvas'), { width: 1, height: 1 }) : new OffscreenCanvas(1, 1);
    const ctx = canvas().getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (ctx && 'filter' in ctx) {
      const src = canvas();
      const sctx = src.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
      sctx.fillStyle = '#ff0000';
      sctx.fillRect(0, 0, 1, 1);
      ctx.filter = 'invert(1)';
      ctx.drawImage(src, 0, 0);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      filterWorks = d[0]! < 32 && d[1]! > 223 && d[2]! > 223;
    }
  } catch {
    filterWorks = false;
  }
  return filterWorks;
}

/** Renders live frames with the 2D canvas API. */
export class Canvas2DRenderer {
  readonly kind = '2d' as const;
  /** Always false: there is no context loss to handle with 2D. */
  readonly lost = false;
  private scratch: HTMLCanvasElement | OffscreenCanvas | null = null;
  private scratchCtx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;

  private constructor(
    readonly canvas: HTMLCanvasElement | OffscreenCanvas,
    private readonly ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
    private readonly useFilter: boolean,
  ) {}

  /**
   * Creates a renderer, or null when the canvas cannot give a 2D context. With `cssFilter: false`
   * effects always take the per-pixel path (the live worker: there `ctx.filter` runs on the CPU at
   * full size, and 1080p sepia drew 14 fps against 27 for the bounded per-pixel path).
   */
  static create(canvas: HTMLCanvasElement | OffscreenCanvas, { cssFilter = true } = {}): Canvas2DRenderer | null {
    const ctx = canvas.getContext('2d', { alpha: false }) as
      | CanvasRenderingContext2D
      | OffscreenCanvasRenderingContext2D
      | null;
    return ctx ? new Canvas2DRenderer(canvas, ctx, cssFilter) : null;
  }

  /** Draws one live frame. Returns true (a 2D context is never lost). */
  render(source: FrameSource, width: number, height: number, settings: EffectSettings, mirror: boolean): boolean {
    const { canvas, ctx } = this;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const image = source as CanvasImageSource;
    if (isIdentity(settings)) {
      ctx.filter = 'none';
      drawFrame(ctx, image, width, height, mirror);
      return true;
    }
    const css = cssFilter(settings);
    if (css && this.useFilter && canvasFilterWorks()) {
      ctx.filter = css;
      drawFrame(ctx, image, width, height, mirror);
      ctx.filter = 'none';
      return true;
    }
    // Exact per-pixel path on a bounded copy.
    const scale = Math.min(1, Math.sqrt(LIVE_MAX_PIXELS / (width * height)));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    if (!this.scratch) {
      this.scratch = typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(w, h);
      this.scratchCtx = this.scratch.getContext('2d', { alpha: false, willReadFrequently: true }) as
        | CanvasRenderingContext2D
        | OffscreenCanvasRenderingContext2D;
    }
    const s = this.scratch;
    const sctx = this.scratchCtx!;
    if (s.width !== w) s.width = w;
    if (s.height !== h) s.height = h;
    drawFrame(sctx, image, w, h, mirror);
    const img = sctx.getImageData(0, 0, w, h);
    // An effect in blocks (pixelate) keeps its blocks the same size on screen as at full resolution.
    const { blocks } = effectDefinition(settings.effect);
    const scaled = blocks
      ? { ...settings, pixelSize: Math.max(1, Math.round(blockSize(settings, width, height) * scale)) }
      : settings;
    applyEffectToPixels(img.data, w, h, scaled);
    sctx.putImageData(img, 0, 0);
    ctx.filter = 'none';
    ctx.imageSmoothingEnabled = !blocks;
    ctx.drawImage(s, 0, 0, width, height);
    ctx.imageSmoothingEnabled = true;
    return true;
  }

  /**
   * Draws finished pixels (an effect already applied, e.g. by the effect kernel in the live
   * worker) at their size, sizing the canvas to them. Returns true.
   */
  putPixels(image: ImageData): boolean {
    const { canvas, ctx } = this;
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    ctx.putImageData(image, 0, 0);
    return true;
  }

  /**
   * Releases the scratch canvas and shrinks the canvas to one drawn pixel: for a canvas drawn from
   * a worker, whose canvas on the page shows the last frame drawn (a 0x0 canvas draws none).
   */
  shrinkToPixel(): void {
    this.dispose(false);
    this.canvas.width = this.canvas.height = 1;
    this.ctx.fillRect(0, 0, 1, 1);
  }

  /** Releases the scratch canvas; with `releaseCanvas`, also the canvas's backing store (its size becomes 0x0). */
  dispose(releaseCanvas = false): void {
    this.scratch = null;
    this.scratchCtx = null;
    if (releaseCanvas) this.canvas.width = this.canvas.height = 0;
  }
}
