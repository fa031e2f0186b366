/**
 * The effect step alone, three ways, side by side on the same camera frames: from a camera
 * `VideoFrame` to sepia RGBA pixels in memory (what the encoder needs next).
 * - **2D in script:** `VideoFrame.copyTo()` as RGBA, then the effect table's matrix loop
 *   (`applyEffectToPixels`): the pipeline's path on a software GL before issue 20.
 * - **2D with the WebAssembly kernel (the pipeline's workers now):** `copyTo()` into the kernel's
 *   memory and the kernel (`kernelPixels`, `pixel-kernel.ts`).
 * - **WebGL2:** `texImage2D(frame)`, the effect's fragment shader (`fragmentShaderSource`), and
 *   `readPixels`.
 * - **WebGPU:** `importExternalTexture(frame)`, the same sepia in WGSL, `copyTextureToBuffer` and
 *   `mapAsync`. The issue allows a WebGPU path "if a benchmark shows it is faster": this is that
 *   benchmark. It runs only where the page has a WebGPU adapter (Chromium with
 *   `--enable-unsafe-webgpu`, which `bench/run.mjs` passes).
 *
 * Each call starts on a new camera frame and runs on the main thread; the figure is the median
 * time from the frame to the pixels. The encode that follows is the same for all three.
 */
import { applyEffectToPixels, fragmentShaderSource, resolveSettings } from '../src/capture/index.js';
import { kernelPixels } from '../src/capture/frame-pixels.js';
import { loadPixelKernel } from '../src/capture/pixel-kernel.js';

export interface StepRow {
  size: string;
  method: string;
  median: number;
  p90: number;
}

/** The few WebGPU members used here (the DOM lib of this TypeScript has none). */
interface GPUish {
  requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; description?: string }; isFallbackAdapter?: boolean; requestDevice(): Promise<DeviceIsh> } | null>;
}
type DeviceIsh = Record<string, (...args: unknown[]) => unknown> & { queue: { submit(b: unknown[]): void } };
type Buffer = { mapAsync(mode: number): Promise<void>; getMappedRange(): ArrayBuffer; unmap(): void; destroy(): void };

/** The sepia shader, reading a `texture_external` or a `texture_2d<f32>`. */
const sepiaWgsl = (texture: string): string => /* wgsl */ `
@group(0) @binding(0) var src: ${texture};
@vertex fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4f {
  let p = vec2f(f32((i << 1u) & 2u), f32(i & 2u));
  return vec4f(p * 2.0 - 1.0, 0.0, 1.0);
}
@fragment fn fs(@builtin(position) pos: vec4f) -> @location(0) vec4f {
  let c = textureLoad(src, vec2u(pos.xy)${texture === 'texture_external' ? '' : ', 0'}).rgb;
  let s = vec3f(dot(c, vec3f(0.393, 0.769, 0.189)), dot(c, vec3f(0.349, 0.686, 0.168)), dot(c, vec3f(0.272, 0.534, 0.131)));
  return vec4f(clamp(s, vec3f(0.0), vec3f(1.0)), 1.0);
}`;

const SEPIA = resolveSettings('sepia', {});

/** A WebGPU sepia step at `width` x `height`, or null (with the reason logged) without WebGPU. */
async function webgpuStep(width: number, height: number, log: (s: string) => void): Promise<{ run(frame: VideoFrame): Promise<Uint8ClampedArray>; readonly way: string; dispose(): void } | null> {
  const gpu = (navigator as unknown as { gpu?: GPUish }).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) {
    log('WebGPU: no adapter in this browser; the WebGPU row is left out');
    return null;
  }
  const info = adapter.info ?? {};
  log(`WebGPU adapter: ${info.vendor ?? '?'} ${info.architecture ?? ''} ${info.description ?? ''}${adapter.isFallbackAdapter ? ' (fallback adapter)' : ''}`);
  const device = await adapter.requestDevice();
  const pipelineFor = (texture: string): { getBindGroupLayout(i: number): unknown } => {
    const module = device.createShaderModule!({ code: sepiaWgsl(texture) });
    return device.createRenderPipeline!({
      layout: 'auto',
      vertex: { module, entryPoint: 'vs' },
      fragment: { module, entryPoint: 'fs', targets: [{ format: 'rgba8unorm' }] },
      primitive: { topology: 'triangle-list' },
    }) as { getBindGroupLayout(i: number): unknown };
  };
  const external = pipelineFor('texture_external');
  const sampled = pipelineFor('texture_2d<f32>');
  // GPUTextureUsage: COPY_SRC 0x01, COPY_DST 0x02, TEXTURE_BINDING 0x04, RENDER_ATTACHMENT 0x10
  const target = device.createTexture!({ size: [width, height], format: 'rgba8unorm', usage: 0x10 | 0x01 }) as { createView(): unknown; destroy(): void };
  const upload = device.createTexture!({ size: [width, height], format: 'rgba8unorm', usage: 0x02 | 0x04 | 0x10 }) as { createView(): unknown; destroy(): void };
  const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
  const buffer = device.createBuffer!({ size: bytesPerRow * height, usage: 0x08 | 0x01 }) as Buffer; // COPY_DST | MAP_READ
  const out = new Uint8ClampedArray(width * height * 4);
  /**
   * The frame as a bind group, the cheapest way this browser allows: zero-copy with
   * `importExternalTexture`, else `copyExternalImageToTexture` of the frame, else of an
   * ImageBitmap of it. (On SwiftShader the fake camera's CPU-backed frames can be neither
   * imported nor copied directly.)
   */
  const ways = ['import', 'copy frame', 'copy bitmap'] as const;
  let way = 0;
  const copy = (source: unknown): void =>
    (device.queue as unknown as { copyExternalImageToTexture(s: unknown, d: unknown, size: unknown): void }).copyExternalImageToTexture({ source }, { texture: upload }, [width, height]);
  const bind = async (frame: VideoFrame): Promise<[unknown, unknown]> => {
    for (;;) {
      try {
        if (ways[way] === 'import') {
          const resource = device.importExternalTexture!({ source: frame });
          return [external, device.createBindGroup!({ layout: external.getBindGroupLayout(0), entries: [{ binding: 0, resource }] })];
        }
        if (ways[way] === 'copy frame') copy(frame);
        else {
          const bitmap = await createImageBitmap(frame);
          copy(bitmap);
          bitmap.close();
        }
        return [sampled, device.createBindGroup!({ layout: sampled.getBindGroupLayout(0), entries: [{ binding: 0, resource: upload.createView() }] })];
      } catch (e) {
        if (way === ways.length - 1) throw e;
        log(`WebGPU: ${ways[way]} failed (${(e as Error).message}); trying ${ways[way + 1]}`);
        way++;
      }
    }
  };
  return {
    get way() {
      return ways[way];
    },
    async run(frame) {
      const [pipeline, bindGroup] = await bind(frame);
      const encoder = device.createCommandEncoder!() as Record<string, (...a: unknown[]) => unknown>;
      const pass = encoder.beginRenderPass!({
        colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }],
      }) as Record<string, (...a: unknown[]) => unknown>;
      pass.setPipeline!(pipeline);
      pass.setBindGroup!(0, bindGroup);
      pass.draw!(3);
      pass.end!();
      encoder.copyTextureToBuffer!({ texture: target }, { buffer, bytesPerRow }, [width, height]);
      device.queue.submit([encoder.finish!()]);
      await buffer.mapAsync(1); // GPUMapMode.READ
      const mapped = new Uint8Array(buffer.getMappedRange());
      if (bytesPerRow === width * 4) out.set(mapped);
      else for (let y = 0; y < height; y++) out.set(mapped.subarray(y * bytesPerRow, y * bytesPerRow + width * 4), y * width * 4);
      buffer.unmap();
      return out;
    },
    dispose() {
      buffer.destroy();
      target.destroy();
      upload.destroy();
      (device as unknown as { destroy(): void }).destroy();
    },
  };
}

/** A WebGL2 sepia step (the pipeline's own shader) at `width` x `height`. */
function webgl2Step(width: number, height: number): { run(frame: VideoFrame): Uint8ClampedArray; dispose(): void } {
  const canvas = new OffscreenCanvas(width, height);
  const gl = canvas.getContext('webgl2', { antialias: false, depth: false, alpha: false, premultipliedAlpha: false })!;
  const shader = (type: number, src: string): WebGLShader => {
    const s = gl.createShader(type)!;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    return s;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, shader(gl.VERTEX_SHADER, `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, fragmentShaderSource('sepia')));
  gl.linkProgram(program);
  gl.useProgram(program);
  gl.uniform1i(gl.getUniformLocation(program, 'u_tex'), 0);
  gl.uniform2i(gl.getUniformLocation(program, 'u_size'), width, height);
  gl.uniform1i(gl.getUniformLocation(program, 'u_mirror'), 0);
  gl.uniform3f(gl.getUniformLocation(program, 'u_adjust'), 1, 1, 1);
  gl.uniform1i(gl.getUniformLocation(program, 'u_block'), 2);
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.viewport(0, 0, width, height);
  const out = new Uint8ClampedArray(width * height * 4);
  return {
    run(frame) {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, frame);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out);
      return out;
    },
    dispose() {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}

/** The three ways, `n` calls each, interleaved call by call so that they see the same load. */
export async function effectSteps(
  label: string,
  video: HTMLVideoElement,
  width: number,
  height: number,
  n: number,
  nextFrame: (v: HTMLVideoElement) => Promise<void>,
  log: (s: string) => void,
): Promise<StepRow[]> {
  const pixels = new Uint8ClampedArray(width * height * 4);
  const ways: Array<[string, (frame: VideoFrame) => Promise<unknown> | unknown]> = [
    ['2D: copyTo RGBA + matrix loop in script', async (frame) => {
      await frame.copyTo(pixels, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
      applyEffectToPixels(pixels, width, height, SEPIA);
    }],
  ];
  // The pipeline's path in its workers (issue 20): copyTo into the WebAssembly kernel's memory, the kernel.
  const kernel = await loadPixelKernel();
  if (kernel) ways.push(['2D: copyTo into the WebAssembly kernel + kernel (the workers)', (frame) => kernelPixels(frame, width, height, SEPIA, false, kernel)]);
  else log('the WebAssembly effect kernel does not compile here: its row is left out');
  const gl = webgl2Step(width, height);
  ways.push(['WebGL2: texImage2D + shader + readPixels', (frame) => gl.run(frame)]);
  const gpu = await webgpuStep(width, height, log);
  if (gpu) ways.push(['WebGPU', (frame) => gpu.run(frame)]);
  const times = ways.map(() => [] as number[]);
  for (let i = 0; i < n + 2; i++) {
    for (const [k, [, run]] of ways.entries()) {
      await nextFrame(video);
      const frame = new VideoFrame(video);
      const t0 = performance.now();
      await run(frame);
      const ms = performance.now() - t0;
      frame.close();
      if (i >= 2) times[k]!.push(ms); // the first two calls warm up (shader links, pools)
    }
  }
  gl.dispose();
  gpu?.dispose();
  const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  return ways.map(([name], k) => {
    // The WebGPU row names how the frame reached the GPU (see webgpuStep).
    const method = name === 'WebGPU' ? `WebGPU: ${gpu!.way} + WGSL + mapAsync` : name;
    const row = { size: label, method, median: q(times[k]!, 0.5), p90: q(times[k]!, 0.9) };
    log(`${label} effect step ${method.padEnd(46)} median ${row.median.toFixed(1)} ms  p90 ${row.p90.toFixed(1)} ms`);
    return row;
  });
}
