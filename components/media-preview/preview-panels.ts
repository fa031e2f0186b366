/**
 * The views of `<media-preview>` that only it has (the start, requesting, denied, unavailable and
 * error views come from CameraViewElement): a stream with sound only, and a `srcObject` that ended.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../internal/icons.js';

/** The view of a `srcObject` whose tracks have all ended (`text`: `strings.streamEnded`). */
export function renderEndedPanel(text: string): TemplateResult {
  return html`<div part="panel" class="panel ended" tabindex="-1">
    ${icon('cameraOff')}
    <p part="message" class="message"><slot name="ended-message">${text}</slot></p>
  </div>`;
}

/**
 * The audio-only view: `text` (`strings.audioOnly`), the microphone's label if any, and the
 * level meter at `level` (0 to 1).
 */
export function renderAudioOnlyPanel(text: string, label: string | undefined, level: number): TemplateResult {
  return html`<div part="panel" class="panel audio-only" tabindex="-1">
    ${icon('mic')}
    <p part="message" class="message"><slot name="audio-only-message">${text}</slot></p>
    ${label ? html`<p part="advice" class="advice">${label}</p>` : nothing}
    <div part="meter" class="meter" aria-hidden="true" style="--_level: ${level.toFixed(2)}"><span></span></div>
  </div>`;
}
