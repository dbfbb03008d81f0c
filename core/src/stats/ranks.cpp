// Average ranks with ties (the basis of Mann-Whitney U and Spearman's rho).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "base/radix_sort.h"
#include "stats/stats.h"

namespace gapscore::stats {
namespace {

// An integer whose order is the values' order: negatives below positives,
// -0 just below +0 (adjacent: they are tied below), every NaN last and equal.
std::uint64_t order_key(double v) {
  if (std::isnan(v)) return ~std::uint64_t{0};
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);  // (Emscripten 3.1.6's libc++ has no std::bit_cast)
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// Tied: the same value, -0 and +0, or both NaN.
bool tied(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

void average_ranks(std::span<const double> x, std::span<double> ranks_out) {
  const std::size_t n = x.size();
  if (ranks_out.size() != n) return;
  // Sorted as (key, index) pairs: integer keys in a total order, so the result
  // does not depend on the library's sort. Tied values get one average rank,
  // so the order among them never matters. Indices are 32-bit: rankings of
  // 2^32 values or more are refused (ranks_out untouched).
  if (n > 0xFFFFFFFFu) return;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = {order_key(x[i]), static_cast<std::uint32_t>(i)};
  sort_pairs_by_key(order);
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    // Equal keys are tied values, and so are -0 and +0 (adjacent keys).
    while (j < n && tied(x[order[j].second], x[order[i].second])) ++j;
    // Ranks i+1 .. j share their mean; exact in double for n < 2^52.
    const double avg = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
    for (std::size_t t = i; t < j; ++t) ranks_out[order[t].second] = avg;
    i = j;
  }
}

}  // namespace gapscore::stats
