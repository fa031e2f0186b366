/**
 * What happens when a track ends by itself (unplugged, revoked, failed) or a permission changes:
 * a lost device is replaced by another of its kind where there is one; a kind taken away stops
 * while the other kind goes on.
 * @internal A layer of {@link MediaStreamController}; pages use that class.
 */
import { requestedDeviceId, toTrackConstraints } from '../constraints.js';
import { MediaCaptureError, errorDeviceOf } from '../errors.js';
import { type TrackKind, MediaPermissionChangeEvent, MediaTrackEndedEvent } from '../events.js';
import type { PermissionName, PermissionValue } from '../permissions.js';
import { DeviceController } from './devices.js';
import { deviceKindOf } from './options.js';
import { permissionOf } from './state.js';

export abstract class WatchingController extends DeviceController {
  /** Whether any consumer needs a kind now. */
  abstract needs(kind: TrackKind): boolean;

  /** @internal A track ended without us stopping it: unplugged, revoked, or failed. */
  protected _onTrackEnded(track: MediaStreamTrack): void {
    if (this._tracks.stoppedByUs(track) || !this._tracks.has(track)) return;
    const kind = track.kind as TrackKind;
    const endedId = this._tracks.deviceOf(track);
    const generation = this._tracks.generation;
    const version = this._version;
    this._tracks.stop(track); // an ended track may still read 'live' when the event was synthetic
    this._requested[kind] = null;
    if (endedId) this._lostDevices.set(kind, endedId);
    // A stop(), a new request or another change while we wait decides what happens instead.
    const superseded = () => {
      if (this._tracks.generation === generation && this._version === version) return false;
      this._emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: null }));
      return true;
    };
    void (async () => {
      await this._permissions.refresh();
      if (superseded()) return;
      if (this._permissions.state[permissionOf(kind)] === 'denied') {
        this._emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: null }));
        this._dropKind(kind, new MediaCaptureError('permission-denied', { device: errorDeviceOf([kind]) }));
        return;
      }
      await this.refreshDevices();
      if (superseded()) return;
      const alt = this.devicesOf(deviceKindOf(kind)).find((d) => d.deviceId && d.deviceId !== endedId);
      this._emit(new MediaTrackEndedEvent({ track, kind, fallbackDeviceId: alt?.deviceId ?? null }));
      if (alt && this.needs(kind)) {
        // Keep the stream as it is (its last frame stays on screen) until the fallback is live.
        const cur = this._options[kind];
        this._options = { ...this._options, [kind]: { ...(typeof cur === 'object' ? cur : {}), deviceId: alt.deviceId, facingMode: undefined } };
        // A device of the other kind lost at the same moment (a webcam's own microphone) is
        // replaced too: its handler finds this pass scheduled and leaves it to it, and the pass
        // must not ask for the device that went away.
        for (const [other, goneId] of this._lostDevices) {
          const opt = this._options[other];
          if (other === kind || typeof opt !== 'object' || requestedDeviceId(toTrackConstraints(opt, this._relaxed[other])) !== goneId) continue;
          const otherAlt = this.devicesOf(deviceKindOf(other)).find((d) => d.deviceId && d.deviceId !== goneId);
          this._options = { ...this._options, [other]: { ...opt, deviceId: otherAlt?.deviceId } };
        }
        this._switching = true;
        this._schedule();
        return;
      }
      // What is still live now (another track of the stream may have ended meanwhile, e.g. a
      // webcam's own microphone unplugged with it) goes on; with nothing left, capture fails.
      this._dropKind(kind, new MediaCaptureError('device-lost', { device: errorDeviceOf([kind]) }));
    })();
  }

  /** @internal A permission changed (the user, another tab, the browser's settings). */
  protected _onPermission(name: PermissionName, state: PermissionValue): void {
    this._emit(new MediaPermissionChangeEvent({ name, state }));
    const kind: TrackKind = name === 'camera' ? 'video' : 'audio';
    if (state === 'denied') {
      // A pass noting the outcome of its own request handles that failure itself. Else the kind
      // that was taken away stops; the other kind goes on.
      if (this._notingOutcome || !this._tracks.track(kind)) return;
      this._dropKind(kind, new MediaCaptureError('permission-denied', { device: errorDeviceOf([kind]) }));
    } else if (state === 'granted') {
      void this.refreshDevices();
      const given = this._gaveUp.delete(kind);
      if (given) this._kindError[kind] = null;
      if (this._state === 'denied') {
        this._error = null;
        if (this._demand.wanted) this._schedule();
        else this._setState('idle');
      } else if (given && this._demand.wanted && !this._notingOutcome) this._schedule();
    }
  }
}
