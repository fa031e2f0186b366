// React 19: the tags with attributes, properties (strings, an object) and `on<event>` listeners,
// typed by media-capture-elements/jsx. React 19 sets a prop as a property when the element has
// one: name the shared stream with the `streamName` property (on <media-preview>, `stream` as a
// property reads as the MediaStream shown; a string written to it sets `streamName`).
import 'media-capture-elements/define';
import 'media-capture-elements/jsx';
import type { MediaPreview } from 'media-capture-elements/media-preview';
import type { RecordingStopEvent } from 'media-capture-elements/media-recorder';
import type { MediaStateChangeEvent } from 'media-capture-elements';
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [state, setState] = useState('idle');
  const [device, setDevice] = useState('');
  const [recorded, setRecorded] = useState('');
  const preview = useRef<MediaPreview>(null);
  return (
    <main>
      <h1>React 19</h1>
      <media-device-picker streamName="react" onchange={(e: Event) => setDevice((e.target as HTMLSelectElement).value)} />
      <media-preview
        ref={preview}
        streamName="react"
        fit="cover"
        mirror="on"
        strings={{ start: 'Start camera' }}
        onmedia-state-change={(e: MediaStateChangeEvent) => setState(e.detail.state)}
      />
      <media-track-controls streamName="react" properties="frameRate" />
      <media-recorder streamName="react" max-duration={30} onrecording-stop={(e: RecordingStopEvent) => setRecorded(`${e.detail.mimeType} ${e.detail.size}`)} />
      <p>
        State: <output id="state">{state}</output> · Device: <output id="device">{device}</output> · Recorded:{' '}
        <output id="recorded">{recorded}</output>
      </p>
      <button type="button" id="stop" onClick={() => preview.current?.stop()}>
        Stop
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
