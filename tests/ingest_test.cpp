// Table ingest: header matching, typed cells, range rules, lenient skipping
// vs strict failure, duplicates, and CSV/JSON giving the same table.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "base/date.h"
#include "base/prng.h"
#include "ingest/cell_parse.h"
#include "ingest/proxy_sink.h"
#include "model/schema.h"
#include "model/table.h"

namespace gapscore {
namespace {

constexpr const char* kHeader =
    "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,errors,quality,outcome_value,"
    "cycle_time_hours,ai_interactions\n";

struct IngestRun {
  Result<IngestedTable> result;
  DiagnosticLog log;
};

IngestRun ingest(std::string_view text, TableKind kind = TableKind::activity, bool strict = false,
           std::vector<std::pair<std::string, std::string>> map = {}) {
  IngestRun r{Error(), DiagnosticLog(100)};
  IngestOptions o;
  o.kind = kind;
  o.strict = strict;
  o.column_map = std::move(map);
  r.result = ingest_table(text, o, r.log);
  return r;
}

const Diagnostic* find(const DiagnosticLog& log, DiagCode code) {
  for (const Diagnostic& d : log.items())
    if (d.code == code) return &d;
  return nullptr;
}

// A read table frees its text lookups (TextColumn::settle); interning again
// after that still finds the codes it gave.
TEST(Ingest, ATextColumnInternsTheSameCodesAfterItSettles) {
  TextColumn c;
  const std::uint32_t a = c.intern("alpha"), b = c.intern("a team name longer than sixteen bytes");
  c.settle();
  EXPECT_EQ(c.intern("a team name longer than sixteen bytes"), b);
  EXPECT_EQ(c.intern("alpha"), a);
  EXPECT_EQ(c.intern("gamma"), 2u);
  EXPECT_EQ(c.dictionary.size(), 3u);
}

TEST(Ingest, ParsesEveryColumnType) {
  IngestRun r = ingest(std::string(kHeader) + "P1,2025-01-06,coding,10,4,7.5,9,0.5,1,0.9,120.25,30,12\n");
  ASSERT_TRUE(r.result.ok()) << r.result.error().message();
  const Table& t = r.result->table;
  ASSERT_EQ(t.row_count(), 1u);
  EXPECT_EQ(t.column("person_id").text().at(0), "P1");
  EXPECT_EQ(t.column("date").ints()[0], *parse_iso_date("2025-01-06"));
  EXPECT_EQ(t.column("tasks").ints()[0], 10);
  EXPECT_EQ(t.column("ai_tasks").ints()[0], 4);
  EXPECT_DOUBLE_EQ(t.column("hours").numbers()[0], 7.5);
  EXPECT_DOUBLE_EQ(t.column("outcome_value").numbers()[0], 120.25);
  EXPECT_FALSE(t.has("team"));  // optional column absent from the header
  EXPECT_EQ(r.result->summary.rows_read, 1u);
  EXPECT_EQ(r.result->summary.sha256.size(), 64u);
}

TEST(Ingest, OptionalCellsMayBeEmpty) {
  IngestRun r = ingest("person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,quality\n"
                 "P1,2025-01-06,coding,3,0,2,,\n");
  ASSERT_TRUE(r.result.ok());
  EXPECT_TRUE(std::isnan(r.result->table.column("baseline_hours").numbers()[0]));
  EXPECT_TRUE(std::isnan(r.result->table.column("quality").numbers()[0]));
}

TEST(Ingest, HeadersMatchCaseInsensitivelyAndThroughTheMapping) {
  IngestRun r = ingest("Employee ID,DATE,Task Type,Tasks,AI-Tasks,Hours\nP1,2025-01-06,x,1,1,1\n", TableKind::activity,
                 false, {{"employee id", "person_id"}});
  ASSERT_TRUE(r.result.ok()) << r.result.error().message();
  EXPECT_EQ(r.result->table.column("person_id").text().at(0), "P1");
  EXPECT_EQ(r.result->summary.columns.size(), 6u);
}

TEST(Ingest, MissingRequiredColumnNamesTheClosestHeader) {
  IngestRun r = ingest("personid,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,x,1,0,1\n");
  ASSERT_FALSE(r.result.ok());
  const Diagnostic& d = r.result.error().first();
  EXPECT_EQ(d.code, DiagCode::missing_column);
  EXPECT_NE(d.message.find("\"person_id\""), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("closest header found: \"personid\""), std::string::npos) << d.message;
  EXPECT_EQ(d.column, "person_id");  // the column that is missing
  EXPECT_EQ(d.value, "personid");    // the header that probably meant it
}

TEST(Ingest, DuplicateColumnIsFatal) {
  IngestRun r = ingest("person_id,date,task_type,tasks,ai_tasks,hours,Hours\n");
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.error().code(), DiagCode::duplicate_column);
}

TEST(Ingest, BadCellsAreSkippedWithRowAndColumnInLenientMode) {
  std::string text = std::string(kHeader) +
                     "P1,2025-01-06,a,10,4,7.5,9,0.5,1,0.9,1,1,1\n"   // row 2 ok
                     "P1,2025-01-07,a,10,4,abc,9,0.5,1,0.9,1,1,1\n"   // row 3 bad hours
                     "P1,2025-01-08,a,10,11,1,9,0.5,1,0.9,1,1,1\n"    // row 4 ai_tasks > tasks
                     "P1,2025-01-09,a,10,4,-1,9,0.5,1,0.9,1,1,1\n"    // row 5 negative hours
                     "P1,2025-01-10,a,10,4,1,9,0.5,1,1.5,1,1,1\n"     // row 6 quality > 1
                     "P1,2025-02-30,a,10,4,1,9,0.5,1,0.5,1,1,1\n"     // row 7 impossible date
                     "P1,2025-01-12,a,10,4,NaN,9,0.5,1,0.5,1,1,1\n"   // row 8 NaN
                     "P1,2025-01-13,a,2.5,1,1,9,0.5,1,0.5,1,1,1\n"    // row 9 fractional tasks
                     "P1,2025-01-14,a,10,4,1,9,0.5,1,0.5,1,1\n"       // row 10 ragged
                     "P1,2025-01-15,a,10,4,1,9,0.5,1,0.5,1,1,1\n";    // row 11 ok
  IngestRun r = ingest(text);
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.result->table.row_count(), 2u);
  EXPECT_EQ(r.result->summary.rows_skipped, 8u);
  EXPECT_EQ(r.result->table.source_rows, (std::vector<std::uint32_t>{2, 11}));
  struct Expect {
    DiagCode code;
    std::uint64_t row;
    const char* column;
  };
  const Expect expected[] = {
      {DiagCode::invalid_number, 3, "hours"},   {DiagCode::ai_tasks_exceed_tasks, 4, "ai_tasks"},
      {DiagCode::out_of_range, 5, "hours"},     {DiagCode::out_of_range, 6, "quality"},
      {DiagCode::invalid_date, 7, "date"},      {DiagCode::non_finite, 8, "hours"},
      {DiagCode::invalid_integer, 9, "tasks"},  {DiagCode::ragged_row, 10, ""},
  };
  ASSERT_EQ(r.log.items().size(), std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    const Diagnostic& d = r.log.items()[i];
    EXPECT_EQ(d.code, expected[i].code) << i << ": " << d.message;
    EXPECT_EQ(d.row, expected[i].row) << d.message;
    EXPECT_EQ(d.column, expected[i].column) << d.message;
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_NE(d.message.find("row skipped"), std::string::npos);
  }
}

TEST(Ingest, StrictModeFailsListingTheErrors) {
  std::string text = std::string(kHeader) + "P1,2025-01-06,a,10,4,x,9,0.5,1,0.9,1,1,1\n" +
                     "P1,2025-01-07,a,10,4,1,9,0.5,1,7,1,1,1\n" + "P1,2025-01-08,a,10,4,1,9,0.5,1,0.9,1,1,1\n";
  IngestRun r = ingest(text, TableKind::activity, true);
  ASSERT_FALSE(r.result.ok());
  ASSERT_EQ(r.result.error().diagnostics.size(), 2u);
  EXPECT_EQ(r.result.error().diagnostics[0].row, 2u);
  EXPECT_EQ(r.result.error().diagnostics[1].row, 3u);
  EXPECT_EQ(r.result.error().diagnostics[0].severity, Severity::error);
}

TEST(Ingest, DuplicateKeysKeepTheFirstRow) {
  std::string text = std::string("person_id,date,task_type,tasks,ai_tasks,hours\n") +
                     "P1,2025-01-06,a,1,0,1\n"
                     "P2,2025-01-06,a,2,0,2\n"
                     "P1,2025-01-06,a,3,0,3\n"   // duplicate of row 2
                     "P1,2025-01-06,b,4,0,4\n";
  IngestRun r = ingest(text);
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.result->table.column("tasks").ints(), (std::vector<std::int32_t>{1, 2, 4}));
  const Diagnostic* d = find(r.log, DiagCode::duplicate_key);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->row, 4u);
  EXPECT_NE(d->message.find("row 2"), std::string::npos);
}

TEST(Ingest, ARepeatedPersonInThePeopleTableNamesItsColumn) {
  // The key is one column here: the problem names it as written, like other row problems.
  IngestRun r = ingest("Person ID,team\nP1,a\nP2,b\nP1,c\n", TableKind::people);
  ASSERT_TRUE(r.result.ok());
  const Diagnostic* d = find(r.log, DiagCode::duplicate_key);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->row, 4u);
  EXPECT_EQ(d->column, "Person ID");
  // Activity keys span three columns: none is named alone.
  IngestRun a = ingest("person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP1,2025-01-06,a,1,0,1\n");
  ASSERT_TRUE(a.result.ok());
  ASSERT_NE(find(a.log, DiagCode::duplicate_key), nullptr);
  EXPECT_EQ(find(a.log, DiagCode::duplicate_key)->column, "");
}

TEST(Ingest, EmptyAndHeaderOnlyFiles) {
  EXPECT_EQ(ingest("").result.error().code(), DiagCode::empty_input);
  EXPECT_EQ(ingest("\xEF\xBB\xBF \n\n").result.error().code(), DiagCode::empty_input);
  EXPECT_EQ(ingest("person_id,date,task_type,tasks,ai_tasks,hours\n").result.error().code(), DiagCode::no_rows);
  // An optional table with no rows is a warning, not a failure.
  IngestRun people = ingest("person_id,team\n", TableKind::people);
  ASSERT_TRUE(people.result.ok());
  EXPECT_NE(find(people.log, DiagCode::no_rows), nullptr);
}

TEST(Ingest, AllRowsBadIsAnError) {
  IngestRun r = ingest("person_id,date,task_type,tasks,ai_tasks,hours\nP1,x,a,1,0,1\nP1,y,a,1,0,1\n");
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.error().code(), DiagCode::no_valid_rows);
}

TEST(Ingest, SemicolonFilesAcceptDecimalCommas) {
  IngestRun r = ingest("person_id;date;task_type;tasks;ai_tasks;hours\nP1;2025-01-06;a;1;0;7,5\n");
  ASSERT_TRUE(r.result.ok());
  EXPECT_DOUBLE_EQ(r.result->table.column("hours").numbers()[0], 7.5);
  EXPECT_EQ(r.result->summary.delimiter, ";");
  // In comma files a decimal comma would be a field separator, so it is never accepted.
  IngestRun c = ingest("person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,\"7,5\"\n");
  EXPECT_FALSE(c.result.ok());
}

TEST(Ingest, JsonAndCsvGiveTheSameTable) {
  const std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,quality,team\n"
                          "P1,2025-01-06,a,3,1,2.5,0.75,Finance\n"
                          "P2,2025-01-07,b,4,0,3,,\"Sales, EMEA\"\n";
  const std::string json = R"([
    {"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":3,"ai_tasks":1,"hours":2.5,"quality":0.75,"team":"Finance"},
    {"person_id":"P2","date":"2025-01-07","task_type":"b","tasks":4,"ai_tasks":0,"hours":3,"quality":null,"team":"Sales, EMEA","extra":{"x":1}}
  ])";
  IngestRun a = ingest(csv), b = ingest(json);
  ASSERT_TRUE(a.result.ok());
  ASSERT_TRUE(b.result.ok()) << b.result.error().message();
  const Table &ta = a.result->table, &tb = b.result->table;
  EXPECT_EQ(tb.row_count(), 2u);
  EXPECT_EQ(ta.column("tasks").ints(), tb.column("tasks").ints());
  EXPECT_EQ(ta.column("hours").numbers(), tb.column("hours").numbers());
  EXPECT_EQ(ta.column("team").text().at(1), tb.column("team").text().at(1));
  EXPECT_TRUE(std::isnan(tb.column("quality").numbers()[1]));
  EXPECT_EQ(b.result->summary.format, "json");
}

TEST(Ingest, JsonProblemsAreDiagnosed) {
  IngestRun bad = ingest("[{\"person_id\": \"P1\", ");
  ASSERT_FALSE(bad.result.ok());
  EXPECT_EQ(bad.result.error().code(), DiagCode::invalid_json);
  EXPECT_GT(bad.result.error().first().byte_offset, 0u);
  EXPECT_EQ(ingest("{\"a\": 1}").result.error().code(), DiagCode::json_not_array);
  EXPECT_EQ(ingest("[{\"person_id\":\"P1\"}]").result.error().code(), DiagCode::missing_column);
  const std::string rows =
      R"([{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},
          7,
          {"person_id":"P1","date":"2025-01-07","task_type":"a","tasks":{"n":1},"ai_tasks":0,"hours":1}])";
  IngestRun r = ingest(rows);
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.result->table.row_count(), 1u);
  ASSERT_EQ(r.log.items().size(), 2u);
  EXPECT_EQ(r.log.items()[0].code, DiagCode::json_row_not_object);
  EXPECT_EQ(r.log.items()[0].row, 2u);
  EXPECT_EQ(r.log.items()[1].code, DiagCode::json_nested_value);
  EXPECT_EQ(r.log.items()[1].row, 3u);
  EXPECT_EQ(r.log.items()[1].column, "tasks");
}

TEST(Ingest, JsonWrappedInAnObject) {
  IngestRun r = ingest(R"({"meta": {"n": [1,2]}, "rows": [{"role":"analyst","task_type":"reports","ai_recommended":true}]})",
                 TableKind::playbook);
  ASSERT_TRUE(r.result.ok()) << r.result.error().message();
  EXPECT_EQ(r.result->table.column("ai_recommended").small()[0], 1);
}

TEST(Ingest, ChunkedPushEqualsOneShot) {
  std::string text = std::string(kHeader);
  for (int i = 0; i < 200; ++i)
    text += "P" + std::to_string(i % 17) + ",2025-01-" + std::to_string(10 + i % 20) + ",t" + std::to_string(i % 3) +
            "," + std::to_string(i % 9 + 1) + ",1," + std::to_string(i * 0.25) + ",,0.1,0,0.5,10,2,3\n";
  IngestRun whole = ingest(text);
  ASSERT_TRUE(whole.result.ok());
  for (std::size_t chunk : {1u, 7u, 64u, 4096u}) {
    DiagnosticLog log;
    IngestOptions o;
    TableIngestor ing(o, log);
    for (std::size_t i = 0; i < text.size(); i += chunk) ASSERT_TRUE(ing.push(std::string_view(text).substr(i, chunk)).ok());
    auto t = ing.finish();
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->table.column("hours").numbers(), whole.result->table.column("hours").numbers());
    EXPECT_EQ(t->table.source_rows, whole.result->table.source_rows);
    EXPECT_EQ(t->summary.sha256, whole.result->summary.sha256);
    EXPECT_EQ(log.total(), whole.log.total());
  }
}

}  // namespace
}  // namespace gapscore

namespace gapscore {
namespace {

TEST(IngestColumns, TypedColumnsGiveTheSameTableAsCsv) {
  const std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,quality\n"
                          "P1,2025-01-06,a,3,1,2.5,0.75\n"
                          "P2,2025-01-07,b,4,0,3,\n";
  DiagnosticLog log_csv, log_cols;
  IngestOptions o;
  auto a = ingest_table(csv, o, log_csv);
  const std::vector<double> tasks = {3, 4}, ai = {1, 0}, hours = {2.5, 3}, quality = {0.75, std::nan("")};
  const std::vector<ColumnInput> cols = {
      {"person_id", std::vector<std::string>{"P1", "P2"}}, {"Date", std::vector<std::string>{"2025-01-06", "2025-01-07"}},
      {"task_type", std::vector<std::string>{"a", "b"}},   {"tasks", std::span<const double>(tasks)},
      {"ai_tasks", std::span<const double>(ai)},           {"hours", std::span<const double>(hours)},
      {"quality", std::span<const double>(quality)}};
  auto b = ingest_columns(cols, o, log_cols);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok()) << b.error().message();
  EXPECT_EQ(a->table.column("tasks").ints(), b->table.column("tasks").ints());
  EXPECT_EQ(a->table.column("hours").numbers(), b->table.column("hours").numbers());
  EXPECT_TRUE(std::isnan(b->table.column("quality").numbers()[1]));
  EXPECT_EQ(b->summary.format, "columns");
  EXPECT_TRUE(b->summary.sha256.empty());
}

TEST(IngestColumns, BadNumbersAreDiagnosedLikeText) {
  const std::vector<double> tasks = {3, 2.5, 4, 5}, ai = {1, 0, 9, 0},
                            hours = {1, 1, 1, std::numeric_limits<double>::infinity()};
  const std::vector<ColumnInput> cols = {
      {"person_id", std::vector<std::string>{"P1", "P2", "P3", "P4"}},
      {"date", std::vector<std::string>{"2025-01-06", "2025-01-06", "2025-01-06", "2025-01-06"}},
      {"task_type", std::vector<std::string>{"a", "a", "a", "a"}},
      {"tasks", std::span<const double>(tasks)}, {"ai_tasks", std::span<const double>(ai)},
      {"hours", std::span<const double>(hours)}};
  DiagnosticLog log;
  auto t = ingest_columns(cols, IngestOptions{}, log);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->table.row_count(), 1u);
  ASSERT_EQ(log.items().size(), 3u);
  EXPECT_EQ(log.items()[0].code, DiagCode::invalid_integer);
  EXPECT_EQ(log.items()[0].row, 2u);
  EXPECT_EQ(log.items()[1].code, DiagCode::ai_tasks_exceed_tasks);
  EXPECT_EQ(log.items()[2].code, DiagCode::non_finite);
}

TEST(IngestColumns, MismatchedLengthsAreAUsageError) {
  const std::vector<double> tasks = {3};
  const std::vector<ColumnInput> cols = {{"person_id", std::vector<std::string>{"P1", "P2"}},
                                         {"tasks", std::span<const double>(tasks)}};
  DiagnosticLog log;
  auto t = ingest_columns(cols, IngestOptions{}, log);
  ASSERT_FALSE(t.ok());
  // Missing columns are found first (header check), as with CSV.
  EXPECT_EQ(t.error().code(), DiagCode::missing_column);
}

}  // namespace
}  // namespace gapscore

namespace gapscore {
namespace {

// Plain decimals take a short path; it must give the double a correctly
// rounding parser gives (glibc's strtod is one), for every length and scale.
TEST(CellParse, PlainDecimalsParseToTheCorrectlyRoundedDouble) {
  Prng rng(20261201);
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(rng.next() % 17);  // 16 and 17 digits take the general path
    std::string text = rng.next() % 4 == 0 ? "-" : "";
    const int point = static_cast<int>(rng.next() % static_cast<std::uint64_t>(digits + 1));  // == digits: none
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>('0' + rng.next() % 10);
    }
    double got = -1;
    ingest::CellError err{};
    ASSERT_TRUE(ingest::parse_number(text, false, got, err)) << text;
    double want = std::strtod(text.c_str(), nullptr);
    if (want == 0.0) want = 0.0;  // no negative zero
    ASSERT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(want)) << text;
  }
  // Other shapes go the general way: some are numbers, some are not.
  for (const char* number : {"5.", ".5", "-.5", "+1.25", "1e3", "0.1234567890123456789", " 2.5 "}) {
    double got = 0;
    ingest::CellError err{};
    ASSERT_TRUE(ingest::parse_number(number, false, got, err)) << number;
    EXPECT_EQ(got, std::strtod(number, nullptr)) << number;
  }
  for (const char* text : {"1..2", "-", "1.2.3", "--1", "0x10", "1,5", "1 2"}) {
    double got = 0;
    ingest::CellError err{};
    EXPECT_FALSE(ingest::parse_number(text, false, got, err)) << text;
  }
}

// A cell refused for a common export habit says what to change; other
// refusals keep the plain words. Whole-number columns give the same advice.
TEST(CellParse, ANumberWrittenTheWayExportsDoSaysWhatToChange) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"1,200", "without thousands separators"}, {"-1,200.50", "without thousands separators"},
      {"$12.50", "currency sign"}, {"-$3", "currency sign"}, {"12 \xE2\x82\xAC", "currency sign"},
      {"\xC2\xA3" "40", "currency sign"}, {"88%", "as a fraction"}, {"2:00", "decimal hours"},
      {"1 200", "spaces between digits"}, {"1\xC2\xA0" "200", "spaces between digits"},
      {"12h", "without its unit"}, {"3 hrs", "without its unit"}};
  for (const auto& [text, words] : cases) {
    double got = 0;
    ingest::CellError err{};
    ASSERT_FALSE(ingest::parse_number(text, false, got, err)) << text;
    EXPECT_EQ(err.code, DiagCode::invalid_number) << text;
    EXPECT_NE(std::string_view(err.problem).find(words), std::string_view::npos) << text << ": " << err.problem;
    std::int32_t whole = 0;
    ASSERT_FALSE(ingest::parse_integer(text, false, whole, err)) << text;
    EXPECT_EQ(err.code, DiagCode::invalid_integer) << text;
    EXPECT_NE(std::string_view(err.problem).find(words), std::string_view::npos) << text << ": " << err.problem;
  }
  for (const char* text : {"six", "1..2", "1,5", "0x10", "-", "n/a"}) {
    double got = 0;
    ingest::CellError err{};
    ASSERT_FALSE(ingest::parse_number(text, false, got, err)) << text;
    EXPECT_STREQ(err.problem, "is not a number") << text;
    std::int32_t whole = 0;
    ASSERT_FALSE(ingest::parse_integer(text, false, whole, err)) << text;
    EXPECT_STREQ(err.problem, "is not a whole number") << text;
  }
}

// In a decimal-comma (';') file, dots grouping digits in threes have two
// readings; other dots are decimal points, and comma files keep reading them.
TEST(CellParse, DotsGroupingThousandsAreAmbiguousOnlyWhereDecimalsMayBeCommas) {
  for (const char* text : {"1.250", "12.500", "999.999", "-1.250", "+1.000", "1.250.000"}) {
    EXPECT_TRUE(ingest::thousands_grouped(text)) << text;
    double got = 0;
    ingest::CellError err{};
    EXPECT_FALSE(ingest::parse_number(text, true, got, err)) << text;
    EXPECT_EQ(err.code, DiagCode::ambiguous_number) << text;
    std::int32_t whole = 0;
    EXPECT_FALSE(ingest::parse_integer(text, true, whole, err)) << text;
    EXPECT_EQ(err.code, DiagCode::ambiguous_number) << text;
  }
  for (const char* text : {"0.125", "7.5", "12.75", "1.2500", "1250", "1000.250", ".250", "1.25a", "1.2,50"})
    EXPECT_FALSE(ingest::thousands_grouped(text)) << text;
  double got = 0;
  ingest::CellError err{};
  ASSERT_TRUE(ingest::parse_number("1.250", false, got, err));
  EXPECT_EQ(got, 1.25);
  ASSERT_TRUE(ingest::parse_number("0.125", true, got, err));
  EXPECT_EQ(got, 0.125);
  ASSERT_TRUE(ingest::parse_number("1,25", true, got, err));
  EXPECT_EQ(got, 1.25);
}

TEST(CellParse, CommasGroupingThousandsAreAmbiguousInSemicolonFilesToo) {
  // A semicolon file whose decimals are dots (outside review: "2.0;0.25;1,250") read 1,250 as 1.25.
  for (const char* text : {"1,250", "12,500", "-1,250", "999,999", "1,250,000"}) {
    EXPECT_TRUE(ingest::thousands_grouped(text, ',')) << text;
    double got = 0;
    ingest::CellError err{};
    EXPECT_FALSE(ingest::parse_number(text, true, got, err)) << text;
    EXPECT_EQ(err.code, DiagCode::ambiguous_number) << text;
    EXPECT_NE(std::string_view(err.problem).find("comma"), std::string_view::npos) << text;
    std::int32_t whole = 0;
    EXPECT_FALSE(ingest::parse_integer(text, true, whole, err)) << text;
    EXPECT_EQ(err.code, DiagCode::ambiguous_number) << text;
  }
  // A comma that cannot group thousands is a decimal comma there, as before.
  for (const auto& [text, value] : std::vector<std::pair<const char*, double>>{{"0,125", 0.125}, {"1,25", 1.25}, {"1,2500", 1.25}, {"12,5", 12.5}}) {
    EXPECT_FALSE(ingest::thousands_grouped(text, ',')) << text;
    double got = 0;
    ingest::CellError err{};
    ASSERT_TRUE(ingest::parse_number(text, true, got, err)) << text;
    EXPECT_EQ(got, value) << text;
  }
}

}  // namespace
}  // namespace gapscore

// The reader names a row's inline work mode by work_mode_text (no strlen); the
// text must be the one work_mode_from_name reads back, and the C string the same.
namespace gapscore {
TEST(WorkModeText, EveryModeReadsBackAndMissingIsEmpty) {
  for (WorkMode m : {WorkMode::onsite, WorkMode::hybrid, WorkMode::remote}) {
    const std::string_view t = work_mode_text(m);
    EXPECT_FALSE(t.empty());
    EXPECT_EQ(work_mode_from_name(t), m) << t;
    EXPECT_EQ(std::string_view(work_mode_name(m)), t);
  }
  EXPECT_EQ(work_mode_text(WorkMode::missing), "");
  EXPECT_EQ(work_mode_from_name("Remote"), WorkMode::missing);
}

// The inner sink keeps a row unless its number is in `refused` (a repeated key,
// a day outside the window): the proxies of refused rows must not count.
class KeepUnless : public ingest::RowSink {
 public:
  explicit KeepUnless(std::set<std::uint64_t> refused) : refused_(std::move(refused)) {}
  Outcome accept(const ingest::RowView&, std::uint64_t row) override {
    return refused_.count(row) ? Outcome::duplicate : Outcome::kept;
  }

 private:
  std::set<std::uint64_t> refused_;
};

// Rows of random people in random order, over two files (two sinks, one
// ProxySums, as several --activity files are read), against a map summed
// by hand: per person and proxy column, the sum in millionths and the rows.
// Values with one decimal (0.1 is no binary fraction) sum to the same bits
// in the reverse order: the sums are whole millionths.
TEST(ProxySink, SumsEachPersonsKeptRowsExactlyAcrossFilesInAnyOrder) {
  const TableSchema& schema = schema_for(TableKind::activity);
  std::vector<std::size_t> slots;
  for (const char* name : ingest::ProxySums::kColumns)
    for (std::size_t s = 0; s < schema.columns.size(); ++s)
      if (schema.columns[s].name == name) slots.push_back(s);
  ASSERT_EQ(slots.size(), std::size(ingest::ProxySums::kColumns));
  const std::size_t n = schema.columns.size();
  struct Row {
    std::string id;
    std::vector<std::uint8_t> present;
    std::vector<double> nums;
    std::vector<std::int64_t> micros;
  };
  Prng rng(7);
  std::vector<Row> rows(800);
  std::set<std::uint64_t> refused;
  for (std::uint64_t r = 0; r < rows.size(); ++r) {
    Row& row = rows[r];
    row.id = "P" + std::to_string(rng.below(40));
    row.present.assign(n, 0);
    row.nums.assign(n, 0.0);
    row.micros.assign(n, ingest::kNoMicros);
    for (std::size_t s : slots) {
      row.present[s] = rng.below(4) != 0;  // some rows give a proxy, some not, some none
      const std::uint64_t tenths = rng.below(500);
      row.nums[s] = static_cast<double>(tenths) / 10.0;
      if (rng.below(2) == 0) row.micros[s] = static_cast<std::int64_t>(tenths) * 100000;  // the plain path's digits
    }
    if (rng.below(10) == 0) refused.insert(r);
  }
  auto feed = [&](ingest::ProxySums& sums, const std::vector<std::uint64_t>& order, std::size_t per_file) {
    KeepUnless inner(refused);
    for (std::size_t at = 0; at < order.size(); at += per_file) {
      ingest::ProxySink sink(inner, sums);
      for (std::size_t i = at; i < std::min(order.size(), at + per_file); ++i) {
        const Row& row = rows[order[i]];
        std::vector<std::string_view> cells(n);
        std::vector<std::int32_t> ints(n, 0);
        cells[0] = row.id;
        const bool with_micros = order[i] % 3 != 0;  // the general path gives none
        sink.accept(ingest::RowView{row.present, ints, row.nums, cells,
                                    with_micros ? std::span<const std::int64_t>(row.micros) : std::span<const std::int64_t>()},
                    order[i]);
      }
    }
  };
  ingest::ProxySums sums;
  sums.by_person["P3"] = {{5e6, 1.0}, {0.0, 0.0}};  // read from an earlier file or state
  std::map<std::string, std::vector<std::pair<double, double>>> want = sums.by_person;
  for (std::uint64_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    bool any = false;
    for (std::size_t s : slots) any = any || row.present[s];
    if (refused.count(r) || !any) continue;
    auto& w = want[row.id];
    w.resize(slots.size());
    for (std::size_t c = 0; c < slots.size(); ++c)
      if (row.present[slots[c]]) {
        w[c].first += std::round(row.nums[slots[c]] * 10.0) * 100000.0;
        w[c].second += 1;
      }
  }
  std::vector<std::uint64_t> order(rows.size());
  for (std::uint64_t r = 0; r < rows.size(); ++r) order[r] = r;
  feed(sums, order, 400);
  EXPECT_EQ(sums.by_person, want);
  EXPECT_GT(sums.by_person.size(), 30u);

  ingest::ProxySums reversed;
  reversed.by_person["P3"] = {{5e6, 1.0}, {0.0, 0.0}};
  std::reverse(order.begin(), order.end());
  feed(reversed, order, 300);
  EXPECT_EQ(reversed.by_person, sums.by_person);
  // Added as plain doubles, the same values in the two orders differ somewhere.
  double forward = 0.0, backward = 0.0;
  for (std::uint64_t r = 0; r < rows.size(); ++r) forward += rows[r].nums[slots[0]];
  for (std::uint64_t r = rows.size(); r-- > 0;) backward += rows[r].nums[slots[0]];
  EXPECT_NE(forward, backward);
}

}  // namespace gapscore
