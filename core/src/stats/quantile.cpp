// Quantiles, numpy's default method: of sorted data, or of data in any order by selection.
#include <algorithm>
#include <cmath>

#include "stats/stats.h"

namespace gapscore::stats {

namespace {

// numpy's _lerp, which interpolates from the nearer end (b − (b − a)(1 − t)
// when t >= 1/2) — copied so results match numpy bit for bit rather than to a
// rounding.
double numpy_lerp(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace

// numpy 1.24 'linear': virtual index (n − 1)·q, neighbours floor/floor + 1
// (clipped to the last element), and numpy_lerp between them.
double quantile_linear(std::span<const double> sorted, double q) {
  if (sorted.empty()) return 0.0;
  if (!(q > 0.0)) return sorted.front();  // also NaN
  if (q >= 1.0) return sorted.back();
  const double pos = static_cast<double>(sorted.size() - 1) * q;
  const double lo = std::floor(pos);
  const auto i = static_cast<std::size_t>(lo);
  if (i + 1 >= sorted.size()) return sorted.back();
  return numpy_lerp(sorted[i], sorted[i + 1], pos - lo);
}

double quantile_linear_select(std::span<double> x, double q) {
  if (x.empty()) return 0.0;
  if (!(q > 0.0)) return *std::min_element(x.begin(), x.end());
  if (q >= 1.0) return *std::max_element(x.begin(), x.end());
  const double pos = static_cast<double>(x.size() - 1) * q;
  const double lo = std::floor(pos);
  const auto i = static_cast<std::size_t>(lo);
  // Element i of the sorted order, and everything after it no smaller: the
  // next one up is the smallest of the rest. Values only, so which of equal
  // values lands where cannot matter.
  std::nth_element(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(i), x.end());
  const double a = x[i];
  if (i + 1 >= x.size()) return a;
  const double b = *std::min_element(x.begin() + static_cast<std::ptrdiff_t>(i) + 1, x.end());
  return numpy_lerp(a, b, pos - lo);
}

}  // namespace gapscore::stats
