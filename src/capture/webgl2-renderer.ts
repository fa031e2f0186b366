/**
 * WebGL2 renderer: uploads each frame to a texture and draws it through the effect's fragment
 * shader (generated from the shared table in `effects.ts`) at the frame's native size.
 */
import { fragmentShaderSource } from './effect-shader.js';
import { blockSize, type EffectName, type EffectSettings } from './effects.js';

/** Anything WebGL can upload and that has a size. */
export type FrameSource = HTMLVideoElement | VideoFrame | ImageBitmap | HTMLCanvasElement | OffscreenCanvas;

const VERTEX_SHADER = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;

/** `KHR_parallel_shader_compile`: lets a program link in the background, polled without a stall. */
const COMPLETION_STATUS_KHR = 0x91b1;

interface ProgramInfo {
  program: WebGLProgram;
  size: WebGLUniformLocation | null;
  mirror: WebGLUniformLocation | null;
  adjust: WebGLUniformLocation | null;
  block: WebGLUniformLocation | null;
  tex: WebGLUniformLocation | null;
}

/** True when the GL implementation is a software rasteriser (SwiftShader, llvmpipe, ...). */
export function isSoftwareGL(gl: WebGL2RenderingContext): boolean {
  let name = '';
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    /* ignore */
  }
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}

/** The page's WebGL2: on a hardware GPU, on a software rasteriser, or none. */
export type WebGL2Support = 'hardware' | 'software' | 'none';

let probed: WebGL2Support | undefined;

/**
 * The page's WebGL2: on a `hardware` GPU, on a `software` rasteriser, or `none`. Probed once per
 * page on a throwaway 1x1 canvas, whose context is released at once.
 */
export function webgl2Support(): WebGL2Support {
  if (probed) return probed;
  probed = 'none';
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const gl = canvas.getContext('webgl2');
    if (gl) {
      probed = isSoftwareGL(gl) ? 'software' : 'hardware';
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    /* no WebGL2 */
  }
  return probed;
}

/**
 * Renders frames with WebGL2 into a canvas. Handles context loss: while lost, `render()` returns
 * false; on restore, programs and the texture are recreated lazily.
 */
export class WebGL2Renderer {
  readonly kind = 'webgl2' as const;
  /** True for a software GL (then 2D is cheaper for photos). */
  readonly software: boolean;
  private programs = new Map<EffectName, ProgramInfo>();
  /** Programs linking in the background (with `KHR_parallel_shader_compile`). */
  private linking = new Map<EffectName, { program: WebGLProgram; fs: WebGLShader }>();
  private readonly parallel: boolean;
  /** The effect last drawn live: shown while a newly chosen effect still compiles. */
  private lastLive: EffectName | null = null;
  private texture: WebGLTexture | null = null;
  private vertexShader: WebGLShader | null = null;
  private lostFlag = false;
  private readonly onLost = (e: Event): void => {
    e.preventDefault(); // allow restoration
    this.lostFlag = true;
    this.programs.clear();
    this.linking.clear();
    this.lastLive = null;
    this.texture = null;
    this.vertexShader = null;
  };
  private readonly onRestored = (): void => {
    this.lostFlag = false;
  };

  private constructor(
    readonly canvas: HTMLCanvasElement | OffscreenCanvas,
    readonly gl: WebGL2RenderingContext,
  ) {
    this.software = isSoftwareGL(gl);
    this.parallel = !!gl.getExtension('KHR_parallel_shader_compile');
    canvas.addEventListener('webglcontextlost', this.onLost as EventListener);
    canvas.addEventListener('webglcontextrestored', this.onRestored as EventListener);
  }

  /**
   * Creates a renderer, or returns null when WebGL2 is unavailable on this canvas.
   * @param preserveDrawingBuffer - keep the pixels after the task (for reading them later).
   */
  static create(canvas: HTMLCanvasElement | OffscreenCanvas, preserveDrawingBuffer = false): WebGL2Renderer | null {
    let gl: WebGL2RenderingContext | null = null;
    try {
      gl = canvas.getContext('webgl2', {
        alpha: false,
        antialias: false,
        depth: false,
        stencil: false,
        premultipliedAlpha: false,
        preserveDrawingBuffer,
        powerPreference: 'high-performance',
      }) as WebGL2RenderingContext | null;
    } catch {
      gl = null;
    }
    return gl ? new WebGL2Renderer(canvas, gl) : null;
  }

  /** True while the context is lost. */
  get lost(): boolean {
    return this.lostFlag || this.gl.isContextLost();
  }

  private shader(type: number, source: string): WebGLShader {
    const gl = this.gl;
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    return shader; // its status is read only if the program fails to link (reading it stalls)
  }

  /** Starts compiling and linking the program of `effect` (no status read: nothing waits). */
  private startProgram(effect: EffectName): void {
    if (this.programs.has(effect) || this.linking.has(effect)) return;
    const gl = this.gl;
    this.vertexShader ??= this.shader(gl.VERTEX_SHADER, VERTEX_SHADER);
    const fs = this.shader(gl.FRAGMENT_SHADER, fragmentShaderSource(effect));
    const program = gl.createProgram()!;
    gl.attachShader(program, this.vertexShader);
    gl.attachShader(program, fs);
    gl.linkProgram(program);
    this.linking.set(effect, { program, fs });
  }

  /**
   * The linked program of `effect`. With `wait` false it returns null while the program is still
   * linking in the background; with `wait` true (photos, the worker) it waits for the link.
   * @throws Error when the effect's shaders do not compile or link.
   */
  private program(effect: EffectName, wait = true): ProgramInfo | null {
    const ready = this.programs.get(effect);
    if (ready) return ready;
    this.startProgram(effect);
    const gl = this.gl;
    const { program, fs } = this.linking.get(effect)!;
    if (!wait && this.parallel && !gl.getProgramParameter(program, COMPLETION_STATUS_KHR)) return null;
    this.linking.delete(effect);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
      const log = `${gl.getShaderInfoLog(fs) ?? ''} ${gl.getProgramInfoLog(program) ?? ''}`.trim();
      gl.deleteShader(fs);
      gl.deleteProgram(program);
      throw new Error(`The ${effect} shader program failed to compile or link: ${log}`);
    }
    gl.deleteShader(fs);
    const info: ProgramInfo = {
      program,
      size: gl.getUniformLocation(program, 'u_size'),
      mirror: gl.getUniformLocation(program, 'u_mirror'),
      adjust: gl.getUniformLocation(program, 'u_adjust'),
      block: gl.getUniformLocation(program, 'u_block'),
      tex: gl.getUniformLocation(program, 'u_tex'),
    };
    this.programs.set(effect, info);
    return info;
  }

  /**
   * Starts compiling the programs of `effects` ahead of use. With `KHR_parallel_shader_compile`
   * they link in the background; without it they are compiled on first use (one stall then).
   */
  precompile(effects: readonly EffectName[]): void {
    if (this.lost || !this.parallel) return;
    for (const e of effects) this.startProgram(e);
  }

  /** True when the program of `effect` is linked, or the GL cannot tell without waiting. */
  isReady(effect: EffectName): boolean {
    if (this.programs.has(effect)) return true;
    const pending = this.linking.get(effect);
    return !this.parallel || (!!pending && !!this.gl.getProgramParameter(pending.program, COMPLETION_STATUS_KHR));
  }

  /**
   * Draws `source` at `width` x `height` (the canvas is resized to it) with `settings`.
   * Returns false (drawing nothing) while the context is lost.
   * @param live - a live preview frame: while the chosen effect's program still links in the
   *   background, the frame is drawn with the last effect drawn live (or skipped, returning false,
   *   if there is none), so that nothing waits for the compiler. Photos pass false: exact effect.
   */
  render(source: FrameSource, width: number, height: number, settings: EffectSettings, mirror: boolean, live = false): boolean {
    if (this.lost) return false;
    const gl = this.gl;
    let p = this.program(settings.effect, !live);
    if (!p && this.lastLive) p = this.program(this.lastLive, false);
    if (!p) return false;
    if (live && p === this.programs.get(settings.effect)) this.lastLive = settings.effect;
    const canvas = this.canvas;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    if (!this.texture) {
      this.texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, this.texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    }
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source as TexImageSource);
    gl.viewport(0, 0, width, height);
    gl.useProgram(p.program);
    gl.uniform1i(p.tex, 0);
    gl.uniform2i(p.size, width, height);
    gl.uniform1i(p.mirror, mirror ? 1 : 0);
    gl.uniform3f(p.adjust, settings.brightness, settings.contrast, settings.saturation);
    gl.uniform1i(p.block, blockSize(settings, width, height));
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    return true;
  }

  /**
   * Releases GL objects and listeners. With `releaseContext`, also loses the context on purpose
   * (`WEBGL_lose_context`), which frees its drawing buffer now rather than at garbage collection
   * and keeps it from counting against the browser's limit of live WebGL contexts (beyond it,
   * Chromium loses the oldest one: possibly a live preview's). Without it the context stays with
   * the canvas, whose owner may go on using it.
   */
  dispose(releaseContext = false): void {
    this.canvas.removeEventListener('webglcontextlost', this.onLost as EventListener);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored as EventListener);
    if (!this.gl.isContextLost()) {
      for (const p of this.programs.values()) this.gl.deleteProgram(p.program);
      for (const p of this.linking.values()) {
        this.gl.deleteShader(p.fs);
        this.gl.deleteProgram(p.program);
      }
      if (this.texture) this.gl.deleteTexture(this.texture);
      if (this.vertexShader) this.gl.deleteShader(this.vertexShader);
    }
    this.programs.clear();
    this.linking.clear();
    this.texture = null;
    this.vertexShader = null;
    if (releaseContext && !this.gl.isContextLost()) this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
