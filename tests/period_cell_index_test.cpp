// The index of (person, period) -> cell while a part is read: a table per
// period while people are active in most periods, a hash once that table
// would outgrow the cells. Whichever holds them, every pair must keep the cell
// it was given first, and a new pair must get the number offered.
#include "activity/period_cell_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <utility>

#include "base/prng.h"

namespace gapscore::activity {
namespace {

// Inserts pairs drawn from people x periods and checks each answer against a
// std::map; returns whether the index ended up hashed.
bool check_against_map(std::uint64_t seed, std::uint32_t people, std::uint32_t periods, std::size_t draws) {
  Prng rng(seed);
  PeriodCellIndex index;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> expected;
  for (std::size_t k = 0; k < draws; ++k) {
    const auto person = static_cast<std::uint32_t>(rng.below(people));
    const auto period = static_cast<std::uint32_t>(rng.below(periods));
    const auto next = static_cast<std::uint32_t>(expected.size());
    const auto [it, inserted] = expected.try_emplace({person, period}, next);
    EXPECT_EQ(index.find_or_insert(person, period, next), it->second) << person << "," << period << " inserted " << inserted;
    EXPECT_EQ(index.size(), expected.size());
  }
  // Every pair again: still its first cell, and nothing new is inserted.
  for (const auto& [pair, cell] : expected)
    EXPECT_EQ(index.find_or_insert(pair.first, pair.second, 0xfffffff0u), cell);
  EXPECT_EQ(index.size(), expected.size());
  return index.hashed();
}

TEST(PeriodCellIndex, DenseActivityStaysInTheTable) {
  // 3,000 people, 13 weeks, most pairs present: the table is far below 32 bytes a cell.
  EXPECT_FALSE(check_against_map(1, 3000, 13, 60000));
}

TEST(PeriodCellIndex, SparseActivityTurnsIntoTheHashWithTheSameCells) {
  // 200,000 people over 600 periods, one or two cells each: a table would be
  // 480 MB for about 300,000 cells, so the index must switch (and keep every cell).
  EXPECT_TRUE(check_against_map(2, 200000, 600, 300000));
}

TEST(PeriodCellIndex, PeopleInFirstSeenOrderGrowTheTable) {
  // Codes arrive in order (0, 1, 2, ...) as a reader interns them: every
  // growth keeps the cells already there.
  PeriodCellIndex index;
  std::uint32_t next = 0;
  for (std::uint32_t person = 0; person < 5000; ++person)
    for (std::uint32_t period = 0; period < 4; ++period, ++next) ASSERT_EQ(index.find_or_insert(person, period, next), next);
  next = 0;
  for (std::uint32_t person = 0; person < 5000; ++person)
    for (std::uint32_t period = 0; period < 4; ++period) ASSERT_EQ(index.find_or_insert(person, period, 0), next++);
  EXPECT_FALSE(index.hashed());
  EXPECT_LT(index.memory_bytes(), std::size_t{5000} * 4 * 8);  // well under a hash's 16 bytes a slot, half full
}

}  // namespace
}  // namespace gapscore::activity
