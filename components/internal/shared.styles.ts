import { type CSSResult, css, unsafeCSS } from 'lit';

/**
 * The kit's design tokens for one element, resolved as private `--_*` properties:
 * an element property (`--media-preview-accent`) wins over the kit-wide one
 * (`--media-capture-accent`), which wins over the built-in light or dark default
 * (chosen by `prefers-color-scheme`).
 */
export function tokens(prefix: string): CSSResult {
  const p = unsafeCSS(prefix);
  return css`
    :host {
      --_font: var(--${p}-font, var(--media-capture-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif));
      --_radius: var(--${p}-radius, var(--media-capture-radius, 8px));
      --_gap: var(--${p}-gap, var(--media-capture-gap, 0.75rem));
      --_focus: var(--${p}-focus-ring, var(--media-capture-focus-ring, 0 0 0 2px var(--_bg), 0 0 0 4px var(--_accent)));
      --_bg: var(--${p}-background, var(--media-capture-background, #f6f7f9));
      --_fg: var(--${p}-color, var(--media-capture-color, #1b1d22));
      --_muted: var(--${p}-muted-color, var(--media-capture-muted-color, #4b5160));
      --_accent: var(--${p}-accent, var(--media-capture-accent, #1d4ed8));
      --_accent-fg: var(--${p}-accent-color, var(--media-capture-accent-color, #ffffff));
      --_danger: var(--${p}-danger, var(--media-capture-danger, #b42318));
      --_border: var(--${p}-border-color, var(--media-capture-border-color, #a3a9b6));
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --_bg: var(--${p}-background, var(--media-capture-background, #1b1d22));
        --_fg: var(--${p}-color, var(--media-capture-color, #f3f4f6));
        --_muted: var(--${p}-muted-color, var(--media-capture-muted-color, #b4bac6));
        --_accent: var(--${p}-accent, var(--media-capture-accent, #8ab4ff));
        --_accent-fg: var(--${p}-accent-color, var(--media-capture-accent-color, #0b1530));
        --_danger: var(--${p}-danger, var(--media-capture-danger, #ffa19a));
        --_border: var(--${p}-border-color, var(--media-capture-border-color, #5d6372));
      }
    }
  `;
}

/** Pieces every element uses: buttons, messages, the screen-reader-only live region, a spinner. */
export const sharedStyles = css`
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-block-size: 2.5rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-fg);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
  }
  .button:hover {
    filter: brightness(1.08);
  }
  .button:focus-visible,
  select:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
  .button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .message {
    margin: 0;
    font-weight: 600;
  }
  .advice {
    margin: 0;
    color: var(--_muted);
  }
  .icon {
    inline-size: 2rem;
    block-size: 2rem;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .spinner {
    inline-size: 2rem;
    block-size: 2rem;
    border-radius: 50%;
    border: 3px solid color-mix(in srgb, var(--_fg) 20%, transparent);
    border-block-start-color: var(--_accent);
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
`;

/**
 * The state panels of camera views (start control, requesting, denied, unavailable, error).
 * Each element sets `--_panel-padding`, `--_panel-background` and `--_panel-z` from its own
 * public custom properties.
 */
export const panelStyles = css`
  /* A panel takes the focus from script only, when the view that had it was replaced. */
  .panel:focus {
    outline: none;
  }
  .panel {
    position: absolute;
    inset: 0;
    z-index: var(--_panel-z, 2);
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_gap);
    padding: var(--_panel-padding, 1.25rem);
    overflow: auto;
    text-align: center;
    background: var(--_panel-background, var(--_bg));
  }
  .panel .message,
  .panel .advice {
    max-inline-size: 36ch;
  }
  .denied .message,
  .unavailable .message,
  .error .message {
    color: var(--_danger);
  }
`;
