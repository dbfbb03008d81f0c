// Compensated sums, means and variances: the building blocks every other
// kernel sums with, always in a fixed order.
#include <cmath>

#include "stats/stats.h"

namespace gapscore::stats {

void NeumaierSum::add(double v) {
  const double t = sum_ + v;
  // The low-order bits lost in sum_ + v, taken from whichever operand is smaller.
  if (std::fabs(sum_) >= std::fabs(v)) compensation_ += (sum_ - t) + v;
  else compensation_ += (v - t) + sum_;
  sum_ = t;
}

double sum(std::span<const double> x) {
  NeumaierSum s;
  for (double v : x) s.add(v);
  return s.value();
}

double mean(std::span<const double> x) { return x.empty() ? 0.0 : sum(x) / static_cast<double>(x.size()); }

// Two passes (mean, then squared deviations): no cancellation of Σx² − n·x̄².
double variance(std::span<const double> x, int ddof) {
  const auto n = static_cast<double>(x.size());
  if (n <= ddof) return 0.0;
  const double m = mean(x);
  NeumaierSum s;
  for (double v : x) s.add((v - m) * (v - m));
  return s.value() / (n - ddof);
}

bool all_finite(std::span<const double> x) {
  for (double v : x)
    if (!std::isfinite(v)) return false;
  return true;
}

}  // namespace gapscore::stats
