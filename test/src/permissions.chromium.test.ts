import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PermissionWatcher, type PermissionName, type PermissionValue } from '../../src/permissions.js';
import { until } from './controller-helpers.js';

/**
 * Denies the camera while a control watcher watches, waits until it saw the change, then gives a
 * watcher that must not report half a second more (its statuses fire in the same turn; 50 ms was
 * little on a loaded machine).
 */
async function denyWhileAnotherWatches(): Promise<void> {
  const control: string[] = [];
  const other = new PermissionWatcher((name, state) => control.push(`${name}:${state}`));
  await other.start();
  await executeServerCommand('set-camera-permission', { setting: 'denied' });
  await until(() => control.includes('camera:denied'), 'a started watcher sees the change');
  await new Promise((r) => setTimeout(r, 500));
  other.dispose();
}

// A real permission change: CDP Browser.setPermission (Chromium only). With the fake UI flag,
// Chromium gives the permission back right after (`denied` then `granted`).
describe('PermissionWatcher', () => {
  afterEach(async () => {
    await executeServerCommand('set-camera-permission', { setting: 'granted' });
  });

  it('start, dispose, start before the queries answer leaves no listener behind once disposed', async () => {
    const seen: string[] = [];
    const watcher = new PermissionWatcher((name: PermissionName, state: PermissionValue) => seen.push(`${name}:${state}`));
    void watcher.start();
    watcher.dispose();
    await watcher.start();
    expect(watcher.state.camera).to.equal('granted');
    watcher.dispose();
    seen.length = 0;

    await denyWhileAnotherWatches();
    expect(seen, 'a disposed watcher reports nothing').to.deep.equal([]);
  });

  it('refresh() queries again without starting to watch', async () => {
    const seen: string[] = [];
    const watcher = new PermissionWatcher((name, state) => seen.push(`${name}:${state}`));
    await watcher.refresh();
    expect(watcher.state.camera).to.equal('granted');
    expect(seen).to.include('camera:granted');
    seen.length = 0;
    await denyWhileAnotherWatches();
    expect(seen, 'not watching: no change reported').to.deep.equal([]);
  });
});
