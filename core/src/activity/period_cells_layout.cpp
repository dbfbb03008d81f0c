// Where period cells keep their sums: new cells, reading a cell back, a row
// that needs a field widened, dropping and reordering cells. Per cell or rarer
// (compiled for size in wasm); adding rows (period_cells.cpp) is the per-row part.
#include "activity/period_cells.h"

namespace gapscore::activity {
namespace {

bool fits_narrow(std::size_t field, std::int64_t v) {
  return kNarrowPlace[field].count ? v == static_cast<std::int16_t>(v) : v == static_cast<std::int32_t>(v);
}

}  // namespace

// add()'s pass left the narrow width of some field: subtracting modulo 2^16
// or 2^32 restores every slot exactly, then the checked path takes the row.
bool PeriodCells::undo_then_add_slow(std::size_t i, const Sums& d) {
  Narrow& c = cells_[i];
  for (std::size_t k = 0; k < kPeriodCountFields.size(); ++k) {
    const std::size_t f = kPeriodCountFields[k];
    c.counts[k] = static_cast<std::int16_t>(static_cast<std::uint16_t>(static_cast<std::uint16_t>(c.counts[k]) -
                                                                       static_cast<std::uint16_t>(d[f] & narrow_mask_[f])));
  }
  for (std::size_t k = 0; k < kPeriodAmounts; ++k) {
    const std::size_t f = kPeriodAmountFields[k];
    c.amounts[k] = static_cast<std::int32_t>(static_cast<std::uint32_t>(c.amounts[k]) -
                                             static_cast<std::uint32_t>(d[f] & narrow_mask_[f]));
  }
  return add_slow(i, d);
}

bool PeriodCells::add_slow(std::size_t i, const Sums& d) {
  // Checked first (a row goes in whole or not at all), then widened, then added.
  std::uint32_t widen_mask = 0;
  for (std::size_t f = 0; f < kFields; ++f) {
    std::int64_t sum = 0;
    const std::int64_t have = is_wide(f) ? wide_sum(i, f) : narrow(cells_[i], f);
    if (__builtin_add_overflow(have, d[f], &sum)) return false;
    if (!is_wide(f) && !fits_narrow(f, sum)) widen_mask |= 1u << f;
  }
  for (std::size_t f = 0; f < kFields; ++f)
    if ((widen_mask >> f) & 1u) widen(f);
  Narrow& c = cells_[i];
  for (std::size_t f = 0; f < kFields; ++f) {
    if (is_wide(f)) wide_sum(i, f) += d[f];
    else set_narrow(c, f, narrow(c, f) + d[f]);
  }
  return true;
}

std::uint32_t PeriodCells::add_cell(std::uint32_t person, std::uint32_t period) {
  const auto i = static_cast<std::uint32_t>(cells_.size());
  Narrow c;
  c.person = person;
  c.period = period;
  cells_.push_back(c);
  for (std::size_t f = 0; f < kFields; ++f)
    if (in_column(f)) wide_[f].push_back(0);
  return i;
}

PeriodCell PeriodCells::operator[](std::size_t i) const {
  PeriodCell out;
  out.person = cells_[i].person;
  out.period = cells_[i].period;
  out.set_sums(sums(i));
  return out;
}

void PeriodCells::widen(std::size_t field) {
  if (inline_used_ < kInlineWide) {
    const std::size_t slot = inline_used_++;
    slot_[field] = static_cast<std::uint8_t>(slot);
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      cells_[i].w[slot] = narrow(cells_[i], field);
      set_narrow(cells_[i], field, 0);
    }
  } else {
    slot_[field] = kColumn;
    BlockVector<std::int64_t>& column = wide_[field];
    column.resize(cells_.size());
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      column[i] = narrow(cells_[i], field);
      set_narrow(cells_[i], field, 0);
    }
    column_mask_ |= 1u << field;
  }
  wide_mask_ |= 1u << field;
  narrow_mask_[field] = 0;
}

void PeriodCells::move_cell(std::size_t to, std::size_t from) {
  cells_[to] = cells_[from];
  for (std::size_t f = 0; f < kFields; ++f)
    if (in_column(f)) wide_[f][to] = wide_[f][from];
}

void PeriodCells::keep(const std::vector<std::uint32_t>& from) {
  for (std::size_t k = 0; k < from.size(); ++k)
    if (from[k] != k) move_cell(k, from[k]);
  cells_.truncate(from.size());
  for (std::size_t f = 0; f < kFields; ++f)
    if (in_column(f)) wide_[f].truncate(from.size());
}

void PeriodCells::permute(std::vector<std::pair<std::uint64_t, std::uint32_t>>& order) {
  // Cycle by cycle, holding one cell aside: no second copy of the cells.
  constexpr std::uint32_t kPlaced = 0xffffffffu;
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    if (order[k].second == kPlaced || order[k].second == k) continue;
    const Narrow held = cells_[k];
    std::array<std::int64_t, kFields> held_column{};
    for (std::size_t f = 0; f < kFields; ++f)
      if (in_column(f)) held_column[f] = wide_[f][k];
    std::uint32_t j = k;
    while (order[j].second != k) {
      const std::uint32_t from = order[j].second;
      move_cell(j, from);
      order[j].second = kPlaced;
      j = from;
    }
    cells_[j] = held;
    for (std::size_t f = 0; f < kFields; ++f)
      if (in_column(f)) wide_[f][j] = held_column[f];
    order[j].second = kPlaced;
  }
}

std::size_t PeriodCells::memory_bytes() const {
  std::size_t n = cells_.memory_bytes();
  for (const BlockVector<std::int64_t>& column : wide_) n += column.memory_bytes();
  return n;
}

}  // namespace gapscore::activity
