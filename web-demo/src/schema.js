// The input tables as the demo presents them (mirrors docs/input-format.md),
// plus common HRIS header names we suggest when a file's headers differ.
// Suggestions are only pre-selected; the analyst confirms. AI-usage exports
// are not tables with columns to map: sniff.js recognises them by content.

export const TABLES = [
  {
    name: 'activity', title: 'Activity', required: true,
    about: 'One row per person, day and task type: tasks done, AI-assisted tasks, hours.',
    columns: {
      required: ['person_id', 'date', 'task_type', 'tasks', 'ai_tasks', 'hours'],
      optional: ['baseline_hours', 'rework_hours', 'errors', 'quality', 'outcome_value', 'cycle_time_hours',
        'ai_interactions', 'team', 'role', 'work_mode'],
    },
  },
  {
    name: 'people', title: 'People', required: false,
    about: 'One row per person: team, role, work mode, manager, AI training; e-mail or GitHub login to join usage exports.',
    columns: { required: ['person_id'], optional: ['team', 'role', 'work_mode', 'manager_id', 'ai_trained', 'hire_date', 'email', 'github_login'] },
  },
  {
    name: 'surveys', title: 'Pulse surveys', required: false,
    about: 'Answers on AI sentiment and well-being (1-5), any number per person.',
    columns: { required: ['person_id', 'date'], optional: ['ai_sentiment', 'wellbeing'] },
  },
  {
    name: 'playbook', title: 'Role playbook', required: false,
    about: 'Which task types each role is expected to use AI for.',
    columns: { required: ['role', 'task_type', 'ai_recommended'], optional: [] },
  },
  {
    // Shown next to the usage exports. Not mappable: the engine's config.columns
    // covers the four tables above only (docs/config.md), so the headers must match.
    name: 'identities', title: 'Identities', required: false, usage: true, mappable: false,
    about: 'Maps the users an export names (concealed hashes, other logins) to person_id.',
    columns: { required: ['identity', 'person_id'], optional: [] },
  },
];

/** The four tables of the full report (and of the built-in sample). */
export const MAIN_TABLES = TABLES.filter((t) => !t.usage);

/** AI-usage export formats the engine reads (docs/usage-exports.md): vendor, kind, and a short note. */
export const USAGE_FORMATS = {
  m365_copilot_csv: { vendor: 'Microsoft 365 Copilot', kind: 'usage report, admin-center CSV', tool: 'm365_copilot' },
  m365_copilot_graph_json: { vendor: 'Microsoft 365 Copilot', kind: 'usage report, Graph JSON', tool: 'm365_copilot' },
  github_copilot_users_ndjson: { vendor: 'GitHub Copilot', kind: 'per-user daily metrics, NDJSON', tool: 'github_copilot' },
  github_copilot_aggregate_json: { vendor: 'GitHub Copilot', kind: 'team daily metrics JSON (team totals, no people)', tool: 'github_copilot' },
};

/** What a usage file must look like, for messages about files that are not one. */
export const USAGE_EXPECTED = 'a Microsoft 365 Copilot usage export (admin-center CSV with "Report Refresh Date" and "User Principal Name" '
  + 'columns, or Graph JSON {"value": [...]}), GitHub Copilot per-user metrics (NDJSON lines with "day" and "user_login"), '
  + 'or GitHub Copilot team metrics (a JSON array with "total_active_users")';

/** "Microsoft 365 Copilot · usage report, admin-center CSV" */
export function usageFormatLabel(format) {
  const f = USAGE_FORMATS[format];
  return f ? `${f.vendor} · ${f.kind}` : String(format);
}

export const TOOL_LABELS = { m365_copilot: 'Microsoft 365 Copilot', github_copilot: 'GitHub Copilot' };

/** One line per column, for the mapping form (docs/input-format.md). */
export const COLUMN_ABOUT = {
  person_id: 'identifies the person',
  date: 'day, YYYY-MM-DD',
  task_type: 'kind of task',
  tasks: 'tasks completed',
  ai_tasks: 'of those, done with AI',
  hours: 'hours spent',
  baseline_hours: 'hours the tasks take without AI',
  rework_hours: 'hours spent fixing work',
  errors: 'errors found',
  quality: 'quality score 0-1',
  outcome_value: 'business value produced',
  cycle_time_hours: 'hours from start to done',
  ai_interactions: 'prompts sent to AI tools',
  team: 'team name',
  role: 'role',
  work_mode: 'onsite, hybrid or remote',
  manager_id: 'person_id of the manager',
  ai_trained: 'completed AI training (true/false)',
  hire_date: 'hire date',
  email: 'work e-mail (joins Microsoft 365 exports)',
  github_login: 'GitHub login (joins GitHub exports)',
  identity: 'the user as the export names them',
  ai_sentiment: 'how helpful AI feels, 1-5',
  wellbeing: 'well-being, 1-5',
  ai_recommended: 'AI expected for this task (true/false)',
};

export const TABLE_BY_NAME = Object.fromEntries(TABLES.map((t) => [t.name, t]));

/** Normalised header names that usually mean a gapscore column. */
const SYNONYMS = {
  person_id: ['employee', 'employee_id', 'emp_id', 'employee_number', 'person', 'user_id', 'user', 'staff_id', 'worker_id', 'id'],
  date: ['day', 'work_date', 'activity_date', 'date_worked'],
  task_type: ['task', 'task_category', 'category', 'activity_type', 'work_type'],
  tasks: ['task_count', 'tasks_completed', 'completed_tasks', 'count', 'n_tasks'],
  ai_tasks: ['ai_task_count', 'ai_assisted_tasks', 'tasks_with_ai', 'ai_assisted'],
  hours: ['hours_worked', 'time_spent_hours', 'duration_hours', 'time_hours'],
  role: ['job_title', 'position', 'job_role'],
  ai_recommended: ['recommended', 'ai_expected', 'use_ai'],
  team: ['department', 'dept'],
  email: ['e_mail', 'mail', 'work_email', 'email_address', 'user_principal_name', 'upn'],
  github_login: ['github', 'github_user', 'github_username', 'github_handle'],
};

/** docs/input-format.md "Header matching": trimmed, case-insensitive; space, -, . and _ runs are one _. */
export function normalizeHeader(header) {
  return String(header).trim().toLowerCase().split(/[ \-._]+/).filter(Boolean).join('_');
}

/**
 * Matches a file's headers against a table's columns.
 * @returns {{found: Map<string,string>, missing: {required: string[], optional: string[]}, unused: string[]}}
 *   found: column -> header as written; unused: headers that match no column.
 */
export function matchHeaders(table, headers) {
  const spec = TABLE_BY_NAME[table];
  const all = [...spec.columns.required, ...spec.columns.optional];
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
      required: spec.columns.required.filter((c) => !found.has(c)),
      optional: spec.columns.optional.filter((c) => !found.has(c)),
    },
    unused,
  };
}

/** Which table a dropped file most likely is: by file name, then by its headers. */
export function guessTable(fileName, headers) {
  const name = String(fileName).toLowerCase();
  for (const t of TABLES) if (name.includes(t.name)) return t.name;
  if (name.includes('survey')) return 'surveys';
  const cols = new Set(headers.map(normalizeHeader));
  if (cols.has('identity') && cols.has('person_id')) return 'identities';
  if (cols.has('ai_recommended')) return 'playbook';
  if (cols.has('ai_sentiment') || cols.has('wellbeing')) return 'surveys';
  if (cols.has('tasks') || cols.has('ai_tasks') || cols.has('hours')) return 'activity';
  if (['manager_id', 'hire_date', 'ai_trained', 'email', 'github_login'].some((c) => cols.has(c))) return 'people';
  return null;
}

/** A header from `candidates` that commonly means `column`, or ''. */
export function suggestHeader(column, candidates) {
  const names = SYNONYMS[column] ?? [];
  for (const name of names) {
    const hit = candidates.find((h) => normalizeHeader(h) === name);
    if (hit) return hit;
  }
  return '';
}
