import { html, svg } from 'lit';

/** Small decorative icons (aria-hidden; 24x24 stroke icons). */
export const icons = {
  camera: svg`<path d="M3 7h3l2-3h8l2 3h3v13H3z"/><circle cx="12" cy="13" r="4"/>`,
  cameraOff: svg`<path d="M3 3l18 18"/><path d="M21 17V7h-3l-2-3H9"/><path d="M6 7H3v13h15"/><path d="M9.5 10.5a4 4 0 0 0 5 5"/>`,
  lock: svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`,
  alert: svg`<path d="M12 3l10 18H2z"/><path d="M12 10v5"/><path d="M12 18h.01"/>`,
  mic: svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0"/><path d="M12 18v3"/>`,
  speaker: svg`<path d="M4 9h4l5-4v14l-5-4H4z"/><path d="M16 9a4 4 0 0 1 0 6"/><path d="M19 6a8 8 0 0 1 0 12"/>`,
  pause: svg`<rect x="6" y="5" width="4" height="14"/><rect x="14" y="5" width="4" height="14"/>`,
} as const;

/** Render one icon as an inline, decorative SVG. */
export const icon = (name: keyof typeof icons, part = 'icon') =>
  html`<svg class="icon" part=${part} viewBox="0 0 24 24" aria-hidden="true" focusable="false">${icons[name]}</svg>`;
