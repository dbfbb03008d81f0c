#include "analysis/adjusted_gap.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "stats/stats.h"

namespace gapscore::analysis {
namespace {

bool roles_known(const Dataset& ds) {
  for (const PersonInfo& p : ds.persons)
    if (!p.role.empty()) return true;
  return false;
}

bool grouped_by(const Config& config, std::string_view attribute) {
  return std::find(config.group_by.begin(), config.group_by.end(), attribute) != config.group_by.end();
}

std::string side_reason(int k) {
  const std::string n = std::to_string(k);
  return "needs at least " + n + " AI users and " + n +
         " non-users in cells that hold both (privacy.min_group_size); cells with only AI users or only "
         "non-users cannot compare like with like";
}

}  // namespace

std::vector<std::string> overall_strata(const Dataset& ds, const Config& config) {
  std::vector<std::string> s = config.group_by;
  if (roles_known(ds) && !grouped_by(config, "role")) s.push_back("role");
  return s;
}

std::vector<std::string> group_strata(const Dataset& ds, const Config& config) {
  if (roles_known(ds) && !grouped_by(config, "role")) return {"role"};
  return {};
}

AdjustedGap adjusted_gap(const Dataset& ds, std::span<const PersonFigures> figures,
                         std::span<const std::uint32_t> members, const std::vector<std::string>& strata,
                         const GapResult& pooled, const Config& config) {
  AdjustedGap out;
  out.strata = strata;
  if (!pooled.compared) {
    out.reason = pooled.unavailable_reason.value_or("the pooled comparison is not available");
    return out;
  }
  if (strata.empty()) {
    out.reason = "nothing to adjust for: no group_by attribute and no roles";
    return out;
  }
  // Cells in key order (bytewise, as every other key order in the report).
  struct Obs {
    std::size_t cell;
    bool user;
    double y;
  };
  std::map<std::vector<std::string>, std::size_t> cell_of;
  std::vector<std::vector<std::string>> person_cell;
  std::vector<std::uint32_t> people;
  for (std::uint32_t p : members) {
    const PersonFigures& f = figures[p];
    if (!f.active || !f.quality_adjusted_output_per_hour) continue;
    std::vector<std::string> key;
    for (const std::string& attr : strata) key.push_back(person_attribute(ds.persons[p], attr));
    cell_of.emplace(key, 0);
    person_cell.push_back(std::move(key));
    people.push_back(p);
  }
  std::size_t next = 0;
  for (auto& [key, index] : cell_of) index = next++;
  std::vector<double> users_in(next, 0), non_users_in(next, 0);
  std::vector<Obs> obs;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const PersonFigures& f = figures[people[i]];
    const std::size_t c = cell_of[person_cell[i]];
    (f.ai_user ? users_in : non_users_in)[c] += 1;
    obs.push_back({c, f.ai_user, *f.quality_adjusted_output_per_hour});
  }
  // Keep cells with both sides; renumber them in key order.
  std::vector<std::size_t> kept_index(next, SIZE_MAX);
  for (std::size_t c = 0; c < next; ++c)
    if (users_in[c] > 0 && non_users_in[c] > 0) kept_index[c] = out.cells++;
  std::vector<Obs> kept;
  for (const Obs& o : obs)
    if (kept_index[o.cell] != SIZE_MAX) {
      kept.push_back({kept_index[o.cell], o.user, o.y});
      (o.user ? out.n_users : out.n_non_users) += 1;
    }
  out.n = out.n_users + out.n_non_users;
  const int k = std::max(2, config.privacy.min_group_size);
  if (out.n_users < k || out.n_non_users < k) {
    out.reason = side_reason(k);
    return out;
  }
  // Design: intercept, ai_user, one dummy per kept cell after the first (the
  // reference level, as statsmodels' treatment coding of the sorted levels).
  const std::size_t cols = 2 + (out.cells - 1);
  std::vector<double> y, x;
  y.reserve(kept.size());
  x.reserve(kept.size() * cols);
  for (const Obs& o : kept) {
    y.push_back(o.y);
    x.push_back(1.0);
    x.push_back(o.user ? 1.0 : 0.0);
    for (std::size_t c = 1; c < out.cells; ++c) x.push_back(o.cell == c ? 1.0 : 0.0);
  }
  const auto fit = stats::ols_hc3(y, x, cols);
  if (!fit.ok() || !fit->full_rank) {
    out.reason = "the adjusted comparison could not be estimated (the cells leave no independent AI-user effect)";
    return out;
  }
  const double se = fit->se_hc3[1];
  if (std::isnan(se)) {
    out.reason = "a person alone in a cell decides the estimate (leverage 1); not estimated";
    return out;
  }
  constexpr double z975 = 1.959963984540054;  // two-sided 95% normal interval, as statsmodels with HC3
  out.estimate = fit->coef[1];
  out.se = se;
  out.p_value = fit->p_value[1];
  out.ci_low = fit->coef[1] - z975 * se;
  out.ci_high = fit->coef[1] + z975 * se;
  if (pooled.pooled_sd && pooled.correction_j && *pooled.pooled_sd > 0)
    out.hedges_g = *pooled.correction_j * fit->coef[1] / *pooled.pooled_sd;
  return out;
}

std::optional<bool> gap_paradox(const GapResult& g) {
  if (!g.compared || !g.adjusted || !g.adjusted->estimate || !g.adjusted->p_value) return std::nullopt;
  const double pooled = g.difference, adjusted = *g.adjusted->estimate;
  return *g.adjusted->p_value < 0.05 && ((pooled < 0 && adjusted > 0) || (pooled > 0 && adjusted < 0));
}

void add_adjusted_gaps(const Dataset& ds, const Config& config, AnalysisResult& a) {
  auto fill = [&](GapResult& g, std::span<const std::uint32_t> members, const std::vector<std::string>& strata) {
    g.adjusted = adjusted_gap(ds, a.figures, members, strata, g, config);
    g.paradox = gap_paradox(g);
  };
  if (a.overall.gap) fill(*a.overall.gap, ds.persons_by_id, overall_strata(ds, config));
  const std::vector<std::string> within = group_strata(ds, config);
  for (std::size_t g = 0; g < a.groups.size(); ++g)
    if (a.groups[g].gap) fill(*a.groups[g].gap, a.grouping.members[g], within);
}

std::string_view effect_size_band(double g) {
  const double m = std::fabs(g);
  if (m < 0.2) return "negligible";
  if (m < 0.5) return "small";
  if (m < 0.8) return "medium";
  return "large";
}

}  // namespace gapscore::analysis
