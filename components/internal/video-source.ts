/**
 * Keeps a `<video>` showing a stream, muted and playing. The shared controller keeps one
 * MediaStream and replaces its video track in place on a switch: Chromium's `<video>` follows,
 * Firefox's and WebKit's keep the old picture, so the stream is set again when its video track
 * is another one (tested in all three engines).
 *
 * ```ts
 * #source = new VideoSource();
 * updated() { if (this.#source.show(this.video, stream)) { ...the video was loaded again... } }
 * ```
 */
export class VideoSource {
  #shown: MediaStreamTrack | null = null;

  /**
   * Show `stream` in `video` (`null`: none). `follow: false` for a stream that is not the
   * controller's (a page's `srcObject`): set once, never again for its own track changes.
   * Returns true when the video was given its stream again.
   */
  show(video: HTMLVideoElement, stream: MediaStream | null, { follow = true }: { follow?: boolean } = {}): boolean {
    const track = follow ? (stream?.getVideoTracks()[0] ?? null) : null;
    if (video.srcObject === stream && track === this.#shown) return false;
    this.#shown = track;
    video.srcObject = stream;
    if (stream) {
      video.muted = true;
      video.play().catch(() => {
        /* autoplay policies: a muted inline video normally plays; the next update tries again */
      });
    }
    return true;
  }

  /** Forget what was shown (the video was emptied). */
  reset(): void {
    this.#shown = null;
  }
}
