#include "privacy/dp.h"

#include <algorithm>
#include <cmath>

#include "base/detmath.h"
#include "privacy/secure_random.h"

namespace gapscore::privacy {

NoiseSource::NoiseSource(std::optional<std::uint64_t> seed) : seeded_(seed.has_value()), prng_(seed.value_or(0)) {}

std::uint64_t NoiseSource::next64() {
  if (seeded_) return prng_.next();
  std::uint64_t v = 0;
  if (!secure_random_bytes(&v, sizeof v)) ok_ = false;
  return v;
}

namespace {

// Uniform in (0, 1] with 53 random bits.
double uniform_open0(NoiseSource& noise) { return (static_cast<double>(noise.next64() >> 11) + 1.0) * 0x1.0p-53; }

// Geometric number of failures before a success with P(success) = 1 − exp(−1/scale):
// floor(−scale · ln U) for U uniform in (0, 1].
std::int64_t geometric(NoiseSource& noise, double scale) {
  const double g = std::floor(-scale * detmath::log(uniform_open0(noise)));
  return g > 9.0e15 ? static_cast<std::int64_t>(9.0e15) : static_cast<std::int64_t>(g);
}

// Snaps a value to the grid, adds noise in grid units, and maps back.
double noisy(double value, double sensitivity, double grid, double epsilon, NoiseSource& noise) {
  const double units = std::floor(value / grid + 0.5);
  const double scale = sensitivity / grid / epsilon;
  return (units + static_cast<double>(discrete_laplace(noise, scale))) * grid;
}

}  // namespace

std::int64_t discrete_laplace(NoiseSource& noise, double scale) {
  return geometric(noise, scale) - geometric(noise, scale);
}

double discrete_laplace_variance(double scale) {
  const double q = detmath::exp(-1.0 / scale);
  return 2.0 * q / ((1.0 - q) * (1.0 - q));
}

double epsilon_per_statistic(const DpConfig& dp) { return dp.epsilon / (kDpStatistics * kDpReleasesPerPerson); }

DpFigures dp_release(std::span<const std::uint32_t> members, std::span<const analysis::PersonFigures> figures,
                     const DpConfig& dp, bool with_rework, bool with_baseline, NoiseSource& noise) {
  double count = 0, users = 0, tasks = 0, ai_tasks = 0, saved = 0, rework = 0;
  for (std::uint32_t p : members) {
    const analysis::PersonFigures& f = figures[p];
    if (!f.active) continue;
    count += 1;
    users += f.ai_user ? 1 : 0;
    // Clamping bounds each person's influence: it is what sets the sensitivity.
    tasks += std::min(f.tasks, std::floor(dp.max_tasks_per_person));
    ai_tasks += std::min(f.ai_tasks, std::floor(dp.max_tasks_per_person));
    saved += std::clamp(f.hours_saved, -dp.max_hours_saved_per_person, dp.max_hours_saved_per_person);
    rework += std::min(f.rework_hours, dp.max_rework_hours_per_person);
  }
  const double eps = epsilon_per_statistic(dp);
  DpFigures out;
  out.headcount = std::max(0.0, noisy(count, 1, 1, eps, noise));
  out.ai_users = std::clamp(noisy(users, 1, 1, eps, noise), 0.0, out.headcount);
  out.tasks = std::max(0.0, noisy(tasks, std::floor(dp.max_tasks_per_person), 1, eps, noise));
  out.ai_tasks = std::clamp(noisy(ai_tasks, std::floor(dp.max_tasks_per_person), 1, eps, noise), 0.0, out.tasks);
  // Hours are released on a 0.01-hour grid; statistics whose column is missing still draw noise,
  // so the budget use does not depend on the data.
  out.hours_saved = noisy(saved, dp.max_hours_saved_per_person, 0.01, eps, noise);
  out.rework_hours = std::max(0.0, noisy(rework, dp.max_rework_hours_per_person, 0.01, eps, noise));
  if (!with_baseline) out.hours_saved = 0;
  if (!with_rework) out.rework_hours = 0;
  if (out.headcount > 0) out.adoption_rate = out.ai_users / out.headcount;
  if (out.tasks > 0) out.ai_task_share = out.ai_tasks / out.tasks;
  return out;
}

}  // namespace gapscore::privacy
