// Exact sums of activity rows: decimals held as 64-bit integers scaled by
// 10^6, so that adding rows in any order, in any number of chunks, gives the
// same bits. Doubles appear only when a finished sum is divided out
// (metrics::RowSums). Precision limit (docs/input-format.md): decimal cells
// are rounded to 6 places; a sum that would exceed 9.2e12 in its unit (hours,
// value) is refused with a diagnostic rather than wrapped.
#pragma once

#include <cstdint>

#include "ingest/cell_parse.h"

namespace gapscore::activity {

inline constexpr std::int64_t kScale = 1'000'000;  // fixed-point decimals: 6 places
inline constexpr double kScaleD = 1'000'000.0;

using ingest::to_fixed;  // a decimal as millionths (ingest/cell_parse.h)

// Field names follow metrics::RowSums; counts are plain, "(s)" fields scaled.
struct ExactRowSums {
  std::int64_t rows = 0;
  std::int64_t tasks = 0, ai_tasks = 0;
  std::int64_t hours = 0;                                      // (s)
  std::int64_t q_tasks = 0, q_weighted = 0, q_cost = 0;        // q_weighted, q_cost (s)
  std::int64_t e_tasks = 0, errors = 0;
  std::int64_t v_rows = 0, v_value = 0, v_cost = 0;            // v_value, v_cost (s)
  std::int64_t c_tasks = 0, c_weighted = 0;                    // c_weighted (s)
  std::int64_t r_rows = 0, r_hours = 0, rework = 0;            // r_hours, rework (s)
  std::int64_t b_rows = 0, b_baseline = 0, b_hours = 0, b_rework = 0;  // b_baseline, b_hours, b_rework (s)
  std::int64_t i_rows = 0, interactions = 0;

  // Adds o; false (and *this unchanged) when any field would overflow.
  [[nodiscard]] bool add(const ExactRowSums& o);
  // Whether add(o) would succeed, and the add after that check (no check again).
  [[nodiscard]] bool can_add(const ExactRowSums& o) const;
  void add_checked_before(const ExactRowSums& o);
};

// Every field of ExactRowSums once, in declaration order (saved states and
// period cells keep them in this order); loops over it unroll.
inline constexpr std::int64_t ExactRowSums::* kExactRowSumFields[] = {
    &ExactRowSums::rows,     &ExactRowSums::tasks,    &ExactRowSums::ai_tasks,   &ExactRowSums::hours,
    &ExactRowSums::q_tasks,  &ExactRowSums::q_weighted, &ExactRowSums::q_cost,   &ExactRowSums::e_tasks,
    &ExactRowSums::errors,   &ExactRowSums::v_rows,   &ExactRowSums::v_value,    &ExactRowSums::v_cost,
    &ExactRowSums::c_tasks,  &ExactRowSums::c_weighted, &ExactRowSums::r_rows,   &ExactRowSums::r_hours,
    &ExactRowSums::rework,   &ExactRowSums::b_rows,   &ExactRowSums::b_baseline, &ExactRowSums::b_hours,
    &ExactRowSums::b_rework, &ExactRowSums::i_rows,   &ExactRowSums::interactions};
static_assert(sizeof kExactRowSumFields / sizeof kExactRowSumFields[0] * sizeof(std::int64_t) == sizeof(ExactRowSums),
              "kExactRowSumFields lists every field of ExactRowSums");
// Per field of kExactRowSumFields: a fixed-point decimal (the "(s)" fields,
// scaled by kScale) or a count.
inline constexpr bool kExactRowSumFixedPoint[] = {false, false, false, true,  false, true,  true,  false,
                                                  false, false, true,  true,  false, true,  false, true,
                                                  true,  false, true,  true,  true,  false, false};
static_assert(sizeof kExactRowSumFixedPoint == sizeof kExactRowSumFields / sizeof kExactRowSumFields[0]);

// The manual rows' sums: every row adds to `all` and to one of AI-assisted or
// manual, so manual = all - ai field by field. Kept this way instead of as a
// third copy (184 bytes a person). Exact and without overflow whenever the
// manual sums themselves fit 64 bits, which every add checks (part.cpp).
ExactRowSums manual_sums(const ExactRowSums& all, const ExactRowSums& ai);
// all - ai when no field overflows (a saved state's sums are checked with it).
[[nodiscard]] bool checked_difference(const ExactRowSums& all, const ExactRowSums& ai, ExactRowSums& out);

// What one activity row adds, in fixed point. Optional cells are absent when
// their `has_*` flag is false (they then add nothing to their sums).
struct RowValues {
  std::int32_t tasks = 0, ai_tasks = 0;
  std::int64_t hours = 0;
  bool has_baseline = false, has_rework = false, has_errors = false, has_quality = false, has_value = false,
       has_cycle = false, has_interactions = false;
  std::int64_t baseline = 0, rework = 0, quality = 0, value = 0, cycle = 0;  // (s)
  std::int32_t errors = 0, interactions = 0;
};

// The row's contribution to ExactRowSums; false when a product overflows.
[[nodiscard]] bool row_contribution(const RowValues& v, ExactRowSums& out);

}  // namespace gapscore::activity
