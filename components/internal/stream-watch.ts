/**
 * Watching a MediaStream that no controller owns (a `srcObject`: a remote stream, a canvas or
 * element capture) for changes of what it can show (tracks added, removed, muted, ended), and
 * reading what it shows.
 */

/** How often a watched stream is checked for tracks stopped by script (no event says so). */
export const STREAM_ENDED_POLL_MS = 500;

/**
 * A stream with nothing left to show: it had tracks and every one ended. A stream with no track
 * yet (a remote stream that `ontrack` fills) is not ended.
 */
export function streamEnded(stream: MediaStream | null | undefined): boolean {
  const tracks = stream?.getTracks() ?? [];
  return tracks.length > 0 && tracks.every((t) => t.readyState === 'ended');
}

/** A stream with sound but no picture (shown as an audio-only view). */
export function isAudioOnly(stream: MediaStream | null | undefined): boolean {
  return !!stream && stream.getVideoTracks().length === 0 && stream.getAudioTracks().length > 0;
}

/** The stream's picture is frozen: its first video track is live and muted (sends no frames). */
export function videoTrackMuted(stream: MediaStream): boolean {
  const t = stream.getVideoTracks()[0];
  return !!t && t.readyState === 'live' && t.muted;
}

/**
 * Whether a track comes from a camera of this page (`devices`: the enumerated devices). Remote,
 * canvas and element-capture tracks have no group.
 */
export function isCameraTrack(track: MediaStreamTrack, settings: MediaTrackSettings, devices: readonly MediaDeviceInfo[]): boolean {
  if (settings.groupId) return true;
  return !!settings.deviceId && devices.some((d) => d.kind === 'videoinput' && d.deviceId === settings.deviceId && d.label === track.label);
}

/**
 * Call `update` whenever `stream` may show something else: a track added, removed, muted,
 * unmuted or ended, the stream gone inactive, or `video` (the element playing it) ended. Some of
 * these fire no event (a track stopped or added by script), so every `STREAM_ENDED_POLL_MS` it
 * also calls `update` when `stale()` says the shown state no longer matches the stream.
 * Returns the function that stops watching.
 */
export function watchStream(stream: MediaStream, video: HTMLVideoElement | null | undefined, update: () => void, stale: () => boolean): () => void {
  const tracks = new Set<MediaStreamTrack>();
  const watch = (t: MediaStreamTrack) => {
    if (tracks.has(t)) return;
    tracks.add(t);
    for (const type of ['mute', 'unmute', 'ended']) t.addEventListener(type, update);
  };
  stream.getTracks().forEach(watch);
  const onAdd = (e: MediaStreamTrackEvent) => {
    watch(e.track);
    update();
  };
  stream.addEventListener('addtrack', onAdd);
  stream.addEventListener('removetrack', update);
  // A track stopped by script fires no `ended`. Chromium says the stream went inactive (and
  // the spec fires the video's `ended` then); Firefox and WebKit say nothing, so a slow check
  // looks for a stream whose tracks have all ended.
  stream.addEventListener('inactive', update);
  video?.addEventListener('ended', update);
  const poll = setInterval(() => {
    // Tracks added by script fire no `addtrack` either: look both ways.
    if (stale()) update();
  }, STREAM_ENDED_POLL_MS);
  return () => {
    clearInterval(poll);
    stream.removeEventListener('addtrack', onAdd);
    stream.removeEventListener('removetrack', update);
    stream.removeEventListener('inactive', update);
    video?.removeEventListener('ended', update);
    for (const t of tracks) for (const type of ['mute', 'unmute', 'ended']) t.removeEventListener(type, update);
  };
}
