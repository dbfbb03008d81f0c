// Suppression for one breakdown that partitions the people (e.g. roles), when
// the report also publishes the total: any single hidden part could otherwise
// be worked out as total minus the shown parts.
#pragma once

#include <span>
#include <vector>

#include "privacy/suppression.h"

namespace gapscore::privacy {

// Hides parts with 1..k-1 people; then, while the hidden parts together hold
// 1..k-1 people, also hides the smallest shown part (first one on ties), so a
// subtraction only ever reveals a union of at least k people.
std::vector<CellStatus> plan_partition(std::span<const double> sizes, int k);

}  // namespace gapscore::privacy
