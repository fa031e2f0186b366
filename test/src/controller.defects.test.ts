import { expect } from '@open-wc/testing';
import { skipUnless } from '../helpers/env.js';
import { cameras, controllersPerTest, until } from './controller-helpers.js';

/** Defects found by reading the controller (issue 18, section 3), each in every engine that can show it. */
describe('MediaStreamController: defects found by reading it', () => {
  const make = controllersPerTest();

  it("selectDevice(kind, '') goes back to the default device and forgets the remembered one (defect 4)", async () => {
    const cams = await cameras();
    skipUnless(cams.length >= 2, 'needs two cameras (Firefox ESR has one fake camera)');
    const { controller } = make({ rememberDevices: true });
    await controller.start();
    const defaultId = controller.currentDeviceId('videoinput');
    const other = cams.find((c) => c.deviceId !== defaultId)!;
    await controller.selectDevice('videoinput', other.deviceId);
    expect(controller.currentDeviceId('videoinput') === other.deviceId, 'on the chosen camera').to.equal(true);
    await controller.selectDevice('videoinput', '');
    expect(controller.currentDeviceId('videoinput') === defaultId, 'back on the default camera').to.equal(true);
    expect(controller.rememberedDevice('videoinput'), 'the choice is forgotten').to.equal(undefined);
    // Not remembered either: a later change of constraints stays on the default camera.
    await controller.selectDevice('videoinput', other.deviceId);
    await controller.selectDevice('videoinput', '', { remember: false });
    await controller.setOptions({ video: { width: 640, height: 480 } });
    expect(controller.currentDeviceId('videoinput') === defaultId, 'the remembered camera is not put back').to.equal(true);
    controller.rememberDevices = false;
  });

  it('a start() made while the pass loop is ending is carried out (found by the property test once its operations yielded between them)', async () => {
    // Whatever the number of microtasks between them, the start() is not lost in the gap between
    // the loop's last look at its work and its end.
    for (let yields = 0; yields <= 8; yields++) {
      const { controller, liveTracks } = make();
      controller.stop();
      for (let i = 0; i < yields; i++) await undefined;
      await controller.start();
      await controller.whenSettled();
      expect(controller.state, `live after ${yields} microtask(s)`).to.equal('live');
      expect(liveTracks()).to.have.members(controller.stream!.getTracks());
      controller.dispose();
    }
  });

  it('retry() adds no request of its own: a camera retried after every consumer left stays off (defect 5)', async () => {
    const { controller, liveTracks } = make();
    const element = {};
    await controller.request(element);
    controller.release(element);
    await controller.whenSettled();
    await controller.retry();
    expect(controller.state).to.equal('idle');
    expect(controller.requesterCount).to.equal(0);
    expect(liveTracks(), 'nothing live').to.have.length(0);
  });

  it('a busy camera reported as AbortError, as Firefox does, is retried once (injected: the first stream is refused with AbortError) (defect 6)', async () => {
    let refusals = 0;
    const { controller, acquired } = make({
      onAcquire: () => {
        if (refusals++ === 0) throw new DOMException('The camera is in use.', 'AbortError');
      },
    });
    await controller.start();
    expect(controller.state).to.equal('live');
    expect(acquired.length, 'asked twice').to.equal(2);
    expect(controller.error).to.equal(null);
  });

  it("an exception inside a pass is a typed 'internal' error, not the page's invalid-argument (injected: a live track's getSettings throws) (defect 7)", async () => {
    const { controller, liveTracks } = make();
    await controller.start();
    const track = controller.videoTrack!;
    Object.defineProperty(track, 'getSettings', {
      configurable: true,
      value: () => {
        throw new TypeError('injected fault');
      },
    });
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void logged.push(a);
    try {
      await controller.setOptions({ video: { width: 640, height: 480 } });
    } finally {
      console.error = original;
    }
    expect(controller.error?.code).to.equal('internal');
    expect(controller.error?.message).to.match(/inside the capture kit/);
    expect(controller.error?.advice).to.match(/defect of media-capture-elements/);
    expect(controller.state).to.equal('error');
    expect(logged.length, 'the defect is logged for the developer').to.equal(1);
    expect(liveTracks()).to.have.length(0);
  });

  it('a consumer that names a demand gets only those kinds; the union is opened, and a kind nobody needs closes while the other keeps its track', async () => {
    const { controller, acquired } = make();
    const preview = {};
    const meter = {};
    await controller.request(preview, { video: true });
    expect(controller.stream!.getAudioTracks()).to.have.length(0);
    const video = controller.videoTrack!;
    await controller.request(meter, { audio: true });
    expect(controller.audioTrack?.readyState).to.equal('live');
    expect(controller.videoTrack === video, 'the camera keeps its track').to.equal(true);
    const stream = controller.stream!;
    const audio = controller.audioTrack!;
    controller.release(meter);
    await until(() => audio.readyState === 'ended', 'the microphone stops');
    await controller.whenSettled();
    expect(controller.videoTrack === video && video.readyState === 'live', 'the camera keeps the same live track').to.equal(true);
    expect(controller.stream === stream, 'the same stream object').to.equal(true);
    expect(acquired.length, 'no new getUserMedia for the camera').to.equal(2);
    expect(controller.stateFor({ video: true })).to.equal('live');
  });

  it('a preview that wants no microphone does not turn it off under a consumer that needs it', async () => {
    const { controller } = make();
    const recorder = {};
    const preview = {};
    await controller.request(recorder, { video: true, audio: true });
    await controller.request(preview, { video: true });
    await controller.setOptions({ audio: false }, { consumer: preview }); // a script-level "off": consumers with a demand keep theirs
    await controller.whenSettled();
    expect(controller.audioTrack?.readyState).to.equal('live');
  });

  it('a consumer overruled on a constraint another one changes is told (media-options-conflict); its own change is no conflict', async () => {
    const { controller } = make();
    const a = {};
    const b = {};
    await controller.request(a, { video: true });
    await controller.request(b, { video: true });
    const told: { consumer: object; constraint: string; value: unknown; by?: object }[] = [];
    controller.addEventListener('media-options-conflict', (e) => told.push(e.detail));
    await controller.setOptions({ video: { width: 640 } }, { consumer: a });
    await controller.setOptions({ video: { width: 320 } }, { consumer: a });
    expect(told).to.have.length(0);
    await controller.setOptions({ video: { width: 640 } }, { consumer: b });
    expect(told).to.have.length(1);
    expect(told[0]!.consumer === a, 'the overruled consumer').to.equal(true);
    expect(told[0]!.constraint).to.equal('width');
    expect(told[0]!.value).to.equal(640);
    expect((controller.options.video as { width?: number }).width, 'the last change wins').to.equal(640);
    // A consumer that left is not told.
    controller.detach(b);
    await controller.setOptions({ video: { width: 320 } }, { consumer: a });
    expect(told).to.have.length(1);
    // A script's change overrules an element too (by: undefined).
    await controller.setOptions({ video: { width: 480 } });
    expect(told).to.have.length(2);
    expect(told[1]!.consumer === a && told[1]!.by === undefined, 'told a, by a script').to.equal(true);
  });

  it('the stream is one object for life: a switch replaces the track in place and fires media-track-change (add, then remove)', async () => {
    const cams = await cameras();
    skipUnless(cams.length >= 2, 'needs two cameras (Firefox ESR has one fake camera)');
    const { controller } = make();
    const stream = (await controller.start())!;
    const old = controller.videoTrack!;
    const changes: string[] = [];
    controller.addEventListener('media-track-change', (e) => changes.push(`${e.detail.change}:${e.detail.track === old ? 'old' : 'new'}`));
    let streamEvents = 0;
    controller.addEventListener('media-stream-change', () => streamEvents++);
    const other = cams.find((c) => c.deviceId !== old.getSettings().deviceId)!;
    await controller.selectDevice('videoinput', other.deviceId);
    expect(controller.stream === stream, 'the same MediaStream').to.equal(true);
    expect(stream.getVideoTracks()).to.have.length(1);
    expect(stream.getVideoTracks()[0] === controller.videoTrack && controller.videoTrack !== old, 'the new track is in it').to.equal(true);
    expect(old.readyState).to.equal('ended');
    expect(changes).to.deep.equal(['add:new', 'remove:old']);
    expect(streamEvents, 'no media-stream-change for a switch').to.equal(0);
    controller.stop();
    expect(controller.stream).to.equal(null);
    const again = await controller.start();
    expect(again === stream, 'the same object after a stop and a start').to.equal(true);
  });
});
