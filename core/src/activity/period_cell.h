// What trends need of one person in one period: 32 exact sums.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "activity/exact_sums.h"

namespace gapscore::activity {

struct PeriodCell {
  static constexpr std::size_t kFields = 32;
  std::uint32_t person = 0, period = 0;
  ExactRowSums all;
  // Baseline sums of AI-assisted rows only (AI-attributable time saved), and
  // the rework of all AI-assisted rows (what the net saving subtracts).
  std::int64_t ai_b_rows = 0, ai_b_baseline = 0, ai_b_hours = 0, ai_b_rework = 0, ai_rework = 0;
  // Playbook sums (metrics::PlaybookSums), for rows whose status was known.
  std::int64_t recommended_tasks = 0, recommended_ai_tasks = 0, covered_ai_tasks = 0, off_playbook_ai_tasks = 0;

  // Field numbers of the sums after all's 23 (sums() order).
  enum Field : std::size_t {
    kAiBRows = 23, kAiBBaseline, kAiBHours, kAiBRework, kAiRework,
    kRecommendedTasks, kRecommendedAiTasks, kCoveredAiTasks, kOffPlaybookAiTasks,
  };
  // The sums in field order: all's fields as declared, then the ones above.
  std::array<std::int64_t, kFields> sums() const {
    std::array<std::int64_t, kFields> out;
    std::memcpy(out.data(), &all, sizeof out);
    return out;
  }
  void set_sums(const std::array<std::int64_t, kFields>& in) { std::memcpy(static_cast<void*>(&all), in.data(), sizeof in); }
};

// The sums that count rows, tasks, errors and interactions (all's counts,
// then the AI-assisted rows' and the playbook's); the others are fixed-point
// hours and values. A person's week keeps counts far below 2^15, so period
// cells hold them in 16 bits (period_cells.h).
constexpr std::array<std::size_t, 17> period_count_fields() {
  std::array<std::size_t, 17> out{};
  std::size_t k = 0;
  for (std::size_t f = 0; f < std::size(kExactRowSumFixedPoint); ++f)
    if (!kExactRowSumFixedPoint[f]) out[k++] = f;
  for (std::size_t f : {PeriodCell::kAiBRows, PeriodCell::kRecommendedTasks, PeriodCell::kRecommendedAiTasks,
                        PeriodCell::kCoveredAiTasks, PeriodCell::kOffPlaybookAiTasks})
    out[k++] = f;
  return out;
}
inline constexpr std::array<std::size_t, 17> kPeriodCountFields = period_count_fields();
static_assert(kPeriodCountFields[11] == 22 && kPeriodCountFields[12] == PeriodCell::kAiBRows,
              "all has 12 counts (the last is interactions), then the 5 counts after all");

// sums() reads the 32 fields as one run of int64s from `all` on.
static_assert(sizeof(ExactRowSums) == 23 * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, off_playbook_ai_tasks) == offsetof(PeriodCell, all) + 31 * sizeof(std::int64_t));
static_assert(sizeof(PeriodCell) == offsetof(PeriodCell, all) + PeriodCell::kFields * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, ai_b_rows) == offsetof(PeriodCell, all) + PeriodCell::kAiBRows * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, ai_rework) == offsetof(PeriodCell, all) + PeriodCell::kAiRework * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, recommended_tasks) ==
              offsetof(PeriodCell, all) + PeriodCell::kRecommendedTasks * sizeof(std::int64_t));

}  // namespace gapscore::activity
