import { expect } from '@open-wc/testing';
import { MediaStreamController, type MediaStreamControllerInit } from '../../src/controller.js';

let n = 0;

/**
 * A fresh controller with a unique name, no release delay and no device memory, recording every
 * stream it obtains (then calling `init.onAcquire`, where a test injects a fault on a real track).
 */
export function makeController(init: MediaStreamControllerInit = {}) {
  const acquired: MediaStream[] = [];
  const { onAcquire, ...rest } = init;
  const controller = new MediaStreamController({
    name: `test-${Date.now()}-${n++}`,
    releaseDelay: 0,
    rememberDevices: false,
    ...rest,
    onAcquire: (s) => {
      acquired.push(s);
      onAcquire?.(s);
    },
  });
  const tracks = () => acquired.flatMap((s) => s.getTracks());
  const liveTracks = () => tracks().filter((t) => t.readyState === 'live');
  return { controller, acquired, tracks, liveTracks };
}

/**
 * `makeController` for one describe block: after each test every controller it made is
 * disposed, and the test fails if one left a live track. Call it inside `describe`.
 */
export function controllersPerTest(): typeof makeController {
  const made: ReturnType<typeof makeController>[] = [];
  afterEach(async () => {
    for (const m of made.splice(0)) {
      m.controller.dispose();
      await m.controller.whenSettled();
      expect(m.liveTracks(), 'no track leaks from a test').to.have.length(0);
    }
  });
  return (...a) => {
    const m = makeController(...a);
    made.push(m);
    return m;
  };
}

/** Wait until a condition holds (polling), or fail with a message. */
export async function until(cond: () => boolean, message = 'condition', timeout = 5000): Promise<void> {
  const end = performance.now() + timeout;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The video input devices, after permission. */
export async function cameras(): Promise<MediaDeviceInfo[]> {
  const s = await navigator.mediaDevices.getUserMedia({ video: true });
  s.getTracks().forEach((t) => t.stop());
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
}

/**
 * Verified in Firefox ESR: an event dispatched from script on a MediaStreamTrack reaches its
 * `on<event>` handler but no `addEventListener` listener, so an injected fault cannot reach the
 * controller there (real device events do).
 */
export const FIREFOX_NO_SYNTHETIC =
  'Firefox ESR does not deliver script-dispatched track events to addEventListener listeners';
