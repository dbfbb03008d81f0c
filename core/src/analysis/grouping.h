// Assigns every person to one group by the configured person attributes.
// Groups are ordered by their key values (bytewise), so reports list them
// in the same order on every platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dataset/dataset.h"

namespace gapscore::analysis {

struct Grouping {
  std::vector<std::string> attributes;            // e.g. {"team"}
  std::vector<std::vector<std::string>> keys;     // per group, one value per attribute
  std::vector<std::uint32_t> group_of_person;     // by person index
  std::vector<std::vector<std::uint32_t>> members;  // per group, person indices in id order
  std::size_t size() const { return keys.size(); }
};

Grouping group_persons(const Dataset& ds, const std::vector<std::string>& attributes);

// The distinct keys among `keys` in bytewise order (value by value), and the
// index of each key among them. Distinct keys are found through a hash and
// only they are sorted, so a re-analysis does not compare every person's key
// log n times.
struct KeyCells {
  std::vector<std::vector<std::string>> distinct;
  std::vector<std::uint32_t> cell_of;  // per key given
};
KeyCells key_cells(std::vector<std::vector<std::string>> keys);

}  // namespace gapscore::analysis
