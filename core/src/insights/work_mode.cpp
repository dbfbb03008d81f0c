#include "insights/work_mode.h"

#include <cmath>
#include <map>

#include "base/number_text.h"
#include "insights/gap_text.h"
#include "stats/stats.h"

namespace gapscore::insights {
namespace {

// A person in the model: mode and role as their places among the sorted names.
struct Obs {
  std::uint32_t mode, role;
  double share, y;
};

Coefficient coefficient(const stats::OlsResult& r, std::size_t j) {
  Coefficient c;
  c.estimate = r.coef[j];
  if (!std::isnan(r.se_hc3[j])) {
    constexpr double z975 = 1.959963984540054;  // two-sided 95% normal interval, as statsmodels with HC3
    c.se = r.se_hc3[j];
    c.p_value = r.p_value[j];
    c.ci_low = r.coef[j] - z975 * r.se_hc3[j];
    c.ci_high = r.coef[j] + z975 * r.se_hc3[j];
  }
  return c;
}

// Two decimals with a typographic minus sign.
std::string two_decimals(double v) {
  const std::string magnitude = fixed_text(std::fabs(v), 2);
  return (v < 0 && magnitude != "0" ? "−" : "") + magnitude;
}

}  // namespace

std::vector<WorkModeObservation> work_mode_observations(const Dataset& ds, const analysis::AnalysisResult& a) {
  std::vector<WorkModeObservation> obs;
  std::map<std::string, std::size_t> roles;
  for (std::uint32_t p : ds.persons_by_id) {
    const analysis::PersonFigures& f = a.figures[p];
    if (!f.active || !f.quality_adjusted_output_per_hour || !f.ai_task_share || ds.persons[p].work_mode == WorkMode::missing)
      continue;
    obs.push_back({p, work_mode_name(ds.persons[p].work_mode), person_attribute(ds.persons[p], "role"), *f.ai_task_share,
                   *f.quality_adjusted_output_per_hour});
    ++roles[obs.back().role];
  }
  // In place: a second vector held both, 40 MB at 50M rows.
  std::erase_if(obs, [&](const WorkModeObservation& o) { return roles[o.role] < 2; });
  return obs;
}

WorkModeAnalysis work_mode_analysis(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config,
                                    const std::set<std::string>& shown_modes) {
  WorkModeAnalysis out;
  double candidates = 0;
  for (std::uint32_t p : ds.persons_by_id) candidates += a.figures[p].active ? 1 : 0;
  std::vector<Obs> obs;
  std::vector<std::string> mode_levels;  // sorted: the first is the reference
  std::size_t R = 0;
  std::size_t big_modes = 0;  // modes with k people before the disclosure audit
  {
    // Names per person were 40 MB at 50M rows: the model numbers them.
    const std::vector<WorkModeObservation> all = work_mode_observations(ds, a);
    std::map<std::string, std::uint32_t> mode_index, role_index;
    std::map<std::string, std::size_t> mode_people;
    for (const WorkModeObservation& o : all) ++mode_people[o.mode];
    for (const auto& [mode, n] : mode_people) big_modes += n >= static_cast<std::size_t>(config.privacy.min_group_size);
    for (const WorkModeObservation& o : all)
      if (shown_modes.count(o.mode)) {
        mode_index.emplace(o.mode, 0);
        role_index.emplace(o.role, 0);
      }
    for (auto& [mode, idx] : mode_index) {
      idx = static_cast<std::uint32_t>(mode_levels.size());
      mode_levels.push_back(mode);
    }
    for (auto& [role, idx] : role_index) idx = static_cast<std::uint32_t>(R++);
    for (const WorkModeObservation& o : all)
      if (shown_modes.count(o.mode)) obs.push_back({mode_index[o.mode], role_index[o.role], o.share, o.y});
  }
  out.people = static_cast<double>(obs.size());
  // A count of people left out is a figure too: the organisation minus the
  // shown modes would describe them when they are few.
  const double left_out = candidates - out.people;
  if (left_out <= 0 || left_out >= config.privacy.min_group_size) out.people_left_out = left_out;
  const std::size_t k_mode = static_cast<std::size_t>(config.privacy.min_group_size);
  std::vector<std::vector<double>> by_mode(mode_levels.size());
  for (const Obs& o : obs) by_mode[o.mode].push_back(o.y);
  if (by_mode.size() < 2) {
    // Modes with enough people that the audit hid are no lack of data.
    out.reason = big_modes >= 2 ? std::string("withheld so that a smaller hidden comparison cannot be worked out from the others")
                                : "needs at least two work modes with " + std::to_string(k_mode) +
                                      " people each (work mode, quality and AI use known)";
    return out;
  }
  out.reference = mode_levels.front();
  const std::size_t M = mode_levels.size();
  // Raw model: y ~ 1 + mode dummies. Adjusted: + ai_task_share + role fixed
  // effects, absorbed by demeaning within roles (the same coefficients and HC3
  // errors: stats::ols_hc3): a dummy per role made the design matrix people x
  // (modes + roles), 45 MB held beside its QR copy at 50M rows.
  const std::size_t k_raw = M, k_adj = M;  // adjusted: mode dummies, then ai_task_share
  std::vector<double> y, x_raw;
  y.reserve(obs.size());
  x_raw.reserve(obs.size() * k_raw);  // sized once: no doubling while it grows
  auto mode_dummy = [](const Obs& o, std::size_t m) { return o.mode == m ? 1.0 : 0.0; };
  for (const Obs& o : obs) {
    y.push_back(o.y);
    x_raw.push_back(1.0);
    for (std::size_t m = 1; m < M; ++m) x_raw.push_back(mode_dummy(o, m));
  }
  auto raw = stats::ols_hc3(y, x_raw, k_raw);
  x_raw = {};
  // Role means of y and of each adjusted column, summed in row order.
  std::vector<double> role_n(R, 0.0), role_y(R, 0.0), role_x(R * k_adj, 0.0);
  auto adj_value = [&](const Obs& o, std::size_t j) { return j + 1 < M ? mode_dummy(o, j + 1) : o.share; };
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const std::size_t ri = obs[i].role;
    role_n[ri] += 1;
    role_y[ri] += obs[i].y;
    for (std::size_t j = 0; j < k_adj; ++j) role_x[ri * k_adj + j] += adj_value(obs[i], j);
  }
  std::vector<double> y_within(obs.size()), x_adj(obs.size() * k_adj), absorbed(obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const std::size_t ri = obs[i].role;
    y_within[i] = obs[i].y - role_y[ri] / role_n[ri];
    for (std::size_t j = 0; j < k_adj; ++j) x_adj[i * k_adj + j] = adj_value(obs[i], j) - role_x[ri * k_adj + j] / role_n[ri];
    absorbed[i] = 1.0 / role_n[ri];
  }
  auto adj = stats::ols_hc3(y_within, x_adj, k_adj, absorbed);
  if (!raw.ok() || !adj.ok() || !raw->full_rank) {
    out.reason = "the regression could not be computed";
    return out;
  }
  for (std::size_t m = 0; m < M; ++m) {
    ModeEffect e;
    e.mode = mode_levels[m];
    e.people = static_cast<double>(by_mode[m].size());
    e.mean = stats::mean(by_mode[m]);
    if (m > 0) {
      e.raw = coefficient(*raw, m);
      if (adj->full_rank) e.adjusted = coefficient(*adj, m - 1);
    }
    out.modes.push_back(e);
  }
  if (!adj->full_rank) out.notes.push_back("the adjusted model is rank deficient (work mode and role coincide); not estimated");
  else out.ai_task_share_coefficient = adj->coef[M - 1];
  if (!raw->high_leverage_rows.empty() || !adj->high_leverage_rows.empty())
    out.notes.push_back("some people are alone in their cell (leverage 1); the affected standard errors are not shown");

  // Verdict on the mode with the largest clear raw gap (p < 0.05): a larger
  // gap of a few noisy people must not hide a clear one (an outside review:
  // remote −0.19 with p ≈ 1e-20 beside onsite −0.51 with p = 0.11 was called
  // "no clear raw difference").
  const ModeEffect* largest = nullptr;
  bool any_gap = false;
  for (const ModeEffect& e : out.modes) {
    any_gap = any_gap || e.raw.estimate.has_value();
    if (!e.raw.estimate || !e.raw.p_value || !(*e.raw.p_value < 0.05)) continue;
    if (!largest || std::fabs(*e.raw.estimate) > std::fabs(*largest->raw.estimate)) largest = &e;
  }
  // The organisation's like-with-like gap found AI use going with the teams
  // and roles: what AI use "explains" here may be the teams' difference.
  const bool ai_use_confounded =
      a.overall.gap && a.overall.gap->adjusted && a.overall.gap->adjusted->confounded;
  if (largest && largest->raw.p_value && *largest->raw.p_value < 0.05 && largest->adjusted.estimate) {
    const bool explained = std::fabs(*largest->adjusted.estimate) <= 0.5 * std::fabs(*largest->raw.estimate);
    out.gap_explained = explained && !ai_use_confounded;
    out.verdict = largest->mode + " vs " + out.reference + ": a raw gap of " + two_decimals(*largest->raw.estimate) +
                  " tasks/hour becomes " + two_decimals(*largest->adjusted.estimate) +
                  " after accounting for AI use and role" +
                  (!explained ? "; a gap remains that AI use and role do not explain"
                   : ai_use_confounded
                       ? ", but AI use goes with the " + strata_words(a.overall.gap->adjusted->strata, true) +
                             " here, so the gap may be one between them, not of AI use or " + largest->mode + " work"
                       : "; most of the gap comes from lower AI use, not from " + largest->mode + " work itself");
  } else if (largest && largest->raw.p_value && *largest->raw.p_value < 0.05) {
    // A clear raw gap the adjusted model could not take apart: no claim either way.
    out.verdict = largest->mode + " vs " + out.reference + ": a raw gap of " + two_decimals(*largest->raw.estimate) +
                  " tasks/hour that AI use and role cannot be separated from here (they go with the work mode)";
  } else if (any_gap) {
    out.verdict = "no clear raw difference in quality-adjusted output per hour between work modes";
  }
  return out;
}

}  // namespace gapscore::insights
