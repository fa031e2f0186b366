import { css } from 'lit';
import { sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('audio-level-meter'),
  sharedStyles,
  css`
    :host {
      display: block;
      color: var(--_fg);
      font-family: var(--_font);
      font-size: var(--audio-level-meter-font-size, 0.875rem);
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_gap) / 2);
    }
    .channels {
      display: grid;
      grid-template-columns: auto 1fr;
      align-items: center;
      gap: calc(var(--_gap) / 2) var(--_gap);
    }
    .vertical .channels {
      display: flex;
      flex-direction: row;
      align-items: stretch;
    }
    .channel {
      display: contents;
    }
    .vertical .channel {
      display: flex;
      flex-direction: column-reverse;
      align-items: center;
      gap: calc(var(--_gap) / 2);
    }
    .meter {
      position: relative;
      overflow: hidden;
      border-radius: var(--audio-level-meter-radius, 4px);
      background: var(--audio-level-meter-track, color-mix(in srgb, var(--_fg) 14%, transparent));
      block-size: var(--audio-level-meter-thickness, 0.75rem);
      inline-size: 100%;
      min-inline-size: 4rem;
    }
    .vertical .meter {
      inline-size: var(--audio-level-meter-thickness, 0.75rem);
      min-inline-size: 0;
      block-size: var(--audio-level-meter-length, 8rem);
    }
    .fill,
    .hold {
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
    }
    .fill {
      inline-size: calc(var(--level, 0) * 100%);
      background: var(--audio-level-meter-fill, #16a34a);
    }
    .hold {
      inset-inline-start: calc(var(--hold, 0) * 100% - 2px);
      inline-size: 2px;
      background: var(--audio-level-meter-hold, var(--_fg));
      opacity: var(--hold-shown, 0);
    }
    .vertical .fill,
    .vertical .hold {
      inset-inline: 0;
      inset-block-start: auto;
      inset-block-end: 0;
      inline-size: auto;
    }
    .vertical .fill {
      block-size: calc(var(--level, 0) * 100%);
    }
    .vertical .hold {
      inset-block-end: calc(var(--hold, 0) * 100% - 2px);
      block-size: 2px;
    }
    .meter.clipping .fill {
      background: var(--audio-level-meter-clip, #dc2626);
    }
    .label {
      color: var(--_muted);
      white-space: nowrap;
    }
    .panel {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_gap) / 2) var(--_gap);
    }
    .message {
      margin: 0;
    }
    .advice {
      margin: 0;
      color: var(--_muted);
    }
    .denied .message,
    .unavailable .message,
    .error .message {
      color: var(--_danger);
    }
  `,
];
