// The column matcher: a file's headers, as the engine read them (gs.sniff),
// against a table's columns, as the engine declares them (gs.schema). Nothing
// here knows a table or column by heart.

/**
 * A header as the engine compares it (docs/input-format.md "Header matching",
 * core/src/model/schema.cpp normalize_header): trimmed, case-insensitive,
 * runs of space, -, . and _ are one _.
 */
export function normalizeHeader(header) {
  return String(header).trim().toLowerCase().split(/[ \-._]+/).filter(Boolean).join('_');
}

/**
 * @param {import('gapscore').InputSchema} schema
 */
export function createColumnMatcher(schema) {
  const tables = schema.tables.map((t) => ({
    ...t,
    requiredColumns: t.columns.filter((c) => c.required_column).map((c) => c.name),
    optionalColumns: t.columns.filter((c) => !c.required_column).map((c) => c.name),
  }));
  const byName = new Map(tables.map((t) => [t.name, t]));
  // A column that only one table has says which table a file is.
  const owners = new Map();
  for (const t of tables) for (const c of t.columns) owners.set(c.name, [...(owners.get(c.name) ?? []), t.name]);

  return {
    tables,
    table: (name) => byName.get(name),
    /** The engine's description of a column. */
    about: (table, column) => byName.get(table)?.columns.find((c) => c.name === column)?.description ?? '',

    /**
     * @returns {{found: Map<string,string>, missing: {required: string[], optional: string[]}, unused: string[]}}
     *   found: column -> header as written; unused: headers that match no column.
     */
    match(table, headers) {
      const spec = byName.get(table);
      const all = spec.columns.map((c) => c.name);
      const found = new Map();
      const unused = [];
      for (const header of headers) {
        const n = normalizeHeader(header);
        if (n === '') continue;
        if (all.includes(n) && !found.has(n)) found.set(n, header);
        else unused.push(header);
      }
      return {
        found,
        missing: {
          required: spec.requiredColumns.filter((c) => !found.has(c)),
          optional: spec.optionalColumns.filter((c) => !found.has(c)),
        },
        unused,
      };
    },

    /** Which table a dropped file most likely is: by file name, then by the columns only one table has. */
    guessTable(fileName, headers) {
      const name = String(fileName).toLowerCase();
      for (const t of tables) if (name.includes(t.name) || name.includes(t.name.replace(/s$/, ''))) return t.name;
      const votes = new Map();
      for (const header of headers) {
        const tablesWith = owners.get(normalizeHeader(header)) ?? [];
        if (tablesWith.length === 1) votes.set(tablesWith[0], (votes.get(tablesWith[0]) ?? 0) + 1);
      }
      let best = null;
      for (const t of tables) if ((votes.get(t.name) ?? 0) > (votes.get(best) ?? 0)) best = t.name;
      return best;
    },
  };
}
