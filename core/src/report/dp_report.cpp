#include "report/dp_report.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <span>
#include <vector>

#include "config/config_json.h"
#include "gapscore/version.h"
#include "base/date.h"
#include "metrics/group_inputs.h"
#include "privacy/cell_key.h"
#include "privacy/dp.h"
#include "privacy/suppression.h"
#include "report/metrics_sections.h"
#include "report/privacy_sections.h"

namespace gapscore::report {
namespace {

constexpr const char* kNotReleasedDp = "not released under differential privacy";
constexpr const char* kNotReleasedCellKey = "not released under cell-key perturbation";

Json dp_metrics(const privacy::DpFigures& f, std::uint32_t available) {
  Json m = Json::object();
  for (std::string_view name : analysis::group_metric_names()) m[std::string(name)] = nullptr;
  m["headcount"] = count_json(f.headcount);
  m["ai_users"] = count_json(f.ai_users);
  m["adoption_rate"] = number_or_null(f.adoption_rate);
  m["ai_task_share"] = number_or_null(f.ai_task_share);
  if (available & metrics::need_baseline_hours) m["time_saved_hours"] = number_or_null(f.hours_saved);
  if (available & metrics::need_rework_hours) m["rework_hours"] = number_or_null(f.rework_hours);
  return m;
}

Json dp_figures_json(const privacy::DpFigures& f, std::uint32_t available, const Config& config,
                     const insights::DataSpan& span, const char* not_released) {
  Json j;
  j["suppressed"] = false;
  j["headcount"] = count_json(f.headcount);
  j["metrics"] = dp_metrics(f, available);
  analysis::GapResult gap;
  gap.unavailable_reason = not_released;
  j["gap"] = gap_json(gap, span, config);
  analysis::ScoreResult score;
  score.components.push_back({"adoption_gap", f.adoption_rate ? std::optional<double>(1.0 - *f.adoption_rate) : std::nullopt,
                              config.weights.adoption_gap});
  score.components.push_back({"usage_unevenness", std::nullopt, config.weights.usage_unevenness});
  j["score"] = score_json(score, span, config);
  return j;
}

// File digests stay (they let a report be checked against its inputs); sizes and
// row counts go, since they move when one person's rows are added.
Json dp_inputs(const Dataset& ds) {
  Json inputs = Json::array();
  for (const TableSummary& s : ds.inputs)
    inputs.push_back({{"table", s.table}, {"source", s.source_name.empty() ? Json(nullptr) : Json(s.source_name)},
                      {"format", s.format}, {"bytes", nullptr}, {"sha256", s.sha256.empty() ? Json(nullptr) : Json(s.sha256)},
                      {"rows_read", nullptr}, {"rows_used", nullptr}, {"rows_skipped", nullptr}, {"blank_lines", nullptr},
                      {"delimiter", s.delimiter.empty() ? Json(nullptr) : Json(s.delimiter)},
                      {"byte_order_mark", s.byte_order_mark}, {"columns", s.columns}, {"ignored_columns", s.ignored_columns},
                      {"date_format", s.date_format.empty() ? Json(nullptr) : Json(s.date_format)}});
  return inputs;
}

Json dp_diagnostics() {
  return {{"total", nullptr}, {"errors", nullptr}, {"warnings", nullptr}, {"counts", Json::array()},
          {"listed", 0}, {"truncated", false}, {"items", Json::array()}};
}

// The release's place in the privacy-budget ledger (after it).
Json ledger_json(const LedgerState* ledger) {
  if (!ledger) return nullptr;
  return {{"id", ledger->id},
          {"total_epsilon", ledger->entry.total_epsilon},
          {"spent_epsilon", ledger->entry.spent_epsilon},
          {"remaining_epsilon", std::max(0.0, ledger->entry.total_epsilon - ledger->entry.spent_epsilon)},
          {"releases", ledger->entry.releases}};
}


// The sizes suppression decides on: the released ones (under dp the exact ones
// are never looked at again), or under cell_key the smaller of the released
// and the exact (`exact`: overall, then the groups), so that a group of fewer
// than k people is hidden whatever its noise. A released count of zero or
// below still stands for a group present in the data: it is hidden like any
// group under k rather than published as "0 people" beside figures.
privacy::SuppressionInput suppression_sizes(double overall, const std::vector<double>& groups,
                                            std::span<const double> exact) {
  privacy::SuppressionInput in;
  in.overall = exact.empty() ? overall : std::min(overall, exact[0]);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    double n = groups[g] < 1 ? 1.0 : groups[g];
    if (!exact.empty()) n = std::min(n, exact[g + 1] < 1 ? 1.0 : exact[g + 1]);
    in.groups.push_back(n);
  }
  return in;
}

// What the protected reports (dp, cell_key; headline and adoption-only) start
// with: the inputs without their counts, the settings, the privacy section with
// the protection's own block (`fill_privacy`), no diagnostics, and a summary of
// the released head count and the dates.
template <class FillPrivacy>
Json protected_report_head(const Dataset& ds, const Config& config, const privacy::SuppressionPlan& plan, double people,
                           std::int32_t first, std::int32_t last, FillPrivacy&& fill_privacy) {
  Json r;
  r["gapscore_version"] = std::string(engine_version());
  r["inputs"] = dp_inputs(ds);
  r["config"] = config_json(config);
  Json privacy = privacy_section(config, plan);
  fill_privacy(privacy);
  r["privacy"] = std::move(privacy);
  r["diagnostics"] = dp_diagnostics();
  r["summary"] = {{"people", count_json(people)}, {"activity_rows", nullptr},
                  {"first_date", format_iso_date(first)}, {"last_date", format_iso_date(last)},
                  {"rows_outside_window", nullptr}, {"people_without_activity", nullptr},
                  {"people_missing_from_people_table", nullptr},
                  {"tables", {{"people", ds.people.has_value()}, {"surveys", ds.surveys.has_value()},
                              {"playbook", ds.playbook.has_value()}}}};
  return r;
}

// The headline report shared by dp and cell_key: the released figures per
// group and overall, nothing else. `fill_privacy` adds the protection's own
// block to the privacy section.
template <class FillPrivacy>
Json headline_report(const Dataset& ds, const Config& config, const analysis::AnalysisResult& a,
                     const privacy::DpFigures& overall, const std::vector<privacy::DpFigures>& groups,
                     std::span<const double> exact_headcounts, const char* not_released, FillPrivacy&& fill_privacy) {
  std::vector<double> sizes;
  for (const privacy::DpFigures& f : groups) sizes.push_back(f.headcount);
  const privacy::SuppressionPlan plan = privacy::plan_suppression(
      suppression_sizes(overall.headcount, sizes, exact_headcounts), config.privacy.min_group_size);
  const KeyLabeller label = privacy::key_labeller(ds, config);
  const insights::DataSpan span = insights::data_span(ds, a, config);

  Json r = protected_report_head(ds, config, plan, overall.headcount, ds.first_date, ds.last_date, fill_privacy);
  Json unavailable = Json::array();
  for (std::string_view name : analysis::group_metric_names())
    if (name != "headcount" && name != "ai_users" && name != "adoption_rate" && name != "ai_task_share" &&
        name != "time_saved_hours" && name != "rework_hours")
      unavailable.push_back({{"metric", std::string(name)}, {"needs", not_released}});
  r["metrics_unavailable"] = std::move(unavailable);
  r["overall"] = plan.overall == privacy::CellStatus::shown ? dp_figures_json(overall, a.available, config, span, not_released)
                                                            : suppressed_json(plan.overall, plan.k);
  Json arr = Json::array();
  std::vector<double> adoption, share;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    Json j;
    j["key"] = key_json(a.grouping, g, label);
    if (plan.groups[g] != privacy::CellStatus::shown) {
      j.update(suppressed_json(plan.groups[g], plan.k));
    } else {
      j.update(dp_figures_json(groups[g], a.available, config, span, not_released));
      j["activity_rows"] = nullptr;
      if (groups[g].adoption_rate) adoption.push_back(*groups[g].adoption_rate);
      if (groups[g].ai_task_share) share.push_back(*groups[g].ai_task_share);
    }
    arr.push_back(std::move(j));
  }
  r["groups"] = std::move(arr);
  r["uniformity"] = {{"across_groups",
                      {{"adoption_rate", uniformity_json(analysis::uniformity_of(adoption))},
                       {"ai_task_share", uniformity_json(analysis::uniformity_of(share))}}}};
  r["trends"] = Json::array();
  return r;
}

// The adoption-only report shared by dp and cell_key: released population,
// active and engaged users per group and overall; nothing else about the usage.
struct UsageCounts {
  double population = 0, active = 0, engaged = 0;
};

template <class FillPrivacy>
Json adoption_report(const Dataset& ds, const Config& config, const analysis::Grouping& grouping,
                     const UsageCounts& overall, const std::vector<UsageCounts>& groups,
                     std::span<const double> exact_populations, FillPrivacy&& fill_privacy) {
  const JoinedUsage& u = *ds.usage;
  std::vector<double> sizes;
  for (const UsageCounts& c : groups) sizes.push_back(c.population);
  const privacy::SuppressionPlan plan = privacy::plan_suppression(
      suppression_sizes(overall.population, sizes, exact_populations), config.privacy.min_group_size);
  const KeyLabeller label = privacy::key_labeller(ds, config);

  Json r = protected_report_head(ds, config, plan, overall.population, u.date_range.first, u.date_range.second,
                                 fill_privacy);
  add_adoption_only_sections(r);

  auto metrics_json = [&](const UsageCounts& c) {
    Json tools = Json::object();
    for (int t = 0; t < 2; ++t)
      if (u.tools_seen[t]) tools[usage::tool_name(static_cast<usage::Tool>(t))] = nullptr;
    return Json{{"population", count_json(c.population)},
                {"active_users", count_json(c.active)},
                {"engaged_users", count_json(c.engaged)},
                {"usage_adoption_rate", number_or_null(metrics::ratio(c.active, c.population))},
                {"non_adopters", count_json(c.population - c.active)},
                {"active_days_share", nullptr},
                {"apps_per_active_user", nullptr},
                {"acceptance_rate", nullptr},
                {"lines_acceptance_rate", nullptr},
                {"tool_adoption", std::move(tools)}};
  };
  Json usage;
  Json files = Json::array();
  for (const usage::UsageFileSummary& f : u.files)
    files.push_back({{"source", f.source.empty() ? Json(nullptr) : Json(f.source)}, {"format", f.format},
                     {"bytes", nullptr}, {"sha256", f.sha256}, {"records", nullptr}, {"records_skipped", nullptr},
                     {"rows", nullptr}, {"first_date", nullptr}, {"last_date", nullptr}, {"report_period_days", nullptr}});
  usage["inputs"] = std::move(files);
  usage["identity"] = {{"rule", config.usage.identity}, {"identities", nullptr}, {"matched", nullptr},
                       {"unmatched", nullptr}, {"people_with_usage", nullptr}};
  usage["covered_days"] = u.covered_days;
  usage["overall"] = plan.overall == privacy::CellStatus::shown
                         ? Json({{"suppressed", false}, {"metrics", metrics_json(overall)}})
                         : suppressed_json(plan.overall, plan.k);
  Json arr = Json::array();
  std::vector<double> adoption;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    Json j = {{"key", key_json(grouping, g, label)}};
    if (plan.groups[g] != privacy::CellStatus::shown) {
      j.update(suppressed_json(plan.groups[g], plan.k));
    } else {
      j["suppressed"] = false;
      j["metrics"] = metrics_json(groups[g]);
      if (auto v = metrics::ratio(groups[g].active, groups[g].population)) adoption.push_back(*v);
    }
    arr.push_back(std::move(j));
  }
  usage["groups"] = std::move(arr);
  usage["uniformity"] = {{"usage_adoption_rate", uniformity_json(analysis::uniformity_of(adoption))},
                         {"active_days_share", uniformity_json(analysis::uniformity_of({}))},
                         {"apps_per_active_user", uniformity_json(analysis::uniformity_of({}))}};
  usage["trends"] = Json::array();
  usage["team_aggregates"] = Json::array();
  usage["training_targets"] = Json::array();
  usage["comparison_with_activity"] = nullptr;
  r["usage"] = std::move(usage);
  return r;
}

// The usage population as a dataset, so that it can be grouped like one.
analysis::Grouping usage_grouping(const JoinedUsage& u, const Config& config) {
  Dataset shim;
  shim.persons = u.population.persons;
  shim.persons_by_id = u.population.by_id;
  return analysis::group_persons(shim, config.group_by);
}

Json cell_key_json(const CellKeyConfig& c, std::initializer_list<const char*> perturbed,
                   std::initializer_list<const char*> not_perturbed) {
  Json list = Json::array(), exact = Json::array();
  for (const char* p : perturbed) list.push_back(p);
  for (const char* p : not_perturbed) exact.push_back(p);
  return {{"method",
           "consistent cell-key perturbation (ABS TableBuilder): record keys HMAC-SHA256(salt, person id), a cell's "
           "key the sum of its people's record keys, its noise a fixed function of that key and the statistic's "
           "name and days"},
          {"max_count_noise", c.max_count_noise},
          {"sum_noise_share", c.sum_noise_share},
          {"perturbed", std::move(list)},
          {"not_perturbed", std::move(exact)}};
}

}  // namespace

Result<Json> build_dp_report(const Dataset& ds, const Config& config, const analysis::AnalysisResult& a,
                             const LedgerState* ledger) {
  const DpConfig& dp = *config.privacy.dp;
  privacy::NoiseSource noise(dp.seed);
  const bool rework = (a.available & metrics::need_rework_hours) != 0;
  const bool baseline = (a.available & metrics::need_baseline_hours) != 0;
  const privacy::DpFigures overall = privacy::dp_release(ds.persons_by_id, a.figures, dp, rework, baseline, noise);
  std::vector<privacy::DpFigures> groups;
  for (std::size_t g = 0; g < a.grouping.size(); ++g)
    groups.push_back(privacy::dp_release(a.grouping.members[g], a.figures, dp, rework, baseline, noise));
  if (!noise.ok())
    return Error(make_diagnostic(DiagCode::internal_error, "no secure random source for differential-privacy noise"));
  return headline_report(ds, config, a, overall, groups, {}, kNotReleasedDp, [&](Json& privacy) {
    privacy["differential_privacy"] = {
        {"mechanism", "discrete Laplace (two-sided geometric) noise on clamped sums, grid 1 person / 1 task / 0.01 hours"},
        {"epsilon", dp.epsilon},
        {"delta", 0.0},
        {"epsilon_spent", dp.epsilon},
        {"epsilon_per_statistic", privacy::epsilon_per_statistic(dp)},
        {"statistics", {"headcount", "ai_users", "tasks", "ai_tasks", "time_saved_hours", "rework_hours"}},
        {"releases_per_person", privacy::kDpReleasesPerPerson},
        {"clamps", {{"max_tasks_per_person", dp.max_tasks_per_person},
                    {"max_hours_saved_per_person", dp.max_hours_saved_per_person},
                    {"max_rework_hours_per_person", dp.max_rework_hours_per_person}}},
        {"noise", noise.secure() ? "secure random source" : "fixed seed (testing only, not private)"},
        {"ledger", ledger_json(ledger)}};
  });
}

Result<Json> build_cell_key_report(const Dataset& ds, const Config& config, const analysis::AnalysisResult& a) {
  const privacy::CellKeys keys(ds.persons, config.privacy.salt, config.privacy.cell_key);
  const bool rework = (a.available & metrics::need_rework_hours) != 0;
  const bool baseline = (a.available & metrics::need_baseline_hours) != 0;
  auto release = [&](std::span<const std::uint32_t> members) {
    privacy::DpFigures f = privacy::cell_key_release(members, a.figures, keys, ds.first_date, ds.last_date);
    if (!baseline) f.hours_saved = 0;
    if (!rework) f.rework_hours = 0;
    return f;
  };
  auto active = [&](std::span<const std::uint32_t> members) {
    double n = 0;
    for (std::uint32_t p : members) n += a.figures[p].active ? 1 : 0;
    return n;
  };
  const privacy::DpFigures overall = release(ds.persons_by_id);
  std::vector<privacy::DpFigures> groups;
  std::vector<double> exact{active(ds.persons_by_id)};
  for (std::size_t g = 0; g < a.grouping.size(); ++g) {
    groups.push_back(release(a.grouping.members[g]));
    exact.push_back(active(a.grouping.members[g]));
  }
  return headline_report(ds, config, a, overall, groups, exact, kNotReleasedCellKey, [&](Json& privacy) {
    privacy["cell_key"] = cell_key_json(config.privacy.cell_key,
                                        {"headcount (count)", "ai_users (count)", "tasks (sum)", "ai_tasks (sum)",
                                         "time_saved_hours (sum)", "rework_hours (sum)",
                                         "adoption_rate = ai_users / headcount", "ai_task_share = ai_tasks / tasks"},
                                        {"zero counts and sums (they stay 0)", "summary.first_date, summary.last_date",
                                         "inputs[].sha256", "group keys"});
  });
}

Result<Json> build_dp_adoption_report(const Dataset& ds, const Config& config, const LedgerState* ledger) {
  const DpConfig& dp = *config.privacy.dp;
  const JoinedUsage& u = *ds.usage;
  privacy::NoiseSource noise(dp.seed);
  const analysis::Grouping grouping = usage_grouping(u, config);
  // Each person is in two releases (everyone, their group) of three counts.
  constexpr int kStatistics = 3;
  const double eps = dp.epsilon / (kStatistics * privacy::kDpReleasesPerPerson);
  auto release = [&](std::span<const std::uint32_t> members) {
    UsageCounts c;
    for (std::uint32_t p : members) {
      c.population += 1;
      const std::size_t days = u.per_person[p].days.size();
      c.active += days > 0 ? 1 : 0;
      c.engaged += days > 0 && static_cast<double>(days) >= config.usage.engaged_min_days ? 1 : 0;
    }
    UsageCounts n;
    n.population = std::max(0.0, c.population + static_cast<double>(privacy::discrete_laplace(noise, 1.0 / eps)));
    n.active = std::clamp(c.active + static_cast<double>(privacy::discrete_laplace(noise, 1.0 / eps)), 0.0, n.population);
    n.engaged = std::clamp(c.engaged + static_cast<double>(privacy::discrete_laplace(noise, 1.0 / eps)), 0.0, n.active);
    return n;
  };
  const UsageCounts overall = release(u.population.by_id);
  std::vector<UsageCounts> groups;
  for (std::size_t g = 0; g < grouping.size(); ++g) groups.push_back(release(grouping.members[g]));
  if (!noise.ok())
    return Error(make_diagnostic(DiagCode::internal_error, "no secure random source for differential-privacy noise"));
  return adoption_report(ds, config, grouping, overall, groups, {}, [&](Json& privacy) {
    privacy["differential_privacy"] = {
        {"mechanism", "discrete Laplace (two-sided geometric) noise on counts of people, grid 1 person"},
        {"epsilon", dp.epsilon},
        {"delta", 0.0},
        {"epsilon_spent", dp.epsilon},
        {"epsilon_per_statistic", eps},
        {"statistics", {"population", "active_users", "engaged_users"}},
        {"releases_per_person", privacy::kDpReleasesPerPerson},
        {"clamps", Json::object()},
        {"noise", noise.secure() ? "secure random source" : "fixed seed (testing only, not private)"},
        {"ledger", ledger_json(ledger)}};
  });
}

Result<Json> build_cell_key_adoption_report(const Dataset& ds, const Config& config) {
  const JoinedUsage& u = *ds.usage;
  const privacy::CellKeys keys(u.population.persons, config.privacy.salt, config.privacy.cell_key);
  const analysis::Grouping grouping = usage_grouping(u, config);
  const std::int32_t first = u.date_range.first, last = u.date_range.second;
  auto release = [&](std::span<const std::uint32_t> members) {
    UsageCounts c;
    std::uint64_t everyone = 0, active = 0, engaged = 0;  // cell keys
    for (std::uint32_t p : members) {
      c.population += 1;
      everyone += keys.record(p);
      const std::size_t days = u.per_person[p].days.size();
      if (days == 0) continue;
      c.active += 1;
      active += keys.record(p);
      if (static_cast<double>(days) < config.usage.engaged_min_days) continue;
      c.engaged += 1;
      engaged += keys.record(p);
    }
    UsageCounts n;
    n.population = keys.count(c.population, everyone, privacy::noise_stream("usage population", first, last));
    n.active = std::min(keys.count(c.active, active, privacy::noise_stream("usage active_users", first, last)), n.population);
    n.engaged = std::min(keys.count(c.engaged, engaged, privacy::noise_stream("usage engaged_users", first, last)), n.active);
    return n;
  };
  const UsageCounts overall = release(u.population.by_id);
  std::vector<UsageCounts> groups;
  std::vector<double> exact{static_cast<double>(u.population.by_id.size())};
  for (std::size_t g = 0; g < grouping.size(); ++g) {
    groups.push_back(release(grouping.members[g]));
    exact.push_back(static_cast<double>(grouping.members[g].size()));
  }
  return adoption_report(ds, config, grouping, overall, groups, exact, [&](Json& privacy) {
    privacy["cell_key"] = cell_key_json(config.privacy.cell_key,
                                        {"population (count)", "active_users (count)", "engaged_users (count)",
                                         "usage_adoption_rate = active_users / population",
                                         "non_adopters = population - active_users"},
                                        {"zero counts (they stay 0)", "summary.first_date, summary.last_date",
                                         "usage.covered_days", "inputs[].sha256", "group keys"});
  });
}

}  // namespace gapscore::report
