/**
 * The WebGL2 side of the effect table: the fragment shader of an effect, generated from its entry
 * in `effects.ts` (its hand-written GLSL, else its matrix), with the same steps as the 2D
 * per-pixel path in `effect-pixels.ts`.
 *
 * DOM-free: imported by the encode worker and safe to import in Node.
 */
import { LUMA, SEPIA, type Matrix } from './colour.js';
import { effectDefinition, type EffectName } from './effects.js';

/** GLSL declarations available to every snippet (made from the same constants as the JS). */
export const GLSL_HELPERS = /* glsl */ `
const vec3 LUMA = vec3(${LUMA.join(', ')});
vec3 fx_sepia(vec3 c) {
  return clamp(vec3(
    dot(c, vec3(${SEPIA.slice(0, 3).join(', ')})),
    dot(c, vec3(${SEPIA.slice(4, 7).join(', ')})),
    dot(c, vec3(${SEPIA.slice(8, 11).join(', ')}))), 0.0, 1.0);
}
`;

/** A number as a GLSL float literal (`1` -> `1.0`, `1e-7` -> `1.0e-7`). */
function glslFloat(x: number): string {
  if (Math.abs(x) < 1e-30) return '0.0'; // below float precision (and -0)
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(1);
  const s = String(x);
  // GLSL needs a digit after the point before an exponent, and accepts no exponent without a point.
  return s.includes('e') && !s.includes('.') ? s.replace('e', '.0e') : s;
}

/** GLSL body of `fx_color` for the affine matrix `m`. */
function glslMatrix(m: Matrix): string {
  const row = (k: number): string =>
    `dot(c, vec3(${m.slice(k * 4, k * 4 + 3).map(glslFloat).join(', ')})) + ${glslFloat(m[k * 4 + 3]!)}`;
  return `return vec3(${row(0)}, ${row(1)}, ${row(2)});`;
}

/** Builds the fragment shader for one effect. Uniforms: see `webgl2-renderer.ts`. */
export function fragmentShaderSource(effect: EffectName): string {
  const def = effectDefinition(effect);
  return `#version 300 es
precision highp float;
precision highp int;
uniform sampler2D u_tex;
uniform ivec2 u_size;
uniform bool u_mirror;
uniform vec3 u_adjust;
uniform int u_block;
out vec4 outColor;
${GLSL_HELPERS}
ivec2 fx_sample(ivec2 p, ivec2 size, int block) { ${def.glslSample ?? 'return p;'} }
vec3 fx_color(vec3 c, vec2 uv) { ${def.glsl ?? (def.matrix ? glslMatrix(def.matrix) : 'return c;')} }
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  p.y = u_size.y - 1 - p.y;
  ivec2 q = clamp(fx_sample(p, u_size, u_block), ivec2(0), u_size - 1);
  if (u_mirror) q.x = u_size.x - 1 - q.x;
  vec3 c = texelFetch(u_tex, q, 0).rgb;
  vec2 uv = (vec2(p) + 0.5) / vec2(u_size);
  c = clamp(fx_color(c, uv), 0.0, 1.0);${
    def.vignette ? `
  vec2 d = uv - 0.5;
  c *= 1.0 - ${glslFloat(def.vignette)} * dot(d, d);` : ''
  }
  c = clamp(c * u_adjust.x, 0.0, 1.0);
  c = clamp((c - 0.5) * u_adjust.y + 0.5, 0.0, 1.0);
  c = clamp(mix(vec3(dot(c, LUMA)), c, u_adjust.z), 0.0, 1.0);
  outColor = vec4(c, 1.0);
}`;
}
