// Rollout effect: difference-in-differences on person-period observations,
// y = a + b·treated + c·post + d·treated·post, d the effect (HC3 errors).
// Treated: people whose group (rollout.by) has a rollout date. Post: periods
// starting on or after that date (controls: the earliest rollout date).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"

namespace gapscore::insights {

struct DidEstimate {
  std::string outcome;
  std::optional<std::string> reason;
  std::optional<double> estimate, se, p_value, ci_low, ci_high;
  std::optional<double> treated_pre_mean;  // the base the effect adds to: mean y of treated people before
  double observations = 0;
};

struct RolloutEffect {
  std::optional<std::string> reason;  // no rollout configured, or the design does not allow it
  std::vector<std::string> treated_groups, control_groups;
  double treated_people = 0, control_people = 0;
  std::vector<DidEstimate> estimates;  // quality_adjusted_output_per_hour, error_rate
};

RolloutEffect rollout_effect(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);

}  // namespace gapscore::insights
