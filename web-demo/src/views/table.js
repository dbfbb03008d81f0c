// Plain data tables (chart alternatives, diagnostics, inputs). Cells are text
// or nodes; numbers are right-aligned through the `num` column flag.
import { h } from '../dom.js';

/**
 * @param {{caption?: string, columns: {label: string, num?: boolean}[], rows: any[][], className?: string, limit?: number}} spec
 *   limit: rows shown at first (the rest behind a "Show all" button), for tables of hundreds of groups
 */
export function dataTable({ caption, columns, rows, className = '', limit = 0 }) {
  const row = (cells) => h('tr', {}, cells.map((cell, i) => {
    const first = i === 0 && columns[0]?.rowHeader;
    return h(first ? 'th' : 'td', { class: columns[i]?.num ? 'num' : null, scope: first ? 'row' : null }, cell);
  }));
  const cut = limit > 0 && rows.length > limit + 2;
  const tbody = h('tbody', {}, (cut ? rows.slice(0, limit) : rows).map(row));
  const table = scrollBox(caption, h('div', { class: 'table-scroll' },
    h('table', { class: `data-table ${className}` },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      tbody)));
  if (!cut) return table;
  const more = h('button', { type: 'button', class: 'button ghost small', 'data-action': 'show-all-rows', onclick: () => {
    tbody.append(...rows.slice(limit).map(row));
    more.remove();
  } }, `Show all ${rows.length} rows`);
  return h('div', { class: 'table-block' }, table, more);
}

// A table wider than its box scrolls sideways: keyboard users must be able to
// focus the box to scroll it (WCAG 2.1.1), so it becomes a named, focusable
// region while (and only while) it overflows.
const watcher = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const overflows = target.scrollWidth > target.clientWidth + 1;
    if (overflows) {
      target.setAttribute('tabindex', '0');
      target.setAttribute('role', 'region');
      if (target.dataset.label) target.setAttribute('aria-label', target.dataset.label);
    } else {
      for (const a of ['tabindex', 'role', 'aria-label']) target.removeAttribute(a);
    }
  }
}) : null;

export function scrollBox(label, box) {
  if (label) box.dataset.label = label;
  watcher?.observe(box);
  return box;
}
