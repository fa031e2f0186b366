/**
 * The speaker check of `<media-device-picker kind="audiooutput">`: a short tone played through a
 * chosen audio output with `HTMLMediaElement.setSinkId`.
 *
 * The tone is a small WAV file made here (no network, no Web Audio: it plays where no
 * AudioContext may run, and needs no autoplay exemption beyond the click that asks for it): two
 * notes, 880 Hz then 660 Hz, {@link TEST_SOUND_MS} ms in all, at -12 dBFS, with 10 ms fades so
 * that it does not click.
 */

/** Length of the test sound, in ms. */
export const TEST_SOUND_MS = 600;
const RATE = 24000;
const AMPLITUDE = 0.25; // -12 dBFS
const FADE_S = 0.01;

/** The test sound as a 16-bit mono WAV file. */
export function testSoundWav(): Blob {
  const n = Math.round((RATE * TEST_SOUND_MS) / 1000);
  const half = Math.floor(n / 2);
  const buf = new ArrayBuffer(44 + n * 2);
  const v = new DataView(buf);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  v.setUint32(4, 36 + n * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true); // PCM header size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, RATE, true);
  v.setUint32(28, RATE * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  text(36, 'data');
  v.setUint32(40, n * 2, true);
  const fade = RATE * FADE_S;
  for (let i = 0; i < n; i++) {
    // each note fades in and out on its own
    const j = i < half ? i : i - half;
    const len = i < half ? half : n - half;
    const env = Math.min(1, j / fade, (len - j) / fade);
    const freq = i < half ? 880 : 660;
    const x = AMPLITUDE * env * Math.sin((2 * Math.PI * freq * j) / RATE);
    v.setInt16(44 + i * 2, Math.round(x * 32767), true);
  }
  return new Blob([buf], { type: 'audio/wav' });
}

/** How a test sound went. */
export interface TestSoundResult {
  /** Whether it played to its end through the output. */
  played: boolean;
  /** The output asked for (`''`: the system default), also when it could not be used. */
  deviceId: string;
  /** Why it did not play (the output could not be used, playback failed, it was stopped). */
  error: Error | null;
}

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };

/**
 * Play the test sound through the output `deviceId` (`''`: the system default). Resolves when it
 * ended, failed or `signal` stopped it; never rejects.
 */
export async function playTestSound(deviceId: string, signal: AbortSignal): Promise<TestSoundResult> {
  const url = URL.createObjectURL(testSoundWav());
  const audio = new Audio() as SinkableAudio;
  const done = (played: boolean, error: Error | null): TestSoundResult => {
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
    URL.revokeObjectURL(url);
    // the output asked for: `sinkId` stays `''` (the default) when setSinkId() refused it
    return { played, deviceId, error };
  };
  try {
    if (typeof audio.setSinkId !== 'function') throw new DOMException('This browser cannot choose an audio output (no setSinkId).', 'NotSupportedError');
    if (deviceId) await audio.setSinkId(deviceId);
    if (signal.aborted) return done(false, new DOMException('The test sound was stopped.', 'AbortError'));
    audio.src = url;
    const ended = new Promise<Error | null>((resolve) => {
      // a stalled output never ends: give up well after the sound's length
      const timer = setTimeout(() => resolve(new DOMException('The test sound did not finish playing.', 'TimeoutError')), TEST_SOUND_MS + 4000);
      const finish = (e: Error | null) => {
        clearTimeout(timer);
        resolve(e);
      };
      audio.addEventListener('ended', () => finish(null), { once: true });
      audio.addEventListener('error', () => finish(new DOMException(audio.error?.message || 'The test sound could not be played.', 'NotSupportedError')), { once: true });
      signal.addEventListener('abort', () => finish(new DOMException('The test sound was stopped.', 'AbortError')), { once: true });
    });
    await audio.play();
    const error = await ended;
    return done(!error, error);
  } catch (e) {
    return done(false, e instanceof Error ? e : new Error(String(e)));
  }
}
