// Resource bounds (docs/input-format.md, "Limits"): inputs crafted to make the
// engine read out of bounds, recurse without end, or do work out of proportion
// to their size. Work is counted (core/src/work_counter.h), never timed.
#include <gtest/gtest.h>

#include <cstdio>

#include <set>
#include <string>

#include "gapscore/session.h"
#include "base/date.h"
#include "ingest/ingest.h"
#include "gapscore/verify.h"
#include "base/json_parse.h"
#include "test_util.h"
#include "base/work_counter.h"

namespace gapscore {
namespace {

Result<std::string> report_of(const std::string& activity, InputFormat format = InputFormat::detect,
                              const std::string& people = "", const std::string& config = "{}") {
  auto a = Session::create(config);
  if (!a) return std::move(a).error();
  auto table = [&](TableKind kind, const std::string& bytes) -> Status {
    if (Status s = a->begin_table(kind, "", format); !s) return s;
    if (Status s = a->push(bytes); !s) return s;
    return a->end_table();
  };
  if (Status s = table(TableKind::activity, activity); !s) return std::move(s).error();
  if (!people.empty())
    if (Status s = table(TableKind::people, people); !s) return std::move(s).error();
  return a->report();
}

const Diagnostic* find_code(const DiagnosticLog& log, DiagCode code) {
  for (const Diagnostic& d : log.items())
    if (d.code == code) return &d;
  return nullptr;
}

// ---- JSON columns that first appear in a later object ----

TEST(JsonLateColumns, TheSmallestReproducerFailsCleanly) {
  const std::string bytes =
      R"([{"date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},{"person_id":null}])";
  auto r = report_of(bytes, InputFormat::json);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), DiagCode::no_valid_rows) << r.error().message();
}

TEST(JsonLateColumns, EarlierRowsGetMissingCellsForALateOptionalColumn) {
  DiagnosticLog log(100);
  IngestOptions o;
  o.kind = TableKind::activity;
  o.format = InputFormat::json;
  auto t = ingest_table(R"([{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},
                            {"person_id":"P2","date":"2025-01-06","task_type":"a","tasks":2,"ai_tasks":1,"hours":2,"rework_hours":0.5}])",
                        o, log);
  ASSERT_TRUE(t.ok()) << t.error().message();
  const std::vector<double>& rework = t->table.column("rework_hours").numbers();
  ASSERT_EQ(rework.size(), 2u);
  EXPECT_TRUE(is_missing(rework[0]));
  EXPECT_DOUBLE_EQ(rework[1], 0.5);
}

TEST(JsonLateColumns, RowsBeforeALateRequiredColumnAreSkippedWithTheirRowNumbers) {
  DiagnosticLog log(100);
  IngestOptions o;
  o.kind = TableKind::activity;
  o.format = InputFormat::json;
  auto t = ingest_table(R"([{"date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},
                            {"date":"2025-01-07","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},
                            {"person_id":"P3","date":"2025-01-06","task_type":"a","tasks":2,"ai_tasks":1,"hours":2}])",
                        o, log);
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->summary.rows_used, 1u);
  EXPECT_EQ(t->summary.rows_skipped, 2u);
  ASSERT_EQ(t->table.column("person_id").text().codes.size(), 1u);
  std::vector<std::uint64_t> rows;
  for (const Diagnostic& d : log.items())
    if (d.code == DiagCode::missing_value) rows.push_back(d.row);
  EXPECT_EQ(rows, (std::vector<std::uint64_t>{1, 2}));
}

TEST(JsonLateColumns, APeopleTableWithALateColumnGivesAFullReport) {
  const std::string activity =
      "person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP2,2025-01-06,a,2,1,2\n";
  auto r = report_of(activity, InputFormat::detect, R"([{"person_id":"P1"},{"person_id":"P2","team":"A"}])");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_NE(r->find("\"people_missing_from_people_table\": 0"), std::string::npos);
}

// ---- verify: a report nested too deeply ----

TEST(VerifyBounds, ADeeplyNestedConfigIsRejectedNotRecursedInto) {
  for (const std::size_t depth : {std::size_t{200}, std::size_t{8000}, std::size_t{1000000}}) {
    std::string report = R"({"gapscore_version":"0.1.0","inputs":[],"config":{"privacy":{"salt_given":false},"x":)";
    report += std::string(depth, '[') + std::string(depth, ']') + "}}";
    auto record = read_report_record(report);
    ASSERT_FALSE(record.ok()) << depth;
    EXPECT_NE(record.error().message().find("nested more than"), std::string::npos) << record.error().message();
    const auto d = first_difference(report, "{}");
    ASSERT_TRUE(d.has_value());
    EXPECT_NE(d->note.find("nested more than"), std::string::npos) << d->note;
  }
}

TEST(VerifyBounds, NestingUpToTheLimitIsRead) {
  JsonParseError err;
  const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(parse_json_dom(ok, err).has_value()) << err.message;
  const std::string deeper = "[" + ok + "]";
  EXPECT_FALSE(parse_json_dom(deeper, err).has_value());
}

// ---- repeated keys cost time in proportion to the rows ----

std::uint64_t probes_for_people_with_one_repeated_id(std::size_t rows) {
  std::string people = "person_id,team\n";
  for (std::size_t i = 0; i < rows; ++i) people += "P1,T" + std::to_string(i) + "\n";
  DiagnosticLog log(100);
  IngestOptions o;
  o.kind = TableKind::people;
  reset_work_counters();
  auto t = ingest_table(people, o, log);
  EXPECT_TRUE(t.ok());
  EXPECT_EQ(t->summary.rows_used, 1u);
  EXPECT_EQ(log.counts().at({"people", DiagCode::duplicate_key}), rows - 1);
  return work_done(Work::duplicate_key_probes);
}

TEST(LinearWork, TenTimesTheRepeatedKeysCostAboutTenTimesTheWork) {
  const std::uint64_t small = probes_for_people_with_one_repeated_id(2000);
  const std::uint64_t large = probes_for_people_with_one_repeated_id(20000);
  ASSERT_GT(small, 0u);
  const double ratio = static_cast<double>(large) / static_cast<double>(small);
  EXPECT_GT(ratio, 8.0);
  EXPECT_LT(ratio, 12.5) << "quadratic work would give about 100x";
}

TEST(LinearWork, IdenticalActivityRowsCostWorkInProportion) {
  auto probes = [](std::size_t rows) {
    std::string activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
    for (std::size_t i = 0; i < rows; ++i) activity += "P1,2025-01-06,a,1,0,1\n";
    DiagnosticLog log(100);
    IngestOptions o;
    o.kind = TableKind::activity;
    reset_work_counters();
    auto t = ingest_table(activity, o, log);
    EXPECT_TRUE(t.ok());
    return work_done(Work::duplicate_key_probes);
  };
  const double ratio = static_cast<double>(probes(20000)) / static_cast<double>(probes(2000));
  EXPECT_GT(ratio, 8.0);
  EXPECT_LT(ratio, 12.5);
}

// ---- groups x periods ----

// Teams of 5 people, each team active in its own week: groups x periods would
// be people^2 / 25 cells; the cells that exist are about people / 5 + weeks.
std::string own_week_teams(std::size_t people, std::string& people_csv) {
  std::string activity = "person_id,date,task_type,tasks,ai_tasks,hours,quality\n";
  people_csv = "person_id,team\n";
  for (std::size_t p = 0; p < people; ++p) {
    const std::size_t team = p / 5;
    const std::string id = "P" + std::to_string(p);
    people_csv += id + ",T" + std::to_string(team) + "\n";
    // Monday 2000-01-03 plus one week per team (about 19 years for 1,000 teams).
    const std::int32_t day = days_from_civil(2000, 1, 3) + static_cast<std::int32_t>(7 * team);
    activity += id + "," + format_iso_date(day) + ",a," + std::to_string(1 + p % 3) + "," + std::to_string(p % 2) +
                ",1.5,0.8\n";
  }
  return activity;
}

TEST(GroupsTimesPeriods, CellsGrowWithTheInputAndTheReportStaysSmall) {
  std::uint64_t cells[2] = {};
  const std::size_t sizes[2] = {1000, 5000};
  for (int i = 0; i < 2; ++i) {
    std::string people;
    const std::string activity = own_week_teams(sizes[i], people);
    reset_work_counters();
    auto r = report_of(activity, InputFormat::detect, people);
    ASSERT_TRUE(r.ok()) << r.error().message();
    cells[i] = work_done(Work::trend_cells);
    const std::size_t teams = sizes[i] / 5, weeks = teams;
    // One overall cell per week plus one cell per team (the team's only week).
    EXPECT_EQ(cells[i], weeks + teams);
    EXPECT_LE(work_done(Work::suppression_cells), 1 + teams + weeks + teams);
    // The disclosure audit's overlaps: a bounded number of set pairs per person.
    EXPECT_LE(work_done(Work::disclosure_pairs), 64 * sizes[i]) << work_done(Work::disclosure_pairs);
    if (sizes[i] == 5000) {
      EXPECT_LT(r->size(), 5u * 1024 * 1024) << "report of " << r->size() << " bytes";
      EXPECT_NE(r->find("trend_groups_capped"), std::string::npos);
    }
  }
  EXPECT_EQ(cells[1], 5 * cells[0]);  // 5x the input, 5x the cells (not 25x)
}

TEST(GroupsTimesPeriods, AnExplicitTrendGroupListChoosesTheSeries) {
  std::string people;
  const std::string activity = own_week_teams(100, people);
  auto r = report_of(activity, InputFormat::detect, people, R"({"trends": {"groups": ["T3", "T7", "nope"]}})");
  ASSERT_TRUE(r.ok()) << r.error().message();
  const auto j = nlohmann::json::parse(*r);
  std::set<std::string> teams;
  for (const auto& c : j["trends"])
    if (!c["key"].is_null()) teams.insert(c["key"]["team"].get<std::string>());
  EXPECT_EQ(teams, (std::set<std::string>{"T3", "T7"}));
  EXPECT_NE(r->find("trend_group_unknown"), std::string::npos);
  EXPECT_EQ(r->find("trend_groups_capped"), std::string::npos);
}

// ---- the size hint ----

TEST(SizeHint, AHintFarLargerThanTheInputReservesNothingOutOfProportion) {
  std::string activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  for (int i = 0; i < 1500; ++i) activity += "P" + std::to_string(i) + ",2025-01-06,a,1,0,1\n";
  DiagnosticLog log(100);
  IngestOptions o;
  o.kind = TableKind::activity;
  o.expected_bytes = 20'000'000'000ULL;  // 20 GB claimed for a 40 KB input
  TableIngestor in(o, log);
  ASSERT_TRUE(in.push(activity).ok());
  auto t = in.finish();
  ASSERT_TRUE(t.ok());
  EXPECT_LE(t->table.column("hours").numbers().capacity(), 4096u);
}

// ---- dates ----

// Dates written as text digit by digit: the same text as printf's "%04d-%02u-%02u"
// of the civil date, from before year 0 to after 9999, and read back as the
// same day where the reader takes the year.
TEST(Dates, IsoTextOfADayIsItsCivilDatePrinted) {
  const std::int32_t year0 = -719528, year10000 = 2932897;  // days of 0000-01-01 and 10000-01-01
  for (std::int32_t d = year0 - 800; d < year10000 + 800; d += (d > year0 + 400 && d < year10000 - 400) ? 97 : 1) {
    const CivilDate c = civil_from_days(d);
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02u-%02u", c.year, c.month, c.day);
    const std::string text = format_iso_date(d);
    ASSERT_EQ(text, expected) << d;
    if (c.year >= 1900 && c.year <= 2999) {
      ASSERT_EQ(parse_iso_date(text), d) << text;
    }
  }
}

TEST(Dates, AYearOutOfRangeSaysSo) {
  DiagnosticLog log(100);
  IngestOptions o;
  o.kind = TableKind::activity;
  auto t = ingest_table("person_id,date,task_type,tasks,ai_tasks,hours\nP1,1850-01-06,a,1,0,1\nP2,2025-01-06,a,1,0,1\n"
                        "P3,2025-13-06,a,1,0,1\n",
                        o, log);
  ASSERT_TRUE(t.ok());
  std::vector<std::string> messages;
  for (const Diagnostic& d : log.items())
    if (d.code == DiagCode::invalid_date) messages.push_back(d.message);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[0].find("year outside the supported range 1900-2999"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("not a date in YYYY-MM-DD form"), std::string::npos) << messages[1];
  EXPECT_EQ(find_code(log, DiagCode::out_of_range), nullptr);
}

}  // namespace
}  // namespace gapscore
