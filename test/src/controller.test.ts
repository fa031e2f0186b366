import { expect } from '@open-wc/testing';
import { getMediaStreamController, deleteMediaStreamController, environmentError } from '../../src/controller.js';
import { MediaCaptureError } from '../../src/errors.js';
import type { MediaTrackEndedEvent, MediaTrackMuteEvent, MediaStateChangeEvent } from '../../src/events.js';
import { isFirefox, skipUnless } from '../helpers/env.js';
import { FIREFOX_NO_SYNTHETIC, cameras, controllersPerTest, until } from './controller-helpers.js';

describe('MediaStreamController', () => {
  const make = controllersPerTest();

  describe('sharing', () => {
    it('returns one controller per name, page-wide', () => {
      const a = getMediaStreamController('share-test');
      expect(getMediaStreamController('share-test')).to.equal(a);
      expect(getMediaStreamController('other-share-test')).not.to.equal(a);
      expect(getMediaStreamController().name).to.equal('default');
      deleteMediaStreamController('share-test');
      deleteMediaStreamController('other-share-test');
      expect(getMediaStreamController('share-test')).not.to.equal(a);
      deleteMediaStreamController('share-test');
    });

    it('three consumers cause one getUserMedia call', async () => {
      const { controller, acquired } = make();
      const [a, b, c] = [{}, {}, {}];
      await Promise.all([controller.request(a), controller.request(b), controller.request(c)]);
      expect(controller.state).to.equal('live');
      expect(acquired).to.have.length(1);
      expect(controller.requesterCount).to.equal(3);
    });
  });

  describe('reference counting', () => {
    it('keeps the camera while any consumer wants it and stops every track after the last leaves', async () => {
      const { controller, liveTracks } = make();
      const a = {};
      const b = {};
      await controller.request(a);
      await controller.request(b);
      const track = controller.videoTrack!;
      controller.release(a);
      await controller.whenSettled();
      expect(track.readyState).to.equal('live');
      controller.release(b);
      await controller.whenSettled();
      expect(track.readyState).to.equal('ended');
      expect(controller.state).to.equal('idle');
      expect(controller.stream).to.equal(null);
      expect(liveTracks()).to.have.length(0);
    });

    it('absorbs a consumer being moved (release then request within the delay) without restarting', async () => {
      const { controller, acquired } = make({ releaseDelay: 200 });
      const el = {};
      await controller.request(el);
      const track = controller.videoTrack!;
      controller.release(el);
      await new Promise((r) => setTimeout(r, 20));
      await controller.request(el);
      await new Promise((r) => setTimeout(r, 300));
      expect(track.readyState).to.equal('live');
      expect(acquired).to.have.length(1);
      controller.release(el);
      await until(() => track.readyState === 'ended', 'the delayed stop');
      expect(controller.state).to.equal('idle');
    });

    it('stop() ends every track at once, for every consumer', async () => {
      const { controller, liveTracks } = make({ releaseDelay: 10_000 });
      await controller.request({});
      await controller.request({});
      controller.stop();
      expect(liveTracks()).to.have.length(0);
      expect(controller.state).to.equal('idle');
      expect(controller.requesterCount).to.equal(0);
    });
  });

  describe('race safety', () => {
    it('start then stop before getUserMedia resolves ends idle, and the late tracks are stopped at once', async () => {
      const { controller, acquired, liveTracks } = make();
      const started = controller.start();
      controller.stop();
      expect(await started).to.equal(null);
      await controller.whenSettled();
      expect(controller.state).to.equal('idle');
      expect(liveTracks()).to.have.length(0);
      expect(acquired.length).to.be.at.most(1);
    });

    it('start, stop, start ends live with exactly one live stream', async () => {
      const { controller, liveTracks } = make();
      void controller.start();
      controller.stop();
      const s = await controller.start();
      await controller.whenSettled();
      expect(controller.state).to.equal('live');
      expect(s).to.equal(controller.stream);
      expect(liveTracks()).to.deep.equal(controller.stream!.getTracks());
    });

    it('a release racing a pending start ends idle without a leak', async () => {
      const { controller, liveTracks } = make();
      const c = {};
      void controller.request(c);
      controller.release(c);
      await controller.whenSettled();
      expect(controller.state).to.equal('idle');
      expect(liveTracks()).to.have.length(0);
    });
  });

  describe('permissions and devices', () => {
    it('reports the camera permission granted after a successful start', async () => {
      const { controller } = make();
      await controller.start();
      expect(controller.permissions.camera).to.equal('granted');
    });

    it('lists cameras with labels after permission, current device included', async () => {
      const { controller } = make();
      await controller.start();
      await controller.refreshDevices();
      const cams = controller.devicesOf('videoinput');
      expect(cams.length).to.be.greaterThan(0);
      expect(controller.hasLabels('videoinput')).to.equal(true);
      expect(cams.map((d) => d.deviceId)).to.include(controller.currentDeviceId('videoinput'));
    });

    it('refreshes the device list on devicechange (injected event: nothing here hot-plugs a camera)', async () => {
      const { controller } = make();
      controller.attach({});
      await until(() => controller.devices.length > 0, 'the first enumeration');
      await controller.refreshDevices(); // every enumeration under way has answered
      const before = controller.devices;
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
      await until(() => controller.devices !== before, 'a new enumeration');
    });

    it('remembers the chosen camera and finds it again by label when its deviceId changed', async function () {
      const cams = await cameras();
      skipUnless(cams.length >= 2, 'needs two cameras (Firefox has one)');
      const name = `remember-${Date.now()}`;
      const first = make({ name, rememberDevices: true });
      await first.controller.start();
      await first.controller.selectDevice('videoinput', cams[1].deviceId);
      expect(first.controller.getSettings()!.deviceId).to.equal(cams[1].deviceId);
      first.controller.stop();
      // A later visit: the stored id is stale, label and group still match.
      const key = `media-capture-elements:${name}:videoinput`;
      const stored = JSON.parse(localStorage.getItem(key)!);
      expect(stored.label).to.equal(cams[1].label);
      localStorage.setItem(key, JSON.stringify({ ...stored, deviceId: 'stale-id' }));
      const second = make({ name, rememberDevices: true });
      await second.controller.start();
      expect(second.controller.getSettings()!.deviceId).to.equal(cams[1].deviceId);
      second.controller.rememberDevices = false;
      expect(localStorage.getItem(key)).to.equal(null);
    });
  });

  describe('constraints', () => {
    it('changes resolution on the same device with applyConstraints (same track)', async () => {
      const { controller, acquired } = make({ options: { video: { width: 1280, height: 720 } } });
      await controller.start();
      const track = controller.videoTrack!;
      await controller.setOptions({ video: { width: 640, height: 480 } });
      expect(controller.videoTrack).to.equal(track);
      expect(acquired).to.have.length(1);
      if (!isFirefox()) expect(controller.getSettings()!.width).to.equal(640);
    });

    it('re-acquires on a device change and stops the old track', async function () {
      const cams = await cameras();
      skipUnless(cams.length >= 2, 'needs two cameras (Firefox has one)');
      const { controller } = make();
      await controller.start();
      const old = controller.videoTrack!;
      const other = cams.find((c) => c.deviceId !== old.getSettings().deviceId)!;
      await controller.selectDevice('videoinput', other.deviceId);
      expect(controller.state).to.equal('live');
      expect(controller.videoTrack!.getSettings().deviceId).to.equal(other.deviceId);
      expect(old.readyState).to.equal('ended');
    });

    it('adds and removes the microphone without touching the camera track', async () => {
      const { controller } = make();
      await controller.start();
      const video = controller.videoTrack!;
      await controller.setOptions({ audio: true });
      expect(controller.audioTrack?.readyState).to.equal('live');
      expect(controller.videoTrack).to.equal(video);
      const audio = controller.audioTrack!;
      await controller.setOptions({ audio: false });
      expect(controller.audioTrack).to.equal(null);
      expect(audio.readyState).to.equal('ended');
      expect(video.readyState).to.equal('live');
    });

    it('changes audio processing of the live microphone (in place, or with a new track where the engine ignores it)', async function () {
      const { controller } = make({ options: { video: false, audio: { echoCancellation: true } } });
      await controller.start();
      const audio = controller.audioTrack!;
      expect(controller.videoTrack).to.equal(null);
      await controller.setOptions({ audio: { echoCancellation: false, noiseSuppression: false } });
      expect(controller.audioTrack!.readyState).to.equal('live');
      if (controller.audioTrack !== audio) expect(audio.readyState, 'the replaced track stopped').to.equal('ended');
      expect(controller.error).to.equal(null);
      const settings = controller.getSettings('audio')!;
      skipUnless('echoCancellation' in settings, 'this engine does not report echoCancellation in settings');
      expect(settings.echoCancellation).to.equal(false);
    });

    it('flips between front and back cameras, falling back to any camera where none faces that way', async () => {
      const { controller } = make();
      await controller.start();
      const before = controller.getSettings()!;
      await controller.flipCamera();
      expect(controller.state).to.equal('live');
      const after = controller.getSettings()!;
      if (before.facingMode === 'user' && controller.devicesOf('videoinput').length > 1 && after.facingMode) {
        // WebKit's mock cameras include a back camera
        expect(after.facingMode).to.equal('environment');
      }
      await controller.flipCamera();
      expect(controller.state).to.equal('live');
    });

    it('an unknown device id gives a typed not-found error, no stream and no leak', async () => {
      const { controller, liveTracks } = make({ options: { video: { deviceId: 'no-such-camera' } } });
      const errors: MediaCaptureError[] = [];
      controller.addEventListener('media-error', (e) => errors.push(e.detail.error));
      let thrown: unknown;
      await controller.start().catch((e) => (thrown = e));
      expect(thrown).to.be.instanceOf(MediaCaptureError);
      expect(controller.error?.code).to.equal('not-found');
      expect(controller.state).to.equal('unavailable');
      expect(errors.map((e) => e.code)).to.deep.equal(['not-found']);
      expect(liveTracks()).to.have.length(0);
    });

    it('a switch to a camera that is not there keeps the camera in use, remembered, and says why', async () => {
      const name = `keep-${Date.now()}`;
      const { controller, liveTracks } = make({ name, rememberDevices: true });
      const errors: string[] = [];
      controller.addEventListener('media-error', (e) => errors.push(e.detail.error.code));
      await controller.start();
      const track = controller.videoTrack!;
      const using = track.getSettings().deviceId!;
      await controller.selectDevice('videoinput', 'no-such-camera');
      expect(controller.state).to.equal('live');
      expect(controller.videoTrack).to.equal(track);
      expect(track.readyState).to.equal('live');
      expect(errors).to.deep.equal(['not-found']);
      expect(controller.error?.message).to.equal(new MediaCaptureError('not-found', { device: 'camera' }).message);
      expect(controller.currentDeviceId('videoinput')).to.equal(using);
      expect(controller.rememberedDevice('videoinput')?.deviceId, 'the failed choice is not remembered').to.equal(using);
      expect(liveTracks()).to.have.length(1);
      controller.stop();
      await controller.start();
      expect(controller.getSettings()!.deviceId, 'a restart opens the camera that worked').to.equal(using);
      controller.rememberDevices = false;
    });

    it('a switch to a camera that fails as it starts keeps a working camera (injected: the test stops the new track as getUserMedia hands it over, as Chromium does for a broken camera)', async function () {
      const cams = await cameras();
      skipUnless(cams.length >= 2, 'needs two cameras (Firefox has one)');
      let broken = '';
      const { controller, liveTracks, acquired } = make({
        onAcquire: (s) => {
          for (const t of s.getVideoTracks()) if (broken && t.getSettings().deviceId === broken) t.stop();
        },
      });
      const errors: MediaCaptureError[] = [];
      controller.addEventListener('media-error', (e) => errors.push(e.detail.error));
      await controller.start();
      const using = controller.getSettings()!.deviceId!;
      const first = controller.videoTrack!;
      broken = cams.find((c) => c.deviceId !== using)!.deviceId;
      await controller.selectDevice('videoinput', broken);
      // The controller let its camera go in case the new one was busy because of it (many phones
      // open one camera at a time), tried again, and then opened the camera that worked again.
      expect(first.readyState).to.equal('ended');
      expect(controller.state).to.equal('live');
      expect(controller.videoTrack!.readyState).to.equal('live');
      expect(controller.getSettings()!.deviceId).to.equal(using);
      expect(errors.map((e) => e.code)).to.deep.equal(['not-readable']);
      expect(controller.error).to.equal(errors[0]);
      expect(errors[0].retryable).to.equal(true);
      expect(acquired.length, 'the start, two tries of the broken camera, the reopen').to.equal(4);
      expect(liveTracks()).to.have.length(1);
      // Once the camera works, choosing it switches and clears the error.
      const target = broken;
      broken = '';
      await controller.selectDevice('videoinput', target);
      expect(controller.getSettings()!.deviceId).to.equal(target);
      expect(controller.error).to.equal(null);
      expect(liveTracks()).to.have.length(1);
    });

    it('exposes capabilities and settings where the engine has them, null when not live', async () => {
      const { controller } = make();
      expect(controller.getSettings()).to.equal(null);
      expect(controller.getCapabilities()).to.equal(null);
      await controller.start();
      expect(controller.getSettings()!.width).to.be.greaterThan(0);
      const caps = controller.getCapabilities();
      const track = controller.videoTrack!;
      if (typeof track.getCapabilities === 'function') {
        // The live track's own capabilities, where the engine has them.
        expect(caps, 'the engine has getCapabilities').to.be.an('object');
        expect(caps).to.deep.equal(track.getCapabilities());
      } else expect(caps, 'the engine lacks getCapabilities').to.equal(null);
    });
  });

  describe('track events', () => {
    it('moves to another camera when the track ends (injected ended: no browser unplugs a camera here)', async function () {
      const cams = await cameras();
      skipUnless(cams.length >= 2, 'needs two cameras (Firefox has one; the one-camera case runs in chromium-y4m)');
      const { controller } = make();
      await controller.start();
      const track = controller.videoTrack!;
      const endedId = track.getSettings().deviceId;
      const ended = new Promise<MediaTrackEndedEvent>((r) => controller.addEventListener('media-track-ended', r, { once: true }));
      track.dispatchEvent(new Event('ended'));
      const e = await ended;
      expect(e.detail.fallbackDeviceId).to.be.a('string').and.not.equal(endedId);
      await until(() => controller.videoTrack?.getSettings().deviceId === e.detail.fallbackDeviceId, 'the fallback camera');
      expect(controller.state).to.equal('live');
      expect(track.readyState).to.equal('ended');
    });

    it('reflects mute and unmute as state and events (injected: fake cameras never mute)', async () => {
      skipUnless(!isFirefox(), FIREFOX_NO_SYNTHETIC);
      const { controller } = make();
      await controller.start();
      const track = controller.videoTrack!;
      const seen: boolean[] = [];
      controller.addEventListener('media-track-mute', (e: MediaTrackMuteEvent) => seen.push(e.detail.muted));
      track.dispatchEvent(new Event('mute'));
      expect(controller.muted).to.equal(true);
      track.dispatchEvent(new Event('unmute'));
      expect(controller.muted).to.equal(false);
      expect(seen).to.deep.equal([true, false]);
    });

    it('fires state changes in order: requesting, live, idle', async () => {
      const { controller } = make();
      const states: string[] = [];
      controller.addEventListener('media-state-change', (e: MediaStateChangeEvent) => states.push(e.detail.state));
      await controller.start();
      controller.stop();
      expect(states).to.deep.equal(['requesting', 'live', 'idle']);
    });
  });

  describe('environment', () => {
    it('maps a missing API to a typed no-api error (injected: a window object without mediaDevices)', () => {
      const fake = { isSecureContext: true, navigator: {} } as unknown as typeof globalThis;
      expect(environmentError(fake)?.code).to.equal('no-api');
      expect(environmentError(fake)?.state).to.equal('unavailable');
      const insecure = { isSecureContext: false, navigator: {} } as unknown as typeof globalThis;
      expect(environmentError(insecure)?.code).to.equal('insecure-context');
      expect(environmentError()).to.equal(null);
    });
  });
});
