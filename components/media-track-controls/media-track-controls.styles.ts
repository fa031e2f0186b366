import { css } from 'lit';
import { sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('media-track-controls'),
  sharedStyles,
  css`
    :host {
      display: block;
      color: var(--_fg);
      font-family: var(--_font);
      font-size: var(--media-track-controls-font-size, 0.875rem);
    }
    .base {
      display: grid;
      gap: var(--_gap);
      padding: var(--media-track-controls-padding, 0);
    }
    .control {
      display: grid;
      grid-template-columns: minmax(8em, max-content) 1fr auto;
      align-items: center;
      gap: calc(var(--_gap) / 2) var(--_gap);
    }
    .switch-control {
      grid-template-columns: auto 1fr;
    }
    .hint {
      grid-column: 1 / -1;
      color: var(--_muted);
      font-size: 0.875em;
    }
    .control[data-disabled] .label {
      color: var(--_muted);
    }
    .range {
      inline-size: 100%;
      min-inline-size: 6rem;
      accent-color: var(--_accent);
    }
    .value {
      min-inline-size: 4.5em;
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .select {
      font: inherit;
      color: var(--_fg);
      background: var(--media-track-controls-field-background, var(--_bg));
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      padding: 0.25em 0.5em;
      grid-column: 2 / -1;
      justify-self: start;
    }
    .switch {
      appearance: none;
      margin: 0;
      inline-size: 2.25em;
      block-size: 1.25em;
      border-radius: 1em;
      border: 1px solid var(--_border);
      background: color-mix(in srgb, var(--_fg) 15%, transparent);
      position: relative;
      cursor: pointer;
    }
    .switch::before {
      content: '';
      position: absolute;
      inset-block: 0.125em;
      inset-inline-start: 0.125em;
      inline-size: 0.95em;
      border-radius: 50%;
      background: var(--_fg);
      transition: inset-inline-start 120ms;
    }
    .switch:checked {
      background: var(--_accent);
      border-color: var(--_accent);
    }
    .switch:checked::before {
      inset-inline-start: calc(100% - 1.075em);
      background: var(--_accent-fg);
    }
    .switch:disabled,
    .range:disabled,
    .select:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    .switch:focus-visible,
    .range:focus-visible,
    .select:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }
    .message {
      color: var(--_muted);
      margin: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      .switch::before {
        transition: none;
      }
    }
  `,
];
