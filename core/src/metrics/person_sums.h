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

// One period's sums, person by person, computed from the period's cells when a
// group asks for them: trends keep no per-person table of sums (people x 584
// bytes, for every period evaluated).
class PeriodSums {
 public:
  PeriodSums(const Dataset& ds, const PlaybookLookup& pb, const PeriodIndex& index);
  // Selects a period (index into ds.activity.periods); `people` becomes the
  // people active in it, in id order.
  void select(std::size_t period, std::vector<std::uint32_t>& people);
  // Adds person's sums in the selected period to `acc` (the person must be active in it).
  void add_to(std::uint32_t person, Sums& acc) const;
  Sums of(std::uint32_t person) const;

 private:
  struct PendingRange {
    std::uint32_t person, begin, end;  // into index.pending[period]
  };
  const Dataset& ds_;
  const PlaybookLookup& pb_;
  const PeriodIndex& index_;
  std::size_t period_ = 0;
  std::vector<std::uint32_t> cell_of_;  // by person: the selected period's cell
  std::vector<PendingRange> pending_;   // the selected period's pending cells, by person
};

}  // namespace gapscore::metrics
