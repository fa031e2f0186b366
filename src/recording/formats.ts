/**
 * Which container and codecs a recording uses: MP4 where the engine records it (H.264/AAC first,
 * then whatever its `video/mp4` holds), else WebM, else Ogg for sound; a page's `mime-type` goes
 * first when the engine supports it.
 *
 * What the engines here offer (`MediaRecorder.isTypeSupported`, verified 2026-12-08):
 * - Chromium 156 (Debian): `video/mp4` (records VP9/Opus in MP4 with sound; `avc1` alone for a
 *   picture without sound; `avc1,mp4a.40.2` is not offered), `video/webm` with VP8, VP9, H.264,
 *   AV1 and Opus, `audio/mp4` (Opus), `audio/webm;codecs=opus`.
 * - Firefox ESR 153: `video/webm` (VP8/Opus), `audio/webm;codecs=opus`, `audio/ogg;codecs=opus`.
 * - WebKitGTK 2.5x: every `video/mp4` and `audio/mp4` asked about (H.264/AAC), no WebM; it
 *   records 0 bytes of any picture here, and sound works.
 */

/** The kinds of track a recording holds. */
export interface RecordingKinds {
  video: boolean;
  audio: boolean;
}

const VIDEO_AUDIO = [
  'video/mp4;codecs=avc1,mp4a.40.2',
  'video/mp4;codecs=avc1,opus',
  'video/mp4',
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
];
const VIDEO_ONLY = ['video/mp4;codecs=avc1', 'video/mp4', 'video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
const AUDIO_ONLY = ['audio/mp4;codecs=mp4a.40.2', 'audio/mp4', 'audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg'];

/** The types tried, best first, for a recording of these kinds. */
export function candidateTypes(kinds: RecordingKinds): readonly string[] {
  if (!kinds.video) return AUDIO_ONLY;
  return kinds.audio ? VIDEO_AUDIO : VIDEO_ONLY;
}

/** Whether this engine can record `type` (false where there is no MediaRecorder). */
export function canRecord(type: string): boolean {
  const MR = globalThis.MediaRecorder;
  if (typeof MR !== 'function' || typeof MR.isTypeSupported !== 'function') return false;
  try {
    return MR.isTypeSupported(type);
  } catch {
    return false;
  }
}

/** The outcome of {@link chooseMimeType}. */
export interface MimeChoice {
  /** The type to ask the `MediaRecorder` for; `''` lets the engine choose (none of ours is offered). */
  mimeType: string;
  /** The page's preference could not be used (not offered, or not for these kinds). */
  rejected: boolean;
}

/**
 * The type to record: `preferred` when this engine records it and it fits the kinds (a
 * `video/…` type for a picture, an `audio/…` one for sound alone), else the first of
 * {@link candidateTypes} the engine offers.
 */
export function chooseMimeType(kinds: RecordingKinds, preferred?: string | null): MimeChoice {
  const wish = preferred?.trim() ?? '';
  if (wish) {
    const fits = kinds.video ? /^video\//i.test(wish) : /^audio\//i.test(wish);
    if (fits && canRecord(wish)) return { mimeType: wish, rejected: false };
  }
  const found = candidateTypes(kinds).find(canRecord) ?? '';
  return { mimeType: found, rejected: !!wish };
}

/** The container part of a type: `video/webm;codecs=vp8` → `video/webm`. */
export function containerOf(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'audio/mp4': 'm4a',
  'video/webm': 'webm',
  'audio/webm': 'weba',
  'audio/ogg': 'ogg',
  'video/ogg': 'ogv',
  'video/x-matroska': 'mkv',
  'video/quicktime': 'mov',
  'audio/wav': 'wav',
};

/** The file extension of a recorded type (`webm` for `video/webm;codecs=vp9`). */
export function extensionFor(mimeType: string): string {
  const c = containerOf(mimeType);
  return EXTENSIONS[c] ?? (c.startsWith('audio/') ? 'audio' : 'video');
}
