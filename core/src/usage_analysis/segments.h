// Usage segments, as Microsoft's vivainsights identify_usage_segments (12-week
// version), per person over the last weeks of usage data (docs/usage-exports.md):
//   habitual      = actions in at least ceil(habit_min_share x W) of the W weeks (9 of 12)
//   power_user    = habitual and mean weekly actions >= power_min_mean (15)
//   habitual_user = habitual and mean below that
//   novice_user   = not habitual and mean >= novice_min_mean (1)
//   low_user      = not habitual and 0 < mean < novice_min_mean
//   non_user      = mean 0
// A week without a value (not licensed, or not in the export) counts as 0
// actions. Checked against an independent pandas implementation
// (tests/reference/segments_reference.py).
//
// Segment counts are figures like any other (docs/privacy.md): per shown group
// and overall, a count of 1..k-1 people is hidden, and so are other counts
// (complementary) until no hidden count can be worked out from the published
// totals (each group's population, the overall counts) and no line's hidden
// counts add up to fewer than k people.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/grouping.h"
#include "dataset/usage_join.h"
#include "gapscore/config.h"
#include "privacy/suppression.h"

namespace gapscore::usage_analysis {

enum class Segment : std::uint8_t { power_user, habitual_user, novice_user, low_user, non_user };
inline constexpr std::size_t kSegmentCount = 5;
const char* segment_name(Segment s);

// The weeks segments are computed over: the last `weeks` ISO weeks of action
// data, fewer when the data covers fewer.
struct SegmentWindow {
  std::int32_t first_week = 0, last_week = 0;  // Mondays
  int weeks = 0;
  int habit_min_weeks = 0;  // ceil(habit_min_share x weeks)
};

struct SegmentCell {
  double people = 0;
  privacy::CellStatus status = privacy::CellStatus::shown;
};
using SegmentRow = std::array<SegmentCell, kSegmentCount>;

enum class Maturity : std::uint8_t { initial_rollout, ramping_up, embedding, full_integration };
const char* maturity_name(Maturity m);

struct Segments {
  std::optional<SegmentWindow> window;  // none without weekly action counts
  std::vector<Segment> of_person;       // by usage population index
  SegmentRow overall;
  std::vector<SegmentRow> groups;       // by group (hidden groups: not published)
};

// Per-person segments over the window (no counts yet).
Segments classify_segments(const JoinedUsage& u, const Config& config);
// The per-group and overall counts with their privacy status, once the usage
// section's suppression plan is known (hidden groups stay hidden).
void plan_segments(Segments& segments, const analysis::Grouping& grouping, const privacy::SuppressionPlan& plan);

// The adoption-maturity stage from the power-user share of the people.
Maturity maturity_of(double power_user_share, const UsageConfig::Maturity& thresholds);

}  // namespace gapscore::usage_analysis
