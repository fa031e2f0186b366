import { css } from 'lit';
import { overlayStyles } from '../internal/overlay.styles.js';
import { panelStyles, sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('media-recorder'),
  sharedStyles,
  panelStyles,
  overlayStyles('media-recorder'),
  css`
    :host {
      display: block;
      --_panel-padding: var(--media-recorder-padding, 1.25rem);
      --_panel-background: var(--media-recorder-stage-background, var(--_bg));
      --_panel-z: 6;
      inline-size: var(--media-recorder-width, auto);
      color: var(--_fg);
      font-family: var(--_font);
      font-size: var(--media-recorder-font-size, 1rem);
    }
    .stage {
      position: relative;
      aspect-ratio: var(--media-recorder-aspect-ratio, 4 / 3);
      min-block-size: var(--media-recorder-min-height, 14rem);
      overflow: hidden;
      border-radius: var(--_radius);
      background: var(--media-recorder-stage-background, var(--_bg));
      contain: layout paint;
    }
    .audio-only .stage {
      aspect-ratio: var(--media-recorder-audio-aspect-ratio, 3 / 1);
      min-block-size: var(--media-recorder-audio-min-height, 10rem);
    }
    .live:not(.audio-only) .stage,
    .reviewing:not(.audio-only) .stage {
      background: var(--media-recorder-video-background, #000);
    }
    .media,
    .preview-host,
    .preview-host > canvas,
    .review-video {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
    }
    .media,
    .preview-host > canvas,
    .review-video {
      object-fit: var(--media-recorder-fit, contain);
      object-position: var(--media-recorder-position, center);
    }
    .source {
      z-index: 0;
    }
    .preview-host {
      z-index: 1;
    }
    .mirrored .source,
    .mirrored .preview-host > canvas {
      transform: scaleX(-1);
    }
    .level-host {
      position: absolute;
      inset: 0 0 4.5rem;
      display: flex;
      align-items: center;
      gap: var(--_gap);
      padding-inline: var(--_panel-padding);
    }
    .level-host audio-level-meter {
      flex: 1;
    }
    .review-audio {
      position: absolute;
      inset-inline: var(--_panel-padding);
      inset-block-start: 1rem;
      inline-size: calc(100% - 2 * var(--_panel-padding));
    }
    .time {
      position: absolute;
      inset-block-start: 0.75rem;
      inset-inline-start: 0.75rem;
      z-index: 4;
      display: flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.25rem 0.6rem;
      border-radius: 999px;
      background: var(--media-recorder-controls-background, rgb(0 0 0 / 0.6));
      color: var(--media-recorder-controls-color, #fff);
      font-variant-numeric: tabular-nums;
    }
    .dot {
      inline-size: 0.6rem;
      block-size: 0.6rem;
      border-radius: 50%;
      background: var(--media-recorder-record-color, #e11d48);
    }
    .time.paused .dot {
      background: transparent;
      border: 2px solid currentColor;
    }
    @media (prefers-reduced-motion: no-preference) {
      .time.recording .dot {
        animation: blink 1s steps(2, start) infinite;
      }
    }
    @keyframes blink {
      to {
        visibility: hidden;
      }
    }
    .record {
      position: relative;
      inline-size: var(--media-recorder-button-size, 3.5rem);
      block-size: var(--media-recorder-button-size, 3.5rem);
      padding: 0;
      border: 4px solid var(--media-recorder-button-ring, #fff);
      border-radius: 50%;
      background: transparent;
      cursor: pointer;
    }
    .record::after {
      content: '';
      position: absolute;
      inset: 12%;
      border-radius: 50%;
      background: var(--media-recorder-record-color, #e11d48);
    }
    .record.active::after,
    .record.counting::after {
      inset: 28%;
      border-radius: 3px;
      background: var(--media-recorder-button-ring, #fff);
    }
    .record:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus);
    }
    .record[disabled] {
      cursor: not-allowed;
      opacity: 0.6;
    }
    /* Being set up: still focusable (a key press keeps its place), not yet a stop control. */
    [aria-disabled='true'] {
      cursor: progress;
    }
    @media (forced-colors: active) {
      .record {
        border-color: ButtonText;
      }
      .record::after {
        forced-color-adjust: none;
        background: ButtonText;
      }
      .dot {
        forced-color-adjust: none;
        background: CanvasText;
      }
    }
  `,
];
