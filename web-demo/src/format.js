// Number formats used everywhere in the demo. Fixed decimals (not "smart"
// rounding) so a figure reads the same in the overview, the table and the
// exported CSV, and tests can compare it with the CLI's report.

const locale = undefined;  // the reader's locale for separators
const fmtCache = new Map();
function nf(options) {
  const key = JSON.stringify(options);
  if (!fmtCache.has(key)) fmtCache.set(key, new Intl.NumberFormat(locale, options));
  return fmtCache.get(key);
}

export const NA = 'n/a';
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
// Intl writes a hyphen for minus in most locales; the engine's sentences write
// the minus sign (−0.09), and the two stand side by side in the report.
const minusSign = (text) => text.replace('-', '\u2212');

/** 0.505 -> "50.5%" */
export function pct(v, digits = 1) {
  return isNum(v) ? minusSign(nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)) : NA;
}

/** A signed change: 0.19 -> "+19.0%" */
export function signedPct(v, digits = 1) {
  return isNum(v) ? minusSign(nf({ style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)) : NA;
}

export function num(v, digits = 0) {
  // -0.3 to 0 digits is 0, not "-0".
  return isNum(v) ? minusSign(nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(v.toFixed(digits)) === 0 ? 0 : v)) : NA;
}

export function signedNum(v, digits = 2) {
  return isNum(v) ? minusSign(nf({ signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)) : NA;
}

/** The gap score: 0-100 with one decimal. */
export const score = (v) => num(v, 1);

export function bytes(n) {
  if (!isNum(n)) return NA;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${num(n / 1024, 1)} KB`;
  return `${num(n / 1024 / 1024, 1)} MB`;
}

export function duration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${num(ms / 1000, 1)} s`;
}

/** Words for a 0-100 gap score; the thresholds are the demo's reading aid, not part of the engine. */
export function scoreBand(v) {
  if (!isNum(v)) return { label: 'not available', level: 'none' };
  if (v < 25) return { label: 'small gap', level: 'low' };
  if (v < 50) return { label: 'moderate gap', level: 'mid' };
  if (v < 75) return { label: 'large gap', level: 'high' };
  return { label: 'very large gap', level: 'severe' };
}

/** "Engineering / remote" for a group key, in group_by order. */
export function groupLabel(key, groupBy) {
  if (!key) return 'Everyone';
  const attrs = groupBy?.length ? groupBy : Object.keys(key);
  return attrs.map((a) => attrValue(a, key[a])).join(' / ');
}

export function attrValue(attr, value) {
  if (value == null || value === '') return '(unassigned)';
  if (attr === 'ai_trained') return value === 'true' || value === true ? 'AI-trained' : value === 'false' || value === false ? 'not AI-trained' : String(value);
  return String(value);
}

export const ATTR_LABELS = {
  team: 'Team', role: 'Role', work_mode: 'Work mode', manager_id: 'Manager', ai_trained: 'AI training',
};

/** A person attribute as a title: "work_mode" → "Work mode", "cost_centre" → "Cost centre", "FunctionType" as written. */
export function attrLabel(attr) {
  const text = ATTR_LABELS[attr] ?? String(attr).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The same inside a sentence: "work mode", "department", "FunctionType". */
export function attrInText(attr) {
  return ATTR_LABELS[attr]?.toLowerCase() ?? String(attr).replace(/_/g, ' ');
}

/** Metric names in words, for the places the report lists metrics by name. */
export const METRIC_LABELS = {
  adoption_rate: 'adoption rate', ai_task_share: 'AI task share', within_gini: 'unevenness within groups',
  time_saved_hours: 'hours saved', time_saved_rate: 'share of time saved', net_time_saved_hours: 'hours saved net of rework',
  rework_rate: 'rework rate', value_uplift: 'value uplift', value_per_hour: 'value per hour', quality_delta: 'quality difference',
  quality_adjusted_output_per_hour: 'quality-adjusted output per hour', output_per_hour: 'output per hour', error_rate: 'errors per task',
  error_reduction: 'error reduction', cycle_time_hours: 'cycle time', cycle_time_speedup: 'cycle-time speed-up',
  sentiment_mean: 'AI sentiment', wellbeing_mean: 'well-being', utilization_rate: 'playbook use (share of recommended work done with AI)',
  off_playbook_ai_share: 'AI use outside the playbook',
};
export const metricLabel = (name) => METRIC_LABELS[name] ?? String(name).replace(/_/g, ' ');
