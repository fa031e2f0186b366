import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import type { Consumer } from '../../src/controller.js';
import { propertyParams } from '../helpers/property.js';
import { cameras, makeController, until } from './controller-helpers.js';

/**
 * Property: after ANY sequence of start, stop, request/release by consumers, device switches,
 * constraint changes, consumer removal and the camera's track ending by itself (injected ended:
 * the event dispatched on the real live track, as an unplug would) — issued without waiting, so they interleave with
 * pending getUserMedia calls — the controller settles in the state the last request asked for,
 * and once nothing uses the camera every track it ever obtained has ended.
 */
type Op =
  | SharedOp
  | { op: 'request'; who: number }
  | { op: 'start' }
  | { op: 'resolution'; width: number; height: number }
  | { op: 'flip' }
  | { op: 'ended' }
  | { op: 'break'; on: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('request' as const), who: fc.nat(3) }),
  fc.record({ op: fc.constant('release' as const), who: fc.nat(3) }),
  fc.record({ op: fc.constant('detach' as const), who: fc.nat(3) }),
  fc.record({ op: fc.constant('start' as const) }),
  fc.record({ op: fc.constant('stop' as const) }),
  fc.record({ op: fc.constant('select' as const), cam: fc.nat(2) }),
  fc.record({
    op: fc.constant('resolution' as const),
    width: fc.constantFrom(320, 640, 1280, 1920),
    height: fc.constantFrom(240, 480, 720, 1080),
  }),
  fc.record({ op: fc.constant('audio' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('flip' as const) }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.constantFrom(0, 1, 5, 20) }),
  fc.record({ op: fc.constant('ended' as const) }),
);
/** The same, plus the last camera failing as it starts from now on, or working again. */
const opOrBreakArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: opArb, weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('break' as const), on: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('select' as const), cam: fc.constant(2) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('start' as const) }), weight: 1 },
);

/** The operations both properties make, the same way. */
type SharedOp =
  | { op: 'release'; who: number }
  | { op: 'detach'; who: number }
  | { op: 'stop' }
  | { op: 'select'; cam: number }
  | { op: 'audio'; on: boolean }
  | { op: 'wait'; ms: number };

async function sharedOp(
  o: SharedOp,
  controller: ReturnType<typeof makeController>['controller'],
  consumers: Consumer[],
  cams: MediaDeviceInfo[],
  pending: Promise<unknown>[],
): Promise<void> {
  switch (o.op) {
    case 'release':
      controller.release(consumers[o.who]);
      break;
    case 'detach':
      controller.detach(consumers[o.who]);
      break;
    case 'stop':
      controller.stop();
      break;
    case 'select':
      pending.push(controller.selectDevice('videoinput', cams[o.cam % cams.length].deviceId));
      break;
    case 'audio':
      pending.push(controller.setOptions({ audio: o.on }));
      break;
    case 'wait':
      await new Promise((r) => setTimeout(r, o.ms));
      break;
  }
}

/**
 * Run one sequence and check the invariants. With `breakable`, the last camera can fail as it
 * starts (injected: its new track is stopped as getUserMedia hands it over); then a wanted
 * camera may end in `error` / `not-readable` instead of `live`, but never with a leak.
 */
async function check(ops: Op[], delay: number, cams: MediaDeviceInfo[], breakable: boolean): Promise<void> {
  let broken = false;
  const brokenId = cams[cams.length - 1].deviceId;
  const { controller, liveTracks } = makeController({
    releaseDelay: delay,
    onAcquire: (s) => {
      for (const t of s.getVideoTracks()) if (broken && t.getSettings().deviceId === brokenId) t.stop();
    },
  });
  const consumers: Consumer[] = [{}, {}, {}, {}];
  const pending: Promise<unknown>[] = [];
  let endedInjected = 0;
  let endedSeen = 0;
  controller.addEventListener('media-track-ended', () => endedSeen++);
  for (const o of ops) {
    switch (o.op) {
      case 'request':
        pending.push(controller.request(consumers[o.who]).catch((e) => (breakable ? undefined : Promise.reject(e))));
        break;
      case 'start':
        pending.push(controller.start().catch(() => undefined));
        break;
      case 'resolution':
        pending.push(controller.setOptions({ video: { width: o.width, height: o.height } }));
        break;
      case 'flip':
        pending.push(controller.flipCamera());
        break;
      case 'break':
        broken = o.on;
        break;
      case 'ended': {
        const t = controller.videoTrack;
        if (t?.readyState === 'live') {
          endedInjected++;
          t.dispatchEvent(new Event('ended'));
        }
        break;
      }
      default:
        await sharedOp(o, controller, consumers, cams, pending);
    }
  }
  await Promise.all(pending);
  // Each injected end is handled after awaits of its own (permissions, devices): wait for them.
  await until(() => endedSeen === endedInjected, 'every injected end handled', 5000);
  await controller.whenSettled();
  await new Promise((r) => setTimeout(r, delay + 5));
  await controller.whenSettled();

  // The state the last request asked for.
  if (controller.requesterCount > 0 && breakable && controller.state !== 'live') {
    expect(controller.state, 'wanted, with a broken camera: live or an error').to.equal('error');
    expect(controller.error?.code).to.equal('not-readable');
    expect(liveTracks(), 'no stream: every track ended').to.have.length(0);
  } else if (controller.requesterCount > 0) {
    expect(controller.state, 'wanted: live').to.equal('live');
    const streamTracks = controller.stream!.getTracks();
    expect(streamTracks.every((t) => t.readyState === 'live')).to.equal(true);
    // Same track objects (===), in any order: a Set's deep equality would compare the tracks'
    // enumerable getters pairwise in insertion order and fail on [audio, video] vs [video, audio].
    expect(liveTracks(), 'only the published tracks are live').to.have.members(streamTracks);
    const audioWanted = controller.options.audio !== false;
    expect(controller.stream!.getAudioTracks().length).to.equal(audioWanted ? 1 : 0);
    expect(controller.stream!.getVideoTracks().length).to.equal(1);
  } else {
    expect(controller.state).to.equal('idle');
    expect(liveTracks(), 'nothing uses the camera: every track ended').to.have.length(0);
  }
  // Once every consumer is gone, nothing stays live.
  for (const c of consumers) controller.detach(c);
  controller.stop();
  await controller.whenSettled();
  await until(() => liveTracks().length === 0, 'every track ended', 2000);
  controller.dispose();
}

/**
 * The wider property (issue 18): consumers that name what they need (camera, microphone, both),
 * the microphone turned on and off, microphone switches, a microphone that fails as it starts
 * (injected: its new track is stopped as getUserMedia hands it over) and a real revocation of the
 * camera or the microphone (CDP Browser.setPermission; with the fake UI, Chromium grants it again
 * right after, and it ends every capture track of the page) in the middle of a pass. Whatever
 * the order: no track is live that no consumer needs, every live track is in the stream, a kind
 * a consumer needs is there unless an error says why, and nothing is live once nobody asks.
 */
type WideOp =
  | SharedOp
  | { op: 'need'; who: number; video: boolean; audio: boolean }
  | { op: 'retry' }
  | { op: 'mic'; n: number }
  | { op: 'breakMic'; on: boolean }
  | { op: 'revoke'; name: 'camera' | 'microphone' };

const wideArb: fc.Arbitrary<WideOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('need' as const), who: fc.nat(2), video: fc.boolean(), audio: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('release' as const), who: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('detach' as const), who: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('stop' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('retry' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('select' as const), cam: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('mic' as const), n: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('audio' as const), on: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('breakMic' as const), on: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('revoke' as const), name: fc.constantFrom('camera' as const, 'microphone' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.constantFrom(0, 5, 30) }), weight: 2 },
);

async function checkWide(ops: WideOp[], delay: number, cams: MediaDeviceInfo[], mics: MediaDeviceInfo[]): Promise<void> {
  let brokenMic = false;
  const { controller, liveTracks } = makeController({
    releaseDelay: delay,
    onAcquire: (s) => {
      if (brokenMic) for (const t of s.getAudioTracks()) t.stop();
    },
  });
  const consumers: Consumer[] = [{}, {}, {}];
  const pending: Promise<unknown>[] = [];
  let revoked = false;
  for (const o of ops) {
    switch (o.op) {
      case 'need':
        pending.push(controller.request(consumers[o.who], { video: o.video, audio: o.audio }));
        break;
      case 'retry':
        pending.push(controller.retry());
        break;
      case 'mic':
        pending.push(controller.selectDevice('audioinput', mics[o.n % mics.length].deviceId));
        break;
      case 'breakMic':
        brokenMic = o.on;
        break;
      case 'revoke':
        revoked = true;
        pending.push(executeServerCommand('set-camera-permission', { name: o.name, setting: 'denied' }));
        break;
      default:
        await sharedOp(o, controller, consumers, cams, pending);
    }
  }
  await Promise.all(pending);
  if (revoked) {
    await executeServerCommand('set-camera-permission', { name: 'camera', setting: 'granted' });
    await executeServerCommand('set-camera-permission', { name: 'microphone', setting: 'granted' });
    // The ended tracks and the permission changes are handled after awaits of their own.
    await new Promise((r) => setTimeout(r, 300));
  }
  await controller.whenSettled();
  await new Promise((r) => setTimeout(r, delay + 5));
  await controller.whenSettled();

  const streamTracks = controller.stream?.getTracks() ?? [];
  expect(liveTracks(), 'only the published tracks are live').to.have.members(streamTracks.filter((t) => t.readyState === 'live'));
  if (controller.requesterCount === 0) {
    expect(controller.state).to.not.equal('live');
    expect(liveTracks(), 'nobody asks: every track ended').to.have.length(0);
  } else if (controller.state === 'live') {
    for (const kind of ['video', 'audio'] as const) {
      const track = kind === 'video' ? controller.videoTrack : controller.audioTrack;
      if (track) expect(controller.needs(kind), `a ${kind} track only while a consumer needs it`).to.equal(true);
      else if (controller.needs(kind)) {
        // What a consumer of that kind sees: the error of that kind, never a wait that never ends.
        expect(['denied', 'unavailable', 'error'], `a needed ${kind} kind missing says why`).to.include(controller.stateFor({ [kind]: true }));
      }
    }
    expect(streamTracks.every((t) => t.readyState === 'live'), 'live means live tracks').to.equal(true);
  } else {
    expect(liveTracks(), 'not live: nothing live').to.have.length(0);
  }
  for (const c of consumers) controller.detach(c);
  controller.stop();
  await controller.whenSettled();
  await until(() => liveTracks().length === 0, 'every track ended', 2000);
  controller.dispose();
}

describe('MediaStreamController invariants (fast-check)', function () {
  this.timeout(120_000);

  it('never leaks a track and ends in the state the last request asked for', async () => {
    const cams = await cameras();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.constantFrom(0, 15), (ops, delay) => check(ops, delay, cams, false)),
      propertyParams(60),
    );
  });

  it('never leaks a track when a camera fails as it starts (injected: its new track is stopped as getUserMedia hands it over)', async () => {
    const cams = await cameras();
    await fc.assert(
      fc.asyncProperty(fc.array(opOrBreakArb, { minLength: 1, maxLength: 25 }), fc.constantFrom(0, 15), (ops, delay) => check(ops, delay, cams, true)),
      propertyParams(60),
    );
  });

  it('demand per consumer, microphones and revocations: no track nobody needs, none leaked (injected: a microphone that fails as it starts)', async () => {
    const cams = await cameras();
    const mics = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(wideArb, { minLength: 1, maxLength: 20 }), fc.constantFrom(0, 15), (ops, delay) => checkWide(ops, delay, cams, mics)),
        propertyParams(40),
      );
    } finally {
      await executeServerCommand('set-camera-permission', { name: 'camera', setting: 'granted' });
      await executeServerCommand('set-camera-permission', { name: 'microphone', setting: 'granted' });
    }
  });
});
