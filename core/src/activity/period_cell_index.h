// Where the cell of (person, period) is, while a part is read. A hash of
// every (person, period) pair took 16 bytes a pair at most half full: 134 MB
// for 3.1 million cells at 50M rows, a quarter of the cells' own memory. Most
// people are active in most periods, so a table per period indexed by person
// is both smaller (4 bytes a slot) and one memory access. When activity is
// sparse (many periods, each person in few), that table would outgrow the
// cells: past kDenseBytesPerCell bytes a cell it turns into the hash, once.
// Either way the cell numbers are the ones the caller gives: results never
// depend on which of the two holds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/flat_map.h"

namespace gapscore::activity {

class PeriodCellIndex {
 public:
  static constexpr std::uint32_t kAbsent = FlatU64Map::kAbsent;

  // The cell of (person, period), or `next` when the pair is new (then it is
  // recorded as `next`).
  std::uint32_t find_or_insert(std::uint32_t person, std::uint32_t period, std::uint32_t next) {
    if (!hashed_ && period < dense_.size() && person < dense_[period].size()) {
      std::uint32_t& slot = dense_[period][person];
      if (slot == kAbsent) {
        slot = next;
        ++size_;
      }
      return slot;
    }
    return find_or_insert_slow(person, period, next);
  }
  // The cell of (person, period), or kAbsent.
  std::uint32_t find(std::uint32_t person, std::uint32_t period) const {
    return hashed_ ? hash_.find(key(person, period)) : peek(person, period);
  }
  std::size_t size() const { return size_; }
  // Looking ahead: where the cell number of (person, period) is, and the number
  // (kAbsent when not there yet, or when the index is a hash).
  const void* slot_address(std::uint32_t person, std::uint32_t period) const {
    return !hashed_ && period < dense_.size() && person < dense_[period].size() ? &dense_[period][person] : nullptr;
  }
  std::uint32_t peek(std::uint32_t person, std::uint32_t period) const {
    const void* slot = slot_address(person, period);
    return slot ? *static_cast<const std::uint32_t*>(slot) : kAbsent;
  }
  bool hashed() const { return hashed_; }
  std::size_t memory_bytes() const;

 private:
  // The dense table may take this many bytes a cell (and 4 MB in any case).
  static constexpr std::size_t kDenseBytesPerCell = 32, kDenseFloorBytes = std::size_t{4} << 20;
  static std::uint64_t key(std::uint32_t person, std::uint32_t period) {
    return (static_cast<std::uint64_t>(person) << 32) | period;
  }
  std::uint32_t find_or_insert_slow(std::uint32_t person, std::uint32_t period, std::uint32_t next);
  void to_hash();

  std::vector<std::vector<std::uint32_t>> dense_;  // [period][person] -> cell
  std::size_t person_capacity_ = 0, dense_slots_ = 0, size_ = 0;
  bool hashed_ = false;
  FlatU64Map hash_;  // (person, period) -> cell, once hashed_
};

}  // namespace gapscore::activity
