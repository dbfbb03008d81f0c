// Adding activity rows into Sums: the one hot loop of the analysis.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "metrics/activity_view.h"
#include "metrics/playbook_lookup.h"
#include "metrics/sums.h"

namespace gapscore::metrics {

void add_row(const ActivityView& v, const PlaybookLookup& pb, std::size_t row, Sums& s);

// Per-person sums over all rows (indexed by person), in row order.
std::vector<Sums> person_sums(const ActivityView& v, const PlaybookLookup& pb, std::size_t person_count);

// Per-person sums over the given rows only; `touched` lists persons with rows.
void person_sums_for_rows(const ActivityView& v, const PlaybookLookup& pb, std::span<const std::uint32_t> rows,
                          std::vector<Sums>& out, std::vector<std::uint32_t>& touched);

}  // namespace gapscore::metrics
