/**
 * The controls of `<media-track-controls>`, one native control per property, built from the
 * models `properties.ts` makes out of the track's capabilities.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Strings } from '../internal/strings.js';
import { type ControlModel, PROPERTIES, RESOLUTION } from './properties.js';
import { type MediaTrackControlsStrings, valueKey } from './media-track-controls.strings.js';

/** What the render functions need from the element. */
export interface ControlsView {
  strings: Strings<MediaTrackControlsStrings>;
  /** Numbers in the digits of the element's language. */
  numbers: Intl.NumberFormat;
  /** The track's settings now. */
  settings: Record<string, unknown>;
  /** Values chosen and not yet applied (shown meanwhile). */
  pending: ReadonlyMap<string, unknown>;
  /** The whole element is disabled. */
  disabled: boolean;
  onInput(e: Event): void;
  onChange(e: Event): void;
}

type S = MediaTrackControlsStrings;
type Fmt = (values: Record<string, string | number>) => string;

/** The visible label of a property. */
export function labelOf(view: ControlsView, name: string): string {
  const s = view.strings.value as unknown as Record<string, string>;
  return typeof s[name] === 'string' && s[name] ? s[name] : name;
}

/** The word for a mode or choice (`manual` → "Manual", `true` → "On"). */
export function wordOf(view: ControlsView, v: string | boolean): string {
  if (v === true) return view.strings.value.on;
  if (v === false) return view.strings.value.off;
  const key = valueKey(v);
  return key ? String(view.strings.value[key]) : v;
}

/** A template of the strings by name, when there is one (`frameRateValue`). */
function template(view: ControlsView, key: string): Fmt | null {
  if (!(key in view.strings.value)) return null;
  return (values) => view.strings.format(key as keyof S, values as never, view.numbers);
}

/** The number shown for a setting (scaled, rounded to what a person reads). */
function shown(name: string, v: number): number {
  const scaled = v * (PROPERTIES[name]?.scale ?? 1);
  return Math.round(scaled * 100) / 100;
}

/** A number with its unit: the visible text and the words a screen reader says. */
export function valueTexts(view: ControlsView, name: string, v: number): { visible: string; words: string } {
  const n = shown(name, v);
  const num = view.numbers.format(n);
  const visible = template(view, `${name}Value`);
  const words = template(view, `${name}ValueText`);
  // The strings format numbers themselves: hand them the number, not its text.
  return {
    visible: visible ? visible({ value: n }) : num,
    words: words ? words({ value: n }) : visible ? visible({ value: n }) : num,
  };
}

/** Why a dependent control is disabled, and whether it is. */
function dependency(view: ControlsView, name: string, has: (n: string) => boolean): string | null {
  const dep = PROPERTIES[name]?.dependsOn;
  if (!dep || !has(dep.name)) return null;
  const mode = view.pending.get(dep.name) ?? view.settings[dep.name];
  if (mode === dep.value) return null;
  return view.strings.format('dependsOn', { mode: labelOf(view, dep.name), value: wordOf(view, dep.value) }, view.numbers);
}

const id = (name: string) => `mtc-${name}`;

/** One control. `has`: whether the track has a property (for dependencies). */
export function renderControl(view: ControlsView, m: ControlModel, has: (n: string) => boolean): TemplateResult {
  const why = dependency(view, m.name, has);
  const disabled = view.disabled || !!why || (m.type === 'switch' && m.fixed);
  const hint = why ? html`<span part="hint" class="hint" id=${`${id(m.name)}-hint`}>${why}</span>` : nothing;
  const described = why ? `${id(m.name)}-hint` : undefined;
  const label = html`<label part="label" class="label" for=${id(m.name)}>${labelOf(view, m.name)}</label>`;
  const pending = view.pending.get(m.name);
  let control: TemplateResult;
  if (m.type === 'range') {
    const v = typeof pending === 'number' ? pending : (m.value ?? m.min);
    const t = valueTexts(view, m.name, v);
    control = html`<input
        part="range"
        class="range"
        type="range"
        id=${id(m.name)}
        name=${m.name}
        min=${m.min}
        max=${m.max}
        step=${m.step}
        .value=${live(String(v))}
        aria-valuetext=${t.words}
        aria-describedby=${described ?? nothing}
        ?disabled=${disabled}
        @input=${view.onInput}
        @change=${view.onChange}
      /><output part="value" class="value" for=${id(m.name)} aria-hidden="true">${t.visible}</output>`;
  } else if (m.type === 'list') {
    const cur = pending !== undefined ? pending : m.value;
    const words = m.name === RESOLUTION ? resolutionWords(view) : (o: string | boolean) => wordOf(view, o);
    control = html`<select
      part="select"
      class="select"
      id=${id(m.name)}
      name=${m.name}
      aria-describedby=${described ?? nothing}
      ?disabled=${disabled}
      @change=${view.onChange}
    >
      ${cur === undefined ? html`<option value="" selected disabled></option>` : nothing}
      ${m.options.map((o) => html`<option value=${String(o)} ?selected=${o === cur}>${words(o)}</option>`)}
    </select>`;
  } else {
    const on = typeof pending === 'boolean' ? pending : m.value;
    control = html`<input
      part="switch"
      class="switch"
      type="checkbox"
      role="switch"
      id=${id(m.name)}
      name=${m.name}
      .checked=${live(on)}
      aria-checked=${on ? 'true' : 'false'}
      aria-describedby=${described ?? nothing}
      ?disabled=${disabled}
      @change=${view.onChange}
    />`;
  }
  return html`<div part=${`control control-${m.name}`} class=${`control ${m.type}-control`} ?data-disabled=${disabled}>
    ${m.type === 'switch' ? html`${control}${label}` : html`${label}${control}`} ${hint}
  </div>`;
}

/** `1280x720` → "1280 × 720" (the words a screen reader hears are the option's text). */
function resolutionWords(view: ControlsView): (o: string | boolean) => string {
  return (o) => {
    const [w, h] = String(o).split('x').map(Number);
    if (!w || !h) return String(o);
    return `${view.numbers.format(w)} × ${view.numbers.format(h)}`;
  };
}

/** The value a control's DOM element holds, typed as its model's options are. */
export function valueOfControl(el: HTMLInputElement | HTMLSelectElement, model: ControlModel | undefined): string | number | boolean | null {
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked;
  if (el instanceof HTMLInputElement) {
    const n = Number(el.value);
    return Number.isFinite(n) ? n : null;
  }
  if (!model || model.type !== 'list') return el.value || null;
  const found = model.options.find((o) => String(o) === el.value);
  return found === undefined ? null : found;
}
