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
  time_saved_hours: Figure;
  time_saved_rate: Figure;
  rework_hours: Figure;
  rework_rate: Figure;
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

export interface Gap {
  n_users: number;
  n_non_users: number;
  mean_users: Figure;
  mean_non_users: Figure;
  difference: Figure;
  hedges_g: Figure;
  mann_whitney_u: Figure;
  p_value: Figure;
  ci_low: Figure;
  ci_high: Figure;
  /** Why the gap is undefined (e.g. fewer than 2 AI users), else null. */
  reason: string | null;
}

export type ScoreComponentName =
  'adoption_gap' | 'usage_unevenness' | 'effectiveness_gap' | 'playbook_gap' | 'sentiment_gap';

export interface Score {
  /** 0-100, higher = larger AI productivity gap. */
  value: Figure;
  components: Partial<Record<ScoreComponentName, { value: Figure; weight: number }>>;
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
  insights?: Record<string, unknown> & { cards: { id: string; kind: string; title: string; text: string }[] };
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
