/**
 * The source a `CapturePipeline` reads: a `<video>` it was given, or a video track, read as
 * `VideoFrame`s with `MediaStreamTrackProcessor` where it exists (else through a muted `<video>` of
 * its own). It grabs the frame (or `ImageCapture` photo) a photo is made of, waiting for a first
 * frame when there is none yet.
 */
import type { CaptureInfo, CapturePipelineOptions } from './pipeline-options.js';
import { CaptureError, throwIfDisposed } from './errors.js';
import { coverBitmap } from './raster.js';
import type { FrameSource } from './webgl2-renderer.js';

interface TrackProcessorCtor {
  new (init: { track: MediaStreamTrack; maxBufferSize?: number }): { readable: ReadableStream<VideoFrame> };
}
interface ImageCaptureCtor {
  new (track: MediaStreamTrack): { takePhoto(settings?: Record<string, unknown>): Promise<Blob> };
}

export interface Grabbed {
  image: FrameSource;
  width: number;
  height: number;
  source: CaptureInfo['source'];
  /** Closes what grabbing created (a clone or a decoded bitmap). */
  release(): void;
}

/** Wraps the video's current frame without copying it (VideoFrame), else copies it (ImageBitmap). */
export async function snapshot(video: HTMLVideoElement): Promise<VideoFrame | ImageBitmap> {
  if (typeof VideoFrame === 'function') {
    try {
      return new VideoFrame(video);
    } catch {
      /* fall through */
    }
  }
  return createImageBitmap(video);
}

/** Whether a video element has a decoded frame to draw. */
export const hasFrame = (video: HTMLVideoElement): boolean => video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;

/** The attached source of a pipeline, and the frames read from it. */
export class AttachedSource {
  /** The video drawn from: the page's, or this source's own for a track without a processor. */
  video: HTMLVideoElement | null = null;
  /** The attached track (none for an attached `<video>`). */
  track: MediaStreamTrack | null = null;
  /** The reader of the track's frames (`MediaStreamTrackProcessor`). */
  reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  /** The newest frame read from `reader` (owned here: clone it to keep it). */
  latestFrame: VideoFrame | null = null;
  private ownVideo = false;

  /**
   * @param options - the pipeline's options (`useTrackProcessor`, `frameTimeout`).
   * @param disposed - whether the pipeline was disposed (grabbing then throws `disposed`).
   * @param onFrame - called for each frame read from the track (its errors are reported once).
   */
  constructor(
    private readonly options: CapturePipelineOptions,
    private readonly disposed: () => boolean,
    private readonly onFrame: () => void,
  ) {}

  /** True when something is attached. */
  get attached(): boolean {
    return !!this.video || !!this.reader;
  }

  /** Takes `source` (call `detach()` first). */
  attach(source: HTMLVideoElement | MediaStreamTrack): void {
    const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
    if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) {
      this.video = source;
    } else {
      const track = source as MediaStreamTrack;
      this.track = track;
      if (typeof Processor === 'function' && this.options.useTrackProcessor !== false) {
        const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
        this.reader = reader;
        void this.pump(reader);
      } else {
        const video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.srcObject = new MediaStream([track]);
        void video.play().catch(() => undefined);
        this.video = video;
        this.ownVideo = true;
      }
    }
  }

  /** Lets go of the source (closes the frame it holds; does not stop the camera) and wakes waits for a first frame. */
  detach(): void {
    const waiters = this.frameWaiters.splice(0);
    if (this.reader) {
      void this.reader.cancel().catch(() => undefined);
      this.reader = null;
    }
    this.latestFrame?.close();
    this.latestFrame = null;
    if (this.ownVideo && this.video) this.video.srcObject = null;
    this.video = null;
    this.ownVideo = false;
    this.track = null;
    waiters.forEach((wake) => wake());
  }

  private assertNotDisposed(): void {
    throwIfDisposed(this.disposed());
  }

  /** Like `assertNotDisposed`, first calling `release` (what the photo held so far) when disposed. */
  private checkNotDisposed(release?: () => void): void {
    throwIfDisposed(this.disposed(), release);
  }

  /** The attached track, or the video track of the attached `<video>`'s stream. */
  currentTrack(): MediaStreamTrack | null {
    if (this.track) return this.track;
    const stream = this.video?.srcObject;
    if (stream && typeof (stream as MediaStream).getVideoTracks === 'function') {
      return (stream as MediaStream).getVideoTracks()[0] ?? null;
    }
    return null;
  }

  /**
   * The current frame (`video`), or a photo of the track (`photo`, `ImageCapture.takePhoto()`
   * where it exists, else the current frame with a warning), waiting for a first frame if needed.
   * @throws CaptureError `disposed`, `no-source`, `not-live`, `no-frame`.
   */
  async grab(kind: 'video' | 'photo'): Promise<Grabbed> {
    this.assertNotDisposed();
    if (!this.video && !this.reader) throw new CaptureError('no-source');
    const track = this.currentTrack();
    const isCamera = !!this.track || (this.video?.srcObject ?? null) !== null;
    if (isCamera && (!track || track.readyState !== 'live')) throw new CaptureError('not-live');

    const ImageCaptureImpl = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
    if (kind === 'photo' && track) {
      if (typeof ImageCaptureImpl === 'function') {
        try {
          const blob = await new ImageCaptureImpl(track).takePhoto();
          this.assertNotDisposed();
          const decoded = await createImageBitmap(blob);
          this.checkNotDisposed(() => decoded.close());
          const { width = decoded.width, height = decoded.height } = track.getSettings();
          const bitmap = await coverBitmap(decoded, width, height);
          this.checkNotDisposed(() => bitmap.close());
          return { image: bitmap, width, height, source: 'photo', release: () => bitmap.close() };
        } catch (err) {
          if (err instanceof CaptureError && err.code === 'disposed') throw err;
          if (track.readyState !== 'live') throw new CaptureError('not-live', undefined, { cause: err });
          console.warn('[capture] ImageCapture.takePhoto() failed; using the video frame instead.', err);
        }
      } else {
        console.warn('[capture] ImageCapture is not supported; using the video frame instead.');
      }
    }

    if (this.reader) {
      if (!this.latestFrame) await this.firstFrame(track);
      this.assertNotDisposed();
      if (track && track.readyState !== 'live') throw new CaptureError('not-live');
      if (!this.latestFrame) throw new CaptureError('no-frame');
      const frame = this.latestFrame.clone();
      return {
        image: frame,
        width: frame.displayWidth,
        height: frame.displayHeight,
        source: 'frame',
        release: () => frame.close(),
      };
    }
    const video = this.video!;
    if (!hasFrame(video)) await this.firstFrame(track, video);
    this.assertNotDisposed();
    if (isCamera && (!track || track.readyState !== 'live')) throw new CaptureError('not-live');
    if (!hasFrame(video)) throw new CaptureError('no-frame');
    return { image: video, width: video.videoWidth, height: video.videoHeight, source: 'video', release: () => {} };
  }

  private frameWaiters: Array<() => void> = [];

  /**
   * Waits (at most `frameTimeout` ms) for the source's first frame: a camera that has just gone
   * live has not always delivered one. Ends early when the track ends (its `ended` event, or
   * `readyState` read every 50 ms: a track stopped by script fires no event) or the source goes away.
   */
  firstFrame(track: MediaStreamTrack | null, video?: HTMLVideoElement): Promise<void> {
    if (video && !video.srcObject && !video.currentSrc) return Promise.resolve(); // nothing will come
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (!video || hasFrame(video)) done();
      };
      const done = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        video?.removeEventListener('loadeddata', check);
        video?.removeEventListener('resize', check);
        track?.removeEventListener('ended', done);
        const i = this.frameWaiters.indexOf(done);
        if (i >= 0) this.frameWaiters.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, this.options.frameTimeout ?? 5000);
      const poll = track ? setInterval(() => track.readyState === 'ended' && done(), 50) : undefined;
      video?.addEventListener('loadeddata', check);
      video?.addEventListener('resize', check);
      track?.addEventListener('ended', done);
      this.frameWaiters.push(done); // woken by a VideoFrame (track source) or by detach()
    });
  }

  private async pump(reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
    let warned = false;
    for (;;) {
      let result: ReadableStreamReadResult<VideoFrame>;
      try {
        result = await reader.read();
      } catch {
        return; // cancelled or track ended
      }
      const { value, done } = result;
      if (done || this.reader !== reader) {
        value?.close();
        return;
      }
      this.latestFrame?.close();
      this.latestFrame = value;
      this.frameWaiters.splice(0).forEach((wake) => wake());
      try {
        this.onFrame();
      } catch (err) {
        // A frame that cannot be drawn must not stop the reading: photos need the next frames.
        if (!warned) console.warn('[capture] A live frame could not be drawn.', err);
        warned = true;
      }
    }
  }
}
