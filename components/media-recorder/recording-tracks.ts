import { acquireAudioContext, type AudioContextLease } from '../../src/audio/context.js';
import { SteadyAudioTrack } from '../../src/audio/steady-track.js';
import type { MediaStreamController } from '../../src/controller.js';

/** How long a suspended AudioContext may take to run before the microphone is recorded directly. */
const CONTEXT_WAIT_MS = 300;

/**
 * The tracks a `<media-recorder>` records, made for one recording and stopped after it:
 *
 * - the picture: a track of the element's preview canvas (the capture pipeline's output, at the
 *   camera's size, with the effect baked in). It is fed by whichever camera the shared controller
 *   has, so a camera switch goes on in the same recording;
 * - the sound: a {@link SteadyAudioTrack} on the page's shared AudioContext, fed by whichever
 *   microphone the controller has, so a microphone switch goes on in the same recording. Where
 *   that context does not run (an autoplay policy before any gesture; Firefox ESR here never runs
 *   one) the microphone's own track is recorded instead: a microphone switch then ends its sound
 *   in the recording (`steadyAudio` is false).
 */
export class RecordingTracks {
  readonly stream: MediaStream;
  /** Whether the sound follows a microphone switch. */
  readonly steadyAudio: boolean;
  readonly #own: MediaStreamTrack[];
  readonly #audio: SteadyAudioTrack | null;
  readonly #lease: AudioContextLease | null;

  private constructor(stream: MediaStream, own: MediaStreamTrack[], audio: SteadyAudioTrack | null, lease: AudioContextLease | null) {
    this.stream = stream;
    this.#own = own;
    this.#audio = audio;
    this.#lease = lease;
    this.steadyAudio = !!audio;
  }

  /**
   * @param video - the preview's canvas track (null: no picture).
   * @param controller - whose microphone is recorded (with `audio`).
   */
  static async make(controller: MediaStreamController, video: MediaStreamTrack | null, audio: boolean): Promise<RecordingTracks> {
    const tracks: MediaStreamTrack[] = video ? [video] : [];
    const own: MediaStreamTrack[] = video ? [video] : [];
    let steady: SteadyAudioTrack | null = null;
    let lease: AudioContextLease | null = null;
    const mic = audio ? controller.audioTrack : null;
    if (mic) {
      lease = acquireAudioContext();
      if (lease && (await running(lease.context))) {
        steady = new SteadyAudioTrack(controller, { context: lease.context });
        tracks.push(steady.track);
      } else {
        lease?.release();
        lease = null;
        tracks.push(mic); // the controller's own track: not stopped here
      }
    }
    return new RecordingTracks(new MediaStream(tracks), own, steady, lease);
  }

  /** Stops the tracks made for the recording (never the camera or microphone: they are the controller's). */
  dispose(): void {
    for (const t of this.#own) t.stop();
    this.#audio?.dispose();
    this.#lease?.release();
  }
}

async function running(context: AudioContext): Promise<boolean> {
  if (context.state === 'running') return true;
  if (context.state === 'closed') return false;
  await Promise.race([context.resume().catch(() => {}), new Promise((r) => setTimeout(r, CONTEXT_WAIT_MS))]);
  return (context.state as AudioContextState) === 'running';
}
