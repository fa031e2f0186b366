/**
 * The views of `<media-preview>` that only it has (the start, requesting, denied, unavailable and
 * error views come from CameraViewElement): a stream with sound only, and a `srcObject` that ended.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AudioLevelMeterStrings } from '../audio-level-meter/audio-level-meter.strings.js';
import { icon } from '../internal/icons.js';

/** The view of a `srcObject` whose tracks have all ended (`text`: `strings.streamEnded`). */
export function renderEndedPanel(text: string): TemplateResult {
  return html`<div part="panel" class="panel ended" tabindex="-1">
    ${icon('cameraOff')}
    <p part="message" class="message"><slot name="ended-message">${text}</slot></p>
  </div>`;
}

/**
 * The audio-only view: `text` (`strings.audioOnly`), the microphone's label if any, and an
 * `<audio-level-meter>` of `stream` (one bar per channel, in the page's shared AudioContext; it
 * never stops the stream's tracks). `meterStrings` replaces the meter's strings.
 */
export function renderAudioOnlyPanel(
  text: string,
  label: string | undefined,
  stream: MediaStream | null,
  meterStrings: Partial<AudioLevelMeterStrings> | undefined,
): TemplateResult {
  return html`<div part="panel" class="panel audio-only" tabindex="-1">
    ${icon('mic')}
    <p part="message" class="message"><slot name="audio-only-message">${text}</slot></p>
    ${label ? html`<p part="advice" class="advice">${label}</p>` : nothing}
    <audio-level-meter part="meter" class="meter" .srcObject=${stream} .strings=${meterStrings}></audio-level-meter>
  </div>`;
}
