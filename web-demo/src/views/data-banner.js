// The data-quality banner at the top of a report whose figures leave something
// out: rows skipped as unreadable, or people in the activity who are missing
// from the people table (shown as "(unassigned)"). Counts per kind, the fix in
// words, the first problems with their row numbers, and a CSV of every listed
// problem with the counts per kind. Messages are the engine's, shown as text.
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { csvBlob, download } from '../export.js';
import { collapse } from './diagnostics.js';
import { engineText } from './engine-text.js';

const FIRST_ROWS = 5;

// Row-level problems: the row was skipped (docs/input-format.md, lenient mode).
const ROW_CODES = new Set(['ragged_row', 'malformed_quote', 'json_row_not_object', 'json_nested_value', 'json_repeated_field', 'missing_value', 'invalid_number',
  'invalid_integer', 'non_finite', 'invalid_date', 'invalid_bool', 'invalid_enum', 'out_of_range', 'ai_tasks_exceed_tasks', 'duplicate_key',
  'usage_row_skipped', 'ambiguous_number']);

const TABLE_WORDS = { activity: 'activity file', people: 'people file', surveys: 'survey file', playbook: 'playbook', usage: 'AI-usage exports', identities: 'identities file' };
const tableWords = (t) => TABLE_WORDS[t] ?? (t ? `${t} file` : 'input');
const plural = (n, one, many = `${one}s`) => `${fmt.num(n)} ${n === 1 ? one : many}`;
// The verb that agrees with a count: agree(1, 'has', 'have') is 'has'.
const agree = (n, one, many) => (n === 1 ? one : many);

/** What each kind of problem means and how to fix it, in words (null: not a kind the banner explains). */
export function fixText(code, count, table) {
  switch (code) {
    case 'unknown_person':
      return `${plural(count, 'person', 'people')} in the activity file ${agree(count, 'is', 'are')} not in the people table; they are shown as "(unassigned)" unless the activity names their team. Add them to the people file (person id, team, role) and run again.`;
    case 'attribute_case_variants':
      return `${plural(count, 'pair')} of group names ${agree(count, 'differs', 'differ')} only in letter case (such as "Alpha" and "alpha") and ${agree(count, 'is', 'are')} counted as separate groups. Write each name one way and run again.`;
    case 'person_id_near_match':
      return `${plural(count, 'kind')} of person id ${agree(count, 'differs', 'differ')} between the activity file and the people table (letter case, or leading zeros a spreadsheet dropped); those people are "(unassigned)". Write each id the same way in both files (keep the column as text) and run again.`;
    case 'attribute_conflict':
      return `${plural(count, 'person', 'people')} ${agree(count, 'has', 'have')} a different team, role or work mode in two places; the people file was used. Correct the other file if it is wrong.`;
    case 'duplicate_key':
      // The engine keeps no rows, so it cannot tell a copy from a correction: say both.
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'has', 'have')} the same person (and day and task) as an earlier row and ${agree(count, 'was', 'were')} left out; the first row was kept, whatever the later one says. If a later row corrects an earlier one, remove the earlier one; if it is a copy, remove the copy.`;
    case 'missing_value':
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'leaves', 'leave')} a required cell empty and ${agree(count, 'was', 'were')} skipped. Fill in the cells listed below.`;
    case 'invalid_date':
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'has', 'have')} a date that could not be read and ${agree(count, 'was', 'were')} skipped. Use one date format throughout (for example 2025-02-03).`;
    case 'invalid_number': case 'invalid_integer': case 'non_finite':
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'has', 'have')} text where a number belongs and ${agree(count, 'was', 'were')} skipped. Correct the cells listed below.`;
    case 'ambiguous_number':
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'has', 'have')} a number such as 1.250 or 1,250 that could mean 1250 or 1.25 (the file is separated by semicolons, where decimals may be written with a comma or a dot) and ${agree(count, 'was', 'were')} skipped. Write thousands without a separator (1250) and decimals with one or two places (1,25).`;
    case 'ai_tasks_exceed_tasks':
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'counts', 'count')} more AI tasks than tasks and ${agree(count, 'was', 'were')} skipped. Check how the two columns were exported.`;
    case 'ragged_row': case 'malformed_quote':
      return `${plural(count, 'row')} of the ${tableWords(table)} ${agree(count, 'is', 'are')} not well-formed CSV (a missing or extra separator or quote) and ${agree(count, 'was', 'were')} skipped. Re-export the file as CSV.`;
    default:
      return ROW_CODES.has(code)
        ? `${plural(count, 'row')} of the ${tableWords(table)} could not be read and ${agree(count, 'was', 'were')} skipped; the problems are listed below.`
        : null;
  }
}

/** Whether the report read more than one file for `table` (then a row number needs its file). */
const severalFiles = (report, table) => (report.inputs ?? []).filter((i) => i.table === table).length > 1;

/** The kinds of problem the banner reports: those that change who or what the figures cover. */
function relevant(report) {
  return (report.diagnostics?.counts ?? []).filter((c) => c.count > 0 && (c.code === 'unknown_person' || ROW_CODES.has(c.code) || c.code === 'attribute_conflict' || c.code === 'attribute_case_variants' || c.code === 'person_id_near_match'));
}

/** The diagnostics listed in the report, and the counts per kind, as one CSV. */
export function diagnosticsCsv(report) {
  const d = report.diagnostics ?? { items: [], counts: [] };
  const header = ['section', 'table', 'file', 'row', 'column', 'kind', 'severity', 'problem', 'value', 'count'];
  const rows = [
    ...(d.counts ?? []).map((c) => ['count per kind', c.table ?? '', '', '', '', c.code, '', '', '', c.count]),
    ...(d.items ?? []).map((i) => ['listed problem', i.table ?? '', i.source ?? '', i.row ?? '', i.column ?? '', i.code, i.severity ?? '', i.message ?? '', i.value ?? '', '']),
  ];
  return { header, rows };
}

/**
 * @param {object} report
 * @param {{fileBase: string, openDetails: () => void}} options
 * @returns {HTMLElement|null}
 */
export function dataBanner(report, { fileBase, openDetails }) {
  const kinds = relevant(report);
  const skipped = (report.inputs ?? []).filter((i) => i.rows_skipped > 0);
  if (!kinds.length && !skipped.length) return null;
  const d = report.diagnostics ?? {};
  const codes = new Set(kinds.map((k) => k.code));
  // Problems without a row that repeat one message (one per person) are one line with a count.
  const first = collapse((d.items ?? []).filter((i) => codes.has(i.code))).slice(0, FIRST_ROWS);
  const fixes = kinds.map((k) => [k, fixText(k.code, k.count, k.table)]).filter(([, t]) => t);
  return h('section', { class: 'alert alert-warn data-banner', 'aria-labelledby': 'data-banner-title', 'data-testid': 'data-banner' },
    h('h3', { id: 'data-banner-title' }, 'Check your data: some of it is not in these figures'),
    skipped.length ? h('p', {}, skipped.map((i) => `${plural(i.rows_skipped, 'row')} of the ${tableWords(i.table)} ${agree(i.rows_skipped, 'was', 'were')} skipped.`).join(' ')) : null,
    fixes.length ? h('ul', { class: 'data-fixes' }, fixes.map(([k, text]) => h('li', { 'data-code': k.code }, text))) : null,
    first.length ? h('details', { class: 'data-first' },
      h('summary', {}, first.length === 1 ? 'The problem as the engine words it' : `The first ${first.length} problems`),
      h('ol', { class: 'data-first-list' }, first.map((i) => h('li', {},
        h('strong', {}, [tableWords(i.table), severalFiles(report, i.table) && i.source ? ` ${i.source}` : '', i.row ? `, row ${fmt.num(i.row)}` : ''].join('')),
        i.column ? [' (column ', h('code', {}, i.column), ')'] : '', ': ', engineText(i.message ?? i.code), i.times > 1 ? ` (${fmt.num(i.times)} times, no row number)` : '')))) : null,
    h('div', { class: 'data-actions' },
      h('button', { type: 'button', class: 'button secondary small', 'data-export': 'diagnostics-csv',
        onclick: () => { const t = diagnosticsCsv(report); download(`${fileBase}-data-problems.csv`, csvBlob(t.header, t.rows)); } },
      `Download the ${d.truncated ? `first ${fmt.num(d.listed)}` : fmt.num(d.listed ?? d.items?.length ?? 0)} problems (CSV)`),
      h('button', { type: 'button', class: 'button ghost small', onclick: openDetails }, 'All problems, file by file')));
}
