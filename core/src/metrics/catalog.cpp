// The one metric catalog. Each entry: name, section, unit, formula, description,
// needs, and (for group metrics) the function that computes it from a group's
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
    {{"headcount", G, "people", "count of distinct person_id with activity rows",
      "People in the group.", ""},
     need_none, [](const GroupInputs& g) -> O { return g.headcount; }},
    {{"ai_users", G, "people",
      "count of people whose Σai_tasks/Σtasks ≥ ai_user_min_share (people with Σtasks = 0 are not AI users)",
      "People who use AI for a meaningful share of their tasks.", ""},
     need_none, [](const GroupInputs& g) -> O { return g.ai_users; }},
    {{"adoption_rate", G, "share", "ai_users / headcount", "Share of people who are AI users.", ""},
     need_none, [](const GroupInputs& g) { return ratio(g.ai_users, g.headcount); }},
    {{"ai_task_share", G, "share", "Σai_tasks / Σtasks", "Share of all tasks done with AI assistance.", ""},
     need_none, [](const GroupInputs& g) { return ratio(g.sums->all.ai_tasks, g.sums->all.tasks); }},
    {{"within_gini", G, "index 0-1",
      "Gini (population form) of person-level ai_task_share within the group, people with Σtasks > 0",
      "How unevenly AI use is spread inside the group: 0 = everyone alike, near 1 = a few do it all.", ""},
     need_none, [](const GroupInputs& g) { return g.within_gini; }},
    // ---- time ----
    {{"time_saved_hours", G, "hours", "Σ(baseline_hours − hours) over rows with baseline_hours",
      "Hours saved against the no-AI baseline.", "baseline_hours"},
     need_baseline_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.b_rows == 0) return std::nullopt;
       return g.sums->all.b_baseline - g.sums->all.b_hours;
     }},
    {{"time_saved_rate", G, "share", "time_saved_hours / Σbaseline_hours over the same rows",
      "Time saved as a share of the baseline.", "baseline_hours"},
     need_baseline_hours,
     [](const GroupInputs& g) { return ratio(g.sums->all.b_baseline - g.sums->all.b_hours, g.sums->all.b_baseline); }},
    {{"rework_hours", G, "hours", "Σrework_hours", "Hours spent fixing or redoing work.", "rework_hours"},
     need_rework_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.r_rows == 0) return std::nullopt;
       return g.sums->all.rework;
     }},
    {{"rework_rate", G, "share", "Σrework_hours / Σhours over rows with rework_hours",
      "Rework as a share of working time.", "rework_hours"},
     need_rework_hours, [](const GroupInputs& g) { return ratio(g.sums->all.rework, g.sums->all.r_hours); }},
    {{"net_time_saved_hours", G, "hours",
      "Σ(baseline_hours − hours − rework_hours) over rows with baseline_hours (empty rework = 0)",
      "Time saved after subtracting the rework on the same rows: saving that is real, not shifted.",
      "baseline_hours"},
     need_baseline_hours,
     [](const GroupInputs& g) -> O {
       if (g.sums->all.b_rows == 0) return std::nullopt;
       return g.sums->all.b_baseline - g.sums->all.b_hours - g.sums->all.b_rework;
     }},
    // ---- output and quality ----
    {{"output_per_hour", G, "tasks/hour", "Σtasks / Σhours", "Raw throughput (a legacy volume measure).", ""},
     need_none, [](const GroupInputs& g) { return ratio(g.sums->all.tasks, g.sums->all.hours); }},
    {{"quality_mean", G, "score 0-1", "Σ(quality·tasks) / Σtasks over rows with quality",
      "Task-weighted mean quality.", "quality"},
     need_quality, [](const GroupInputs& g) { return quality_mean(g.sums->all); }},
    {{"quality_adjusted_output_per_hour", G, "tasks/hour",
      "Σ(tasks·quality) / Σ(hours + rework_hours) over rows with quality (empty rework = 0)",
      "Output that counts quality and charges rework: the core productivity measure.", "quality"},
     need_quality, [](const GroupInputs& g) { return ratio(g.sums->all.q_weighted, g.sums->all.q_cost); }},
    {{"value_per_hour", G, "value/hour", "Σoutcome_value / Σ(hours + rework_hours) over rows with outcome_value",
      "Business value created per hour, rework included.", "outcome_value"},
     need_outcome_value, [](const GroupInputs& g) { return value_per_hour(g.sums->all); }},
    {{"value_uplift", G, "share", "value_per_hour(AI-assisted rows) / value_per_hour(manual rows) − 1",
      "How much more value per hour AI-assisted work creates than manual work.", "outcome_value"},
     need_outcome_value,
     [](const GroupInputs& g) { return opt_rel(value_per_hour(g.sums->ai), value_per_hour(g.sums->manual)); }},
    {{"quality_delta", G, "score difference", "quality_mean(AI-assisted rows) − quality_mean(manual rows)",
      "Whether AI-assisted work is better or worse than manual work.", "quality"},
     need_quality,
     [](const GroupInputs& g) { return opt_sub(quality_mean(g.sums->ai), quality_mean(g.sums->manual)); }},
    {{"error_rate", G, "errors/task", "Σerrors / Σtasks over rows with errors", "Errors per task.", "errors"},
     need_errors, [](const GroupInputs& g) { return error_rate(g.sums->all); }},
    {{"error_reduction", G, "share", "1 − error_rate(AI-assisted rows) / error_rate(manual rows)",
      "How much AI-assisted work cuts errors (negative: it adds errors).", "errors"},
     need_errors,
     [](const GroupInputs& g) -> O {
       const O ai = error_rate(g.sums->ai), manual = error_rate(g.sums->manual);
       if (!ai || !manual || *manual == 0.0) return std::nullopt;
       return 1.0 - *ai / *manual;
     }},
    {{"cycle_time_hours", G, "hours", "Σ(cycle_time_hours·tasks) / Σtasks over rows with cycle_time_hours",
      "Task-weighted mean time from start to done.", "cycle_time_hours"},
     need_cycle_time_hours, [](const GroupInputs& g) { return cycle_time(g.sums->all); }},
    {{"cycle_time_speedup", G, "share", "cycle_time_hours(manual rows) / cycle_time_hours(AI-assisted rows) − 1",
      "How much faster AI-assisted tasks finish.", "cycle_time_hours"},
     need_cycle_time_hours,
     [](const GroupInputs& g) { return opt_rel(cycle_time(g.sums->manual), cycle_time(g.sums->ai)); }},
    {{"ai_interactions_per_person", G, "interactions/person", "Σai_interactions / headcount",
      "Volume of AI use (a usage proxy, not an outcome).", "ai_interactions"},
     need_ai_interactions, [](const GroupInputs& g) { return ratio(g.sums->all.interactions, g.headcount); }},
    // ---- surveys ----
    {{"sentiment_mean", G, "score 1-5",
      "mean over people of their latest ai_sentiment answer in the window",
      "How people feel about their AI tools.", "surveys.ai_sentiment"},
     need_survey_sentiment, [](const GroupInputs& g) { return g.sentiment_mean; }},
    {{"wellbeing_mean", G, "score 1-5", "mean over people of their latest wellbeing answer in the window",
      "Self-reported well-being.", "surveys.wellbeing"},
     need_survey_wellbeing, [](const GroupInputs& g) { return g.wellbeing_mean; }},
    {{"sentiment_favorable_share", G, "share",
      "share of people whose latest ai_sentiment answer in the window is ≥ 4",
      "Share of people positive about AI tools.", "surveys.ai_sentiment"},
     need_survey_sentiment, [](const GroupInputs& g) { return g.sentiment_favorable_share; }},
    // ---- playbook ----
    {{"utilization_rate", G, "share",
      "Σai_tasks / Σtasks over rows whose (role, task_type) is AI-recommended in the playbook",
      "How much of the AI-recommended work actually uses AI.", "playbook"},
     need_playbook,
     [](const GroupInputs& g) {
       return ratio(g.sums->playbook.recommended_ai_tasks, g.sums->playbook.recommended_tasks);
     }},
    {{"off_playbook_ai_share", G, "share",
      "ai_tasks on (role, task_type) pairs not recommended for the role / all ai_tasks, over people whose role "
      "is in the playbook",
      "AI use outside what the role's playbook recommends.", "playbook"},
     need_playbook,
     [](const GroupInputs& g) {
       return ratio(g.sums->playbook.off_playbook_ai_tasks, g.sums->playbook.covered_ai_tasks);
     }},
    // ---- uniformity across groups (for adoption_rate and ai_task_share) ----
    {{"gini", U, "index 0-1", "Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ) over the groups' values (population form)",
      "Inequality of a metric across groups.", ""},
     need_none, nullptr},
    {{"theil_t", U, "index ≥ 0", "(1/n) Σ (xᵢ/μ) ln(xᵢ/μ), with 0·ln 0 = 0",
      "Inequality across groups, more sensitive to the top.", ""},
     need_none, nullptr},
    {{"cv", U, "ratio", "σ/μ with σ the population standard deviation (ddof = 0)",
      "Relative spread across groups.", ""},
     need_none, nullptr},
    {{"min", U, "as the metric", "smallest group value", "Lowest group.", ""}, need_none, nullptr},
    {{"max", U, "as the metric", "largest group value", "Highest group.", ""}, need_none, nullptr},
    // ---- gap between AI users and non-users (person-level quality_adjusted_output_per_hour) ----
    {{"n_users", P, "people", "AI users with a defined quality_adjusted_output_per_hour",
      "Size of the AI-user sample.", "quality"},
     need_quality, nullptr},
    {{"n_non_users", P, "people", "non-users with a defined quality_adjusted_output_per_hour",
      "Size of the non-user sample.", "quality"},
     need_quality, nullptr},
    {{"mean_users", P, "tasks/hour", "mean of person-level quality_adjusted_output_per_hour over AI users",
      "Typical productivity of AI users.", "quality"},
     need_quality, nullptr},
    {{"mean_non_users", P, "tasks/hour", "mean of person-level quality_adjusted_output_per_hour over non-users",
      "Typical productivity of non-users.", "quality"},
     need_quality, nullptr},
    {{"difference", P, "tasks/hour", "mean_users − mean_non_users", "The AI productivity gap in output terms.",
      "quality"},
     need_quality, nullptr},
    {{"hedges_g", P, "standardised difference",
      "J·(mean_users − mean_non_users)/s_pooled, s_pooled² = ((n₁−1)s₁² + (n₂−1)s₂²)/df, df = n₁+n₂−2, "
      "J = Γ(df/2)/(√(df/2)·Γ((df−1)/2))",
      "Size of the gap in standard deviations, small-sample corrected.", "quality"},
     need_quality, nullptr},
    {{"mann_whitney_u", P, "U statistic", "U of the AI-user sample (ranks with ties averaged)",
      "Rank-based comparison, robust to outliers.", "quality"},
     need_quality, nullptr},
    {{"p_value", P, "probability",
      "two-sided normal approximation of U with tie and continuity correction (scipy mannwhitneyu "
      "method='asymptotic')",
      "Chance of a gap this large if there were none.", "quality"},
     need_quality, nullptr},
    {{"ci_low", P, "tasks/hour",
      "lower bound of the percentile bootstrap CI of the difference (bootstrap.resamples, stratified by sample)",
      "Plausible smallest gap.", "quality"},
     need_quality, nullptr},
    {{"ci_high", P, "tasks/hour", "upper bound of the same interval", "Plausible largest gap.", "quality"},
     need_quality, nullptr},
    // ---- the composite score ----
    {{"adoption_gap", C, "share", "1 − adoption_rate", "People not yet using AI.", ""}, need_none, nullptr},
    {{"usage_unevenness", C, "index 0-1", "within_gini", "How unevenly AI use is spread inside the group.", ""},
     need_none, nullptr},
    {{"effectiveness_gap", C, "share",
      "share of AI users whose person rework_rate ≥ rework_threshold",
      "AI users whose AI use creates rework instead of results.", "rework_hours"},
     need_rework_hours, nullptr},
    {{"playbook_gap", C, "share", "1 − utilization_rate", "Recommended AI use that is not happening.", "playbook"},
     need_playbook, nullptr},
    {{"sentiment_gap", C, "share", "(5 − sentiment_mean) / 4", "Distance from fully positive AI sentiment.",
      "surveys.ai_sentiment"},
     need_survey_sentiment, nullptr},
    // ---- AI-usage exports (telemetry): over the people of the group ----
    {{"population", X, "people", "people of the group in the people table", "Who could use the AI tools.", "usage exports"},
     need_none, nullptr},
    {{"active_users", X, "people", "people with at least one active day in any usage export",
      "People who actually used an AI tool.", "usage exports"},
     need_none, nullptr},
    {{"engaged_users", X, "people", "people active on at least usage.engaged_min_days distinct days",
      "People for whom AI tools are a habit, not a try-out.", "usage exports"},
     need_none, nullptr},
    {{"usage_adoption_rate", X, "share", "active_users / population", "Telemetry-based adoption.", "usage exports"},
     need_none, nullptr},
    {{"non_adopters", X, "people", "population − active_users", "People to reach with training.", "usage exports"},
     need_none, nullptr},
    {{"active_days_share", X, "share",
      "mean over active users of (distinct active days / days the exports cover); Microsoft 365 exports give only each "
      "app's last activity date per period, so this is a lower bound there",
      "Intensity: how often active users use AI tools.", "usage exports"},
     need_none, nullptr},
    {{"apps_per_active_user", X, "apps", "mean over active users of distinct (tool, app or feature) pairs used",
      "Breadth: in how many places people use AI.", "usage exports"},
     need_none, nullptr},
    {{"acceptance_rate", X, "share", "Σacceptances / Σgenerations (GitHub Copilot, where both are given)",
      "How often suggested code is accepted.", "GitHub Copilot usage export"},
     need_none, nullptr},
    {{"lines_acceptance_rate", X, "share", "Σlines accepted / Σlines suggested (GitHub Copilot)",
      "Share of suggested lines that end up in the code.", "GitHub Copilot usage export"},
     need_none, nullptr},
    {{"tool_adoption", X, "share per tool", "per tool: people active with that tool / population",
      "Adoption of each AI tool separately.", "usage exports"},
     need_none, nullptr},
    {{"gap_score", S, "score 0-100",
      "100 · Σ wᵢ·cᵢ / Σ wᵢ over the components cᵢ available (weights from config)",
      "The AI productivity gap in one number: higher = larger gap.", ""},
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

std::string catalog_json() {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const MetricDef& d : metric_catalog()) {
    nlohmann::ordered_json j;
    j["name"] = std::string(d.name);
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
      "\"AI-assisted rows\" are activity rows with ai_tasks > 0; \"manual rows\" have ai_tasks = 0.\n\n";
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
      md += "- **Formula:** " + std::string(d.formula) + "\n";
      md += "- **Unit:** " + std::string(d.unit) + "\n";
      md += "- **Needs:** " + (d.needs.empty() ? std::string("activity only") : std::string(d.needs)) + "\n";
      md += "- " + std::string(d.description) + "\n\n";
    }
  }
  return md;
}

}  // namespace gapscore
