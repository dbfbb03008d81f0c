import type { Config, MetricDefinition, Report, Validation } from './report.js';
import type { Columns, ColumnsRunOptions, GapScoreOptions, InputSchema, RunOptions, Sniff, SniffInput, Tables } from './index.js';
export { CODE_ALIASES, GapScoreError } from './index.js';

export interface WorkerRunOptions extends RunOptions {
  /** Transfer input ArrayBuffers and typed-array columns (each owning its whole buffer) to the worker (default true: no copy, but they become detached). Blobs/Files are never copied: the worker reads them. */
  transfer?: boolean;
}

export interface GapScoreWorkerOptions extends GapScoreOptions {
  /** A worker you created yourself from gapscore/worker-thread.js. Without createWorker it cannot be replaced, so there is no hard cancel. */
  worker?: Worker;
  /** Makes a worker running gapscore/worker-thread.js (default: the package's own, next to this file); called again after a hard cancel. */
  createWorker?: () => Worker;
  /**
   * When an aborted call does not stop within hardCancelAfterMs (the worker is inside one long wasm call),
   * terminate the worker and spawn a fresh one for the next call (default true). Calls still running on that
   * worker are sent to the new one, except those whose inputs were transferred: they reject with "worker_failed".
   * With false, the worker finishes the abandoned call in the background and later calls wait for it.
   */
  hardCancel?: boolean;
  /** Default 400. */
  hardCancelAfterMs?: number;
}

/** The same API as GapScore, computed off the main thread. */
export interface GapScoreWorker {
  readonly version: string;
  analyze(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<Report>;
  analyzeColumns(columns: Columns, config?: Config | string, options?: ColumnsRunOptions & WorkerRunOptions): Promise<Report>;
  validate(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<Validation>;
  reportText(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<string>;
  /** Only the head crosses to the worker: a Blob as a reference (the worker reads 64 KiB of it), text and bytes cut to 64 KiB. */
  sniff(input: SniffInput): Promise<Sniff>;
  schema(): Promise<InputSchema>;
  metrics(): Promise<MetricDefinition[]>;
  sha256(bytes: string | ArrayBuffer | Uint8Array): Promise<string>;
  /** Stops the worker for good; pending and later calls reject with code "cancelled". */
  terminate(): void;
}

export declare function createGapScoreWorker(options?: GapScoreWorkerOptions): Promise<GapScoreWorker>;
