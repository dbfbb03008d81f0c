// Spearman rank correlation with its t-distribution p-value.
#include <algorithm>
#include <cmath>
#include <vector>

#include "base/detmath.h"
#include "stats/stats.h"

namespace gapscore::stats {

std::optional<Spearman> spearman(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = x.size();
  if (n < 3 || y.size() != n || !all_finite(x) || !all_finite(y)) return std::nullopt;
  std::vector<double> rx(n), ry(n);
  average_ranks(x, rx);
  average_ranks(y, ry);
  // Pearson correlation of the ranks (scipy: np.corrcoef of rankdata).
  const double mx = mean(rx), my = mean(ry);
  NeumaierSum sxy, sxx, syy;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = rx[i] - mx, dy = ry[i] - my;
    sxy.add(dx * dy);
    sxx.add(dx * dx);
    syy.add(dy * dy);
  }
  if (!(sxx.value() > 0.0) || !(syy.value() > 0.0)) return std::nullopt;  // a constant side
  const double rho = std::max(-1.0, std::min(1.0, sxy.value() / std::sqrt(sxx.value() * syy.value())));
  // scipy 1.10: t = ρ·√(df / ((ρ+1)(1−ρ))), p = 2·P(T_df > |t|); |ρ| = 1 gives t = ±inf, p = 0.
  const double df = static_cast<double>(n) - 2.0;
  double p = 0.0;
  if (std::fabs(rho) < 1.0) {
    const double t = rho * std::sqrt(df / ((rho + 1.0) * (1.0 - rho)));
    p = std::min(1.0, 2.0 * detmath::student_t_sf(std::fabs(t), df));
  }
  return Spearman{rho, p, n};
}

}  // namespace gapscore::stats
