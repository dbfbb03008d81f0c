// gapscore/worker: the same API as createGapScore(), running in a Web Worker
// so the page stays responsive. Byte inputs are transferred, not copied
// (their ArrayBuffers become detached); pass {transfer: false} to keep them.
// Blob/File inputs go as references and are read inside the worker.
//
// Parallel reading: the worker is the coordinator (it reads shard 0 and merges).
// When it needs helpers it asks this page, which starts them (createWorker, so
// bundlers and CSPs see one worker script) and connects each to the coordinator
// with a MessageChannel; requests and saved states then go worker to worker.
// Helpers end with the coordinator (terminate, hard cancel), or when it retires one
// whose memory grew large in a read (retireHelper).
//
// Sessions live in the worker: open() and loadState() return a WorkerSession
// holding a handle; its calls go to the worker that made it.
//
// Cancelling: an abort rejects the call at once and asks the worker to stop,
// which it does between input chunks. When it does not answer within
// hardCancelAfterMs (it is inside one long wasm call, e.g. the report of a
// million rows), the worker is terminated and a fresh one is spawned for the
// next call (hard cancel; option hardCancel: false turns it off).
import { CODE_ALIASES, GapScoreError, cancelledError } from './errors.js';
import { SNIFF_BYTES, isBlob, isWorkbookHead } from './inputs.js';

const DEFAULT_HARD_CANCEL_AFTER_MS = 400;

// A literal `new Worker(new URL(...), {type: 'module'})`: bundlers (Vite, webpack) find the worker by it.
const defaultWorker = () => new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' });

function transferablesOf(tables) {
  const out = new Set();
  const values = Object.entries(tables ?? {}).flatMap(([k, v]) =>
    k === 'usage' ? (Array.isArray(v) ? v : [v]).map((u) => (u && typeof u === 'object' && 'data' in u ? u.data : u)) : [v]);
  for (const value of values) {
    if (value instanceof ArrayBuffer) out.add(value);
    else if (ArrayBuffer.isView(value) && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) out.add(value.buffer);
  }
  return [...out];
}

// Only the head of a file crosses to the worker for sniff(): a Blob as a
// reference (the worker reads its first 64 KiB), text and bytes cut to 64 KiB
// (a copy of at most that much; the caller's buffer stays usable).
function sniffHead(input) {
  if (isBlob(input)) return input;
  // A workbook is read whole (its sheet is sniffed as CSV): copied whole.
  if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (isWorkbookHead(bytes)) return bytes.slice();
  }
  if (typeof input === 'string') return input.slice(0, SNIFF_BYTES);
  if (input instanceof ArrayBuffer) return new Uint8Array(input.slice(0, SNIFF_BYTES));
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, Math.min(SNIFF_BYTES, input.byteLength)).slice();
  return input;  // the worker answers with invalid_argument
}

/**
 * @param {import('./worker').GapScoreWorkerOptions} [options]
 * @returns {Promise<import('./worker').GapScoreWorker>}
 */
export async function createGapScoreWorker(options = {}) {
  const { worker: given, createWorker, hardCancel = true, hardCancelAfterMs = DEFAULT_HARD_CANCEL_AFTER_MS, ...loadOptions } = options;
  // A URL object cannot be posted, and a relative URL means relative to the page, not to the worker's script.
  if (loadOptions.wasmUrl != null) loadOptions.wasmUrl = new URL(String(loadOptions.wasmUrl), globalThis.location?.href).href;
  // A worker handed over without a way to make another cannot be replaced: no hard cancel then.
  const makeWorker = createWorker ?? (given ? null : defaultWorker);
  const canRestart = hardCancel && makeWorker != null;
  let current = null;  // the live Worker, or null until the next call spawns one
  let closed = false;
  let nextId = 1;
  const pending = new Map();  // id -> call {id, type, payload, transfer, resolve, reject, onProgress, done}
  const stopping = new Map();  // id of an aborted call -> timer that hard-cancels it unless the worker winds it up first

  function attach(worker) {
    worker.onmessage = (event) => {
      if (worker !== current) return;  // the last words of a terminated worker
      const { id, type, payload } = event.data;
      if (type === 'spawn') {
        connectHelper(worker, payload);
        return;
      }
      if (type === 'retireHelper') {
        helpers.get(payload.ticket)?.terminate();
        helpers.delete(payload.ticket);
        return;
      }
      if (type !== 'progress' && stopping.has(id)) {
        clearTimeout(stopping.get(id));
        stopping.delete(id);
      }
      const call = pending.get(id);
      if (!call) {
        // An open() or loadState() given up (cancelled) as its session was made: close that session, whose
        // memory (and the engine instance holding it) would otherwise stay in the worker.
        if (type === 'result' && payload?.handle != null && payload.info != null) request('session.close', { handle: payload.handle }).catch(() => {});
        return;
      }
      if (type === 'progress') {
        call.onProgress?.(payload);
        return;
      }
      if (type === 'result') call.done(null, payload);
      else call.done(GapScoreError.fromCore(payload));
    };
    worker.onerror = (event) => {
      if (worker !== current) return;
      const err = new GapScoreError('worker_failed', `gapscore worker failed: ${event.message ?? 'unknown error'}`);
      for (const call of [...pending.values()]) call.done(err);
    };
    current = worker;
  }

  // Helpers of the live coordinator; they end with it.
  let helpers = new Map();  // ticket -> Worker
  const makeHelper = createWorker ?? defaultWorker;
  function connectHelper(coordinator, { ticket, name }) {
    const helper = makeHelper();
    helpers.set(ticket, helper);
    const channel = new MessageChannel();
    helper.onerror = (event) => {
      // The coordinator only sees its port fall silent: tell it.
      if (coordinator === current) coordinator.postMessage({ id: 0, type: 'helperFailed', payload: { name, message: event.message ?? 'unknown error' } });
    };
    helper.postMessage({ id: 0, type: 'connect', payload: { port: channel.port1 } }, [channel.port1]);
    coordinator.postMessage({ id: 0, type: 'spawned', payload: { ticket, port: channel.port2 } }, [channel.port2]);
  }
  function endHelpers() {
    for (const h of helpers.values()) h.terminate();
    helpers = new Map();
  }

  function send(call) {
    if (!current) {
      attach(makeWorker());
      // Requests queue behind init in the new worker, so they use the same load options.
      current.postMessage({ id: 0, type: 'init', payload: initPayload });
    }
    call.worker = current;
    current.postMessage({ id: call.id, type: call.type, payload: call.payload }, call.transfer);
  }

  // Terminates `worker` (still inside a cancelled call) and moves the calls it
  // held to a fresh one; calls whose inputs were transferred to it cannot move.
  function restart(worker) {
    if (worker !== current) return;
    for (const timer of stopping.values()) clearTimeout(timer);
    stopping.clear();
    worker.terminate();
    endHelpers();
    current = null;
    for (const call of [...pending.values()]) {
      if (call.transfer.length) {
        call.done(new GapScoreError('worker_failed',
          'The worker was restarted to stop a cancelled call; this call\'s inputs had been transferred to it. Call again.'));
      } else {
        send(call);
      }
    }
  }

  function request(type, payload, { onProgress, signal, transfer = [] } = {}) {
    if (closed) return Promise.reject(new GapScoreError('cancelled', 'The worker was terminated.'));
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise((resolve, reject) => {
      const call = { id: nextId++, type, payload, transfer, onProgress, worker: null };
      const onAbort = () => {
        if (!pending.has(call.id)) return;
        const worker = call.worker;
        // Reject at once: the worker notices the cancel only between input chunks, and
        // a report already being computed would otherwise resolve after the abort.
        call.done(cancelledError());
        worker.postMessage({ id: 0, type: 'cancel', payload: { target: call.id } });
        if (canRestart) stopping.set(call.id, setTimeout(() => restart(worker), hardCancelAfterMs));
      };
      call.done = (err, value) => {
        pending.delete(call.id);
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(value);
      };
      pending.set(call.id, call);
      signal?.addEventListener('abort', onAbort, { once: true });
      send(call);
    });
  }

  // The coordinator asks this page for helpers (see connectHelper).
  const initPayload = { ...loadOptions, helpersFromParent: true };
  attach(given ?? makeWorker());
  let version;
  let workers;
  try {
    ({ version, workers } = await request('init', initPayload));
  } catch (e) {
    current?.terminate();
    throw e;
  }

  function analysisCall(type) {
    return async (first, config, runOptions = {}) => {
      const { onProgress, signal, transfer = true, ledger, onGeneratedSalt, ...rest } = runOptions;
      // The ledger store and the salt callback stay on this side: the worker gets
      // the ledger's text and hands back the updated text and the generated salt.
      const extras = ledger != null || onGeneratedSalt != null;
      if (ledger != null) rest.ledgerText = (await ledger.get()) ?? '';
      if (extras) rest.extras = true;
      const payload = type === 'analyzeColumns' ? { columns: first, config, options: rest } : { tables: first, config, options: rest };
      const transferList = transfer ? transferablesOf(first) : [];  // byte inputs and typed-array columns
      const out = await request(type, payload, { onProgress, signal, transfer: transferList });
      if (!extras) return out;
      if (out.salt) onGeneratedSalt?.(out.salt);
      if (ledger != null && out.ledger) await ledger.set(out.ledger);
      return out.value;
    };
  }

  // A session the page drops without close() is closed in the worker once it is garbage-collected.
  const forgotten = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry(({ handle, owner }) => {
      if (owner === current && current) request('session.close', { handle }).catch(() => {});
    })
    : null;

  function sessionOf({ handle, info }) {
    const owner = current;  // a restarted worker does not know the handle: its calls reject with session_closed
    let closed = false;
    const call = (type, payload = {}, options = {}) => {
      if (closed) return Promise.reject(new GapScoreError('session_closed', 'This session was closed; open the inputs again.'));
      return request(`session.${type}`, { handle, ...payload }, options);
    };
    // Protection dp: as in analysisCall, the ledger store stays on this side; the worker gets its
    // text and hands back the updated text (null when no release was made), stored with set().
    const released = async (type, payload, { signal, ledger } = {}) => {
      if (ledger == null) return call(type, payload, { signal });
      const ledgerText = (await ledger.get()) ?? '';
      const out = await call(type, { ...payload, ledgerText }, { signal });
      if (out.ledger) await ledger.set(out.ledger);
      return out.value;
    };
    const session = {
      info,
      // signal: rejects at once; a worker stuck in the report is replaced (hard cancel), and the session with it.
      report: (options = {}) => released('report', {}, options),
      reportText: (options = {}) => released('reportText', {}, options),
      reanalyze: (config, options = {}) => released('reanalyze', { config }, options),
      saveState: () => call('saveState'),
      generatedSalt: () => call('generatedSalt'),
      get closed() { return closed; },
      close() {
        if (closed) return;
        closed = true;
        forgotten?.unregister(session);
        if (owner === current && current) request('session.close', { handle }).catch(() => {});
      },
    };
    forgotten?.register(session, { handle, owner }, session);
    return session;
  }

  return {
    version,
    workers,
    async open(tables, config, runOptions = {}) {
      const { onProgress, signal, transfer = true, ...rest } = runOptions;
      const transferList = transfer ? transferablesOf(tables) : [];
      return sessionOf(await request('open', { tables, config, options: rest }, { onProgress, signal, transfer: transferList }));
    },
    async loadState(bytes, config, { transfer = true } = {}) {
      const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
      const whole = view?.byteOffset === 0 && view.byteLength === view.buffer?.byteLength;
      return sessionOf(await request('loadState', { bytes: view, config }, { transfer: transfer && whole ? [view.buffer] : [] }));
    },
    analyze: analysisCall('analyze'),
    analyzeColumns: analysisCall('analyzeColumns'),
    validate: analysisCall('validate'),
    reportText: analysisCall('reportText'),
    sniff: (input, options = {}) => request('sniff', { input: sniffHead(input), options }),
    schema: () => request('schema'),
    metrics: () => request('metrics'),
    sha256: (bytes) => request('sha256', { bytes }),
    terminate() {
      closed = true;
      for (const timer of stopping.values()) clearTimeout(timer);
      stopping.clear();
      current?.terminate();
      endHelpers();
      current = null;
      const err = new GapScoreError('cancelled', 'The worker was terminated.');
      for (const call of [...pending.values()]) call.done(err);
    },
  };
}

export { CODE_ALIASES, GapScoreError };
