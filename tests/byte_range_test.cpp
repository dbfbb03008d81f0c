// Reading one activity CSV in byte ranges (Shard::by_bytes, Session::merge_range)
// gives the same report bytes as one reader: whatever the number of ranges and
// the chunk size, with repeated keys across ranges (the first row in the file
// wins), bad rows, blank lines, CRLF, a byte-order mark, detected date formats
// and inline attributes. A range that starts inside a quoted field is found
// out and refused (false), never merged wrong. A property test over random
// files and splits.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "base/prng.h"
#include "gapscore/generate.h"
#include "gapscore/inputs.h"
#include "gapscore/session.h"
#include "sharded_report.h"
#include "test_util.h"

namespace gapscore {
namespace {

using Inputs = testing_util::OrgTables;

// A generated organisation's activity as an HR export might give it.
struct Mess {
  bool shuffle = true;
  bool crlf = false;
  bool bom = false;
  bool day_month = false;      // dates as D/M/YYYY (detected from the rows)
  bool quoted_notes = false;   // a note column, some quoted with newlines inside
  bool proxies = false;        // a legacy-proxy column (emails_sent)
};

// The seed picks line ends, a byte-order mark and the date form.
Mess mess_of(std::uint64_t seed) {
  Mess mess;
  mess.crlf = seed % 2 == 0;
  mess.bom = seed % 3 == 0;
  mess.day_month = seed % 4 == 1;
  return mess;
}

Inputs messy(std::uint64_t seed, const Mess& mess) {
  GenerateOptions o;
  o.people = 40;
  o.days = 30;
  o.seed = seed;
  Inputs in = testing_util::generated_tables(o);
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < in.activity.size();) {
    const std::size_t end = in.activity.find('\n', at);
    lines.push_back(in.activity.substr(at, end - at));
    at = end == std::string::npos ? in.activity.size() : end + 1;
  }
  std::string header = lines.front() + ",team,role";
  if (mess.quoted_notes) header += ",note";
  if (mess.proxies) header += ",emails_sent";
  lines.erase(lines.begin());
  Prng rng(seed * 31 + 7);
  auto date_text = [&](std::string iso) {
    if (!mess.day_month) return iso;
    const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    return std::to_string(d) + "/" + std::to_string(m) + "/" + std::to_string(y);
  };
  auto with_date = [&](const std::string& line) {
    const std::size_t a = line.find(','), b = line.find(',', a + 1);
    return line.substr(0, a + 1) + date_text(line.substr(a + 1, b - a - 1)) + line.substr(b);
  };
  auto extras = [&]() {
    std::string team = rng.below(30) == 0 ? "Elsewhere" : "Inline";
    std::string role = rng.below(40) == 0 ? "" : (rng.below(20) == 0 ? "lead" : "member");
    std::string s = "," + team + "," + role;
    if (mess.quoted_notes) {
      const auto kind = rng.below(6);
      s += kind == 0 ? ",\"two\nlines, and a comma\"" : kind == 1 ? ",\"said \"\"hi\"\"\"" : ",plain";
    }
    if (mess.proxies) s += "," + std::to_string(rng.below(40));
    return s;
  };
  std::vector<std::string> rows;
  for (const std::string& line : lines) {
    const std::string row = with_date(line);
    rows.push_back(row + extras());
    // A repeat with another value (a double count would show) and its own attributes.
    if (rng.below(12) == 0) rows.push_back(row.substr(0, row.rfind(',')) + ",7" + extras());
    if (rng.below(150) == 0) rows.push_back("P0001,2025-13-01,coding,1,0,1" + std::string(7, ',') + extras());  // a bad date
    if (rng.below(150) == 0) rows.push_back("P0002,2025-01-07,coding,x,0,1");  // ragged, bad number
    if (rng.below(200) == 0) rows.emplace_back(rng.below(2) ? "" : " \t");      // a blank line, or one of spaces
  }
  if (mess.shuffle)
    for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.below(i)]);
  const std::string eol = mess.crlf ? "\r\n" : "\n";
  in.activity = (mess.bom ? "\xEF\xBB\xBF" : "") + header + eol;
  for (const std::string& r : rows) in.activity += r + eol;
  return in;
}

struct ReadResult {
  std::string report;  // empty: the ranges were refused (merge_range said false)
  bool refused = false;
};

// Session::merge_ranges's tasks, each on a thread of its own.
void on_threads(std::size_t n, const std::function<void(std::size_t)>& task) {
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < n; ++i) threads.emplace_back(task, i);
  for (std::thread& t : threads) t.join();
}

// One session per range, each reading the small tables whole and its range of
// the activity through pull() in `chunk`-byte pieces; then merged in order,
// one by one (merge_range) or all at once (merge_ranges, on threads).
ReadResult ranged_report(const Inputs& in, std::uint32_t ranges, std::size_t chunk, const std::string& config,
                         bool at_once = false) {
  const std::string digest = sha256_hex(in.activity);
  const ChunkSource source = [&](std::uint64_t at, std::string_view& out) -> Status {
    out = at < in.activity.size() ? std::string_view(in.activity).substr(at, chunk) : std::string_view();
    return Ok{};
  };
  std::vector<Session> sessions;
  for (std::uint32_t i = 0; i < ranges; ++i) {
    auto s = Session::create(config);
    EXPECT_TRUE(s.ok());
    if (!s) return {};
    for (const auto& [kind, bytes] : in.in_read_order()) {
      if (bytes->empty() || kind == TableKind::activity) continue;
      EXPECT_TRUE(s->begin_table(kind, std::string(table_name(kind)) + ".csv").ok());
      EXPECT_TRUE(s->push(*bytes).ok());
      EXPECT_TRUE(s->end_table().ok());
    }
    const Shard shard{i, ranges, true, in.activity.size()};
    EXPECT_TRUE(s->begin_table(TableKind::activity, "activity.csv", InputFormat::csv, in.activity.size(), shard, true).ok());
    // A range that starts inside a quoted field may fail to read (its
    // quotes never close): the caller reads the file another way.
    const Status pulled = s->pull(source);
    const Status ended = pulled ? s->end_table(digest) : pulled;
    if (!ended && i > 0) return {{}, true};
    EXPECT_TRUE(ended.ok()) << (ended.ok() ? "" : ended.error().message());
    sessions.push_back(std::move(s).value());
  }
  if (at_once) {
    std::vector<Session> later;
    for (std::uint32_t i = 1; i < ranges; ++i) later.push_back(std::move(sessions[i]));
    auto merged = sessions[0].merge_ranges(std::move(later), [&] { return source; }, on_threads);
    EXPECT_TRUE(merged.ok()) << (merged.ok() ? "" : merged.error().message());
    if (!merged || !merged.value()) return {{}, true};
  }
  for (std::uint32_t i = 1; i < ranges && !at_once; ++i) {
    auto merged = sessions[0].merge_range(std::move(sessions[i]), source);
    EXPECT_TRUE(merged.ok()) << (merged.ok() ? "" : merged.error().message());
    if (!merged || !merged.value()) return {{}, true};
  }
  auto r = sessions[0].report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return {r ? r.value() : std::string(), false};
}

std::string serial_report(const Inputs& in, const std::string& config) {
  auto s = Session::create(config);
  EXPECT_TRUE(s.ok());
  for (const auto& [kind, bytes] : in.in_read_order()) {
    if (bytes->empty()) continue;
    EXPECT_TRUE(s->begin_table(kind, std::string(table_name(kind)) + ".csv").ok());
    EXPECT_TRUE(s->push(*bytes).ok());
    EXPECT_TRUE(s->end_table().ok());
  }
  auto r = s->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r ? r.value() : std::string();
}

// Every diagnostic listed, so that each row number is compared; a window, so
// that rows outside it (repeats among them) are compared too.
const std::string kConfig = R"({"max_diagnostics": 10000, "window": {"start": "2025-01-09"}})";
// Fewer listed than there are repeats: which ones a merged log lists, and its counts.
const std::string kFewListed = R"({"max_diagnostics": 3, "window": {"start": "2025-01-09"}})";

TEST(ByteRanges, RandomSplitsOfMessyFilesGiveTheSameBytes) {
  Prng rng(2026);
  int merged = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    Mess mess = mess_of(seed);
    mess.shuffle = seed != 5;
    const Inputs in = messy(seed, mess);
    const std::string& config = seed % 3 == 0 ? kFewListed : kConfig;
    const std::string one = serial_report(in, config);
    ASSERT_FALSE(one.empty());
    EXPECT_NE(one.find("\"duplicate_key\""), std::string::npos);
    EXPECT_NE(one.find(seed % 3 == 0 ? "\"truncated\": true" : "\"invalid_date\""), std::string::npos);
    for (int trial = 0; trial < 4; ++trial) {
      const auto ranges = static_cast<std::uint32_t>(2 + rng.below(7));
      const std::size_t chunk = 1 + rng.below(30000);
      const bool at_once = trial % 2 == 1;
      const ReadResult r = ranged_report(in, ranges, chunk, config, at_once);
      // Without quoted newlines every range start is a record start: always merged.
      ASSERT_FALSE(r.refused) << "seed " << seed << ", " << ranges << " ranges, chunks of " << chunk << ", at once " << at_once;
      EXPECT_EQ(r.report, one) << "seed " << seed << ", " << ranges << " ranges, chunks of " << chunk << ", at once " << at_once;
      ++merged;
    }
  }
  EXPECT_EQ(merged, 32);
}

TEST(ByteRanges, ARowWiderThanAHeaderMayBeIsSkippedWhereverARangeStarts) {
  // Two rows in three have 1,100 trailing commas (so ranges often start on one): skipped as ragged by
  // one reader, and by every range (a range's reader read the header before its range; it once forgot).
  Inputs in;
  in.activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  for (int p = 0; p < 12; ++p)
    for (int d = 1; d <= 20; ++d) {
      in.activity += "P" + std::to_string(p) + ",2025-02-" + (d < 10 ? "0" : "") + std::to_string(d) + ",email,3,1,2";
      in.activity += (p * 20 + d) % 3 != 0 ? std::string(1100, ',') + "\n" : "\n";
    }
  const std::string one = serial_report(in, kConfig);
  ASSERT_FALSE(one.empty());
  EXPECT_NE(one.find("has more than 1024 fields"), std::string::npos);
  Prng rng(31);
  for (int trial = 0; trial < 12; ++trial) {
    const auto ranges = static_cast<std::uint32_t>(2 + rng.below(7));
    const std::size_t chunk = 1 + rng.below(5000);
    const ReadResult r = ranged_report(in, ranges, chunk, kConfig, trial % 2 == 1);
    ASSERT_FALSE(r.refused) << ranges << " ranges, chunks of " << chunk;
    EXPECT_EQ(r.report, one) << ranges << " ranges, chunks of " << chunk;
  }
}

TEST(ByteRanges, QuotedNewlinesAreEitherMergedRightOrRefused) {
  Prng rng(7);
  int refused = 0, merged = 0;
  for (std::uint64_t seed = 11; seed <= 16; ++seed) {
    Mess mess;
    mess.quoted_notes = true;
    mess.crlf = seed % 2 == 0;
    const Inputs in = messy(seed, mess);
    const std::string one = serial_report(in, kConfig);
    ASSERT_FALSE(one.empty());
    for (int trial = 0; trial < 4; ++trial) {
      const auto ranges = static_cast<std::uint32_t>(2 + rng.below(7));
      const ReadResult r = ranged_report(in, ranges, 1 + rng.below(20000), kConfig, trial % 2 == 1);
      if (r.refused) {
        ++refused;
        continue;
      }
      ++merged;
      EXPECT_EQ(r.report, one) << "seed " << seed << ", " << ranges << " ranges";
    }
  }
  // One row in six has a quoted newline: some range starts land inside one.
  EXPECT_GT(refused, 0);
  EXPECT_GT(merged + refused, 0);
}

// The same messy files read by person, the default split: every mess of the
// byte-range tests, quoted newlines included, gives the serial bytes.
TEST(PersonShards, MessyFilesGiveTheSameBytesAsOneReader) {
  Prng rng(404);
  for (std::uint64_t seed = 31; seed <= 38; ++seed) {
    Mess mess = mess_of(seed);
    mess.quoted_notes = seed % 2 == 1;
    mess.proxies = seed % 4 == 2;
    mess.shuffle = seed != 33;
    const Inputs in = messy(seed, mess);
    const std::string one = serial_report(in, kConfig);
    ASSERT_FALSE(one.empty());
    for (int trial = 0; trial < 2; ++trial) {
      const auto shards = static_cast<std::uint32_t>(2 + rng.below(6));
      const std::size_t chunk = 1 + rng.below(30000);
      EXPECT_EQ(testing_util::sharded_report(in, shards, chunk, kConfig), one) << "seed " << seed << ", " << shards << " shards";
    }
  }
}

TEST(ByteRanges, ARangeStartingInsideAQuotedFieldIsRefused) {
  const Inputs base = messy(3, Mess{});
  // Every row gets a note; one, a quarter into the file, is a quoted field
  // of newlines longer than the rest of the file: the middle lies inside it.
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < base.activity.size();) {
    const std::size_t end = base.activity.find('\n', at);
    lines.push_back(base.activity.substr(at, end - at));
    at = end + 1;
  }
  Inputs in = base;
  in.activity = lines[0] + ",note\n";
  for (std::size_t i = 1; i < lines.size(); ++i) {
    in.activity += lines[i] + ",x\n";
    if (i == lines.size() / 4) in.activity += lines[i] + ",\"" + std::string(base.activity.size(), '\n') + "\"\n";
  }
  const std::string one = serial_report(in, kConfig);
  ASSERT_FALSE(one.empty());
  const ReadResult r = ranged_report(in, 2, 1 << 16, kConfig);
  EXPECT_TRUE(r.refused);
  // More ranges: those that start inside the field are refused as well.
  EXPECT_TRUE(ranged_report(in, 5, 4096, kConfig).refused);
}

TEST(ByteRanges, AnAttributeFromATakenBackRowIsWorkedOutAgain) {
  // P00001's first row in the second range repeats a key of the first with
  // another team: it is a repeat, so its team must neither win nor conflict.
  GenerateOptions o;
  o.people = 6;
  o.days = 10;
  Inputs in = testing_util::generated_tables(o);
  in.people.clear();  // the rows' own teams are the teams
  in.surveys.clear();
  in.playbook.clear();
  const std::string header = "person_id,date,task_type,tasks,ai_tasks,hours,team\n";
  std::string first;
  for (int d = 10; d < 30; ++d) first += "P00001,2025-01-" + std::to_string(d) + ",coding,1,0,1,Alpha\n";
  std::string second = "P00001,2025-01-12,coding,9,0,9,Beta\n";
  for (int d = 10; d < 30; ++d) second += "P00002,2025-01-" + std::to_string(d) + ",coding,1,0,1,Alpha\n";
  second += "P00001,2025-02-01,coding,1,0,1,Alpha\n";
  // Filler rows before `first` until the middle falls inside its last row,
  // so that the second of two ranges starts with the repeat.
  std::string filler;
  auto first_end = [&] { return header.size() + filler.size() + first.size(); };
  auto middle = [&] { return (first_end() + second.size()) / 2; };
  while (middle() > first_end()) filler += "P00003,2025-01-10,coding,1,0,1,Alpha\n";
  const std::size_t last_row_start = first_end() - (first.size() - first.rfind('\n', first.size() - 2) - 1);
  ASSERT_GT(middle(), last_row_start);
  in.activity = header + filler + first + second;
  const std::string config = R"({"max_diagnostics": 10000})";
  const std::string one = serial_report(in, config);
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one.find("Beta"), std::string::npos);  // the repeat's team neither wins nor conflicts
  for (std::uint32_t ranges : {2u, 3u, 4u})
    for (bool at_once : {false, true}) {
      const ReadResult r = ranged_report(in, ranges, 64, config, at_once);
      ASSERT_FALSE(r.refused);
      EXPECT_EQ(r.report, one) << ranges << " ranges, at once " << at_once;
    }
}

TEST(ByteRanges, AFileWithoutAHeaderLineIsNotHeldWhole) {
  // 8 MiB and no line end: a range reader gives up after the first MiB and
  // says why, instead of holding the bytes while it waits for a header.
  const std::string bytes(std::size_t{8} << 20, 'x');
  std::uint64_t served = 0;
  const ChunkSource source = [&](std::uint64_t at, std::string_view& out) -> Status {
    out = at < bytes.size() ? std::string_view(bytes).substr(at, 1 << 16) : std::string_view();
    served += out.size();
    return Ok{};
  };
  for (std::uint32_t index : {0u, 1u}) {
    auto s = Session::create("{}");
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s->begin_table(TableKind::activity, "a.csv", InputFormat::csv, bytes.size(), Shard{index, 2, true, bytes.size()}, true).ok());
    served = 0;
    ASSERT_TRUE(s->pull(source).ok());
    EXPECT_LE(served, (std::size_t{1} << 20) + (1 << 16) + (1 << 16));
    const Status ended = s->end_table(sha256_hex(bytes));
    ASSERT_FALSE(ended.ok());
    EXPECT_NE(ended.error().message().find("no header line"), std::string::npos) << ended.error().message();
  }
}

TEST(ByteRanges, BlankLinesBeforeTheHeaderAreNotTheHeader) {
  // Ranges whose nominal start falls among the blank lines, or on the
  // header after them, start after the header: it is never read as a row.
  Inputs base = messy(6, Mess{});
  std::size_t cut = 0;
  for (int line = 0; line < 12; ++line) cut = base.activity.find('\n', cut) + 1;
  base.activity.resize(cut);  // a header and 11 rows, shorter than the blank lines
  for (const std::string& lead : {std::string(2000, '\n'), "\xEF\xBB\xBF" + std::string(900, '\r') + "\r\n\r\n"}) {
    Inputs in = base;
    in.activity = lead + base.activity;
    const std::string one = serial_report(in, kConfig);
    ASSERT_FALSE(one.empty());
    for (std::uint32_t ranges : {2u, 5u, 13u, 64u}) {
      const ReadResult r = ranged_report(in, ranges, 97, kConfig, ranges % 2 == 1);
      ASSERT_FALSE(r.refused) << ranges << " ranges";
      EXPECT_EQ(r.report, one) << ranges << " ranges";
    }
  }
}

TEST(ByteRanges, AFileWithoutAFinalLineEndStillMerges) {
  // The last range's second reading (for its repeats) ends with the file,
  // inside its last record: it must not be taken for a range cut short.
  for (std::uint64_t seed : {7u, 8u}) {
    Inputs in = messy(seed, mess_of(seed));
    while (!in.activity.empty() && (in.activity.back() == '\n' || in.activity.back() == '\r')) in.activity.pop_back();
    const std::string one = serial_report(in, kConfig);
    ASSERT_FALSE(one.empty());
    for (std::uint32_t ranges : {2u, 3u, 5u}) {
      const ReadResult r = ranged_report(in, ranges, 4096, kConfig, ranges == 3);
      ASSERT_FALSE(r.refused) << "seed " << seed << ", " << ranges << " ranges";
      EXPECT_EQ(r.report, one) << "seed " << seed << ", " << ranges << " ranges";
    }
  }
}

TEST(ByteRanges, SumsThatOverflowOnlyTogetherAreRefused) {
  // Each range's hours fit; both together do not, and one reader skips the
  // second row (out_of_range). Only it knows which row: the ranges refuse.
  Inputs in;
  in.activity = "person_id,date,task_type,tasks,ai_tasks,hours\n"
                "P1,2025-01-06,coding,1,0,5000000000000\n"
                "P1,2025-01-07,coding,1,0,5000000000000\n";
  const std::string one = serial_report(in, "{}");
  EXPECT_NE(one.find("\"out_of_range\""), std::string::npos);
  for (bool at_once : {false, true}) EXPECT_TRUE(ranged_report(in, 2, 64, "{}", at_once).refused) << at_once;
}

TEST(ByteRanges, LegacyProxyColumnsAreRefusedNotSummedInAnotherOrder) {
  Mess mess;
  mess.proxies = true;
  const Inputs in = messy(4, mess);
  const ReadResult r = ranged_report(in, 3, 1 << 14, kConfig);
  EXPECT_TRUE(r.refused);
}

TEST(ByteRanges, MoreRangesThanLinesStillMerge) {
  Inputs in = testing_util::sample_tables();
  const std::size_t header_end = in.activity.find('\n') + 1;
  const std::size_t second = in.activity.find('\n', header_end) + 1;
  const std::size_t third = in.activity.find('\n', second) + 1;
  in.activity = in.activity.substr(0, third);  // a header and two rows
  const std::string one = serial_report(in, "{}");
  for (std::uint32_t ranges : {2u, 5u, 16u}) {
    const ReadResult r = ranged_report(in, ranges, 7, "{}");
    ASSERT_FALSE(r.refused) << ranges;
    EXPECT_EQ(r.report, one) << ranges << " ranges";
  }
}

#ifdef GAPSCORE_CLI_PATH
TEST(ByteRanges, TheCliSplitsByBytesOnRequestAndGivesTheSameReport) {
  Mess mess;
  mess.quoted_notes = true;  // some range starts may land in a note: those files fall back to people
  const auto dir = testing_util::fresh_temp_dir("byte_ranges_cli");
  for (std::uint64_t seed : {21u, 22u}) {
    const Inputs in = messy(seed, mess);
    const std::string d = dir.string() + "/" + std::to_string(seed) + "_";
    for (const auto& [name, bytes] : {std::pair{"activity", &in.activity}, std::pair{"people", &in.people}}) {
      std::ofstream f(d + name + ".csv", std::ios::binary);
      f << *bytes;
    }
    const std::string tables = " --activity " + d + "activity.csv --people " + d + "people.csv";
    const auto one = testing_util::run_cli("analyze" + tables + " --threads 1 --out " + d + "one.json");
    ASSERT_EQ(one.exit_code, 0) << one.out;
    for (const char* threads : {"2", "3", "7"}) {
      const auto r = testing_util::run_cli("analyze" + tables + " --threads " + threads + " --split bytes --out " + d + "n.json");
      ASSERT_EQ(r.exit_code, 0) << r.out;
      EXPECT_EQ(r.out, one.out);
      EXPECT_EQ(testing_util::read_file(d + "n.json"), testing_util::read_file(d + "one.json")) << threads << " threads";
    }
  }
  const auto bad = testing_util::run_cli("analyze --activity x.csv --threads 1 --split rows");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("--split"), std::string::npos);
}
#endif

}  // namespace
}  // namespace gapscore
