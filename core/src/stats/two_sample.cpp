// Comparing AI users with non-users: Hedges' g and the Mann-Whitney U test.
#include <algorithm>
#include <cmath>
#include <vector>

#include "base/detmath.h"
#include "stats/stats.h"

namespace gapscore::stats {

std::optional<double> conditional_rate_p(double a_events, double a_exposure, double b_events, double b_exposure,
                                         bool two_sided) {
  const double events = a_events + b_events;
  if (events < 5 || !(a_exposure > 0) || !(b_exposure > 0)) return std::nullopt;
  const double share = a_exposure / (a_exposure + b_exposure), expected = events * share;
  const double excess = two_sided ? std::fabs(a_events - expected) : a_events - expected;
  const double z = (excess - 0.5) / std::sqrt(events * share * (1 - share));
  return std::min(1.0, (two_sided ? 2.0 : 1.0) * detmath::normal_sf(z));
}

std::optional<HedgesG> hedges_g(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2 || !all_finite(a) || !all_finite(b)) return std::nullopt;
  const double n1 = static_cast<double>(a.size()), n2 = static_cast<double>(b.size());
  const double df = n1 + n2 - 2.0;
  const double pooled = std::sqrt(((n1 - 1.0) * variance(a, 1) + (n2 - 1.0) * variance(b, 1)) / df);
  if (!(pooled > 0.0) || !std::isfinite(pooled)) return std::nullopt;
  const double d = (mean(a) - mean(b)) / pooled;
  if (!std::isfinite(d)) return std::nullopt;
  const double j = hedges_correction(df);
  return HedgesG{j * d, d, j, static_cast<int>(df)};
}

double hedges_correction(double df) {
  // J = Γ(m) / (√m · Γ(m − ½)) with m = df/2, from lgamma(m) − lgamma(m − ½)
  // computed without cancellation (Hedges 1981, eq. 6e; not the 1 − 3/(4df − 1) approximation).
  const double m = 0.5 * df;
  return detmath::exp(detmath::lgamma_half_difference(m) - 0.5 * detmath::log(m));
}

std::optional<double> welch_greater_p(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2 || !all_finite(a) || !all_finite(b)) return std::nullopt;
  const double n1 = static_cast<double>(a.size()), n2 = static_cast<double>(b.size());
  const double difference = mean(a) - mean(b);
  const double v1 = variance(a, 1) / n1, v2 = variance(b, 1) / n2, v = v1 + v2;
  if (!(v > 0)) {
    if (difference == 0) return std::nullopt;
    return difference > 0 ? 0.0 : 1.0;
  }
  // Welch-Satterthwaite degrees of freedom.
  const double df = v * v / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
  return detmath::student_t_sf(difference / std::sqrt(v), df);
}

std::optional<MannWhitney> mann_whitney_u(std::span<const double> a, std::span<const double> b) {
  if (a.empty() || b.empty() || !all_finite(a) || !all_finite(b)) return std::nullopt;
  const std::size_t n1 = a.size(), n2 = b.size(), n = n1 + n2;
  std::vector<double> all(a.begin(), a.end());
  all.insert(all.end(), b.begin(), b.end());
  std::vector<double> ranks(n);
  average_ranks(all, ranks);
  NeumaierSum r1;  // ranks are multiples of ½: the sum is exact anyway
  for (std::size_t i = 0; i < n1; ++i) r1.add(ranks[i]);
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2), dn = static_cast<double>(n);
  const double u1 = r1.value() - dn1 * (dn1 + 1.0) / 2.0;
  const double u2 = dn1 * dn2 - u1;
  // Tie correction Σ(t³ − t) over groups of equal values.
  std::sort(all.begin(), all.end());
  double tie_term = 0.0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && all[j] == all[i]) ++j;
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    i = j;
  }
  // scipy 1.10 (_mannwhitneyu.py): z = (max(U1, U2) − n1n2/2 − ½)/σ, p = 2·P(Z > z), clipped to [0, 1].
  const double sigma = std::sqrt(dn1 * dn2 / 12.0 * ((dn + 1.0) - tie_term / (dn * (dn - 1.0))));
  const double numerator = std::max(u1, u2) - dn1 * dn2 / 2.0 - 0.5;
  double p = 1.0;
  // σ = 0 only when every value is tied; then U1 = U2 = n1n2/2, the numerator is −½,
  // and scipy's z = −inf gives p = 1: U cannot vary, so nothing is significant.
  if (sigma > 0.0) p = std::min(1.0, std::max(0.0, 2.0 * detmath::normal_sf(numerator / sigma)));
  return MannWhitney{u1, p};
}

}  // namespace gapscore::stats
