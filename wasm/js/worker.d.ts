import type { Config, MetricDefinition, Report, Validation } from './report.js';
import type { Columns, ColumnsRunOptions, GapScoreOptions, InputSchema, RunOptions, Session, Sniff, SniffInput, Tables } from './index.js';
export { CODE_ALIASES, GapScoreError } from './index.js';

export interface WorkerRunOptions extends RunOptions {
  /** Transfer input ArrayBuffers and typed-array columns (each owning its whole buffer) to the worker (default true: no copy, but they become detached). Blobs/Files are never copied: the worker reads them. */
  transfer?: boolean;
}

export interface GapScoreWorkerOptions extends GapScoreOptions {
  /**
   * Readers of a large CSV activity table (see GapScoreOptions.workers): the worker reads shard 0 and merges;
   * this page starts the helpers (with createWorker) and connects them to it with MessageChannels.
   */
  workers?: number;
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

/**
 * A Session kept in the worker (a handle to it); the same calls as Session. A `ledger` store given to report,
 * reportText or reanalyze stays in the page: its text goes to the worker and set() gets the updated text back.
 */
export type WorkerSession = Omit<Session, 'add'>;  // add() is in-thread only for now

/** The same API as GapScore, computed off the main thread. */
export interface GapScoreWorker {
  readonly version: string;
  readonly workers: number;
  /** Reads the tables in the worker and keeps them there (see Session). Byte inputs are transferred unless transfer: false. */
  open(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<WorkerSession>;
  /** A session in the worker from saved-state bytes (transferred when they own their whole buffer, unless transfer: false). */
  loadState(state: Uint8Array | ArrayBuffer, config?: Config | string, options?: { transfer?: boolean }): Promise<WorkerSession>;
  analyze(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<Report>;
  analyzeColumns(columns: Columns, config?: Config | string, options?: ColumnsRunOptions & WorkerRunOptions): Promise<Report>;
  validate(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<Validation>;
  reportText(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<string>;
  /** Only the head crosses to the worker: a Blob as a reference (the worker reads 64 KiB of it), text and bytes cut to 64 KiB. */
  /** options.sheet: the sheet of a workbook to describe (default: the first). */
  sniff(input: SniffInput, options?: { sheet?: string }): Promise<Sniff>;
  schema(): Promise<InputSchema>;
  metrics(): Promise<MetricDefinition[]>;
  sha256(bytes: string | ArrayBuffer | Uint8Array): Promise<string>;
  /** Stops the worker for good; pending and later calls reject with code "cancelled". */
  terminate(): void;
}

export declare function createGapScoreWorker(options?: GapScoreWorkerOptions): Promise<GapScoreWorker>;
