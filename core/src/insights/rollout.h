// Rollout effect: difference-in-differences on person-period observations,
// y = a + b·treated + c·post + d·treated·post, d the effect (HC3 errors).
// Treated: people whose group (rollout.by) has a rollout date. Post: periods
// starting on or after that date (controls: the earliest rollout date).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "config/setting_refs.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

struct DidEstimate {
  std::string outcome;
  std::optional<std::string> reason;
  std::optional<double> estimate, se, p_value, ci_low, ci_high;
  std::optional<double> treated_pre_mean;  // the base the effect adds to: mean y of treated people before
  double observations = 0;
};

struct RolloutEffect {
  std::optional<std::string> reason;  // no rollout configured, or the design does not allow it (words)
  SettingRefs settings = 0;  // the config keys the reason depends on
  std::vector<std::string> treated_groups, control_groups;
  std::optional<double> treated_people, control_people;  // nullopt: withheld by the disclosure audit
  std::vector<DidEstimate> estimates;  // quality_adjusted_output_per_hour, error_rate
};

// The two arms: active people whose group (rollout.by) has a rollout date, and the others.
struct RolloutArms {
  bool configured = false;
  std::vector<std::uint32_t> treated, control;  // person indices, sorted
  std::vector<std::string> treated_groups, control_groups;
};
RolloutArms rollout_arms(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);

// `arms` is the disclosure audit's decision on the two arms (shown together):
// anything else withholds the estimates and the arms' headcounts.
RolloutEffect rollout_effect(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config,
                             privacy::CellStatus arms);

}  // namespace gapscore::insights
