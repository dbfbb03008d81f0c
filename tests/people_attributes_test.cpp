// The people table keeps the columns gapscore does not define (department,
// location...) as text attributes that group_by and rollup_by can name;
// other tables still ignore theirs. The kept values stay aligned with their
// rows through skipped rows and duplicate keys, in CSV, JSON and columns.
#include <gtest/gtest.h>

#include <cmath>

#include "ingest/ingest.h"

namespace gapscore {
namespace {

struct Ingested {
  Result<IngestedTable> result;
  DiagnosticLog log;
};

Ingested ingest(std::string_view text, TableKind kind = TableKind::people) {
  Ingested r{Error(), DiagnosticLog(200)};
  IngestOptions o;
  o.kind = kind;
  r.result = ingest_table(text, o, r.log);
  return r;
}

std::vector<std::string> values(const Table& t, const std::string& column) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < t.row_count(); ++r) out.emplace_back(t.column(column).text().at(r));
  return out;
}

std::size_t count(const DiagnosticLog& log, DiagCode code, std::string_view text) {
  std::size_t n = 0;
  for (const Diagnostic& d : log.items()) n += d.code == code && d.message.find(text) != std::string::npos;
  return n;
}

TEST(PeopleAttributes, CsvKeepsOtherColumnsAlignedWithTheKeptRows) {
  Ingested r = ingest(
      "person_id,team,Department, Location ,ai_trained,department\n"
      "P1,Eng, Platform ,Berlin,true,x\n"
      ",Eng,Platform,Madrid,true,x\n"   // no person_id: skipped
      "P2,Eng,Platform,Paris,maybe,x\n"  // bad ai_trained: kept, read as empty
      "P3,Ops,Field,,false,x\n"
      "P1,Ops,Other,Rome,false,x\n");    // repeats P1: dropped
  ASSERT_TRUE(r.result.ok()) << r.result.error().message();
  const Table& t = r.result->table;
  ASSERT_EQ(t.row_count(), 3u);
  EXPECT_EQ(values(t, "person_id"), (std::vector<std::string>{"P1", "P2", "P3"}));
  EXPECT_EQ(values(t, "Department"), (std::vector<std::string>{"Platform", "Platform", "Field"}));
  EXPECT_EQ(values(t, "Location"), (std::vector<std::string>{"Berlin", "Paris", ""}));
  EXPECT_EQ(t.column("ai_trained").small(), (std::vector<std::int8_t>{1, kMissingBool, 0}));
  // The second "department" names the same attribute: ignored, and said so.
  EXPECT_EQ(count(r.log, DiagCode::unknown_column, "repeats the name of an earlier column"), 1u);
  EXPECT_EQ(count(r.log, DiagCode::unknown_column, ""), 1u);  // kept columns are listed, not warned about
  const TableSummary& s = r.result->summary;
  EXPECT_EQ(s.columns, (std::vector<std::string>{"person_id", "team", "ai_trained", "Department", "Location"}));
  EXPECT_EQ(s.ignored_columns, (std::vector<std::string>{"department"}));
}

TEST(PeopleAttributes, JsonAndColumnsKeepThemToo) {
  Ingested j = ingest(R"([{"person_id": "P1", "team": "Eng"},
                     {"person_id": "P2", "team": "Ops", "Cost centre": 42, "Region": "EMEA"}])");
  ASSERT_TRUE(j.result.ok()) << j.result.error().message();
  EXPECT_EQ(values(j.result->table, "Cost centre"), (std::vector<std::string>{"", "42"}));
  EXPECT_EQ(values(j.result->table, "Region"), (std::vector<std::string>{"", "EMEA"}));

  const std::vector<double> cost = {42, 1.5};
  const std::vector<ColumnInput> cols = {{"person_id", std::vector<std::string>{"P1", "P2"}},
                                         {"Cost centre", std::span<const double>(cost)},
                                         {"Region", std::vector<std::string>{"EMEA", "APAC"}}};
  DiagnosticLog log;
  IngestOptions o;
  o.kind = TableKind::people;
  auto c = ingest_columns(cols, o, log);
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(values(c->table, "Cost centre"), (std::vector<std::string>{"42", "1.5"}));
  EXPECT_EQ(values(c->table, "Region"), (std::vector<std::string>{"EMEA", "APAC"}));
}

TEST(PeopleAttributes, AtMost64AreKept) {
  std::string header = "person_id", row = "P1";
  for (int i = 0; i < 70; ++i) {
    header += ",extra " + std::to_string(i);
    row += ",v" + std::to_string(i);
  }
  Ingested r = ingest(header + "\n" + row + "\n");
  ASSERT_TRUE(r.result.ok()) << r.result.error().message();
  EXPECT_EQ(r.result->table.columns.size(), schema_for(TableKind::people).columns.size() + 64);
  EXPECT_EQ(values(r.result->table, "extra 63"), (std::vector<std::string>{"v63"}));
  EXPECT_FALSE(r.result->table.has("extra 64"));
  EXPECT_EQ(count(r.log, DiagCode::unknown_column, "past the first 64 extra columns"), 6u);
}

TEST(PeopleAttributes, AMissingPersonIdStillNamesTheClosestHeader) {
  Ingested r = ingest("Employee ID,team\nP1,Eng\n");
  ASSERT_FALSE(r.result.ok());
  const Diagnostic& d = r.result.error().first();
  EXPECT_EQ(d.code, DiagCode::missing_column);
  EXPECT_EQ(d.value, "Employee ID") << d.message;
}

TEST(PeopleAttributes, OtherTablesStillIgnoreTheirs) {
  Ingested r = ingest("person_id,date,task_type,tasks,ai_tasks,hours,Department\nP1,2025-01-06,a,1,0,1,Eng\n",
                 TableKind::activity);
  ASSERT_TRUE(r.result.ok()) << r.result.error().message();
  EXPECT_FALSE(r.result->table.has("Department"));
  EXPECT_EQ(r.result->summary.ignored_columns, (std::vector<std::string>{"Department"}));
  EXPECT_EQ(count(r.log, DiagCode::unknown_column, "is not used by gapscore; ignored"), 1u);
}

}  // namespace
}  // namespace gapscore
