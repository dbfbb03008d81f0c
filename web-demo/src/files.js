// The file slots: one per table (pick or drop a CSV/JSON file, see what was
// recognised, map differently named columns onto gapscore's -> config.columns),
// and a list of AI-usage exports (any number, recognised by content, labelled
// with their format). Only the first 64 KB of a file are read here, to sniff
// it; the worker reads the rest. Nothing is sent anywhere.
import { h, icon, replace } from './dom.js';
import {
  COLUMN_ABOUT, TABLES, TABLE_BY_NAME, USAGE_EXPECTED, guessTable, matchHeaders, suggestHeader, usageFormatLabel,
} from './schema.js';
import { sniffHeaders, sniffUsage } from './sniff.js';
import * as fmt from './format.js';

const ACCEPT = '.csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json';
const USAGE_ACCEPT = '.csv,.json,.ndjson,.jsonl,.txt,text/csv,application/json,application/x-ndjson';

/**
 * @param {{tables: HTMLElement, usage: HTMLElement}} containers
 * @param {{onChange: () => void}} hooks
 */
export function createFileSlots(containers, { onChange }) {
  const sources = {};  // table -> {table, blob, name, size, format, headers, mapping, sample}
  const slots = {};
  const usage = { files: [], rejected: [] };  // files: {id, blob, name, size, format, sample}; rejected: {name, reason}
  let nextUsageId = 1;

  const usageSlot = buildUsageSlot();
  containers.usage.append(usageSlot.el);
  for (const spec of TABLES) {
    slots[spec.name] = buildSlot(spec);
    (spec.usage ? containers.usage : containers.tables).append(slots[spec.name].el);
  }
  updateBadges();

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
    const badge = h('span', { class: 'badge' });
    const el = h('section', { class: 'slot', 'data-table': spec.name, 'aria-labelledby': `title-${spec.name}` },
      h('div', { class: 'slot-head' }, h('h3', { id: `title-${spec.name}` }, spec.title), badge),
      h('p', { class: 'slot-about', id: aboutId }, spec.about),
      input,
      body);
    dropTarget(el, (files) => {
      if (files.length === 1) setFile(spec.name, files[0], files[0].name);
      else if (files.length > 1) addFiles(files);
    });
    const slot = { el, body, input, spec, badge };
    renderSlot(slot);
    return slot;
  }

  function dropTarget(el, onFiles) {
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
      onFiles([...(e.dataTransfer?.files ?? [])]);
    });
  }

  /** Activity is required unless people and usage exports make an adoption-only report. */
  function updateBadges() {
    const adoptionOnly = Boolean(sources.people) && usage.files.length > 0;
    for (const slot of Object.values(slots)) {
      const required = slot.spec.required && !adoptionOnly;
      slot.badge.className = `badge ${required ? 'badge-required' : 'badge-optional'}`;
      slot.badge.textContent = required ? 'required' : 'optional';
    }
  }

  // ---- AI-usage exports: a list, not a single file ----

  function buildUsageSlot() {
    const input = h('input', { type: 'file', id: 'file-usage', class: 'file-input', accept: USAGE_ACCEPT, multiple: true, 'aria-describedby': 'about-usage' });
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = '';
      if (files.length) addUsage(files);
    });
    const body = h('div', { class: 'slot-body' });
    const el = h('section', { class: 'slot slot-usage', 'data-table': 'usage', 'aria-labelledby': 'title-usage' },
      h('div', { class: 'slot-head' },
        h('h3', { id: 'title-usage' }, 'AI-usage exports'),
        h('span', { class: 'badge badge-optional' }, 'optional · any number')),
      h('p', { class: 'slot-about', id: 'about-usage' },
        'Usage reports as your AI tools export them: Microsoft 365 Copilot (admin-center CSV or Graph JSON), '
        + 'GitHub Copilot (per-user NDJSON or team metrics JSON). Several months build a history. '
        + 'With a people table they make a report on their own; with activity too, they are compared with it.'),
      input,
      body);
    dropTarget(el, (files) => { if (files.length) addUsage(files); });
    const slot = { el, body, input };
    renderUsage(slot);
    return slot;
  }

  function renderUsage(slot = usageSlot) {
    slot.el.classList.toggle('has-file', usage.files.length > 0);
    replace(slot.body,
      usage.files.length ? h('ul', { class: 'usage-files', 'aria-label': 'AI-usage exports chosen' }, usage.files.map((f) =>
        h('li', { class: 'file-chip', 'data-usage-format': f.format },
          icon('file'),
          h('div', { class: 'file-chip-text' },
            h('span', { class: 'file-name' }, f.name),
            h('span', { class: 'file-meta' }, `${fmt.bytes(f.size)} · `, h('span', { class: 'usage-format' }, usageFormatLabel(f.format)),
              f.sample ? ' · sample data' : '')),
          h('div', { class: 'file-actions' },
            h('button', { type: 'button', class: 'button ghost small', 'aria-label': `Remove ${f.name}`, 'data-action': 'remove-usage',
              onclick: () => removeUsage(f.id) }, 'Remove'))))) : null,
      usage.rejected.length ? h('div', { class: 'slot-note-block warn', role: 'alert', 'data-testid': 'usage-rejected' },
        h('p', { class: 'mapping-title' }, icon('alert'), usage.rejected.length === 1 ? 'This file was not added' : 'These files were not added'),
        h('ul', {}, usage.rejected.map((r) => h('li', {}, h('strong', {}, r.name), `: ${r.reason}`)))) : null,
      h('div', { class: 'drop' },
        h('label', { for: slot.input.id, class: 'button secondary' }, icon('upload'), usage.files.length ? 'Add more exports' : 'Choose exports'),
        h('span', { class: 'drop-hint' }, 'or drop them here (several at once is fine)')));
  }

  function removeUsage(id) {
    usage.files = usage.files.filter((f) => f.id !== id);
    usage.rejected = [];
    renderUsage();
    updateBadges();
    onChange();
    usageSlot.input.focus();
  }

  /**
   * Adds AI-usage exports; files that are not one are listed with what was expected.
   * @returns {Promise<string[]>} names of the files added
   */
  async function addUsage(files, { sample = false, silent = false } = {}) {
    usage.rejected = [];
    const added = [];
    for (const file of files) {
      const name = file.name ?? 'usage export';
      const { format, empty } = await sniffUsage(file);
      if (!format) {
        usage.rejected.push({ name, reason: empty ? 'the file is empty.' : `not an AI-usage export gapscore recognises. Expected ${USAGE_EXPECTED}.` });
      } else if (usage.files.some((f) => f.name === name && f.size === file.size)) {
        usage.rejected.push({ name, reason: 'already in the list.' });
      } else {
        usage.files.push({ id: nextUsageId++, blob: file, name, size: file.size, format, sample });
        added.push(name);
      }
    }
    renderUsage();
    updateBadges();
    if (!silent) onChange();
    return added;
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
            onclick: () => { delete sources[src.table]; renderSlot(slot); updateBadges(); onChange(); slot.input.focus(); } }, 'Remove'))),
      mappingForm(src, match));
  }

  function mappingForm(src, match) {
    if (src.format === 'unknown') return h('p', { class: 'slot-note warn' }, 'This file looks empty or is not CSV/JSON.');
    if (TABLE_BY_NAME[src.table].mappable === false) {
      const missing = match.missing.required;
      return missing.length
        ? h('p', { class: 'slot-note warn', role: 'status' }, icon('alert'), `Needs the columns ${missing.join(', ')} (found ${src.headers.join(', ') || 'none'}).`)
        : h('p', { class: 'slot-note ok', role: 'status' }, icon('check'), 'All required columns found');
    }
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

  /**
   * Puts a file into a slot: learns its headers and pre-selects likely column matches.
   * An AI-usage export put into a table's slot joins the usage list instead.
   * @returns {Promise<{table: string}>} where the file went
   */
  async function setFile(table, blob, name, { sample = false, silent = false } = {}) {
    if ((await sniffUsage(blob)).strong) {
      await addUsage([blob], { sample, silent });
      return { table: 'usage' };
    }
    const { format, headers } = await sniffHeaders(blob);
    const match = matchHeaders(table, headers);
    const mapping = {};
    for (const column of match.missing.required) {
      const guess = suggestHeader(column, match.unused.filter((hd) => !(hd in mapping)));
      if (guess) mapping[guess] = column;
    }
    sources[table] = { table, blob, name, size: blob.size, format, headers, mapping, sample };
    renderSlot(slots[table]);
    updateBadges();
    if (!silent) onChange();
    return { table };
  }

  /**
   * Several files at once (dropped on the page): usage exports to the usage
   * list, tables to the slot their name or headers suggest.
   * @returns {Promise<string[]>} names of the files that fit nowhere
   */
  async function addFiles(files) {
    const unplaced = [];
    for (const file of files) {
      if ((await sniffUsage(file)).strong) {
        await addUsage([file]);
        continue;
      }
      const { headers } = await sniffHeaders(file);
      const table = guessTable(file.name, headers);
      if (table) await setFile(table, file, file.name);
      else unplaced.push(file.name);
    }
    return unplaced;
  }

  /** Forgets every file (before loading a sample, which is a complete set of its own). */
  function clear() {
    for (const table of Object.keys(sources)) {
      delete sources[table];
      renderSlot(slots[table]);
    }
    usage.files = [];
    usage.rejected = [];
    renderUsage();
    updateBadges();
  }

  return {
    setFile,
    addFiles,
    addUsage,
    clear,
    sources,
    usage,
    /** Messages saying what must be fixed before analysing (empty when ready). */
    problems() {
      const out = [];
      if (!sources.activity && !(sources.people && usage.files.length)) {
        out.push(usage.files.length
          ? { table: 'people', text: 'Add a people table: AI-usage exports are joined to it (or add an activity file for the full report).' }
          : { table: 'activity', text: 'Add an activity file, or a people file plus AI-usage exports (or try a sample).' });
      }
      for (const src of Object.values(sources)) {
        const open = unmappedRequired(src);
        if (!open.length) continue;
        const title = TABLE_BY_NAME[src.table].title;
        out.push({ table: src.table, text: TABLE_BY_NAME[src.table].mappable === false
          ? `${title}: the file needs the columns ${open.join(', ')}.`
          : `${title}: choose the column for ${open.join(', ')}.` });
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
      for (const src of Object.values(sources)) {
        if (TABLE_BY_NAME[src.table].mappable !== false && Object.keys(src.mapping).length) columns[src.table] = { ...src.mapping };
      }
      return columns;
    },
    /**
     * The files as Blobs: the worker reads them (src/worker.js), so the page never copies them.
     * Usage exports go as [{data: Blob, name}] (the package's `usage` input).
     */
    tables() {
      const tables = {};
      const sourceNames = {};
      for (const src of Object.values(sources)) {
        tables[src.table] = src.blob;
        sourceNames[src.table] = src.name;
      }
      if (usage.files.length) tables.usage = usage.files.map((f) => ({ data: f.blob, name: f.name }));
      return { tables, sourceNames };
    },
  };
}

export function hasFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}
