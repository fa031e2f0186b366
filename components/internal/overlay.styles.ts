import { type CSSResult, css, unsafeCSS } from 'lit';

/**
 * Styles of the parts drawn over a capture element's stage: the bar of controls (`.bar`), the
 * countdown number (`.countdown`, {@link CountdownController}), the flash (`.flash`,
 * {@link FlashController}), the review view (`.review`, {@link ReviewController}) with its
 * secondary buttons, and the message bar over a frozen picture (`.overlay`). Their custom
 * properties are the element's: `--<prefix>-controls-background`, `--<prefix>-controls-color`,
 * `--<prefix>-countdown-size`, `--<prefix>-flash-color`, `--<prefix>-flash-duration`,
 * `--<prefix>-video-background`. Put them after `sharedStyles`:
 *
 * ```ts
 * static styles = [tokens('media-recorder'), sharedStyles, overlayStyles('media-recorder'), css`…`];
 * ```
 * The stage they cover is positioned (`position: relative`); the element declares the custom
 * properties with `@cssprop` on its class.
 */
export function overlayStyles(prefix: string): CSSResult {
  const p = unsafeCSS(prefix);
  return css`
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
      background: var(--${p}-controls-background, rgb(0 0 0 / 0.6));
      color: var(--${p}-controls-color, #fff);
    }
    .countdown {
      position: absolute;
      inset: 0;
      z-index: 3;
      display: grid;
      place-items: center;
      pointer-events: none;
      color: #fff;
      font-size: var(--${p}-countdown-size, 5rem);
      font-weight: 700;
      text-shadow: 0 0 0.5rem rgb(0 0 0 / 0.9);
      font-variant-numeric: tabular-nums;
    }
    .flash {
      position: absolute;
      inset: 0;
      z-index: 5;
      pointer-events: none;
      background: var(--${p}-flash-color, #fff);
      opacity: 0;
      animation: flash var(--${p}-flash-duration, 350ms) ease-out;
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
      /* Backgrounds and shadows are forced away: the still flash keeps an outline. */
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
      background: var(--${p}-video-background, #000);
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
      background: var(--${p}-controls-background, rgb(0 0 0 / 0.78));
      color: var(--${p}-controls-color, #fff);
    }
    .overlay .icon {
      inline-size: 1.4rem;
      block-size: 1.4rem;
    }
  `;
}
