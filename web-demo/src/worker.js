// The Web Worker entry: the package's own worker thread, bundled with the
// engine so the worker loads one file (plus gapscore.wasm next to it).
import 'gapscore/worker-thread.js';
