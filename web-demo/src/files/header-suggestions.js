// Common HRIS header names for gapscore's columns: only suggestions, pre-selected
// in the mapping form for the analyst to confirm. The columns themselves come
// from the engine's schema (column-matcher.js).
import { normalizeHeader } from './column-matcher.js';

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

/** A header from `candidates` that commonly means `column`, or ''. */
export function suggestHeader(column, candidates) {
  for (const name of SYNONYMS[column] ?? []) {
    const hit = candidates.find((h) => normalizeHeader(h) === name);
    if (hit) return hit;
  }
  return '';
}

/** Pre-selects likely headers for the required columns a file lacks: {header: column}. */
export function suggestMapping(match) {
  const mapping = {};
  for (const column of match.missing.required) {
    const guess = suggestHeader(column, match.unused.filter((header) => !(header in mapping)));
    if (guess) mapping[guess] = column;
  }
  return mapping;
}
