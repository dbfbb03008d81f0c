// Excel workbooks (.xlsx) as CSV, imported by the package only when an input
// is a workbook (inputs.js isWorkbookInput). The engine reads the zip directory
// and the sheet's XML (workbookStep of the workbook module, loaded with this
// file: the steps the native CLI runs with zlib);
// the platform inflates the parts the engine asks for, with
// DecompressionStream('deflate-raw') (browsers, workers, Node 20). The report
// records the workbook file's SHA-256, as the CLI does.
import { GapScoreError, checkResult as check } from './errors.js';
import { SNIFF_BYTES, isWorkbookInput, memoryBytes, readBlob } from './inputs.js';
import { isNode, readNodeFile } from './loader.js';
import { platformDigest } from './platform.js';

let workbookModule = null;

/** The Excel workbook reader (gapscore-workbook.mjs/.wasm next to gapscore.mjs), loaded once. */
function loadWorkbookModule() {
  workbookModule ??= (async () => {
    const { default: create } = await import('./gapscore-workbook.mjs');
    const args = isNode ? { wasmBinary: await readNodeFile(new URL('./gapscore-workbook.wasm', import.meta.url)) } : {};
    return create(args);
  })();
  workbookModule.catch(() => { workbookModule = null; });
  return workbookModule;
}

function damaged(why) {
  return new GapScoreError('workbook_invalid',
    `the workbook is damaged (${why}); open it in Excel and save it again, or save the sheet as CSV UTF-8`);
}

/** A raw deflate stream that must expand to exactly `expanded` bytes; reading stops as soon as it would go past. */
async function inflateRaw(deflated, expanded) {
  if (typeof DecompressionStream === 'undefined') {
    throw new GapScoreError('workbook_invalid', 'this runtime cannot unzip (no DecompressionStream); save the sheet as CSV UTF-8');
  }
  const out = new Uint8Array(expanded);
  const reader = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let at = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length > expanded - at) {
        reader.cancel().catch(() => {});
        throw damaged('a part expands to more than its declared size');
      }
      out.set(value, at);
      at += value.length;
    }
  } catch (e) {
    if (e instanceof GapScoreError) throw e;
    throw damaged("a part's compressed data is corrupt or cut short");
  }
  if (at !== expanded) throw damaged("a part's size differs from the size the zip declares");
  return out;
}

/** The sheet (`sheet`, or the first) of a workbook's bytes as CSV bytes. */
export async function workbookToCsv(bytes, options = {}) {
  return (await readWorkbook(bytes, options)).csv;
}

/** {csv: Uint8Array, sheet: the sheet read, sheets: every sheet's name}. */
export async function readWorkbook(bytes, { sheet = '', source = '' } = {}) {
  const reader = await loadWorkbookModule();
  const parts = {};
  for (let round = 0; round < 3; round += 1) {  // workbook and its relationships, then the sheet's parts
    const step = check(reader.workbookStep(bytes, sheet, parts, source));
    if (step.csv) return { csv: step.csv, sheet: step.sheet, sheets: step.sheets };
    for (const e of step.need) parts[e.name] = await inflateRaw(bytes.subarray(e.offset, e.offset + e.compressed), e.expanded);
  }
  throw new GapScoreError('internal_error', 'the workbook could not be read in three steps');
}

/**
 * Every workbook among the tables replaced by its sheet as CSV bytes; `digests[table]`
 * is the workbook file's SHA-256 (a promise). Other tables are given back as they are.
 * sheets: {table: sheet name} (default: each workbook's first sheet).
 */
export async function workbooksAsCsv(Module, tables, { sheets = {}, sourceNames = {} } = {}) {
  const out = { ...tables };
  const digests = {};
  for (const [table, value] of Object.entries(tables ?? {})) {
    if (table === 'usage' || value == null || !(await isWorkbookInput(value))) continue;
    const bytes = memoryBytes(value) ?? (await readBlob(value));
    digests[table] = platformDigest(bytes)?.catch(() => Module.sha256(bytes)) ?? Promise.resolve(Module.sha256(bytes));
    out[table] = await workbookToCsv(bytes, { sheet: sheets[table] ?? '', source: sourceNames[table] ?? '' });
  }
  return { tables: out, digests };
}

/** sniff() of a workbook: its sheet (options.sheet, or the first) described as the CSV it is read as. */
export async function sniffWorkbook(Module, input, options = {}) {
  const parse = (text) => JSON.parse(text);
  const bytes = memoryBytes(input) ?? (await readBlob(input));
  try {
    const book = await readWorkbook(bytes, { sheet: options.sheet ?? '' });
    return { ...parse(Module.sniff(book.csv.subarray(0, SNIFF_BYTES))), format: 'xlsx', sheet: book.sheet, sheets: book.sheets };
  } catch (e) {
    if (!(e instanceof GapScoreError) || e.code !== 'workbook_invalid') throw e;
    // Still a workbook, one that cannot be read: say why (analyze rejects with the same error).
    return { ...parse(Module.sniff(bytes.subarray(0, SNIFF_BYTES))), problem: e.message };
  }
}
