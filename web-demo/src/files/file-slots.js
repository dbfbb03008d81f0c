// The file area: one slot per input table the engine declares (gs.schema),
// the list of AI-usage exports, and where each file goes. What a file is
// (format, delimiter, headers, usage export kind) is asked of the engine
// (gs.sniff, which reads only its first 64 KiB); the whole file is read by the
// worker when the analysis runs. Nothing is sent anywhere.
import { createColumnMatcher } from './column-matcher.js';
import { suggestMapping } from './header-suggestions.js';
import { createTableSlot } from './table-slot.js';
import { createUsageList } from './usage-list.js';

/** Short slot titles (the engine's table names are the keys). */
const TITLES = { activity: 'Activity', people: 'People', surveys: 'Pulse surveys', playbook: 'Role playbook', identities: 'Identities' };
/** Shown next to the usage exports. Not mappable: the engine's config.columns covers the four main tables only (docs/config.md). */
const USAGE_SIDE = new Set(['identities']);

/**
 * @param {{tables: HTMLElement, usage: HTMLElement}} containers
 * @param {object} options
 * @param {import('gapscore').InputSchema} options.schema the engine's input schema
 * @param {(file: Blob) => Promise<import('gapscore').Sniff>} options.sniff the engine's sniff
 * @param {() => void} options.onChange
 */
export function createFileSlots(containers, { schema, sniff, onChange }) {
  const matcher = createColumnMatcher(schema);
  const changed = () => { updateBadges(); onChange(); };

  const usage = createUsageList({ onFiles: (files) => addUsage(files), onChange: changed });
  containers.usage.append(usage.el);
  const slots = {};
  for (const spec of matcher.tables) {
    const slot = createTableSlot({
      spec: { ...spec, title: TITLES[spec.name] ?? spec.name },
      mappable: !USAGE_SIDE.has(spec.name),
      matcher,
      onFiles: (files) => (files.length === 1 ? setFile(spec.name, files[0], files[0].name) : addFiles(files)),
      onChange: changed,
      onSheet: (sheet) => chooseSheet(spec.name, sheet),
    });
    slots[spec.name] = slot;
    (USAGE_SIDE.has(spec.name) ? containers.usage : containers.tables).append(slot.el);
  }
  updateBadges();

  /** A Viva Insights person query lists the people itself (with their HR attributes). */
  function listsPeople() {
    return usage.files.some((f) => f.format === 'viva_person_query');
  }

  /** A required table is optional when people and usage exports (or a person query) make an adoption-only report. */
  function updateBadges() {
    const adoptionOnly = (Boolean(slots.people?.source) && usage.files.length > 0) || listsPeople();
    for (const slot of Object.values(slots)) slot.setRequired(matcher.table(slot.table).required && !adoptionOnly);
  }

  const certainUsage = (s) => s.format === 'usage' && s.usage_certain;

  /**
   * Adds AI-usage exports; files that are not one are listed with what was expected.
   * @returns {Promise<string[]>} names of the files added
   */
  async function addUsage(files, { sample = false, silent = false } = {}) {
    const items = [];
    for (const file of files) items.push({ file, name: file.name ?? 'usage export', sniff: await sniff(file), sample });
    const added = usage.add(items);
    updateBadges();
    if (!silent) onChange();
    return added;
  }

  /** Another sheet of the workbook in a slot: described again by the engine, its columns matched again. */
  async function chooseSheet(table, sheet) {
    const src = slots[table].source;
    if (!src) return;
    place(table, src.blob, src.name, await sniff(src.blob, { sheet }), { sample: src.sample });
  }

  /** Puts a sniffed file into a table's slot, with suggested matches for columns named differently. */
  function place(table, blob, name, sniffed, { sample = false, silent = false } = {}) {
    const mapping = ['csv', 'json', 'xlsx'].includes(sniffed.format) && !sniffed.problem ? suggestMapping(matcher.match(table, sniffed.headers)) : {};
    slots[table].set({ table, blob, name, size: blob.size, sniff: sniffed, mapping, sample });
    updateBadges();
    if (!silent) onChange();
  }

  /**
   * Puts a file into a slot. An AI-usage export put into a table's slot joins the usage list instead.
   * @returns {Promise<{table: string}>} where the file went
   */
  async function setFile(table, blob, name, options = {}) {
    const sniffed = await sniff(blob);
    if (certainUsage(sniffed)) {
      usage.add([{ file: blob, name, sniff: sniffed, sample: options.sample }]);
      updateBadges();
      if (!options.silent) onChange();
      return { table: 'usage' };
    }
    place(table, blob, name, sniffed, options);
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
      const sniffed = await sniff(file);
      if (certainUsage(sniffed)) {
        usage.add([{ file, name: file.name, sniff: sniffed }]);
        updateBadges();
        onChange();
        continue;
      }
      const table = matcher.guessTable(file.name, sniffed.headers);
      if (table) place(table, file, file.name, sniffed);
      else unplaced.push(file.name);
    }
    return unplaced;
  }

  const sources = () => Object.values(slots).map((s) => s.source).filter(Boolean);

  return {
    setFile,
    addFiles,
    addUsage,
    /** Forgets every file (before loading a sample, which is a complete set of its own). */
    clear() {
      for (const slot of Object.values(slots)) slot.clear();
      usage.clear();
      updateBadges();
    },
    /** Messages saying what must be fixed before analysing (empty when ready). */
    problems() {
      const out = [];
      const has = (t) => Boolean(slots[t]?.source);
      const required = matcher.tables.filter((t) => t.required).map((t) => t.name);
      if (required.some((t) => !has(t)) && !(has('people') && usage.files.length) && !listsPeople()) {
        out.push(usage.files.length
          ? { table: 'people', text: 'Add a people table: AI-usage exports are joined to it (a Viva Insights person query needs none; or add an activity file for the full report).' }
          : { table: 'activity', text: 'Add an activity file, or a people file plus AI-usage exports (or try a sample).' });
      }
      for (const slot of Object.values(slots)) {
        const text = slot.problem();
        if (text) out.push({ table: slot.table, text });
      }
      return out;
    },
    focusFirstProblem(table) {
      slots[table]?.focusProblem();
    },
    /** config.columns for the mapped headers, e.g. {activity: {Employee: 'person_id'}}. */
    columnsConfig() {
      const columns = {};
      for (const src of sources()) {
        if (!USAGE_SIDE.has(src.table) && Object.keys(src.mapping).length) columns[src.table] = { ...src.mapping };
      }
      return columns;
    },
    /**
     * The files as Blobs: the package's worker reads them, so the page never copies them.
     * Usage exports go as [{data: Blob, name}] (the package's `usage` input).
     */
    tables() {
      const tables = {};
      const sourceNames = {};
      const sheets = {};  // the sheet chosen of each workbook (the package reads it as CSV)
      for (const src of sources()) {
        tables[src.table] = src.blob;
        sourceNames[src.table] = src.name;
        if (src.sniff.sheet) sheets[src.table] = src.sniff.sheet;
      }
      if (usage.files.length) tables.usage = usage.files.map((f) => ({ data: f.blob, name: f.name }));
      return { tables, sourceNames, sheets };
    },
  };
}
