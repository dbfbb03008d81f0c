// Percentile bootstrap CI of a difference of means, stratified by sample.
#include <algorithm>
#include <cmath>
#include <vector>

#include "base/prng.h"
#include "stats/stats.h"

namespace gapscore::stats {

namespace {

// Uniform indices below n < 2^32 from gapscore::Prng, two per 64-bit output.
// Prng::below multiplies 64×64→128 bits, which wasm32 does by a library call
// (the bootstrap ran 14× slower in node than natively); Lemire's method on
// 32-bit halves needs only a 64-bit multiply. Unbiased, integer-only, so the
// same indices on every platform.
class IndexDraws {
 public:
  explicit IndexDraws(std::uint64_t seed) : rng_(seed) {}

  std::uint32_t below(std::uint32_t n) {
    std::uint64_t m = static_cast<std::uint64_t>(next32()) * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n) {
      const std::uint32_t threshold = (0u - n) % n;  // 2^32 mod n
      while (low < threshold) {
        m = static_cast<std::uint64_t>(next32()) * n;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

 private:
  std::uint32_t next32() {
    if (have_low_) {
      have_low_ = false;
      return static_cast<std::uint32_t>(word_);
    }
    word_ = rng_.next();
    have_low_ = true;
    return static_cast<std::uint32_t>(word_ >> 32);
  }

  Prng rng_;
  std::uint64_t word_ = 0;
  bool have_low_ = false;
};

// Mean of n draws with replacement. Draw i goes to sum i % 4 and the four sums
// add as (s0 + s1) + (s2 + s3): a fixed order, so deterministic everywhere, and
// four chains of additions that need not wait for each other. A resample of a
// few hundred values loses nothing a CI could show to either order.
double resampled_mean(std::span<const double> x, IndexDraws& stream) {
  // A local copy keeps the generator's state in registers (through the
  // reference every draw stored it and loaded it back).
  IndexDraws draws = stream;
  const auto n = static_cast<std::uint32_t>(x.size());
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::uint32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += x[draws.below(n)];
    s1 += x[draws.below(n)];
    s2 += x[draws.below(n)];
    s3 += x[draws.below(n)];
  }
  if (i < n) s0 += x[draws.below(n)];
  if (i + 1 < n) s1 += x[draws.below(n)];
  if (i + 2 < n) s2 += x[draws.below(n)];
  stream = draws;
  return ((s0 + s1) + (s2 + s3)) / static_cast<double>(n);
}

}  // namespace

std::optional<MeanDifferenceCi> bootstrap_mean_difference_ci(std::span<const double> a, std::span<const double> b,
                                                             int resamples, std::uint64_t seed, double confidence) {
  if (a.empty() || b.empty() || resamples < 1 || !(confidence > 0.0 && confidence < 1.0)) return std::nullopt;
  if (!all_finite(a) || !all_finite(b)) return std::nullopt;
  if (a.size() > 0xFFFFFFFFu || b.size() > 0xFFFFFFFFu) return std::nullopt;  // beyond 32-bit indices
  IndexDraws draws(seed);
  // The only allocation: one slot per resample. Each resample draws all of a,
  // then all of b, so the stream of draws is fixed by (sizes, resamples, seed).
  std::vector<double> diffs(static_cast<std::size_t>(resamples));
  for (double& d : diffs) {
    const double ma = resampled_mean(a, draws);
    const double mb = resampled_mean(b, draws);
    d = ma - mb;
  }
  // A NaN (inf − inf, from overflowing inputs) has no place in an order.
  for (const double d : diffs)
    if (std::isnan(d)) return std::nullopt;
  // Plain doubles: equal values are interchangeable, so their order cannot matter.
  const MeanDifferenceCi ci{quantile_linear_select(diffs, (1.0 - confidence) / 2.0),
                            quantile_linear_select(diffs, (1.0 + confidence) / 2.0)};
  if (!std::isfinite(ci.low) || !std::isfinite(ci.high)) return std::nullopt;  // overflow of huge inputs
  return ci;
}

}  // namespace gapscore::stats
