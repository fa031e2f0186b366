/** Real media sources for tests: nothing here replaces a browser API. */

/** A muted inline `<video>` in the page playing `stream`, resolved once it shows a frame. */
export async function playVideo(stream: MediaStream): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  // wait until a frame is really there
  await new Promise<void>((done) => {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => done());
    else setTimeout(done, 200);
  });
  return video;
}

/** A canvas stream whose drawing can be paused. */
export interface DrawnCanvasStream {
  readonly stream: MediaStream;
  readonly track: MediaStreamTrack;
  /** Whether the canvas is redrawn (a new colour every 30 ms); true at first. */
  drawing: boolean;
  /** Stops drawing and ends the tracks. */
  stop(): void;
}

/**
 * A real `canvas.captureStream()` without a frame rate: its track sends a frame only when the
 * canvas changed, so setting `drawing` to false gives a live, unmuted track that sends no more
 * frames (what a camera that hangs without the browser saying so looks like).
 */
export function drawnCanvasStream(): DrawnCanvasStream {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const ctx = canvas.getContext('2d')!;
  let n = 0;
  const paint = (): void => {
    ctx.fillStyle = `rgb(${(n += 17) % 256} 100 50)`;
    ctx.fillRect(0, 0, 64, 48);
  };
  paint();
  const stream = canvas.captureStream();
  const result: DrawnCanvasStream = {
    stream,
    track: stream.getVideoTracks()[0]!,
    drawing: true,
    stop: () => {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
    },
  };
  const timer = setInterval(() => result.drawing && paint(), 30);
  return result;
}
