/**
 * Known sound for the level tests, made with Web Audio in the test page (no mock): a 1 kHz sine
 * at gain 0.5 on the left of a 2-channel MediaStreamAudioDestinationNode, nothing on the right;
 * or a destination with no input (digital zero).
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { isWebKit } from '../helpers/env.js';

/**
 * Runs `fn` inside a real user gesture: a button of the page is focused and Enter is pressed
 * through the browser's automation (WebDriver, CDP), so its click is a trusted activation (what
 * an autoplay policy asks for before an AudioContext may run).
 */
export async function withUserGesture(fn: () => unknown): Promise<void> {
  const button = document.createElement('button');
  button.textContent = 'gesture';
  let clicked = false;
  button.addEventListener('click', () => {
    clicked = true;
    fn();
  });
  document.body.append(button);
  button.focus();
  try {
    await sendKeys({ press: isWebKit() ? '\uE007' : 'Enter' });
    await waitUntil(() => clicked, 'the key press clicks the button', { timeout: 2000 });
  } finally {
    button.remove();
  }
}

export interface TestSound {
  stream: MediaStream;
  context: AudioContext;
  /** The tone's gain (to change its level while it plays), where there is a tone. */
  gain?: GainNode;
  close(): Promise<void>;
}

/** A running AudioContext of the test's own, resumed with a real user gesture where the autoplay policy
 * suspended it (Firefox, WebKit here), or `null` where it stays suspended. */
export async function runningContext(): Promise<AudioContext | null> {
  const context = new AudioContext();
  if (context.state !== 'running') {
    await withUserGesture(() => void context.resume().catch(() => {}));
    await waitUntil(() => context.state === 'running', '', { timeout: 2000 }).catch(() => {});
  }
  if (context.state === 'running') return context;
  await context.close().catch(() => {});
  return null;
}

/** Left: 1 kHz sine at gain 0.5 (peak -6.02 dBFS, RMS -9.03 dBFS); right: digital silence. */
export function leftTone(context: AudioContext, gain = 0.5): TestSound {
  const osc = new OscillatorNode(context, { frequency: 1000 });
  const g = new GainNode(context, { gain });
  const merger = new ChannelMergerNode(context, { numberOfInputs: 2 });
  const dest = new MediaStreamAudioDestinationNode(context, { channelCount: 2 });
  osc.connect(g).connect(merger, 0, 0);
  merger.connect(dest);
  osc.start();
  return { stream: dest.stream, context, gain: g, close: () => context.close().catch(() => {}) };
}

/** One channel: a 1 kHz sine at `gain` (0.5: peak -6.02 dBFS) into a 1-channel destination. */
export function monoTone(context: AudioContext, gain = 0.5): TestSound {
  const osc = new OscillatorNode(context, { frequency: 1000 });
  const g = new GainNode(context, { gain });
  const dest = new MediaStreamAudioDestinationNode(context, { channelCount: 1, channelCountMode: 'explicit' });
  osc.connect(g).connect(dest);
  osc.start();
  return { stream: dest.stream, context, gain: g, close: () => context.close().catch(() => {}) };
}

/** A destination with nothing connected: its track carries digital zero. */
export function zeroes(context: AudioContext): TestSound {
  const dest = new MediaStreamAudioDestinationNode(context, { channelCount: 1 });
  return { stream: dest.stream, context, close: () => context.close().catch(() => {}) };
}
