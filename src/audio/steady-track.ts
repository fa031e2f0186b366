/**
 * An audio track that stays the same while the controller's microphone changes.
 *
 * A `MediaRecorder` stops when its stream's tracks change (the MediaStream Recording spec, and
 * Chromium; Firefox does not), and an `RTCRtpSender` holds one track: a microphone switch on the
 * shared stream would end the recording or the call's sound. This track comes out of a Web Audio
 * graph (`MediaStreamAudioSourceNode` of the microphone track → `MediaStreamAudioDestinationNode`)
 * whose source is replaced on every `media-track-change`, so its consumers never see a switch.
 * While no microphone track is there (between a switch's remove and add, or while the kind is
 * off) it carries silence.
 *
 * ```ts
 * const audio = new SteadyAudioTrack(controller);
 * const recorder = new MediaRecorder(new MediaStream([audio.track]));
 * // ... later
 * audio.dispose();
 * ```
 *
 * Why Web Audio rather than the raw track: a new track of another microphone cannot be put into a
 * running `MediaRecorder`; a graph's destination track can outlive any number of sources. The
 * cost is one audio render quantum of latency (128 samples) in the page's shared `AudioContext`
 * (the one the level meters use: one per page), which an autoplay policy may start `suspended`
 * (then the track carries silence until it resumes: on the page's first user gesture, or a
 * `context.resume()` the page calls from one; `suspended` says so).
 *
 * It follows the controller it was made with; after `deleteMediaStreamController(name)`, make a
 * new one for the controller the name stands for then.
 */
import type { MediaStreamController } from '../controller.js';
import { MediaTrackChangeEvent, MediaStreamChangeEvent } from '../events.js';
import { type AudioContextLease, acquireAudioContext } from './shared-context.js';

export interface SteadyAudioTrackOptions {
  /** The AudioContext to use (kept open on dispose); by default the page's shared one (given back on dispose). */
  context?: AudioContext;
}

export class SteadyAudioTrack {
  /** The track that stays: record or send this one. */
  readonly track: MediaStreamTrack;
  /** The AudioContext of the graph. */
  readonly context: AudioContext;
  readonly #controller: MediaStreamController;
  readonly #destination: MediaStreamAudioDestinationNode;
  /** The lease on the page's shared context, when no context was given. */
  readonly #lease: AudioContextLease | null;
  #source: MediaStreamAudioSourceNode | null = null;
  #sourceTrack: MediaStreamTrack | null = null;
  #disposed = false;
  readonly #follow = () => this.#connect();

  constructor(controller: MediaStreamController, options: SteadyAudioTrackOptions = {}) {
    this.#controller = controller;
    this.#lease = options.context ? null : acquireAudioContext();
    // No Web Audio: `new AudioContext()` throws the engine's own error, as before.
    this.context = options.context ?? this.#lease?.context ?? new AudioContext();
    this.#destination = this.context.createMediaStreamDestination();
    this.track = this.#destination.stream.getAudioTracks()[0]!;
    controller.addEventListener(MediaTrackChangeEvent.eventName, this.#follow);
    controller.addEventListener(MediaStreamChangeEvent.eventName, this.#follow);
    this.#connect();
    // The kit's shared context only: a page's own context is the page's to resume. (The shared
    // one also resumes on the page's first user gesture.)
    if (this.#lease?.suspended) void this.#lease.resume();
  }

  /** The microphone track feeding the graph now, or `null` (silence). */
  get sourceTrack(): MediaStreamTrack | null {
    return this.#sourceTrack;
  }

  /** True while the AudioContext is suspended (an autoplay policy): call `context.resume()` from a user gesture. */
  get suspended(): boolean {
    return this.context.state === 'suspended';
  }

  #connect(): void {
    if (this.#disposed) return;
    const mic = this.#controller.audioTrack;
    const live = mic && mic.readyState === 'live' ? mic : null;
    if (live === this.#sourceTrack) return;
    this.#source?.disconnect();
    this.#source = null;
    this.#sourceTrack = live;
    if (!live) return;
    this.#source = this.context.createMediaStreamSource(new MediaStream([live]));
    this.#source.connect(this.#destination);
  }

  /** Stop the track and let the graph go (the microphone itself stays the controller's). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#controller.removeEventListener(MediaTrackChangeEvent.eventName, this.#follow);
    this.#controller.removeEventListener(MediaStreamChangeEvent.eventName, this.#follow);
    this.#source?.disconnect();
    this.#source = null;
    this.#sourceTrack = null;
    this.track.stop();
    this.#lease?.release();
  }
}
