#include "analysis/adjusted_gap.h"

#include <algorithm>
#include <cmath>

#include "analysis/grouping.h"
#include "base/detmath.h"
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
  return "needs at least " + n + " AI users and " + n + " non-users in the same cells; a cell with fewer than " + n +
         " on either side joins the largest cell of its group, and a group with fewer is left out (it would describe its "
         "few people)";
}

struct Obs {
  std::size_t cell;
  bool user;
  double y;
};

struct WithinFit {
  std::optional<double> estimate, se;  // se: nullopt when a leverage-1 row decides the estimate
};

// OLS y ~ ai_user + C(cell) with HC3 errors, in O(n) instead of a QR of an
// n × (cells + 1) design (thousands of team × role cells are common). By
// Frisch-Waugh-Lovell the ai_user coefficient is the regression of y on
// ai_user after both are demeaned within cells: β = Σx̃ỹ / Σx̃², residuals
// e = ỹ − βx̃, exactly the full model's. The β row of (X'X)⁻¹X' is x̃'/Σx̃², so
// the HC3 variance is Σ x̃ᵢ² eᵢ² / (1 − hᵢ)² / (Σx̃²)², with the full model's
// leverage hᵢ = 1/n_cell + x̃ᵢ²/Σx̃² (cell dummies and x̃ are orthogonal).
// Sums run in observation order (Neumaier): the same bits on every platform.
WithinFit within_fit(const std::vector<Obs>& obs, std::size_t cells) {
  std::vector<stats::NeumaierSum> y_sum(cells);
  std::vector<double> n(cells, 0.0), users(cells, 0.0);
  for (const Obs& o : obs) {
    y_sum[o.cell].add(o.y);
    n[o.cell] += 1;
    users[o.cell] += o.user ? 1 : 0;
  }
  std::vector<double> y_mean(cells), x_mean(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    y_mean[c] = y_sum[c].value() / n[c];
    x_mean[c] = users[c] / n[c];
  }
  stats::NeumaierSum sxx, sxy;
  for (const Obs& o : obs) {
    const double xt = (o.user ? 1.0 : 0.0) - x_mean[o.cell];
    sxx.add(xt * xt);
    sxy.add(xt * (o.y - y_mean[o.cell]));
  }
  WithinFit fit;
  if (!(sxx.value() > 0)) return fit;
  const double beta = sxy.value() / sxx.value();
  fit.estimate = beta;
  constexpr double kLeverageOne = 1e-10;
  stats::NeumaierSum meat;
  for (const Obs& o : obs) {
    const double xt = (o.user ? 1.0 : 0.0) - x_mean[o.cell];
    const double e = (o.y - y_mean[o.cell]) - beta * xt;
    const double h = 1.0 / n[o.cell] + xt * xt / sxx.value();
    if (h > 1.0 - kLeverageOne) {
      if (xt != 0.0) return fit;  // this row moves β: its HC3 weight is 0/0
      continue;
    }
    meat.add(xt * xt * e * e / ((1.0 - h) * (1.0 - h)));
  }
  fit.se = std::sqrt(meat.value()) / sxx.value();
  return fit;
}

// The spread of output among like people: the SD of each kept cell's AI users
// and non-users around their own side's mean, pooled over the cells (the
// residual SD of y ~ C(cell):C(ai_user), df = n − cell sides). It scales the
// like-with-like gap: the pooled SD also holds the spread between teams, so
// "small" overall could stand beside "large" in every team. nullopt with no
// spread or no degrees of freedom.
struct WithinScale {
  double sd, df;
};
std::optional<WithinScale> within_cell_scale(const std::vector<Obs>& obs, std::size_t cells) {
  std::vector<stats::NeumaierSum> sum(2 * cells);
  std::vector<double> n(2 * cells, 0.0);
  const auto side = [](const Obs& o) { return 2 * o.cell + (o.user ? 1 : 0); };
  for (const Obs& o : obs) {
    sum[side(o)].add(o.y);
    n[side(o)] += 1;
  }
  double sides = 0;
  std::vector<double> mean(2 * cells, 0.0);
  for (std::size_t s = 0; s < 2 * cells; ++s)
    if (n[s] > 0) {
      mean[s] = sum[s].value() / n[s];
      sides += 1;
    }
  stats::NeumaierSum squares;
  for (const Obs& o : obs) {
    const double d = o.y - mean[side(o)];
    squares.add(d * d);
  }
  const double df = static_cast<double>(obs.size()) - sides;
  if (!(df > 1)) return std::nullopt;
  const double sd = std::sqrt(squares.value() / df);
  if (!(sd > 0) || !std::isfinite(sd)) return std::nullopt;
  return WithinScale{sd, df};
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
    out.settings = pooled.unavailable_settings;
    return out;
  }
  if (strata.empty()) {
    out.reason = "nothing to adjust for: no grouping attribute and no roles";
    out.settings = setting::group_by;
    return out;
  }
  // Cells in key order (bytewise, as every other key order in the report).
  std::vector<std::vector<std::string>> person_cell;
  std::vector<std::uint32_t> people;
  for (std::uint32_t p : members) {
    const PersonFigures& f = figures[p];
    if (!f.active || !f.quality_adjusted_output_per_hour) continue;
    std::vector<std::string> key;
    for (const std::string& attr : strata) key.push_back(person_attribute(ds.persons[p], attr));
    person_cell.push_back(std::move(key));
    people.push_back(p);
  }
  const KeyCells cells = key_cells(std::move(person_cell));
  const std::size_t next = cells.distinct.size();
  std::vector<double> users_in(next, 0), non_users_in(next, 0);
  std::vector<Obs> obs;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const PersonFigures& f = figures[people[i]];
    const std::size_t c = cells.cell_of[i];
    (f.ai_user ? users_in : non_users_in)[c] += 1;
    obs.push_back({c, f.ai_user, *f.quality_adjusted_output_per_hour});
  }
  // A cell is compared on its own with at least k people on each side: a
  // smaller cell's difference would describe its few people. Nor are those
  // people left out: the pooled means hold them, and the pooled means beside
  // an estimate without them would give them away (a lead alone in a role).
  // A small cell joins the largest cell of its prefix (the strata but the
  // last: the same team) that has k on each side, the first in key order on a
  // tie; without one, the prefix's cells are one cell, kept with k on each
  // side. Kept cells are numbered in key order.
  const double cell_min = std::max(2, config.privacy.min_group_size);
  const auto big = [&](std::size_t c) { return users_in[c] >= cell_min && non_users_in[c] >= cell_min; };
  const auto same_prefix = [&](std::size_t a, std::size_t b) {
    const std::vector<std::string>&x = cells.distinct[a], &y = cells.distinct[b];
    return std::equal(x.begin(), x.end() - 1, y.begin(), y.end() - 1);
  };
  std::vector<std::size_t> target(next, SIZE_MAX);
  for (std::size_t b = 0; b < next;) {
    std::size_t e = b + 1;
    while (e < next && same_prefix(b, e)) ++e;
    std::size_t largest = SIZE_MAX;
    double users = 0, non_users = 0;
    for (std::size_t c = b; c < e; ++c) {
      users += users_in[c];
      non_users += non_users_in[c];
      if (big(c) && (largest == SIZE_MAX || users_in[c] + non_users_in[c] > users_in[largest] + non_users_in[largest]))
        largest = c;
    }
    for (std::size_t c = b; c < e; ++c) {
      if (largest != SIZE_MAX) target[c] = big(c) ? c : largest;
      else if (users >= cell_min && non_users >= cell_min) target[c] = b;
    }
    b = e;
  }
  std::vector<std::size_t> kept_index(next, SIZE_MAX);
  for (std::size_t c = 0; c < next; ++c)
    if (target[c] == c) kept_index[c] = out.cells++;
  std::vector<Obs> kept;
  out.cell_people.resize(out.cells);
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const Obs& o = obs[i];
    if (target[o.cell] == SIZE_MAX) continue;
    const std::size_t cell = kept_index[target[o.cell]];
    kept.push_back({cell, o.user, o.y});
    (o.user ? out.n_users : out.n_non_users) += 1;
    out.people.push_back(people[i]);
    out.cell_people[cell].push_back(people[i]);
  }
  std::sort(out.people.begin(), out.people.end());
  for (std::vector<std::uint32_t>& c : out.cell_people) std::sort(c.begin(), c.end());
  out.n = out.n_users + out.n_non_users;
  const int k = std::max(2, config.privacy.min_group_size);
  if (out.n_users < k || out.n_non_users < k) {
    out.reason = side_reason(k);
    out.settings = setting::min_group_size;
    out.confounded = true;  // the pooled comparison had k on each side (it was compared)
    return out;
  }
  const WithinFit fit = within_fit(kept, out.cells);
  if (!fit.estimate) {
    out.reason = "the adjusted comparison could not be estimated (no AI-user effect is left within the cells)";
    return out;
  }
  if (!fit.se) {
    out.reason = "a person alone in a cell decides the estimate (leverage 1); not estimated";
    return out;
  }
  if (!(*fit.se > 0)) {
    out.reason = "the output per hour does not vary within the cells; no interval can be given";
    return out;
  }
  constexpr double z975 = 1.959963984540054;  // two-sided 95% normal interval, as statsmodels with HC3
  out.estimate = *fit.estimate;
  out.se = *fit.se;
  out.p_value = std::min(1.0, 2.0 * detmath::normal_sf(std::fabs(*fit.estimate / *fit.se)));
  out.ci_low = *fit.estimate - z975 * *fit.se;
  out.ci_high = *fit.estimate + z975 * *fit.se;
  if (const std::optional<WithinScale> scale = within_cell_scale(kept, out.cells))
    out.hedges_g = stats::hedges_correction(scale->df) * *fit.estimate / scale->sd;
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
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    if (!a.groups[g].gap) continue;
    GapResult& gap = *a.groups[g].gap;
    fill(gap, a.grouping.members[g], within);
    if (within.empty() && gap.compared)
      gap.adjusted->reason = "nothing to adjust for inside a group: the data give no roles, or the groups are roles already";
  }
}

std::string_view effect_size_band(double g) {
  const double m = std::fabs(g);
  if (m < 0.2) return "negligible";
  if (m < 0.5) return "small";
  if (m < 0.8) return "medium";
  return "large";
}

}  // namespace gapscore::analysis
