import { css } from 'lit';
import { sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('media-device-picker'),
  sharedStyles,
  css`
    :host {
      display: inline-block;
      min-inline-size: 14rem;
      max-inline-size: 100%;
      /* the label and notice sit on the page: they take the page's colour unless themed */
      color: var(--media-device-picker-color, var(--media-capture-color, inherit));
      font-family: var(--_font);
      font-size: var(--media-device-picker-font-size, 1rem);
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
    }
    .label {
      font-weight: 600;
    }
    .field {
      position: relative;
      display: flex;
    }
    select {
      appearance: none;
      inline-size: 100%;
      min-block-size: 2.5rem;
      padding-block: 0.5rem;
      padding-inline: 0.75rem 2.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--media-device-picker-field-background, var(--_bg));
      color: var(--_fg);
      font: inherit;
      text-overflow: ellipsis;
      cursor: pointer;
    }
    select:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .chevron {
      position: absolute;
      inset-inline-end: 0.75rem;
      inset-block-start: 50%;
      inline-size: 0.9rem;
      block-size: 0.9rem;
      translate: 0 -50%;
      pointer-events: none;
      fill: none;
      stroke: var(--_fg);
      stroke-width: 2;
    }
    .panel {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5rem;
      padding: var(--media-device-picker-padding, 0.75rem);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_fg);
    }
    .panel.denied .message,
    .panel.unavailable .message {
      color: var(--_danger);
    }
    .test-sound {
      align-self: flex-start;
    }
    .test-sound[aria-disabled='true'] {
      cursor: progress;
    }
    .notice {
      margin: 0;
      font-size: 0.9em;
    }
    .busy {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
    .busy .spinner {
      inline-size: 1.1rem;
      block-size: 1.1rem;
      border-width: 2px;
    }
    @media (forced-colors: active) {
      /* SVG strokes are not forced: draw the chevron in the select's own forced text colour. */
      .chevron {
        stroke: FieldText;
      }
    }
  `,
];
