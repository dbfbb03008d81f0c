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
  // The common case, in one pass: every narrow sum still fits its width (16
  // bits for counts, 32 for amounts). Each is formed in 64 bits, wrapping (a
  // wrapped result is never within 32 bits), and stored cut to its width; x
  // fits 16 bits when x + 2^15 < 2^16. A wide field adds nothing here (its
  // mask is 0). When one does not fit, the pass is undone (subtracting modulo
  // 2^16 or 2^32 restores every slot exactly) and the checked path takes the
  // row. No copy of the cell: in wasm each would be a memcpy call.
  std::uint64_t outside = 0;
  for (std::size_t k = 0; k < kPeriodCountFields.size(); ++k) {
    const std::size_t f = kPeriodCountFields[k];
    const std::uint64_t sum =
        static_cast<std::uint64_t>(std::int64_t{c.counts[k]}) + static_cast<std::uint64_t>(d[f] & narrow_mask_[f]);
    outside |= (sum + 0x8000u) >> 16;
    c.counts[k] = static_cast<std::int16_t>(static_cast<std::uint16_t>(sum));
  }
  for (std::size_t k = 0; k < kPeriodAmounts; ++k) {
    const std::size_t f = kPeriodAmountFields[k];
    const std::uint64_t sum =
        static_cast<std::uint64_t>(std::int64_t{c.amounts[k]}) + static_cast<std::uint64_t>(d[f] & narrow_mask_[f]);
    outside |= (sum + 0x80000000u) >> 32;
    c.amounts[k] = static_cast<std::int32_t>(static_cast<std::uint32_t>(sum));
  }
  if (outside != 0) return undo_then_add_slow(i, d);
  for (std::uint32_t m = wide_mask_; m != 0; m &= m - 1) {
    const auto f = static_cast<std::size_t>(__builtin_ctz(m));
    (slot_[f] != kColumn ? c.w[slot_[f]] : wide_[f][i]) += d[f];
  }
  return true;
}

// Per cell and per group member in trends (a re-analysis reads every cell
// several times), so it is here with add(), not with the layout code.
PeriodCells::Sums PeriodCells::sums(std::size_t i) const {
  const Narrow& c = cells_[i];
  // Every narrow slot (0 for a wide field), then the wide fields' sums: no branch per field.
  Sums s;
  for (std::size_t k = 0; k < kPeriodCountFields.size(); ++k) s[kPeriodCountFields[k]] = c.counts[k];
  for (std::size_t k = 0; k < kPeriodAmounts; ++k) s[kPeriodAmountFields[k]] = c.amounts[k];
  for (std::uint32_t m = wide_mask_; m != 0; m &= m - 1) {
    const auto f = static_cast<std::size_t>(__builtin_ctz(m));
    s[f] = wide_sum(i, f);
  }
  return s;
}

}  // namespace gapscore::activity
