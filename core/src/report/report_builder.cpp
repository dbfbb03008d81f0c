#include "report/report_builder.h"

#include "analysis/run.h"
#include "config/config_json.h"
#include "gapscore/version.h"
#include "base/date.h"
#include "insights/figures.h"
#include "insights/insights.h"
#include "privacy/analysis_figures.h"
#include "privacy/disclosure_audit.h"
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

// One entry per group of `grouping`: its key, then its figures or why they are hidden.
// Each group's verdicts weigh its own span of activity (`spans`).
Json groups_json(const std::vector<std::uint64_t>& rows, const analysis::Grouping& grouping,
                 const std::vector<analysis::GroupResult>& results, const std::vector<privacy::CellStatus>& status, int k,
                 const KeyLabeller& label, const std::vector<insights::DataSpan>& spans, const Config& config) {
  Json arr = Json::array();
  for (std::size_t i = 0; i < grouping.size(); ++i) {
    Json j;
    j["key"] = key_json(grouping, i, label);
    if (status[i] != privacy::CellStatus::shown) {
      j.update(suppressed_json(status[i], k));
      arr.push_back(std::move(j));
      continue;
    }
    std::uint64_t n_rows = 0;
    for (std::uint32_t p : grouping.members[i]) n_rows += rows[p];
    j["suppressed"] = false;
    j["headcount"] = count_json(results[i].headcount);
    j["activity_rows"] = n_rows;
    j.update(group_result_json(results[i], spans[i], config));
    arr.push_back(std::move(j));
  }
  return arr;
}

Json groups_section(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                    const KeyLabeller& label, const Config& config) {
  return groups_json(rows_per_person(ds), a.grouping, a.groups, plan.groups, plan.k, label,
                     insights::group_spans(ds, a.grouping, config), config);
}

// config.rollup_by: each rollup group with the groups inside it (indices into
// the report's groups) and its own figures, under the same privacy checks.
Json rollup_section(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                    const KeyLabeller& label, const Config& config) {
  const analysis::Rollup& r = *a.rollup;
  Json groups = groups_json(rows_per_person(ds), r.grouping, r.groups, plan.rollup, plan.k, label,
                            insights::group_spans(ds, r.grouping, config), config);
  for (std::size_t i = 0; i < r.children.size(); ++i) groups[i]["groups"] = r.children[i];
  return {{"by", config.rollup_by}, {"groups", std::move(groups)}};
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
// Messages are words; the config key is the diagnostic's column.
void note_trend_selection(const analysis::AnalysisResult& a, const Config& config, DiagnosticLog& log) {
  if (a.trend_groups.capped)
    log.add(make_diagnostic(DiagCode::trend_groups_capped,
                            "trends show the " + std::to_string(a.trend_groups.groups.size()) + " largest of " +
                                std::to_string(a.trend_groups.eligible) + " groups (at most " +
                                std::to_string(config.trends.max_groups) +
                                " are shown); choose the groups by name to see others",
                            "config", 0, "trends.max_groups"));
  for (const std::string& key : a.trend_groups.unknown_keys)
    log.add(make_diagnostic(DiagCode::trend_group_unknown,
                            "the trend groups name \"" + clip_for_diagnostic(key) + "\", which is not a group in the data; ignored",
                            "config", 0, "trends.groups", key));
}

}  // namespace

namespace {

// Without an activity table: who uses AI tools (from usage exports) over the
// people table; the activity-based sections say why they are empty.
// The sections every non-DP report opens with, in canonical order.
// `sizes_shown` false: the organisation's figures are hidden, and so are the
// inputs' sizes and row counts (they add up over its few people).
Json report_head(const Dataset& ds, const Config& config, const DiagnosticLog& log, const privacy::SuppressionPlan& plan,
                 const privacy::DisclosureAudit& audit, bool sizes_shown) {
  Json r;
  r["gapscore_version"] = std::string(engine_version());
  r["inputs"] = inputs_section(ds.inputs, sizes_shown);
  r["config"] = config_json(config);
  r["privacy"] = privacy_section(config, plan, &audit, &ds);
  // Person ids never reach a report, individual results or not.
  r["diagnostics"] = diagnostics_section(log, true);
  return r;
}

Json adoption_only_report(const Dataset& ds, const Config& config, DiagnosticLog& log) {
  const KeyLabeller label = privacy::key_labeller(ds, config);
  usage_analysis::UsageAnalysis ua = usage_analysis::analyze_usage(ds, config, nullptr);
  privacy::DisclosureAudit audit(config.privacy.min_group_size);
  const usage_analysis::UsageFigures figures = usage_analysis::declare_usage_figures(audit, ua, *ds.usage);
  audit.run();
  usage_analysis::apply_usage_figures(audit, figures, ua);
  const auto [first, last] = ds.usage->date_range;
  privacy::SuppressionPlan plan;
  plan.k = config.privacy.min_group_size;
  plan.overall = ua.plan.overall;
  const bool counted = ua.people_with_usage_shown;
  Json r = report_head(ds, config, log, plan, audit, plan.overall == privacy::CellStatus::shown);
  Json summary = summary_section(ds);
  summary["first_date"] = counted ? Json(format_iso_date(first)) : Json(nullptr);
  summary["last_date"] = counted ? Json(format_iso_date(last)) : Json(nullptr);
  r["summary"] = std::move(summary);
  add_adoption_only_sections(r);
  r["usage"] = usage_json(*ds.usage, ua, config, label);
  return r;
}

}  // namespace

Result<Json> build_report(const Dataset& ds, const Config& config, DiagnosticLog& log, const LedgerState* ledger) {
  // A re-analysis may name attributes the join did not check.
  if (Status s = check_attributes(ds, config); !s) return std::move(s).error();
  if (config.privacy.dp) {
    // Differential privacy covers what it releases, or the run is refused: it is never skipped.
    if (!ds.has_activity) return build_dp_adoption_report(ds, config, ledger);
    if (ds.usage)
      return Error(make_diagnostic(
          DiagCode::privacy_not_protected,
          "differential privacy releases either the activity figures or, in an adoption-only report (no activity "
          "table), the AI-usage figures; not both from one budget. Analyse the usage exports in a report of their own",
          "config", 0, "privacy.dp"));
    return build_dp_report(ds, config, analysis::run_analysis(ds, config), ledger);
  }
  if (config.privacy.protection == Protection::cell_key) {
    // Cell-key perturbation covers the headline figures; a run it cannot cover is refused.
    if (!ds.has_activity) return build_cell_key_adoption_report(ds, config);
    if (ds.usage)
      return Error(make_diagnostic(
          DiagCode::privacy_not_protected,
          "cell-key perturbation releases either the activity figures or, in an adoption-only report (no activity "
          "table), the AI-usage figures; not both in one report. Analyse the usage exports in a report of their own",
          "config", 0, "privacy.protection"));
    return build_cell_key_report(ds, config, analysis::run_analysis(ds, config));
  }
  if (!ds.has_activity) {
    if (!config.rollup_by.empty())
      return Error(make_diagnostic(DiagCode::config_invalid_value,
                                   "config rollup_by: a roll-up needs an activity table; this is an adoption-only report",
                                   "config", 0, "rollup_by", config.rollup_by));
    return adoption_only_report(ds, config, log);
  }
  analysis::AnalysisResult a = analysis::run_analysis(ds, config);
  if (a.rollup && a.rollup->straddle)
    return Error(make_diagnostic(DiagCode::config_invalid_value, "config rollup_by: " + *a.rollup->straddle, "config", 0,
                                 "rollup_by", config.rollup_by));
  const KeyLabeller label = privacy::key_labeller(ds, config);
  note_trend_selection(a, config, log);

  // Every section registers what it would publish; one audit decides.
  privacy::DisclosureAudit audit(config.privacy.min_group_size);
  const privacy::AnalysisFigures analysis_figures = privacy::declare_analysis_figures(audit, a);
  const insights::InsightFigures insight_figures = insights::declare_insight_figures(audit, ds, a, config);
  std::optional<usage_analysis::UsageAnalysis> ua;
  usage_analysis::UsageFigures usage_figures;
  if (ds.usage) {
    ua = usage_analysis::analyze_usage(ds, config, &a);
    usage_figures = usage_analysis::declare_usage_figures(audit, *ua, *ds.usage);
  }
  audit.run();
  const privacy::SuppressionPlan plan = privacy::apply_analysis_figures(audit, analysis_figures, a);
  if (ua) usage_analysis::apply_usage_figures(audit, usage_figures, *ua);

  const bool organisation_shown = plan.overall == privacy::CellStatus::shown;
  Json r = report_head(ds, config, log, plan, audit, organisation_shown);
  Json summary = summary_section(ds);
  // An organisation of fewer than k people shows no figure, not even its
  // headcount; row counts add up over its few people. The counts of rows and
  // people the tables leave out describe the tables' coverage (as the
  // diagnostics do) and stay.
  if (!organisation_shown)
    for (const char* count : {"people", "activity_rows", "rows_outside_window"}) summary[count] = nullptr;
  r["summary"] = std::move(summary);
  r["metrics_unavailable"] = unavailable_metrics_json(a.available);
  const insights::Insights in = insights::compute_insights(ds, a, plan, audit, insight_figures, config, label);
  Json overall;
  if (!organisation_shown) {
    overall = suppressed_json(plan.overall, plan.k);
  } else {
    overall["suppressed"] = false;
    overall["headcount"] = count_json(a.overall.headcount);
    overall.update(group_result_json(a.overall, in.span, config));
  }
  r["overall"] = std::move(overall);
  r["groups"] = groups_section(ds, a, plan, label, config);
  if (a.rollup) r["rollup"] = rollup_section(ds, a, plan, label, config);
  r["uniformity"] = uniformity_section(a, plan);
  r["trends"] = trends_json(a, plan, label);
  r["insights"] = insights_json(in, a, plan, config, label);
  if (ua) r["usage"] = usage_json(*ds.usage, *ua, config, label);
  if (config.privacy.individual_results) r["individuals"] = individuals_section(ds, a, config);
  return r;
}

}  // namespace gapscore::report
