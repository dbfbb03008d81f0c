// The AI-usage exports: a list (any number, each removable), not a single
// file. Each file is labelled with the format the engine recognised in it.
import { h, icon, replace } from '../dom.js';
import * as fmt from '../format.js';
import { USAGE_EXPECTED, usageFormatLabel } from '../usage-formats.js';
import { dropTarget } from './drop-target.js';

const ACCEPT = '.csv,.json,.ndjson,.jsonl,.txt,text/csv,application/json,application/x-ndjson';

/** Why a file the engine sniffed cannot join the list, or null when it can. */
function refusal(sniff) {
  if (sniff.usage_format) return null;
  if (sniff.format === 'empty') return 'the file is empty.';
  if (sniff.format === 'xlsx') return `an Excel workbook, not an AI-usage export. Expected ${USAGE_EXPECTED}.`;
  return `not an AI-usage export gapscore recognises. Expected ${USAGE_EXPECTED}.`;
}

/**
 * @param {{onFiles: (files: File[]) => void, onChange: () => void}} hooks
 *   onFiles: files picked or dropped here; onChange: a file was removed
 */
export function createUsageList({ onFiles, onChange }) {
  let files = [];  // {id, blob, name, size, format, sample}
  let rejected = [];  // {name, reason}
  let nextId = 1;
  const input = h('input', { type: 'file', id: 'file-usage', class: 'file-input', accept: ACCEPT, multiple: true, 'aria-describedby': 'about-usage' });
  input.addEventListener('change', () => {
    const picked = [...input.files];
    input.value = '';
    if (picked.length) onFiles(picked);
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
  dropTarget(el, (dropped) => { if (dropped.length) onFiles(dropped); });

  function render() {
    el.classList.toggle('has-file', files.length > 0);
    replace(body,
      files.length ? h('ul', { class: 'usage-files', 'aria-label': 'AI-usage exports chosen' }, files.map((f) =>
        h('li', { class: 'file-chip', 'data-usage-format': f.format },
          icon('file'),
          h('div', { class: 'file-chip-text' },
            h('span', { class: 'file-name' }, f.name),
            h('span', { class: 'file-meta' }, `${fmt.bytes(f.size)} · `, h('span', { class: 'usage-format' }, usageFormatLabel(f.format)),
              f.sample ? ' · sample data' : '')),
          h('div', { class: 'file-actions' },
            h('button', { type: 'button', class: 'button ghost small', 'aria-label': `Remove ${f.name}`, 'data-action': 'remove-usage',
              onclick: () => remove(f.id) }, 'Remove'))))) : null,
      rejected.length ? h('div', { class: 'slot-note-block warn', role: 'alert', 'data-testid': 'usage-rejected' },
        h('p', { class: 'mapping-title' }, icon('alert'), rejected.length === 1 ? 'This file was not added' : 'These files were not added'),
        h('ul', {}, rejected.map((r) => h('li', {}, h('strong', {}, r.name), `: ${r.reason}`)))) : null,
      h('div', { class: 'drop' },
        h('label', { for: input.id, class: 'button secondary' }, icon('upload'), files.length ? 'Add more exports' : 'Choose exports'),
        h('span', { class: 'drop-hint' }, 'or drop them here (several at once is fine)')));
  }

  function remove(id) {
    files = files.filter((f) => f.id !== id);
    rejected = [];
    render();
    onChange();
    input.focus();
  }
  render();

  return {
    el,
    get files() { return files; },
    /**
     * Adds files the engine sniffed; those that are no export are listed with what was expected.
     * @param {{file: File|Blob, name: string, sniff: import('gapscore').Sniff, sample?: boolean}[]} items
     * @returns {string[]} names of the files added
     */
    add(items) {
      rejected = [];
      const added = [];
      for (const { file, name, sniff, sample = false } of items) {
        const reason = refusal(sniff) ?? (files.some((f) => f.name === name && f.size === file.size) ? 'already in the list.' : null);
        if (reason) {
          rejected.push({ name, reason });
        } else {
          files.push({ id: nextId++, blob: file, name, size: file.size, format: sniff.usage_format, sample });
          added.push(name);
        }
      }
      render();
      return added;
    },
    clear() {
      files = [];
      rejected = [];
      render();
    },
  };
}
