// Plain data tables (chart alternatives, diagnostics, inputs, insight lists). Cells
// are text or nodes; numbers are right-aligned through the `num` column flag.
import { h } from '../dom.js';
import { VIRTUAL_MIN_ROWS, virtualBody } from './virtual-table.js';

/**
 * @param {{caption?: string, columns: {label: string, num?: boolean, rowHeader?: boolean}[], rows: any[][], className?: string, virtual?: boolean}} spec
 *   virtual: a table that may run to hundreds of rows (one per group): past VIRTUAL_MIN_ROWS rows it
 *   scrolls inside a box of bounded height and draws only the rows in view (virtual-table.js)
 */
export function dataTable({ caption, columns, rows, className = '', virtual = false }) {
  const row = (cells) => h('tr', {}, cells.map((cell, i) => {
    const first = i === 0 && columns[0]?.rowHeader;
    return h(first ? 'th' : 'td', { class: columns[i]?.num ? 'num' : null, scope: first ? 'row' : null }, cell);
  }));
  const tbody = h('tbody');
  const table = h('table', { class: `data-table ${className}` },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    tbody);
  const box = scrollBox(caption, h('div', { class: 'table-scroll' }, table));
  virtualBody({ box, table, tbody, columns: columns.length, virtual: virtual && rows.length > VIRTUAL_MIN_ROWS })
    .setRows(rows, row);
  return box;
}

// A table wider than its box scrolls sideways, and a virtualised one scrolls
// down too: keyboard users must be able to focus the box to scroll it
// (WCAG 2.1.1), so it becomes a named, focusable region while (and only while)
// it overflows.
const watcher = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const overflows = target.scrollWidth > target.clientWidth + 1 || target.scrollHeight > target.clientHeight + 1;
    if (overflows) {
      target.setAttribute('tabindex', '0');
      target.setAttribute('role', 'region');
      if (target.dataset.label) target.setAttribute('aria-label', target.dataset.label);
    } else {
      for (const a of ['tabindex', 'role', 'aria-label']) target.removeAttribute(a);
    }
  }
}) : null;

/**
 * One figure's cell in a groups table (activity or usage): "hidden" with the
 * engine's reason when it withheld the figure for privacy (`why`, from the
 * report's `withheld`), else the figure, whose null reads "n/a".
 */
export function figureCell(column, value, why) {
  if (value == null && why) {
    return h('td', { class: 'num is-na is-withheld', 'data-col': column.id, title: why },
      'hidden', h('span', { class: 'visually-hidden' }, `: ${why}`));
  }
  return h('td', { class: `num ${value == null ? 'is-na' : ''}`, 'data-col': column.id }, column.format(value));
}

export function scrollBox(label, box) {
  if (label) box.dataset.label = label;
  watcher?.observe(box);
  return box;
}
