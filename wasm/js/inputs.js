// Turns the table forms callers hand us (CSV text, bytes, Blobs/Files, arrays
// of objects) into byte chunks for the core, without making several copies of
// big inputs: a Blob is read one slice at a time.
import { GapScoreError, cancelledError } from './errors.js';

// The order the engine reads tables in: the activity last (gapscore/inputs.h kReadOrder).
export const TABLES = ['people', 'playbook', 'identities', 'surveys', 'activity'];
export const DEFAULT_CHUNK_BYTES = 1 << 20;
/** The most the engine's sniff reads of a file (core/src/detect/sniff.cpp). */
export const SNIFF_BYTES = 64 * 1024;
const encoder = new TextEncoder();

/** A Blob or File (Node 20 has both as globals; some runtimes have neither). */
export const isBlob = (value) => typeof Blob !== 'undefined' && value instanceof Blob;

function* bytesChunks(bytes, chunkBytes) {
  for (let i = 0; i < bytes.length; i += chunkBytes) {
    const part = bytes.subarray(i, Math.min(bytes.length, i + chunkBytes));
    yield [part, part.length];
  }
}

// At most two slices in memory: the one being parsed and the next, read
// meanwhile (a File's next slice comes from disk while the engine works).
// A 3.5 GB File never becomes one buffer.
async function* blobChunks(blob, chunkBytes) {
  const read = (at) => blob.slice(at, Math.min(blob.size, at + chunkBytes)).arrayBuffer();
  let next = blob.size > 0 ? read(0) : null;
  for (let i = 0; i < blob.size; i += chunkBytes) {
    const current = new Uint8Array(await next);
    next = i + chunkBytes < blob.size ? read(i + chunkBytes) : null;
    yield [current, current.length];
  }
}

// Bytes lent by another thread ({port, size}; engine.js lendBytes), asked for 8 chunks ahead.
const isLent = (value) => typeof value?.port?.postMessage === 'function';

async function* lentChunks({ port, size }, chunkBytes) {
  const replies = [];  // a port delivers in order
  const pending = [];
  // An end mark can come after the last reply (in Node, even once the port is closed): nothing waits for it then.
  port.onmessage = ({ data }) => replies.shift()?.(data);
  let asked = 0;
  // Each ask hands back a spent chunk's buffer for the lender to fill: its pages are
  // already mapped, and a new buffer per chunk cost the lender's thread its page faults.
  const ask = (spare) => {
    const from = asked;
    const n = (asked = Math.min(size, asked + chunkBytes)) - from;
    pending.push(new Promise((resolve) => replies.push((data) => resolve(data && new Uint8Array(data, 0, n)))));
    port.postMessage([from, asked, spare], spare ? [spare] : []);
  };
  try {
    while (asked < size && pending.length < 8) ask(null);
    let spare = null;
    while (pending.length) {
      const bytes = await pending.shift();
      if (!bytes) throw cancelledError();  // the lender's read ended first
      if (asked < size) ask(spare);
      spare = null;
      yield [bytes, bytes.length];
      spare = bytes.buffer;  // the reader is done with it once it asks for the next chunk
    }
  } finally {
    port.close();
  }
}

/** The whole of a Blob as bytes, read slice by slice (onRead(bytesSoFar) after each). */
export async function readBlob(blob, chunkBytes = DEFAULT_CHUNK_BYTES, onRead = null) {
  const out = new Uint8Array(blob.size);
  for (let i = 0; i < blob.size; i += chunkBytes) {
    const end = Math.min(blob.size, i + chunkBytes);
    out.set(new Uint8Array(await blob.slice(i, end).arrayBuffer()), i);
    onRead?.(end);
  }
  return out;
}

/** The first SNIFF_BYTES of an input (bytes, text or Blob), without reading or copying the rest. */
export async function headBytes(input) {
  if (typeof input === 'string') {
    // Every character is at least one UTF-8 byte, so this many characters cover the head.
    return encoder.encode(input.slice(0, SNIFF_BYTES)).subarray(0, SNIFF_BYTES);
  }
  if (input instanceof ArrayBuffer) return new Uint8Array(input, 0, Math.min(SNIFF_BYTES, input.byteLength));
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, Math.min(SNIFF_BYTES, input.byteLength));
  if (isBlob(input)) return new Uint8Array(await input.slice(0, SNIFF_BYTES).arrayBuffer());
  throw new GapScoreError('invalid_argument', 'sniff() needs text, an ArrayBuffer/Uint8Array, or a Blob/File');
}

/**
 * A JS Date as the calendar date it stands for: UTC midnight (new Date('2025-01-06'))
 * is that UTC date; any other time (new Date(2025, 0, 6), local midnight) is its local date.
 */
export function dateText(d) {
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  const [y, m, day] = utcMidnight ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] : [d.getFullYear(), d.getMonth(), d.getDate()];
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// JSON.stringify has already turned a Date into its ISO timestamp when a replacer sees it; `this[key]` is the Date.
function datesAsCalendarDays(key, value) {
  const raw = this[key];
  return raw instanceof Date ? dateText(raw) : value;
}

function* objectChunks(rows, batch) {
  yield [encoder.encode('['), 0];
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch).map((r) => JSON.stringify(r, datesAsCalendarDays)).join(',');
    yield [encoder.encode((i > 0 ? ',' : '') + part), Math.min(batch, rows.length - i)];
  }
  yield [encoder.encode(']'), 0];
}

/**
 * The bytes of an input held in memory (text as UTF-8, encoded once so that the
 * platform can hash it), or null for a Blob or row objects.
 */
export function memoryBytes(value) {
  if (typeof value === 'string') return encoder.encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

/**
 * Describes one table input: its format hint, total size (for progress) and chunk iterator.
 * Chunks are [bytes, units done] pairs; units are bytes (text: its UTF-8 bytes) or rows.
 * `bytes`: the input's memoryBytes() when the caller made them already.
 * @returns {{format: string, total: number, bytes: Uint8Array|null, chunks: () => Iterable<[Uint8Array, number]> | AsyncIterable<[Uint8Array, number]>}}
 */
export function describeInput(table, value, chunkBytes = DEFAULT_CHUNK_BYTES, bytes = memoryBytes(value)) {
  if (bytes) {
    return { format: '', total: bytes.length, bytes, chunks: () => bytesChunks(bytes, chunkBytes) };
  }
  if (isBlob(value)) {
    return { format: '', total: value.size, bytes: null, chunks: () => blobChunks(value, chunkBytes) };
  }
  if (isLent(value)) {
    return { format: '', total: value.size, bytes: null, chunks: () => lentChunks(value, chunkBytes) };
  }
  if (Array.isArray(value)) {
    // Several files in one array are for session.add(); here an array is rows (outside review: byte arrays read as rows).
    if (value.some((x) => ArrayBuffer.isView(x) || x instanceof ArrayBuffer || isBlob(x))) {
      throw new GapScoreError('invalid_argument',
        `${table}: an array must hold row objects; several ${table} files are read one by one (gs.open(), then session.add({ ${table}: [files] }))`, { table });
    }
    return { format: 'json', total: value.length, bytes: null, chunks: () => objectChunks(value, 10000) };
  }
  throw new GapScoreError('invalid_argument',
    `${table}: expected CSV text, an ArrayBuffer/Uint8Array or Blob/File of CSV or JSON bytes, or an array of objects`, { table });
}

export function checkTables(tables, sourceNames) {
  if (tables == null || typeof tables !== 'object') {
    throw new GapScoreError('invalid_argument', 'analyze() needs an object such as {activity, people?, surveys?, playbook?}');
  }
  // One name per table (outside review: an array reached the engine as a binding error without a code).
  for (const [table, name] of Object.entries(sourceNames ?? {})) {
    if (name != null && typeof name !== 'string') {
      throw new GapScoreError('invalid_argument', `sourceNames.${table}: a file name (text), one per table`, { table });
    }
  }
  for (const key of Object.keys(tables)) {
    if (!TABLES.includes(key) && key !== 'usage') {
      throw new GapScoreError('invalid_argument', `unknown table "${key}" (expected ${[...TABLES, 'usage'].join(', ')})`, { table: key });
    }
  }
  const usage = usageFiles(tables.usage);
  // Adoption-only: usage exports with a people table, or a Viva Insights person
  // query, which lists the people itself (the engine says when neither is given).
  if (tables.activity == null && usage.length === 0) {
    throw new GapScoreError('invalid_argument',
      'the activity table is required (or usage exports for an adoption-only report: with people, or a Viva Insights person query)',
      { table: 'activity' });
  }
}

/**
 * AI-usage exports: one input or an array; each a table input or {data, name?, format?}.
 * Returns descriptors {data, size, name, format}; bytes(chunkBytes, onRead) reads the data
 * (a Blob slice by slice), since the engine takes one export in one call.
 */
export function usageFiles(usage) {
  if (usage == null) return [];
  const isWrapped = (x) => x !== null && typeof x === 'object' && 'data' in x && !ArrayBuffer.isView(x) && !isBlob(x);
  const isSingle = (x) => typeof x === 'string' || x instanceof ArrayBuffer || ArrayBuffer.isView(x) || isBlob(x) || isWrapped(x);
  const list = Array.isArray(usage) && usage.some(isSingle) ? usage : [usage];
  return list.map((item, i) => {
    const wrapped = isWrapped(item);
    const data = wrapped ? item.data : item;
    let size;
    if (typeof data === 'string') size = data.length;
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) size = data.byteLength;
    else if (isBlob(data)) size = data.size;
    else throw new GapScoreError('invalid_argument', `usage[${i}]: expected text, bytes, a Blob/File, or {data, name?, format?}`, { table: 'usage' });
    return {
      data,
      size,
      name: (wrapped && item.name) || (isBlob(data) && data.name) || `usage-${i + 1}`,
      format: (wrapped && item.format) || '',
      async bytes(chunkBytes, onRead) {
        if (typeof data === 'string') return encoder.encode(data);
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        return readBlob(data, chunkBytes, onRead);
      },
    };
  });
}

export function configText(config) {
  if (config == null) return '';
  if (typeof config === 'string') return config;
  if (typeof config !== 'object') throw new GapScoreError('config_invalid_value', 'config must be an object or JSON text');
  return JSON.stringify(config);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];  // legacy .xls, or a password-protected workbook
const startsWith = (head, magic) => head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** Whether bytes start like an Excel workbook: a zip (.xlsx) or an OLE file (.xls). */
export const isWorkbookHead = (head) => startsWith(head, ZIP) || startsWith(head, OLE);

/** Whether a table input (bytes or a Blob; text never is) is a workbook, by its first bytes. */
export async function isWorkbookInput(value) {
  if (typeof value === 'string') return false;
  const bytes = memoryBytes(value);
  if (bytes) return isWorkbookHead(bytes.subarray(0, 8));
  return isBlob(value) && isWorkbookHead(new Uint8Array(await value.slice(0, 8).arrayBuffer()));
}
