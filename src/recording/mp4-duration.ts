/**
 * Writes the duration of a fragmented MP4 whose header says 0 (WebKit's `MediaRecorder` writes
 * `mehd` with a duration of 0, and its `<audio>` then reports a wrong length): the Movie
 * Extends Header's `fragment_duration` is set from the recorded time, in place (same size), so
 * only the file's head is read and rewritten.
 */

const HEAD = 64 * 1024;
const CONTAINERS = new Set(['moov', 'mvex']);

interface Box {
  type: string;
  start: number;
  header: number;
  end: number;
}

function readBoxes(view: DataView, start: number, end: number): Box[] {
  const out: Box[] = [];
  let p = start;
  while (p + 8 <= end) {
    let size = view.getUint32(p);
    const type = String.fromCharCode(view.getUint8(p + 4), view.getUint8(p + 5), view.getUint8(p + 6), view.getUint8(p + 7));
    let header = 8;
    if (size === 1) {
      if (p + 16 > end) break;
      size = Number(view.getBigUint64(p + 8));
      header = 16;
    } else if (size === 0) size = end - p;
    if (size < header) break;
    out.push({ type, start: p, header, end: p + size });
    p += size;
  }
  return out;
}

/**
 * Returns `blob` with its `mehd` duration set to `durationMs` when it is a fragmented MP4 whose
 * `mehd` says 0; the same object otherwise (not MP4, no `mehd`, a duration already there, a
 * `moov` beyond the first 64 KiB, an unreadable blob). Never throws.
 */
export async function fixMp4Duration(blob: Blob, durationMs: number): Promise<Blob> {
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) return blob;
  try {
    const head = new Uint8Array(await blob.slice(0, Math.min(HEAD, blob.size)).arrayBuffer());
    const view = new DataView(head.buffer);
    const top = readBoxes(view, 0, head.length);
    if (top[0]?.type !== 'ftyp') return blob;
    const moov = top.find((b) => b.type === 'moov');
    if (!moov || moov.end > head.length) return blob;
    let timescale = 0;
    let mehd: Box | null = null;
    const walk = (box: Box): void => {
      for (const child of readBoxes(view, box.start + box.header, box.end)) {
        if (child.type === 'mvhd') {
          const v = view.getUint8(child.start + child.header);
          timescale = view.getUint32(child.start + child.header + (v === 1 ? 20 : 12));
        } else if (child.type === 'mehd') mehd = child;
        else if (CONTAINERS.has(child.type)) walk(child);
      }
    };
    walk(moov);
    const found = mehd as Box | null;
    if (!found || !timescale) return blob;
    const at = found.start + found.header;
    const version = view.getUint8(at);
    const value = Math.round((durationMs * timescale) / 1000);
    if (version === 1) {
      if (view.getBigUint64(at + 4) !== 0n) return blob;
      view.setBigUint64(at + 4, BigInt(value));
    } else {
      if (view.getUint32(at + 4) !== 0 || value > 0xffffffff) return blob;
      view.setUint32(at + 4, value);
    }
    const parts: BlobPart[] = [head.slice(0, moov.end), blob.slice(moov.end)];
    if (typeof File !== 'undefined' && blob instanceof File) return new File(parts, blob.name, { type: blob.type, lastModified: blob.lastModified });
    return new Blob(parts, { type: blob.type });
  } catch {
    return blob;
  }
}
