#include "insights/rollout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "stats/stats.h"

namespace gapscore::insights {

RolloutArms rollout_arms(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config) {
  RolloutArms arms;
  if (!config.rollout || config.rollout->dates.empty()) return arms;
  arms.configured = true;
  std::set<std::string> treated_groups, control_groups;
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p) {
    if (!a.figures[p].active) continue;
    const std::string group = person_attribute(ds.persons[p], config.rollout->by);
    const bool treated = config.rollout->dates.count(group) > 0;
    (treated ? treated_groups : control_groups).insert(group);
    (treated ? arms.treated : arms.control).push_back(p);
  }
  arms.treated_groups.assign(treated_groups.begin(), treated_groups.end());
  arms.control_groups.assign(control_groups.begin(), control_groups.end());
  return arms;
}

RolloutEffect rollout_effect(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config,
                             privacy::CellStatus arms_status) {
  RolloutEffect out;
  const RolloutArms arms = rollout_arms(ds, a, config);
  if (!arms.configured) {
    out.reason = "no rollout dates are set, so the rollout's effect cannot be measured";
    out.settings = static_cast<SettingRefs>(setting::rollout_dates | setting::rollout_by);
    return out;
  }
  const RolloutConfig& ro = *config.rollout;
  std::int32_t earliest = ro.dates.begin()->second;
  for (const auto& [g, d] : ro.dates) earliest = std::min(earliest, d);
  // Each person's rollout date (controls use the earliest one for "post").
  std::vector<std::optional<std::int32_t>> date_of(ds.persons.size());
  for (std::uint32_t p : arms.treated) date_of[p] = ro.dates.at(person_attribute(ds.persons[p], ro.by));
  out.treated_groups = arms.treated_groups;
  out.control_groups = arms.control_groups;
  const int k = config.privacy.min_group_size;
  if (arms_status == privacy::CellStatus::too_few_people || arms.treated.empty() || arms.control.empty()) {
    out.reason = "needs at least " + std::to_string(k) + " people in rolled-out groups and " + std::to_string(k) +
                 " in groups without AI (controls)";
    out.settings = static_cast<SettingRefs>(setting::min_group_size | setting::rollout_dates);
    return out;
  }
  // The arms' headcounts are people-level counts: beside the groups' headcounts
  // they could give a hidden group's, so the audit may withhold them. The
  // estimates are over person-periods and need only k people in each arm.
  if (arms_status == privacy::CellStatus::shown) {
    out.treated_people = static_cast<double>(arms.treated.size());
    out.control_people = static_cast<double>(arms.control.size());
  }
  // Too few periods on either side of the rollout date and the change is one
  // week's noise (an outside review: a rollout dated in the file's last week
  // got a card): the rolled-out people need half of insights.min_periods each side.
  const std::size_t need = static_cast<std::size_t>(std::max(1, (config.insights.min_periods + 1) / 2));
  std::set<std::int32_t> before, after;
  for (const analysis::PersonPeriod& pp : a.person_periods)
    if (date_of[pp.person]) (pp.period_start >= *date_of[pp.person] ? after : before).insert(pp.period_start);
  if (before.size() < need || after.size() < need) {
    const char* unit = config.period == Period::week ? "week" : "month";
    const std::size_t have = std::min(before.size(), after.size());
    out.reason = "needs at least " + std::to_string(need) + " " + unit + "s of activity before and after the rollout; there " +
                 (have == 1 ? "is 1 " + std::string(unit) : "are " + std::to_string(have) + " " + unit + "s") + " " +
                 (after.size() < before.size() ? "after" : "before") + " it";
    out.settings = static_cast<SettingRefs>(setting::min_periods | setting::rollout_dates);
    return out;
  }
  for (const char* outcome : {"quality_adjusted_output_per_hour", "error_rate"}) {
    DidEstimate est;
    est.outcome = outcome;
    std::vector<double> y, x;
    std::size_t cells[2][2] = {{0, 0}, {0, 0}};
    double treated_pre_sum = 0;
    for (const analysis::PersonPeriod& pp : a.person_periods) {
      const std::optional<double> v = std::string(outcome) == "error_rate" ? pp.error_rate : pp.quality_adjusted_output_per_hour;
      if (!v) continue;
      const bool treated = date_of[pp.person].has_value();
      const bool post = pp.period_start >= (treated ? *date_of[pp.person] : earliest);
      ++cells[treated][post];
      if (treated && !post) treated_pre_sum += *v;
      y.push_back(*v);
      x.insert(x.end(), {1.0, treated ? 1.0 : 0.0, post ? 1.0 : 0.0, treated && post ? 1.0 : 0.0});
    }
    est.observations = static_cast<double>(y.size());
    if (!cells[0][0] || !cells[0][1] || !cells[1][0] || !cells[1][1]) {
      est.reason = "needs observations before and after the rollout in both rolled-out and control groups";
      out.estimates.push_back(est);
      continue;
    }
    auto r = stats::ols_hc3(y, x, 4);
    if (!r.ok() || !r->full_rank || std::isnan(r->se_hc3[3])) {
      est.reason = "the regression could not be estimated";
      out.estimates.push_back(est);
      continue;
    }
    constexpr double z975 = 1.959963984540054;  // two-sided 95% normal interval, like statsmodels with HC3
    est.treated_pre_mean = treated_pre_sum / static_cast<double>(cells[1][0]);
    est.estimate = r->coef[3];
    est.se = r->se_hc3[3];
    est.p_value = r->p_value[3];
    est.ci_low = r->coef[3] - z975 * r->se_hc3[3];
    est.ci_high = r->coef[3] + z975 * r->se_hc3[3];
    out.estimates.push_back(est);
  }
  return out;
}

}  // namespace gapscore::insights
