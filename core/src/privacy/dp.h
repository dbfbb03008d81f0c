// Optional differential privacy for the headline figures (docs/privacy.md).
//
// Released per group and overall: headcount, AI users, tasks, AI tasks, hours
// saved and rework hours, each a sum of per-person contributions clamped to
// configured bounds, plus discrete Laplace noise. Noise is integer-valued on a
// fixed grid (1 person, 1 task, 0.01 hours), which avoids the floating-point
// attacks on textbook Laplace noise (Mironov 2012) that Google's DP library
// guards against. Each person is in two releases (overall and their group) of
// six statistics: epsilon is split evenly over the twelve.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "analysis/person_figures.h"
#include "gapscore/config.h"
#include "base/prng.h"

namespace gapscore::privacy {

class NoiseSource {
 public:
  explicit NoiseSource(std::optional<std::uint64_t> seed);
  std::uint64_t next64();
  bool secure() const { return !seeded_; }
  bool ok() const { return ok_; }

 private:
  bool seeded_;
  bool ok_ = true;
  Prng prng_;
};

// Two-sided geometric noise with P(x) ∝ exp(−|x|/scale), scale in grid units.
std::int64_t discrete_laplace(NoiseSource& noise, double scale);

// Variance of discrete_laplace(scale): 2q/(1−q)² with q = exp(−1/scale).
double discrete_laplace_variance(double scale);

inline constexpr int kDpStatistics = 6;
inline constexpr int kDpReleasesPerPerson = 2;

struct DpFigures {
  double headcount = 0, ai_users = 0, tasks = 0, ai_tasks = 0, hours_saved = 0, rework_hours = 0;
  std::optional<double> adoption_rate, ai_task_share;  // post-processed from the noisy figures
};

// One noisy release over `members` (person indices); figures are per person.
DpFigures dp_release(std::span<const std::uint32_t> members, std::span<const analysis::PersonFigures> figures,
                     const DpConfig& dp, bool with_rework, bool with_baseline, NoiseSource& noise);

double epsilon_per_statistic(const DpConfig& dp);

}  // namespace gapscore::privacy
