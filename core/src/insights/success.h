// Success stories: shown groups whose quality-adjusted output per hour rose
// most from their first to their last shown period. A group whose error rate
// rose over the same periods is "mixed": listed after the clean stories, and
// never the success card. Each story says whether the rise was AI use's: it
// compares the group's AI users with its other people, where each side has
// enough people to compare.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

// What comparing a group's AI users with its other people says about its rise.
enum class Attribution {
  ai_users_rose_more,      // the AI users' rise was larger: a story of AI use
  no_more_among_ai_users,  // the rise was as large or larger without AI: not AI use's
  too_few_ai_users,        // too few AI users to compare: the rise is mostly others'
  too_few_non_users,       // too few people without AI to compare with
  too_few_side_by_side,    // both sides have people, but not enough in the same periods
};
std::string_view attribution_name(Attribution a);

struct SuccessStory {
  std::vector<std::string> key;
  std::string from_period, to_period;
  double qaoph_before = 0, qaoph_after = 0, qaoph_change = 0;  // relative change
  std::optional<double> error_rate_before, error_rate_after, error_rate_change;
  bool mixed = false;  // errors per task rose, by more than chance
  Attribution attribution = Attribution::too_few_side_by_side;
  std::string text;
};

// A story that may be told as one of AI use: errors did not rise, and the rise
// is not known to come from people without AI.
bool card_worthy(const SuccessStory& s);

// `display_name` turns a group key into the text shown (managers are labelled, not named).
std::vector<SuccessStory> success_stories(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                                          const Config& config,
                                          const std::function<std::string(std::size_t group)>& display_name);

}  // namespace gapscore::insights
