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
    /* The level and the held peak move by an inline transform only (no layout, no repaint: layers of their own). */
    .fill,
    .hold {
      position: absolute;
      inset: 0;
      will-change: transform;
    }
    .fill {
      background: var(--audio-level-meter-fill, #16a34a);
      transform-origin: left center;
      transform: scaleX(0);
    }
    .fill:dir(rtl) {
      transform-origin: right center;
    }
    /* a bar's full size, moved so that its inline-end edge (a 2px line) is at the held level */
    .hold {
      box-shadow: inset -2px 0 0 0 var(--audio-level-meter-hold, var(--_fg));
      transform: translateX(-100%);
      opacity: 0;
    }
    /* right-to-left: the same box mirrored (its line at the inline end, moved the other way), so
       that the inline transform does not depend on the direction, which may change at any time */
    .hold:dir(rtl) {
      scale: -1 1;
    }
    .vertical .fill {
      transform-origin: center bottom;
      transform: scaleY(0);
    }
    .vertical .hold,
    .vertical .hold:dir(rtl) {
      box-shadow: inset 0 2px 0 0 var(--audio-level-meter-hold, var(--_fg));
      transform: translateY(100%);
      scale: none;
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
