// The people behind a figure (docs/privacy.md, "The people behind each
// figure"). A group metric is a sum or a mean over some of the group's rows or
// survey answers: hours saved over AI-assisted rows with a baseline, sentiment
// over the people who answered. Its contributors are the people with such
// rows or answers; a team of 20 with one AI user publishes, as its hours
// saved, that one person's hours. Each kind below is one such set; a metric
// names the kinds it needs, and the disclosure audit applies the group-size
// rule to each kind as it does to the group.
#pragma once

#include <cstdint>
#include <string>

#include "metrics/sums.h"

namespace gapscore::metrics {

enum Contributor : std::uint32_t {
  everyone = 0,  // every active person of the group (headcount, adoption, ...)
  ai_baseline_rows = 1u << 0,
  ai_rework_rows = 1u << 1,
  manual_rework_rows = 1u << 2,
  rework_rows = 1u << 3,
  quality_rows = 1u << 4,
  ai_quality_rows = 1u << 5,
  manual_quality_rows = 1u << 6,
  value_rows = 1u << 7,
  ai_value_rows = 1u << 8,
  manual_value_rows = 1u << 9,
  error_rows = 1u << 10,
  ai_error_rows = 1u << 11,
  manual_error_rows = 1u << 12,
  cycle_time_rows = 1u << 13,
  ai_cycle_time_rows = 1u << 14,
  manual_cycle_time_rows = 1u << 15,
  interaction_rows = 1u << 16,
  recommended_rows = 1u << 17,
  covered_ai_rows = 1u << 18,
  sentiment_answers = 1u << 19,
  wellbeing_answers = 1u << 20,
};
inline constexpr int kContributorKinds = 21;

// The kinds a person belongs to through their row sums (not the survey kinds).
std::uint32_t row_contributions(const Sums& s);

// Short snake_case name of one kind (a disclosure-audit domain, a test label).
const char* contributor_name(std::uint32_t kind);
// The kinds of a mask in words, for docs/metrics.md ("" for everyone).
std::string contributor_words(std::uint32_t mask);

}  // namespace gapscore::metrics
