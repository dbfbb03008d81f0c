// Reads just the start of a file (64 KB) to learn its headers, so the column
// mapping can be offered before the engine runs. The engine remains the judge
// of the whole file; this only has to agree with it on the header row.

const HEAD_BYTES = 64 * 1024;

/** @param {Blob} blob @returns {Promise<{format: 'csv'|'json'|'unknown', headers: string[]}>} */
export async function sniffHeaders(blob) {
  const head = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
  return sniffBytes(head);
}

export function sniffBytes(head) {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return { format: 'json', headers: jsonKeys(start) };
  if (start === '') return { format: 'unknown', headers: [] };
  return { format: 'csv', headers: csvHeader(start) };
}

/** The header row, split like the engine: delimiter , ; or tab by count (ties to comma), RFC 4180 quotes. */
export function csvHeader(text) {
  const line = firstRecord(text);
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c] += 1;
  }
  let delimiter = ',';
  if (counts[';'] > counts[delimiter]) delimiter = ';';
  if (counts['\t'] > counts[delimiter]) delimiter = '\t';
  const fields = [];
  let field = '';
  quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { fields.push(field); field = ''; } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

function firstRecord(text) {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text;
}

/** Keys of the first object of a JSON array (or of {rows|data|records|value: [...]}), from a prefix of the file. */
export function jsonKeys(text) {
  let i = text.indexOf('{');
  if (text.startsWith('{')) {
    // An object holding the rows: find the array under one of the engine's keys.
    const m = /"(rows|data|records|value)"\s*:\s*\[/.exec(text);
    if (!m) return [];
    i = text.indexOf('{', m.index + m[0].length);
  }
  if (i < 0) return [];
  let depth = 0;
  let inString = false;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        try {
          const obj = JSON.parse(text.slice(i, j + 1));
          return obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.keys(obj) : [];
        } catch {
          return [];
        }
      }
    }
  }
  return [];
}

/**
 * Which AI-usage export a file is, decided the way the engine decides
 * (core/src/usage/read_usage.cpp detect_usage_format: the first 4096
 * characters after a BOM and whitespace, lower-cased). `strong` is false for
 * a JSON object that only has a "value" key: the engine reads it as Graph
 * JSON, but a table wrapped in {"value": [...]} looks the same, so such a
 * file goes to the usage list only when the analyst puts it there.
 * @returns {{format: string|null, strong: boolean, empty: boolean}}
 */
export function sniffUsageBytes(bytes) {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  if (start === '') return { format: null, strong: false, empty: true };
  const head = start.slice(0, 4096).toLowerCase();
  const has = (s) => head.includes(s);
  const found = (format, strong = true) => ({ format, strong, empty: false });
  if (start[0] === '{') {
    if (has('"userprincipalname"')) return found('m365_copilot_graph_json');
    if (has('"value"')) return found('m365_copilot_graph_json', false);
    if (has('"day"') && (has('"user_login"') || has('"user_id"'))) return found('github_copilot_users_ndjson');
  } else if (start[0] === '[') {
    if (has('"total_active_users"') || has('"copilot_ide_code_completions"')) return found('github_copilot_aggregate_json');
    if (has('"user_login"') || has('"user_id"')) return found('github_copilot_users_ndjson');
  } else {
    const firstLine = head.split('\n', 1)[0];
    if (firstLine.includes('user principal name') && firstLine.includes('report refresh date')) return found('m365_copilot_csv');
  }
  return { format: null, strong: false, empty: false };
}

/** sniffUsageBytes on the start of a file (only 4 KB are needed; 64 KB as for headers). */
export async function sniffUsage(blob) {
  return sniffUsageBytes(new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer()));
}
