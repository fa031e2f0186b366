import { css } from 'lit';
import { overlayStyles } from '../internal/overlay.styles.js';
import { panelStyles, sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('photo-booth'),
  sharedStyles,
  panelStyles,
  overlayStyles('photo-booth'),
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
      aspect-ratio: var(--photo-booth-aspect-ratio, var(--_camera-aspect, 4 / 3));
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
    @media (forced-colors: active) {
      /* Backgrounds and shadows are forced away: the stop square keeps a system colour. */
      .shutter {
        border-color: ButtonText;
      }
      .shutter.counting::after {
        forced-color-adjust: none;
        background: ButtonText;
      }
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
      aspect-ratio: var(--photo-booth-aspect-ratio, var(--_camera-aspect, 4 / 3));
      object-fit: cover;
      border-radius: calc(var(--_radius) / 2);
      border: 1px solid var(--_border);
    }
  `,
];
