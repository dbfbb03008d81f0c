// Inequality measures used for the uniformity of AI use.
#include <algorithm>
#include <cmath>
#include <vector>

#include "gapscore/detmath.h"
#include "gapscore/stats.h"

namespace gapscore::stats {

std::optional<double> gini(std::span<const double> x) {
  if (x.empty()) return std::nullopt;
  std::vector<double> s(x.begin(), x.end());
  for (double v : s)
    if (!(v >= 0.0)) return std::nullopt;
  std::sort(s.begin(), s.end());  // equal doubles are interchangeable: tie order cannot matter
  const double n = static_cast<double>(s.size());
  // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1) x₍ᵢ₎ for 1-based sorted ranks i.
  NeumaierSum weighted, total;
  for (std::size_t i = 0; i < s.size(); ++i) {
    weighted.add((2.0 * static_cast<double>(i + 1) - n - 1.0) * s[i]);
    total.add(s[i]);
  }
  if (!(total.value() > 0.0)) return std::nullopt;
  return weighted.value() / (n * total.value());
}

std::optional<double> theil_t(std::span<const double> x) {
  if (x.empty()) return std::nullopt;
  for (double v : x)
    if (!(v >= 0.0)) return std::nullopt;
  const double mu = mean(x);
  if (!(mu > 0.0)) return std::nullopt;
  NeumaierSum s;
  for (double v : x) {
    if (v == 0.0) continue;  // 0·ln 0 = 0
    const double r = v / mu;
    s.add(r * detmath::log(r));
  }
  return s.value() / static_cast<double>(x.size());
}

std::optional<double> coefficient_of_variation(std::span<const double> x) {
  if (x.empty()) return std::nullopt;
  const double mu = mean(x);
  if (mu == 0.0) return std::nullopt;
  return std::sqrt(variance(x, 0)) / mu;
}

}  // namespace gapscore::stats
