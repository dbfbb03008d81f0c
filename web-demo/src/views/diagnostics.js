// Data-quality views: what was read from each file, and every problem found
// as (table, row, column, problem) — from the report, or from a failed run's
// GapScoreError. Messages come from the engine; they are shown as text.
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { usageFormatLabel } from '../usage-formats.js';
import { dataTable } from './table.js';
import { engineText } from './engine-text.js';

const hash = (sha) => (sha ? h('code', { class: 'hash', title: sha }, `${sha.slice(0, 12)}…`) : '—');

const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Note' };

const plural = (n, one, many = `${one}s`) => `${fmt.num(n)} ${n === 1 ? one : many}`;

/** Problems without a row that say the same thing (one per person, say) become one line with a count. */
export function collapse(items) {
  const out = [];
  const same = new Map();
  for (const d of items) {
    if (d.row != null || d.value != null) { out.push({ ...d, times: 1 }); continue; }
    const key = `${d.table}|${d.code}|${d.column}|${d.message}`;
    if (same.has(key)) { same.get(key).times += 1; continue; }
    const entry = { ...d, times: 1 };
    same.set(key, entry);
    out.push(entry);
  }
  return out;
}

function diagnosticsTable(items, caption = 'Problems found in the input') {
  return dataTable({
    caption,
    className: 'diagnostics-table',
    columns: [{ label: 'Table' }, { label: 'Row', num: true }, { label: 'Column' }, { label: 'Problem' }, { label: 'Value' }],
    rows: collapse(items).map((d) => [
      d.table ?? '—',
      d.row == null ? (d.times > 1 ? `${fmt.num(d.times)}×` : '—') : fmt.num(d.row),
      d.column ? h('code', {}, d.column) : '—',
      h('span', {}, h('span', { class: `sev sev-${d.severity ?? 'error'}` }, SEVERITY[d.severity] ?? d.severity ?? 'Error'), ' ', engineText(d.message ?? d.code)),
      d.value == null || d.value === '' ? '—' : h('code', {}, d.value),
    ]),
  });
}

/** The panel shown when a run fails (bad files, bad settings). */
export function failurePanel(error) {
  const items = error.diagnostics?.length ? error.diagnostics : [];
  const title = error.code === 'privacy_budget_exhausted' ? 'The privacy budget is spent: no report'
    : error.code?.startsWith('config_') ? 'A setting is not valid' : 'These files could not be analysed';
  return h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'failure' },
    h('h3', {}, title),
    // The budget refusal names the ledger's key and config fields: kept as the engine's text, in code.
    error.code === 'privacy_budget_exhausted'
      ? h('details', {}, h('summary', {}, 'The engine\'s message'), h('code', {}, error.message ?? ''))
      : h('p', {}, error.message ?? String(error)),
    error.code === 'missing_column'
      ? h('p', {}, 'Choose the matching column in the file panel above (or rename the header in your file), then analyse again.')
      : null,
    error.code === 'privacy_budget_exhausted'
      ? h('p', {}, 'Under differential privacy every report spends from the total budget recorded in this browser. Further reports on these files are refused. The total recorded for them can be lowered but not raised; only clearing this site\'s data in the browser starts a new budget.')
      : null,
    items.length > 1 || (items.length === 1 && items[0].message !== error.message) ? diagnosticsTable(items) : null);
}

export function diagnosticsView(report) {
  const d = report.diagnostics ?? { items: [], counts: [] };
  const inputs = report.inputs ?? [];
  return h('div', { class: 'diagnostics-view' },
    h('section', { class: 'card' },
      h('h3', {}, 'What was read'),
      dataTable({
        caption: 'Input files',
        columns: [{ label: 'Table', rowHeader: true }, { label: 'File' }, { label: 'Rows used', num: true }, { label: 'Rows skipped', num: true },
          { label: 'Columns not used' }, { label: 'SHA-256' }],
        rows: [
          // A table read as Windows-1252 (Excel's "CSV" on Windows; the engine's config.encodings) says so beside its file.
          ...inputs.map((i) => [i.table, `${i.source ?? '—'}${report.config?.encodings?.[i.table] ? ' (read as Windows-1252)' : ''}`,
            fmt.num(i.rows_used), fmt.num(i.rows_skipped),
            i.ignored_columns?.length ? i.ignored_columns.join(', ') : '—', hash(i.sha256)]),
          // AI-usage exports: records (users, user-days or days) rather than rows; their format instead of columns.
          ...(report.usage?.inputs ?? []).map((i) => [`usage: ${usageFormatLabel(i.format)}`, i.source ?? '—', fmt.num(i.records),
            fmt.num(i.records_skipped), '—', hash(i.sha256)]),
        ],
      }),
      h('p', { class: 'card-sub' }, 'The SHA-256 digests identify the exact files, so a report can later be verified against them.')),
    h('section', { class: 'card' },
      h('h3', {}, 'Problems found'),
      d.total === 0
        ? h('p', { class: 'ok-line' }, 'No problems: every row was read.')
        : [
          h('p', {}, `${plural(d.errors, 'error')}, ${plural(d.warnings, 'warning')}, ${fmt.num(d.total)} in all.`,
            d.truncated ? ` The first ${fmt.num(d.listed)} are listed.` : ''),
          d.counts?.length ? dataTable({
            caption: 'Counts by kind',
            columns: [{ label: 'Table' }, { label: 'Kind' }, { label: 'Count', num: true }],
            rows: d.counts.map((c) => [c.table ?? '—', h('code', {}, c.code), fmt.num(c.count)]),
          }) : null,
          diagnosticsTable(d.items ?? []),
        ]));
}
