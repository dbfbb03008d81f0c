// Arquero 7 (a JS dataframe library): parse activity.csv and people.csv,
// join, and compute the headline per-team metrics. One warm-up run on a
// small slice is outside the timing.
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { childArgs, cpu, emitAlternative, now, readTables, rssMb, warmupTables } from './common.mjs';

const { op } = aq;
const { dir, checkFile, dedup } = childArgs();
const decoder = new TextDecoder();

// Definitions from docs/metrics.md; ai_user_min_share = 0.10 (the default).
// Aggregates skip null, so a value that only counts on some rows is null elsewhere.
function headline(activity, people) {
  // The people table wins over inline attributes (as in gapscore); --dedup: the first row of a key counts.
  const inline = ['team', 'role', 'work_mode'].filter((c) => activity.columnNames().includes(c));
  if (inline.length) activity = activity.select(aq.not(...inline));
  if (dedup) activity = activity.dedupe('person_id', 'date', 'task_type');
  return activity
    .join_left(people.select('person_id', 'team'), 'person_id')
    .derive({
      saved: (d) => (d.baseline_hours != null && d.ai_tasks > 0 ? d.baseline_hours - d.hours : 0),  // AI-assisted rows only; 0 without any
      rework_base: (d) => (d.rework_hours != null ? d.hours : null),
      q_output: (d) => (d.quality != null ? d.tasks * d.quality : null),
      q_hours: (d) => (d.quality != null ? d.hours + (d.rework_hours != null ? d.rework_hours : 0) : null),
      error_tasks: (d) => (d.errors != null ? d.tasks : null),
    })
    .groupby('team', 'person_id')
    .rollup({
      tasks: op.sum('tasks'), ai_tasks: op.sum('ai_tasks'), saved: op.sum('saved'),
      rework: op.sum('rework_hours'), rework_base: op.sum('rework_base'),
      q_output: op.sum('q_output'), q_hours: op.sum('q_hours'),
      errors: op.sum('errors'), error_tasks: op.sum('error_tasks'),
    })
    .derive({ ai_user: (d) => (d.tasks > 0 && d.ai_tasks / d.tasks >= 0.1 ? 1 : 0) })
    .groupby('team')
    .rollup({
      headcount: op.count(),
      adoption_rate: op.mean('ai_user'),
      ai_task_share: (d) => op.sum(d.ai_tasks) / op.sum(d.tasks),
      time_saved_hours: op.sum('saved'),
      rework_rate: (d) => op.sum(d.rework) / op.sum(d.rework_base),
      quality_adjusted_output_per_hour: (d) => op.sum(d.q_output) / op.sum(d.q_hours),
      error_rate: (d) => op.sum(d.errors) / op.sum(d.error_tasks),
    })
    .orderby('team');
}

function run(tables) {
  const c0 = cpu();
  const t0 = now();
  // Dates stay text: parsing them into Date objects costs time and no metric here needs them.
  const activity = aq.fromCSV(decoder.decode(tables.activity), { parse: { date: String } });
  const people = aq.fromCSV(decoder.decode(tables.people), { parse: { hire_date: String } });
  const t1 = now();
  const rows = headline(activity, people).objects();
  const t2 = now();
  const cpuSeconds = cpu() - c0;
  return { rows, load: t1 - t0, query: t2 - t1, total: t2 - t0, cpuSeconds };
}

const t0 = now();
run(warmupTables(dir, ['activity', 'people']));
const initSeconds = now() - t0;

const rssBaseline = rssMb();
const tables = readTables(dir, ['activity', 'people']);
emitAlternative({
  checkFile, ...run(tables), initSeconds, rssBaseline,
  version: `arquero ${JSON.parse(readFileSync(new URL('../../node_modules/arquero/package.json', import.meta.url))).version}`,
});
