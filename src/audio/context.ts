/**
 * One `AudioContext` per page for the kit's audio consumers (level meters, SteadyAudioTrack, the
 * speaker check): made on first need at the engine's default sample rate, reference-counted
 * (closed when the last lease is released), and resumed on the page's first user gesture where an
 * autoplay policy suspended it. See {@link acquireAudioContext}.
 *
 * The shared state lives in ./shared-context.ts, whose test hooks are not part of the public API.
 */
export { acquireAudioContext, type AudioContextLease } from './shared-context.js';
