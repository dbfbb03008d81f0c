// Runs inside the Web Worker spawned by gapscore/worker. Messages:
//   in:  {id, type: 'init'|'analyze'|'analyzeColumns'|'validate'|'reportText'|'sniff'|'schema'|'metrics'|'sha256'|'cancel', payload}
//   out: {id, type: 'result'|'error'|'progress', payload}
// Blob/File inputs arrive as references and are read here, slice by slice, so
// the page thread never copies a large file.
import { createGapScore } from './index.js';
import { GapScoreError } from './errors.js';

// A promise, set when 'init' arrives: requests posted right behind it (after
// the page replaced a hard-cancelled worker) wait for the same load options.
let engine = null;
const running = new Map();  // id -> AbortController

function reply(id, type, payload) {
  self.postMessage({ id, type, payload });
}

async function handle(id, type, payload) {
  if (type === 'init') {
    engine = createGapScore(payload ?? {});
    return { version: (await engine).version };
  }
  engine ??= createGapScore();
  const gs = await engine;
  switch (type) {
    case 'metrics': return gs.metrics();
    case 'schema': return gs.schema();
    case 'sniff': return gs.sniff(payload.input);
    case 'sha256': return gs.sha256(payload.bytes);
    case 'analyze':
    case 'analyzeColumns':
    case 'validate':
    case 'reportText': {
      const controller = new AbortController();
      running.set(id, controller);
      try {
        const { ledgerText, extras, ...given } = payload.options ?? {};
        const options = { ...given, signal: controller.signal, onProgress: (p) => reply(id, 'progress', p) };
        const first = type === 'analyzeColumns' ? payload.columns : payload.tables;
        if (!extras) return await gs[type](first, payload.config, options);
        // The page keeps the ledger store and the salt callback: text goes back and forth.
        let ledger = null, salt = null;
        if (ledgerText != null) options.ledger = { get: () => ledgerText, set: (text) => { ledger = text; } };
        options.onGeneratedSalt = (s) => { salt = s; };
        const value = await gs[type](first, payload.config, options);
        return { value, ledger, salt };
      } finally {
        running.delete(id);
      }
    }
    default:
      throw new GapScoreError('invalid_argument', `unknown request type "${type}"`);
  }
}

self.onmessage = async (event) => {
  const { id, type, payload } = event.data ?? {};
  if (type === 'cancel') {
    running.get(payload?.target)?.abort();
    return;
  }
  try {
    reply(id, 'result', await handle(id, type, payload));
  } catch (e) {
    const err = e instanceof GapScoreError ? e : new GapScoreError('internal_error', String(e?.message ?? e));
    reply(id, 'error', err.toJSON());
  }
};
