// Drives one analysis through the binding: config, tables in chunks (with
// progress, cancellation and yields so a page or worker stays responsive),
// then the report. Shared by the in-thread API and the worker thread.
import { GapScoreError, cancelledError } from './errors.js';
import { DEFAULT_CHUNK_BYTES, TABLES, checkTables, configText, dateText, describeInput, isBlob, usageFiles } from './inputs.js';

const YIELD_EVERY_MS = 30;

class StopReading extends Error {}

// The binding returns {ok: false, error: "<JSON>"}: core wrote the error's JSON once.
function coreError(result) {
  return GapScoreError.fromCore(JSON.parse(result.error));
}

function check(result) {
  if (!result.ok) throw coreError(result);
  return result;
}

// Lets queued events (a cancel message, UI input) run between chunks.
const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

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
 * @param {any} Module the loaded Emscripten module
 * @param {'report'|'validate'} mode
 */
export async function run(Module, mode, tables, config, options = {}) {
  const { onProgress, signal, chunkBytes, columns, sourceNames, ledger, onGeneratedSalt } = options;
  if (columns == null) checkTables(tables);
  const session = new Module.Session();
  let lastYield = Date.now();
  const pause = async () => {
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
    if (signal?.aborted) throw cancelledError();
  };
  // In validate mode a table that cannot be read is a finding, not a failure:
  // stop reading and let validate() describe it.
  const ingest = (result) => {
    if (result.ok || mode === 'report') return check(result);
    const code = JSON.parse(result.error).code;
    if (code === 'invalid_argument' || code === 'cancelled') {
      return check(result);
    }
    throw new StopReading();
  };
  try {
    check(session.init(configText(config)));
    const salt = session.generatedSalt();
    if (salt) onGeneratedSalt?.(salt);
    if (signal?.aborted) throw cancelledError();
    try {
      if (columns != null) {
        const names = Object.keys(columns);
        const values = names.map((n) => columnValues('activity', n, columns[n]));
        onProgress?.({ phase: 'read', table: 'activity', done: 0, total: 1 });
        ingest(session.addColumns('activity', names, values));
        onProgress?.({ phase: 'read', table: 'activity', done: 1, total: 1 });
      }
      for (const table of TABLES) {
        const value = tables?.[table];
        if (value == null) continue;
        const input = describeInput(table, value, chunkBytes);
        const source = sourceNames?.[table] ?? ((isBlob(value) && value.name) || '');
        ingest(session.beginTable(table, input.format, source, input.format === 'json' ? 0 : input.total, 0, 1, false));  // size hint: bytes or characters, not rows
        let done = 0;
        onProgress?.({ phase: 'read', table, done, total: input.total });
        for await (const [bytes, units] of input.chunks()) {
          ingest(session.push(bytes));
          done += units;
          onProgress?.({ phase: 'read', table, done, total: input.total });
          await pause();
        }
        ingest(session.endTable(''));
      }
      // The engine reads one export in one call; a Blob is gathered slice by slice first.
      for (const file of usageFiles(tables?.usage)) {
        const total = file.size;
        onProgress?.({ phase: 'read', table: 'usage', done: 0, total });
        const bytes = await file.bytes(chunkBytes ?? DEFAULT_CHUNK_BYTES, (done) => {
          if (done < total) onProgress?.({ phase: 'read', table: 'usage', done, total });
          if (signal?.aborted) throw cancelledError();
        });
        ingest(session.addUsage(bytes, file.name, file.format));
        onProgress?.({ phase: 'read', table: 'usage', done: total, total });
        await pause();
      }
    } catch (e) {
      if (!(e instanceof StopReading)) throw e;
    }
    await pause();
    // Protection dp: the release spends from the caller's ledger, read just before it.
    if (mode === 'report' && ledger) check(session.setLedger((await ledger.get()) ?? ''));
    onProgress?.({ phase: mode === 'report' ? 'analyze' : 'validate', done: 0, total: 1 });
    const result = mode === 'report' ? check(session.report()) : session.validate();
    if (mode === 'report' && ledger) {
      const next = session.ledger();
      if (next) await ledger.set(next);
    }
    onProgress?.({ phase: mode === 'report' ? 'analyze' : 'validate', done: 1, total: 1 });
    if (mode === 'report') return { text: result.report };
    return { text: result.validation };
  } finally {
    session.delete();
  }
}
