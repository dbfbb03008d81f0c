// The package's worker script. One script, three roles:
//  - the engine of gapscore/worker (the page talks to it with postMessage);
//  - a helper of a parallel read (started by pool.js: a Web Worker, a Node
//    worker_threads Worker, or a worker the page connected through a MessagePort):
//    'shard.read' reads every table with the activity as one shard and sends back
//    the saved state; 'hash.blob' hashes a Blob slice by slice;
//  - nothing else: it runs no code of its own until asked.
// Messages:
//   in:  {id, type, payload}; type: init, analyze, analyzeColumns, validate, reportText, sniff, schema, metrics,
//        sha256, open, loadState, session.report, session.reportText, session.reanalyze, session.saveState,
//        session.generatedSalt, session.close, shard.read, hash.blob, cancel {target}, connect {port}, spawned {ticket, port}
//   out: {id, type: 'result'|'error'|'progress', payload}; {id: 0, type: 'spawn', payload: {ticket, name}};
//        {id: 0, type: 'retireHelper', payload: {ticket}} (the page ends that helper)
//   session.report/reportText/reanalyze with payload.ledgerText (protection dp): the result is {value, ledger},
//   ledger the updated text (null when no release was made), which the page stores.
// Blob/File inputs arrive as references and are read here, slice by slice, so
// the page thread never copies a large file.
import { createGapScore } from './index.js';
import { GapScoreError, engineError } from './errors.js';
import { hashBlob, readShard } from './engine.js';
import { loadModule } from './loader.js';

const nodeWorkerThreads = 'node:worker_threads';  // a variable keeps bundlers from resolving it
// No top-level await: bundlers build workers as classic scripts (Vite: iife), which cannot have one.
// In Node the port is found asynchronously; a MessagePort keeps messages until it is served.
let parentPort = typeof self === 'undefined' ? null : self;

// A promise, set when 'init' arrives: requests posted right behind it (after
// the page replaced a hard-cancelled worker) wait for the same load options.
let engine = null;
let loadOptions = {};
let wasm = null;  // Promise<Module> of a helper (no GapScore around it)
const sessions = new Map();  // handle -> Session (open or loadState here)
let nextHandle = 1;
const tickets = new Map();  // ticket -> resolve(port): helpers the page made for this worker
let nextTicket = 1;
const fromParent = new Map();  // helper name -> its port's wrapper (to report the helper's failure)

let stale = false;  // the instance trapped
const module = () => {
  if (stale) {
    stale = false;
    wasm = loadModule(loadOptions, true);
  }
  return (wasm ??= loadModule(loadOptions));
};
const gapscore = () => (engine ??= createGapScore(loadOptions));

/** gapscore/worker's way of starting a helper: the page makes the worker and hands over a port to it. */
function helperFromParent(name) {
  const ticket = nextTicket++;
  return new Promise((resolve) => {
    tickets.set(ticket, (port) => {
      // A port has no error event: the page tells us when the worker behind it failed (helperFailed).
      const helper = {
        onerror: null,
        postMessage: (message, transfer) => port.postMessage(message, transfer),
        set onmessage(fn) { port.onmessage = fn; },
        terminate: () => {  // the page made the worker: it ends it
          port.close();
          parentPort.postMessage({ id: 0, type: 'retireHelper', payload: { ticket } });
        },
      };
      fromParent.set(name, helper);
      resolve(helper);
    });
    parentPort.postMessage({ id: 0, type: 'spawn', payload: { ticket, name } });
  });
}

function session(payload) {
  const s = sessions.get(payload?.handle);
  if (!s) throw new GapScoreError('session_closed', 'This session was closed (or its worker was restarted); open the inputs again.');
  return s;
}

function keep(s) {
  const handle = nextHandle++;
  sessions.set(handle, s);
  return { handle, info: s.info };
}

// Returns [result, transfer list].
async function handle(type, payload, { signal, onProgress }) {
  switch (type) {
    case 'init': {
      loadOptions = { ...(payload ?? {}) };
      const { lazy, helpersFromParent } = loadOptions;
      delete loadOptions.lazy;
      delete loadOptions.helpersFromParent;
      if (lazy) return [{}];
      engine = createGapScore({ ...loadOptions, spawnHelper: helpersFromParent ? helperFromParent : undefined });
      const gs = await engine;
      return [{ version: gs.version, workers: gs.workers }];
    }
    case 'shard.read': {
      const result = await readShard(await module(), payload, { signal });
      return [result, [result.state.buffer]];
    }
    case 'hash.blob': {
      // heapBytes: this helper's wasm memory, when it hashed in wasm (browsers).
      let wasm = null;
      const hex = await hashBlob(async () => (wasm = await module()), payload.blob, { signal });
      return [{ hex, heapBytes: wasm ? wasm.HEAPU8.length : 0 }];
    }
    default:
  }
  const gs = await gapscore();
  const options = { ...(payload?.options ?? {}), signal, onProgress };
  switch (type) {
    case 'metrics': return [gs.metrics()];
    case 'schema': return [gs.schema()];
    case 'sniff': return [await gs.sniff(payload.input, payload.options)];
    case 'sha256': return [gs.sha256(payload.bytes)];
    case 'analyze':
    case 'validate':
    case 'reportText':
    case 'analyzeColumns': {
      const { ledgerText, extras, ...given } = options;
      const first = type === 'analyzeColumns' ? payload.columns : payload.tables;
      if (!extras) return [await gs[type](first, payload.config, given)];
      // The page keeps the ledger store and the salt callback: text goes back and forth.
      let ledger = null, salt = null;
      if (ledgerText != null) given.ledger = { get: () => ledgerText, set: (text) => { ledger = text; } };
      given.onGeneratedSalt = (value) => { salt = value; };
      const value = await gs[type](first, payload.config, given);
      return [{ value, ledger, salt }];
    }
    case 'open':
      return [keep(await gs.open(payload.tables, payload.config, options))];
    case 'loadState':
      return [keep(await gs.loadState(payload.bytes, payload.config))];
    case 'session.report':
    case 'session.reportText':
    case 'session.reanalyze': {
      const s = session(payload);
      const method = type.slice('session.'.length);
      const run = (opts) => (method === 'reanalyze' ? s.reanalyze(payload.config, opts) : s[method](opts));
      if (payload.ledgerText == null) return [await run({})];
      // The page keeps the ledger store: its text comes in, the updated text goes back.
      let ledger = null;
      const value = await run({ ledger: { get: () => payload.ledgerText, set: (text) => { ledger = text; } } });
      return [{ value, ledger }];
    }
    case 'session.generatedSalt':
      return [await session(payload).generatedSalt()];
    case 'session.saveState': {
      const state = await session(payload).saveState();
      return [state, [state.buffer]];
    }
    case 'session.close':
      sessions.get(payload?.handle)?.close();
      sessions.delete(payload?.handle);
      return [true];
    default:
      throw new GapScoreError('invalid_argument', `unknown request type "${type}"`);
  }
}

/** Answers requests arriving on `port` (this worker's own, or a MessagePort the page connected). */
function serve(port) {
  const running = new Map();  // id -> AbortController
  const reply = (id, type, payload, transfer = []) => port.postMessage({ id, type, payload }, transfer);
  port.onmessage = async (event) => {
    const { id, type, payload } = (event?.data !== undefined ? event.data : event) ?? {};
    if (type === 'cancel') {
      running.get(payload?.target)?.abort();
      return;
    }
    if (type === 'connect') {
      serve(payload.port);
      return;
    }
    if (type === 'helperFailed') {
      fromParent.get(payload.name)?.onerror?.({ message: payload.message });
      return;
    }
    if (type === 'spawned') {
      tickets.get(payload.ticket)?.(payload.port);
      tickets.delete(payload.ticket);
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const [result, transfer] = await handle(type, payload, { signal: controller.signal, onProgress: (p) => reply(id, 'progress', p) });
      reply(id, 'result', result, transfer);
    } catch (e) {
      // A trap (out of memory, or a bug) says which; the next request loads a new instance.
      let err = engineError(e, await wasm?.catch(() => null));
      stale ||= err !== e;
      if (!(err instanceof GapScoreError)) err = new GapScoreError('internal_error', String(e?.message ?? e));
      reply(id, 'error', err.toJSON());
    } finally {
      running.delete(id);
    }
  };
}

if (parentPort) {
  serve(parentPort);
} else {
  import(/* @vite-ignore */ nodeWorkerThreads).then((threads) => {
    parentPort = threads.parentPort;
    serve(parentPort);
  });
}
