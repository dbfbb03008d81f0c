// Average ranks with ties (the basis of Mann-Whitney U and Spearman's rho).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "stats/stats.h"

namespace gapscore::stats {

void average_ranks(std::span<const double> x, std::span<double> ranks_out) {
  const std::size_t n = x.size();
  if (ranks_out.size() != n) return;
  // A strict weak order even with NaNs (they go last, all equivalent), so the
  // sort is well defined. Tied values get one average rank, so whichever order
  // libstdc++ or libc++ leaves them in, the ranks are the same.
  auto less = [&](std::size_t a, std::size_t b) {
    const double va = x[a], vb = x[b];
    if (std::isnan(va)) return false;
    if (std::isnan(vb)) return true;
    return va < vb;
  };
  auto tied = [&](std::size_t a, std::size_t b) { return !less(a, b) && !less(b, a); };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), less);
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && tied(order[j], order[i])) ++j;
    // Ranks i+1 .. j share their mean; exact in double for n < 2^52.
    const double avg = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
    for (std::size_t t = i; t < j; ++t) ranks_out[order[t]] = avg;
    i = j;
  }
}

}  // namespace gapscore::stats
