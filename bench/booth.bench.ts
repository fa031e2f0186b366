/**
 * `<photo-booth>.capture()` against its own pipeline's `capturePhoto()` (issue 19), run with
 * `node bench/run.mjs --page booth --sizes 1080 --n 12`: the booth and a CapturePipeline on a
 * plain `<video>` show the same camera track (the file camera at the size), each with its live
 * preview running (the booth always shows one; the pipeline's canvas is put in the page), and take photos
 * with the same format and quality, alternated call by call. Each call is timed until the photo
 * is out and the page has drawn two frames after it (so the element's own rendering of the
 * photo, its strip thumbnail and flash, counts, and the pipeline's call waits the same).
 * Tables: time (ratio against the pipeline, alternated); the longest main-thread task and the
 * most CPU one task used (Chromium trace) for each; and the booth's calls beside idle and busy
 * windows (windows with a task over 2 ms).
 */
import { PhotoBooth } from '../components/photo-booth/define.js';
import { getMediaStreamController } from '../src/controller.js';
import { CapturePipeline } from '../src/capture/index.js';
import { log, measure, N, paired, SIZES, versusIdle } from './measure.js';

const benchCamera = (window as unknown as { benchCamera?: (size: string) => Promise<unknown> }).benchCamera;
const twoFrames = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

async function main(): Promise<void> {
  const timeRows: unknown[] = [];
  const taskRows: unknown[] = [];
  const windowRows: unknown[] = [];
  for (const [label, [width, height]] of SIZES) {
    await benchCamera?.(label);
    const name = `bench-booth-${label}`;
    const c = getMediaStreamController(name);
    await c.setOptions({ video: { width: { exact: width }, height: { exact: height }, frameRate: { ideal: 30 } } });
    const booth = new PhotoBooth();
    booth.streamName = name;
    booth.style.inlineSize = '480px';
    booth.format = 'image/jpeg';
    booth.quality = 0.92;
    document.body.append(booth);
    await booth.start();
    const video = document.createElement('video');
    video.muted = true;
    video.width = 320;
    video.srcObject = c.stream;
    document.body.append(video);
    await video.play();
    // Its pipeline as the booth runs it: with its live preview shown (drawn in the worker here),
    // mirrored, photos holding the preview while they are encoded.
    const pipeline = new CapturePipeline({ mirror: true });
    pipeline.canvas.style.width = '320px';
    document.body.append(pipeline.canvas);
    pipeline.attach(video);
    pipeline.start();
    const t0 = performance.now();
    while (pipeline.liveThread === 'pending' && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    log(`pipeline live preview: ${pipeline.liveThread}; booth: ${booth.canvasElement ? 'shown' : 'none'}`);
    const ofPipeline = async () => {
      const photo = await pipeline.capturePhoto({ format: 'image/jpeg', quality: 0.92 });
      await twoFrames();
      return photo;
    };
    const ofBooth = async () => {
      const f = await booth.capture();
      await twoFrames();
      return f;
    };
    const pr = paired(label, '<photo-booth>.capture()', video, ofPipeline, ofBooth, N);
    timeRows.push({ size: label, 'booth median ms': +(await pr).median.toFixed(1), 'pipeline median ms': +(await pr).floorMedian.toFixed(1), 'x pipeline': +(await pr).ratio.toFixed(2), 'median pair ratio': +(await pr).pairRatio.toFixed(2), target: '<= 1.05x' });
    for (const [method, op] of [
      ['pipeline.capturePhoto()', ofPipeline],
      ['<photo-booth>.capture()', ofBooth],
    ] as const) {
      const m = await measure(video, op);
      taskRows.push({ size: label, method, 'median ms': +m.median.toFixed(1), 'task typ ms': +m.taskTyp.toFixed(1), 'task max ms': +m.taskMax.toFixed(1), 'task CPU max ms': +m.taskMaxCpu.toFixed(1), 'script task max ms': +m.taskMaxScript.toFixed(1) });
      log(JSON.stringify(taskRows.at(-1)));
    }
    for (const [method, op] of [
      ['pipeline.capturePhoto()', ofPipeline],
      ['<photo-booth>.capture()', ofBooth],
    ] as const) {
      const w = await versusIdle(label, method, video, op, N);
      if (w) windowRows.push({ size: label, method, windows: w.windows, 'over 2 ms: call / idle / busy': `${w.callOver2} / ${w.idleOver2} / ${w.busyOver2}`, 'task CPU max: call / idle / busy': `${w.callCpuMax.toFixed(1)} / ${w.idleCpuMax.toFixed(1)} / ${w.busyCpuMax.toFixed(1)}` });
    }
    if (new URLSearchParams(location.search).has('trace')) {
      // Where the booth's main-thread time goes: one render of its template, and the synchronous
      // part of what follows a photo (value, strip, announcement, event).
      const renders: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        booth.requestUpdate();
        await booth.updateComplete;
        renders.push(performance.now() - t0);
      }
      renders.sort((a, b) => a - b);
      log(`booth render: median ${renders[10]!.toFixed(2)} ms, max ${renders[19]!.toFixed(2)} ms`);
    }
    pipeline.dispose();
    pipeline.canvas.remove();
    video.remove();
    booth.stop();
    booth.remove();
  }
  (window as unknown as { __benchResult: unknown }).__benchResult = {
    env: `${navigator.userAgent}; ${navigator.hardwareConcurrency} cores; ${new Date().toISOString()}`,
    tables: [
      { title: '<photo-booth>.capture() against its pipeline, alternated (each until the photo is out and two frames drawn)', rows: timeRows },
      { title: 'Main thread per call (Chromium trace): longest task, and the most CPU time one task used', rows: taskRows },
      { title: 'Calls beside idle and busy windows: windows with a task over 2 ms', rows: windowRows },
    ],
  };
}

main().catch((e: unknown) => {
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String((e as Error)?.stack ?? e) };
});
