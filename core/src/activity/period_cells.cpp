#include "activity/period_cells.h"

namespace gapscore::activity {
bool PeriodCells::add(std::size_t i, const Sums& d) {
  Narrow& c = cells_[i];
  // Wide fields first: a sum past 64 bits refuses the row before anything changed.
  for (std::uint32_t m = wide_mask_; m != 0; m &= m - 1) {
    const auto f = static_cast<std::size_t>(__builtin_ctz(m));
    std::int64_t sum = 0;
    if (__builtin_add_overflow(slot_[f] != kColumn ? c.w[slot_[f]] : wide_[f][i], d[f], &sum)) return false;
  }
  // The common case, in one pass: every narrow sum still fits 32 bits. Each
  // is formed in 64 bits, wrapping (a wrapped result is never within 32 bits),
  // and stored cut to 32; x fits when x + 2^31 < 2^32. A wide field adds
  // nothing here (its mask is 0). When one does not fit, the pass is undone
  // (subtracting modulo 2^32 restores every slot exactly) and the checked path
  // takes the row. No copy of the cell: in wasm each would be a memcpy call.
  std::uint64_t outside = 0;
  for (std::size_t f = 0; f < kFields; ++f) {
    const std::uint64_t sum = static_cast<std::uint64_t>(std::int64_t{c.v[f]}) + static_cast<std::uint64_t>(d[f] & narrow_mask_[f]);
    outside |= (sum + 0x80000000u) >> 32;
    c.v[f] = static_cast<std::int32_t>(static_cast<std::uint32_t>(sum));
  }
  if (outside != 0) return undo_then_add_slow(i, d);
  for (std::uint32_t m = wide_mask_; m != 0; m &= m - 1) {
    const auto f = static_cast<std::size_t>(__builtin_ctz(m));
    (slot_[f] != kColumn ? c.w[slot_[f]] : wide_[f][i]) += d[f];
  }
  return true;
}

}  // namespace gapscore::activity
