// A Session keeps what was read (the activity as per-person state, the other
// tables' bytes) in wasm memory, so that new settings give a new report
// without reading the inputs again. close() frees that memory.
import { GapScoreError, cancelledError, checkResult as check } from './errors.js';
import { configText } from './inputs.js';

// A session the caller forgot to close is freed when it is garbage-collected.
const forgotten = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ handle, onClose }) => {
    try { handle.delete(); } catch { /* freed already */ }
    onClose?.();
  })
  : null;

export class Session {
  #handle;
  #text = null;  // the report for the current settings, once computed
  #add;  // (handle, tables, options) => reads more activity files into the handle
  #trap;  // a trap of the engine -> a GapScoreError
  #onClose;  // tells the engine that this session no longer uses its instance

  /**
   * @param {any} handle the binding's Module.Session, read and merged
   * @param {import('./index').ReadInfo} info how it was read
   * @param {Function} [trap] an engine trap -> a GapScoreError
   * @param {Function} [onClose] called once, when the session is closed or collected
   */
  constructor(handle, info, add = null, trap = (e) => e, onClose = null) {
    this.#handle = handle;
    this.#add = add;
    this.#trap = trap;
    this.#onClose = onClose;
    /** How the inputs were read: readers (1 = this thread alone), the helpers' wasm memory, who hashed the activity. */
    this.info = Object.freeze({ ...info, helperHeapBytes: Object.freeze([...info.helperHeapBytes]), helpersKept: Object.freeze([...info.helpersKept]) });
    forgotten?.register(this, { handle, onClose }, this);
  }

  #live() {
    if (!this.#handle) throw new GapScoreError('session_closed', 'This session was closed; open the inputs again.');
    return this.#handle;
  }

  /**
   * The canonical report text for the current settings (computed once per settings).
   * signal: checked before the report starts (it is one call into the engine).
   */
  async reportText({ signal, ledger } = {}) {
    if (signal?.aborted) throw cancelledError();
    if (this.#text != null) return this.#text;
    return this.#guard(() => this.#reportText(ledger));
  }

  async #guard(fn) {
    try {
      return await fn();
    } catch (e) {
      throw this.#trap(e);
    }
  }

  async #reportText(ledger) {
    const handle = this.#live();
    // Protection dp: the release spends from the caller's ledger, read just before it.
    if (ledger) check(handle.setLedger((await ledger.get()) ?? ''));
    const text = check(handle.report()).report;
    if (ledger) {
      const next = handle.ledger();
      if (next) await ledger.set(next);
    }
    this.#text = text;
    return text;
  }

  async report(options = {}) {
    return JSON.parse(await this.reportText(options));
  }

  /**
   * A report with new settings, from what was read. Settings that change how inputs are read
   * (period, window, mode, columns, usage.identity, max_diagnostics) reject with code
   * "config_needs_reread"; the session keeps its settings then.
   */
  async reanalyze(config, options = {}) {
    if (options.signal?.aborted) throw cancelledError();
    await this.#guard(() => check(this.#live().configure(configText(config))));
    this.#text = null;
    return this.report(options);
  }

  /**
   * Everything read, as bytes (as sensitive as the inputs): give them to GapScore.loadState.
   * Before the first report only: the report joins the tables, and core saves unjoined state.
   */
  /** The key generated for privacy.salt "generate" (hex), or null: a secret, to reuse for the same pseudonyms. */
  async generatedSalt() {
    return this.#live().generatedSalt() || null;
  }

  async saveState() {
    return this.#guard(() => check(this.#live().saveState(false)).state);
  }

  /**
   * Reads more activity files into this session ({activity: file or [files]}), e.g. this month's
   * export into last month's loaded state; the report then covers all of them, byte-identical to
   * one read of every file. Before the first report only (the report joins the tables).
   */
  async add(tables, options = {}) {
    if (options.signal?.aborted) throw cancelledError();
    const handle = this.#live();
    if (!this.#add) throw new GapScoreError('invalid_argument', 'this session cannot read more inputs');
    await this.#guard(() => this.#add(handle, tables, options));
    this.#text = null;
  }

  get closed() {
    return this.#handle == null;
  }

  /** Frees the session's wasm memory; later calls reject with "session_closed". Idempotent. */
  close() {
    if (!this.#handle) return;
    forgotten?.unregister(this);
    try {
      this.#handle.delete();
    } finally {
      // Drops what refers to the instance, so that a replaced one can be collected.
      this.#handle = this.#add = this.#text = null;
      this.#onClose?.();
      this.#onClose = null;
    }
  }
}
