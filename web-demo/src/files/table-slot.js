// One input table's slot: pick or drop a file, see what the engine recognised
// in it (format, delimiter, headers), and map differently named columns.
import { h, icon, replace } from '../dom.js';
import * as fmt from '../format.js';
import { dropTarget } from './drop-target.js';
import { mappingForm, unmappedRequired } from './mapping-form.js';

const ACCEPT = '.csv,.tsv,.txt,.json,.xlsx,text/csv,text/tab-separated-values,application/json,'
  + 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DELIMITER_NAMES = { ';': ' (semicolon-separated)', '\t': ' (tab-separated)' };

/**
 * What the slot says about a file from the engine's sniff: `text` for the file line,
 * `problem` when the engine cannot read it as a table (null when it can).
 * @param {import('gapscore').Sniff} sniff
 */
export function describeFile(sniff) {
  const columns = `${sniff.headers.length} column${sniff.headers.length === 1 ? '' : 's'}`;
  switch (sniff.format) {
    case 'csv': return { text: `CSV${DELIMITER_NAMES[sniff.delimiter] ?? ''}, ${columns}`, problem: null };
    case 'json': return { text: `JSON, ${columns}`, problem: null };
    case 'xlsx':
      if (sniff.problem) return { text: 'Excel workbook', problem: `this workbook cannot be read: ${sniff.problem}.` };
      return { text: `Excel workbook, sheet “${sniff.sheet}”, ${columns}`, problem: null };
    case 'empty': return { text: 'empty', problem: 'the file is empty.' };
    case 'binary': return { text: 'not a text file', problem: 'this is not a CSV, JSON or Excel file.' };
    default: return { text: 'not recognised', problem: 'this is not a CSV, JSON or Excel file.' };
  }
}

/**
 * @param {object} options
 * @param {{name: string, title: string, description: string, required: boolean}} options.spec
 * @param {boolean} options.mappable whether config.columns can rename its columns
 * @param {object} options.matcher the column matcher (column-matcher.js)
 * @param {(files: File[]) => void} options.onFiles a file picked or dropped here
 * @param {() => void} options.onChange the file was removed or its mapping changed
 */
export function createTableSlot({ spec, mappable, matcher, onFiles, onChange, onSheet }) {
  const table = spec.name;
  let source = null;  // {table, blob, name, size, sniff, mapping, sample}
  const input = h('input', { type: 'file', id: `file-${table}`, class: 'file-input', accept: ACCEPT, 'aria-describedby': `about-${table}` });
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';  // so choosing the same file again still fires "change"
    if (files.length) onFiles(files.slice(0, 1));
  });
  const body = h('div', { class: 'slot-body' });
  const badge = h('span', { class: 'badge' });
  const el = h('section', { class: 'slot', 'data-table': table, 'aria-labelledby': `title-${table}` },
    h('div', { class: 'slot-head' }, h('h3', { id: `title-${table}` }, spec.title), badge),
    h('p', { class: 'slot-about', id: `about-${table}` }, spec.description),
    input,
    body);
  dropTarget(el, (files) => { if (files.length) onFiles(files); });

  /** A workbook of several sheets: which one to read (the engine describes the sheet chosen). */
  function sheetPicker(src) {
    const sheets = src.sniff.sheets ?? [];
    if (sheets.length < 2) return null;
    const id = `sheet-${table}`;
    const select = h('select', { id, 'data-testid': 'sheet-picker', onchange: () => onSheet?.(select.value) },
      ...sheets.map((name) => h('option', { value: name, selected: name === src.sniff.sheet }, name)));
    return h('div', { class: 'slot-sheet' }, h('label', { for: id }, 'Sheet'), select);
  }

  function render() {
    el.classList.toggle('has-file', Boolean(source));
    if (!source) {
      replace(body,
        h('div', { class: 'drop' },
          h('label', { for: input.id, class: 'button secondary' }, icon('upload'), 'Choose file'),
          h('span', { class: 'drop-hint' }, 'or drop a CSV, JSON or Excel file here')));
      return;
    }
    const src = source;
    const kind = describeFile(src.sniff);
    replace(body,
      h('div', { class: 'file-chip', 'data-format': src.sniff.format },
        icon('file'),
        h('div', { class: 'file-chip-text' },
          h('span', { class: 'file-name' }, src.name),
          h('span', { class: 'file-meta' }, `${fmt.bytes(src.size)} · ${kind.text}`, src.sample ? ' · sample data' : '')),
        h('div', { class: 'file-actions' },
          h('label', { for: input.id, class: 'button ghost small' }, 'Replace'),
          h('button', { type: 'button', class: 'button ghost small', 'aria-label': `Remove the ${spec.title.toLowerCase()} file`,
            onclick: () => { source = null; render(); onChange(); input.focus(); } }, 'Remove'))),
      sheetPicker(src),
      kind.problem
        ? h('p', { class: 'slot-note warn', role: 'status', 'data-testid': 'file-problem' }, icon('alert'), kind.problem[0].toUpperCase() + kind.problem.slice(1))
        : mappingForm(src, { matcher, mappable, onChange }));
  }
  render();

  return {
    el,
    table,
    get source() { return source; },
    /** Shows a file the engine sniffed; headers found under other names get a suggested mapping. */
    set(src) { source = src; render(); },
    clear() { source = null; render(); },
    setRequired(required) {
      badge.className = `badge ${required ? 'badge-required' : 'badge-optional'}`;
      badge.textContent = required ? 'required' : 'optional';
    },
    /** What must change before analysing, or null. */
    problem() {
      if (!source) return null;
      const { problem } = describeFile(source.sniff);
      if (problem) return `${spec.title}: ${problem}`;
      const open = unmappedRequired(matcher, source);
      if (!open.length) return null;
      return mappable ? `${spec.title}: choose the column for ${open.join(', ')}.` : `${spec.title}: the file needs the columns ${open.join(', ')}.`;
    },
    focusProblem() {
      const select = [...el.querySelectorAll('select[data-column]')].find((s) => !s.value);
      (select ?? input).focus();
    },
  };
}
