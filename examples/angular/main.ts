// Angular: attributes, a property binding ([strings]) and (event) bindings on the kit's elements.
// CUSTOM_ELEMENTS_SCHEMA lets the template use tags Angular does not know. The component is
// declared by calling Component() on the class (what the @Component decorator does), and its
// template is compiled in the browser (JIT) because this example has no Angular CLI; an app
// built with the CLI writes the same component with @Component.
import '@angular/compiler';
import 'media-capture-elements/define';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import type { MediaStateChangeEvent } from 'media-capture-elements';
import type { RecordingStopEvent } from 'media-capture-elements/media-recorder';

class App {
  readonly state = signal('idle');
  readonly device = signal('');
  readonly recorded = signal('');
  readonly strings = { start: 'Start camera' };

  onState(event: Event): void {
    this.state.set((event as MediaStateChangeEvent).detail.state);
  }

  onRecorded(event: Event): void {
    const { mimeType, size } = (event as RecordingStopEvent).detail;
    this.recorded.set(`${mimeType} ${size}`);
  }

  onDevice(event: Event): void {
    this.device.set((event.target as HTMLSelectElement).value);
  }
}

const AppComponent = Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Angular</h1>
      <media-device-picker stream="angular" (change)="onDevice($event)"></media-device-picker>
      <media-preview
        #preview
        stream="angular"
        fit="cover"
        mirror="on"
        [strings]="strings"
        (media-state-change)="onState($event)"
      ></media-preview>
      <media-track-controls stream="angular" properties="frameRate"></media-track-controls>
      <media-recorder stream="angular" max-duration="30" (recording-stop)="onRecorded($event)"></media-recorder>
      <p>
        State: <output id="state">{{ state() }}</output> · Device: <output id="device">{{ device() }}</output> · Recorded:
        <output id="recorded">{{ recorded() }}</output>
      </p>
      <button type="button" id="stop" (click)="preview.stop()">Stop</button>
    </main>
  `,
})(App);

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch((err: unknown) => console.error(err));
