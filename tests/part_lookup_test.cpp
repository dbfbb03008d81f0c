// How a part finds a row's task cell and playbook status while reading: a
// person's first task cells through the person's own slots, the rest through
// the hash; the playbook asked once per person and once per (role, task type).
// Whichever path finds it, a (person, task type) has one cell, and a repeated
// (person, date, task type) is a repeat.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "activity/part.h"
#include "activity/part_codec.h"
#include "activity/playbook_resolver.h"
#include "base/prng.h"
#include "base/same_text.h"
#include "ingest/ingest.h"
#include "model/table.h"

namespace gapscore::activity {
namespace {

RowValues one_task() {
  RowValues v;
  v.tasks = 1;
  return v;
}

// Two people, nine task types each (more than the slots hold), rows by date
// then person then task type, as exports are; each key given twice.
TEST(PartLookup, EveryTaskTypeOfAPersonHasOneCellPastTheSlots) {
  Part part(PartOptions{});
  const std::vector<std::string> people{"P1", "P2"};
  std::vector<std::string> tasks;
  for (int t = 0; t < 9; ++t) tasks.push_back("task" + std::to_string(t));
  std::uint64_t row = 1;
  for (std::int32_t day = 20000; day < 20010; ++day)
    for (const std::string& person : people)
      for (const std::string& task : tasks) {
        EXPECT_EQ(part.add(person, day, task, one_task(), "", "", "", ++row), RowOutcome::kept);
        EXPECT_EQ(part.add(person, day, task, one_task(), "", "", "", ++row), RowOutcome::duplicate) << person << task;
      }
  ASSERT_EQ(part.task_cells().size(), people.size() * tasks.size());
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> cells;
  for (const TaskCell& c : part.task_cells()) {
    ++cells[{c.person, c.task}];
    EXPECT_EQ(c.manual.tasks, 10) << "one kept row a day for ten days";
  }
  EXPECT_EQ(cells.size(), part.task_cells().size()) << "no (person, task type) has two cells";
  EXPECT_EQ(part.rows_in_window(), 10u * people.size() * tasks.size());
}

// Counts the questions a part asks; answers by the person's and task's names.
class CountingResolver : public PlaybookResolver {
 public:
  mutable int role_questions = 0, status_questions = 0;
  std::uint32_t role_of(std::string_view person_id) const override {
    ++role_questions;
    if (person_id == "nobody") return kNoRole;
    return person_id == "E1" || person_id == "E2" ? 0 : 1;  // 0: engineer, 1: a role the playbook lacks
  }
  PlaybookStatus status_of(std::uint32_t role, std::string_view task_type) const override {
    ++status_questions;
    if (role != 0) return PlaybookStatus::role_not_covered;
    return task_type == "coding" ? PlaybookStatus::recommended : PlaybookStatus::not_recommended;
  }
};

// Hints (Part::upcoming, given natively for rows in random order) only fetch:
// a part told of the rows to come, rightly or wrongly, ends with the bytes of
// one told nothing. Hints are asked for once most rows jump between people,
// and not while rows come grouped by person.
TEST(PartLookup, HintsChangeNothingAndAreWantedOnlyWhenRowsJumpBetweenPeople) {
  struct Key {
    std::string person, task;
    std::int32_t day;
  };
  std::vector<Key> keys;
  for (int person = 0; person < 300; ++person)
    for (int day = 0; day < 10; ++day)
      for (const char* task : {"code", "docs", "review"})
        keys.push_back({"P" + std::to_string(person), task, 20000 + day * 3});
  const auto add_all = [](Part& part, const std::vector<Key>& rows, bool hints) {
    RowValues v = one_task();
    v.hours = 1'500'000;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (hints && i + 8 < rows.size()) part.upcoming(rows[i + 8].person, rows[i + 8].day, rows[i + 8].task);
      if (hints && i % 7 == 0) part.upcoming("nobody", kMissingInt, "no such task");  // a wrong hint
      if (hints && i % 11 == 0) part.upcoming(rows[i / 2].person, rows[i / 2].day + 400, "docs");  // a stale one
      v.ai_tasks = static_cast<std::int32_t>(i % 2);
      EXPECT_EQ(part.add(rows[i].person, rows[i].day, rows[i].task, v, "", "", "", i + 2), RowOutcome::kept);
    }
  };
  const auto bytes = [](const Part& part) {
    ByteWriter out;
    PartCodec::write(part, out);
    return out.bytes();
  };
  Part grouped(PartOptions{});
  add_all(grouped, keys, false);
  EXPECT_FALSE(grouped.wants_upcoming());
  std::vector<Key> shuffled = keys;
  std::uint32_t x = 12345;
  for (std::size_t i = shuffled.size(); i > 1; --i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    std::swap(shuffled[i - 1], shuffled[x % i]);
  }
  Part told(PartOptions{}), untold(PartOptions{});
  add_all(told, shuffled, true);
  add_all(untold, shuffled, false);
  EXPECT_TRUE(told.wants_upcoming());
  EXPECT_EQ(bytes(told), bytes(untold));
  EXPECT_EQ(told.rows_in_window(), keys.size());
}

TEST(PartLookup, ThePlaybookIsAskedOncePerPersonAndOncePerRoleAndTaskType) {
  CountingResolver resolver;
  PartOptions options;
  options.playbook = &resolver;
  Part part(options);
  std::uint64_t row = 1;
  for (std::int32_t day = 20000; day < 20005; ++day)
    for (const char* person : {"E1", "E2", "S1", "nobody"})
      for (const char* task : {"coding", "email"}) part.add(person, day, task, one_task(), "", "", "", ++row);
  EXPECT_EQ(resolver.role_questions, 4);
  EXPECT_EQ(resolver.status_questions, 4) << "(engineer, coding), (engineer, email), (other, coding), (other, email)";
  std::map<std::pair<std::string, std::string>, PlaybookStatus> status;
  for (const TaskCell& c : part.task_cells())
    status[{part.person_ids().texts()[c.person], part.task_types().texts()[c.task]}] = c.status;
  EXPECT_EQ((status[{"E1", "coding"}]), PlaybookStatus::recommended);
  EXPECT_EQ((status[{"E2", "email"}]), PlaybookStatus::not_recommended);
  EXPECT_EQ((status[{"S1", "coding"}]), PlaybookStatus::role_not_covered);
  EXPECT_EQ((status[{"nobody", "email"}]), PlaybookStatus::unknown);
}

IngestedTable read_table(TableKind kind, const std::string& csv) {
  IngestOptions o;
  o.kind = kind;
  DiagnosticLog log;
  auto t = ingest_table(csv, o, log);
  EXPECT_TRUE(t.ok());
  return std::move(t).value();
}

TEST(PartLookup, TheTableResolverGivesOneCodePerRoleAndTheRolesStatus) {
  const IngestedTable people = read_table(TableKind::people,
                                          "person_id,team,role\n"
                                          "E1,a,engineer\nE2,a,engineer\nS1,b,sales\nX1,b,\nE1,c,sales\n");
  const IngestedTable playbook = read_table(TableKind::playbook,
                                            "role,task_type,ai_recommended\n"
                                            "engineer,coding,true\nengineer,email,false\n");
  TablePlaybookResolver r(&people.table, playbook.table);
  const std::uint32_t engineer = r.role_of("E1");  // the first row of a person id counts
  ASSERT_NE(engineer, PlaybookResolver::kNoRole);
  EXPECT_EQ(r.role_of("E2"), engineer);
  EXPECT_NE(r.role_of("S1"), engineer);
  EXPECT_EQ(r.role_of("X1"), PlaybookResolver::kNoRole) << "no role given";
  EXPECT_EQ(r.role_of("unknown"), PlaybookResolver::kNoRole);
  EXPECT_EQ(r.status_of(engineer, "coding"), PlaybookStatus::recommended);
  EXPECT_EQ(r.status_of(engineer, "email"), PlaybookStatus::not_recommended);
  EXPECT_EQ(r.status_of(engineer, "meetings"), PlaybookStatus::not_recommended) << "a task the playbook does not list";
  EXPECT_EQ(r.status_of(r.role_of("S1"), "coding"), PlaybookStatus::role_not_covered);
}

// Ids and names are compared word by word (same_text): it must agree with ==
// at every length, for a difference at any byte, in any bit of it.
TEST(PartLookup, SameTextAgreesWithEqualityAtEveryLengthAndByte) {
  std::uint64_t state = 2024;
  for (std::size_t n = 0; n <= 40; ++n)
    for (int trial = 0; trial < 200; ++trial) {
      std::string a(n, '\0');
      for (char& c : a) c = static_cast<char>(splitmix64(state) % 256);
      std::string b = a;
      EXPECT_TRUE(same_text(a, b)) << n;
      if (n == 0) continue;
      const std::size_t at = splitmix64(state) % n;
      b[at] = static_cast<char>(b[at] ^ (1 << (splitmix64(state) % 8)));
      EXPECT_FALSE(same_text(a, b)) << "length " << n << " byte " << at;
      EXPECT_FALSE(same_text(a, b.substr(0, n - 1)));
      // Views into longer buffers (an id inside a CSV line): only their own bytes count.
      const std::string line = "x" + a + "y";
      EXPECT_TRUE(same_text(std::string_view(line).substr(1, n), a));
      const std::string_view shifted = std::string_view(line).substr(0, n);
      EXPECT_EQ(same_text(shifted, a), shifted == a);
    }
}

}  // namespace
}  // namespace gapscore::activity
