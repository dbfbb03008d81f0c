// Inequality of AI use within a group: Gini, Theil T, coefficient of variation.
// All three work on a sorted copy, so their sums run in an order that does not
// depend on the input order: shuffled input gives the same bits.
#include <algorithm>
#include <cmath>
#include <vector>

#include "base/detmath.h"
#include "stats/stats.h"

namespace gapscore::stats {

namespace {

// Sorted copy (plain doubles: equal values are indistinguishable, so how std::sort
// orders ties cannot matter), or nothing when a value is negative or non-finite.
std::optional<std::vector<double>> sorted_nonnegative(std::span<const double> x) {
  std::vector<double> s(x.begin(), x.end());
  for (double v : s)
    if (!(v >= 0.0) || !std::isfinite(v)) return std::nullopt;
  std::sort(s.begin(), s.end());
  return s;
}

}  // namespace

std::optional<double> gini(std::span<const double> x) {
  if (x.empty()) return std::nullopt;
  const auto s = sorted_nonnegative(x);
  if (!s) return std::nullopt;
  const std::size_t n = s->size();
  // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1)·x₍ᵢ₎ over the ascending order (1-based i),
  // so G = Σᵢ (2i − n − 1)·x₍ᵢ₎ / (n·Σx). The weights are exact integers.
  NeumaierSum weighted, total;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = 2.0 * static_cast<double>(i + 1) - static_cast<double>(n) - 1.0;
    weighted.add(w * (*s)[i]);
    total.add((*s)[i]);
  }
  const double t = total.value();
  if (!(t > 0.0) || !std::isfinite(t)) return std::nullopt;  // μ <= 0, or the sum overflowed
  const double g = weighted.value() / (static_cast<double>(n) * t);
  if (!std::isfinite(g)) return std::nullopt;
  return std::max(0.0, g);  // G >= 0; only a rounding could make it negative
}

std::optional<double> theil_t(std::span<const double> x) {
  if (x.empty()) return std::nullopt;
  const auto s = sorted_nonnegative(x);
  if (!s) return std::nullopt;
  const double mu = mean(*s);
  if (!(mu > 0.0) || !std::isfinite(mu)) return std::nullopt;
  NeumaierSum acc;
  for (double v : *s) {
    if (v == 0.0) continue;  // 0·ln 0 = 0
    const double r = v / mu;
    acc.add(r * detmath::log(r));
  }
  const double t = acc.value() / static_cast<double>(s->size());
  if (!std::isfinite(t)) return std::nullopt;
  // T >= 0 (Jensen); all-equal data can give −1e-17 from the rounding of μ.
  return std::max(0.0, t);
}

std::optional<double> coefficient_of_variation(std::span<const double> x) {
  if (x.empty() || !all_finite(x)) return std::nullopt;
  std::vector<double> s(x.begin(), x.end());
  std::sort(s.begin(), s.end());
  const double mu = mean(s);
  if (mu == 0.0) return std::nullopt;
  const double cv = std::sqrt(variance(s, 0)) / mu;
  if (!std::isfinite(cv)) return std::nullopt;
  return cv;
}

}  // namespace gapscore::stats
