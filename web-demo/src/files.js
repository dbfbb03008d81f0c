// The four file slots: pick or drop a CSV/JSON file, see what was recognised,
// and map differently named columns onto gapscore's (-> config.columns).
// Files are read only here, in the page; nothing is sent anywhere.
import { h, icon, replace } from './dom.js';
import { COLUMN_ABOUT, TABLES, TABLE_BY_NAME, guessTable, matchHeaders, suggestHeader } from './schema.js';
import { sniffHeaders } from './sniff.js';
import * as fmt from './format.js';

const ACCEPT = '.csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json';

/**
 * @param {HTMLElement} container
 * @param {{onChange: () => void}} hooks
 */
export function createFileSlots(container, { onChange }) {
  const sources = {};  // table -> {table, blob, name, size, format, headers, mapping, sample}
  const slots = {};

  for (const spec of TABLES) {
    slots[spec.name] = buildSlot(spec);
    container.append(slots[spec.name].el);
  }

  function buildSlot(spec) {
    const inputId = `file-${spec.name}`;
    const aboutId = `about-${spec.name}`;
    const input = h('input', { type: 'file', id: inputId, class: 'file-input', accept: ACCEPT, 'aria-describedby': aboutId });
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = '';  // so choosing the same file again still fires "change"
      if (files.length) setFile(spec.name, files[0], files[0].name);
    });
    const body = h('div', { class: 'slot-body' });
    const el = h('section', { class: 'slot', 'data-table': spec.name, 'aria-labelledby': `title-${spec.name}` },
      h('div', { class: 'slot-head' },
        h('h3', { id: `title-${spec.name}` }, spec.title),
        h('span', { class: `badge ${spec.required ? 'badge-required' : 'badge-optional'}` }, spec.required ? 'required' : 'optional')),
      h('p', { class: 'slot-about', id: aboutId }, spec.about),
      input,
      body);
    for (const type of ['dragenter', 'dragover']) {
      el.addEventListener(type, (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.stopPropagation();
        el.classList.add('is-dragover');
      });
    }
    el.addEventListener('dragleave', (e) => {
      if (!el.contains(e.relatedTarget)) el.classList.remove('is-dragover');
    });
    el.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      el.classList.remove('is-dragover');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 1) setFile(spec.name, files[0], files[0].name);
      else if (files.length > 1) addFiles(files);
    });
    const slot = { el, body, input, spec };
    renderSlot(slot);
    return slot;
  }

  function renderSlot(slot) {
    const src = sources[slot.spec.name];
    slot.el.classList.toggle('has-file', Boolean(src));
    if (!src) {
      replace(slot.body,
        h('div', { class: 'drop' },
          h('label', { for: slot.input.id, class: 'button secondary' }, icon('upload'), 'Choose file'),
          h('span', { class: 'drop-hint' }, 'or drop a CSV or JSON file here')));
      return;
    }
    const match = matchHeaders(src.table, src.headers);
    const describe = src.format === 'unknown' ? 'no header found'
      : `${src.format.toUpperCase()}, ${src.headers.length} columns`;
    replace(slot.body,
      h('div', { class: 'file-chip' },
        icon('file'),
        h('div', { class: 'file-chip-text' },
          h('span', { class: 'file-name' }, src.name),
          h('span', { class: 'file-meta' }, `${fmt.bytes(src.size)} · ${describe}`, src.sample ? ' · sample data' : '')),
        h('div', { class: 'file-actions' },
          h('label', { for: slot.input.id, class: 'button ghost small' }, 'Replace'),
          h('button', { type: 'button', class: 'button ghost small', 'aria-label': `Remove the ${slot.spec.title.toLowerCase()} file`,
            onclick: () => { delete sources[src.table]; renderSlot(slot); onChange(); slot.input.focus(); } }, 'Remove'))),
      mappingForm(src, match));
  }

  function mappingForm(src, match) {
    if (src.format === 'unknown') return h('p', { class: 'slot-note warn' }, 'This file looks empty or is not CSV/JSON.');
    const missingRequired = match.missing.required;
    const status = h('p', { class: 'slot-note', role: 'status' });
    const updateStatus = () => {
      const open = unmappedRequired(src);
      status.className = `slot-note ${open.length ? 'warn' : 'ok'}`;
      replace(status, open.length ? `Still to choose: ${open.join(', ')}` : [icon('check'), 'All required columns found']);
    };
    const rows = (columns, required) => columns.map((column) => mappingRow(src, column, match.unused, required, updateStatus));
    updateStatus();
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
      return h('div', { class: 'mapping' }, status,
        h('details', { class: 'mapping-more' },
          h('summary', {}, `${match.unused.length} column${match.unused.length > 1 ? 's' : ''} not recognised: map ${match.unused.length > 1 ? 'them' : 'it'}`),
          optionalRows));
    }
    return status;
  }

  function mappingRow(src, column, headers, required, updateStatus) {
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
      updateStatus();
      onChange();
    });
    return h('div', { class: 'map-row' },
      h('label', { for: id }, h('code', {}, column), h('span', { class: 'map-about' }, COLUMN_ABOUT[column] ?? '')),
      select);
  }

  function unmappedRequired(src) {
    const match = matchHeaders(src.table, src.headers);
    const mapped = new Set(Object.values(src.mapping));
    return match.missing.required.filter((c) => !mapped.has(c));
  }

  /** Puts a file into a slot: learns its headers and pre-selects likely column matches. */
  async function setFile(table, blob, name, { sample = false, silent = false } = {}) {
    const { format, headers } = await sniffHeaders(blob);
    const match = matchHeaders(table, headers);
    const mapping = {};
    for (const column of match.missing.required) {
      const guess = suggestHeader(column, match.unused.filter((hd) => !(hd in mapping)));
      if (guess) mapping[guess] = column;
    }
    sources[table] = { table, blob, name, size: blob.size, format, headers, mapping, sample };
    renderSlot(slots[table]);
    if (!silent) onChange();
  }

  /** Several files at once (dropped on the page): each goes to the slot its name or headers suggest. */
  async function addFiles(files) {
    const unplaced = [];
    for (const file of files) {
      const { headers } = await sniffHeaders(file);
      const table = guessTable(file.name, headers);
      if (table) await setFile(table, file, file.name);
      else unplaced.push(file.name);
    }
    return unplaced;
  }

  return {
    setFile,
    addFiles,
    sources,
    /** Messages saying what must be fixed before analysing (empty when ready). */
    problems() {
      const out = [];
      if (!sources.activity) out.push({ table: 'activity', text: 'Add an activity file (or try the sample organisation).' });
      for (const src of Object.values(sources)) {
        const open = unmappedRequired(src);
        if (open.length) out.push({ table: src.table, text: `${TABLE_BY_NAME[src.table].title}: choose the column for ${open.join(', ')}.` });
      }
      return out;
    },
    focusFirstProblem(table) {
      const slot = slots[table];
      const select = [...slot.el.querySelectorAll('select[data-column]')].find((s) => !s.value);
      (select ?? slot.input).focus();
    },
    /** config.columns for the mapped headers, e.g. {activity: {Employee: 'person_id'}}. */
    columnsConfig() {
      const columns = {};
      for (const src of Object.values(sources)) if (Object.keys(src.mapping).length) columns[src.table] = { ...src.mapping };
      return columns;
    },
    /** The files as Blobs: the worker reads them (src/worker.js), so the page never copies them. */
    tables() {
      const tables = {};
      const sourceNames = {};
      for (const src of Object.values(sources)) {
        tables[src.table] = src.blob;
        sourceNames[src.table] = src.name;
      }
      return { tables, sourceNames };
    },
  };
}

export function hasFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}
