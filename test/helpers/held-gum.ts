/**
 * Holds the next getUserMedia calls that `match` until `release()` — a slow device, so that a
 * test can make something happen while a pass of the controller waits for its device. The real
 * getUserMedia still answers each call (nothing is faked); only its start is delayed. Injected
 * by hand, since no browser here can be told to open a device slowly.
 */
export function holdGetUserMedia(match: (c: MediaStreamConstraints) => boolean) {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held = 0;
  let heldResolve!: () => void;
  const firstHeld = new Promise<void>((r) => (heldResolve = r));
  md.getUserMedia = async function (this: MediaDevices, c?: MediaStreamConstraints) {
    if (c && match(c)) {
      held++;
      heldResolve();
      await gate;
    }
    return original.call(this, c);
  };
  return {
    /** Resolves once a call is held. */
    held: () => firstHeld,
    get count() {
      return held;
    },
    release,
    /** Puts getUserMedia back (and lets every held call go). */
    restore() {
      release();
      md.getUserMedia = original;
    },
  };
}
