// The group table: one row per group, sortable by any column (buttons in the
// headers, aria-sort for screen readers). Suppressed groups stay in the table
// and say why they have no figures; they always sort last. Past
// VIRTUAL_MIN_ROWS groups the table scrolls in its own box and draws only the
// rows in view (virtual-table.js), so 500 groups read as one table.
import { h, replace, uid } from '../dom.js';
import * as fmt from '../format.js';
import { hiddenText } from './charts.js';
import { figureCell, scrollBox } from './table.js';
import { VIRTUAL_MIN_ROWS, virtualBody } from './virtual-table.js';
import { rollupOfGroups, rollupView } from './rollup.js';

const GROUP_COLUMNS = [
  { id: 'headcount', label: 'People', get: (g) => g.headcount, format: (v) => fmt.num(v) },
  { id: 'adoption_rate', label: 'Adoption', get: (g) => g.metrics.adoption_rate, format: fmt.pct },
  { id: 'ai_task_share', label: 'AI task share', get: (g) => g.metrics.ai_task_share, format: fmt.pct },
  { id: 'within_gini', label: 'Unevenness', get: (g) => g.metrics.within_gini, format: (v) => fmt.num(v, 2) },
  { id: 'time_saved_hours', label: 'Hours saved', get: (g) => g.metrics.time_saved_hours, format: (v) => fmt.num(v) },
  { id: 'net_time_saved_hours', label: 'Net of rework (h)', get: (g) => g.metrics.net_time_saved_hours, format: (v) => fmt.num(v) },
  { id: 'value_uplift', label: 'Value uplift', get: (g) => g.metrics.value_uplift, format: fmt.signedPct },
  // In points of the 0-100 scale, as the overview gives it (quality is a 0-1 score).
  { id: 'quality_delta', label: 'Quality Δ (pts)', get: (g) => g.metrics.quality_delta, format: (v) => fmt.signedNum(v * 100, 1) },
  { id: 'error_reduction', label: 'Error reduction', get: (g) => g.metrics.error_reduction, format: fmt.pct },
  { id: 'gap_score', label: 'Gap score', get: (g) => g.score?.value, format: fmt.score },
];

// The group's key, then (with a roll-up) the larger group holding it.
function keyColumns(report) {
  const groupBy = report.config?.group_by ?? [];
  const keys = groupBy.map((attr) => ({ id: `key:${attr}`, label: fmt.attrLabel(attr), get: (g) => fmt.attrValue(attr, g.key?.[attr]), text: true }));
  if (!report.rollup) return keys;
  const index = new Map(report.groups.map((g, i) => [g, i]));
  const rollupOf = rollupOfGroups(report);
  return [...keys, { id: 'rollup', label: fmt.attrLabel(report.rollup.by), get: (g) => rollupOf.get(index.get(g)) ?? '', text: true }];
}

export function groupsView(report) {
  const k = report.privacy?.min_group_size ?? report.config?.privacy?.min_group_size ?? 5;
  const keys = keyColumns(report);
  const columns = [...keys, ...GROUP_COLUMNS];
  let sort = { id: 'gap_score', dir: 'desc' };
  const tbody = h('tbody');
  const headRow = h('tr');
  const caption = h('caption', { class: 'visually-hidden' });
  const groupBy = report.config?.group_by ?? [];
  // Search and filter: for organisations of hundreds of groups.
  const searchId = uid('group-search');
  const filterId = uid('group-filter');
  const search = h('input', { id: searchId, type: 'search', class: 'search-input', autocomplete: 'off', 'data-testid': 'group-search', placeholder: 'Team, role, …' });
  const filter = h('select', { id: filterId, 'data-testid': 'group-filter' },
    h('option', { value: 'all' }, 'All groups'),
    h('option', { value: 'shown' }, 'Groups with figures'),
    h('option', { value: 'hidden' }, 'Hidden groups (too few people)'));
  const count = h('p', { class: 'table-count', 'aria-live': 'polite', 'data-testid': 'group-count' });

  function matching() {
    const q = search.value.trim().toLowerCase();
    return report.groups.filter((g) => (filter.value === 'all' || (filter.value === 'hidden') === Boolean(g.suppressed))
      && (!q || keys.some((c) => String(c.get(g)).toLowerCase().includes(q))));
  }

  function sorted() {
    const col = columns.find((c) => c.id === sort.id);
    const sign = sort.dir === 'asc' ? 1 : -1;
    const rows = matching();
    const shown = rows.filter((g) => !g.suppressed);
    const hidden = rows.filter((g) => g.suppressed);
    shown.sort((a, b) => {
      const x = col.get(a);
      const y = col.get(b);
      if (x == null && y == null) return 0;
      if (x == null) return 1;  // n/a sorts last in both directions
      if (y == null) return -1;
      return sign * (col.text ? String(x).localeCompare(String(y)) : x - y);
    });
    return [...shown, ...hidden];
  }

  function renderHead() {
    replace(headRow, columns.map((c) => {
      const active = sort.id === c.id;
      return h('th', { scope: 'col', class: c.text ? null : 'num', 'aria-sort': active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : null },
        h('button', { type: 'button', class: 'sort', 'data-sort': c.id, onclick: () => {
          sort = { id: c.id, dir: active && sort.dir === 'desc' ? 'asc' : active ? 'desc' : c.text ? 'asc' : 'desc' };
          render();  // from the top: the new order's first rows
          headRow.querySelector(`[data-sort="${CSS.escape(c.id)}"]`).focus();
        } }, h('span', {}, c.label), h('span', { class: `sort-icon ${active ? sort.dir : ''}`, 'aria-hidden': 'true' })));
    }));
  }

  function groupRow(g) {
    const keyCells = keys.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: 'key', 'data-col': c.id }, c.get(g)));
    if (g.suppressed) {
      return h('tr', { class: 'is-suppressed' }, keyCells,
        h('td', { colspan: GROUP_COLUMNS.length, class: 'suppressed-cell' }, hiddenText(g, k)));
    }
    const band = fmt.scoreBand(g.score?.value);
    return h('tr', {}, keyCells, GROUP_COLUMNS.map((c) => {
      const v = c.get(g);
      if (c.id === 'gap_score') return h('td', { class: 'num', 'data-col': c.id }, h('span', { class: `score-chip band-${band.level}`, title: band.label }, c.format(v)));
      return figureCell(c, v, g.withheld?.[c.id]);
    }));
  }

  const table = h('table', { class: 'data-table groups-table', 'data-testid': 'groups-table' },
    caption,
    h('thead', {}, headRow),
    tbody,
    report.overall.suppressed ? null : h('tfoot', {}, h('tr', {},
      keys.length ? [h('th', { scope: 'row', colspan: keys.length }, 'Everyone')] : [],
      GROUP_COLUMNS.map((c) => figureCell(c, c.get(report.overall), report.overall.withheld?.[c.id])))));
  const box = h('div', { class: 'table-scroll' }, table);
  const body = virtualBody({
    box, table, tbody, columns: columns.length, virtual: report.groups.length > VIRTUAL_MIN_ROWS,
    emptyRow: () => h('tr', {}, h('td', { colspan: columns.length, class: 'empty-row' }, 'No group matches.')),
  });

  // Search, filter and sort start again from the top of the table.
  function renderBody() {
    const all = sorted();
    const total = report.groups.length;
    const of = all.length === total ? `${fmt.num(total)} group${total === 1 ? '' : 's'}` : `${fmt.num(all.length)} of ${fmt.num(total)} groups`;
    count.textContent = all.length === total ? '' : `${of}.`;
    // The table's name (its caption, and its scroll box's label) says how many groups it holds.
    caption.textContent = `Metrics per group: ${of}`;
    box.dataset.label = caption.textContent;
    if (box.hasAttribute('aria-label')) box.setAttribute('aria-label', caption.textContent);
    body.setRows(all, groupRow, { toTop: true });
  }

  function render() {
    renderHead();
    renderBody();
  }
  render();
  search.addEventListener('input', renderBody);
  filter.addEventListener('change', renderBody);

  const hiddenCount = report.groups.filter((g) => g.suppressed).length;
  return h('div', { class: 'groups-view' },
    report.rollup ? rollupView(report) : null,
    h('p', { class: 'view-intro' },
      `${report.groups.length} groups by ${groupBy.map(fmt.attrInText).join(' × ') || 'nothing (overall only)'}. `,
      hiddenCount ? `${hiddenCount} hidden because they have fewer than ${k} people (or would let a smaller hidden group be worked out). ` : `Every group has at least ${k} people. `,
      'Select a column heading to sort.'),
    report.groups.length > 8 ? h('div', { class: 'table-tools' },
      h('div', { class: 'inline-field' }, h('label', { for: searchId }, 'Find a group'), search),
      h('div', { class: 'inline-field' }, h('label', { for: filterId }, 'Show'), filter),
      count) : null,
    scrollBox(caption.textContent, box));
}

/**
 * The group table as CSV rows: suppressed groups keep their key and say why in
 * the note. For people: the table's column titles (with the unit) and rounded
 * figures, shares as percentages. raw: the engine's names and unrounded values.
 */
export function groupsCsv(report, { raw = false } = {}) {
  const k = report.privacy?.min_group_size ?? 5;
  const groupBy = report.config?.group_by ?? [];
  const by = report.rollup?.by;
  const rollupOf = rollupOfGroups(report);
  const rollupTitle = by ? [raw ? by : fmt.attrLabel(by)] : [];
  const header = raw
    ? [...groupBy, ...rollupTitle, ...GROUP_COLUMNS.map((c) => c.id), 'note']
    : [...groupBy.map(fmt.attrLabel), ...rollupTitle, ...GROUP_COLUMNS.map((c) => CSV_TITLES[c.id] ?? c.label), 'Note'];
  const value = (c, g) => {
    const v = c.get(g);
    if (raw || v == null) return v;
    return PERCENT_COLUMNS.has(c.id) ? round(v * 100, 1) : round(v, DECIMALS[c.id] ?? 0);
  };
  const rows = report.groups.map((g, i) => [
    ...groupBy.map((a) => (raw ? g.key?.[a] ?? '' : fmt.attrValue(a, g.key?.[a]))),
    ...(by ? [rollupOf.get(i) ?? ''] : []),
    ...GROUP_COLUMNS.map((c) => (g.suppressed ? null : value(c, g))),
    g.suppressed ? `${raw ? 'suppressed' : 'Hidden'}: ${hiddenText(g, k)}` : '',
  ]);
  return { header, rows };
}

const PERCENT_COLUMNS = new Set(['adoption_rate', 'ai_task_share', 'value_uplift', 'error_reduction']);
const DECIMALS = { within_gini: 2, quality_delta: 3, gap_score: 1 };
const CSV_TITLES = {
  headcount: 'People', adoption_rate: 'Adoption (%)', ai_task_share: 'AI task share (%)', within_gini: 'Unevenness (Gini, 0-1)',
  time_saved_hours: 'Hours saved', net_time_saved_hours: 'Hours saved net of rework', value_uplift: 'Value uplift (%)',
  quality_delta: 'Quality difference (0-1 scale)', error_reduction: 'Error reduction (%)', gap_score: 'Gap score (0-100)',
};
const round = (v, digits) => Math.round(v * 10 ** digits) / 10 ** digits;
