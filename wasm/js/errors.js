// The one error type the package throws. Core diagnostics keep their stable
// codes (docs/input-format.md), so callers can branch on `code`.

/** Old code names that still match for one version: `err.is('usage_error')`. */
export const CODE_ALIASES = Object.freeze({ usage_error: 'invalid_argument' });

export class GapScoreError extends Error {
  /**
   * @param {string} code stable diagnostic code, e.g. "missing_column", "config_unknown_key", "cancelled"
   * @param {string} message human-readable, names the table/row/column where it applies
   * @param {object} [details] {table, source, row, column, diagnostics}
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'GapScoreError';
    this.code = code;
    this.table = details.table ?? null;
    this.source = details.source ?? null;
    this.row = details.row ?? null;
    this.column = details.column ?? null;
    this.diagnostics = details.diagnostics ?? [];
  }

  /**
   * Rebuilds an error from the binding's {code, message, diagnostics}, or from toJSON()'s form
   * sent by the worker (whose table/row/column may name a place no diagnostic does).
   */
  static fromCore(err) {
    const first = err.diagnostics?.[0] ?? {};
    return new GapScoreError(err.code, err.message, {
      table: err.table !== undefined ? err.table : first.table ?? null,
      source: err.source !== undefined ? err.source : first.source ?? null,
      row: err.row !== undefined ? err.row : first.row ?? null,
      column: err.column !== undefined ? err.column : first.column ?? null,
      diagnostics: err.diagnostics ?? [],
    });
  }

  /** Whether the error has this code, or an old name of it (CODE_ALIASES): usage_error is invalid_argument until 0.3. */
  is(code) {
    return this.code === code || CODE_ALIASES[code] === this.code;
  }

  /** Plain-object form for postMessage (structured clone drops the class). */
  toJSON() {
    return { code: this.code, message: this.message, table: this.table, source: this.source, row: this.row, column: this.column, diagnostics: this.diagnostics };
  }
}

export function cancelledError() {
  return new GapScoreError('cancelled', 'The analysis was cancelled by the caller.');
}

/** A binding result {ok, ...} as is, or its error ({ok: false, error: "<JSON>"}, written by core) thrown. */
export function checkResult(result) {
  if (!result.ok) throw GapScoreError.fromCore(JSON.parse(result.error));
  return result;
}

/** An engine trap (WebAssembly.RuntimeError) as out_of_memory when an allocation failed, else internal_error. */
export function engineError(e, Module) {
  if (!(e instanceof WebAssembly.RuntimeError)) return e;
  let oom = false;
  try { oom = Module.outOfMemory(); } catch { /* the instance cannot answer */ }
  return oom
    ? new GapScoreError('out_of_memory', 'The analysis needs more memory than the engine can have in this page (2 GiB per reader): read fewer rows at a time (a shorter window), or run the native CLI.')
    : new GapScoreError('internal_error', `The engine stopped (${e.message}); please report it with its input.`);
}
