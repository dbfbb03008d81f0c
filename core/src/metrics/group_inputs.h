// What a group-level metric is computed from: the group's row sums plus the
// person-level figures (headcount, AI users, survey means, unevenness).
#pragma once

#include <cstdint>
#include <optional>

#include "metrics/sums.h"

namespace gapscore::metrics {

// Inputs a metric may need beyond the required activity columns.
enum Need : std::uint32_t {
  need_none = 0,
  need_baseline_hours = 1u << 0,
  need_rework_hours = 1u << 1,
  need_errors = 1u << 2,
  need_quality = 1u << 3,
  need_outcome_value = 1u << 4,
  need_cycle_time_hours = 1u << 5,
  need_ai_interactions = 1u << 6,
  need_survey_sentiment = 1u << 7,
  need_survey_wellbeing = 1u << 8,
  need_playbook = 1u << 9,
};

struct GroupInputs {
  const Sums* sums = nullptr;
  double headcount = 0;
  double ai_users = 0;
  std::optional<double> within_gini;
  std::optional<double> sentiment_mean, wellbeing_mean, sentiment_favorable_share;
};

using GroupMetricFn = std::optional<double> (*)(const GroupInputs&);

// a / b, or nullopt when b is zero (a ratio with no denominator is undefined, not 0).
inline std::optional<double> ratio(double a, double b) {
  if (b == 0.0) return std::nullopt;
  return a / b;
}

}  // namespace gapscore::metrics
