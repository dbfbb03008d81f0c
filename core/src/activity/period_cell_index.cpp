#include "activity/period_cell_index.h"

#include <algorithm>

namespace gapscore::activity {

std::uint32_t PeriodCellIndex::find_or_insert_slow(std::uint32_t person, std::uint32_t period, std::uint32_t next) {
  if (!hashed_) {
    if (person >= person_capacity_) person_capacity_ = std::max<std::size_t>({person + std::size_t{1}, 64, person_capacity_ * 3 / 2});
    if (period >= dense_.size()) dense_.resize(period + std::size_t{1});
    std::vector<std::uint32_t>& column = dense_[period];
    if (person >= column.size()) {
      dense_slots_ += person_capacity_ - column.size();
      column.resize(person_capacity_, kAbsent);
    }
    const std::size_t limit = std::max(kDenseFloorBytes, kDenseBytesPerCell * (size_ + 1));
    if (dense_slots_ * sizeof(std::uint32_t) <= limit) return find_or_insert(person, period, next);
    to_hash();
  }
  const std::size_t before = hash_.size();
  const std::uint32_t cell = hash_.find_or_insert(key(person, period), next);
  size_ += hash_.size() - before;
  return cell;
}

void PeriodCellIndex::to_hash() {
  for (std::uint32_t period = 0; period < dense_.size(); ++period) {
    const std::vector<std::uint32_t>& column = dense_[period];
    for (std::uint32_t person = 0; person < column.size(); ++person)
      if (column[person] != kAbsent) hash_.find_or_insert(key(person, period), column[person]);
  }
  dense_ = {};
  dense_slots_ = 0;
  hashed_ = true;
}

std::size_t PeriodCellIndex::memory_bytes() const {
  return dense_slots_ * sizeof(std::uint32_t) + dense_.capacity() * sizeof(dense_[0]) + hash_.memory_bytes();
}

}  // namespace gapscore::activity
