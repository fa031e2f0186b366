import { css } from 'lit';
import { panelStyles, sharedStyles, tokens } from '../internal/shared.styles.js';

export const styles = [
  tokens('media-preview'),
  sharedStyles,
  panelStyles,
  css`
    :host {
      display: block;
      --_panel-padding: var(--media-preview-padding, 1.25rem);
      --_panel-background: var(--media-preview-stage-background, var(--_bg));
      --_panel-z: 2;
      position: relative;
      inline-size: var(--media-preview-width, auto);
      aspect-ratio: var(--media-preview-aspect-ratio, 4 / 3);
      min-block-size: var(--media-preview-min-height, 12rem);
      overflow: hidden;
      border-radius: var(--_radius);
      color: var(--_fg);
      font-family: var(--_font);
      font-size: var(--media-preview-font-size, 1rem);
      contain: layout paint;
    }
    .base,
    .stage {
      position: absolute;
      inset: 0;
    }
    .stage {
      background: var(--media-preview-stage-background, var(--_bg));
    }
    .live .stage {
      background: var(--media-preview-video-background, #000);
    }
    .media {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: contain;
      object-position: var(--media-preview-position, center);
    }
    .fit-cover .media {
      object-fit: cover;
    }
    .mirrored .media {
      transform: scaleX(-1);
    }
    .freeze {
      z-index: 1;
    }
    .overlay {
      position: absolute;
      inset-inline: 0;
      inset-block-end: 0;
      z-index: 3;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.6rem 0.9rem;
      background: var(--media-preview-overlay-background, rgb(0 0 0 / 0.78));
      color: var(--media-preview-overlay-color, #fff);
    }
    .overlay .icon {
      inline-size: 1.4rem;
      block-size: 1.4rem;
    }
    .meter {
      inline-size: min(16rem, 70%);
      --audio-level-meter-fill: var(--_accent);
    }
  `,
];
