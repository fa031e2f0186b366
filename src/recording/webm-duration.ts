/**
 * Writes the missing duration into a WebM (Matroska) file's header.
 *
 * `MediaRecorder` writes WebM as a live stream: the Segment (and often each Cluster) has an
 * "unknown" size and the Segment Info has no Duration, because the length is not known when the
 * header is written. Players then report `duration === Infinity` and cannot seek. This module
 * patches only the head of the file: it reads the first bytes of the Blob (64 KiB, more only
 * when the Info element lies further in), adds a Duration element (an 8-byte float, in the
 * file's TimecodeScale units) to the Segment Info, and returns
 * `new Blob([patchedHead, blob.slice(n)])`: the media data itself is never copied into script
 * memory, so a 60 s file is patched in a few milliseconds.
 *
 * What grows by the added bytes, and how the rest stays valid:
 * - a Void element right after Info gives up the bytes when it is large enough (no offset moves);
 * - otherwise everything after Info moves: a known Segment size grows with it, and the
 *   SeekHead's positions of elements after Info are moved (SeekPosition is relative to the
 *   Segment's data, so only those after the insertion point change). A file with Cues and no
 *   room in a Void is left unchanged: its cue positions lie past the head (such a file was
 *   written by a seekable muxer, which writes the Duration anyway).
 *
 * This module is DOM-free apart from `Blob` and `File`: it runs in a page, a worker or Node.
 * @module
 */

/** EBML / Matroska element IDs (with their length-marker bits, as written in the file). */
const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Cluster: 0x1f43b675,
  Cues: 0x1c53bb6b,
  Void: 0xec,
  SeekID: 0x53ab,
} as const;

/** Largest head read (bytes): an Info element further in than this is not looked for. */
const MAX_HEAD = 1 << 20;
/** First head read (bytes): a MediaRecorder file's Info ends within its first few hundred bytes. */
const FIRST_HEAD = 1 << 16;
/** A Duration element: ID (2 bytes), size (1 byte: 0x88 = 8), float64. */
const DURATION_ELEMENT_LENGTH = 11;

/** One parsed element header. `size` is undefined for the "unknown" size (all value bits set). */
interface Element {
  readonly id: number;
  /** Offset of the ID's first byte. */
  readonly start: number;
  /** Offset of the size field. */
  readonly sizeStart: number;
  /** Offset of the data. */
  readonly dataStart: number;
  readonly size: number | undefined;
  /** Offset after the data (undefined for an unknown size). */
  readonly end: number | undefined;
}

/** The head ended inside the structure being read: read more of the file, or give up. */
class NeedMore extends Error {}
/** Not a file this module can (or should) patch. */
class NotPatchable extends Error {}

function readId(bytes: Uint8Array, pos: number): { id: number; length: number } {
  if (pos >= bytes.length) throw new NeedMore();
  const first = bytes[pos]!;
  const length = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (length === 0) throw new NotPatchable('bad element ID');
  if (pos + length > bytes.length) throw new NeedMore();
  let id = 0;
  for (let i = 0; i < length; i++) id = id * 256 + bytes[pos + i]!;
  return { id, length };
}

function readSize(bytes: Uint8Array, pos: number): { size: number | undefined; length: number } {
  if (pos >= bytes.length) throw new NeedMore();
  const first = bytes[pos]!;
  if (first === 0) throw new NotPatchable('bad element size');
  const length = Math.clz32(first) - 23; // 1..8
  if (pos + length > bytes.length) throw new NeedMore();
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = bytes[pos + i]!;
    if (b !== 0xff) allOnes = false;
    value = value * 256 + b;
  }
  if (allOnes) return { size: undefined, length };
  if (!Number.isSafeInteger(value)) throw new NotPatchable('element size too large');
  return { size: value, length };
}

function readElement(bytes: Uint8Array, pos: number): Element {
  const { id, length: idLength } = readId(bytes, pos);
  const { size, length: sizeLength } = readSize(bytes, pos + idLength);
  const dataStart = pos + idLength + sizeLength;
  return { id, start: pos, sizeStart: pos + idLength, dataStart, size, end: size === undefined ? undefined : dataStart + size };
}

/** The elements of a master element's data, [from, to); each must be complete in `bytes`. */
function children(bytes: Uint8Array, from: number, to: number): Element[] {
  const list: Element[] = [];
  for (let pos = from; pos < to; ) {
    const el = readElement(bytes, pos);
    if (el.end === undefined) throw new NotPatchable('unknown size inside a sized element');
    if (el.end > to) throw new NotPatchable('element overruns its parent');
    if (el.end > bytes.length) throw new NeedMore();
    list.push(el);
    pos = el.end;
  }
  return list;
}

function readUint(bytes: Uint8Array, el: Element): number {
  let value = 0;
  for (let i = el.dataStart; i < el.end!; i++) value = value * 256 + bytes[i]!;
  return value;
}

/** Largest value a size field of `length` bytes holds (all ones is reserved for "unknown"). */
const maxSize = (length: number): number => 2 ** (7 * length) - 2;

/** The size field of `value` in exactly `length` bytes. */
function encodeSize(value: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0]! |= 0x80 >> (length - 1);
  return out;
}

/** Writes an unsigned integer into `length` bytes at `pos` (big-endian). */
function writeUint(bytes: Uint8Array, pos: number, length: number, value: number): void {
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[pos + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

/** A byte-range edit of the head: bytes [start, end) become `bytes`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly bytes: Uint8Array;
}

/** The patch to make, or null when the file already has a finite duration. */
interface Plan {
  /** Edits, sorted by start, non-overlapping, all within the head. */
  readonly edits: Edit[];
}

function durationBytes(value: number, length: 4 | 8): Uint8Array {
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  if (length === 8) view.setFloat64(0, value);
  else view.setFloat32(0, value);
  return out;
}

/** Finds what to change in `bytes` (the head of the file) to give it `durationMs`. */
function plan(bytes: Uint8Array, durationMs: number): Plan | null {
  // EBML header: DocType must be webm or matroska.
  const ebml = readElement(bytes, 0);
  if (ebml.id !== ID.EBML || ebml.end === undefined) throw new NotPatchable('not EBML');
  if (ebml.end > bytes.length) throw new NeedMore();
  const docType = children(bytes, ebml.dataStart, ebml.end).find((e) => e.id === ID.DocType);
  const type = docType ? new TextDecoder().decode(bytes.subarray(docType.dataStart, docType.end)).replace(/\0+$/, '') : '';
  if (type !== 'webm' && type !== 'matroska') throw new NotPatchable(`DocType ${type}`);

  // The Segment, after any Void / CRC-32 elements at the top level.
  let segment = readElement(bytes, ebml.end);
  while (segment.id !== ID.Segment) {
    if (segment.end === undefined) throw new NotPatchable('no Segment');
    segment = readElement(bytes, segment.end);
  }

  // The Segment's children up to the Info element (and the one after it).
  const segmentEnd = segment.end ?? Infinity;
  let info: Element | undefined;
  let afterInfo: Element | undefined;
  let hasCues = false;
  const seekHeads: Element[] = [];
  for (let pos = segment.dataStart; pos < segmentEnd; ) {
    const el = readElement(bytes, pos);
    if (info) {
      afterInfo = el;
      break;
    }
    if (el.id === ID.Cluster) break; // Info comes before the first Cluster, or not at all
    if (el.end === undefined) throw new NotPatchable('unknown size before Info');
    if (el.id === ID.Info) {
      if (el.end > bytes.length) throw new NeedMore();
      info = el;
    } else if (el.id === ID.SeekHead) {
      if (el.end > bytes.length) throw new NeedMore();
      seekHeads.push(el);
    } else if (el.id === ID.Cues) hasCues = true;
    pos = el.end;
  }
  if (!info) throw new NotPatchable('no Info before the first Cluster');

  const infoChildren = children(bytes, info.dataStart, info.end!);
  const scaleEl = infoChildren.find((e) => e.id === ID.TimecodeScale);
  const scale = scaleEl ? readUint(bytes, scaleEl) : 1_000_000;
  if (!(scale > 0)) throw new NotPatchable('bad TimecodeScale');
  const value = (durationMs * 1_000_000) / scale;

  const durationEl = infoChildren.find((e) => e.id === ID.Duration);
  if (durationEl) {
    const length = durationEl.size;
    if (length !== 4 && length !== 8) throw new NotPatchable('bad Duration size');
    const view = new DataView(bytes.buffer, bytes.byteOffset + durationEl.dataStart, length);
    const current = length === 8 ? view.getFloat64(0) : view.getFloat32(0);
    if (Number.isFinite(current) && current > 0) return null; // already fine
    // A zero, NaN or infinite Duration: overwrite it in place.
    return { edits: [{ start: durationEl.dataStart, end: durationEl.end!, bytes: durationBytes(value, length) }] };
  }

  // Append a Duration to Info: its size field may need more bytes.
  const oldSizeLength = info.dataStart - info.sizeStart;
  const newInfoSize = info.size! + DURATION_ELEMENT_LENGTH;
  let sizeLength = oldSizeLength;
  while (newInfoSize > maxSize(sizeLength)) sizeLength++;
  if (sizeLength > 8) throw new NotPatchable('Info too large');
  const grow = DURATION_ELEMENT_LENGTH + sizeLength - oldSizeLength;

  const duration = new Uint8Array(DURATION_ELEMENT_LENGTH);
  duration.set([0x44, 0x89, 0x88]);
  duration.set(durationBytes(value, 8), 3);
  const edits: Edit[] = [
    { start: info.sizeStart, end: info.dataStart, bytes: encodeSize(newInfoSize, sizeLength) },
    { start: info.end!, end: info.end!, bytes: duration },
  ];

  // A Void right after Info (whole in the head) gives up the bytes: nothing moves.
  if (afterInfo?.id === ID.Void && afterInfo.end !== undefined && afterInfo.end <= bytes.length) {
    const total = afterInfo.end - afterInfo.start - grow;
    const sl = [1, 2, 3, 4, 5, 6, 7, 8].find((l) => total - 1 - l >= 0 && total - 1 - l <= maxSize(l));
    if (total === 0 || sl !== undefined) {
      const voidBytes = new Uint8Array(total); // the data of a Void is ignored: zeros
      if (total > 0) {
        voidBytes[0] = ID.Void;
        voidBytes.set(encodeSize(total - 1 - sl!, sl!), 1);
      }
      edits.push({ start: afterInfo.start, end: afterInfo.end, bytes: voidBytes });
      return { edits };
    }
  }

  // Everything after Info moves by `grow`.
  if (hasCues) throw new NotPatchable('Cues and no room for a Duration');
  if (segment.size !== undefined) {
    const segmentSizeLength = segment.dataStart - segment.sizeStart;
    if (segment.size + grow > maxSize(segmentSizeLength)) throw new NotPatchable('Segment size field too short');
    edits.push({ start: segment.sizeStart, end: segment.dataStart, bytes: encodeSize(segment.size + grow, segmentSizeLength) });
  }
  // SeekHead positions (relative to the Segment's data) of elements after Info.
  const infoEnd = info.end! - segment.dataStart;
  for (const head of seekHeads) {
    for (const seek of children(bytes, head.dataStart, head.end!)) {
      if (seek.id !== ID.Seek) continue;
      const entries = children(bytes, seek.dataStart, seek.end!);
      const idEl = entries.find((e) => e.id === ID.SeekID);
      if (idEl && readUint(bytes, idEl) === ID.Cues) throw new NotPatchable('Cues and no room for a Duration');
      const posEl = entries.find((e) => e.id === ID.SeekPosition);
      if (!posEl) continue;
      const position = readUint(bytes, posEl);
      if (position < infoEnd) continue;
      const length = posEl.size!;
      if (length > 6 || position + grow >= 2 ** (8 * length)) throw new NotPatchable('SeekPosition too short');
      const patched = bytes.slice(posEl.dataStart, posEl.end);
      writeUint(patched, 0, length, position + grow);
      edits.push({ start: posEl.dataStart, end: posEl.end!, bytes: patched });
    }
  }
  return { edits };
}

/** Applies sorted, non-overlapping edits to `head[0, until)`. */
function applyEdits(head: Uint8Array, edits: Edit[], until: number): Uint8Array<ArrayBuffer> {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let length = until;
  for (const e of sorted) length += e.bytes.length - (e.end - e.start);
  const out = new Uint8Array(length);
  let from = 0;
  let to = 0;
  for (const e of sorted) {
    out.set(head.subarray(from, e.start), to);
    to += e.start - from;
    out.set(e.bytes, to);
    to += e.bytes.length;
    from = e.end;
  }
  out.set(head.subarray(from, until), to);
  return out;
}

/**
 * Returns `blob` with the Segment Info's Duration set to `durationMs` when the WebM / Matroska
 * file has none (or a zero, NaN or infinite one), as `MediaRecorder` writes it. Returns the same
 * object, unchanged, when the file already has a finite duration, is not WebM / Matroska
 * (an MP4, an Ogg file), is truncated or unreadable, or when `durationMs` is not a positive
 * finite number. Never throws.
 *
 * Only the head of the file is read (64 KiB, up to 1 MiB when Info lies further in); the result
 * is `new Blob([patchedHead, blob.slice(n)])` with the same `type` (a `File` stays a `File`
 * with its name and lastModified), so the media data is not copied into script memory.
 *
 * @param blob a recording (e.g. the Blob made from `MediaRecorder`'s chunks)
 * @param durationMs the recording's length in milliseconds (pauses left out)
 */
export async function fixWebmDuration(blob: Blob, durationMs: number): Promise<Blob> {
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) return blob;
  try {
    for (let n = Math.min(FIRST_HEAD, blob.size); ; n = Math.min(n * 4, blob.size)) {
      const head = new Uint8Array(await blob.slice(0, n).arrayBuffer());
      let result: Plan | null;
      try {
        result = plan(head, durationMs);
      } catch (e) {
        if (e instanceof NeedMore && n < blob.size && n < MAX_HEAD) continue;
        return blob; // not patchable, truncated, or Info too far in
      }
      if (!result) return blob;
      const until = Math.max(...result.edits.map((e) => e.end));
      const parts: BlobPart[] = [applyEdits(head, result.edits, until), blob.slice(until)];
      if (typeof File !== 'undefined' && blob instanceof File) {
        return new File(parts, blob.name, { type: blob.type, lastModified: blob.lastModified });
      }
      return new Blob(parts, { type: blob.type });
    }
  } catch {
    return blob; // the Blob could not be read
  }
}
