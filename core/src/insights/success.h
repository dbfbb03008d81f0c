// Success stories: shown groups whose quality-adjusted output per hour rose
// most from their first to their last shown period. A group whose error rate
// rose over the same periods is "mixed": listed after the clean stories, and
// never the success card.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

struct SuccessStory {
  std::vector<std::string> key;
  std::string from_period, to_period;
  double qaoph_before = 0, qaoph_after = 0, qaoph_change = 0;  // relative change
  std::optional<double> error_rate_before, error_rate_after, error_rate_change;
  bool mixed = false;  // errors per task rose
  std::string text;
};

// `display_name` turns a group key into the text shown (managers are labelled, not named).
std::vector<SuccessStory> success_stories(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                                          const Config& config,
                                          const std::function<std::string(std::size_t group)>& display_name);

}  // namespace gapscore::insights
