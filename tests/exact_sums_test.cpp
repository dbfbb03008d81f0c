// Exact row sums: a row goes into a person's sums whole or not at all. A row
// whose values would overflow a sum is refused and leaves every sum as it was.
// And the day bitmaps that find repeated keys, inline or in a heap block.
#include "activity/exact_sums.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <vector>

#include "activity/part.h"
#include "activity/part_codec.h"

namespace gapscore::activity {
namespace {

bool same(const ExactRowSums& a, const ExactRowSums& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// A row of `tasks` tasks, `ai_tasks` of them AI-assisted, in `hours` (fixed point).
RowValues task_row(std::int32_t tasks, std::int32_t ai_tasks, std::int64_t hours = 1'000'000) {
  RowValues v;
  v.tasks = tasks;
  v.ai_tasks = ai_tasks;
  v.hours = hours;
  return v;
}

TEST(ExactRowSums, AnOverflowInAnyFieldChangesNothing) {
  ExactRowSums base;
  base.rows = 3;
  base.hours = 5;
  base.interactions = std::numeric_limits<std::int64_t>::max() - 1;  // the last field
  ExactRowSums one;
  one.rows = 1;
  one.hours = 2;
  one.interactions = 1;
  ExactRowSums sum = base;
  ASSERT_TRUE(sum.can_add(one));
  ASSERT_TRUE(sum.add(one));
  EXPECT_EQ(sum.rows, 4);
  EXPECT_EQ(sum.hours, 7);
  const ExactRowSums before = sum;
  EXPECT_FALSE(sum.can_add(one));
  EXPECT_FALSE(sum.add(one));
  EXPECT_TRUE(same(sum, before));
  ExactRowSums negative;
  negative.rows = std::numeric_limits<std::int64_t>::min();  // the first field, the other way
  ExactRowSums minus_one;
  minus_one.rows = -1;
  EXPECT_FALSE(negative.can_add(minus_one));
}

// A row's contribution, field by field, for every mix of present and missing
// cells: what each field holds follows from the values alone (the fields are
// written, not zeroed first, so one left out would keep the garbage here).
TEST(ExactRowSums, ARowContributesEachFieldFromItsCells) {
  for (unsigned present = 0; present < 128; ++present) {
    RowValues v = task_row(7, 3, 2'500'000);
    v.has_baseline = present & 1, v.has_rework = present & 2, v.has_errors = present & 4, v.has_quality = present & 8;
    v.has_value = present & 16, v.has_cycle = present & 32, v.has_interactions = present & 64;
    v.baseline = 3'000'000, v.rework = 250'000, v.quality = 800'000, v.value = 42'000'000, v.cycle = 9'000'000;
    v.errors = 2, v.interactions = 11;
    ExactRowSums s;
    for (auto field : kExactRowSumFields) s.*field = 0x5A5A5A5A5A5A5A5A;
    ASSERT_TRUE(row_contribution(v, s));
    const auto when = [](bool has, std::int64_t x) { return has ? x : std::int64_t{0}; };
    const std::int64_t cost = 2'500'000 + when(v.has_rework, 250'000);
    const std::int64_t want[] = {1, 7, 3, 2'500'000,
                                 when(v.has_quality, 7), when(v.has_quality, 7 * 800'000), when(v.has_quality, cost),
                                 when(v.has_errors, 7), when(v.has_errors, 2),
                                 when(v.has_value, 1), when(v.has_value, 42'000'000), when(v.has_value, cost),
                                 when(v.has_cycle, 7), when(v.has_cycle, 7 * 9'000'000),
                                 when(v.has_rework, 1), when(v.has_rework, 2'500'000), when(v.has_rework, 250'000),
                                 when(v.has_baseline, 1), when(v.has_baseline, 3'000'000), when(v.has_baseline, 2'500'000),
                                 when(v.has_baseline, when(v.has_rework, 250'000)),
                                 when(v.has_interactions, 1), when(v.has_interactions, 11)};
    static_assert(std::size(want) == std::size(kExactRowSumFields));
    for (std::size_t f = 0; f < std::size(want); ++f) EXPECT_EQ(s.*kExactRowSumFields[f], want[f]) << "field " << f << " present " << present;
  }
}

// Products past 32-bit factors take the checked path: exact when they fit,
// refused when they pass 64 bits.
TEST(ExactRowSums, LargeProductsAreCheckedAndExact) {
  RowValues v = task_row(1'000'000, 0);
  v.has_cycle = true;
  v.cycle = std::int64_t{5'000'000'000'000};  // factor past 32 bits, product 5e18 < 2^63
  ExactRowSums s;
  ASSERT_TRUE(row_contribution(v, s));
  EXPECT_EQ(s.c_weighted, std::int64_t{5'000'000'000'000'000'000});
  v.cycle = std::int64_t{10'000'000'000'000};  // 1e19: past 2^63
  EXPECT_FALSE(row_contribution(v, s));
  v.has_cycle = false;
  v.has_quality = true;
  v.tasks = std::numeric_limits<std::int32_t>::max();
  v.quality = std::numeric_limits<std::int32_t>::min();  // both within 32 bits: the unchecked product
  ASSERT_TRUE(row_contribution(v, s));
  EXPECT_EQ(s.q_weighted, std::int64_t{std::numeric_limits<std::int32_t>::max()} * std::numeric_limits<std::int32_t>::min());
}

TEST(Part, ARowThatWouldOverflowASumIsRefusedWhole) {
  Part part(PartOptions{});
  RowValues v = task_row(2, 1);
  v.has_value = true;
  v.value = 5'000'000'000'000'000'000;  // 5e12 in fixed point: two of them pass int64
  ASSERT_EQ(part.add("P1", 20000, "coding", v, "", "", "", 2), RowOutcome::kept);
  const PersonPart after_first = part.persons()[0];
  const PeriodCell period_after_first = part.period_cells()[0];
  EXPECT_EQ(part.add("P1", 20001, "coding", v, "", "", "", 3), RowOutcome::overflow);
  EXPECT_TRUE(same(part.persons()[0].all, after_first.all));
  EXPECT_TRUE(same(part.persons()[0].ai, after_first.ai));
  EXPECT_TRUE(same(part.period_cells()[0].all, period_after_first.all));
  EXPECT_EQ(part.rows_in_window(), 1u);
  // A smaller value on another day still goes in.
  v.value = 1'000'000;
  EXPECT_EQ(part.add("P1", 20002, "coding", v, "", "", "", 4), RowOutcome::kept);
  EXPECT_EQ(part.persons()[0].all.rows, 2);
  EXPECT_EQ(part.persons()[0].all.v_value, 5'000'000'000'000'000'000 + 1'000'000);
}

// A row skips the per-field checks while the person's bound (the sum of each
// row's largest field) says nothing can overflow. After a saved part is read
// or two parts merge, the bound must still hold: a row that would pass 64 bits
// is refused there too.
TEST(Part, ARowThatWouldOverflowIsRefusedAfterALoadAndAMerge) {
  RowValues big = task_row(2, 1);
  big.has_value = true;
  big.value = 5'000'000'000'000'000'000;
  Part first(PartOptions{});
  ASSERT_EQ(first.add("P1", 20000, "coding", big, "", "", "", 2), RowOutcome::kept);
  ByteWriter out;
  PartCodec::write(first, out);
  ByteReader in(out.bytes());
  std::optional<Part> loaded = PartCodec::read(in);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->add("P1", 20100, "coding", big, "", "", "", 3), RowOutcome::overflow);
  EXPECT_EQ(loaded->persons()[0].all.v_value, 5'000'000'000'000'000'000);
  // Past its bound a person's sums are kept row by row: a row that fits, then
  // one that passes 64 bits only with it (each in a week of its own).
  RowValues fits = big;
  fits.ai_tasks = 0;  // manual rows: only `all` (and all - ai) can overflow
  fits.value = 4'000'000'000'000'000'000;  // 9e18 in all
  EXPECT_EQ(loaded->add("P1", 20200, "coding", fits, "", "", "", 4), RowOutcome::kept);
  fits.value = 300'000'000'000'000'000;  // 9.3e18 would pass 2^63
  EXPECT_EQ(loaded->add("P1", 20300, "coding", fits, "", "", "", 5), RowOutcome::overflow);
  EXPECT_EQ(loaded->persons()[0].all.v_value, 9'000'000'000'000'000'000);

  // Two parts of 4e18 each merge to 8e18 (fits); one more 4e18 row would not.
  big.value = 4'000'000'000'000'000'000;
  Part a(PartOptions{}), b(PartOptions{});
  ASSERT_EQ(a.add("P1", 20000, "coding", big, "", "", "", 2), RowOutcome::kept);
  ASSERT_EQ(b.add("P1", 20001, "coding", big, "", "", "", 3), RowOutcome::kept);
  ASSERT_EQ(a.merge(std::move(b)), std::optional<std::uint64_t>(0));
  // In another week: its period cell is new, so only the person's own sums can overflow.
  EXPECT_EQ(a.add("P1", 20100, "coding", big, "", "", "", 4), RowOutcome::overflow);
  EXPECT_EQ(a.persons()[0].all.v_value, 8'000'000'000'000'000'000);
  // Many small rows, then one that passes 64 bits only with their sum.
  Part many(PartOptions{});
  RowValues small = big;
  small.value = 1'000'000'000'000'000'000;  // 1e12 in fixed point
  for (int day = 0; day < 9; ++day) ASSERT_EQ(many.add("P1", 20000 + day, "coding", small, "", "", "", 2 + day), RowOutcome::kept);
  small.value = 200'000'000'000'000'000;  // 9e18 + 2e17 fits; another 2e17 does not
  EXPECT_EQ(many.add("P1", 20100, "coding", small, "", "", "", 20), RowOutcome::kept);
  EXPECT_EQ(many.add("P1", 20200, "coding", small, "", "", "", 21), RowOutcome::overflow);
  EXPECT_EQ(many.persons()[0].all.v_value, 9'200'000'000'000'000'000);
}

// Manual sums are kept as all - ai. With negative values (an outcome can be a
// loss) the manual sum can pass 64 bits while `all` does not: that row must
// be refused all the same, and the manual sums must stay all - ai.
TEST(Part, AManualSumPast64BitsIsRefusedThoughAllFits) {
  Part part(PartOptions{});
  RowValues loss = task_row(1, 1);  // AI-assisted
  loss.has_value = true;
  loss.value = -5'000'000'000'000'000'000;
  RowValues gain = loss;
  gain.ai_tasks = 0;  // manual
  gain.value = 5'000'000'000'000'000'000;
  ASSERT_EQ(part.add("P1", 20000, "coding", loss, "", "", "", 2), RowOutcome::kept);
  ASSERT_EQ(part.add("P1", 20001, "coding", gain, "", "", "", 3), RowOutcome::kept);
  // all.v_value is back to 0 and could take another 5e18; manual would be 1e19.
  EXPECT_EQ(part.persons()[0].all.v_value, 0);
  EXPECT_EQ(part.add("P1", 20002, "coding", gain, "", "", "", 4), RowOutcome::overflow);
  EXPECT_EQ(part.persons()[0].all.v_value, 0);
  EXPECT_EQ(part.persons()[0].manual().v_value, 5'000'000'000'000'000'000);
  EXPECT_EQ(part.persons()[0].manual().rows, 1);
  // An AI-assisted gain still fits every sum.
  RowValues ai_gain = gain;
  ai_gain.ai_tasks = 1;
  EXPECT_EQ(part.add("P1", 20003, "coding", ai_gain, "", "", "", 5), RowOutcome::kept);
  EXPECT_EQ(part.persons()[0].manual().v_value, 5'000'000'000'000'000'000);
  EXPECT_EQ(part.persons()[0].ai.v_value, 0);
}

// A person's sums of all rows are not added to row by row: they are settled
// from the person's period cells. Whatever the row order, and whether or not
// anything asked for them before the part was written, they are the rows' sums.
TEST(Part, PersonSumsAreTheSumsOfTheirRows) {
  Part part(PartOptions{});
  std::vector<ExactRowSums> expected(3);
  std::uint64_t row = 2;
  for (int i = 0; i < 60; ++i) {
    const int person = (i * 7) % 3;
    RowValues v = task_row(1 + i % 4, i % 3 == 0 ? 1 : 0, 250'000 * (1 + i % 5));
    v.has_value = i % 2 == 0;
    v.value = (i % 4 == 0 ? -1 : 1) * 1'000'000 * i;
    ExactRowSums s;
    ASSERT_TRUE(row_contribution(v, s));
    ASSERT_TRUE(expected[static_cast<std::size_t>(person)].add(s));
    // Days across several weeks, people interleaved.
    ASSERT_EQ(part.add("P" + std::to_string(person), 20000 + (i * 11) % 50, "task" + std::to_string(i % 2), v, "", "", "",
                       row++),
              RowOutcome::kept);
  }
  ByteWriter out;
  PartCodec::write(part, out);  // before anything settled the sums
  ByteReader in(out.bytes());
  std::optional<Part> loaded = PartCodec::read(in);
  ASSERT_TRUE(loaded);
  for (std::uint32_t p = 0; p < 3; ++p) {
    const std::uint32_t code = part.person_ids().find("P" + std::to_string(p));
    ASSERT_NE(code, TextCodes::kAbsent);
    EXPECT_TRUE(same(part.persons()[code].all, expected[p])) << p;
    EXPECT_TRUE(same(loaded->persons()[code].all, expected[p])) << p;
  }
}

// A saved part whose person sums do not add up to its period cells is corrupt,
// even when its manual sums agree with all - ai.
TEST(Part, ASavedPartWhosePersonSumsDisagreeWithItsCellsIsRefused) {
  Part part(PartOptions{});
  RowValues v = task_row(1, 1);
  ASSERT_EQ(part.add("P1", 20000, "coding", v, "", "", "", 2), RowOutcome::kept);
  ByteWriter out;
  PartCodec::write(part, out);
  std::string bytes(out.bytes());
  // Weekly flag, two optional days (1 + 4 bytes each), the count of people, "P1".
  std::size_t at = 1 + 5 + 5 + 4 + 4 + 2;
  ASSERT_EQ(bytes[at], '\x02');  // all.rows = 1, zigzag-mapped
  const std::size_t all_rows = at;
  for (int varints = 0; varints < 2 * 23; ++varints)  // all's and ai's 23 sums
    while (static_cast<unsigned char>(bytes[at++]) & 0x80) {
    }
  ASSERT_EQ(bytes[at], '\x00');  // manual.rows = 0
  {
    ByteReader in(bytes);
    ASSERT_TRUE(PartCodec::read(in));
  }
  bytes[all_rows] = '\x04';  // all.rows = 2
  bytes[at] = '\x02';        // manual.rows = 1 = all - ai: that check passes
  ByteReader in(bytes);
  EXPECT_FALSE(PartCodec::read(in));
}

TEST(ExactRowSums, ACheckedDifferenceRefusesWhatWouldOverflow) {
  ExactRowSums a, b, out;
  a.tasks = 7;
  b.tasks = 3;
  ASSERT_TRUE(checked_difference(a, b, out));
  EXPECT_EQ(out.tasks, 4);
  EXPECT_TRUE(same(out, manual_sums(a, b)));
  a.errors = std::numeric_limits<std::int64_t>::min();
  b.errors = 1;
  EXPECT_FALSE(checked_difference(a, b, out));
}

// Up to 256 days live inside the bitmap, more in a heap block: copies keep
// the days, a move takes them and leaves the source empty.
TEST(DayBits, CopiesAndMovesKeepTheDaysAndEmptyTheSource) {
  for (const std::int32_t span : {100, 1000}) {
    DayBits days;
    for (std::int32_t d = 20000; d < 20000 + span; d += 7) EXPECT_FALSE(days.test_and_set(d));
    EXPECT_TRUE(days.test_and_set(20007));  // a key seen already
    EXPECT_FALSE(days.test_and_set(19990));  // an earlier day widens the span at the front
    const DayBits copy = days;
    EXPECT_TRUE(copy.test(20007));
    EXPECT_TRUE(copy.test(19990));
    EXPECT_FALSE(copy.test(20001));
    EXPECT_EQ(std::vector<std::uint64_t>(copy.words().begin(), copy.words().end()),
              std::vector<std::uint64_t>(days.words().begin(), days.words().end()));
    DayBits moved = std::move(days);
    EXPECT_TRUE(moved.test(20000 + 7 * ((span - 1) / 7)));
    EXPECT_TRUE(days.words().empty());  // NOLINT(bugprone-use-after-move): a moved-from bitmap is empty
    EXPECT_FALSE(days.test(20007));
  }
}

}  // namespace
}  // namespace gapscore::activity
