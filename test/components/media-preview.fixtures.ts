/** Shared pieces of the <media-preview> tests (media-preview*.test.ts). No browser API is replaced here. */
import { MediaStreamController } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { CaptureState } from '../../src/events.js';
import { drawnCanvasStream, type DrawnCanvasStream } from '../helpers/media.js';

/** A controller that reports a fixed state and error (for views no fake device can produce everywhere). */
export class FixedStateController extends MediaStreamController {
  constructor(
    private readonly fixedState: CaptureState,
    private readonly fixedError: MediaCaptureError | null = null,
  ) {
    super({ name: `fixed-${fixedState}`, releaseDelay: 0, rememberDevices: false });
  }
  override get state(): CaptureState {
    return this.fixedState;
  }
  override get error(): MediaCaptureError | null {
    return this.fixedError;
  }
}

/** Canvas streams made by a test, stopped after it. */
export const sources: DrawnCanvasStream[] = [];
export function canvasSource(): DrawnCanvasStream {
  const source = drawnCanvasStream();
  sources.push(source);
  return source;
}
