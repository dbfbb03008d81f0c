// Beyond one machine (issue 19): several activity files read as one table in
// SHA-256 order, partial states of some of them, merged in any order and
// grouping to the bytes of one read of all of them; repeated files and keys
// noted, never counted twice; states that cannot be merged refused clearly.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/byte_codec.h"
#include "base/prng.h"
#include "base/sha256.h"
#include "gapscore/inputs.h"
#include "gapscore/session.h"
#include "test_util.h"

namespace gapscore {
namespace {

struct File {
  std::string name, bytes;
};

struct Inputs {
  std::vector<File> small;  // people, playbook, ... (kind from the name)
  std::vector<File> activity;
};

// What `gapscore analyze --activity a --activity b ...` does: files in SHA-256
// order, each distinct file once, the others noted.
// announce: say how many files come first (Session::expect_activity_files), as the CLI does.
Result<Session> read_all(const Inputs& in, const std::vector<std::size_t>& which, const std::string& config = "{}",
                         bool announce = false) {
  auto s = Session::create(config);
  if (!s) return s;
  for (const File& f : in.small) {
    const auto kind = *table_kind_from_name(f.name.substr(0, f.name.find('.')));
    if (Status st = s->begin_table(kind, f.name); !st) return st.error();
    if (Status st = s->push(f.bytes); !st) return st.error();
    if (Status st = s->end_table(); !st) return st.error();
  }
  std::vector<std::pair<std::string, const File*>> files;
  for (std::size_t i : which) files.emplace_back(sha256_hex(in.activity[i].bytes), &in.activity[i]);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->name < b.second->name;
  });
  if (announce) {
    std::set<std::string> distinct;
    for (const auto& f : files) distinct.insert(f.first);
    if (Status st = s->expect_activity_files(distinct.size()); !st) return st.error();
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i > 0 && files[i].first == files[i - 1].first) {
      if (Status st = s->note_repeated_input(TableKind::activity, files[i].second->name, files[i].first); !st) return st.error();
      continue;
    }
    if (Status st = s->begin_table(TableKind::activity, files[i].second->name, InputFormat::detect, 0, Shard{}, true); !st)
      return st.error();
    if (Status st = s->push(files[i].second->bytes); !st) return st.error();
    if (Status st = s->end_table(files[i].first); !st) return st.error();
  }
  return s;
}

// The code a read fails with, or else its report; nullopt when both succeed.
std::optional<DiagCode> failure_of(Result<Session> s) {
  if (!s) return s.error().code();
  auto r = s->report();
  if (!r) return r.error().code();
  return std::nullopt;
}

std::string report_of(Result<Session> s) {
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  if (!s) return {};
  auto r = s->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r ? r.value() : std::string();
}

std::string partial(const Inputs& in, const std::vector<std::size_t>& which) {
  auto s = read_all(in, which);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  auto state = s->save_state();
  EXPECT_TRUE(state.ok());
  return state ? state.value() : std::string();
}

// Merges states in a random tree: random pairs of the list until one is left.
Result<std::string> merge_randomly(std::vector<std::string> states, Prng& rng, bool report = true) {
  while (states.size() > 1) {
    const std::size_t a = rng.below(states.size());
    std::size_t b = rng.below(states.size() - 1);
    if (b >= a) ++b;
    auto left = Session::load_state(states[a], "{}");
    auto right = Session::load_state(states[b], "{}");
    if (!left) return left.error();
    if (!right) return right.error();
    if (Status m = left->merge(std::move(right).value()); !m) return m.error();
    auto merged = left->save_state();
    if (!merged) return merged.error();
    states.erase(states.begin() + static_cast<std::ptrdiff_t>(std::max(a, b)));
    states[std::min(a, b)] = std::move(merged).value();
  }
  if (!report) return states.front();
  auto last = Session::load_state(states.front(), "{}");
  if (!last) return last.error();
  return last->report();
}

std::string sample(const char* table) {
  return testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/" + table + ".csv");
}

// The sample organisation with its activity cut into `n` files of consecutive rows.
Inputs sample_in_files(std::size_t n) {
  Inputs in;
  for (const char* t : {"people", "playbook", "surveys"}) in.small.push_back({std::string(t) + ".csv", sample(t)});
  const std::string activity = sample("activity");
  const std::size_t header_end = activity.find('\n') + 1;
  std::vector<std::string> rows;
  for (std::size_t at = header_end; at < activity.size();) {
    const std::size_t end = activity.find('\n', at);
    rows.push_back(activity.substr(at, end - at + 1));
    at = end + 1;
  }
  for (std::size_t f = 0; f < n; ++f) {
    File file{"activity-" + std::to_string(f) + ".csv", activity.substr(0, header_end)};
    for (std::size_t r = rows.size() * f / n; r < rows.size() * (f + 1) / n; ++r) file.bytes += rows[r];
    in.activity.push_back(std::move(file));
  }
  return in;
}

// Small messy files: inline team and role that change between files, bad rows,
// and every key (person x date x task type) in one file only.
Inputs messy_files(std::uint64_t seed, std::size_t n) {
  Prng rng(seed);
  Inputs in;
  for (std::size_t f = 0; f < n; ++f)
    in.activity.push_back({"m" + std::to_string(f) + ".csv", "person_id,date,task_type,tasks,ai_tasks,hours,team,role\n"});
  const char* teams[] = {"Sales", "Ops", ""};
  const char* roles[] = {"analyst", "manager", ""};
  for (int p = 0; p < 12; ++p)
    for (int d = 1; d <= 20; ++d)
      for (const char* task : {"email", "report"}) {
        if (rng.below(3) == 0) continue;
        std::string row = "P" + std::to_string(p) + ",2025-02-" + (d < 10 ? "0" : "") + std::to_string(d) + "," + task + ",";
        const std::uint64_t tasks = 1 + rng.below(5);
        row += std::to_string(tasks) + "," + std::to_string(rng.below(tasks + 1)) + "," + std::to_string(1 + rng.below(8)) + ".5,";
        row += std::string(teams[rng.below(7) == 0 ? rng.below(3) : p % 2]) + "," + roles[rng.below(3)] + "\n";
        if (rng.below(40) == 0) row = "P" + std::to_string(p) + ",not-a-date,email,1,0,1,,\n";
        in.activity[rng.below(n)].bytes += row;
      }
  return in;
}

std::vector<std::size_t> all_of(const Inputs& in) {
  std::vector<std::size_t> v(in.activity.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = i;
  return v;
}

TEST(PartialStates, MergedInAnyOrderAndGroupingTheyGiveTheBytesOfOneRead) {
  const Inputs in = sample_in_files(8);
  const std::string one = report_of(read_all(in, all_of(in)));
  ASSERT_FALSE(one.empty());
  std::vector<std::string> states;
  for (std::size_t i = 0; i < in.activity.size(); ++i) states.push_back(partial(in, {i}));
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    Prng rng(seed);
    auto merged = merge_randomly(states, rng);
    ASSERT_TRUE(merged.ok()) << merged.error().message();
    EXPECT_EQ(merged.value(), one) << "seed " << seed;
  }
  // Groups of files as partials (a month per worker, two months per worker, ...).
  Prng rng(9);
  auto grouped = merge_randomly({partial(in, {0, 5, 2}), partial(in, {7}), partial(in, {1, 3}), partial(in, {4, 6})}, rng);
  ASSERT_TRUE(grouped.ok()) << grouped.error().message();
  EXPECT_EQ(grouped.value(), one);
}

TEST(PartialStates, PropertyMessyFilesWithInlineAttributesMergeExactly) {
  int with_conflicts = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const Inputs in = messy_files(seed, 2 + seed % 5);
    const std::string one = report_of(read_all(in, all_of(in)));
    ASSERT_FALSE(one.empty());
    with_conflicts += one.find("attribute_conflict") != std::string::npos ? 1 : 0;
    std::vector<std::string> states;
    for (std::size_t i = 0; i < in.activity.size(); ++i) states.push_back(partial(in, {i}));
    Prng rng(seed * 31);
    auto merged = merge_randomly(states, rng);
    ASSERT_TRUE(merged.ok()) << merged.error().message();
    EXPECT_EQ(merged.value(), one) << "seed " << seed;
  }
  EXPECT_GT(with_conflicts, 6);  // the property covers which file's attribute comes first
}

// What session.add(tables) does (wasm/bindings.cpp beginAdd/endAdd): last
// months' state loaded, this month's file read into an empty copy, merged.
TEST(PartialStates, AddingAFileToALoadedStateGivesTheBytesOfOneRead) {
  const Inputs in = sample_in_files(3);
  const std::string one = report_of(read_all(in, all_of(in)));
  auto loaded = Session::load_state(partial(in, {0, 2}), "{}");
  ASSERT_TRUE(loaded.ok());
  auto more = loaded->empty_copy();
  ASSERT_TRUE(more.ok()) << more.error().message();
  const File& f = in.activity[1];
  ASSERT_TRUE(more->begin_table(TableKind::activity, f.name, InputFormat::detect, 0, Shard{}, true).ok());
  ASSERT_TRUE(more->push(f.bytes).ok());
  ASSERT_TRUE(more->end_table(sha256_hex(f.bytes)).ok());
  ASSERT_TRUE(loaded->merge(std::move(more).value()).ok());
  EXPECT_EQ(report_of(std::move(loaded)), one);
}

TEST(PartialStates, TheSameFileTwiceIsReadOnceAndNoted) {
  Inputs in = sample_in_files(3);
  in.activity.push_back({"copy-of-1.csv", in.activity[1].bytes});
  const std::string with_copy = report_of(read_all(in, {0, 1, 2, 3}));
  EXPECT_NE(with_copy.find("duplicate_input"), std::string::npos);
  // Not counted twice: the figures are those without the copy.
  const std::string without = report_of(read_all(in, {0, 1, 2}));
  auto figures = [](const std::string& r) { return r.substr(r.find("\"overall\"")); };
  EXPECT_EQ(figures(with_copy), figures(without));
  // The same by name, and as states: a state of the copy, or of the same file again.
  EXPECT_NE(report_of(read_all(in, {0, 0, 1, 2})).find("was given more than once"), std::string::npos);
  Prng rng(5);
  auto merged = merge_randomly({partial(in, {0}), partial(in, {1}), partial(in, {2}), partial(in, {3})}, rng);
  ASSERT_TRUE(merged.ok()) << merged.error().message();
  EXPECT_EQ(merged.value(), with_copy);
  auto again = merge_randomly({partial(in, {0, 1, 2}), partial(in, {1})}, rng);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again.value(), report_of(read_all(in, {0, 1, 2, 1})));
}

TEST(PartialStates, AKeyInTwoFilesIsKeptOnceFromTheFirstByDigestAndStatesSharingOneAreRefused) {
  Inputs in;
  const std::string header = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  in.activity.push_back({"a.csv", header + "P1,2025-01-06,email,3,1,2\nP2,2025-01-06,email,2,2,1\n"});
  in.activity.push_back({"b.csv", header + "P1,2025-01-06,email,9,9,9\nP3,2025-01-07,email,1,0,1\n"});
  const std::string both = report_of(read_all(in, {0, 1}));
  EXPECT_NE(both.find("duplicate_key"), std::string::npos);
  // Whichever order they are named in, the file whose SHA-256 sorts first wins.
  EXPECT_EQ(report_of(read_all(in, {1, 0})), both);
  const bool a_first = sha256_hex(in.activity[0].bytes) < sha256_hex(in.activity[1].bytes);
  const std::string winner = a_first ? "\"tasks\":" : "";
  (void)winner;
  auto a = Session::load_state(partial(in, {0}), "{}");
  auto b = Session::load_state(partial(in, {1}), "{}");
  ASSERT_TRUE(a.ok() && b.ok());
  const Status m = a->merge(std::move(b).value());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code(), DiagCode::duplicate_key);
  EXPECT_NE(m.error().message().find("share 1 keys"), std::string::npos) << m.error().message();
}

TEST(PartialStates, AFileWhoseRowsAllRepeatAnEarlierFilesKeysIsAWarningNotAnEmptyTable) {
  // The same rows exported again with CRLF line ends (other bytes, so a file of its own), and a file of
  // bad rows only: the other file's rows make the report (an outside review: no report at all).
  Inputs in;
  const std::string header = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  const std::string rows = "P1,2025-01-06,email,3,1,2\nP2,2025-01-06,email,2,2,1\nP3,2025-01-07,email,1,0,1\n";
  std::string crlf;
  for (char c : header + rows) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  in.activity.push_back({"weeks.csv", header + rows});
  in.activity.push_back({"weeks_crlf.csv", crlf});
  in.activity.push_back({"bad.csv", header + "P4,2025-01-06,email,3,1,z\nP5,2025-01-06,email,2,2,y\n"});
  // Both come after weeks.csv in SHA-256 order (the order files are read in). A first file with no row
  // to use still ends the read: whether one comes later is not known then (docs/input-format.md).
  ASSERT_LT(sha256_hex(in.activity[0].bytes), sha256_hex(in.activity[1].bytes));
  ASSERT_LT(sha256_hex(in.activity[0].bytes), sha256_hex(in.activity[2].bytes));
  for (const std::vector<std::size_t>& which : {std::vector<std::size_t>{0, 1}, std::vector<std::size_t>{0, 2}}) {
    auto s = read_all(in, which, R"({"privacy": {"min_group_size": 3}})");
    ASSERT_TRUE(s.ok()) << s.error().message();
    const auto report = s->report();
    ASSERT_TRUE(report.ok()) << report.error().message();
    const nlohmann::json j = nlohmann::json::parse(report.value());
    EXPECT_EQ(j["overall"]["headcount"], 3) << j["overall"];
    const std::string text = report.value();
    EXPECT_NE(text.find("rows were skipped (see the diagnostics for why); the other activity files are read"),
              std::string::npos);
  }
  // Every file's rows skipped: still no report.
  Inputs bad;
  bad.activity.push_back({"bad.csv", in.activity[2].bytes});
  bad.activity.push_back({"bad2.csv", header + "P6,2025-01-06,email,3,1,z\n"});
  EXPECT_EQ(failure_of(read_all(bad, {0, 1})), DiagCode::no_valid_rows);
}

TEST(PartialStates, EveryRowProblemNamesItsFileAndAStateKeepsIt) {
  // Two files each with a bad row 3 (an outside review: two items "activity row 3, column hours", no file).
  Inputs in;
  const std::string header = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  in.activity.push_back({"jan.csv", header + "P1,2025-01-06,email,3,1,2\nP2,2025-01-06,email,2,2,n/a\n"});
  in.activity.push_back({"feb.csv", header + "P1,2025-02-03,email,3,1,2\nP2,2025-02-03,email,2,2,bad\nP1,2025-02-03,email,1,1,1\n"});
  auto sources_of = [](const std::string& report) {
    std::map<std::string, std::string> by_value;  // code:row -> the files named
    const nlohmann::json j = nlohmann::json::parse(report);
    for (const auto& d : j["diagnostics"]["items"])
      if (d["row"].is_number()) by_value[d["code"].get<std::string>() + ":" + d["row"].dump()] +=
          (d["source"].is_string() ? d["source"].get<std::string>() : std::string("(none)")) + ";";
    return by_value;
  };
  const std::string once = report_of(read_all(in, {0, 1}));
  const auto sources = sources_of(once);
  // Both files' row 3 is a bad number, each named by its own file; the repeat is feb.csv's row 4.
  EXPECT_TRUE(sources.at("invalid_number:3") == "jan.csv;feb.csv;" || sources.at("invalid_number:3") == "feb.csv;jan.csv;")
      << sources.at("invalid_number:3");
  EXPECT_EQ(sources.at("duplicate_key:4"), "feb.csv;");
  // A state saved and merged again says the same.
  Prng rng(7);
  auto merged = merge_randomly({partial(in, {0}), partial(in, {1})}, rng);
  ASSERT_TRUE(merged.ok()) << merged.error().message();
  EXPECT_EQ(merged.value(), once);
}

TEST(PartialStates, AnnouncedFilesWithoutRowsAreWarningsWhicheverComesFirst) {
  // A file of bad rows whose SHA-256 sorts before the good file's: announced (as the CLI and the
  // package's add() do), the run goes on with a warning; unannounced, the first file ends the read.
  Inputs in;
  const std::string header = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  in.activity.push_back({"good.csv", header + "P1,2025-01-06,email,3,1,2\nP2,2025-01-06,email,2,2,1\nP3,2025-01-07,email,1,0,1\n"});
  for (int n = 0;; ++n) {  // a bad file that sorts first
    in.activity.push_back({"bad.csv", header + "P4,2025-01-06,email,3,1,z" + std::to_string(n) + "\n"});
    if (sha256_hex(in.activity[1].bytes) < sha256_hex(in.activity[0].bytes)) break;
    in.activity.pop_back();
  }
  const std::string config = R"({"privacy": {"min_group_size": 3}})";
  auto announced = read_all(in, {0, 1}, config, true);
  ASSERT_TRUE(announced.ok()) << announced.error().message();
  const auto report = announced->report();
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(nlohmann::json::parse(report.value())["overall"]["headcount"], 3);
  EXPECT_NE(report.value().find("activity: bad.csv: all 1 rows were skipped (see the diagnostics for why); the other activity files are read"),
            std::string::npos);
  auto unannounced = read_all(in, {0, 1}, config);
  ASSERT_FALSE(unannounced.ok());
  EXPECT_EQ(unannounced.error().code(), DiagCode::no_valid_rows);
  // Announced, but no file has rows: the error as for one file.
  Inputs bad;
  bad.activity = {in.activity[1], {"bad2.csv", header + "P6,2025-01-06,email,3,1,z\n"}};
  EXPECT_EQ(failure_of(read_all(bad, {0, 1}, config, true)), DiagCode::no_valid_rows);
}

TEST(PartialStates, AnInvisibleCharacterBeforeAnIdIsNotAnotherPerson) {
  // A byte-order mark (two exports joined with cat), zero-width characters and no-break spaces around
  // ids and a team name: the same six people in two teams (outside reviews found a seventh person of
  // six, and "Beta" + NBSP as a third team).
  Inputs in;
  in.small.push_back({"people.csv", "person_id,team\nP1,Alpha\n\xEF\xBB\xBFP2,Alpha\nP3,Alpha\n"
                                    "P4,\xE2\x80\x8B" "Beta\nP5,Beta\xC2\xA0\nP6,\xC2\xA0 Beta\n"});
  in.activity.push_back({"a.csv", "person_id,date,task_type,tasks,ai_tasks,hours\n"
                                  "P1,2025-01-06,email,3,1,2\n\xEF\xBB\xBFP1,2025-01-07,email,2,2,1\n"
                                  "\xE2\x80\x8BP2\xE2\x80\x8B,2025-01-06,email,1,0,1\nP3,2025-01-06,email,1,0,1\n"
                                  "P4 \xE2\x81\xA0,2025-01-06,email,1,0,1\nP5\xC2\xA0,2025-01-06,email,1,0,1\nP6,2025-01-06,email,1,0,1\n"});
  auto s = read_all(in, {0}, R"({"group_by": ["team"], "privacy": {"min_group_size": 3}})");
  ASSERT_TRUE(s.ok()) << s.error().message();
  const auto report = s->report();
  ASSERT_TRUE(report.ok()) << report.error().message();
  const nlohmann::json j = nlohmann::json::parse(report.value());
  EXPECT_EQ(j["overall"]["headcount"], 6) << j["overall"];
  ASSERT_EQ(j["groups"].size(), 2u) << j["groups"];
  EXPECT_EQ(j["groups"][0]["key"]["team"], "Alpha");
  EXPECT_EQ(j["groups"][1]["key"]["team"], "Beta");
  EXPECT_EQ(report.value().find("unknown_person"), std::string::npos);
}

TEST(PartialStates, StatesOfOtherTablesOrSettingsAreRefused) {
  const Inputs in = sample_in_files(2);
  Inputs other = in;
  other.small[0].bytes += "P99999,Engineering,software_engineer,onsite,,true,2020-01-01\n";
  auto a = Session::load_state(partial(in, {0}), "{}");
  auto b = Session::load_state(partial(other, {1}), "{}");
  ASSERT_TRUE(a.ok() && b.ok());
  const Status m = a->merge(std::move(b).value());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code(), DiagCode::invalid_argument);
  EXPECT_NE(m.error().message().find("different people"), std::string::npos) << m.error().message();
  auto c = Session::load_state(partial(in, {0}), R"({"period": "month"})");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), DiagCode::config_needs_reread);
  EXPECT_NE(c.error().message().find("period"), std::string::npos);
}

TEST(PartialStates, CorruptTruncatedAndForeignVersionStatesGetClearErrors) {
  const Inputs in = messy_files(3, 3);
  const std::string state = partial(in, {0, 1});
  auto message = [](std::string_view bytes) {
    auto r = Session::load_state(bytes, "{}");
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.error().message();
  };
  EXPECT_NE(message(state.substr(0, state.size() / 2)).find("corrupt or truncated"), std::string::npos);
  EXPECT_NE(message("GSPSTATE").find("not a gapscore state"), std::string::npos);
  // Format version 1 (Engine 2's first layout), checksum made valid: refused by version.
  std::string v1 = state.substr(0, state.size() - 32);
  v1[8] = 1;
  const auto digest = sha256(v1);
  v1.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  EXPECT_NE(message(v1).find("format version 1"), std::string::npos) << message(v1);
  // Format 4 (0.2.0 before diagnostics named their file) still loads: without diagnostics or legacy
  // proxies its layout is 6's.
  Inputs clean;
  clean.activity.push_back({"clean.csv", "person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,2,1,1\n"});
  std::string v4 = partial(clean, {0});
  v4.resize(v4.size() - 32);
  ASSERT_EQ(v4[8], 6);
  v4[8] = 4;
  const auto digest4 = sha256(v4);
  v4.append(reinterpret_cast<const char*>(digest4.data()), digest4.size());
  EXPECT_TRUE(Session::load_state(v4, "{}").ok());
  // A later format than this engine knows: refused by version.
  std::string v7 = v4.substr(0, v4.size() - 32);
  v7[8] = 7;
  const auto digest7 = sha256(v7);
  v7.append(reinterpret_cast<const char*>(digest7.data()), digest7.size());
  EXPECT_NE(message(v7).find("format version 7"), std::string::npos) << message(v7);
  // Every single-byte change with a valid checksum is refused or loads; never a crash.
  Prng rng(17);
  for (int i = 0; i < 300; ++i) {
    std::string body = state.substr(0, state.size() - 32);
    body[rng.below(body.size())] = static_cast<char>(rng.below(256));
    const auto d = sha256(body);
    body.append(reinterpret_cast<const char*>(d.data()), d.size());
    auto r = Session::load_state(body, "{}");
    if (r) (void)r->report();
  }
}

#ifdef GAPSCORE_CLI_PATH
TEST(PartialStatesCli, PartialAndMergeGiveTheBytesOfOneAnalyze) {
  using testing_util::run_cli;
  const auto dir = testing_util::fresh_temp_dir("partial_cli");
  const Inputs in = sample_in_files(4);
  std::string activity_flags, reversed_flags;
  for (const File& f : in.activity) {
    std::ofstream(dir / f.name, std::ios::binary) << f.bytes;
    activity_flags += " --activity " + (dir / f.name).string();
    reversed_flags = " --activity " + (dir / f.name).string() + reversed_flags;
  }
  const std::string web = std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/";
  const std::string small = " --people " + web + "people.csv --playbook " + web + "playbook.csv --surveys " + web + "surveys.csv";
  const std::string d = dir.string() + "/";
  auto r = run_cli("analyze" + small + activity_flags + " --threads 2 --out " + d + "one.json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  // The files' order on the command line changes nothing: they are read in SHA-256 order.
  r = run_cli("analyze" + small + reversed_flags + " --threads 1 --out " + d + "reversed.json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(testing_util::read_file(d + "reversed.json"), testing_util::read_file(d + "one.json"));
  const auto inputs = testing_util::read_json(d + "one.json")["inputs"];
  std::vector<std::string> digests;
  for (const auto& i : inputs)
    if (i["table"] == "activity") digests.push_back(i["sha256"].get<std::string>());
  EXPECT_EQ(digests.size(), in.activity.size());
  EXPECT_TRUE(std::is_sorted(digests.begin(), digests.end()));
  for (std::size_t i = 0; i < in.activity.size(); ++i) {
    r = run_cli("partial" + small + " --activity " + d + in.activity[i].name + " --out " + d + std::to_string(i) + ".gsp");
    ASSERT_EQ(r.exit_code, 0) << r.out;
  }
  r = run_cli("merge " + d + "3.gsp " + d + "1.gsp --out " + d + "a.gsp");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  r = run_cli("merge " + d + "2.gsp " + d + "a.gsp " + d + "0.gsp --out " + d + "merged.json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(testing_util::read_file(d + "merged.json"), testing_util::read_file(d + "one.json"));
  // verify takes the files in any order; one file missing or an extra one is "inputs differ" (2).
  r = run_cli("verify --report " + d + "merged.json" + small + reversed_flags);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  r = run_cli("verify --report " + d + "merged.json" + small + " --activity " + d + in.activity[0].name);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("fewer were given"), std::string::npos) << r.out;
  r = run_cli("verify --report " + d + "merged.json" + small + activity_flags + " --activity " + d + in.activity[0].name);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  // Errors: a corrupt state, a wrong --out, settings that read differently.
  std::ofstream(d + "bad.gsp", std::ios::binary) << "GSPSTATE but not really a state, just some bytes of text";
  r = run_cli("merge " + d + "0.gsp " + d + "bad.gsp --out " + d + "x.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("corrupt or truncated"), std::string::npos) << r.out;
  r = run_cli("merge " + d + "0.gsp --out " + d + "x.txt");
  EXPECT_EQ(r.exit_code, 2);
  std::ofstream(d + "month.json") << R"({"period": "month"})";
  r = run_cli("merge " + d + "0.gsp --config " + d + "month.json --out " + d + "x.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("config_needs_reread"), std::string::npos) << r.out;
  r = run_cli("partial --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("as sensitive as the\nraw data"), std::string::npos) << r.out;
}
#endif

}  // namespace
}  // namespace gapscore
