import { expect } from '@open-wc/testing';
import { MediaCaptureError } from '../../src/errors.js';
import type { MediaStreamChangeEvent } from '../../src/events.js';
import { isFirefox, skipUnless } from '../helpers/env.js';
import { FIREFOX_NO_SYNTHETIC, cameras, controllersPerTest, until } from './controller-helpers.js';

describe('MediaStreamController races', () => {
  const make = controllersPerTest();

  describe('a track that ends', () => {
    it('stop() while the lost track is being handled ends idle, not unavailable (injected ended)', async () => {
      skipUnless(!isFirefox(), FIREFOX_NO_SYNTHETIC);
      const { controller } = make();
      await controller.start();
      const errors: string[] = [];
      controller.addEventListener('media-error', (e) => errors.push(e.detail.error.code));
      const ended = new Promise<Event>((r) => controller.addEventListener('media-track-ended', r, { once: true }));
      controller.videoTrack!.dispatchEvent(new Event('ended'));
      controller.stop();
      await ended;
      await controller.whenSettled();
      expect(controller.state).to.equal('idle');
      expect(controller.stream).to.equal(null);
      expect(controller.error).to.equal(null);
      expect(errors).to.deep.equal([]);
    });

    it('a new start() while the lost track is being handled ends live with live tracks only (injected ended)', async () => {
      skipUnless(!isFirefox(), FIREFOX_NO_SYNTHETIC);
      const { controller, liveTracks } = make({ options: { video: true, audio: true } });
      await controller.start();
      const publishedLive: boolean[] = [];
      controller.addEventListener('media-stream-change', (e: MediaStreamChangeEvent) => {
        if (e.detail.stream) publishedLive.push(e.detail.stream.getTracks().every((t) => t.readyState === 'live'));
      });
      const ended = new Promise<Event>((r) => controller.addEventListener('media-track-ended', r, { once: true }));
      controller.audioTrack!.dispatchEvent(new Event('ended'));
      controller.stop();
      await controller.start();
      await ended;
      await controller.whenSettled();
      expect(publishedLive, 'each stream had only live tracks when it was published').to.not.include(false);
      expect(controller.state).to.equal('live');
      expect(controller.stream!.getTracks().every((t) => t.readyState === 'live')).to.equal(true);
      expect(liveTracks()).to.have.members(controller.stream!.getTracks());
    });
  });

  it('keeps watching devices while a script start() made right after the last release is live (injected devicechange)', async () => {
    const { controller } = make();
    const element = {};
    await controller.request(element);
    controller.release(element); // releaseDelay 0: the stop is scheduled now
    await controller.start();
    await controller.whenSettled();
    await new Promise((r) => setTimeout(r, 0));
    await controller.refreshDevices(); // every enumeration under way has answered
    expect(controller.state).to.equal('live');
    const before = controller.devices;
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await until(() => controller.devices !== before, 'a new enumeration after devicechange');
  });

  it('a track ended while a device switch waited for getUserMedia is not published (stop then start during the switch)', async () => {
    const cams = await cameras();
    skipUnless(cams.length >= 2, 'needs two cameras (Firefox has one)');
    const { controller, liveTracks } = make({ options: { video: true, audio: true } });
    await controller.start();
    const other = cams.find((c) => c.deviceId !== controller.getSettings()!.deviceId)!;
    const publishedLive: boolean[] = [];
    controller.addEventListener('media-stream-change', (e: MediaStreamChangeEvent) => {
      if (e.detail.stream) publishedLive.push(e.detail.stream.getTracks().every((t) => t.readyState === 'live'));
    });
    let interrupted = false;
    controller.addEventListener('media-controller-change', () => {
      if (interrupted || !controller.switching) return;
      // The switch has asked getUserMedia for the other camera: stop and start again meanwhile.
      interrupted = true;
      controller.stop();
      void controller.start();
    });
    await controller.selectDevice('videoinput', other.deviceId);
    await controller.whenSettled();
    expect(interrupted, 'the switch was interrupted').to.equal(true);
    expect(publishedLive, 'each stream had only live tracks when it was published').to.not.include(false);
    expect(controller.state).to.equal('live');
    expect(controller.getSettings()!.deviceId).to.equal(other.deviceId);
    expect(controller.stream!.getAudioTracks()).to.have.length(1);
    expect(liveTracks()).to.have.members(controller.stream!.getTracks());
  });

  describe('a webcam and its microphone unplugged together', () => {
    it('both move to other devices, whichever handler finds its fallback first (injected ended on both tracks)', async () => {
      skipUnless(!isFirefox(), FIREFOX_NO_SYNTHETIC);
      const cams = await cameras();
      const mics = (await navigator.mediaDevices.enumerateDevices()).filter(
        (d) => d.kind === 'audioinput' && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications',
      );
      skipUnless(cams.length >= 2 && mics.length >= 2, 'needs two cameras and two microphones');
      const cam = cams[cams.length - 1]!.deviceId;
      const mic = mics[mics.length - 1]!.deviceId;
      const { controller } = make();
      await controller.setOptions({ video: { deviceId: cam }, audio: { deviceId: mic } });
      await controller.start();
      const video = controller.videoTrack!;
      const audio = controller.audioTrack!;
      expect([video.getSettings().deviceId, audio.getSettings().deviceId]).to.deep.equal([cam, mic]);
      video.dispatchEvent(new Event('ended'));
      audio.dispatchEvent(new Event('ended'));
      await until(
        () => controller.state === 'live' && !controller.switching && !!controller.videoTrack && controller.videoTrack !== video && !!controller.audioTrack && controller.audioTrack !== audio,
        'both tracks replaced',
        8000,
      );
      await controller.whenSettled();
      expect(controller.videoTrack!.getSettings().deviceId, 'not the camera that went away').to.not.equal(cam);
      expect(controller.audioTrack!.getSettings().deviceId, 'not the microphone that went away').to.not.equal(mic);
    });
  });

  describe('device choices', () => {
    it('uses the remembered audio output once the list has it', async () => {
      const name = `sink-${Date.now()}`;
      const first = make({ name, rememberDevices: true });
      await first.controller.start(); // permission, so outputs are listed with ids
      await first.controller.refreshDevices();
      const outs = first.controller.devicesOf('audiooutput').filter((d) => d.deviceId);
      skipUnless(outs.length >= 2, 'needs two audio outputs listed (Firefox ESR lists none)');
      const pick = outs[outs.length - 1];
      await first.controller.selectDevice('audiooutput', pick.deviceId);
      expect(first.controller.sinkId).to.equal(pick.deviceId);
      const second = make({ name, rememberDevices: true });
      second.controller.attach({});
      await until(() => second.controller.sinkId === pick.deviceId, 'the remembered output in use');
      expect(second.controller.currentDeviceId('audiooutput')).to.equal(pick.deviceId);
      second.controller.rememberDevices = false;
    });

    it('a selectDevice waiting for the device list is dropped when a newer choice came meanwhile', async () => {
      const cams = await cameras();
      skipUnless(cams.length >= 2, 'needs two cameras (Firefox has one)');
      const { controller } = make(); // nothing attached: its device list is still empty
      const older = controller.selectDevice('videoinput', cams[0].deviceId);
      await controller.setOptions({ video: { deviceId: cams[1].deviceId } });
      await older;
      expect((controller.options.video as { deviceId?: unknown }).deviceId).to.equal(cams[1].deviceId);
      await controller.start();
      expect(controller.getSettings()!.deviceId).to.equal(cams[1].deviceId);
    });

    it('a microphone that fails beside a live camera is not asked for again by later passes, nor remembered (injected: the test stops the new audio track as getUserMedia hands it over)', async () => {
      const name = `mic-fails-${Date.now()}`;
      let breakAudio = false;
      const m = make({
        name,
        rememberDevices: true,
        onAcquire: (s) => {
          if (breakAudio) for (const t of s.getAudioTracks()) t.stop(); // reads as a microphone that failed as it started
        },
      });
      const { controller } = m;
      await controller.start();
      await controller.refreshDevices();
      const mic = controller.devicesOf('audioinput').find((d) => d.deviceId);
      skipUnless(!!mic, 'needs a listed microphone');
      breakAudio = true;
      await controller.selectDevice('audioinput', mic!.deviceId);
      await controller.whenSettled();
      expect(controller.state, 'the camera goes on').to.equal('live');
      expect(controller.error, 'the failure is reported').to.not.equal(null);
      expect(controller.stream!.getAudioTracks()).to.have.length(0);
      expect(controller.rememberedDevice('audioinput'), 'the failing microphone is not remembered').to.equal(undefined);
      const attempts = () => m.acquired.filter((s) => s.getAudioTracks().length > 0).length;
      const before = attempts();
      await controller.setOptions({ video: { width: 320 } });
      await controller.whenSettled();
      expect(attempts(), 'a later pass does not open the failing microphone again').to.equal(before);
      expect(controller.state).to.equal('live');
      controller.rememberDevices = false;
    });

    it('an id no listed device has is not remembered, so the next visit does not ask for it', async () => {
      await cameras(); // permission, so the list has the cameras
      const name = `unknown-${Date.now()}`;
      const first = make({ name, rememberDevices: true });
      await first.controller.selectDevice('videoinput', 'a-camera-that-is-gone');
      expect(first.controller.rememberedDevice('videoinput')).to.equal(undefined);
      const second = make({ name, rememberDevices: true });
      const stream = await second.controller.start();
      expect(second.controller.state).to.equal('live');
      expect(stream).to.equal(second.controller.stream);
      second.controller.rememberDevices = false;
    });
  });

  describe('acquisition', () => {
    it('a stop() during the pause before retrying a busy camera does not open it again (injected: the first track is stopped as getUserMedia hands it over)', async () => {
      let first = true;
      const m = make({
        onAcquire: (s) => {
          if (!first) return;
          first = false;
          for (const t of s.getTracks()) t.stop(); // reads as a camera that failed as it started
          m.controller.stop();
        },
      });
      await m.controller.start();
      await m.controller.whenSettled();
      expect(m.controller.state).to.equal('idle');
      expect(m.acquired, 'no second getUserMedia after the stop').to.have.length(1);
    });

    it('a throwing onAcquire stops the tracks just obtained and the error is reported (injected: onAcquire throws)', async () => {
      const { controller, liveTracks } = make({
        onAcquire: () => {
          throw new Error('instrumentation failed');
        },
      });
      const thrown = await controller.start().then(
        () => null,
        (e: unknown) => e,
      );
      expect(thrown).to.be.instanceOf(MediaCaptureError);
      expect((controller.error?.cause as Error | undefined)?.message).to.equal('instrumentation failed');
      expect(liveTracks(), 'start: no track left live').to.have.length(0);
      controller.stop();
      await controller.requestAccess('videoinput');
      expect((controller.error?.cause as Error | undefined)?.message).to.equal('instrumentation failed');
      expect(liveTracks(), 'requestAccess: no track left live').to.have.length(0);
    });

    it('requestAccess lists the devices with labels while its track is still live', async () => {
      const { controller, acquired } = make();
      let liveWhileListed: boolean | null = null;
      controller.addEventListener('media-devices-change', () => {
        if (liveWhileListed === null && controller.hasLabels('videoinput')) liveWhileListed = acquired.some((s) => s.getTracks().some((t) => t.readyState === 'live'));
      });
      await controller.requestAccess('videoinput');
      expect(controller.hasLabels('videoinput')).to.equal(true);
      if (liveWhileListed !== null) expect(liveWhileListed, 'the labelled list was read while the track was live').to.equal(true);
    });
  });
});
