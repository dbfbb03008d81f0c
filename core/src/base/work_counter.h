// Counts of work done (key probes, cells created), so tests can check that an
// operation scales with its input without timing anything. Counting is cheap:
// hot loops count locally and add once per call.
#pragma once

#include <cstdint>

namespace gapscore {

enum class Work : std::uint8_t {
  duplicate_key_probes,  // hash-table probes while finding repeated keys
  trend_cells,           // group x period cells created for trends
  suppression_cells,     // cells the suppression planner works on
  disclosure_pairs,      // (set, set, person) memberships the disclosure audit counts for overlaps
  count_,
};

void count_work(Work what, std::uint64_t n);
std::uint64_t work_done(Work what);
void reset_work_counters();

}  // namespace gapscore
