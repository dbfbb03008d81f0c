// Ranks and quantiles.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "gapscore/stats.h"

namespace gapscore::stats {

double quantile_linear(std::span<const double> sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const double lo = std::floor(pos);
  const auto i = static_cast<std::size_t>(lo);
  if (i + 1 >= sorted.size()) return sorted.back();
  const double frac = pos - lo;
  return sorted[i] + frac * (sorted[i + 1] - sorted[i]);
}

void average_ranks(std::span<const double> x, std::span<double> ranks_out) {
  const std::size_t n = x.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Ties get the same average rank whatever their order, so sort stability does not matter.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && x[order[j]] == x[order[i]]) ++j;
    const double avg = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
    for (std::size_t t = i; t < j; ++t) ranks_out[order[t]] = avg;
    i = j;
  }
}

}  // namespace gapscore::stats
