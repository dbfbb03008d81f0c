// Types of the report (docs/report.schema.json) and of the configuration
// (docs/config.md). Metric keys match docs/metrics.md.

/** A figure that is null when undefined (a ratio with a zero denominator, missing input). */
export type Figure = number | null;

/** An exact count; null in differentially private reports, which release only noisy counts. */
export type Count = number | null;

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  table: string | null;
  /** The file the row is in (as in InputSummary.source): with several activity files, the row number alone is not a place. */
  source: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  byte_offset: number | null;
}

export interface InputSummary {
  table: 'activity' | 'people' | 'surveys' | 'playbook' | 'identities';
  source: string | null;
  format: 'csv' | 'json' | 'columns';
  bytes: Count;
  sha256: string | null;
  rows_read: Count;
  rows_used: Count;
  rows_skipped: Count;
  blank_lines: Count;
  delimiter: string | null;
  byte_order_mark: boolean;
  columns: string[];
  ignored_columns: string[];
  /** The date column's format, configured (config.date_formats) or detected: 'iso', 'M/D/YYYY', ...; null without one. */
  date_format: string | null;
}

export interface DiagnosticsSection {
  total: Count;
  errors: Count;
  warnings: Count;
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
  /** Words and thresholds (never a count of people below min_group_size, never a config key); null when ok. */
  reason: string | null;
  /** Config keys of those thresholds, e.g. ["insights.min_days"] (empty when ok): show as code, link to settings. */
  settings: string[];
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
  /** People kept (in cells with at least min_group_size AI users and non-users); null without an estimate or when the privacy audit withholds it. */
  n: number | null;
  /** Attributes the cells are made of, e.g. ["team", "role"]. */
  strata: string[];
  method: string;
  /** estimate in SDs of like people: J · estimate / s_within (the spread inside each kept cell's AI users and non-users). */
  hedges_g: Figure;
  effect_size: EffectSize | null;
  /** Why there is no estimate (words), else null. */
  reason: string | null;
  /** Config keys the reason depends on (e.g. ["privacy.min_group_size"]). */
  settings: string[];
}

export interface Gap {
  /** The pooled comparison: every AI user against every non-user. Null when the side holds 1 to min_group_size-1 people or the disclosure audit withholds it. */
  n_users: number | null;
  n_non_users: number | null;
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
  /** Config keys the reason depends on (e.g. ["privacy.min_group_size_extremes"]). */
  settings: string[];
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
  /** Set where the group's AI users clearly produce less than non-users: a small score is then no success. */
  caveat: string | null;
}

export interface InsightCard {
  id: string;
  kind: 'warning' | 'recommendation' | 'action' | 'finding' | 'success';
  title: string;
  text: string;
  /** Config keys the text refers to in words (mentoring's "switch on individual results": ["privacy.individual_results"]). */
  settings: string[];
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

/** A group or cell hidden for privacy (fewer than min_group_size people, or to protect a smaller one): no figures. */
export interface Suppressed {
  suppressed: true;
  /** e.g. "fewer than 5 people". */
  reason: string;
}

export interface EvaluatedGroup {
  key: GroupKey;
  suppressed: false;
  headcount: number;
  activity_rows: Count;
  metrics: GroupMetrics;
  gap: Gap;
  score: Score;
  /** Metrics and score components withheld because too few people stand behind them, with why (their values are null). */
  withheld?: Record<string, string>;
}

/** Check `suppressed` before reading figures. */
export type GroupResult = EvaluatedGroup | (Suppressed & { key: GroupKey });

export interface Uniformity {
  groups: number;
  gini: Figure;
  theil_t: Figure;
  cv: Figure;
  min: Figure;
  max: Figure;
}

/** One group (key null: everyone) in one period; check `suppressed` before reading figures. */
export type TrendCell = TrendFigures | (Suppressed & { period: string; start: string; key: GroupKey | null });

export interface TrendFigures {
  period: string;
  start: string;
  key: GroupKey | null;
  suppressed: false;
  headcount: number;
  metrics: {
    adoption_rate: Figure;
    ai_task_share: Figure;
    time_saved_hours: Figure;
    quality_adjusted_output_per_hour: Figure;
    error_rate: Figure;
    gap_score: Figure;
  };
  /** Trend metrics (and gap_score components) withheld in this cell because too few people stand behind them. */
  withheld?: Record<string, string>;
}

/** What the report hid or perturbed to protect people (docs/privacy.md). */
export interface PrivacySection {
  min_group_size: number;
  min_group_size_extremes: number;
  individual_results: boolean;
  pseudonymous_ids: string | null;
  /** privacy.protection: what protects the report against being combined with other reports. */
  protection: 'suppression' | 'cell_key' | 'dp';
  differential_privacy: Record<string, unknown> | null;
  /** Protection cell_key: the published noise bounds; null otherwise. */
  cell_key: {
    method: string;
    /** A published count differs from the true one by at most this. */
    max_count_noise: number;
    /** A published sum differs from the true one by at most this share of its largest single contribution. */
    sum_noise_share: number;
    perturbed: string[];
    not_perturbed: string[];
  } | null;
  suppressed_groups: number;
  suppressed_trend_cells: number;
  overall_suppressed: boolean;
  /** With individual_results: the group_by attributes the rows carry (null otherwise). */
  individual_key_attributes: string[] | null;
  /** The disclosure audit over every published figure (null under dp and cell_key, whose reports release only the headline figures). */
  audit: { figures: number; sets: number; hidden: number } | null;
}

export interface Report {
  gapscore_version: string;
  inputs: InputSummary[];
  /** The effective configuration: every key with its value (null = unset; the privacy salt only as salt_given). */
  config: Record<string, unknown>;
  diagnostics: DiagnosticsSection;
  summary: {
    /** null when the organisation has fewer than min_group_size people. */
    people: Count;
    activity_rows: Count;
    first_date: string;
    last_date: string;
    rows_outside_window: Count;
    people_without_activity: Count;
    people_missing_from_people_table: Count;
    tables: { people: boolean; surveys: boolean; playbook: boolean };
  };
  metrics_unavailable: { metric: string; needs: string }[];
  /** Suppressed in adoption-only reports (no activity table) and when everyone is fewer than min_group_size. */
  overall: Omit<EvaluatedGroup, 'key' | 'activity_rows'> | Suppressed;
  groups: GroupResult[];
  /** With config.rollup_by: each rollup group (e.g. a department) with its own figures and, in `groups`, the indices of its groups in `Report.groups`. */
  rollup?: { by: string; groups: (GroupResult & { groups: number[] })[] };
  privacy: PrivacySection;
  uniformity: { across_groups: { adoption_rate: Uniformity; ai_task_share: Uniformity } };
  trends: TrendCell[];
  /** What HR should do: docs/insights.md. Absent in adoption-only and differentially private reports. */
  insights?: Record<string, unknown> & { cards: InsightCard[]; headline: Headline };
  usage?: UsageSection;
  individuals?: Record<string, unknown>[];
}

export interface UsageMetrics {
  population: number | null;
  /** Absent under dp and cell_key (their reduced usage section), as are never_used_users and surface_adoption. */
  licensed_users?: number | null;
  active_users: number | null;
  never_used_users?: number | null;
  engaged_users: number | null;
  usage_adoption_rate: Figure;
  non_adopters: number | null;
  active_days_share: Figure;
  apps_per_active_user: Figure;
  acceptance_rate: Figure;
  lines_acceptance_rate: Figure;
  tool_adoption: Partial<Record<'m365_copilot' | 'github_copilot', Figure>>;
  /** Share of the people who used each app, feature, IDE, model or the CLI ('tool:surface'). */
  surface_adoption?: Record<string, Figure>;
}

export type UsageSegmentName = 'power_user' | 'habitual_user' | 'novice_user' | 'low_user' | 'non_user';
/** Usage segments (people); hidden counts are null and named in `suppressed`. Null without weekly action counts. */
export type UsageSegments = (Record<UsageSegmentName, number | null> & { suppressed: UsageSegmentName[] }) | null;
export type UsageMaturity = { power_user_share: Figure;
  stage: 'initial_rollout' | 'ramping_up' | 'embedding' | 'full_integration' | null } | null;

/** Present when AI-usage exports were given (docs/usage-exports.md). */
export interface UsageSection {
  /** Sizes and counts are null in a hidden organisation's report and under dp and cell_key. */
  inputs: { source: string | null; format: string; bytes: number | null; sha256: string; records: number | null; records_skipped: number | null;
    rows: number | null; first_date: string | null; last_date: string | null; report_period_days: number | null;
    /** Absent under dp and cell_key. */
    date_format?: string | null; granularity?: 'week' | 'day' | null }[];
  identity: { rule: string; identities: number | null; matched: number | null; unmatched: number | null; people_with_usage: number | null };
  covered_days: number;
  /** Absent under dp and cell_key, as are segments and maturity. */
  segments_window?: { first_week: string; last_week: string; first_date: string; last_date: string; weeks: number;
    weeks_configured: number; habit_min_weeks: number } | null;
  /** `withheld`: figures over the active users the privacy audit withheld, with why (their values are null). */
  overall: { suppressed: true; reason: string } |
    { suppressed: false; metrics: UsageMetrics; segments?: UsageSegments; maturity?: UsageMaturity; withheld?: Record<string, string> };
  groups: ({ key: GroupKey; suppressed: true; reason: string } |
    { key: GroupKey; suppressed: false; metrics: UsageMetrics; segments?: UsageSegments; maturity?: UsageMaturity;
      withheld?: Record<string, string> })[];
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
  /** With a people table, once joined: most people missing means the two tables use different ids. */
  people_join: { people_in_activity: number; missing_from_people_table: number } | null;
}

export type GroupAttribute = 'team' | 'role' | 'work_mode' | 'manager_id' | 'ai_trained' |
  /** Another column of the people table ('department', ...), or an HR attribute of a Viva Insights person query: 'Organization', ... */ (string & {});

/** docs/config.md; every key optional. */
export interface Config {
  mode?: 'lenient' | 'strict';
  max_diagnostics?: number;
  group_by?: GroupAttribute[];
  /** A coarser attribute that contains the groups (team within 'department'): adds Report.rollup. Re-analysable in a session. */
  rollup_by?: GroupAttribute | null;
  period?: 'week' | 'month';
  /** Trend series: the max_groups largest groups, or exactly the groups listed (one value per group_by attribute). */
  trends?: { max_groups?: number; groups?: Array<string | string[] | Record<string, string>> | null };
  window?: { start?: string; end?: string };
  ai_user_min_share?: number;
  rework_threshold?: number;
  weights?: Partial<Record<ScoreComponentName, number>>;
  bootstrap?: { resamples?: number; seed?: number; confidence?: number };
  privacy?: {
    min_group_size?: number; min_group_size_extremes?: number; individual_results?: boolean;
    /** At least 32 hexadecimal digits (128 bits), or "generate" (the run hands it to onGeneratedSalt). */
    salt?: string;
    /** Protection across repeated reports (docs/privacy.md); privacy.dp alone means "dp". */
    protection?: 'suppression' | 'cell_key' | 'dp';
    /** Protection cell_key: the noise bounds. */
    cell_key?: { max_count_noise?: number; sum_noise_share?: number };
    /** Protection dp: the ledger entry releases spend from (default: the people table's digest). */
    ledger_id?: string;
    /** Differential privacy: present = on (docs/privacy.md). */
    dp?: { epsilon?: number; total_epsilon?: number; delta?: number; seed?: number; max_tasks_per_person?: number;
      max_hours_saved_per_person?: number; max_rework_hours_per_person?: number };
  };
  insights?: Partial<Record<'heavy_user_min_share' | 'champion_max_rework_rate' | 'champion_min_percentile' | 'kpi_min_abs_rho' |
    'split_min_share' | 'uneven_min_split' | 'playbook_card_max_utilization' | 'mentees_per_champion' | 'max_items' |
    'min_days' | 'min_periods', number>> & { min_people_per_side?: number | null; kpi_proxies?: string[] };
  /** First day each group (by the `by` attribute) had AI tools: the rollout effect estimate. */
  rollout?: { by?: GroupAttribute; dates?: Record<string, string> };
  usage?: { identity?: 'auto' | 'identities' | 'email' | 'github_login' | 'person_id'; engaged_min_days?: number;
    segments?: { weeks?: number; habit_min_share?: number; power_min_mean?: number; novice_min_mean?: number };
    maturity?: { ramping_up?: number; embedding?: number; full_integration?: number } };
  /** Per table: the date format ('M/D/YYYY', 'D.M.YYYY', 'iso', 'excel_serial', ...); absent = detected. */
  date_formats?: Partial<Record<'activity' | 'people' | 'surveys' | 'usage', string>>;
  /**
   * Per CSV table: 'windows-1252' (also 'cp1252', 'latin1', 'iso-8859-1') for Excel's "CSV" on Windows; absent =
   * UTF-8. open(), analyze() and validate() set it by themselves for a table that is not UTF-8 with only ASCII
   * before its first bad byte, and the report's config names it.
   */
  encodings?: Partial<Record<'activity' | 'people' | 'surveys' | 'playbook', 'utf-8' | 'windows-1252' | 'cp1252' | 'latin1' | 'iso-8859-1'>>;
  columns?: Partial<Record<'activity' | 'people' | 'surveys' | 'playbook', Record<string, string>>>;
}

export interface MetricDefinition {
  name: string;
  /** The metric in words, as the report's texts name it ("adoption rate"). */
  label: string;
  section: 'group_metric' | 'uniformity' | 'gap' | 'score_component' | 'usage_metric' | 'score';
  unit: string;
  formula: string;
  description: string;
  needs: string | null;
}
