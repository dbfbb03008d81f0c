// The per-person, per-period sums trends need, held narrow while they fit. A
// cell has 32 exact sums (period_cell.h): 17 counts, kept in 16 bits, and 15
// fixed-point hours and values, kept in 32 bits (2,147 hours); a person's week
// rarely takes any of them further, and these cells are most of the state
// (people x periods: 478 MB of 1 GB at 50M rows).
// A field whose sum leaves its narrow width anywhere becomes wide for every cell: its
// values move to one of two 64-bit slots inside each cell (a row touches no
// more memory than before), or, past two wide fields, to a 64-bit column of
// their own. Two slots, not four: typical data has one or two such fields
// (outcome value, cycle-time weight), and at 3 million cells each unused slot
// is 25 MB. The sums stay exact and the same whatever the order rows come
// in; only where they are kept changes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "activity/period_cell.h"
#include "base/block_vector.h"

namespace gapscore::activity {

// Where a field's narrow sum lives: in the 16-bit counts or the 32-bit amounts, at `at`.
struct NarrowPlace {
  bool count = false;
  std::uint8_t at = 0;
};
inline constexpr std::size_t kPeriodAmounts = PeriodCell::kFields - kPeriodCountFields.size();
constexpr std::array<NarrowPlace, PeriodCell::kFields> narrow_places() {
  std::array<NarrowPlace, PeriodCell::kFields> out{};
  for (std::size_t k = 0; k < kPeriodCountFields.size(); ++k) out[kPeriodCountFields[k]] = {true, static_cast<std::uint8_t>(k)};
  std::uint8_t next = 0;
  for (NarrowPlace& p : out)
    if (!p.count) p.at = next++;
  return out;
}
inline constexpr std::array<NarrowPlace, PeriodCell::kFields> kNarrowPlace = narrow_places();
constexpr std::array<std::size_t, kPeriodAmounts> amount_fields() {
  std::array<std::size_t, kPeriodAmounts> out{};
  for (std::size_t f = 0; f < PeriodCell::kFields; ++f)
    if (!kNarrowPlace[f].count) out[kNarrowPlace[f].at] = f;
  return out;
}
inline constexpr std::array<std::size_t, kPeriodAmounts> kPeriodAmountFields = amount_fields();

class PeriodCells {
 public:
  static constexpr std::size_t kFields = PeriodCell::kFields;
  using Sums = std::array<std::int64_t, kFields>;

  std::size_t size() const { return cells_.size(); }
  // A new cell with zero sums; its index.
  std::uint32_t add_cell(std::uint32_t person, std::uint32_t period);
  std::uint32_t person(std::size_t i) const { return cells_[i].person; }
  std::uint32_t period(std::size_t i) const { return cells_[i].period; }
  void set_key(std::size_t i, std::uint32_t person, std::uint32_t period) {
    cells_[i].person = person;
    cells_[i].period = period;
  }
  // The cell with its 64-bit sums.
  PeriodCell operator[](std::size_t i) const;
  // Only the sums of cell i, in field order.
  Sums sums(std::size_t i) const;
  // Adds d to cell i: every field, or none when a sum would pass 64 bits.
  [[nodiscard]] bool add(std::size_t i, const Sums& d);

  // Keeps cell from[k] at k for every k (from[k] >= k, increasing), then truncates to from.size().
  void keep(const std::vector<std::uint32_t>& from);
  // Puts cell order[k].second at k (order is consumed: its second members are overwritten).
  void permute(std::vector<std::pair<std::uint64_t, std::uint32_t>>& order);

  std::uint32_t wide_fields() const { return wide_mask_; }
  // Looking ahead: where cell i is, and its size.
  const void* address(std::size_t i) const { return &cells_[i]; }
  static constexpr std::size_t cell_bytes();
  std::size_t memory_bytes() const;

 private:
  static constexpr std::size_t kInlineWide = 2;
  static constexpr std::uint8_t kColumn = 0xff;
  struct Narrow {
    std::uint32_t person = 0, period = 0;
    std::array<std::int16_t, kPeriodCountFields.size()> counts{};  // 0 for a wide field
    std::array<std::int32_t, kPeriodAmounts> amounts{};            // 0 for a wide field
    std::array<std::int64_t, kInlineWide> w{};                     // the first wide fields' sums
  };
  static std::int64_t narrow(const Narrow& c, std::size_t field) {
    const NarrowPlace p = kNarrowPlace[field];
    return p.count ? c.counts[p.at] : c.amounts[p.at];
  }
  static void set_narrow(Narrow& c, std::size_t field, std::int64_t v) {
    const NarrowPlace p = kNarrowPlace[field];
    if (p.count) c.counts[p.at] = static_cast<std::int16_t>(v);
    else c.amounts[p.at] = static_cast<std::int32_t>(v);
  }
  // A wide field's sum in cell i (inline slot or column).
  std::int64_t& wide_sum(std::size_t i, std::size_t field) {
    return slot_[field] != kColumn ? cells_[i].w[slot_[field]] : wide_[field][i];
  }
  std::int64_t wide_sum(std::size_t i, std::size_t field) const {
    return slot_[field] != kColumn ? cells_[i].w[slot_[field]] : wide_[field][i];
  }
  bool in_column(std::size_t field) const { return (column_mask_ >> field) & 1u; }
  static constexpr std::array<std::int64_t, kFields> all_narrow() {
    std::array<std::int64_t, kFields> m{};
    for (std::int64_t& x : m) x = ~std::int64_t{0};
    return m;
  }
  bool undo_then_add_slow(std::size_t i, const Sums& d);
  bool add_slow(std::size_t i, const Sums& d);
  void widen(std::size_t field);
  bool is_wide(std::size_t field) const { return (wide_mask_ >> field) & 1u; }
  // Moves cell `from` to `to` (both arrays), leaving `from` as it was.
  void move_cell(std::size_t to, std::size_t from);

  BlockVector<Narrow> cells_;
  std::uint32_t wide_mask_ = 0, column_mask_ = 0;
  std::size_t inline_used_ = 0;
  std::array<std::uint8_t, kFields> slot_{};  // a wide field's inline slot, or kColumn
  std::array<std::int64_t, kFields> narrow_mask_ = all_narrow();  // per field: ~0 narrow, 0 wide
  std::array<BlockVector<std::int64_t>, kFields> wide_;  // per field kept in a column, its sum per cell
};

constexpr std::size_t PeriodCells::cell_bytes() { return sizeof(Narrow); }

}  // namespace gapscore::activity
