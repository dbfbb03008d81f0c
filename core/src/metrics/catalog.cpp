// The one metric catalog. Each entry: name, label (the name in words, for
// texts), section, unit, formula, description, needs, and (for group metrics) the function that computes it from a group's
// sums. Add a metric here and it appears in the report, the CLI, the npm
// package and docs/metrics.md.
#include "metrics/catalog_table.h"

#include <nlohmann/json.hpp>

namespace gapscore {
namespace metrics {
namespace {

using O = std::optional<double>;

O opt_sub(O a, O b) { return a && b ? O(*a - *b) : std::nullopt; }
O opt_rel(O num, O den) {  // num/den - 1
  if (!num || !den || *den == 0.0) return std::nullopt;
  return *num / *den - 1.0;
}

O quality_mean(const RowSums& s) { return ratio(s.q_weighted, s.q_tasks); }
O value_per_hour(const RowSums& s) { return ratio(s.v_value, s.v_cost); }
O error_rate(const RowSums& s) { return ratio(s.errors, s.e_tasks); }
O cycle_time(const RowSums& s) { return ratio(s.c_weighted, s.c_tasks); }

constexpr auto G = MetricSection::group_metric;
constexpr auto U = MetricSection::uniformity;
constexpr auto P = MetricSection::gap;
constexpr auto C = MetricSection::score_component;
constexpr auto S = MetricSection::score;
constexpr auto X = MetricSection::usage_metric;

const CatalogEntry kEntries[] = {
    // ---- adoption ----
    {{"headcount", "headcount", G, "people", "count of distinct person_id with activity rows",
      "People in the group.", ""},
     need_none, [](const GroupInputs& g) -> O { return g.headcount; }},
    {{"ai_users", "AI users", G, "people",
      "count of people whose Σai_tasks/Σtasks ≥ ai_user_min_share (people with Σtasks = 0 are not AI users)",
      "People who use AI for a meaningful share of their tasks.", ""},
     need_none, [](const GroupInputs& g) -> O { return g.ai_users; }},
    {{"adoption_rate", "adoption rate", G, "share", "ai_users / headcount", "Share of people who are AI users.", ""},
     need_none, [](const GroupInputs& g) { return ratio(g.ai_users, g.headcount); }},
    {{"ai_task_share", "share of tasks done with AI", G, "share", "Σai_tasks / Σtasks", "Share of all tasks done with AI assistance.", ""},
     need_none, [](const GroupInputs& g) { return ratio(g.sums->all.ai_tasks, g.sums->all.tasks); }},
    {{"within_gini", "unevenness of AI use within the group", G, "index 0-1",
      "Gini (population form) of person-level ai_task_share within the group, people with Σtasks > 0",
      "How unevenly AI use is spread inside the group: 0 = everyone alike, near 1 = a few do it all.", ""},
     need_none, [](const GroupInputs& g) { return g.within_gini; }},
    // ---- time ----
    // Time saved is what AI saves: only AI-assisted rows count (a manual row's
    // baseline − hours is estimation noise, not a saving), and the net saving
    // subtracts all rework on AI-assisted rows, so that saved − AI rework = net
    // holds exactly (a chart of the three adds up). "No AI-assisted rows" is
    // Σai_tasks = 0 (a row is AI-assisted when ai_tasks > 0), which trend
    // periods know as well as the whole window.
    {{"time_saved_hours", "hours saved", G, "hours",
      "Σ(baseline_hours − hours) over AI-assisted rows with baseline_hours; 0 when the group has no AI-assisted rows; "
      "null when none of its AI-assisted rows has baseline_hours",
      "Hours AI saved against the no-AI baseline, on AI-assisted work only.", "baseline_hours"},
     need_baseline_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.ai_tasks == 0) return 0.0;  // no AI-assisted rows
       if (g.sums->ai.b_rows == 0) return std::nullopt;
       return g.sums->ai.b_baseline - g.sums->ai.b_hours;
     },
     ai_baseline_rows},
    {{"time_saved_rate", "share of time saved", G, "share",
      "time_saved_hours / Σbaseline_hours over the same AI-assisted rows",
      "Time saved as a share of the baseline of the AI-assisted work.", "baseline_hours"},
     need_baseline_hours,
     [](const GroupInputs& g) { return ratio(g.sums->ai.b_baseline - g.sums->ai.b_hours, g.sums->ai.b_baseline); },
     ai_baseline_rows},
    // Of three figures that add up (rework_hours = ai_rework_hours +
    // manual_rework_hours; time_saved_hours − net_time_saved_hours =
    // ai_rework_hours), one stands on all the others' people: when one part is
    // withheld, that one is too, so the part is not the difference of two
    // shown figures (docs/privacy.md).
    {{"rework_hours", "rework hours", G, "hours", "Σrework_hours (all rows: ai_rework_hours + manual_rework_hours)",
      "Hours spent fixing or redoing work, AI-assisted or not.", "rework_hours"},
     need_rework_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.r_rows == 0) return std::nullopt;
       return g.sums->all.rework;
     },
     rework_rows | ai_rework_rows | manual_rework_rows},
    {{"ai_rework_hours", "rework hours on AI-assisted work", G, "hours", "Σrework_hours over AI-assisted rows",
      "Hours spent fixing or redoing AI-assisted work.", "rework_hours"},
     need_rework_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.r_rows == 0) return std::nullopt;
       return g.sums->ai.rework;
     },
     ai_rework_rows},
    {{"manual_rework_hours", "rework hours on manual work", G, "hours", "Σrework_hours over manual rows (ai_tasks = 0)",
      "Hours spent fixing or redoing work done without AI; not charged against AI's time saved.", "rework_hours"},
     need_rework_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.r_rows == 0) return std::nullopt;
       return g.sums->manual.rework;
     },
     manual_rework_rows},
    {{"rework_rate", "rework rate", G, "share", "Σrework_hours / Σhours over rows with rework_hours",
      "Rework as a share of working time.", "rework_hours"},
     need_rework_hours, [](const GroupInputs& g) { return ratio(g.sums->all.rework, g.sums->all.r_hours); },
     rework_rows},
    {{"net_time_saved_hours", "net hours saved", G, "hours",
      "time_saved_hours − Σrework_hours over AI-assisted rows (= time_saved_hours − ai_rework_hours; no rework "
      "column: no rework); 0 when the group has no AI-assisted rows; null when time_saved_hours is",
      "Time AI saved after the rework on AI-assisted work: what remains after fixing it. Rework on manual work "
      "(manual_rework_hours) is not charged to AI.",
      "baseline_hours"},
     need_baseline_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.ai_tasks == 0) return 0.0;  // no AI-assisted rows
       if (g.sums->ai.b_rows == 0) return std::nullopt;
       return (g.sums->ai.b_baseline - g.sums->ai.b_hours) - g.sums->ai.rework;
     },
     ai_baseline_rows | ai_rework_rows},
    // ---- output and quality ----
    {{"output_per_hour", "tasks per hour", G, "tasks/hour", "Σtasks / Σhours", "Raw throughput (a legacy volume measure).", ""},
     need_none, [](const GroupInputs& g) { return ratio(g.sums->all.tasks, g.sums->all.hours); }},
    {{"quality_mean", "average quality", G, "score 0-1", "Σ(quality·tasks) / Σtasks over rows with quality",
      "Task-weighted mean quality.", "quality"},
     need_quality, [](const GroupInputs& g) { return quality_mean(g.sums->all); },
     quality_rows},
    {{"quality_adjusted_output_per_hour", "quality-adjusted output per hour", G, "tasks/hour",
      "Σ(tasks·quality) / Σ(hours + rework_hours) over rows with quality (empty rework = 0)",
      "Output that counts quality and charges rework: the core productivity measure.", "quality"},
     need_quality, [](const GroupInputs& g) { return ratio(g.sums->all.q_weighted, g.sums->all.q_cost); },
     quality_rows},
    {{"value_per_hour", "value per hour", G, "value/hour", "Σoutcome_value / Σ(hours + rework_hours) over rows with outcome_value",
      "Business value created per hour, rework included.", "outcome_value"},
     need_outcome_value, [](const GroupInputs& g) { return value_per_hour(g.sums->all); },
     value_rows},
    {{"value_uplift", "value uplift with AI", G, "share", "value_per_hour(AI-assisted rows) / value_per_hour(manual rows) − 1",
      "How much more value per hour AI-assisted work creates than manual work.", "outcome_value"},
     need_outcome_value,
     [](const GroupInputs& g) { return opt_rel(value_per_hour(g.sums->ai), value_per_hour(g.sums->manual)); },
     ai_value_rows | manual_value_rows},
    {{"quality_delta", "quality difference with AI", G, "score difference", "quality_mean(AI-assisted rows) − quality_mean(manual rows)",
      "Whether AI-assisted work is better or worse than manual work.", "quality"},
     need_quality,
     [](const GroupInputs& g) { return opt_sub(quality_mean(g.sums->ai), quality_mean(g.sums->manual)); },
     ai_quality_rows | manual_quality_rows},
    {{"error_rate", "error rate", G, "errors/task", "Σerrors / Σtasks over rows with errors", "Errors per task.", "errors"},
     need_errors, [](const GroupInputs& g) { return error_rate(g.sums->all); },
     error_rows},
    {{"error_reduction", "error reduction with AI", G, "share", "1 − error_rate(AI-assisted rows) / error_rate(manual rows)",
      "How much AI-assisted work cuts errors (negative: it adds errors).", "errors"},
     need_errors,
     [](const GroupInputs& g) -> O {
       const O ai = error_rate(g.sums->ai), manual = error_rate(g.sums->manual);
       if (!ai || !manual || *manual == 0.0) return std::nullopt;
       return 1.0 - *ai / *manual;
     },
     ai_error_rows | manual_error_rows},
    {{"cycle_time_hours", "cycle time", G, "hours", "Σ(cycle_time_hours·tasks) / Σtasks over rows with cycle_time_hours",
      "Task-weighted mean time from start to done.", "cycle_time_hours"},
     need_cycle_time_hours, [](const GroupInputs& g) { return cycle_time(g.sums->all); },
     cycle_time_rows},
    {{"cycle_time_speedup", "cycle-time speed-up with AI", G, "share", "cycle_time_hours(manual rows) / cycle_time_hours(AI-assisted rows) − 1",
      "How much faster AI-assisted tasks finish.", "cycle_time_hours"},
     need_cycle_time_hours,
     [](const GroupInputs& g) { return opt_rel(cycle_time(g.sums->manual), cycle_time(g.sums->ai)); },
     ai_cycle_time_rows | manual_cycle_time_rows},
    {{"ai_interactions_per_person", "AI interactions per person", G, "interactions/person", "Σai_interactions / headcount",
      "Volume of AI use (a usage proxy, not an outcome).", "ai_interactions"},
     need_ai_interactions, [](const GroupInputs& g) { return ratio(g.sums->all.interactions, g.headcount); },
     interaction_rows},
    // ---- surveys ----
    {{"sentiment_mean", "AI sentiment", G, "score 1-5",
      "mean over people of their latest ai_sentiment answer in the window",
      "How people feel about their AI tools.", "surveys.ai_sentiment"},
     need_survey_sentiment, [](const GroupInputs& g) { return g.sentiment_mean; },
     sentiment_answers},
    {{"wellbeing_mean", "well-being", G, "score 1-5", "mean over people of their latest wellbeing answer in the window",
      "Self-reported well-being.", "surveys.wellbeing"},
     need_survey_wellbeing, [](const GroupInputs& g) { return g.wellbeing_mean; },
     wellbeing_answers},
    {{"sentiment_favorable_share", "share positive about AI", G, "share",
      "share of people whose latest ai_sentiment answer in the window is ≥ 4",
      "Share of people positive about AI tools.", "surveys.ai_sentiment"},
     need_survey_sentiment, [](const GroupInputs& g) { return g.sentiment_favorable_share; },
     sentiment_answers},
    // ---- playbook ----
    {{"utilization_rate", "AI use where the playbook recommends it", G, "share",
      "Σai_tasks / Σtasks over rows whose (role, task_type) is AI-recommended in the playbook",
      "How much of the AI-recommended work actually uses AI.", "playbook"},
     need_playbook,
     [](const GroupInputs& g) {
       return ratio(g.sums->playbook.recommended_ai_tasks, g.sums->playbook.recommended_tasks);
     },
     recommended_rows},
    {{"off_playbook_ai_share", "AI use outside the playbook", G, "share",
      "ai_tasks on (role, task_type) pairs not recommended for the role / all ai_tasks, over people whose role "
      "is in the playbook",
      "AI use outside what the role's playbook recommends.", "playbook"},
     need_playbook,
     [](const GroupInputs& g) {
       return ratio(g.sums->playbook.off_playbook_ai_tasks, g.sums->playbook.covered_ai_tasks);
     },
     covered_ai_rows},
    // ---- uniformity across groups (for adoption_rate and ai_task_share) ----
    {{"gini", "Gini index", U, "index 0-1", "Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ) over the groups' values (population form)",
      "Inequality of a metric across groups.", ""},
     need_none, nullptr},
    {{"theil_t", "Theil index", U, "index ≥ 0", "(1/n) Σ (xᵢ/μ) ln(xᵢ/μ), with 0·ln 0 = 0",
      "Inequality across groups, more sensitive to the top.", ""},
     need_none, nullptr},
    {{"cv", "coefficient of variation", U, "ratio", "σ/μ with σ the population standard deviation (ddof = 0)",
      "Relative spread across groups.", ""},
     need_none, nullptr},
    {{"min", "lowest group", U, "as the metric", "smallest group value", "Lowest group.", ""}, need_none, nullptr},
    {{"max", "highest group", U, "as the metric", "largest group value", "Highest group.", ""}, need_none, nullptr},
    // ---- gap between AI users and non-users (person-level quality_adjusted_output_per_hour) ----
    // The pooled figures compare every AI user with every non-user; `adjusted`
    // compares people in the same team and role. Where they disagree, the
    // adjusted one is the answer to "does AI use go with more output?".
    {{"n_users", "AI users compared", P, "people", "AI users with a defined quality_adjusted_output_per_hour",
      "Size of the AI-user sample (pooled).", "quality"},
     need_quality, nullptr},
    {{"n_non_users", "non-users compared", P, "people", "non-users with a defined quality_adjusted_output_per_hour",
      "Size of the non-user sample (pooled).", "quality"},
     need_quality, nullptr},
    {{"mean_users", "AI users' average", P, "tasks/hour", "mean of person-level quality_adjusted_output_per_hour over AI users",
      "Pooled mean of AI users, whatever team or role they are in.", "quality"},
     need_quality, nullptr},
    {{"mean_non_users", "non-users' average", P, "tasks/hour", "mean of person-level quality_adjusted_output_per_hour over non-users",
      "Pooled mean of non-users.", "quality"},
     need_quality, nullptr},
    {{"difference", "difference", P, "tasks/hour", "mean_users − mean_non_users",
      "The pooled gap in output terms. It mixes AI use with where people work: see adjusted and paradox.",
      "quality"},
     need_quality, nullptr},
    {{"hedges_g", "effect size (Hedges' g)", P, "standardised difference",
      "J·(mean_users − mean_non_users)/s_pooled, s_pooled² = ((n₁−1)s₁² + (n₂−1)s₂²)/df, df = n₁+n₂−2, "
      "J = Γ(df/2)/(√(df/2)·Γ((df−1)/2))",
      "Size of the pooled gap in standard deviations, small-sample corrected.", "quality"},
     need_quality, nullptr},
    {{"effect_size", "effect size in words", P, "word",
      "Cohen's bands of |hedges_g|: < 0.2 negligible, < 0.5 small, < 0.8 medium, else large",
      "The pooled effect size in words. No text calls a negligible effect measurable or significant.", "quality"},
     need_quality, nullptr},
    {{"mann_whitney_u", "rank-test statistic (Mann-Whitney U)", P, "U statistic", "U of the AI-user sample (ranks with ties averaged)",
      "Rank-based pooled comparison, robust to outliers.", "quality"},
     need_quality, nullptr},
    {{"p_value", "p-value", P, "probability",
      "two-sided normal approximation of U with tie and continuity correction (scipy mannwhitneyu "
      "method='asymptotic')",
      "Pooled rank test: chance of rank differences this large if the two distributions were the same. It tests "
      "ranks, not the difference in means; ci_low/ci_high belong to the means (see note).",
      "quality"},
     need_quality, nullptr},
    {{"ci_low", "lower end of the interval", P, "tasks/hour",
      "lower bound of the percentile bootstrap CI of the difference (bootstrap.resamples, stratified by sample)",
      "Plausible smallest pooled difference in means.", "quality"},
     need_quality, nullptr},
    {{"ci_high", "upper end of the interval", P, "tasks/hour", "upper bound of the same interval", "Plausible largest pooled difference in means.",
      "quality"},
     need_quality, nullptr},
    {{"note", "note", P, "text",
      "set when the rank test and the interval of the means disagree (p < 0.05 with an interval spanning 0, or "
      "p ≥ 0.05 with an interval excluding 0)",
      "Says in words which test each figure belongs to, so no reader sees a contradiction.", "quality"},
     need_quality, nullptr},
    {{"adjusted", "like-with-like gap", P, "tasks/hour",
      "OLS at person level, quality_adjusted_output_per_hour ~ ai_user + C(stratum), one fixed effect per "
      "stratum cell (overall: the cross product of the group_by keys plus role when roles are known; a group: role "
      "only); a cell with fewer than privacy.min_group_size AI users or non-users joins its team's largest cell with "
      "that many (a group: the group's), else the team is one cell, dropped with fewer (a small cell's difference, or "
      "its people left out beside the pooled means, would describe them); HC3 standard errors, normal p-value "
      "and 95% interval (statsmodels ols(...).fit(cov_type='HC3')). Fields: estimate, se, ci_low, ci_high, "
      "p_value, n (people kept), strata, method, hedges_g (J·estimate/s_within, s_within² = Σ (y − mean of the "
      "person's cell and side)² / (n − cell sides), the residual variance of y ~ C(stratum):C(ai_user); J with that "
      "df), "
      "effect_size, reason",
      "The gap between AI users and non-users who work in the same team and role. Its p-value and interval come "
      "from the same model, so they always agree. estimate null (with a reason) when either side has fewer than "
      "privacy.min_group_size people in the cells kept, or there is nothing to adjust for.",
      "quality"},
     need_quality, nullptr},
    {{"paradox", "Simpson's paradox", P, "boolean",
      "true when difference and adjusted.estimate have opposite signs and adjusted.p_value < 0.05; null "
      "without an adjusted estimate",
      "Simpson's paradox: the pooled average points one way, the like-with-like comparison the other, because "
      "AI users are concentrated in teams or roles with higher or lower output.",
      "quality"},
     need_quality, nullptr},
    {{"text", "summary sentence", P, "sentence",
      "the adjusted result when there is one (with the reversal explained when paradox), else the pooled one; "
      "no verdict when sufficiency is too_little_data",
      "The gap in one plain sentence, as the report's cards and the CLI summary show it.", "quality"},
     need_quality, nullptr},
    {{"sufficiency", "enough data", P, "verdict",
      "too_little_data when the data cover fewer than insights.min_days days or insights.min_periods periods, or "
      "either side has fewer than insights.min_people_per_side people; else ok",
      "Whether there is enough data for a verdict; the reason is in words and never gives a count below "
      "privacy.min_group_size.",
      "quality"},
     need_quality, nullptr},
    // ---- the composite score ----
    {{"adoption_gap", "people not using AI", C, "share", "1 − adoption_rate", "People not yet using AI.", ""}, need_none, nullptr},
    {{"usage_unevenness", "uneven AI use", C, "index 0-1", "within_gini", "How unevenly AI use is spread inside the group.", ""},
     need_none, nullptr},
    {{"effectiveness_gap", "AI users creating rework", C, "share",
      "share of AI users whose person rework_rate ≥ rework_threshold",
      "AI users whose AI use creates rework instead of results.", "rework_hours"},
     need_rework_hours, nullptr},
    {{"playbook_gap", "recommended AI use not happening", C, "share", "1 − utilization_rate", "Recommended AI use that is not happening.", "playbook"},
     need_playbook, nullptr},
    {{"sentiment_gap", "distance from positive AI sentiment", C, "share", "(5 − sentiment_mean) / 4", "Distance from fully positive AI sentiment.",
      "surveys.ai_sentiment"},
     need_survey_sentiment, nullptr},
    // ---- AI-usage exports (telemetry): over the people of the group ----
    {{"population", "people who could use AI tools", X, "people", "people of the group in the people table", "Who could use the AI tools.", "usage exports"},
     need_none, nullptr},
    {{"active_users", "active users", X, "people", "people with at least one active day in any usage export",
      "People who actually used an AI tool.", "usage exports"},
     need_none, nullptr},
    {{"engaged_users", "engaged users", X, "people", "people active on at least usage.engaged_min_days distinct days",
      "People for whom AI tools are a habit, not a try-out.", "usage exports"},
     need_none, nullptr},
    {{"usage_adoption_rate", "adoption rate from usage exports", X, "share", "active_users / population", "Telemetry-based adoption.", "usage exports"},
     need_none, nullptr},
    {{"non_adopters", "non-adopters", X, "people", "population − active_users", "People to reach with training.", "usage exports"},
     need_none, nullptr},
    {{"active_days_share", "share of days active", X, "share",
      "mean over active users of (distinct active days / days the exports cover); Microsoft 365 exports give only each "
      "app's last activity date per period, so this is a lower bound there",
      "Intensity: how often active users use AI tools.", "usage exports"},
     need_none, nullptr},
    {{"apps_per_active_user", "apps per active user", X, "apps", "mean over active users of distinct (tool, app or feature) pairs used",
      "Breadth: in how many places people use AI.", "usage exports"},
     need_none, nullptr},
    {{"acceptance_rate", "suggestion acceptance rate", X, "share", "Σacceptances / Σgenerations (GitHub Copilot, where both are given)",
      "How often suggested code is accepted.", "GitHub Copilot usage export"},
     need_none, nullptr},
    {{"lines_acceptance_rate", "share of suggested lines accepted", X, "share", "Σlines accepted / Σlines suggested (GitHub Copilot)",
      "Share of suggested lines that end up in the code.", "GitHub Copilot usage export"},
     need_none, nullptr},
    {{"tool_adoption", "adoption per tool", X, "share per tool", "per tool: people active with that tool / population",
      "Adoption of each AI tool separately.", "usage exports"},
     need_none, nullptr},
    {{"gap_score", "gap score", S, "score 0-100",
      "100 · Σ wᵢ·cᵢ / Σ wᵢ over the components cᵢ available (weights from config)",
      "The AI productivity gap in one number: higher = larger gap. In trend cells without sentiment_gap: a "
      "period's few survey answers are not published (docs/privacy.md).", ""},
     need_none, nullptr},
    {{"sufficiency", "enough data", S, "verdict",
      "too_little_data when the data cover fewer than insights.min_days days or insights.min_periods periods; "
      "else ok",
      "Whether the score rests on enough data to be read as a verdict (`score.sufficiency`).", ""},
     need_none, nullptr},
    {{"caveat", "what the score does not say", S, "sentence",
      "set when the group's gap reads ai_users_behind (AI users clearly produce less quality-adjusted output per "
      "hour than non-users), else null",
      "The score counts how widely, evenly and well AI is used, not what it yields: where AI users clearly produce "
      "less, a small score is not a success (`score.caveat`).", ""},
     need_none, nullptr},
};

}  // namespace

std::span<const CatalogEntry> catalog_entries() { return kEntries; }

const CatalogEntry* find_entry(std::string_view name, MetricSection section) {
  for (const CatalogEntry& e : kEntries)
    if (e.def.name == name && e.def.section == section) return &e;
  return nullptr;
}

}  // namespace metrics

const char* metric_section_name(MetricSection s) {
  switch (s) {
    case MetricSection::group_metric: return "group_metric";
    case MetricSection::uniformity: return "uniformity";
    case MetricSection::gap: return "gap";
    case MetricSection::score_component: return "score_component";
    case MetricSection::score: return "score";
    case MetricSection::usage_metric: return "usage_metric";
  }
  return "group_metric";
}

std::span<const MetricDef> metric_catalog() {
  static const std::vector<MetricDef> defs = [] {
    std::vector<MetricDef> v;
    for (const metrics::CatalogEntry& e : metrics::catalog_entries()) v.push_back(e.def);
    return v;
  }();
  return defs;
}

const MetricDef* find_metric(std::string_view name) {
  for (const MetricDef& d : metric_catalog())
    if (d.name == name) return &d;
  return nullptr;
}

std::string metric_label(std::string_view name) {
  if (const MetricDef* d = find_metric(name)) return std::string(d->label);
  std::string words(name);
  for (char& c : words)
    if (c == '_') c = ' ';
  return words;
}

std::string catalog_json() {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const MetricDef& d : metric_catalog()) {
    nlohmann::ordered_json j;
    j["name"] = std::string(d.name);
    j["label"] = std::string(d.label);
    j["section"] = metric_section_name(d.section);
    j["unit"] = std::string(d.unit);
    j["formula"] = std::string(d.formula);
    j["description"] = std::string(d.description);
    j["needs"] = d.needs.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(std::string(d.needs));
    arr.push_back(std::move(j));
  }
  return arr.dump(2) + "\n";
}

std::string catalog_markdown() {
  std::string md =
      "# Metric catalog\n\n"
      "Generated from the catalog in `core/src/metrics/catalog.cpp` by `gapscore metrics --markdown`;\n"
      "do not edit by hand (a test checks this file is current).\n\n"
      "Every ratio whose denominator is zero is `null` in the report, never 0, NaN or infinity.\n"
      "\"AI-assisted rows\" are activity rows with ai_tasks > 0; \"manual rows\" have ai_tasks = 0.\n\n"
      "## Reading the figures honestly\n\n"
      "- **Time saved is AI's time saved.** `time_saved_hours`, `time_saved_rate` and `net_time_saved_hours` count\n"
      "  AI-assisted rows only. On a manual row, baseline − hours is only the noise of the estimate, so a team that\n"
      "  does not use AI shows 0 hours saved, not a random positive or negative number. The net saving subtracts\n"
      "  the rework on AI-assisted rows (`net_time_saved_hours` = `time_saved_hours` − `ai_rework_hours`); rework\n"
      "  on manual work is reported on its own (`manual_rework_hours`) and is not charged to AI.\n"
      "- **Pooled and adjusted comparisons.** The pooled gap (`difference`, `hedges_g`, `p_value`, `ci_low`,\n"
      "  `ci_high`) compares every AI user with every non-user. If AI users work mostly in teams or roles whose\n"
      "  output is lower anyway, the pooled gap says \"AI users are slower\" even when AI users do better inside\n"
      "  every team. `adjusted` compares people in the same team and role (one fixed effect per cell, HC3 errors);\n"
      "  `paradox` is true when the two point in opposite directions and the adjusted one is significant. Texts\n"
      "  then state the adjusted direction and explain the reversal. The adjusted `hedges_g` divides by the spread\n"
      "  among like people (inside each cell and side), not by the pooled SD, which also holds the spread between\n"
      "  teams: otherwise a gap that is large in every team could read \"small\" for the organisation.\n"
      "- **Effect sizes in words.** Every standardised difference comes with Cohen's band (`effect_size`):\n"
      "  |g| < 0.2 negligible, < 0.5 small, < 0.8 medium, else large. No text calls a negligible effect\n"
      "  \"measurable\" or \"significant\", however small its p-value on a large organisation.\n"
      "- **Tests that belong together.** The pooled `p_value` is a rank test (Mann-Whitney); `ci_low`/`ci_high` are a\n"
      "  bootstrap interval of the difference in means. They can disagree (a rank difference with means that\n"
      "  overlap); `note` then says so in words. The adjusted p-value and interval come from one model and always\n"
      "  agree.\n"
      "- **Enough data.** Every gap and score carries `sufficiency` (`ok` or `too_little_data`, with a reason in\n"
      "  words): fewer than `insights.min_days` (28) days, fewer than `insights.min_periods` (4) trend periods, or\n"
      "  (for a gap) fewer than `insights.min_people_per_side` people on a side. Texts draw no conclusion from too\n"
      "  little data.\n\n";
  const MetricSection order[] = {MetricSection::group_metric, MetricSection::uniformity, MetricSection::gap,
                                 MetricSection::score_component, MetricSection::score, MetricSection::usage_metric};
  const char* titles[] = {"Group metrics (`groups[].metrics`, `overall.metrics`)",
                          "Uniformity across groups (`uniformity.across_groups.<metric>`)",
                          "Gap between AI users and non-users (`groups[].gap`, `overall.gap`)",
                          "Gap score components (`groups[].score.components`)", "Gap score (`groups[].score.value`)",
                          "AI-usage exports (`usage.groups[].metrics`, `usage.overall.metrics`; docs/usage-exports.md)"};
  for (std::size_t i = 0; i < std::size(order); ++i) {
    md += "## " + std::string(titles[i]) + "\n\n";
    for (const MetricDef& d : metric_catalog()) {
      if (d.section != order[i]) continue;
      md += "### `" + std::string(d.name) + "`\n\n";
      md += "- **In words:** " + std::string(d.label) + "\n";
      md += "- **Formula:** " + std::string(d.formula) + "\n";
      md += "- **Unit:** " + std::string(d.unit) + "\n";
      md += "- **Needs:** " + (d.needs.empty() ? std::string("activity only") : std::string(d.needs)) + "\n";
      if (const metrics::CatalogEntry* e = metrics::find_entry(d.name, d.section); e && e->contributors != metrics::everyone)
        md += "- **People behind it:** " + metrics::contributor_words(e->contributors) +
              "; each held to min_group_size (docs/privacy.md)\n";
      md += "- " + std::string(d.description) + "\n\n";
    }
  }
  return md;
}

}  // namespace gapscore
