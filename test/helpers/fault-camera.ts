import { executeServerCommand } from '@web/test-runner-commands';

/**
 * The file the chromium-faults group's one camera plays from its next getUserMedia on:
 * - `good`: the test pattern (test/helpers/pattern.ts);
 * - `unreadable`: Chromium cannot start the camera and rejects with `NotReadableError`;
 * - `dies`: Chromium starts the camera and ends its track about 2 s later (a camera that dies in use).
 * See FAULT_FILES in web-test-runner.config.mjs.
 */
export async function setFaultCamera(file: 'good' | 'unreadable' | 'dies'): Promise<void> {
  await executeServerCommand('set-fault-camera', { file });
}
