#include "report/report_builder.h"

#include "analysis/run.h"
#include "config/config_json.h"
#include "gapscore/version.h"
#include "base/date.h"
#include "insights/insights.h"
#include "report/insights_json.h"
#include "report/dp_report.h"
#include "report/inputs_section.h"
#include "report/metrics_sections.h"
#include "report/privacy_sections.h"
#include "report/usage_json.h"
#include "usage_analysis/usage_analysis.h"

namespace gapscore::report {
namespace {

Json summary_section(const Dataset& ds) {
  Json j;
  j["people"] = ds.persons.size();
  j["activity_rows"] = ds.activity.rows_in_window;
  j["first_date"] = format_iso_date(ds.first_date);
  j["last_date"] = format_iso_date(ds.last_date);
  j["rows_outside_window"] = ds.rows_outside_window;
  j["people_without_activity"] = ds.people_without_activity;
  j["people_missing_from_people_table"] = ds.unknown_people;
  j["tables"] = {{"people", ds.people.has_value()},
                 {"surveys", ds.surveys.has_value()},
                 {"playbook", ds.playbook.has_value()}};
  return j;
}

std::vector<std::uint64_t> rows_per_person(const Dataset& ds) {
  std::vector<std::uint64_t> rows(ds.persons.size(), 0);
  for (std::size_t p = 0; p < rows.size(); ++p) rows[p] = static_cast<std::uint64_t>(ds.activity.persons[p].all.rows);
  return rows;
}

Json groups_section(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                    const KeyLabeller& label, const insights::DataSpan& span, const Config& config) {
  const std::vector<std::uint64_t> rows = rows_per_person(ds);
  Json arr = Json::array();
  for (std::size_t i = 0; i < a.grouping.size(); ++i) {
    Json j;
    j["key"] = key_json(a.grouping, i, label);
    if (plan.groups[i] != privacy::CellStatus::shown) {
      j.update(suppressed_json(plan.groups[i], plan.k));
      arr.push_back(std::move(j));
      continue;
    }
    std::uint64_t n_rows = 0;
    for (std::uint32_t p : a.grouping.members[i]) n_rows += rows[p];
    j["suppressed"] = false;
    j["headcount"] = count_json(a.groups[i].headcount);
    j["activity_rows"] = n_rows;
    j.update(group_result_json(a.groups[i], span, config));
    arr.push_back(std::move(j));
  }
  return arr;
}

// Uniformity across the groups that are shown (hidden groups must not feed it).
Json uniformity_section(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan) {
  std::vector<double> adoption, share;
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    if (plan.groups[g] != privacy::CellStatus::shown) continue;
    if (auto v = analysis::metric_value(a.groups[g], "adoption_rate")) adoption.push_back(*v);
    if (auto v = analysis::metric_value(a.groups[g], "ai_task_share")) share.push_back(*v);
  }
  return {{"across_groups",
           {{"adoption_rate", uniformity_json(analysis::uniformity_of(adoption))},
            {"ai_task_share", uniformity_json(analysis::uniformity_of(share))}}}};
}

// Trends cover a bounded set of groups; the report says when that left some out.
void note_trend_selection(const analysis::AnalysisResult& a, const Config& config, DiagnosticLog& log) {
  if (a.trend_groups.capped)
    log.add(make_diagnostic(DiagCode::trend_groups_capped,
                            "trends show the " + std::to_string(a.trend_groups.groups.size()) + " largest of " +
                                std::to_string(a.trend_groups.eligible) +
                                " groups (trends.max_groups = " + std::to_string(config.trends.max_groups) +
                                "); name others in trends.groups",
                            "config", 0, "trends.max_groups"));
  for (const std::string& key : a.trend_groups.unknown_keys)
    log.add(make_diagnostic(DiagCode::trend_group_unknown,
                            "trends.groups names \"" + clip_for_diagnostic(key) + "\", which is not a group in the data; ignored",
                            "config", 0, "trends.groups", key));
}

}  // namespace

namespace {

// Without an activity table: who uses AI tools (from usage exports) over the
// people table; the activity-based sections say why they are empty.
// The sections every non-DP report opens with, in canonical order.
Json report_head(const Dataset& ds, const Config& config, const DiagnosticLog& log, const privacy::SuppressionPlan& plan) {
  Json r;
  r["gapscore_version"] = std::string(engine_version());
  r["inputs"] = inputs_section(ds.inputs);
  r["config"] = config_json(config);
  r["privacy"] = privacy_section(config, plan);
  r["diagnostics"] = diagnostics_section(log, !config.privacy.individual_results);
  return r;
}

Json adoption_only_report(const Dataset& ds, const Config& config, DiagnosticLog& log) {
  const KeyLabeller label = privacy::key_labeller(ds, config);
  const usage_analysis::UsageAnalysis ua = usage_analysis::analyze_usage(ds, config, nullptr);
  const auto [first, last] = ds.usage->date_range;
  privacy::SuppressionPlan plan;
  plan.k = config.privacy.min_group_size;
  Json r = report_head(ds, config, log, plan);
  Json summary = summary_section(ds);
  summary["first_date"] = format_iso_date(first);
  summary["last_date"] = format_iso_date(last);
  r["summary"] = std::move(summary);
  r["metrics_unavailable"] = unavailable_metrics_json(0);
  r["overall"] = {{"suppressed", true},
                  {"reason", "no activity table: this is an adoption-only report (see the usage section)"}};
  r["groups"] = Json::array();
  r["uniformity"] = {{"across_groups",
                      {{"adoption_rate", uniformity_json(analysis::uniformity_of({}))},
                       {"ai_task_share", uniformity_json(analysis::uniformity_of({}))}}}};
  r["trends"] = Json::array();
  r["usage"] = usage_json(*ds.usage, ua, config, label);
  return r;
}

}  // namespace

Result<Json> build_report(const Dataset& ds, const Config& config, DiagnosticLog& log) {
  if (!ds.has_activity) return adoption_only_report(ds, config, log);
  const analysis::AnalysisResult a = analysis::run_analysis(ds, config);
  if (config.privacy.dp) return build_dp_report(ds, config, a);
  const privacy::SuppressionPlan plan = privacy::plan_suppression(a, config.privacy.min_group_size);
  const KeyLabeller label = privacy::key_labeller(ds, config);
  note_trend_selection(a, config, log);
  Json r = report_head(ds, config, log, plan);
  r["summary"] = summary_section(ds);
  r["metrics_unavailable"] = unavailable_metrics_json(a.available);
  const insights::Insights in = insights::compute_insights(ds, a, plan, config, label);
  Json overall;
  if (plan.overall != privacy::CellStatus::shown) {
    overall = suppressed_json(plan.overall, plan.k);
  } else {
    overall["suppressed"] = false;
    overall["headcount"] = count_json(a.overall.headcount);
    overall.update(group_result_json(a.overall, in.span, config));
  }
  r["overall"] = std::move(overall);
  r["groups"] = groups_section(ds, a, plan, label, in.span, config);
  r["uniformity"] = uniformity_section(a, plan);
  r["trends"] = trends_json(a, plan, label);
  r["insights"] = insights_json(in, a, plan, config, label);
  if (ds.usage) r["usage"] = usage_json(*ds.usage, usage_analysis::analyze_usage(ds, config, &a), config, label);
  if (config.privacy.individual_results) r["individuals"] = individuals_section(ds, a, config);
  return r;
}

}  // namespace gapscore::report
