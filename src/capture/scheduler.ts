/**
 * Frame scheduler for the live preview: calls back once per *new* camera frame.
 *
 * Uses `HTMLVideoElement.requestVideoFrameCallback` where available (exactly one call per
 * presented frame). Otherwise falls back to `requestAnimationFrame` and only calls back when the
 * video reports a new frame (`getVideoPlaybackQuality().totalVideoFrames` changed) or, where that
 * counter does not move (some engines for MediaStreams), at most at the track's frame rate.
 * So it never runs faster than the camera delivers frames.
 */

/** Metadata passed to the frame callback. */
export interface FrameInfo {
  /** `performance.now()`-based time of the callback. */
  now: number;
  /** Frame size as presented, when known. */
  width?: number;
  height?: number;
}

/** Calls `onFrame` for each new frame of `video` between `start()` and `stop()`. */
export class FrameScheduler {
  private handle = 0;
  private kindOfHandle: 'rvfc' | 'raf' | null = null;
  private lastFrames = -1;
  private lastTime = 0;
  private runningFlag = false;

  /**
   * @param video - the playing video element.
   * @param onFrame - called once per new frame.
   * @param useRVFC - set false to force the requestAnimationFrame fallback (tests).
   */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onFrame: (info: FrameInfo) => void,
    private readonly useRVFC = true,
  ) {}

  /** Which mechanism drives the callbacks. */
  get mode(): 'rvfc' | 'raf' {
    return this.useRVFC && 'requestVideoFrameCallback' in this.video ? 'rvfc' : 'raf';
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.runningFlag;
  }

  /** Starts calling back; a no-op when already running. */
  start(): void {
    if (this.runningFlag) return;
    this.runningFlag = true;
    this.lastFrames = -1;
    this.lastTime = 0;
    this.schedule();
  }

  /** Stops calling back. */
  stop(): void {
    this.runningFlag = false;
    if (this.kindOfHandle === 'rvfc') this.video.cancelVideoFrameCallback(this.handle);
    else if (this.kindOfHandle === 'raf') cancelAnimationFrame(this.handle);
    this.kindOfHandle = null;
  }

  private schedule(): void {
    if (!this.runningFlag) return;
    if (this.mode === 'rvfc') {
      this.kindOfHandle = 'rvfc';
      this.handle = this.video.requestVideoFrameCallback((now, meta) => {
        if (!this.runningFlag) return;
        this.schedule();
        this.onFrame({ now, width: meta.width, height: meta.height });
      });
    } else {
      this.kindOfHandle = 'raf';
      this.handle = requestAnimationFrame((now) => {
        if (!this.runningFlag) return;
        this.schedule();
        if (this.isNewFrame(now)) this.onFrame({ now });
      });
    }
  }

  private isNewFrame(now: number): boolean {
    const v = this.video;
    if (v.readyState < 2 /* HAVE_CURRENT_DATA */) return false;
    const frames = v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
    if (frames > 0) {
      if (frames === this.lastFrames) return false;
      this.lastFrames = frames;
      return true;
    }
    // No frame counter: throttle to the track's frame rate.
    const stream = v.srcObject as MediaStream | null;
    const track = stream && typeof stream.getVideoTracks === 'function' ? stream.getVideoTracks()[0] : undefined;
    const fps = track?.getSettings().frameRate || 30;
    if (now - this.lastTime < 1000 / fps - 2) return false;
    this.lastTime = now;
    return true;
  }
}
