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

// The index of one of all's fields in sums() order.
constexpr std::size_t row_sum_field(std::int64_t ExactRowSums::* member) {
  for (std::size_t f = 0; f < std::size(kExactRowSumFields); ++f)
    if (kExactRowSumFields[f] == member) return f;
  return PeriodCell::kFields;
}

// The sums that count rows, tasks, errors and interactions; the others are
// fixed-point hours and values. A person's week keeps counts far below 2^15,
// so period cells hold them in 16 bits (period_cells.h).
inline constexpr std::array<std::size_t, 17> kPeriodCountFields = {
    row_sum_field(&ExactRowSums::rows),    row_sum_field(&ExactRowSums::tasks),   row_sum_field(&ExactRowSums::ai_tasks),
    row_sum_field(&ExactRowSums::q_tasks), row_sum_field(&ExactRowSums::e_tasks), row_sum_field(&ExactRowSums::errors),
    row_sum_field(&ExactRowSums::v_rows),  row_sum_field(&ExactRowSums::c_tasks), row_sum_field(&ExactRowSums::r_rows),
    row_sum_field(&ExactRowSums::b_rows),  row_sum_field(&ExactRowSums::i_rows),  row_sum_field(&ExactRowSums::interactions),
    PeriodCell::kAiBRows, PeriodCell::kRecommendedTasks, PeriodCell::kRecommendedAiTasks, PeriodCell::kCoveredAiTasks,
    PeriodCell::kOffPlaybookAiTasks};

// sums() reads the 32 fields as one run of int64s from `all` on.
static_assert(sizeof(ExactRowSums) == 23 * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, off_playbook_ai_tasks) == offsetof(PeriodCell, all) + 31 * sizeof(std::int64_t));
static_assert(sizeof(PeriodCell) == offsetof(PeriodCell, all) + PeriodCell::kFields * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, ai_b_rows) == offsetof(PeriodCell, all) + PeriodCell::kAiBRows * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, ai_rework) == offsetof(PeriodCell, all) + PeriodCell::kAiRework * sizeof(std::int64_t));
static_assert(offsetof(PeriodCell, recommended_tasks) ==
              offsetof(PeriodCell, all) + PeriodCell::kRecommendedTasks * sizeof(std::int64_t));

}  // namespace gapscore::activity
