import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PermissionWatcher, type PermissionName, type PermissionValue } from '../../src/permissions.js';
import { until } from './controller-helpers.js';

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

    const control: string[] = [];
    const other = new PermissionWatcher((name, state) => control.push(`${name}:${state}`));
    await other.start();
    await executeServerCommand('set-camera-permission', { setting: 'denied' });
    await until(() => control.includes('camera:denied'), 'a watcher still started sees the change');
    // The disposed watcher's statuses fired in the same turn: half a second for one that would
    // still report (50 ms was little on a loaded machine).
    await new Promise((r) => setTimeout(r, 500));
    other.dispose();
    expect(seen, 'a disposed watcher reports nothing').to.deep.equal([]);
  });

  it('refresh() queries again without starting to watch', async () => {
    const seen: string[] = [];
    const watcher = new PermissionWatcher((name, state) => seen.push(`${name}:${state}`));
    await watcher.refresh();
    expect(watcher.state.camera).to.equal('granted');
    expect(seen).to.include('camera:granted');
    seen.length = 0;
    const control: string[] = [];
    const other = new PermissionWatcher((name, state) => control.push(`${name}:${state}`));
    await other.start();
    await executeServerCommand('set-camera-permission', { setting: 'denied' });
    await until(() => control.includes('camera:denied'), 'a started watcher sees the change');
    await new Promise((r) => setTimeout(r, 500)); // time for a watcher that would still report
    other.dispose();
    expect(seen, 'not watching: no change reported').to.deep.equal([]);
  });
});
