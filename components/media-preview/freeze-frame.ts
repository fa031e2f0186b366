/**
 * The freeze frame of `<media-preview>`: during a device switch the last picture is drawn on a
 * canvas over the video, and taken away once the new stream has painted its first frame.
 */

/** A video with `requestVideoFrameCallback` where the engine has it. */
export type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

/** How long the freeze frame may wait for the new stream's first frame. */
export const FIRST_FRAME_TIMEOUT_MS = 3000;

/**
 * Draw the video's current picture on `canvas`, sized to it. `true`: drawn; `false`: drawing
 * failed; `null`: there is no picture to draw yet (nothing was touched).
 */
export function drawFreezeFrame(video: HTMLVideoElement | null | undefined, canvas: HTMLCanvasElement | null | undefined): boolean | null {
  if (!video || !canvas || video.readyState < 2 || !video.videoWidth) return null;
  try {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    return true;
  } catch {
    return false;
  }
}

/**
 * Call `done` once, when `video` has painted its next frame (or after `FIRST_FRAME_TIMEOUT_MS`).
 * Returns the wait; its `cancel()` drops it without calling `done`.
 */
export function waitForFirstFrame(video: VideoWithFrameCallback, done: () => void): { cancel: () => void } {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    cleanup();
    done();
  };
  const timer = setTimeout(finish, FIRST_FRAME_TIMEOUT_MS);
  let rvfc: number | undefined;
  const onData = () => {
    // 'loadeddata' / 'playing' can come before the frame is painted: wait one more frame
    requestAnimationFrame(() => requestAnimationFrame(finish));
  };
  if (typeof video.requestVideoFrameCallback === 'function') rvfc = video.requestVideoFrameCallback(finish);
  else {
    video.addEventListener('playing', onData, { once: true });
    video.addEventListener('loadeddata', onData, { once: true });
  }
  const cleanup = () => {
    clearTimeout(timer);
    if (rvfc !== undefined) video.cancelVideoFrameCallback?.(rvfc);
    video.removeEventListener('playing', onData);
    video.removeEventListener('loadeddata', onData);
  };
  return { cancel: cleanup };
}
