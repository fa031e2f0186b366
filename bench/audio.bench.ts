/**
 * The sound benchmark of issue 21: `npm run bench -- --parts audio` (bench/run.mjs opens this page
 * in Chromium with its fake devices; `--n` sets the number of tone onsets, default 12).
 *
 * 1. **CPU of a stereo `<audio-level-meter>`** against a page that only plays the same stream: a
 *    stereo source of the page's own (a Web Audio graph: 1 kHz on the left whose level moves like
 *    speech, 3 times a second between silence and -6 dBFS, 300 Hz at -12 dBFS on the right, into a
 *    2-channel MediaStreamAudioDestinationNode) plays in an `<audio>` element all along. Windows of
 *    {@link WINDOW_MS} ms, alternated ABCDDCBA..., {@link WINDOWS} of each kind: `plays` (no meter),
 *    `meter` (a stereo meter on screen, measuring the stream), `steady` (the same with a steady
 *    left tone at -6 dBFS: the bars do not move), `hidden` (the meter scrolled out of view: paused),
 *    and a reference without a meter, `frames`: a bar of the page's own whose transform changes
 *    every animation frame (what any element that moves at the display rate costs the page), and
 *    `busy`: no meter, a worker burning 5 ms of every 100 (about the moving meter's whole cost):
 *    the main thread's tasks over 2 ms that the machine's load alone causes. All traced (bench/run.mjs
 *    `benchCpuTrace`): per kind the main thread's CPU time (trace thread time) as a share of one
 *    core, its longest task's CPU time, how many tasks used over 2 ms, and the CPU of the
 *    renderer's audio threads (the AudioWorklet's and the audio output's) as a share of a core.
 * 2. **Tone to display**: the left channel's gain jumps from 0 to 0.5 at a planned context time;
 *    three instants per onset: when the sound is rendered (the context's output timestamp of the
 *    onset, minus the output latency), when the meter has measured it (`levels` above -60 dBFS,
 *    seen by a MessageChannel loop that runs between every two tasks), when the meter writes the
 *    bar (a MutationObserver on the fill part's style), and when the frame that paints that write
 *    starts (the next requestAnimationFrame). Target: painted within one display frame (16.7 ms at
 *    60 Hz) of the measurement that carried it. The first interval includes Chromium's MediaStream
 *    hop from the source's context to the meter's and rests on the context's own latency figures.
 * Results: `window.__benchResult.tables`, printed by bench/run.mjs.
 */
import { AudioLevelMeter } from '../components/audio-level-meter/define.js';
import { burn, idle, log, N, quantile } from './measure.js';

/** Length of one CPU window, and windows per kind. */
const WINDOW_MS = 2500;
const WINDOWS = 4;
/** `busy`: CPU a worker burns per 100 ms, in ms. */
const BURN_MS = 5;

interface CpuWindow {
  ms: number;
  mainCpu: number;
  longestCpu: number;
  over2: number;
  tasks: number;
  threads: Record<string, number>;
  /** Main-thread CPU (ms) by what posted the task. */
  byOrigin: Record<string, number>;
}
const cpuTrace = (window as unknown as { benchCpuTrace?: (cmd: 'start' | 'stop') => Promise<CpuWindow[] | null> }).benchCpuTrace;

type Kind = 'plays' | 'meter' | 'steady' | 'hidden' | 'frames' | 'busy';

function stereoSource() {
  const ctx = new AudioContext();
  const merger = new ChannelMergerNode(ctx, { numberOfInputs: 2 });
  const left = new GainNode(ctx, { gain: 0.5 });
  const right = new GainNode(ctx, { gain: 0.25 });
  const oscillators = [new OscillatorNode(ctx, { frequency: 1000 }), new OscillatorNode(ctx, { frequency: 300 })];
  oscillators[0]!.connect(left).connect(merger, 0, 0);
  oscillators[1]!.connect(right).connect(merger, 0, 1);
  const dest = new MediaStreamAudioDestinationNode(ctx, { channelCount: 2 });
  merger.connect(dest);
  // The left level moves like speech (3 Hz between silence and -6 dBFS) unless `steady(true)`.
  const lfo = new OscillatorNode(ctx, { frequency: 3 });
  const depth = new GainNode(ctx, { gain: 0.25 });
  lfo.connect(depth).connect(left.gain);
  for (const o of [...oscillators, lfo]) o.start();
  const steady = (on: boolean) => {
    depth.gain.value = on ? 0 : 0.25;
    left.gain.value = on ? 0.5 : 0.25;
  };
  steady(false);
  return { ctx, left, right, dest, steady, lfo: depth };
}

async function cpuWindows(source: ReturnType<typeof stereoSource>): Promise<Record<string, string | number>[]> {
  const stream = source.dest.stream;
  const audio = new Audio();
  audio.srcObject = stream;
  await audio.play();
  const meter = new AudioLevelMeter();
  meter.srcObject = stream;
  meter.style.inlineSize = '20rem';
  const spacer = document.createElement('div');
  spacer.style.blockSize = '300vh';
  // the reference for a frame's own cost: a bar of the page's own whose transform changes every frame
  const bar = document.createElement('div');
  bar.style.cssText = 'inline-size: 20rem; block-size: 0.75rem; background: green; will-change: transform; transform-origin: left';
  let animating = false;
  const animate = (t: number) => {
    if (!animating) return;
    bar.style.transform = `scaleX(${(0.5 + 0.5 * Math.sin(t / 50)).toFixed(3)})`;
    requestAnimationFrame(animate);
  };
  const setKind = async (kind: Kind) => {
    source.steady(kind === 'steady');
    animating = kind === 'frames';
    if (animating) {
      document.body.prepend(bar);
      requestAnimationFrame(animate);
    } else bar.remove();
    if (kind === 'plays' || kind === 'frames' || kind === 'busy') meter.remove();
    else if (kind === 'meter' || kind === 'steady') document.body.prepend(meter);
    else {
      document.body.append(spacer, meter); // below three screens: off screen
    }
    if (kind !== 'hidden') spacer.remove();
    await idle(1000); // settle: the context made or closed, the IntersectionObserver told
  };
  const order: Kind[] = [];
  const kinds: Kind[] = ['plays', 'meter', 'steady', 'hidden', 'frames', 'busy'];
  for (let i = 0; i < WINDOWS; i++) order.push(...(i % 2 ? kinds.toReversed() : kinds));
  if (!cpuTrace) throw new Error('run through bench/run.mjs (benchCpuTrace)');
  await cpuTrace('start');
  for (const kind of order) {
    await setKind(kind);
    if ((kind === 'meter' || kind === 'steady' || kind === 'hidden') && meter.measurement !== 'worklet') log(`note: the meter measures with ${meter.measurement}`);
    performance.mark('bench-start');
    if (kind === 'busy') {
      // a worker burns 5 ms of every 100 (5 % of a core, about what the moving meter costs in all)
      const end = performance.now() + WINDOW_MS;
      while (performance.now() < end) await Promise.all([burn(BURN_MS), idle(100)]);
    } else await idle(WINDOW_MS);
    performance.mark('bench-end');
    await idle(0);
  }
  const windows = (await cpuTrace('stop')) ?? [];
  meter.remove();
  audio.pause();
  audio.srcObject = null;
  if (windows.length !== order.length) throw new Error(`traced ${windows.length} windows of ${order.length}`);
  const rows: Record<string, string | number>[] = [];
  const share = (kind: Kind, f: (w: CpuWindow) => number) => {
    const ws = windows.filter((_, i) => order[i] === kind);
    return (ws.reduce((s, w) => s + f(w), 0) / ws.reduce((s, w) => s + w.ms, 0)) * 100;
  };
  const threadNames = [...new Set(windows.flatMap((w) => Object.keys(w.threads)))];
  const base = share('plays', (w) => w.mainCpu);
  for (const kind of kinds) {
    const ws = windows.filter((_, i) => order[i] === kind);
    const main = share(kind, (w) => w.mainCpu);
    const row: Record<string, string | number> = {
      page: {
        plays: 'plays the stream only (level moving)',
        meter: '+ stereo meter on screen (level moving)',
        steady: '+ stereo meter on screen (steady tone)',
        hidden: '+ stereo meter off screen (level moving)',
        frames: 'reference: no meter, a bar of the page moved every frame',
        busy: 'reference: no meter, a worker burns 5 % of a core',
      }[kind],
      seconds: +(ws.reduce((s, w) => s + w.ms, 0) / 1000).toFixed(1),
      'main CPU % of a core': +main.toFixed(2),
      'x plays': +(main / base).toFixed(2),
      'costs over plays, % of a core': kind === 'plays' ? '-' : +(main - base).toFixed(2),
      'longest task CPU ms': +Math.max(...ws.map((w) => w.longestCpu)).toFixed(2),
      'tasks over 2 ms CPU': ws.reduce((s, w) => s + w.over2, 0),
      'main tasks /s': Math.round(ws.reduce((s, w) => s + w.tasks, 0) / (ws.reduce((s, w) => s + w.ms, 0) / 1000)),
    };
    for (const t of threadNames) row[`${t} CPU %`] = +share(kind, (w) => w.threads[t] ?? 0).toFixed(2);
    rows.push(row);
    log(JSON.stringify(row));
    const origins: Record<string, number> = {};
    for (const w of ws) for (const [k, v] of Object.entries(w.byOrigin ?? {})) origins[k] = (origins[k] ?? 0) + v;
    const top = Object.entries(origins).sort((a, b) => b[1] - a[1]).slice(0, 6);
    log(`  ${kind}: main-thread CPU by origin (ms over ${row.seconds} s): ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  }
  return rows;
}

/** The meter's first bar's level (the scale of its fill part's inline transform), as the meter wrote it. */
const barLevel = (meter: AudioLevelMeter): number =>
  Number(/scale[XY]\(([\d.e-]+)\)/.exec(meter.shadowRoot?.querySelector<HTMLElement>('[part~="fill"]')?.style.transform ?? '')?.[1] ?? 0);

async function toneToDisplay(source: ReturnType<typeof stereoSource>, trials: number): Promise<Record<string, string | number>[]> {
  const { ctx, left, right, dest } = source;
  source.steady(true);
  right.gain.value = 0;
  left.gain.value = 0;
  const meter = new AudioLevelMeter();
  meter.peakHold = 0;
  meter.srcObject = dest.stream;
  document.body.prepend(meter);
  while (meter.measurement === 'none') await idle(50);
  log(`tone to display: the meter measures with ${meter.measurement}; source context ${ctx.sampleRate} Hz, base latency ${(ctx.baseLatency * 1000).toFixed(1)} ms, output latency ${((ctx.outputLatency ?? 0) * 1000).toFixed(1)} ms`);
  const measuredAfter: number[] = [];
  const drawnAfterMeasured: number[] = [];
  const paintedAfterMeasured: number[] = [];
  const paintedAfterRendered: number[] = [];
  for (let i = 0; i < trials; i++) {
    left.gain.setValueAtTime(0, ctx.currentTime);
    while (barLevel(meter) > 0 || (meter.levels[0]?.peak ?? -Infinity) > -200) await idle(100); // silence shown and measured
    await idle(200 + Math.random() * 100); // onsets at random phases of the frame and the window
    const at = ctx.currentTime + 0.05;
    left.gain.setValueAtTime(0.5, at);
    const stamp = ctx.getOutputTimestamp();
    const latency = (ctx.outputLatency ?? 0) + ctx.baseLatency;
    const rendered = stamp.performanceTime! + (at - stamp.contextTime!) * 1000 - latency * 1000;
    let measured = NaN;
    let drawn = NaN;
    let painted = NaN;
    const bar = meter.shadowRoot!.querySelector<HTMLElement>('[part~="fill"]')!;
    const watch = new MutationObserver(() => {
      if (!Number.isNaN(drawn) || !(barLevel(meter) > 0)) return;
      drawn = performance.now();
      // the frame that paints it: the next animation frame's start
      requestAnimationFrame(() => (painted = performance.now()));
    });
    watch.observe(bar, { attributes: true, attributeFilter: ['style'] });
    // a loop between every two tasks: when the meter's levels first carry the tone
    const channel = new MessageChannel();
    await new Promise<void>((done) => {
      channel.port1.onmessage = () => {
        const now = performance.now();
        if (Number.isNaN(measured) && (meter.levels[0]?.peak ?? -Infinity) > -60) measured = now;
        if (!Number.isNaN(painted) && !Number.isNaN(measured)) done();
        else if (now - rendered > 2000) done();
        else channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    });
    watch.disconnect();
    channel.port1.close();
    if (Number.isNaN(measured) || Number.isNaN(painted)) {
      log(`onset ${i}: not seen within 2 s`);
      continue;
    }
    measuredAfter.push(measured - rendered);
    drawnAfterMeasured.push(drawn - measured);
    paintedAfterMeasured.push(painted - measured);
    paintedAfterRendered.push(painted - rendered);
  }
  meter.remove();
  const row = (what: string, xs: number[]) => ({
    interval: what,
    onsets: xs.length,
    'median ms': +quantile(xs, 0.5).toFixed(1),
    'p90 ms': +quantile(xs, 0.9).toFixed(1),
    'max ms': +Math.max(...xs).toFixed(1),
    'in display frames (16.7 ms), max': +(Math.max(...xs) / (1000 / 60)).toFixed(2),
  });
  return [
    row('rendered -> measured (window of ~17 ms + the hop to the main thread)', measuredAfter),
    row('measured -> bar written (style, by the meter)', drawnAfterMeasured),
    row('measured -> frame that paints it starts (requestAnimationFrame after the write)', paintedAfterMeasured),
    row('rendered -> frame that paints it', paintedAfterRendered),
  ];
}

async function main(): Promise<void> {
  const env = `Chromium ${navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'}, cores ${navigator.hardwareConcurrency}, ${new Date().toISOString()}`;
  log(env);
  const source = stereoSource();
  while (source.ctx.state !== 'running') await idle(50);
  const cpu = await cpuWindows(source);
  const delay = await toneToDisplay(source, Math.max(4, N));
  await source.ctx.close();
  (window as unknown as { __benchResult: unknown }).__benchResult = {
    env,
    tables: [
      {
        title: `CPU of a stereo <audio-level-meter> (main thread and audio threads, trace thread time, ${WINDOWS} windows of ${WINDOW_MS} ms per page kind, alternated; the page plays the same stream in an <audio> element throughout)`,
        rows: cpu,
      },
      { title: 'Tone onset to the displayed level (left channel from silence to -6 dBFS)', rows: delay },
    ],
  };
}

main().catch((e: unknown) => {
  log(`bench failed: ${String((e as Error)?.stack ?? e)}`);
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: String(e) };
});
