import type { Config, MetricDefinition, Report, Validation } from './report.js';
export type * from './report.js';

/** CSV text, CSV/JSON bytes, or an array of row objects (a JS `Date` value is read as its calendar day: UTC midnight as that UTC date, any other time as its local date). */
export type TableInput = string | ArrayBuffer | Uint8Array | Record<string, unknown>[];

/** An AI-usage export: Microsoft 365 Copilot CSV / Graph JSON, GitHub Copilot NDJSON / daily metrics JSON. */
export type UsageFormat = 'm365_copilot_csv' | 'm365_copilot_graph_json' | 'github_copilot_users_ndjson' | 'github_copilot_aggregate_json';
export type UsageInput = string | ArrayBuffer | Uint8Array | { data: string | ArrayBuffer | Uint8Array; name?: string; format?: UsageFormat };

export interface Tables {
  /** Required, unless people and usage are given (an adoption-only report). */
  activity?: TableInput;
  people?: TableInput;
  surveys?: TableInput;
  playbook?: TableInput;
  /** Maps users named in usage exports (e.g. hashed names) to person_id: columns identity, person_id. */
  identities?: TableInput;
  /** AI-usage exports, any number (docs/usage-exports.md). */
  usage?: UsageInput | UsageInput[];
}

export interface Progress {
  phase: 'read' | 'analyze' | 'validate';
  table?: 'activity' | 'people' | 'surveys' | 'playbook' | 'identities' | 'usage';
  /** Units done and total: characters (text), bytes, or rows (arrays of objects). */
  done: number;
  total: number;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  /** Abort to cancel; the promise rejects with GapScoreError code "cancelled". In the page the engine stops between input chunks; in the worker (gapscore/worker) the promise rejects at once and the worker drops the run, finishing a report already under way in the background. */
  signal?: AbortSignal;
  /** Bytes handed to the engine at a time (default 1 MiB). */
  chunkBytes?: number;
  /** Names shown as `source` in the report's inputs (e.g. file names). */
  sourceNames?: Partial<Record<Exclude<keyof Tables, 'usage'>, string>>;
}

/** Activity columns: numbers as typed arrays (NaN = missing), text as string arrays. */
export type Columns = Record<string, Float64Array | Float32Array | Int32Array | Uint32Array | number[] | (string | null)[]>;

export interface ColumnsRunOptions extends RunOptions {
  people?: TableInput;
  surveys?: TableInput;
  playbook?: TableInput;
}

export interface GapScoreOptions {
  /** The wasm bytes, when the caller loads them itself. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch gapscore.wasm from (default: next to the package's JS). */
  wasmUrl?: string | URL;
}

export interface GapScore {
  readonly version: string;
  analyze(tables: Tables, config?: Config | string, options?: RunOptions): Promise<Report>;
  /** Columnar fast path: typed arrays go to the engine without per-row conversion. */
  analyzeColumns(columns: Columns, config?: Config | string, options?: ColumnsRunOptions): Promise<Report>;
  validate(tables: Tables, config?: Config | string, options?: RunOptions): Promise<Validation>;
  /** The canonical report text (byte-identical to `gapscore analyze` for the same inputs). */
  reportText(tables: Tables, config?: Config | string, options?: RunOptions): Promise<string>;
  metrics(): MetricDefinition[];
  /** SHA-256 (hex) of bytes, as in the report's inputs[].sha256. */
  sha256(bytes: string | ArrayBuffer | Uint8Array): string;
  /** Bytes of wasm linear memory (for leak checks). */
  memoryBytes(): number;
}

export declare function createGapScore(options?: GapScoreOptions): Promise<GapScore>;

export declare class GapScoreError extends Error {
  readonly name: 'GapScoreError';
  /** Stable code: a diagnostic code (docs/input-format.md) or invalid_argument, cancelled, wasm_load_failed, worker_failed. */
  readonly code: string;
  readonly table: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly diagnostics: import('./report.js').Diagnostic[];
  /** True for this code or an old name of it: is('usage_error') matches invalid_argument (alias until 0.3). */
  is(code: string): boolean;
}

/** Old code names still matched by GapScoreError.is for one version. */
export declare const CODE_ALIASES: Readonly<Record<string, string>>;
