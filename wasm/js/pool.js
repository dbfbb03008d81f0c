// Helpers for reading in parallel: "shard1".."shardN-1" and "hash" (a Blob's
// digest), each worker-thread.js with its own wasm instance, started on first
// use and kept unless retired (engine.js: a read that grew it). Protocol:
// {id, type, payload} out; {id, type: 'result'|'error'|'progress', payload} back.
// No SharedArrayBuffer: Blobs cross by reference, bytes in memory are lent by
// port, results (saved states) are transferred.
import { GapScoreError, cancelledError } from './errors.js';
import { isNode, nodeImport } from './platform.js';

/**
 * A uniform face over a Web Worker or MessagePort ({postMessage, onmessage}) and a
 * Node worker_threads Worker ({postMessage, on('message')}).
 */
function endpointOf(target) {
  if (typeof target.on === 'function' && typeof target.ref === 'function') {  // worker_threads.Worker
    target.unref();  // an idle helper must not keep the process alive
    return {
      post: (message, transfer) => target.postMessage(message, transfer),
      listen(onMessage, onError) {
        target.on('message', (data) => onMessage(data));
        target.on('error', (e) => onError(e?.message ?? String(e)));
        target.on('exit', (code) => onError(`exited with code ${code}`));
      },
      busy: (yes) => (yes ? target.ref() : target.unref()),
      terminate: () => target.terminate(),
    };
  }
  return {
    post: (message, transfer) => target.postMessage(message, transfer),
    listen(onMessage, onError) {
      target.onmessage = (event) => onMessage(event.data);
      if ('onerror' in target) target.onerror = (event) => { event.preventDefault?.(); onError(event.message ?? 'unknown error'); };
    },
    busy: () => {},
    terminate: () => (target.terminate ? target.terminate() : target.close()),
  };
}

/** The helper script: the package's worker thread, next to this file (bundlers see the literal URL). */
export async function defaultSpawn() {
  if (isNode) {
    const { Worker } = await nodeImport('node:worker_threads');
    return new Worker(new URL('./worker-thread.js', import.meta.url));
  }
  return new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module', name: 'gapscore-helper' });
}

/**
 * @param {{spawn?: (name: string) => Worker|MessagePort|Promise<Worker|MessagePort>, loadOptions?: object}} options
 *   spawn: makes a helper running worker-thread.js (default: defaultSpawn); loadOptions: how it loads the wasm.
 */
export function createPool({ spawn = defaultSpawn, loadOptions = {} } = {}) {
  const helpers = new Map();  // name -> Promise<helper>
  let closed = false;

  // `self` is the promise stored under `name`: a failed helper is forgotten
  // (the next call starts a new one) unless it was replaced already.
  async function start(name, self) {
    const endpoint = endpointOf(await spawn(name));
    const helper = { endpoint, pending: new Map(), nextId: 1, dead: null };
    endpoint.listen((message) => {
      const call = helper.pending.get(message?.id);
      if (!call) return;
      if (message.type === 'progress') call.onProgress?.(message.payload);
      else if (message.type === 'result') call.done(null, message.payload);
      else call.done(GapScoreError.fromCore(message.payload));
    }, (why) => {
      helper.dead = new GapScoreError('worker_failed', `gapscore helper worker "${name}" failed: ${why}`);
      if (helpers.get(name) === self.promise) helpers.delete(name);
      for (const call of [...helper.pending.values()]) call.done(helper.dead);
    });
    // Helpers load the wasm when a request needs it (a hasher in Node never does).
    endpoint.post({ id: 0, type: 'init', payload: { ...loadOptions, lazy: true } });
    return helper;
  }

  function helperNamed(name) {
    let h = helpers.get(name);
    if (!h) {
      const self = {};
      h = self.promise = start(name, self);
      helpers.set(name, h);
      h.catch(() => { if (helpers.get(name) === h) helpers.delete(name); });
    }
    return h;
  }

  /** Sends one request to helper `name`; rejects with "cancelled" at once when `signal` aborts. */
  async function call(name, type, payload, { transfer = [], signal, onProgress } = {}) {
    if (closed) throw new GapScoreError('cancelled', 'The helper workers were terminated.');
    if (signal?.aborted) throw cancelledError();
    const helper = await helperNamed(name);
    if (helper.retired) return call(name, type, payload, { transfer, signal, onProgress });
    if (helper.dead) throw helper.dead;
    return new Promise((resolve, reject) => {
      const id = helper.nextId++;
      const onAbort = () => {
        if (!helper.pending.has(id)) return;
        request.done(cancelledError());
        helper.endpoint.post({ id: 0, type: 'cancel', payload: { target: id } });
      };
      const request = {
        onProgress,
        done(err, value) {
          helper.pending.delete(id);
          if (helper.pending.size === 0) helper.endpoint.busy(false);
          signal?.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve(value);
        },
      };
      helper.pending.set(id, request);
      helper.endpoint.busy(true);
      signal?.addEventListener('abort', onAbort, { once: true });
      helper.endpoint.post({ id, type, payload }, transfer);
    });
  }

  return {
    call,
    /** Ends helper `name` (and its memory) unless busy; the next call to it starts a new one. */
    retire(name) {
      const h = helpers.get(name);
      h?.then((helper) => {
        if (helper.pending.size || helpers.get(name) !== h) return;
        helper.retired = true;
        helpers.delete(name);
        helper.endpoint.terminate();
      }, () => {});
    },
    /** Ends every helper; calls still running reject with "cancelled". */
    terminate() {
      const all = [...helpers.values()];
      helpers.clear();
      for (const h of all) {
        h.then((helper) => {
          const err = new GapScoreError('cancelled', 'The helper workers were terminated.');
          for (const c of [...helper.pending.values()]) c.done(err);
          helper.endpoint.terminate();
        }, () => {});
      }
    },
    close() {
      closed = true;
      this.terminate();
    },
    get size() {
      return helpers.size;
    },
  };
}
