import { css } from 'lit';
import { panelStyles, sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('photo-booth'),
  sharedStyles,
  panelStyles,
  css`
    :host {
      display: block;
      --_panel-padding: var(--photo-booth-padding, 1.25rem);
      --_panel-background: var(--photo-booth-stage-background, var(--_bg));
      --_panel-z: 6;
      inline-size: var(--photo-booth-width, auto);
      color: var(--_fg);
      font-family: var(--_font);
      font-size: var(--photo-booth-font-size, 1rem);
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .stage {
      position: relative;
      aspect-ratio: var(--photo-booth-aspect-ratio, 4 / 3);
      min-block-size: var(--photo-booth-min-height, 14rem);
      overflow: hidden;
      border-radius: var(--_radius);
      background: var(--photo-booth-stage-background, var(--_bg));
      contain: layout paint;
    }
    .live .stage,
    .reviewing .stage {
      background: var(--photo-booth-video-background, #000);
    }
    .media,
    .preview-host,
    .preview-host > canvas {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
    }
    .media,
    .preview-host > canvas {
      object-fit: var(--photo-booth-fit, contain);
      object-position: var(--photo-booth-position, center);
    }
    /* The source video sits under the effect canvas (it must stay rendered to deliver frames). */
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
    .bar {
      position: absolute;
      inset-inline: 0;
      inset-block-end: 0;
      z-index: 4;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
      padding: 0.75rem;
      background: var(--photo-booth-controls-background, rgb(0 0 0 / 0.6));
      color: var(--photo-booth-controls-color, #fff);
    }
    .shutter {
      position: relative;
      inline-size: var(--photo-booth-shutter-size, 3.5rem);
      block-size: var(--photo-booth-shutter-size, 3.5rem);
      padding: 0;
      border: 4px solid var(--photo-booth-shutter-ring, #fff);
      border-radius: 50%;
      background: var(--photo-booth-shutter-color, #e11d48);
      cursor: pointer;
    }
    .shutter:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus);
    }
    .shutter[disabled],
    .shutter[aria-disabled='true'] {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .shutter.counting {
      background: transparent;
    }
    .shutter.counting::after {
      content: '';
      position: absolute;
      inset: 28%;
      background: var(--photo-booth-shutter-ring, #fff);
      border-radius: 2px;
    }
    .countdown {
      position: absolute;
      inset: 0;
      z-index: 3;
      display: grid;
      place-items: center;
      pointer-events: none;
      color: #fff;
      font-size: var(--photo-booth-countdown-size, 5rem);
      font-weight: 700;
      text-shadow: 0 0 0.5rem rgb(0 0 0 / 0.9);
      font-variant-numeric: tabular-nums;
    }
    .flash {
      position: absolute;
      inset: 0;
      z-index: 5;
      pointer-events: none;
      background: var(--photo-booth-flash-color, #fff);
      opacity: 0;
      animation: flash var(--photo-booth-flash-duration, 350ms) ease-out;
    }
    @keyframes flash {
      from {
        opacity: 0.9;
      }
      to {
        opacity: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      /* No sudden full-screen flash: a still outline says a photo was taken. */
      .flash {
        animation: none;
        opacity: 1;
        background: transparent;
        box-shadow: inset 0 0 0 4px var(--_accent);
      }
    }
    @media (forced-colors: active) {
      /* Backgrounds and shadows are forced away: the stop square and the still flash keep a
         system colour and an outline instead. */
      .shutter {
        border-color: ButtonText;
      }
      .shutter.counting::after {
        forced-color-adjust: none;
        background: ButtonText;
      }
      .flash {
        outline: 4px solid Highlight;
        outline-offset: -4px;
      }
    }
    .review {
      position: absolute;
      inset: 0;
      z-index: 4;
      margin: 0;
      background: var(--photo-booth-video-background, #000);
    }
    .review img {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: contain;
    }
    .review .bar {
      z-index: 1;
    }
    a.button {
      text-decoration: none;
    }
    .button.secondary {
      background: var(--_bg);
      color: var(--_fg);
      border-color: var(--_border);
    }
    .overlay {
      position: absolute;
      inset-inline: 0;
      inset-block-start: 0;
      z-index: 4;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.6rem 0.9rem;
      background: var(--photo-booth-controls-background, rgb(0 0 0 / 0.78));
      color: var(--photo-booth-controls-color, #fff);
    }
    .overlay .icon {
      inline-size: 1.4rem;
      block-size: 1.4rem;
    }
    .strip {
      display: flex;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
      overflow-x: auto;
    }
    .strip img {
      display: block;
      block-size: var(--photo-booth-thumbnail-size, 4rem);
      inline-size: auto;
      aspect-ratio: var(--photo-booth-aspect-ratio, 4 / 3);
      object-fit: cover;
      border-radius: calc(var(--_radius) / 2);
      border: 1px solid var(--_border);
    }
  `,
];
