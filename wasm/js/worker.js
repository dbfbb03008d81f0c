// gapscore/worker: the same API as createGapScore(), running in a Web Worker
// so the page stays responsive. Byte inputs are transferred, not copied
// (their ArrayBuffers become detached); pass {transfer: false} to keep them.
import { GapScoreError } from './errors.js';

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

/**
 * @param {import('./worker').GapScoreWorkerOptions} [options]
 * @returns {Promise<import('./worker').GapScoreWorker>}
 */
export async function createGapScoreWorker(options = {}) {
  const worker = options.worker ?? new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' });
  let nextId = 1;
  const pending = new Map();  // id -> {resolve, reject, onProgress}

  worker.onmessage = (event) => {
    const { id, type, payload } = event.data;
    const p = pending.get(id);
    if (!p) return;
    if (type === 'progress') {
      p.onProgress?.(payload);
      return;
    }
    pending.delete(id);
    if (type === 'result') p.resolve(payload);
    else p.reject(GapScoreError.fromCore(payload));
  };
  worker.onerror = (event) => {
    const err = new GapScoreError('worker_failed', `gapscore worker failed: ${event.message ?? 'unknown error'}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  function request(type, payload, { onProgress, signal, transfer = [] } = {}) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new GapScoreError('cancelled', 'The analysis was cancelled by the caller.'));
        return;
      }
      pending.set(id, { resolve, reject, onProgress });
      // Reject at once: the worker notices the cancel only between input chunks, and
      // a report already being computed would otherwise resolve after the abort.
      signal?.addEventListener('abort', () => {
        worker.postMessage({ id: 0, type: 'cancel', payload: { target: id } });
        if (pending.delete(id)) reject(new GapScoreError('cancelled', 'The analysis was cancelled by the caller.'));
      }, { once: true });
      worker.postMessage({ id, type, payload }, transfer);
    });
  }

  const { worker: _w, ...loadOptions } = options;
  const { version } = await request('init', loadOptions);

  function analysisCall(type) {
    return (first, config, runOptions = {}) => {
      const { onProgress, signal, transfer = true, ...rest } = runOptions;
      const payload = type === 'analyzeColumns' ? { columns: first, config, options: rest } : { tables: first, config, options: rest };
      const transferList = transfer ? transferablesOf(first) : [];  // byte inputs and typed-array columns
      return request(type, payload, { onProgress, signal, transfer: transferList });
    };
  }

  return {
    version,
    analyze: analysisCall('analyze'),
    analyzeColumns: analysisCall('analyzeColumns'),
    validate: analysisCall('validate'),
    reportText: analysisCall('reportText'),
    metrics: () => request('metrics'),
    sha256: (bytes) => request('sha256', { bytes }),
    terminate() {
      worker.terminate();
      const err = new GapScoreError('cancelled', 'The worker was terminated.');
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    },
  };
}

export { GapScoreError };
