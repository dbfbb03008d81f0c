// The "shuffled" benchmark dataset, made from a generated (sorted) one the way
// a real HRIS export looks: rows in random order, about 4 % of the rows
// repeating an earlier person x date x task key with other values (a
// re-export; the engine keeps the first row of a key in file order), and the
// person's team, role and work_mode inline (16 columns). The other tables are
// copied. Deterministic (seeded). With --quote-all every field of the activity
// is written in quotes, as some exporters write every CSV (the same rows as
// without it: the "quoted" dataset).
// Usage: node bench/js/shuffle-data.mjs SORTED_DIR OUT_DIR [REPEAT_SHARE=0.04] [SEED=1] [--quote-all]
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

const args = process.argv.slice(2);
const quoteAll = args.includes('--quote-all');
const [src, out, repeatShare = '0.04', seedText = '1'] = args.filter((a) => a !== '--quote-all');
if (!src || !out) throw new Error('usage: shuffle-data.mjs SORTED_DIR OUT_DIR [REPEAT_SHARE] [SEED] [--quote-all]');
// The generated cells hold no comma and no quote: quoting is wrapping.
const written = quoteAll ? (line) => `"${line.replaceAll(',', '","')}"` : (line) => line;

let state = Number(seedText) >>> 0 || 1;
// xorshift32: fast, deterministic, good enough to shuffle rows.
const random = () => {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 4294967296;
};

mkdirSync(out, { recursive: true });
for (const t of ['people', 'surveys', 'playbook']) if (existsSync(join(src, `${t}.csv`))) copyFileSync(join(src, `${t}.csv`), join(out, `${t}.csv`));

// person_id -> "team,role,work_mode"
const attrs = new Map();
{
  const [head, ...lines] = readFileSync(join(src, 'people.csv'), 'utf8').trimEnd().split('\n');
  const h = head.split(',');
  const [ti, ri, wi] = ['team', 'role', 'work_mode'].map((c) => h.indexOf(c));
  for (const line of lines) {
    const c = line.split(',');
    attrs.set(c[0], `${c[ti]},${c[ri]},${c[wi]}`);
  }
}

const text = readFileSync(join(src, 'activity.csv'), 'latin1');  // ASCII; latin1 keeps it one byte per char
const header = text.slice(0, text.indexOf('\n'));
const columns = header.split(',');
const hoursAt = columns.indexOf('hours');
const rows = [];
for (let i = header.length + 1; i < text.length;) {
  let end = text.indexOf('\n', i);
  if (end < 0) end = text.length;
  const line = text.slice(i, end);
  if (line) rows.push(`${line},${attrs.get(line.slice(0, line.indexOf(','))) ?? ',,'}`);
  i = end + 1;
}
const original = rows.length;
// Repeats: a copy of a random row with other hours (still valid), as a second export of the same day would be.
const repeats = Math.round(original * Number(repeatShare));
for (let k = 0; k < repeats; k += 1) {
  const cells = rows[Math.floor(random() * original)].split(',');
  cells[hoursAt] = (Number(cells[hoursAt]) * (0.5 + random())).toFixed(2);
  rows.push(cells.join(','));
}
for (let i = rows.length - 1; i > 0; i -= 1) {
  const j = Math.floor(random() * (i + 1));
  const t = rows[i]; rows[i] = rows[j]; rows[j] = t;
}

const w = createWriteStream(join(out, 'activity.csv'));
w.write(`${written(`${header},team,role,work_mode`)}\n`);
const BATCH = 20000;
for (let i = 0; i < rows.length; i += BATCH) {
  if (!w.write(`${rows.slice(i, i + BATCH).map(written).join('\n')}\n`)) await once(w, 'drain');
}
w.end();
await once(w, 'finish');
console.error(`shuffle-data: ${original} rows + ${repeats} repeated keys, shuffled, ${columns.length + 3} columns${quoteAll ? ', every field quoted' : ''} -> ${out}`);
