// DuckDB-WASM (blocking Node bindings, one thread): load activity.csv and
// people.csv from bytes into tables, then compute the headline per-team
// metrics in SQL. Instantiation and one warm-up run are outside the timing.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { childArgs, cpu, emitAlternative, now, readTables, rssMb, warmupTables } from './common.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
const { dir, checkFile, dedup } = childArgs();

// Definitions from docs/metrics.md; ai_user_min_share = 0.10 (the default).
// Per person first (adoption needs each person's share), then per team.
// With --dedup (the shuffled dataset repeats keys) the first row of each person x date x
// task_type in file order counts, as in gapscore (rowid follows insertion order).
const ACTIVITY = dedup
  ? 'SELECT * FROM activity QUALIFY row_number() OVER (PARTITION BY person_id, date, task_type ORDER BY rowid) = 1'
  : 'SELECT * FROM activity';
const QUERY = `
WITH a AS (${ACTIVITY}),
person AS (
  SELECT a.person_id, coalesce(p.team, '(unassigned)') AS team,
    sum(a.tasks) AS tasks,
    sum(a.ai_tasks) AS ai_tasks,
    sum(a.baseline_hours - a.hours) FILTER (WHERE a.baseline_hours IS NOT NULL AND a.ai_tasks > 0) AS saved,
    sum(a.rework_hours) AS rework,
    sum(a.hours) FILTER (WHERE a.rework_hours IS NOT NULL) AS rework_base,
    sum(a.tasks * a.quality) FILTER (WHERE a.quality IS NOT NULL) AS q_output,
    sum(a.hours + coalesce(a.rework_hours, 0)) FILTER (WHERE a.quality IS NOT NULL) AS q_hours,
    sum(a.errors) AS errors,
    sum(a.tasks) FILTER (WHERE a.errors IS NOT NULL) AS error_tasks
  FROM a LEFT JOIN people p ON a.person_id = p.person_id
  GROUP BY a.person_id, p.team
)
SELECT team,
  count(*)::INTEGER AS headcount,
  avg(CASE WHEN tasks > 0 AND ai_tasks / tasks >= 0.10 THEN 1.0 ELSE 0.0 END)::DOUBLE AS adoption_rate,
  (sum(ai_tasks) / sum(tasks))::DOUBLE AS ai_task_share,
  coalesce(sum(saved), 0)::DOUBLE AS time_saved_hours,
  (sum(rework) / sum(rework_base))::DOUBLE AS rework_rate,
  (sum(q_output) / sum(q_hours))::DOUBLE AS quality_adjusted_output_per_hour,
  (sum(errors) / sum(error_tasks))::DOUBLE AS error_rate
FROM person GROUP BY team ORDER BY team`;

function loadAndQuery(db, conn, tables) {
  const c0 = cpu();
  const t0 = now();
  for (const name of ['activity', 'people']) {
    db.registerFileBuffer(`${name}.csv`, tables[name]);
    conn.query(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM read_csv('${name}.csv', header = true)`);
  }
  const t1 = now();
  const rows = conn.query(QUERY).toArray().map((r) => r.toJSON());
  const t2 = now();
  const cpuSeconds = cpu() - c0;
  for (const name of ['activity', 'people']) {
    conn.query(`DROP TABLE ${name}`);
    db.dropFile(`${name}.csv`);
  }
  return { rows, load: t1 - t0, query: t2 - t1, total: t2 - t0, cpuSeconds };  // the drops above are not timed
}

const t0 = now();
const bundles = {
  mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
  eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
};
const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
await db.instantiate(() => {});
db.open({});
const conn = db.connect();
loadAndQuery(db, conn, warmupTables(dir, ['activity', 'people']));
const initSeconds = now() - t0;
const threads = conn.query("SELECT current_setting('threads') AS t").toArray()[0].toJSON().t;

const rssBaseline = rssMb();
const tables = readTables(dir, ['activity', 'people']);
emitAlternative({
  checkFile, ...loadAndQuery(db, conn, tables), initSeconds, rssBaseline,
  threads: Number(threads),
  version: `duckdb-wasm ${duckdb.PACKAGE_VERSION} (DuckDB ${db.getVersion()})`,
});
