// Types of the report (docs/report.schema.json) and of the configuration
// (docs/config.md). Metric keys match docs/metrics.md.

/** A figure that is null when undefined (a ratio with a zero denominator, missing input). */
export type Figure = number | null;

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  table: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  byte_offset: number | null;
}

export interface InputSummary {
  table: 'activity' | 'people' | 'surveys' | 'playbook' | 'identities';
  source: string | null;
  format: 'csv' | 'json' | 'columns';
  bytes: number;
  sha256: string | null;
  rows_read: number;
  rows_used: number;
  rows_skipped: number;
  blank_lines: number;
  delimiter: string | null;
  byte_order_mark: boolean;
  columns: string[];
  ignored_columns: string[];
}

export interface DiagnosticsSection {
  total: number;
  errors: number;
  warnings: number;
  counts: { table: string | null; code: string; count: number }[];
  listed: number;
  truncated: boolean;
  items: Diagnostic[];
}

export interface GroupMetrics {
  headcount: number;
  ai_users: number;
  adoption_rate: Figure;
  ai_task_share: Figure;
  within_gini: Figure;
  /** Hours AI saved: AI-assisted rows only, 0 for a group without them. */
  time_saved_hours: Figure;
  time_saved_rate: Figure;
  /** All rework: ai_rework_hours + manual_rework_hours. */
  rework_hours: Figure;
  /** Rework on AI-assisted rows: the part charged against time_saved_hours. */
  ai_rework_hours: Figure;
  /** Rework on manual rows (not charged to AI). */
  manual_rework_hours: Figure;
  rework_rate: Figure;
  /** time_saved_hours − ai_rework_hours (0 for a group without AI-assisted rows). */
  net_time_saved_hours: Figure;
  output_per_hour: Figure;
  quality_mean: Figure;
  quality_adjusted_output_per_hour: Figure;
  value_per_hour: Figure;
  value_uplift: Figure;
  quality_delta: Figure;
  error_rate: Figure;
  error_reduction: Figure;
  cycle_time_hours: Figure;
  cycle_time_speedup: Figure;
  ai_interactions_per_person: Figure;
  sentiment_mean: Figure;
  wellbeing_mean: Figure;
  sentiment_favorable_share: Figure;
  utilization_rate: Figure;
  off_playbook_ai_share: Figure;
}

/** Whether a figure rests on enough data for a verdict (docs/insights.md, "Enough data"). */
export interface Sufficiency {
  verdict: 'ok' | 'too_little_data';
  /** Words and thresholds (never a count of people below min_group_size); null when ok. */
  reason: string | null;
}

/** Cohen's bands of |g|: < 0.2 negligible, < 0.5 small, < 0.8 medium, else large. */
export type EffectSize = 'negligible' | 'small' | 'medium' | 'large';

export type GapDirection = 'ai_users_ahead' | 'ai_users_behind' | 'no_clear_difference' | 'not_compared';

/** AI users vs non-users in the same stratum cell (team × role overall, role within a group): OLS, HC3, normal 95% interval. */
export interface AdjustedGap {
  estimate: Figure;
  se: Figure;
  ci_low: Figure;
  ci_high: Figure;
  p_value: Figure;
  /** People kept (in cells that hold both AI users and non-users); null without an estimate. */
  n: number | null;
  /** Attributes the cells are made of, e.g. ["team", "role"]. */
  strata: string[];
  method: string;
  /** estimate on the pooled comparison's scale: J · estimate / s_pooled. */
  hedges_g: Figure;
  effect_size: EffectSize | null;
  /** Why there is no estimate, else null. */
  reason: string | null;
}

export interface Gap {
  /** The pooled comparison: every AI user against every non-user. */
  n_users: number;
  n_non_users: number;
  mean_users: Figure;
  mean_non_users: Figure;
  difference: Figure;
  hedges_g: Figure;
  effect_size: EffectSize | null;
  mann_whitney_u: Figure;
  /** Pooled rank test (Mann-Whitney); not the test of the interval below. */
  p_value: Figure;
  /** Pooled bootstrap interval of the difference in means. */
  ci_low: Figure;
  ci_high: Figure;
  /** Why the gap is undefined (e.g. fewer than 2 AI users), else null. */
  reason: string | null;
  /** Set when the rank test and the interval of the means disagree: which test each belongs to. */
  note: string | null;
  /** Like with like; null only in reports that do not compute it. */
  adjusted: AdjustedGap | null;
  /** Pooled and adjusted point opposite ways and the adjusted p < 0.05; null without an adjusted estimate. */
  paradox: boolean | null;
  /** Direction of the adjusted comparison when there is one, else of the pooled one. */
  direction: GapDirection;
  /** The gap in one plain sentence (no verdict on too little data). */
  text: string;
  sufficiency: Sufficiency;
}

export type ScoreComponentName =
  'adoption_gap' | 'usage_unevenness' | 'effectiveness_gap' | 'playbook_gap' | 'sentiment_gap';

export interface Score {
  /** 0-100, higher = larger AI productivity gap. */
  value: Figure;
  components: Partial<Record<ScoreComponentName, { value: Figure; weight: number }>>;
  sufficiency: Sufficiency;
}

export interface InsightCard {
  id: string;
  kind: 'warning' | 'recommendation' | 'action' | 'finding' | 'success';
  title: string;
  text: string;
  /** People affected × size of the gap (0..1); cards come ranked by it, enough data first. */
  impact: number;
  sufficiency: Sufficiency;
}

/** The report in one plain sentence, with the organisation's gap direction. */
export interface Headline {
  text: string;
  /** id of the card it comes from (the top-ranked one), or null. */
  card: string | null;
  sufficiency: Sufficiency;
  gap: {
    direction: GapDirection;
    basis: 'adjusted' | 'pooled' | null;
    paradox: boolean | null;
    effect_size: EffectSize | null;
    text: string;
  };
}

export type GroupKey = Partial<Record<'team' | 'role' | 'work_mode' | 'manager_id' | 'ai_trained', string>>;

export interface GroupResult {
  key: GroupKey;
  headcount: number;
  activity_rows: number;
  metrics: GroupMetrics;
  gap: Gap;
  score: Score;
}

export interface Uniformity {
  groups: number;
  gini: Figure;
  theil_t: Figure;
  cv: Figure;
  min: Figure;
  max: Figure;
}

export interface TrendCell {
  period: string;
  start: string;
  key: GroupKey | null;
  headcount: number;
  metrics: {
    adoption_rate: Figure;
    ai_task_share: Figure;
    time_saved_hours: Figure;
    quality_adjusted_output_per_hour: Figure;
    error_rate: Figure;
    gap_score: Figure;
  };
}

export interface Report {
  gapscore_version: string;
  inputs: InputSummary[];
  config: Record<string, unknown>;
  diagnostics: DiagnosticsSection;
  summary: {
    people: number;
    activity_rows: number;
    first_date: string;
    last_date: string;
    rows_outside_window: number;
    people_without_activity: number;
    people_missing_from_people_table: number;
    tables: { people: boolean; surveys: boolean; playbook: boolean };
  };
  metrics_unavailable: { metric: string; needs: string }[];
  overall: Omit<GroupResult, 'key' | 'activity_rows'>;
  groups: GroupResult[];
  uniformity: { across_groups: { adoption_rate: Uniformity; ai_task_share: Uniformity } };
  trends: TrendCell[];
  /** What HR should do: docs/insights.md. Absent in adoption-only and differentially private reports. */
  insights?: Record<string, unknown> & { cards: InsightCard[]; headline: Headline };
  usage?: UsageSection;
  individuals?: Record<string, unknown>[];
}

export interface UsageMetrics {
  population: number | null;
  active_users: number | null;
  engaged_users: number | null;
  usage_adoption_rate: Figure;
  non_adopters: number | null;
  active_days_share: Figure;
  apps_per_active_user: Figure;
  acceptance_rate: Figure;
  lines_acceptance_rate: Figure;
  tool_adoption: Partial<Record<'m365_copilot' | 'github_copilot', Figure>>;
}

/** Present when AI-usage exports were given (docs/usage-exports.md). */
export interface UsageSection {
  inputs: { source: string | null; format: string; bytes: number; sha256: string; records: number; records_skipped: number;
    rows: number; first_date: string | null; last_date: string | null; report_period_days: number | null }[];
  identity: { rule: string; identities: number; matched: number; unmatched: number; people_with_usage: number };
  covered_days: number;
  overall: { suppressed: true; reason: string } | { suppressed: false; metrics: UsageMetrics };
  groups: ({ key: GroupKey; suppressed: true; reason: string } | { key: GroupKey; suppressed: false; metrics: UsageMetrics })[];
  uniformity: Record<'usage_adoption_rate' | 'active_days_share' | 'apps_per_active_user', Uniformity>;
  trends: Record<string, unknown>[];
  team_aggregates: Record<string, unknown>[];
  training_targets: { key: GroupKey; non_adopters: number | null; non_adopter_share: Figure }[];
  comparison_with_activity: Record<string, unknown> | null;
}

export interface Validation {
  gapscore_version: string;
  ok: boolean;
  inputs: InputSummary[];
  error: Diagnostic[] | null;
  diagnostics: DiagnosticsSection;
}

export type GroupAttribute = 'team' | 'role' | 'work_mode' | 'manager_id' | 'ai_trained';

/** docs/config.md; every key optional. */
export interface Config {
  mode?: 'lenient' | 'strict';
  max_diagnostics?: number;
  group_by?: GroupAttribute[];
  period?: 'week' | 'month';
  /** Trend series: the max_groups largest groups, or exactly the groups listed (one value per group_by attribute). */
  trends?: { max_groups?: number; groups?: Array<string | string[] | Record<string, string>> | null };
  window?: { start?: string; end?: string };
  ai_user_min_share?: number;
  rework_threshold?: number;
  weights?: Partial<Record<ScoreComponentName, number>>;
  bootstrap?: { resamples?: number; seed?: number; confidence?: number };
  privacy?: { min_group_size?: number; min_group_size_extremes?: number; individual_results?: boolean; salt?: string };
  columns?: Partial<Record<'activity' | 'people' | 'surveys' | 'playbook', Record<string, string>>>;
}

export interface MetricDefinition {
  name: string;
  section: 'group_metric' | 'uniformity' | 'gap' | 'score_component' | 'score';
  unit: string;
  formula: string;
  description: string;
  needs: string | null;
}
