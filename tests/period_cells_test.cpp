// Period cells keep their sums in 32 bits until a field needs 64: the sums
// must be exact and the same in any order of additions, whichever fields went
// wide and when, and through dropping and reordering cells (finish()).
#include "activity/period_cells.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "base/prng.h"

namespace gapscore::activity {
namespace {

using Sums = PeriodCells::Sums;

struct Addition {
  std::uint32_t cell;
  Sums d;
};

// Small counts in every field; now and then a large value (past 32 bits once
// summed) in a few fields, and negative ones, as fixed-point decimals can be.
// `large_fields` fields from field 10 on get the large values: past two wide
// fields (field 20 is one), the rest are kept in columns.
std::vector<Addition> random_additions(std::uint64_t seed, std::uint32_t cells, std::size_t n, std::uint64_t large_fields) {
  Prng rng(seed);
  std::vector<Addition> out(n);
  for (Addition& a : out) {
    a.cell = static_cast<std::uint32_t>(rng.next() % cells);
    for (std::int64_t& x : a.d) x = static_cast<std::int64_t>(rng.next() % 7) - 1;
    if (rng.next() % 10 == 0) a.d[rng.next() % large_fields + 10] = static_cast<std::int64_t>(rng.next() % 3'000'000'000ull);
    if (rng.next() % 50 == 0) a.d[20] = -static_cast<std::int64_t>(rng.next() % 5'000'000'000ull);
  }
  return out;
}

PeriodCells filled(std::uint32_t cells, const std::vector<Addition>& adds) {
  PeriodCells c;
  for (std::uint32_t i = 0; i < cells; ++i) c.add_cell(i, i % 13);
  for (const Addition& a : adds) EXPECT_TRUE(c.add(a.cell, a.d));
  return c;
}

std::vector<Sums> reference(std::uint32_t cells, const std::vector<Addition>& adds) {
  std::vector<Sums> out(cells, Sums{});
  for (const Addition& a : adds)
    for (std::size_t f = 0; f < Sums{}.size(); ++f) out[a.cell][f] += a.d[f];
  return out;
}

TEST(PeriodCells, SumsAreExactInAnyOrderWhicheverFieldsWentWide) {
  constexpr std::uint32_t kCells = 300;
  for (const std::uint64_t large_fields : {1u, 8u}) {  // both wide fields inline; and most in columns
    const std::vector<Addition> adds = random_additions(7, kCells, 20'000, large_fields);
    const std::vector<Sums> want = reference(kCells, adds);
    std::vector<Addition> reversed(adds.rbegin(), adds.rend());
    const PeriodCells forward = filled(kCells, adds);
    const PeriodCells backward = filled(kCells, reversed);
    // The large values made their fields wide (and field 20, negative); the small ones stayed narrow.
    EXPECT_EQ(forward.wide_fields(), ((1u << large_fields) - 1) << 10 | 1u << 20);
    for (std::uint32_t i = 0; i < kCells; ++i) {
      EXPECT_EQ(forward[i].sums(), want[i]) << "cell " << i;
      EXPECT_EQ(backward[i].sums(), want[i]) << "cell " << i;
      EXPECT_EQ(forward[i].person, i);
      EXPECT_EQ(forward[i].period, i % 13);
    }
  }
}

// Counts are narrow in 16 bits, amounts in 32: a count past 2^15 (or below
// -2^15) becomes wide where an amount of the same size stays narrow, and no
// sum changes on the way.
TEST(PeriodCells, ACountPast16BitsGoesWideWhereAnAmountStaysNarrow) {
  const std::size_t count = kPeriodCountFields[1];  // tasks
  const std::size_t amount = kPeriodAmountFields[0];
  ASSERT_EQ(count, 1u);
  PeriodCells c;
  for (std::uint32_t i = 0; i < 3; ++i) c.add_cell(i, 0);
  Sums step{};
  step[count] = 20'000;
  step[amount] = 20'000;
  step[0] = 1;
  ASSERT_TRUE(c.add(1, step));
  EXPECT_EQ(c.wide_fields(), 0u);
  ASSERT_TRUE(c.add(1, step));  // 40,000: past 2^15 - 1 for the count only
  EXPECT_EQ(c.wide_fields(), 1u << count);
  Sums minus{};
  minus[kPeriodCountFields[16]] = -40'000;  // a count going below -2^15
  ASSERT_TRUE(c.add(2, minus));
  EXPECT_EQ(c.wide_fields(), 1u << count | 1u << kPeriodCountFields[16]);
  EXPECT_EQ(c[1].sums()[count], 40'000);
  EXPECT_EQ(c[1].sums()[amount], 40'000);
  EXPECT_EQ(c[1].sums()[0], 2);
  EXPECT_EQ(c[2].sums()[kPeriodCountFields[16]], -40'000);
  EXPECT_EQ(c[0].sums(), Sums{});
  // 32,767 fits a count exactly; one more does not.
  Sums edge{};
  edge[kPeriodCountFields[2]] = 32'767;
  ASSERT_TRUE(c.add(0, edge));
  EXPECT_FALSE((c.wide_fields() >> kPeriodCountFields[2]) & 1u);
  edge[kPeriodCountFields[2]] = 1;
  ASSERT_TRUE(c.add(0, edge));
  EXPECT_TRUE((c.wide_fields() >> kPeriodCountFields[2]) & 1u);
  EXPECT_EQ(c[0].sums()[kPeriodCountFields[2]], 32'768);
}

TEST(PeriodCells, AnAdditionPast64BitsChangesNothingNarrowOrWide) {
  PeriodCells c;
  c.add_cell(0, 0);
  Sums big{};
  big[5] = std::numeric_limits<std::int64_t>::max() - 10;  // goes wide
  big[0] = 3;
  ASSERT_TRUE(c.add(0, big));
  const Sums before = c[0].sums();
  Sums more{};
  more[0] = 1;   // narrow, fits
  more[5] = 11;  // wide, passes 2^63 - 1
  EXPECT_FALSE(c.add(0, more));
  EXPECT_EQ(c[0].sums(), before);
  more[5] = 10;  // now exactly the maximum: goes in whole
  EXPECT_TRUE(c.add(0, more));
  EXPECT_EQ(c[0].sums()[5], std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(c[0].sums()[0], 4);

  Sums low{};
  low[1] = std::numeric_limits<std::int64_t>::min();  // a narrow field
  ASSERT_TRUE(c.add(0, low));
  const Sums after_low = c[0].sums();
  Sums minus{};
  minus[1] = -1;
  minus[2] = 5;
  EXPECT_FALSE(c.add(0, minus));
  EXPECT_EQ(c[0].sums(), after_low);
}

TEST(PeriodCells, KeepAndPermuteMoveWideAndNarrowSumsTogether) {
  constexpr std::uint32_t kCells = 2'500;  // more than two blocks
  const std::vector<Addition> adds = random_additions(11, kCells, 30'000, 7);  // 8 wide: 2 inline, 6 in columns
  const std::vector<Sums> want = reference(kCells, adds);
  PeriodCells c = filled(kCells, adds);
  ASSERT_EQ(__builtin_popcount(c.wide_fields()), 8);
  std::vector<std::uint32_t> kept;
  for (std::uint32_t i = 0; i < kCells; ++i)
    if (i % 3 != 1) kept.push_back(i);
  c.keep(kept);
  ASSERT_EQ(c.size(), kept.size());
  // Reverse order by a key, as finish() sorts by (period, person).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(kept.size());
  for (std::uint32_t k = 0; k < kept.size(); ++k) order[k] = {kept.size() - k, k};
  std::sort(order.begin(), order.end());
  c.permute(order);
  for (std::uint32_t k = 0; k < kept.size(); ++k) {
    const std::uint32_t original = kept[kept.size() - 1 - k];
    EXPECT_EQ(c[k].sums(), want[original]) << "position " << k;
    EXPECT_EQ(c.person(k), original);
  }
  // New cells after all that start at zero in every field, wide ones included.
  const std::uint32_t fresh = c.add_cell(9, 9);
  EXPECT_EQ(c[fresh].sums(), Sums{});
}

}  // namespace
}  // namespace gapscore::activity
