// Per-person sums for the metrics, from the activity state (core/src/activity):
// exact fixed-point sums divided out into doubles once, plus the playbook
// sums (which need each person's final role, known only after the join).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dataset/dataset.h"
#include "metrics/playbook_lookup.h"
#include "metrics/sums.h"

namespace gapscore::metrics {

// The inputs' optional columns and tables, as metrics::Need bits.
std::uint32_t available_inputs(const Dataset& ds);

RowSums to_row_sums(const activity::ExactRowSums& s);

// Whole window, indexed by person (ds.persons order).
std::vector<Sums> person_sums(const Dataset& ds, const PlaybookLookup& pb);

// The activity state's cells grouped by period (one pass over them).
struct PeriodIndex {
  std::vector<std::vector<std::uint32_t>> cells;    // per period: indices into period_cells, in person order
  std::vector<std::vector<std::uint32_t>> pending;  // per period: indices into pending_playbook
};
PeriodIndex index_periods(const activity::ActivityData& a);

// One period (index into ds.activity.periods): sums of the people active in it.
// `people` lists them in id order; `out` is indexed by person and only their
// entries are written (others keep whatever they held).
void period_sums(const Dataset& ds, const PlaybookLookup& pb, const PeriodIndex& index, std::size_t period,
                 std::vector<std::uint32_t>& people, std::vector<Sums>& out);

}  // namespace gapscore::metrics
