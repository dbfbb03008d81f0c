import type { Config, MetricDefinition, Report, Validation } from './report.js';
export type * from './report.js';

/**
 * CSV text, CSV/JSON bytes, a Blob or File of them (read slice by slice; in gapscore/worker inside the worker),
 * or an array of row objects (a JS `Date` value is read as its calendar day: UTC midnight as that UTC date,
 * any other time as its local date).
 */
export type TableInput = string | ArrayBuffer | Uint8Array | Blob | Record<string, unknown>[];

/** An AI-usage export: Microsoft 365 Copilot CSV / Graph JSON, GitHub Copilot NDJSON / daily metrics JSON. */
export type UsageFormat = 'm365_copilot_csv' | 'm365_copilot_graph_json' | 'github_copilot_users_ndjson' | 'github_copilot_aggregate_json';
/** A File's own name is its `source` in the report unless `name` is given. */
export type UsageInput = string | ArrayBuffer | Uint8Array | Blob | { data: string | ArrayBuffer | Uint8Array | Blob; name?: string; format?: UsageFormat };

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
  /** 'merge': the helpers' shards of a parallel read are merged (done/total count shards). */
  phase: 'read' | 'merge' | 'analyze' | 'validate';
  table?: 'activity' | 'people' | 'surveys' | 'playbook' | 'identities' | 'usage';
  /** Units done and total: bytes (text: its UTF-8 bytes; bytes; Blob/File), or rows (arrays of objects). */
  done: number;
  total: number;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  /**
   * Abort to cancel; the promise rejects with GapScoreError code "cancelled". In the page the engine stops
   * between input chunks. In gapscore/worker the promise rejects at once; the worker stops between chunks, or,
   * when it is inside one long wasm call (the report itself), it is terminated and replaced (hard cancel).
   */
  signal?: AbortSignal;
  /** Bytes handed to the engine at a time (default 1 MiB). */
  chunkBytes?: number;
  /** Names shown as `source` in the report's inputs (e.g. file names; a File's own name by default). */
  sourceNames?: Partial<Record<Exclude<keyof Tables, 'usage'>, string>>;
  /**
   * Excel workbooks (.xlsx, as bytes or a Blob/File) are read as one sheet's CSV: this names the sheet per
   * table (default: the workbook's first sheet). The report records the workbook file's SHA-256, as the CLI
   * does (`gapscore analyze --sheet TABLE=NAME`). A legacy .xls or a damaged workbook rejects with code
   * "workbook_invalid".
   */
  sheets?: Partial<Record<keyof Tables, string>>;
  /** Readers for this call (default: GapScoreOptions.workers). */
  workers?: number;
  /** Smallest CSV activity table read in parallel, in bytes (default: GapScoreOptions.minParallelBytes). */
  minParallelBytes?: number;
  /** A helper whose wasm memory grew past this is ended after the read (default: GapScoreOptions.helperKeepBytes). This thread's instance follows GapScoreOptions.helperKeepBytes. */
  helperKeepBytes?: number;
  /**
   * Protection "dp" (docs/privacy.md): where the privacy-budget ledger is kept between runs. `get()` returns the
   * text `set()` stored last (null, undefined or '' start a new ledger, and so a new budget); `set()` is called
   * after each release. A release past privacy.dp.total_epsilon rejects with code "privacy_budget_exhausted".
   */
  ledger?: LedgerStore;
  /**
   * With "privacy": {"salt": "generate"}: the salt made for this run. Keep it to get the same pseudonyms and cell keys
   * again. Called once the tables are read (after a Windows-1252 table was read again, with the salt of that reading).
   */
  onGeneratedSalt?: (salt: string) => void;
}

/** A privacy-budget ledger's storage, e.g. a file, a database row or localStorage. */
export interface LedgerStore {
  get(): string | null | undefined | Promise<string | null | undefined>;
  set(text: string): void | Promise<void>;
}

/** Activity columns: numbers as typed arrays (NaN = missing), text as string arrays. */
export type Columns = Record<string, Float64Array | Float32Array | Int32Array | Uint32Array | number[] | (string | null)[]>;

/** The tables other than activity (which the columns are). */
export interface ColumnsRunOptions extends RunOptions {
  people?: TableInput;
  surveys?: TableInput;
  playbook?: TableInput;
  identities?: TableInput;
  usage?: UsageInput | UsageInput[];
}

/** What sniff() may be given: only the first 64 KiB are read (of a Blob/File, only those are loaded). */
export type SniffInput = string | ArrayBuffer | Uint8Array | Blob;

/** What a file is, decided by the engine's own CSV reader and usage-format detection from its first 64 KiB. */
export interface Sniff {
  /**
   * "usage": an AI-usage export (usage_format says which); "xlsx": an Excel workbook (or a legacy .xls), whose
   * sheet is described as the CSV it is read as (headers, delimiter ",").
   */
  format: 'csv' | 'json' | 'usage' | 'xlsx' | 'binary' | 'empty' | 'unknown';
  /** A workbook: the sheet described (sniff's options.sheet, or the first) and every sheet's name. */
  sheet?: string;
  sheets?: string[];
  /** A workbook that cannot be read: why (analyze rejects with code "workbook_invalid" and this message). */
  problem?: string;
  /** The CSV delimiter the engine will use, or null (JSON, not text). */
  delimiter: ',' | ';' | '\t' | null;
  /** The header row as the engine reads it (trimmed, unquoted, BOM removed), or the first JSON row object's keys. */
  headers: string[];
  usage_format: UsageFormat | null;
  /** False when only the shape says "usage" ({"value": [...]} without user names): a table wrapped the same way looks alike. */
  usage_certain: boolean;
  byte_order_mark: boolean;
}

export type TableName = 'activity' | 'people' | 'surveys' | 'playbook' | 'identities';

/** A column of an input table (docs/input-format.md). */
export interface ColumnSchema {
  name: string;
  type: 'text' | 'date' | 'integer' | 'number' | 'boolean' | 'work_mode';
  /** The table must have this column. */
  required_column: boolean;
  /** Every row needs a value in it. */
  required_value: boolean;
  min: number | null;
  max: number | null;
  description: string;
}

export interface TableSchema {
  name: TableName;
  /** Activity: required unless people and usage exports make an adoption-only report. */
  required: boolean;
  description: string;
  columns: ColumnSchema[];
}

/** The input tables and their columns, from the engine (the same source as docs/input-format.md). */
export interface InputSchema {
  tables: TableSchema[];
}

export interface GapScoreOptions {
  /** The wasm bytes, when the caller loads them itself. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch gapscore.wasm from (default: next to the package's JS). */
  wasmUrl?: string | URL;
  /**
   * Readers of a large CSV activity table: this thread plus workers − 1 helper workers (Web Workers; in Node
   * worker_threads), each with its own wasm instance, reading every byte and keeping its share of the people.
   * Default: the number of cores (navigator.hardwareConcurrency, Node: os.availableParallelism()), at most 8;
   * at most 16. 1 = one reader, no helpers. Needs no SharedArrayBuffer and no cross-origin isolation.
   */
  workers?: number;
  /** Smallest CSV activity table (bytes) read in parallel (default 8 MiB); smaller ones have one reader. */
  minParallelBytes?: number;
  /**
   * A wasm memory never shrinks, so an instance whose memory grew past this many bytes (default 32 MiB) is
   * replaced rather than kept for the page's lifetime: a helper once its state is handed over; this thread's
   * instance once no call is running and no session is open (a new one loads then, in milliseconds). A
   * smaller instance stays for the next call. Either way the next large read starts with the same speed.
   */
  helperKeepBytes?: number;
  /** Makes a helper worker running gapscore/worker-thread.js (default: the package's own, next to this file). */
  createWorker?: () => Worker;
}

/** How a session's inputs were read. */
export interface ReadInfo {
  /** Readers of the activity (1: this thread alone; 0: loaded from saved state). */
  readers: number;
  /** Each helper's wasm memory in bytes after reading its shard (helpers 1..readers−1). */
  helperHeapBytes: number[];
  /** Whether each helper was kept for later calls (false: ended after its read, see helperKeepBytes). */
  helpersKept: boolean[];
  /**
   * This thread's wasm memory in bytes when the last helper's state arrived (0 with one reader). Helpers end
   * then or stay small, so the memory of every instance at once is at most this plus the helpers' memory, or
   * this thread's memory later on (GapScore.memoryBytes()).
   */
  heapBytesAtHandoff: number;
  /**
   * Where the platform has no incremental hasher (browsers), a Blob's hashing helper (digest 'worker') hashes
   * in wasm and ends once its digest arrives. The wasm memory of every instance at that moment, in bytes:
   * this thread's, the shard helpers' and the hashing helper's (0 when there was no such helper).
   */
  heapBytesWhileHashing: number;
  /**
   * Who computed the activity's SHA-256: 'platform' (WebCrypto / node:crypto, beside the engine), 'worker' (a
   * helper hashing a Blob slice by slice), 'engine' (the engine while it reads), 'none' (loaded state).
   */
  digest: 'platform' | 'worker' | 'engine' | 'none';
}

/**
 * The inputs, read once and kept in wasm memory (the activity as per-person state, not as rows), for
 * reports with other settings. Call close() to free the memory.
 */
/** Options of a session's report (Session.report, reportText, reanalyze). */
export interface SessionReportOptions {
  signal?: AbortSignal;
  /**
   * Protection dp: the privacy-budget ledger store a release spends from (see RunOptions.ledger). A report
   * computed once per settings is one release; a release past privacy.dp.total_epsilon rejects with code
   * "privacy_budget_exhausted" and stores nothing. In gapscore/worker the store stays in the page: the
   * worker gets its text and the page calls set() with the updated text.
   */
  ledger?: LedgerStore;
}

export interface Session {
  readonly info: ReadInfo;
  /**
   * The report for the current settings (as analyze() returns it; computed once per settings). signal: in the
   * page it is checked before the report starts; in gapscore/worker the call rejects at once and a worker busy
   * with it is replaced (hard cancel), which ends its sessions.
   */
  report(options?: SessionReportOptions): Promise<Report>;
  /** Its canonical text (byte-identical to `gapscore analyze`). */
  reportText(options?: SessionReportOptions): Promise<string>;
  /**
   * A report with new settings from what was read: grouping, thresholds, weights, privacy, insights. Settings
   * that change how the inputs are read (period, window, mode, columns, usage.identity, max_diagnostics) reject
   * with GapScoreError code "config_needs_reread" (read the inputs again); the session keeps its settings then.
   */
  reanalyze(config: Config | string, options?: SessionReportOptions): Promise<Report>;
  /**
   * Everything read, as bytes (docs/partial-state.md): as sensitive as the inputs themselves. Call it before the
   * first report() / reanalyze(): the first report joins the tables, and a joined session cannot be saved
   * (rejects with code "invalid_argument").
   */
  saveState(): Promise<Uint8Array>;
  /**
   * The key this session generated for `privacy.salt: "generate"` (individual results, cell-key), as hex; null
   * when it generated none. A secret: keep it to give later reports the same pseudonyms.
   */
  generatedSalt(): Promise<string | null>;
  /**
   * Reads more activity files into this session, e.g. this month's export into last month's loaded state
   * (loadState). Files are read in SHA-256 order, as the CLI reads several --activity files: the report is
   * byte-identical to one read of every file. Before the first report only. In-thread sessions only.
   */
  add(tables: { activity: TableInput | TableInput[] }, options?: { signal?: AbortSignal; chunkBytes?: number; sourceNames?: { activity?: string | string[] }; sheets?: { activity?: string } }): Promise<void>;
  readonly closed: boolean;
  /** Frees the session's memory; later calls reject with code "session_closed". */
  close(): void;
}

export interface GapScore {
  readonly version: string;
  /** Readers used for a large CSV activity table when a call does not say. */
  readonly workers: number;
  /** Reads the tables and keeps what was read (see Session). analyze() is open + report + close. */
  open(tables: Tables, config?: Config | string, options?: RunOptions): Promise<Session>;
  /** A session from Session.saveState() bytes; `config` must read inputs as the saved one did. */
  loadState(state: Uint8Array | ArrayBuffer, config?: Config | string): Promise<Session>;
  /** Ends the helper workers of parallel reads (the next parallel read starts new ones). */
  terminateWorkers(): void;
  analyze(tables: Tables, config?: Config | string, options?: RunOptions): Promise<Report>;
  /** Columnar fast path: typed arrays go to the engine without per-row conversion. */
  analyzeColumns(columns: Columns, config?: Config | string, options?: ColumnsRunOptions): Promise<Report>;
  validate(tables: Tables, config?: Config | string, options?: RunOptions): Promise<Validation>;
  /** The canonical report text (byte-identical to `gapscore analyze` for the same inputs). */
  reportText(tables: Tables, config?: Config | string, options?: RunOptions): Promise<string>;
  /** What a file is (format, delimiter, headers, usage export kind), as the engine will read it. */
  /** options.sheet: the sheet of a workbook to describe (default: the first). */
  sniff(input: SniffInput, options?: { sheet?: string }): Promise<Sniff>;
  schema(): InputSchema;
  metrics(): MetricDefinition[];
  /** SHA-256 (hex) of bytes, as in the report's inputs[].sha256. */
  sha256(bytes: string | ArrayBuffer | Uint8Array): string;
  /**
   * Bytes of this thread's wasm linear memory (for leak checks; helpers': Session.info.helperHeapBytes). Drops to
   * the initial 8 MiB a moment after the last session closes, or the last call ends, when the instance grew past
   * helperKeepBytes. Engines loaded without wasmBinary/wasmUrl share one instance until one of them replaces it.
   */
  memoryBytes(): number;
}

export declare function createGapScore(options?: GapScoreOptions): Promise<GapScore>;

export declare class GapScoreError extends Error {
  readonly name: 'GapScoreError';
  /**
   * Stable code: a diagnostic code (docs/input-format.md) or invalid_argument, cancelled, wasm_load_failed, worker_failed,
   * session_closed, internal_error, out_of_memory (the input needs more than the engine's 2 GiB of WebAssembly memory
   * in one reader; the next call loads a new engine instance, and sessions of the old one are gone).
   */
  readonly code: string;
  readonly table: string | null;
  /** The file the problem is in (the name the table was given), when it is about a row of one file. */
  readonly source: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly diagnostics: import('./report.js').Diagnostic[];
  /** True for this code or an old name of it: is('usage_error') matches invalid_argument (alias until 0.3). */
  is(code: string): boolean;
}

/** Old code names still matched by GapScoreError.is for one version. */
export declare const CODE_ALIASES: Readonly<Record<string, string>>;
