// The column mapping of one file: which of its headers holds each column the
// engine needs (-> config.columns), or, for a table the engine does not map
// (identities), which columns the file lacks.
import { h, icon, replace } from '../dom.js';

/** Required columns neither found nor chosen yet. */
export function unmappedRequired(matcher, src) {
  const match = matcher.match(src.table, src.sniff.headers);
  const mapped = new Set(Object.values(src.mapping));
  return match.missing.required.filter((c) => !mapped.has(c));
}

/**
 * @param {object} src the slot's file: {table, sniff: {headers}, mapping: {header: column}}
 * @param {{matcher: object, mappable: boolean, onChange: () => void}} options
 */
export function mappingForm(src, { matcher, mappable, onChange }) {
  const match = matcher.match(src.table, src.sniff.headers);
  if (!mappable) {
    const missing = match.missing.required;
    return missing.length
      ? h('p', { class: 'slot-note warn', role: 'status' }, icon('alert'), `Needs the columns ${missing.join(', ')} (found ${src.sniff.headers.join(', ') || 'none'}).`)
      : h('p', { class: 'slot-note ok', role: 'status' }, icon('check'), 'All required columns found');
  }
  const status = h('p', { class: 'slot-note', role: 'status' });
  const updateStatus = () => {
    const open = unmappedRequired(matcher, src);
    status.className = `slot-note ${open.length ? 'warn' : 'ok'}`;
    replace(status, open.length ? `Still to choose: ${open.join(', ')}` : [icon('check'), 'All required columns found']);
  };
  const rows = (columns, required) => columns.map((column) =>
    mappingRow(src, column, { headers: match.unused, required, about: matcher.about(src.table, column), onChange: () => { updateStatus(); onChange(); } }));
  updateStatus();
  const missingRequired = match.missing.required;
  const optionalRows = match.unused.length && match.missing.optional.length ? rows(match.missing.optional, false) : [];
  if (missingRequired.length) {
    return h('div', { class: 'mapping attention', role: 'group', 'aria-labelledby': `map-title-${src.table}` },
      h('p', { class: 'mapping-title', id: `map-title-${src.table}` }, icon('alert'), 'Match the columns'),
      h('p', { class: 'mapping-help' }, 'This file names some required columns differently. Choose the column that holds each one.'),
      rows(missingRequired, true),
      optionalRows.length ? h('details', { class: 'mapping-more' }, h('summary', {}, 'Optional columns'), optionalRows) : null,
      status);
  }
  if (optionalRows.length) {
    const n = match.unused.length;
    return h('div', { class: 'mapping' }, status,
      h('details', { class: 'mapping-more' },
        h('summary', {}, `${n} column${n > 1 ? 's' : ''} not recognised: map ${n > 1 ? 'them' : 'it'}`),
        optionalRows));
  }
  return status;
}

function mappingRow(src, column, { headers, required, about, onChange }) {
  const id = `map-${src.table}-${column}`;
  const chosen = Object.entries(src.mapping).find(([, c]) => c === column)?.[0] ?? '';
  const select = h('select', { id, 'data-column': column },
    h('option', { value: '' }, required ? '— choose a column —' : '— not in this file —'),
    headers.map((header) => h('option', { value: header, selected: header === chosen }, header)));
  select.addEventListener('change', () => {
    for (const [header, c] of Object.entries(src.mapping)) if (c === column || header === select.value) delete src.mapping[header];
    if (select.value) src.mapping[select.value] = column;
    // A header used for this column is released from any other select.
    for (const other of select.closest('.slot').querySelectorAll('select[data-column]')) {
      if (other !== select && other.value === select.value && select.value) other.value = '';
    }
    onChange();
  });
  return h('div', { class: 'map-row' },
    h('label', { for: id }, h('code', {}, column), h('span', { class: 'map-about' }, about)),
    select);
}
