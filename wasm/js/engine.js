// Drives the binding: config, tables in chunks (progress, cancellation, yields),
// and a large CSV activity table read in parallel: every reader sees every byte
// and keeps its share of the people; helpers read shards 1..n-1 and send their
// saved state, which this thread (shard 0) merges in order: the bytes of one reader.
import { GapScoreError, cancelledError, checkResult as check } from './errors.js';
import { DEFAULT_CHUNK_BYTES, TABLES, checkTables, configText, dateText, describeInput, isBlob, isWorkbookInput, usageFiles } from './inputs.js';
import { platformDigest, platformHasher } from './platform.js';
import { Session } from './session.js';

const YIELD_EVERY_MS = 30;
/** Below this an activity table is read by one reader: helpers would cost more than they save. */
export const DEFAULT_MIN_PARALLEL_BYTES = 8 << 20;
/** A helper whose wasm memory (which never shrinks) grew past this in a read is ended after it. */
export const DEFAULT_HELPER_KEEP_BYTES = 32 << 20;
/** Slices the hashing helper reads at a time. */
const HASH_CHUNK_BYTES = 4 << 20;
const NO_SHARD = Object.freeze({ index: 0, count: 1 });

class StopReading extends Error {}

// Lets queued events (a cancel message, UI input) run between chunks.
const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/** pause(): yields now and then, and throws "cancelled" once `signal` aborts. */
function pacer(signal) {
  let lastYield = Date.now();
  return async () => {
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
    if (signal?.aborted) throw cancelledError();
  };
}

function columnValues(table, name, values) {
  if (values instanceof Float64Array) return values;
  if (ArrayBuffer.isView(values)) return Float64Array.from(values);
  if (!Array.isArray(values)) {
    throw new GapScoreError('invalid_argument', `${table}.${name}: expected an array or a typed array`, { table, column: name });
  }
  if (values.every((v) => v == null || typeof v === 'number')) return Float64Array.from(values, (v) => (v == null ? NaN : v));
  return values.map((v) => {
    if (v == null) return '';
    if (v instanceof Date) return dateText(v);
    return String(v);
  });
}

/**
 * Lends `bytes` through a new port (inputs.js lentChunks): a copy of each slice asked for,
 * into the spent buffer the reader sent back when there is one.
 */
function lendBytes(bytes, lenders) {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = ({ data: [from, to, spare] }) => {
    let buffer = spare;
    if (buffer?.byteLength >= to - from) new Uint8Array(buffer, 0, to - from).set(bytes.subarray(from, to));
    else ({ buffer } = Uint8Array.prototype.slice.call(bytes, from, to));  // a Buffer's slice is a view
    port1.postMessage(buffer, [buffer]);
  };
  lenders.push(port1);
  return { port: port2, size: bytes.length };
}

/**
 * One table: begin, push its chunks, end. `digest` ({update?(bytes), hex()}) is the
 * SHA-256 computed beside the engine; without it the engine hashes (shard 0 only).
 */
async function readTable(session, table, input, { source, shard, digest, onProgress, pause, ingest }) {
  // Size hint: bytes, not rows (row objects give none).
  ingest(session.beginTable(table, input.format, source, input.format === 'json' ? 0 : input.total, shard.index, shard.count, digest != null));
  let done = 0;
  onProgress?.({ phase: 'read', table, done, total: input.total });
  for await (const [bytes, units] of input.chunks()) {
    digest?.update?.(bytes);
    ingest(session.push(bytes));
    done += units;
    onProgress?.({ phase: 'read', table, done, total: input.total });
    await pause();
  }
  ingest(session.endTable(digest ? await digest.hex() : ''));
}

/**
 * Workbooks among the tables read as their sheet's CSV (workbook.js, imported only then);
 * digests: the workbook files' SHA-256 (promises). No workbook: the tables as they are.
 */
async function workbooksAsCsv(Module, tables, options) {
  for (const [table, value] of Object.entries(tables ?? {})) {
    if (table !== 'usage' && value != null && (await isWorkbookInput(value))) {
      return (await import('./workbook.js')).workbooksAsCsv(Module, tables, options);
    }
  }
  return { tables, digests: {} };
}

/** The source name of each table: given, else a File's own name, else none. */
function sourceNamesOf(tables, sourceNames) {
  const out = {};
  for (const table of TABLES) {
    const value = tables?.[table];
    if (value != null) out[table] = sourceNames?.[table] ?? ((isBlob(value) && value.name) || '');
  }
  return out;
}

function isStrict(configJson) {
  try {
    return JSON.parse(configJson || '{}')?.mode === 'strict';
  } catch {
    return false;
  }
}

/**
 * Whether a value can be posted to a helper. Node's file-backed Blobs (`fs.openAsBlob`) cannot:
 * they are read in this thread, by one reader.
 */
function postable(value) {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Readers of the activity: one unless it is CSV (bytes or a Blob) of at least minParallelBytes
 * and the run is lenient (strict mode stops at the first bad row in file order).
 */
async function readerCount(Module, tables, configJson, columns, workers, minParallelBytes) {
  const activity = tables?.activity;
  if (workers <= 1 || columns != null || activity == null || Array.isArray(activity) || isStrict(configJson)) return 1;
  if (isBlob(activity) && !postable(activity)) return 1;
  const size = isBlob(activity) ? activity.size : activity.bytes?.length;
  if (!(size >= Math.max(1, minParallelBytes))) return 1;
  const head = isBlob(activity) ? new Uint8Array(await activity.slice(0, 4096).arrayBuffer()) : activity.bytes.subarray(0, 4096);
  return JSON.parse(Module.sniff(head)).format === 'csv' ? workers : 1;
}

/** The hex SHA-256 of a Blob read slice by slice: the platform's hasher, else the engine's. */
export async function hashBlob(getModule, blob, { chunkBytes = HASH_CHUNK_BYTES, signal } = {}) {
  let hasher = await platformHasher();
  let wasm = null;
  if (!hasher) {
    const Module = await getModule();
    wasm = new Module.Sha256();
    hasher = { update: (bytes) => wasm.update(bytes), hex: () => wasm.hex() };
  }
  try {
    for (let i = 0; i < blob.size; i += chunkBytes) {
      if (signal?.aborted) throw cancelledError();
      hasher.update(new Uint8Array(await blob.slice(i, Math.min(blob.size, i + chunkBytes)).arrayBuffer()));
    }
    return hasher.hex();
  } finally {
    wasm?.delete();
  }
}

// A CSV table that is not UTF-8, with only ASCII before its first bad byte, is most likely Excel's
// "CSV" on Windows: the engine says looks_windows_1252, and the tables are read again with
// config.encodings naming that table (as the CLI does). The report's config says so.
const LOOKS_WINDOWS_1252 = 'looks_windows_1252';

function withWindows1252(config, table) {
  const c = JSON.parse(configText(config) || '{}');
  return { ...c, encodings: { ...c.encodings, [table]: 'windows-1252' } };
}

/**
 * Runs `read(config, options)` again while a table turns out to be Windows-1252 (`tableOf(result or error)`
 * names it); a generated salt goes to the caller once, the one of the read that is kept.
 */
async function readingWindows1252(config, options, read, tableOf) {
  let salt = null;
  const attempt = { ...options, onGeneratedSalt: (s) => { salt = s; } };
  for (let tries = 0; ; tries += 1) {
    let result;
    try {
      result = await read(config, attempt);
    } catch (e) {
      const table = e?.code === LOOKS_WINDOWS_1252 && tries < TABLES.length ? e.table : null;
      if (!table) {
        if (salt) options.onGeneratedSalt?.(salt);
        throw e;
      }
      config = withWindows1252(config, table);
      continue;
    }
    const table = tries < TABLES.length ? tableOf(result) : null;
    if (!table) {
      if (salt) options.onGeneratedSalt?.(salt);
      return result;
    }
    config = withWindows1252(config, table);
  }
}

/**
 * Reads the tables into a new Session (shard 0 of `readers`, with helpers for the rest);
 * a Windows-1252 table is read again as such.
 * ctx: {pool(): the helper pool, workers, minParallelBytes}; options: RunOptions + {columns}.
 */
export function openSession(Module, tables, config, options, ctx) {
  return readingWindows1252(config, options, (c, o) => openSessionOnce(Module, tables, c, o, ctx), () => null);
}

async function openSessionOnce(Module, tables, config, options, ctx) {
  const { onProgress, signal, chunkBytes = DEFAULT_CHUNK_BYTES, columns, sourceNames, onGeneratedSalt } = options;
  if (columns == null) checkTables(tables, sourceNames);
  const configJson = configText(config);
  const session = new Module.Session();
  const pause = pacer(signal);
  // Stops the helpers when this read fails or is cancelled.
  const helpers = new AbortController();
  const stopHelpers = () => helpers.abort();
  const lenders = [];  // ports lending the activity's bytes
  signal?.addEventListener('abort', stopHelpers, { once: true });
  try {
    check(session.init(configJson));
    // With "privacy": {"salt": "generate"} the engine made a salt for this session (the report uses this
    // session's; helpers' sessions only read).
    const salt = session.generatedSalt();
    if (salt) onGeneratedSalt?.(salt);
    if (signal?.aborted) throw cancelledError();
    const names = sourceNamesOf(tables, sourceNames);
    // Workbooks are read as their sheet's CSV; the digest recorded is the workbook file's.
    const workbooks = await workbooksAsCsv(Module, tables, { sheets: options.sheets, sourceNames: names });
    const inputs = [];
    for (const table of TABLES) {
      const value = workbooks.tables?.[table];
      if (value != null) inputs.push({ table, value, input: describeInput(table, value, chunkBytes) });
    }
    const byTable = Object.fromEntries(inputs.map((x) => [x.table, x.input.bytes ? { bytes: x.input.bytes } : x.value]));
    const workers = options.workers ?? ctx.workers;
    const readers = await readerCount(Module, byTable, configJson, columns, workers, options.minParallelBytes ?? ctx.minParallelBytes);

    // Helpers start first, so that they read while this thread does.
    const shards = [];
    let hashed = { bytes: 0 };  // the hasher's wasm memory + this thread's, when it ended
    const digests = Object.fromEntries(Object.entries(workbooks.digests).map(([t, p]) => [t, { hex: () => p, how: 'platform' }]));
    if (readers > 1) {
      const pool = ctx.pool();
      // Bytes become one Blob that every helper reads in slices (posting a Blob passes a
      // reference), but the activity's are lent chunk by chunk.
      const shared = Object.fromEntries(inputs.map(({ table, value, input }) =>
        [table, input.bytes && table !== 'activity' ? new Blob([input.bytes]) : value]));
      const activityBytes = inputs.find((x) => x.table === 'activity').input.bytes;
      for (let i = 1; i < readers; i += 1) {
        const lent = activityBytes && lendBytes(activityBytes, lenders);
        const p = pool.call(`shard${i}`, 'shard.read', { tables: lent ? { ...shared, activity: lent } : shared, config: configJson, shard: { index: i, count: readers }, chunkBytes, sourceNames: names },
          { signal: helpers.signal, transfer: lent ? [lent.port] : [] });
        p.catch(() => {});  // awaited in order below, or abandoned when this thread fails first
        shards.push(p);
      }
      const activity = inputs.find((x) => x.table === 'activity');
      if (isBlob(activity.value)) {
        // A Blob is hashed slice by slice in a helper of its own, beside the readers.
        const p = pool.call('hash', 'hash.blob', { blob: activity.value }, { signal: helpers.signal })
          .then((r) => {
            // One that hashed in wasm ends: no instance kept only to hash.
            if (r.heapBytes) {
              hashed = { at: Date.now(), bytes: r.heapBytes + Module.HEAPU8.length };
              pool.retire('hash');
            }
            return r.hex;
          }, (e) => (e.code === 'cancelled' ? Promise.reject(e) : hashBlob(async () => Module, activity.value, { signal })));
        p.catch(() => {});
        digests.activity = { hex: () => p, how: 'worker' };
      }
    }
    for (const { table, input } of inputs) {
      if (digests[table]) continue;
      if (input.bytes) {
        // Bytes in memory: the platform hashes them in native code, WebCrypto off this thread while the
        // engine parses; node:crypto on it (39 ms for 64 MB, Node's WebCrypto blocks longer for its copy).
        const p = platformDigest(input.bytes)?.catch(() => Module.sha256(input.bytes));
        if (p) {
          p.catch(() => {});
          digests[table] = { hex: () => p, how: 'platform' };
        }
      } else if (input.format !== 'json') {
        // A Blob read here: the platform's incremental hasher when there is one (Node), else the engine.
        const h = await platformHasher();
        if (h) digests[table] = { update: h.update, hex: h.hex, how: 'platform' };
      }
    }

    const ingest = check;
    if (columns != null) {
      const colNames = Object.keys(columns);
      const values = colNames.map((n) => columnValues('activity', n, columns[n]));
      onProgress?.({ phase: 'read', table: 'activity', done: 0, total: 1 });
      ingest(session.addColumns('activity', colNames, values));
      onProgress?.({ phase: 'read', table: 'activity', done: 1, total: 1 });
    }
    for (const { table, input } of inputs) {
      const shard = table === 'activity' ? { index: 0, count: readers } : NO_SHARD;
      await readTable(session, table, input, { source: names[table], shard, digest: digests[table] ?? null, onProgress, pause, ingest });
    }
    await readUsage(Module, session, tables?.usage, { chunkBytes, onProgress, signal, pause, ingest, sheet: options.sheets?.usage });

    // Merged in index order, as the CLI does: the first failure in that order is the error.
    const heapBytes = [];
    let heapBytesAtHandoff = 0;
    let whileHashing = hashed.bytes;  // + the helpers' memory then
    const keepBytes = options.helperKeepBytes ?? ctx.helperKeepBytes ?? DEFAULT_HELPER_KEEP_BYTES;
    for (let i = 0; i < shards.length; i += 1) {
      onProgress?.({ phase: 'merge', done: i, total: shards.length });
      const result = await shards[i];
      heapBytes.push(result.heapBytes);
      heapBytesAtHandoff = Module.HEAPU8.length;
      if (whileHashing) whileHashing += (result.grew.findLast(([t]) => t <= hashed.at) ?? result.grew[0])[1];
      if (result.heapBytes > keepBytes) ctx.pool().retire(`shard${i + 1}`);
      ingest(session.mergeState(result.state));
      await pause();
    }
    if (shards.length) onProgress?.({ phase: 'merge', done: shards.length, total: shards.length });
    const info = { readers, helperHeapBytes: heapBytes, heapBytesAtHandoff, helpersKept: heapBytes.map((b) => b <= keepBytes), digest: digests.activity?.how ?? 'engine',
      heapBytesWhileHashing: whileHashing };
    return new Session(session, info,
      (handle, more, opts) => addActivity(Module, handle, more, opts), (e) => ctx.trap(e, Module), ctx.hold?.());
  } catch (e) {
    stopHelpers();
    session.delete();
    throw e;
  } finally {
    signal?.removeEventListener('abort', stopHelpers);
    for (const port of lenders) {
      port.postMessage(null);  // a helper still reading stops
      port.close();
    }
  }
}

/**
 * session.add(tables): more activity files read into a session that has not reported yet
 * (e.g. one loaded from last month's saved state). Files are read in SHA-256 order, as the
 * CLI reads several --activity files: for a key in two files the file whose digest sorts
 * first wins; the same bytes twice are read once and noted (duplicate_input).
 */
export async function addActivity(Module, handle, tables, options = {}) {
  const { onProgress, signal, chunkBytes = DEFAULT_CHUNK_BYTES, sourceNames } = options;
  const extra = Object.keys(tables ?? {}).filter((t) => t !== 'activity');
  if (extra.length) {
    throw new GapScoreError('invalid_argument', `add() reads activity files only (the other tables are the session's): ${extra.join(', ')}`);
  }
  const values = [tables?.activity].flat().filter((v) => v != null);
  if (!values.length) throw new GapScoreError('invalid_argument', 'add() needs { activity: file or [files] }');
  const names = [sourceNames?.activity ?? []].flat();
  const pause = pacer(signal);
  const files = [];
  for (const [i, given] of values.entries()) {
    const source = names[i] ?? (typeof given?.name === 'string' ? given.name : '');
    // A workbook: its sheet as CSV, its digest the workbook file's.
    const workbook = await workbooksAsCsv(Module, { activity: given }, { sheets: options.sheets, sourceNames: { activity: source } });
    const value = workbook.tables.activity;
    const input = describeInput('activity', value, chunkBytes);
    const digest = workbook.digests.activity ? await workbook.digests.activity : input.bytes
      ? await (platformDigest(input.bytes)?.catch(() => Module.sha256(input.bytes)) ?? Module.sha256(input.bytes))
      : await hashBlob(async () => Module, value, { chunkBytes, signal });
    files.push({ input, digest, source });
  }
  files.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  check(handle.beginAdd(new Set(files.map((f) => f.digest)).size));
  let open = true;
  try {
    let last = null;
    for (const f of files) {
      if (f.digest === last) {
        check(handle.noteRepeatedInput(f.source, f.digest));
        continue;
      }
      await readTable(handle, 'activity', f.input, { source: f.source, shard: NO_SHARD, digest: { hex: () => f.digest }, onProgress, pause, ingest: check });
      last = f.digest;
    }
    open = false;
    check(handle.endAdd());
  } finally {
    if (open) { try { handle.endAdd(); } catch { /* the add failed: its copy is dropped */ } }
  }
}

// The engine reads one export in one call; a Blob is gathered slice by slice first.
async function readUsage(Module, session, usage, { chunkBytes, onProgress, signal, pause, ingest, sheet = '' }) {
  for (const file of usageFiles(usage)) {
    const total = file.size;
    onProgress?.({ phase: 'read', table: 'usage', done: 0, total });
    const bytes = await file.bytes(chunkBytes, (done) => {
      if (done < total) onProgress?.({ phase: 'read', table: 'usage', done, total });
      if (signal?.aborted) throw cancelledError();
    });
    const text = (await isWorkbookInput(bytes)) ? await (await import('./workbook.js')).workbookToCsv(bytes, { sheet, source: file.name }) : bytes;
    ingest(session.addUsage(text, file.name, file.format));
    onProgress?.({ phase: 'read', table: 'usage', done: total, total });
    await pause();
  }
}

/**
 * A helper's part of a parallel read: every table, the activity as `shard`; returns the
 * saved state (transferred back) and the size of this instance's wasm memory.
 */
export async function readShard(Module, { tables, config, shard, chunkBytes = DEFAULT_CHUNK_BYTES, sourceNames }, { signal } = {}) {
  const session = new Module.Session();
  const pause = pacer(signal);
  const grew = [];  // [Date.now(), memory] when this instance's memory changed size
  const ingest = (r) => {
    const n = Module.HEAPU8.length;
    if (n !== grew.at(-1)?.[1]) grew.push([Date.now(), n]);
    return check(r);
  };
  try {
    check(session.init(config));
    for (const table of TABLES) {
      const value = tables?.[table];
      if (value == null) continue;
      await readTable(session, table, describeInput(table, value, chunkBytes), {
        source: sourceNames?.[table] ?? '', shard: table === 'activity' ? shard : NO_SHARD, digest: null, pause, ingest,
      });
    }
    const { state } = check(session.saveState(true));  // a handoff: no checksum to compute here and check there
    return { state, heapBytes: Module.HEAPU8.length, grew };
  } finally {
    session.delete();
  }
}

/**
 * validate(): ingest and join only, one reader. A table that cannot be read is a finding, not a failure;
 * a Windows-1252 table is read again as such.
 */
export function validateTables(Module, tables, config, options = {}) {
  return readingWindows1252(config, options, (c, o) => validateOnce(Module, tables, c, o),
    (text) => JSON.parse(text).error?.find?.((d) => d.code === LOOKS_WINDOWS_1252)?.table ?? null);
}

async function validateOnce(Module, tables, config, options) {
  const { onProgress, signal, chunkBytes = DEFAULT_CHUNK_BYTES, sourceNames, onGeneratedSalt } = options;
  checkTables(tables, sourceNames);
  const session = new Module.Session();
  const pause = pacer(signal);
  const ingest = (result) => {
    if (result.ok) return result;
    const code = JSON.parse(result.error).code;
    if (code === 'invalid_argument' || code === 'cancelled') return check(result);
    throw new StopReading();
  };
  try {
    check(session.init(configText(config)));
    const salt = session.generatedSalt();
    if (salt) onGeneratedSalt?.(salt);
    if (signal?.aborted) throw cancelledError();
    const names = sourceNamesOf(tables, sourceNames);
    const workbooks = await workbooksAsCsv(Module, tables, { sheets: options.sheets, sourceNames: names });
    try {
      for (const table of TABLES) {
        const value = workbooks.tables?.[table];
        if (value == null) continue;
        const digest = workbooks.digests[table] ? { hex: () => workbooks.digests[table] } : null;
        await readTable(session, table, describeInput(table, value, chunkBytes), { source: names[table], shard: NO_SHARD, digest, onProgress, pause, ingest });
      }
      await readUsage(Module, session, tables?.usage, { chunkBytes, onProgress, signal, pause, ingest, sheet: options.sheets?.usage });
    } catch (e) {
      if (!(e instanceof StopReading)) throw e;
    }
    await pause();
    onProgress?.({ phase: 'validate', done: 0, total: 1 });
    const text = session.validate().validation;
    onProgress?.({ phase: 'validate', done: 1, total: 1 });
    return text;
  } finally {
    session.delete();
  }
}
