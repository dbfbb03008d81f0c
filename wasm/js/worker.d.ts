import type { Config, MetricDefinition, Report, Validation } from './report.js';
import type { Columns, ColumnsRunOptions, GapScoreOptions, RunOptions, Tables } from './index.js';
export { GapScoreError } from './index.js';

export interface WorkerRunOptions extends RunOptions {
  /** Transfer input ArrayBuffers and typed-array columns (each owning its whole buffer) to the worker (default true: no copy, but they become detached). */
  transfer?: boolean;
}

export interface GapScoreWorkerOptions extends GapScoreOptions {
  /** A worker you created yourself from gapscore/worker-thread.js. */
  worker?: Worker;
}

/** The same API as GapScore, computed off the main thread. */
export interface GapScoreWorker {
  readonly version: string;
  analyze(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<Report>;
  analyzeColumns(columns: Columns, config?: Config | string, options?: ColumnsRunOptions & WorkerRunOptions): Promise<Report>;
  validate(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<Validation>;
  reportText(tables: Tables, config?: Config | string, options?: WorkerRunOptions): Promise<string>;
  metrics(): Promise<MetricDefinition[]>;
  sha256(bytes: string | ArrayBuffer | Uint8Array): Promise<string>;
  /** Stops the worker; pending calls reject with code "cancelled". */
  terminate(): void;
}

export declare function createGapScoreWorker(options?: GapScoreWorkerOptions): Promise<GapScoreWorker>;
