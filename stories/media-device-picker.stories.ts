/**
 * Storybook 10 (CSF3, @storybook/web-components-vite) stories for <media-device-picker>.
 * Controls, docs tables (attributes, properties, events, slots, parts, custom properties) come
 * from custom-elements.json (.storybook/preview.ts).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MediaDevicePicker } from '../components/media-device-picker/define.js';
import { MediaPreview } from '../components/media-preview/define.js';
import type { MediaDevicePickerStrings } from '../components/media-device-picker/media-device-picker.js';
import { MediaStreamController } from '../src/controller.js';
import { type ErrorDevice, MediaCaptureError, type MediaCaptureErrorCode } from '../src/errors.js';
import type { CaptureState, DeviceKind } from '../src/events.js';
import type { PermissionName, PermissionValue } from '../src/permissions.js';

// The define modules register the tags; referring to the classes keeps the imports.
void [MediaDevicePicker, MediaPreview];

interface PickerArgs {
  stream: string;
  kind: DeviceKind;
  autostart: boolean;
  disabled: boolean;
  required: boolean;
}
type Story<A> = StoryObj<A>;

interface Scenario {
  state?: CaptureState;
  error?: MediaCaptureErrorCode;
  /** What the failed request was for (default: camera and microphone). */
  errorDevice?: ErrorDevice;
  /** Pretend the browser hides labels (before permission). */
  hideLabels?: boolean;
  /** Pretend there is no device at all. */
  noDevices?: boolean;
  permission?: PermissionValue;
  /** Never answer requestAccess (keeps the requesting view). */
  pendingAccess?: boolean;
}

/** A controller that stages one situation of the picker (real devices otherwise). */
class ScenarioController extends MediaStreamController {
  readonly #s: Scenario;
  constructor(s: Scenario) {
    super({ name: `story-picker-${JSON.stringify(s)}`, rememberDevices: false });
    this.#s = s;
  }
  override get state(): CaptureState {
    return this.#s.state ?? super.state;
  }
  override get error(): MediaCaptureError | null {
    return this.#s.error ? new MediaCaptureError(this.#s.error, { device: this.#s.errorDevice }) : super.error;
  }
  override get permissions(): Readonly<Record<PermissionName, PermissionValue>> {
    const p = this.#s.permission;
    return p ? { camera: p, microphone: p } : super.permissions;
  }
  override devicesOf(kind: DeviceKind): MediaDeviceInfo[] {
    return this.#s.noDevices ? [] : super.devicesOf(kind);
  }
  override hasLabels(kind: DeviceKind): boolean {
    return this.#s.hideLabels ? false : super.hasLabels(kind);
  }
  override requestAccess(kind?: DeviceKind): Promise<PermissionValue> {
    return this.#s.pendingAccess ? new Promise(() => {}) : super.requestAccess(kind);
  }
}

const meta: Meta<PickerArgs> = {
  title: 'Elements/Media Device Picker',
  component: 'media-device-picker',
  tags: ['autodocs'],
  args: { stream: 'story-picker', kind: 'videoinput', autostart: false, disabled: false, required: false } satisfies PickerArgs,
  argTypes: { kind: { control: 'inline-radio', options: ['videoinput', 'audioinput', 'audiooutput'] } },
  render: (a: PickerArgs) =>
    html`<media-device-picker
      stream=${a.stream}
      kind=${a.kind}
      ?autostart=${a.autostart}
      ?disabled=${a.disabled}
      ?required=${a.required}
    ></media-device-picker>`,
};
export default meta;

/** The list of cameras (real devices; the browser may first ask for access). */
export const Cameras: Story<PickerArgs> = {};
/** Microphones. */
export const Microphones: Story<PickerArgs> = { args: { kind: 'audioinput' } };
/** Speakers: routes the kit's media elements with setSinkId, or explains that the browser cannot. */
export const Speakers: Story<PickerArgs> = { args: { kind: 'audiooutput' } };

/**
 * Speaker check: a speaker list has a "Play a test sound" button that plays a short two-note tone
 * through the chosen output (`setSinkId`); `media-test-sound` tells whether it played to its end.
 * Where the browser cannot route sound (no `setSinkId`: Safari) the list and the button are not
 * shown. Call `picker.playTestSound()` from a user gesture to do the same from a control of your own.
 */
export const SpeakerCheck: Story<PickerArgs> = {
  args: { stream: 'story-speaker-check', kind: 'audiooutput' },
  render: (a: PickerArgs) => html`<div style="display:grid; gap:0.5rem; max-inline-size:28rem">
    <media-device-picker
      stream=${a.stream}
      kind="audiooutput"
      @media-test-sound=${(e: Event & { detail: { played: boolean } }) => {
        const out = (e.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
        out.textContent = e.detail.played ? 'Did you hear two notes? If not, pick another speaker.' : 'The test sound could not be played.';
      }}
    ></media-device-picker>
    <output aria-live="polite"></output>
  </div>`,
};

/** With a live preview on the same `stream`: choosing a camera switches the preview. */
export const WithPreview: Story<PickerArgs> = {
  render: () => html`<div style="display:grid; gap:1rem; max-inline-size:36rem">
    <media-device-picker stream="story-pair"></media-device-picker>
    <media-preview stream="story-pair" autostart></media-preview>
  </div>`,
};

const scenario = (s: Scenario, kind: DeviceKind = 'videoinput'): Story<PickerArgs> => ({
  render: () => html`<media-device-picker kind=${kind} .controller=${new ScenarioController(s)}></media-device-picker>`,
});

/** Idle, before permission: a button asks for access instead of listing nameless devices. */
export const IdleNeedsAccess = scenario({ hideLabels: true, permission: 'prompt' });
/** Requesting: the browser is asking the user. */
export const Requesting = scenario({ hideLabels: true, permission: 'prompt', state: 'requesting', pendingAccess: true });
/** Live: the shared stream is on (autostart). */
export const Live: Story<PickerArgs> = { args: { stream: 'story-picker-live', autostart: true } };
/** Denied: how to re-allow access in this browser, and a retry button. */
export const Denied = scenario({ state: 'denied', error: 'permission-denied', permission: 'denied', hideLabels: true });
/** Unavailable: no camera. */
export const Unavailable = scenario({ noDevices: true, permission: 'granted' });
/** Error: the shared stream failed (the list stays usable to pick another camera). */
export const Error = scenario({ state: 'error', error: 'not-readable' });
/** Unavailable for speakers: none listed, with advice about speakers (`noSpeakerAdvice`). */
export const UnavailableSpeakers = scenario({ noDevices: true, permission: 'granted' }, 'audiooutput');
/** A microphone picker while the camera is blocked: the camera's denial is not the microphone's. */
export const MicrophoneWhileCameraBlocked = scenario({ state: 'denied', error: 'permission-denied', errorDevice: 'camera' }, 'audioinput');

/** In a form: `name`, `required`, reset and submit. */
export const InAForm: Story<PickerArgs> = {
  render: () => html`<form
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const out = (e.target as HTMLFormElement).querySelector('output')!;
      out.value = JSON.stringify(Object.fromEntries(new FormData(e.target as HTMLFormElement)));
    }}
    style="display:grid; gap:.75rem; max-inline-size:28rem"
  >
    <media-device-picker name="camera" required stream="story-form"></media-device-picker>
    <media-device-picker name="microphone" kind="audioinput" stream="story-form"></media-device-picker>
    <div><button type="submit">Submit</button> <button type="reset">Reset</button></div>
    <output></output>
  </form>`,
};

/** Theming with custom properties and parts. */
export const Themed: Story<PickerArgs> = {
  render: () => html`<style>
      .themed media-device-picker {
        --media-capture-accent: #047857;
        --media-device-picker-border-color: #047857;
        --media-device-picker-radius: 999px;
        --media-device-picker-field-background: #ecfdf5;
        --media-device-picker-color: #064e3b;
      }
      .themed media-device-picker::part(label) {
        text-transform: uppercase;
        letter-spacing: 0.08em;
        font-size: 0.8rem;
      }
    </style>
    <div class="themed"><media-device-picker stream="story-themed-picker"></media-device-picker></div>`,
};

/** Dark colours by custom properties. */
export const Dark: Story<PickerArgs> = {
  render: () => html`<div
    style="padding:1rem; background:#111827; --media-capture-background:#111827; --media-capture-color:#f9fafb; --media-capture-muted-color:#d1d5db; --media-capture-accent:#93c5fd; --media-capture-accent-color:#0b1530; --media-capture-border-color:#6b7280"
  >
    <media-device-picker .controller=${new ScenarioController({ hideLabels: true, permission: 'prompt' })}></media-device-picker>
  </div>`,
};

/** Right-to-left with replaced strings (Hebrew), and a slotted label. */
export const RightToLeft: Story<PickerArgs> = {
  render: () => {
    const strings: Partial<MediaDevicePickerStrings> = {
      cameraLabel: 'מצלמה',
      cameraAccessExplanation: 'כדי לבחור מצלמה, אפשרו לדף להשתמש במצלמה.',
      allowCamera: 'אישור גישה למצלמה',
      requestingAccess: 'ממתין לאישור…',
      tryAgain: 'נסו שוב',
      noCamera: 'לא נמצאה מצלמה.',
      deviceSelected: '{device} נבחרה.',
    };
    return html`<div dir="rtl" lang="he" style="display:grid; gap:1rem">
      <media-device-picker stream="story-rtl-picker" .strings=${strings}></media-device-picker>
      <media-device-picker .strings=${strings} .controller=${new ScenarioController({ hideLabels: true, permission: 'prompt' })}>
      </media-device-picker>
    </div>`;
  },
};

/** Slotted message and button in the access view. */
export const SlottedAccess = {
  render: () => html`<media-device-picker .controller=${new ScenarioController({ hideLabels: true, permission: 'prompt' })}>
    <span slot="access-message">Pick the camera for your video call. We never record.</span>
    <button slot="allow-button" type="button">Show my cameras</button>
  </media-device-picker>`,
} satisfies Story<PickerArgs>;
