// Reading the activity in parallel shards gives the same report bytes as one
// reader, whatever the number of shards, the chunk size, and (apart from the
// inputs' digests) the order of the rows. A property test over random splits.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/prng.h"
#include "gapscore/generate.h"
#include "gapscore/session.h"
#include "sharded_report.h"
#include "test_util.h"

namespace gapscore {
namespace {

using Inputs = testing_util::OrgTables;
using testing_util::sharded_report;

Inputs generated(std::uint32_t people, std::uint32_t days, std::uint64_t seed) {
  GenerateOptions o;
  o.people = people;
  o.days = days;
  o.seed = seed;
  return testing_util::generated_tables(o);
}

// A generated organisation made messy: rows shuffled, about 4 % repeated keys
// (the repeat changes a value, so a double count would show), some bad rows,
// and inline attributes that sometimes conflict.
Inputs messy_organisation(std::uint64_t seed, bool shuffle) {
  Inputs in = generated(60, 30, seed);
  std::vector<std::string> lines;
  std::size_t start = 0;
  const std::string& a = in.activity;
  while (start < a.size()) {
    const std::size_t end = a.find('\n', start);
    lines.push_back(a.substr(start, end - start));
    start = end == std::string::npos ? a.size() : end + 1;
  }
  const std::string header = lines.front() + ",team";
  lines.erase(lines.begin());
  Prng rng(seed * 7 + 1);
  std::vector<std::string> rows;
  for (const std::string& line : lines) {
    const std::string team = rng.below(50) == 0 ? "Elsewhere" : "Inline";
    rows.push_back(line + "," + team);
    if (rng.below(25) == 0) rows.push_back(line.substr(0, line.rfind(',')) + ",7," + team);  // a repeat, changed
    if (rng.below(200) == 0) rows.push_back("P0001,2025-13-01,coding,1,0,1,,,,,,,," + team);  // a bad date
  }
  if (shuffle)
    for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.below(i)]);
  in.activity = header + "\n";
  for (const std::string& r : rows) in.activity += r + "\n";
  return in;
}

std::string without_digests(const std::string& report) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(report);
  for (auto& in : j["inputs"]) in["sha256"] = nullptr;
  return j.dump(1);
}

TEST(Sharding, TheSampleGivesTheSameBytesForAnyShardCountAndChunkSize) {
  const Inputs in = testing_util::sample_tables();
  const std::string one = sharded_report(in, 1, 1 << 20);
  ASSERT_FALSE(one.empty());
  for (std::uint32_t shards : {2u, 3u, 8u})
    for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{4093}, std::size_t{97}})
      EXPECT_EQ(sharded_report(in, shards, chunk), one) << shards << " shards, chunks of " << chunk;
}

TEST(Sharding, BlankLinesAreCountedOnceWhicheverShardAnEmptyIdBelongsTo) {
  // A blank line has an empty person_id, which hashes to some shard; each is
  // counted once (it was lost when that shard was not shard 0).
  Inputs in = testing_util::sample_tables();
  std::string with_blanks;
  int line = 0;
  for (std::size_t at = 0; at < in.activity.size();) {
    const std::size_t end = in.activity.find('\n', at);
    with_blanks += in.activity.substr(at, end - at + 1);
    if (++line % 7 == 0) with_blanks += "\n";
    at = end + 1;
  }
  // The same with person_id second: then no shard skips a blank line's first field.
  std::string swapped;
  for (std::size_t at = 0; at < with_blanks.size();) {
    const std::size_t end = with_blanks.find('\n', at);
    const std::string l = with_blanks.substr(at, end - at);
    const std::size_t comma = l.find(',');
    const std::size_t next = l.find(',', comma + 1);
    swapped += l.empty() ? "" : l.substr(comma + 1, next - comma - 1) + "," + l.substr(0, comma) + l.substr(next);
    swapped += "\n";
    at = end + 1;
  }
  for (const std::string& activity : {with_blanks, swapped}) {
    in.activity = activity;
    const std::string one = sharded_report(in, 1, 1 << 20);
    ASSERT_NE(one.find("\"blank_lines\": " + std::to_string(line / 7)), std::string::npos);
    for (std::uint32_t shards : {2u, 3u, 5u}) EXPECT_EQ(sharded_report(in, shards, 4093), one) << shards << " shards";
  }
}

TEST(Sharding, RandomSplitsOfMessyInputsGiveTheSameBytes) {
  Prng rng(99);
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Inputs in = messy_organisation(seed, true);
    const std::string one = sharded_report(in, 1, in.activity.size());
    ASSERT_FALSE(one.empty());
    // The mess is really there: repeats and bad rows are reported, not counted.
    EXPECT_NE(one.find("\"duplicate_key\""), std::string::npos);
    EXPECT_NE(one.find("\"invalid_date\""), std::string::npos);
    for (int trial = 0; trial < 3; ++trial) {
      const auto shards = static_cast<std::uint32_t>(1 + rng.below(8));
      const std::size_t chunk = 1 + rng.below(20000);
      EXPECT_EQ(sharded_report(in, shards, chunk), one) << "seed " << seed << ", " << shards << " shards, chunks of " << chunk;
    }
  }
}

TEST(Sharding, RowOrderChangesNothingButTheDigestWithoutRepeatsOrConflicts) {
  Inputs in = generated(40, 20, 5);
  const std::string sorted = sharded_report(in, 1, 1 << 20);
  // Shuffle the data rows.
  const std::size_t header_end = in.activity.find('\n') + 1;
  std::vector<std::string> rows;
  for (std::size_t at = header_end; at < in.activity.size();) {
    const std::size_t end = in.activity.find('\n', at);
    rows.push_back(in.activity.substr(at, end - at + 1));
    at = end + 1;
  }
  Prng rng(11);
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.below(i)]);
  std::string shuffled = in.activity.substr(0, header_end);
  for (const std::string& r : rows) shuffled += r;
  in.activity = shuffled;
  for (std::uint32_t shards : {1u, 3u})
    EXPECT_EQ(without_digests(sharded_report(in, shards, 1000)), without_digests(sorted)) << shards << " shards";
}

// Rows in random order turn on looking ahead (Part::upcoming), which splits
// the lines after each record itself. Lines that are not one record each
// (quoted newlines, CRLF, blank and short lines) may only make its hints
// wrong: the report stays what the rows say, in any chunking.
TEST(Sharding, LookingAheadPastOddLinesChangesNothing) {
  Inputs in = generated(60, 30, 8);
  const std::size_t header_end = in.activity.find('\n') + 1;
  std::vector<std::string> rows;
  for (std::size_t at = header_end; at < in.activity.size();) {
    const std::size_t end = in.activity.find('\n', at);
    rows.push_back(in.activity.substr(at, end - at));
    at = end + 1;
  }
  const auto without_inputs = [](const std::string& report) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(report);
    j.erase("inputs");
    return j.dump(1);
  };
  const std::string sorted = without_inputs(sharded_report(in, 1, 1 << 20));
  Prng rng(17);
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.below(i)]);
  ASSERT_GT(rows.size(), 3000u);  // several windows of rows that jump between people
  std::string odd = in.activity.substr(0, header_end);
  for (std::string& r : rows) {
    const std::uint64_t kind = rng.below(40);
    const std::size_t first_comma = r.find(',');
    if (kind == 0) r = "\"" + r.substr(0, first_comma) + "\"" + r.substr(first_comma);  // a quoted person_id
    if (kind == 1) {  // a quoted task type (the same type once unquoted)
      const std::size_t second = r.find(',', first_comma + 1), third = r.find(',', second + 1);
      r = r.substr(0, second + 1) + "\"" + r.substr(second + 1, third - second - 1) + "\"" + r.substr(third);
    }
    odd += r + (kind == 2 ? "\r\n" : "\n");
    if (kind == 3) odd += "\n";  // a blank line
  }
  // With several readers each looks ahead at its own people's rows only.
  for (std::uint32_t shards : {1u, 3u})
    for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{4093}, std::size_t{211}, std::size_t{64}})
      EXPECT_EQ(without_inputs(sharded_report({odd, in.people, in.surveys, in.playbook}, shards, chunk)), sorted)
          << shards << " readers, chunks of " << chunk;
  // A line break inside a quoted cell and a short line: rows the report counts
  // as they are, the same in every chunking.
  std::string broken = odd;
  broken.insert(broken.find("\n", broken.size() / 2) + 1, "P0001,\"2025-01-\n06\",coding,1,0,1\nP0002,2025-01-07\n");
  const std::string whole = sharded_report({broken, in.people, in.surveys, in.playbook}, 1, broken.size());
  EXPECT_NE(whole.find("\"ragged_row\""), std::string::npos);
  for (std::size_t chunk : {std::size_t{4093}, std::size_t{97}})
    EXPECT_EQ(sharded_report({broken, in.people, in.surveys, in.playbook}, 1, chunk), whole) << "chunks of " << chunk;
}

TEST(Sharding, AnAccentWrittenTwoWaysIsOneName) {
  // "Café" typed (U+00E9) and "Cafe" + a combining acute (U+0301, how some macOS tools write it) look
  // the same in every report: one team, one role (which the playbook's rule for it must reach), one
  // task type. From the people table and from the activity's own team column; 1, 2 and 3 shards.
  const std::string nfc = "Caf\xC3\xA9", nfd = "Cafe\xCC\x81";
  const std::string dev_nfc = "d\xC3\xA9v", dev_nfd = "de\xCC\x81v", review_nfc = "r\xC3\xA9vision", review_nfd = "re\xCC\x81vision";
  const std::string config = R"({"group_by": ["team"], "privacy": {"min_group_size": 3}})";
  testing_util::OrgTables in;
  in.people = "person_id,team,role\n";
  in.activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  for (int p = 1; p <= 6; ++p) {
    const std::string id = "P" + std::to_string(p);
    in.people += id + "," + (p <= 3 ? nfc : nfd) + "," + (p % 2 ? dev_nfc : dev_nfd) + "\n";
    in.activity += id + ",2025-01-06," + (p % 2 ? review_nfd : review_nfc) + ",3," + (p <= 2 ? "2" : "0") + ",2\n";
  }
  in.playbook = "role,task_type,ai_recommended\n" + dev_nfc + "," + review_nfc + ",true\n";
  const std::string one = testing_util::sharded_report(in, 1, 1 << 20, config);
  const nlohmann::json j = nlohmann::json::parse(one);
  ASSERT_EQ(j["groups"].size(), 1u) << j["groups"];
  EXPECT_EQ(j["groups"][0]["key"]["team"], nfc);
  EXPECT_EQ(j["groups"][0]["headcount"], 6);
  EXPECT_EQ(one.find(nfd), std::string::npos);
  EXPECT_EQ(one.find(dev_nfd), std::string::npos);
  EXPECT_EQ(one.find(review_nfd), std::string::npos);
  // Every row is on the one recommended (role, task) pair, whichever way each is written: 4 AI tasks of 18.
  EXPECT_DOUBLE_EQ(j["overall"]["metrics"]["utilization_rate"].get<double>(), 4.0 / 18.0) << j["overall"]["metrics"];
  for (std::uint32_t shards : {2u, 3u}) EXPECT_EQ(testing_util::sharded_report(in, shards, 7, config), one) << shards;

  // The activity's own team column (no people table): the rows' names, composed the same way.
  testing_util::OrgTables inline_teams;
  inline_teams.activity = "person_id,date,task_type,tasks,ai_tasks,hours,team\n";
  for (int p = 1; p <= 6; ++p)
    inline_teams.activity += "P" + std::to_string(p) + ",2025-01-06,email,3,1,2," + (p <= 3 ? nfc : nfd) + "\n";
  const std::string inline_one = testing_util::sharded_report(inline_teams, 1, 1 << 20, config);
  const nlohmann::json k = nlohmann::json::parse(inline_one);
  ASSERT_EQ(k["groups"].size(), 1u) << k["groups"];
  EXPECT_EQ(k["groups"][0]["key"]["team"], nfc);
  EXPECT_EQ(k["groups"][0]["headcount"], 6);
  EXPECT_EQ(testing_util::sharded_report(inline_teams, 2, 5, config), inline_one);
}

TEST(Sharding, AnIdWrittenTwoWaysIsOnePerson) {
  // An id typed "André" (U+00E9) in some rows and "Andre" + a combining acute (U+0301) in others, of the
  // same activity file and of the people table's manager_id, is one person: one headcount, the people
  // table's row, and a repeated key across the two spellings is a
  // repeat (the first row in file order wins). manager_id is read the same way: one manager's team.
  // The same bytes for 1, 2 and 3 readers, and the same figures as the input with every id typed.
  // The two spellings hash to different readers of 2 and of 3 (ingest/shard.h), as most ids do.
  const std::string nfc = "Andr\xC3\xA9", nfd = "Andre\xCC\x81";
  const std::string config = R"({"group_by": ["manager_id"], "privacy": {"min_group_size": 3}})";
  auto tables = [&](bool mixed) {
    const std::string written = mixed ? nfd : nfc;
    testing_util::OrgTables in;
    in.people = "person_id,team,manager_id\nM1,Lead,\nQ1,Core,M1\nQ2,Core,M1\n" + nfc + ",Core,M1\n";
    for (int p = 2; p <= 6; ++p) in.people += "P" + std::to_string(p) + ",Core," + (p <= 3 ? nfc : written) + "\n";
    in.activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
    in.activity += written + ",2025-01-06,email,3,1,2\n";
    for (const char* q : {"Q1", "Q2"}) in.activity += std::string(q) + ",2025-01-06,email,2,1,1\n";
    for (int p = 2; p <= 6; ++p) in.activity += "P" + std::to_string(p) + ",2025-01-06,email,3," + std::to_string(p % 3) + ",2\n";
    in.activity += nfc + ",2025-01-07,email,4,2,2\n";
    in.activity += nfc + ",2025-01-06,email,9,9,2\n";  // the key of the first row: a repeat, not kept
    return in;
  };
  const testing_util::OrgTables mixed = tables(true);
  ASSERT_NE(mixed.activity.find(nfd), std::string::npos);
  const std::string one = testing_util::sharded_report(mixed, 1, 1 << 20, config);
  const nlohmann::json j = nlohmann::json::parse(one);
  EXPECT_EQ(one.find(nfd), std::string::npos);
  EXPECT_EQ(j["overall"]["headcount"], 8) << j["overall"];
  // M1's team (Q1, Q2, André) and André's (P2..P6): two groups, both shown.
  ASSERT_EQ(j["groups"].size(), 2u) << j["groups"];
  std::vector<int> headcounts;
  for (const auto& g : j["groups"]) {
    EXPECT_FALSE(g.value("suppressed", false)) << g;
    headcounts.push_back(g.value("headcount", 0));
  }
  std::sort(headcounts.begin(), headcounts.end());
  EXPECT_EQ(headcounts, (std::vector<int>{3, 5}));
  EXPECT_NE(j["diagnostics"].dump().find("duplicate_key"), std::string::npos) << j["diagnostics"];
  for (std::uint32_t shards : {2u, 3u})
    for (std::size_t chunk : {std::size_t{7}, std::size_t{1} << 20})
      EXPECT_EQ(testing_util::sharded_report(mixed, shards, chunk, config), one) << shards << " readers, chunks of " << chunk;
  const nlohmann::json typed = nlohmann::json::parse(testing_util::sharded_report(tables(false), 1, 1 << 20, config));
  EXPECT_EQ(j["groups"], typed["groups"]);
  EXPECT_EQ(j["overall"], typed["overall"]);
}

TEST(Sharding, MergingSessionsThatReadDifferentTablesIsRefused) {
  auto a = Session::create("{}"), b = Session::create("{}");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(a->begin_table(TableKind::activity, "", InputFormat::detect, 0, Shard{0, 2}).ok());
  ASSERT_TRUE(a->push("person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\n").ok());
  ASSERT_TRUE(a->end_table().ok());
  ASSERT_TRUE(b->begin_table(TableKind::activity, "", InputFormat::detect, 0, Shard{1, 2}).ok());
  ASSERT_TRUE(b->push("person_id,date,task_type,tasks,ai_tasks,hours\nP2,2025-01-06,a,1,0,1\nP3,2025-01-06,a,1,0,1\n").ok());
  ASSERT_TRUE(b->end_table().ok());
  const Status m = a->merge(std::move(b).value());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code(), DiagCode::invalid_argument);
}

}  // namespace
}  // namespace gapscore
