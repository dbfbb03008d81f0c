#include "activity/period_cells.h"

namespace gapscore::activity {
namespace {

bool fits_32(std::int64_t v) { return v == static_cast<std::int32_t>(v); }

}  // namespace

std::uint32_t PeriodCells::add_cell(std::uint32_t person, std::uint32_t period) {
  const auto i = static_cast<std::uint32_t>(cells_.size());
  Narrow c;
  c.person = person;
  c.period = period;
  cells_.push_back(c);
  for (std::size_t f = 0; f < kFields; ++f)
    if (is_wide(f)) wide_[f].push_back(0);
  return i;
}

PeriodCell PeriodCells::operator[](std::size_t i) const {
  const Narrow& c = cells_[i];
  Sums s;
  for (std::size_t f = 0; f < kFields; ++f) s[f] = is_wide(f) ? wide_[f][i] : c.v[f];
  PeriodCell out;
  out.person = c.person;
  out.period = c.period;
  out.set_sums(s);
  return out;
}

bool PeriodCells::add(std::size_t i, const Sums& d) {
  Narrow& c = cells_[i];
  // The common case: every narrow sum still fits 32 bits. The additions wrap
  // (no overflow in C++ terms); a wrapped 64-bit result is never within 32
  // bits, so it goes to the checked path. A wide field adds nothing here (its
  // mask is 0): its slot stays 0 and its sum is added to its column below.
  std::array<std::int64_t, kFields> next;
  bool fit = true;
  for (std::size_t f = 0; f < kFields; ++f) {
    next[f] = static_cast<std::int64_t>(static_cast<std::uint64_t>(c.v[f]) +
                                        static_cast<std::uint64_t>(d[f] & narrow_mask_[f]));
    fit &= fits_32(next[f]);
  }
  if (!fit) return add_slow(i, d);
  if (wide_mask_ != 0) {
    std::int64_t sum = 0;
    for (std::uint32_t m = wide_mask_; m != 0; m &= m - 1)
      if (__builtin_add_overflow(wide_[__builtin_ctz(m)][i], d[__builtin_ctz(m)], &sum)) return false;
    for (std::uint32_t m = wide_mask_; m != 0; m &= m - 1) wide_[__builtin_ctz(m)][i] += d[__builtin_ctz(m)];
  }
  for (std::size_t f = 0; f < kFields; ++f) c.v[f] = static_cast<std::int32_t>(next[f]);
  return true;
}

bool PeriodCells::add_slow(std::size_t i, const Sums& d) {
  // Checked first (a row goes in whole or not at all), then widened, then added.
  std::uint32_t widen_mask = 0;
  for (std::size_t f = 0; f < kFields; ++f) {
    std::int64_t sum = 0;
    const std::int64_t have = is_wide(f) ? wide_[f][i] : cells_[i].v[f];
    if (__builtin_add_overflow(have, d[f], &sum)) return false;
    if (!is_wide(f) && !fits_32(sum)) widen_mask |= 1u << f;
  }
  for (std::size_t f = 0; f < kFields; ++f)
    if ((widen_mask >> f) & 1u) widen(f);
  Narrow& c = cells_[i];
  for (std::size_t f = 0; f < kFields; ++f) {
    if (is_wide(f)) wide_[f][i] += d[f];
    else c.v[f] = static_cast<std::int32_t>(c.v[f] + d[f]);
  }
  return true;
}

void PeriodCells::widen(std::size_t field) {
  BlockVector<std::int64_t>& column = wide_[field];
  column.resize(cells_.size());
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    column[i] = cells_[i].v[field];
    cells_[i].v[field] = 0;
  }
  wide_mask_ |= 1u << field;
  narrow_mask_[field] = 0;
}

void PeriodCells::move_cell(std::size_t to, std::size_t from) {
  cells_[to] = cells_[from];
  for (std::size_t f = 0; f < kFields; ++f)
    if (is_wide(f)) wide_[f][to] = wide_[f][from];
}

void PeriodCells::keep(const std::vector<std::uint32_t>& from) {
  for (std::size_t k = 0; k < from.size(); ++k)
    if (from[k] != k) move_cell(k, from[k]);
  cells_.truncate(from.size());
  for (std::size_t f = 0; f < kFields; ++f)
    if (is_wide(f)) wide_[f].truncate(from.size());
}

void PeriodCells::permute(std::vector<std::pair<std::uint64_t, std::uint32_t>>& order) {
  // Cycle by cycle, holding one cell aside: no second copy of the cells.
  constexpr std::uint32_t kPlaced = 0xffffffffu;
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    if (order[k].second == kPlaced || order[k].second == k) continue;
    const Narrow held = cells_[k];
    std::array<std::int64_t, kFields> held_wide{};
    for (std::size_t f = 0; f < kFields; ++f)
      if (is_wide(f)) held_wide[f] = wide_[f][k];
    std::uint32_t j = k;
    while (order[j].second != k) {
      const std::uint32_t from = order[j].second;
      move_cell(j, from);
      order[j].second = kPlaced;
      j = from;
    }
    cells_[j] = held;
    for (std::size_t f = 0; f < kFields; ++f)
      if (is_wide(f)) wide_[f][j] = held_wide[f];
    order[j].second = kPlaced;
  }
}

std::size_t PeriodCells::memory_bytes() const {
  std::size_t n = cells_.memory_bytes();
  for (const BlockVector<std::int64_t>& column : wide_) n += column.memory_bytes();
  return n;
}

}  // namespace gapscore::activity
