import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { holdGetUserMedia } from '../helpers/held-gum.js';
import { cameras, controllersPerTest, until } from './controller-helpers.js';

async function microphones(): Promise<MediaDeviceInfo[]> {
  const s = await navigator.mediaDevices.getUserMedia({ audio: true });
  s.getTracks().forEach((t) => t.stop());
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
}

const setPermission = (name: 'camera' | 'microphone', setting: 'granted' | 'denied') => executeServerCommand('set-camera-permission', { name, setting });

// Chromium: three fake cameras and microphones, and CDP Browser.setPermission for a real
// revocation (with --use-fake-ui-for-media-stream, Chromium grants the permission again right
// after the denial: PermissionStatus fires `denied`, then `granted`).
describe('MediaStreamController: defects found by reading it (Chromium)', () => {
  const make = controllersPerTest();
  afterEach(async () => {
    await setPermission('camera', 'granted');
    await setPermission('microphone', 'granted');
  });

  it('a change made while a switch waits for its device is not saved as working before it was tried (defect 1; injected: the microphone fails as it starts)', async () => {
    const cams = await cameras();
    let micAsked = 0;
    const onAcquire = (s: MediaStream) => {
      for (const t of s.getAudioTracks()) {
        micAsked++;
        t.stop(); // the microphone fails as getUserMedia hands it over
      }
    };
    // Raced: the microphone is asked for while the switch's getUserMedia is under way.
    const raced = make({ onAcquire });
    await raced.controller.start();
    // The microphone is asked for in the same task in which the switch starts its getUserMedia.
    const audio = new Promise<void>((resolve) => {
      const onChange = () => {
        if (!raced.controller.switching) return;
        raced.controller.removeEventListener('media-controller-change', onChange);
        resolve(raced.controller.setOptions({ audio: true }));
      };
      raced.controller.addEventListener('media-controller-change', onChange);
    });
    const switched = raced.controller.selectDevice('videoinput', cams[1]!.deviceId);
    await Promise.all([switched, audio]);
    await raced.controller.whenSettled();
    // One call after the other: the same two calls.
    const serial = make({ onAcquire });
    await serial.controller.start();
    await serial.controller.selectDevice('videoinput', cams[1]!.deviceId);
    await serial.controller.setOptions({ audio: true });
    for (const { controller } of [raced, serial]) {
      expect(controller.error?.code).to.equal('not-readable');
      expect(controller.options.audio, 'audio goes back to off').to.equal(false);
      expect(controller.currentDeviceId('videoinput') === cams[1]!.deviceId, 'on the chosen camera').to.equal(true);
    }
    // No later pass asks for the failing microphone again.
    const asked = micAsked;
    await raced.controller.setOptions({ video: { width: 640, height: 480 } });
    await serial.controller.setOptions({ video: { width: 640, height: 480 } });
    expect(micAsked - asked, 'the microphone is not asked for again').to.equal(0);
  });

  it('a camera revoked while a pass adds the microphone: both come back once access is back (real revocation; injected: the microphone\'s getUserMedia is held until it landed, as a slow device would; defect 2 itself is in controller.defects.y4m.test.ts, since Chromium\'s fake UI grants again at once)', async () => {
    const { controller, liveTracks } = make();
    await controller.start();
    const errors: string[] = [];
    controller.addEventListener('media-error', (e) => errors.push(`${e.detail.error.code}:${e.detail.error.device}`));
    const hold = holdGetUserMedia((c) => !!c.audio && !c.video);
    try {
      const adding = controller.setOptions({ audio: true });
      await hold.held();
      await setPermission('camera', 'denied');
      await until(() => errors.includes('permission-denied:camera'), 'the revocation is handled while the pass waits');
      hold.release();
      await adding;
    } finally {
      hold.restore();
    }
    await until(() => controller.permissions.camera === 'granted', 'access back (fake UI grants again)');
    await until(() => !!controller.videoTrack && !!controller.audioTrack && controller.state === 'live', 'camera and microphone live again', 8000);
    await controller.whenSettled();
    expect(liveTracks()).to.have.members(controller.stream!.getTracks());
  });

  it('a microphone refused while switching microphones leaves the camera on with the same track, reported once (defect 3; injected: the microphone\'s getUserMedia is refused with NotAllowedError, since Chromium ends every capture track when CDP revokes either permission)', async () => {
    const mics = await microphones();
    let refuseMic = false;
    const { controller } = make({
      options: { video: true, audio: true },
      onAcquire: (s) => {
        if (refuseMic && s.getAudioTracks().length) throw new DOMException('Permission denied', 'NotAllowedError');
      },
    });
    await controller.start();
    const video = controller.videoTrack!;
    const errors: string[] = [];
    controller.addEventListener('media-error', (e) => errors.push(`${e.detail.error.code}:${e.detail.error.device}`));
    refuseMic = true;
    const other = mics.find((m) => m.deviceId && m.deviceId !== controller.currentDeviceId('audioinput'))!;
    await controller.selectDevice('audioinput', other.deviceId);
    await controller.whenSettled();
    await new Promise((r) => setTimeout(r, 100));
    expect(controller.videoTrack === video && video.readyState === 'live', 'the camera kept its live track').to.equal(true);
    expect(errors, 'one report').to.deep.equal(['permission-denied:microphone']);
    expect(controller.state).to.equal('live');
    expect(controller.stateFor({ video: true })).to.equal('live');
    expect(controller.stateFor({ audio: true }), 'as a consumer of the microphone sees it').to.equal('denied');
  });
});
