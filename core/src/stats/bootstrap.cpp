// Percentile bootstrap CI of a difference of means, stratified by sample.
#include <algorithm>
#include <vector>

#include "gapscore/prng.h"
#include "gapscore/stats.h"

namespace gapscore::stats {

namespace {
double resampled_mean(std::span<const double> x, Prng& rng) {
  const std::uint64_t n = x.size();
  double s = 0.0;
  for (std::uint64_t i = 0; i < n; ++i) s += x[static_cast<std::size_t>(rng.below(n))];
  return s / static_cast<double>(n);
}
}  // namespace

std::optional<MeanDifferenceCi> bootstrap_mean_difference_ci(std::span<const double> a, std::span<const double> b,
                                                             int resamples, std::uint64_t seed, double confidence) {
  if (a.empty() || b.empty() || resamples < 1) return std::nullopt;
  Prng rng(seed);
  std::vector<double> diffs(static_cast<std::size_t>(resamples));
  for (double& d : diffs) {
    const double ma = resampled_mean(a, rng);  // a first, then b: a fixed draw order
    const double mb = resampled_mean(b, rng);
    d = ma - mb;
  }
  std::sort(diffs.begin(), diffs.end());
  const double alpha = (1.0 - confidence) / 2.0;
  return MeanDifferenceCi{quantile_linear(diffs, alpha), quantile_linear(diffs, 1.0 - alpha)};
}

}  // namespace gapscore::stats
