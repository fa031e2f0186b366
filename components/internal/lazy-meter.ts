import { defineElement } from './define-element.js';

/**
 * Defines `<audio-level-meter>` on first need (an element's audio-only view), loading its module
 * only then: a page that shows a camera does not download the meter (issue 19's size budgets).
 * An element rendered before the module arrives is upgraded then, and takes over the properties
 * set on it meanwhile. Nothing happens where the page or a define module defined it already.
 */
export function needAudioLevelMeter(): void {
  if (!globalThis.customElements || globalThis.customElements.get('audio-level-meter')) return;
  void import('../audio-level-meter/audio-level-meter.js').then(({ AudioLevelMeter }) => defineElement('audio-level-meter', AudioLevelMeter));
}
