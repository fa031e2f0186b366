/**
 * The templates of `<media-device-picker>`: the labelled list, and the panels that replace it
 * (loading, denied, unavailable, unsupported, access). The element passes what they show.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MediaStreamController } from '../../src/controller.js';
import type { DeviceKind } from '../../src/events.js';
import { deviceName } from '../internal/device-names.js';
import { icon } from '../internal/icons.js';
import { KIND_KEYS, type MediaDevicePickerStrings } from './media-device-picker.strings.js';
import { deniedError, kindEnvironmentError, unavailableText, type View } from './picker-view.js';

/** What the templates show, and the handlers they call. */
export interface PickerTemplateContext {
  controller: MediaStreamController;
  kind: DeviceKind;
  strings: MediaDevicePickerStrings;
  /** The name of a device without a label (`strings.unnamedDevice` filled in). */
  unnamed: (n: number) => string;
  /** The deviceId shown as selected. */
  selected: string;
  disabled: boolean;
  required: boolean;
  notice: string;
  accessPending: boolean;
  onSelect: (e: Event) => void;
  onAllow: (e: Event) => void;
  /** `audiooutput` where `setSinkId` exists: the speaker check's button shows. */
  testSound: boolean;
  /** Whether the test sound plays now. */
  testSoundPlaying: boolean;
  onTestSound: (e: Event) => void;
}

/** The whole shadow tree: the list or a panel, and the live region. */
export function renderPicker(view: View, announcement: string, x: PickerTemplateContext): TemplateResult {
  return html`<div part="base" class="base">
    ${view === 'list' ? renderList(x) : renderPanel(x, view)}
    <div part="status" class="visually-hidden" role="status">${announcement}</div>
  </div>`;
}

export function renderList(x: PickerTemplateContext): TemplateResult {
  const s = x.strings;
  const keys = KIND_KEYS[x.kind];
  const list = x.controller.devicesOf(x.kind);
  const selected = x.selected;
  return html`<label part="label" class="label" for="select"><slot name="label">${s[keys.label]}</slot></label>
    <div class="field">
      <select
        id="select"
        part="select"
        ?disabled=${x.disabled}
        ?required=${x.required}
        aria-describedby=${x.notice ? 'notice' : nothing}
        @change=${x.onSelect}
        @input=${x.onSelect}
      >
        ${list.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === selected}>
              ${deviceName(d, i, x.unnamed)}
            </option>`,
        )}
      </select>
      <svg class="chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 6l5 5 5-5" /></svg>
    </div>
    ${x.testSound
      ? html`<button
          part="button test-sound-button"
          class="button test-sound"
          type="button"
          ?disabled=${x.disabled}
          aria-disabled=${x.testSoundPlaying ? 'true' : 'false'}
          @click=${x.onTestSound}
        >
          ${x.testSoundPlaying ? s.testSoundPlaying : s.testSound}
        </button>`
      : nothing}
    ${x.notice ? html`<p id="notice" part="notice" class="notice">${x.notice}</p>` : nothing}`;
}

export function renderPanel(x: PickerTemplateContext, view: Exclude<View, 'list'>): TemplateResult {
  const s = x.strings;
  const keys = KIND_KEYS[x.kind];
  const disabled = x.disabled;
  const retry = html`<slot name="retry-button" @click=${x.onAllow}
    ><button part="button retry-button" class="button" type="button" ?disabled=${disabled || x.accessPending}>
      ${s.tryAgain}
    </button></slot
  >`;
  switch (view) {
    case 'loading':
      return html`<div part="panel" class="panel loading">
        <p part="message" class="advice busy"><span class="spinner" aria-hidden="true"></span>${s.loading}</p>
      </div>`;
    case 'denied': {
      const err = deniedError(x.controller, x.kind);
      return html`<div part="panel" class="panel denied">
        <slot name="denied-message">
          <p part="message" class="message">${icon('lock')} ${err.message}</p>
          <p part="advice" class="advice">${err.advice}</p>
        </slot>
        ${retry}
      </div>`;
    }
    case 'unavailable':
    case 'unsupported': {
      const [message, advice] = unavailableText(view, x.kind, s);
      const slot = view === 'unsupported' ? 'unsupported-message' : 'unavailable-message';
      return html`<div part="panel" class="panel unavailable">
        <slot name=${slot}>
          <p part="message" class="message">${message}</p>
          <p part="advice" class="advice">${advice}</p>
        </slot>
        ${view === 'unavailable' && !kindEnvironmentError(x.kind) ? retry : nothing}
      </div>`;
    }
    case 'access':
      return html`<div part="panel" class="panel access">
        <p part="advice" class="advice" id="explanation"><slot name="access-message">${s[keys.explain]}</slot></p>
        <slot name="allow-button" @click=${x.onAllow}
          ><button
            part="button allow-button"
            class="button"
            type="button"
            aria-describedby="explanation"
            ?disabled=${disabled || x.accessPending}
          >
            ${x.accessPending ? html`<span class="spinner" aria-hidden="true"></span>${s.requestingAccess}` : s[keys.allow]}
          </button></slot
        >
      </div>`;
  }
}
