/**
 * GPU-backed capture pipeline (framework-free): live effects with WebGL2 (2D fallback),
 * `captureStream()`, and photos encoded in a worker.
 *
 * Importing this module has no side effects and touches no DOM.
 * @module
 */
export {
  CapturePipeline,
  type CaptureInfo,
  type CapturePhotoOptions,
  type CapturePipelineOptions,
  type RendererKind,
  type RendererPreference,
} from './pipeline.js';
export { CaptureError, type CaptureErrorCode } from './errors.js';
export {
  ADJUSTMENT_RANGE,
  EFFECTS,
  EFFECT_NAMES,
  EFFECT_REGISTER_EVENT,
  cssFilter,
  effectLabel,
  effectNames,
  isIdentity,
  registerEffect,
  resolveSettings,
  type Adjustments,
  type BuiltInEffectName,
  type EffectDefinition,
  type EffectName,
  type EffectRegistration,
  type EffectSettings,
  type Matrix,
  type RegisteredEffect,
} from './effects.js';
export { applyEffectToPixels } from './effect-pixels.js';
export { fragmentShaderSource } from './effect-shader.js';
export { FrameScheduler, type FrameInfo } from './scheduler.js';
export { WebGL2Renderer, isSoftwareGL, webgl2Support, type FrameSource, type WebGL2Support } from './webgl2-renderer.js';
export { Canvas2DRenderer, canvasFilterWorks, LIVE_MAX_PIXELS } from './canvas2d-renderer.js';
export { PhotoEncoder, type EncodePath, type MainRequest, type WorkerRequest } from './encoder.js';
export { liveWorkerWorks } from './live.js';
export type { PhotoFormat } from './raster.js';
export { SteadyVideoTrack, type SteadyVideoTrackOptions } from './steady-video.js';
