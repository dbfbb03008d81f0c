// Plain data tables (chart alternatives, diagnostics, inputs). Cells are text
// or nodes; numbers are right-aligned through the `num` column flag.
import { h } from '../dom.js';

/**
 * @param {{caption?: string, columns: {label: string, num?: boolean}[], rows: any[][], className?: string}} spec
 */
export function dataTable({ caption, columns, rows, className = '' }) {
  return h('div', { class: 'table-scroll' },
    h('table', { class: `data-table ${className}` },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => {
        const first = i === 0 && columns[0]?.rowHeader;
        return h(first ? 'th' : 'td', { class: columns[i]?.num ? 'num' : null, scope: first ? 'row' : null }, cell);
      }))))));
}
