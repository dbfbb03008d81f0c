#include "privacy/partition.h"

namespace gapscore::privacy {

std::vector<CellStatus> plan_partition(std::span<const double> sizes, int k) {
  std::vector<CellStatus> status(sizes.size(), CellStatus::shown);
  double hidden = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] > 0 && sizes[i] < k) {
      status[i] = CellStatus::too_few_people;
      hidden += sizes[i];
    }
  }
  while (hidden > 0 && hidden < k) {
    std::size_t smallest = sizes.size();
    for (std::size_t i = 0; i < sizes.size(); ++i)
      if (status[i] == CellStatus::shown && sizes[i] > 0 && (smallest == sizes.size() || sizes[i] < sizes[smallest]))
        smallest = i;
    if (smallest == sizes.size()) break;  // everything is hidden already
    status[smallest] = CellStatus::complementary;
    hidden += sizes[smallest];
  }
  return status;
}

}  // namespace gapscore::privacy
