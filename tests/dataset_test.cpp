// Joining the tables: attributes from people first, inline second,
// conflicts and unknown people reported, the window applied.
#include "gapscore/session.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "dataset/dataset.h"
#include "privacy/pseudonym.h"

namespace gapscore {
namespace {

struct AnalysisRun {
  Result<std::string> report = Error();
  std::vector<Diagnostic> diagnostics;
};

AnalysisRun analyze(const std::string& activity, const std::string& people = "", const std::string& config = "") {
  AnalysisRun r;
  auto a = Session::create(config);
  if (!a) {
    r.report = a.error();
    return r;
  }
  EXPECT_TRUE(a->begin_table(TableKind::activity).ok());
  EXPECT_TRUE(a->push(activity).ok());
  if (Status s = a->end_table(); !s) {
    r.report = s.error();
    return r;
  }
  if (!people.empty()) {
    EXPECT_TRUE(a->begin_table(TableKind::people).ok());
    EXPECT_TRUE(a->push(people).ok());
    EXPECT_TRUE(a->end_table().ok());
  }
  r.report = a->report();
  r.diagnostics = a->log().items();
  return r;
}

std::size_t count(const std::vector<Diagnostic>& ds, DiagCode code) {
  std::size_t n = 0;
  for (const Diagnostic& d : ds) n += d.code == code;
  return n;
}

const char* kActivity =
    "person_id,date,task_type,tasks,ai_tasks,hours,team\n"
    "P1,2025-01-06,a,4,2,4,Red\n"
    "P2,2025-01-06,a,4,0,4,Red\n"
    "P3,2025-01-07,a,4,4,4,Blue\n"
    "P3,2025-01-08,a,4,4,4,Green\n"   // conflicting inline team
    "P4,2025-02-10,a,4,1,4,\n";        // no team anywhere

// Groups this small are suppressed, so the per-person rows (individual results,
// pseudonymous) show who landed where.
constexpr const char* kIndividuals = R"({"privacy": {"individual_results": true, "salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"}})";

std::map<std::string, std::string> team_of_person(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  for (const auto& row : report["individuals"]) out[row["person"]] = row["key"]["team"];
  return out;
}

// Individual rows carry a team only when every team holds min_group_size people:
// five more people in Blue and Red each, and five with no team anywhere.
std::string with_fillers(std::string table, const char* row_format) {
  for (int i = 0; i < 15; ++i) {
    char row[96];
    std::snprintf(row, sizeof row, row_format, 10 + i, i < 5 ? "Blue" : i < 10 ? "Red" : "");
    table += row;
  }
  return table;
}

TEST(Dataset, PeopleTableWinsAndGapsAreReported) {
  const std::string activity = with_fillers(kActivity, "F%d,2025-01-06,a,4,1,4,%s\n");
  std::string people = "person_id,team\nP1,Blue\nP2,Red\nP9,Red\n";
  for (int i = 0; i < 10; ++i) people += "F" + std::to_string(10 + i) + (i < 5 ? ",Blue\n" : ",Red\n");
  const AnalysisRun r = analyze(activity, people, kIndividuals);
  ASSERT_TRUE(r.report.ok()) << r.report.error().message();
  const auto j = nlohmann::json::parse(r.report.value());
  const auto team = team_of_person(j);
  // P1: people says Blue (inline Red: conflict). P2: Red. P3: not in people -> first inline (Blue).
  // P4: nowhere -> (unassigned).
  EXPECT_EQ(team.at(privacy::pseudonym("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e", "P1")), "Blue");
  EXPECT_EQ(team.at(privacy::pseudonym("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e", "P2")), "Red");
  EXPECT_EQ(team.at(privacy::pseudonym("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e", "P3")), "Blue");
  EXPECT_EQ(team.at(privacy::pseudonym("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e", "P4")), "(unassigned)");
  EXPECT_EQ(count(r.diagnostics, DiagCode::unknown_person), 7u);      // P3, P4 and the five fillers without a team
  EXPECT_EQ(count(r.diagnostics, DiagCode::attribute_conflict), 2u);  // P1 vs people, P3 Blue/Green
  EXPECT_EQ(j["summary"]["people_without_activity"], 1);              // P9
  EXPECT_EQ(j["summary"]["people_missing_from_people_table"], 7);
}

TEST(Dataset, TeamNamesDifferingOnlyInCaseAreAWarning) {
  // Five people in "Alpha", five in "alpha " (an outside review: two teams of 5, no word said).
  std::string activity = "person_id,date,task_type,tasks,ai_tasks,hours\n", people = "person_id,team,role\n";
  for (int p = 0; p < 10; ++p) {
    activity += "P" + std::to_string(p) + ",2025-01-06,a,2,1,1\n";
    people += "P" + std::to_string(p) + "," + (p < 5 ? "Alpha" : "alpha ") + ",analyst\n";
  }
  const AnalysisRun r = analyze(activity, people, R"({"group_by": ["team"]})");
  ASSERT_TRUE(r.report.ok()) << r.report.error().message();
  ASSERT_EQ(count(r.diagnostics, DiagCode::attribute_case_variants), 1u);
  for (const Diagnostic& d : r.diagnostics) {
    if (d.code != DiagCode::attribute_case_variants) continue;
    EXPECT_EQ(d.message, "team \"Alpha\" and \"alpha\" differ only in letter case and are separate groups; write them one way to make them one group");
  }
  // One spelling: nothing to say.
  std::string same = people;
  for (std::size_t at; (at = same.find("alpha ")) != std::string::npos;) same.replace(at, 6, "Alpha");
  EXPECT_EQ(count(analyze(activity, same, R"({"group_by": ["team"]})").diagnostics, DiagCode::attribute_case_variants), 0u);
}

TEST(Dataset, IdsWrittenAnotherWayInThePeopleTableAreNamed) {
  // Activity ids "e001".."e006" and "007".."010"; the people table writes "E001".. and "7".. (a
  // spreadsheet dropped the zeros), and "x11" is missing outright: ids stay compared exactly.
  std::string activity = "person_id,date,task_type,tasks,ai_tasks,hours\n", people = "person_id,team\n";
  for (int p = 1; p <= 11; ++p) {
    const std::string n = (p < 10 ? "0" : "") + std::to_string(p);
    const std::string id = p <= 6 ? "e0" + n : p <= 10 ? "0" + n : "x" + n;
    activity += id + ",2025-01-06,a,2,1,1\n";
    if (p <= 10) people += (p <= 6 ? "E0" + n : std::to_string(p)) + ",Red\n";
  }
  const AnalysisRun r = analyze(activity, people);
  ASSERT_TRUE(r.report.ok()) << r.report.error().message();
  EXPECT_EQ(count(r.diagnostics, DiagCode::unknown_person), 11u);
  std::vector<std::string> said;
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == DiagCode::person_id_near_match) {
      said.push_back(d.message);
      EXPECT_TRUE(d.names_person) << d.message;  // ids are redacted unless individual output is on
    }
  ASSERT_EQ(said.size(), 2u);
  EXPECT_EQ(said[0].rfind("activity: 6 people missing from the people table match a people-table id when letter case is "
                          "ignored (\"e001\" and \"E001\")", 0), 0u) << said[0];
  EXPECT_EQ(said[1].rfind("activity: 4 people missing from the people table match a people-table id when leading zeros "
                          "are ignored (\"007\" and \"7\")", 0), 0u) << said[1];
  // Nothing to say when the ids match, or differ otherwise.
  EXPECT_EQ(count(analyze(activity, "person_id,team\nQ1,Red\n").diagnostics, DiagCode::person_id_near_match), 0u);
}

TEST(Dataset, WindowDropsRowsAndPeopleOutsideIt) {
  const AnalysisRun r = analyze(kActivity, "", R"({"window": {"start": "2025-01-06", "end": "2025-01-31"}})");
  ASSERT_TRUE(r.report.ok());
  const auto j = nlohmann::json::parse(r.report.value());
  // Three people are fewer than min_group_size: no figure, not even their
  // number, and no row count, which adds up over them.
  EXPECT_TRUE(j["summary"]["people"].is_null());
  EXPECT_TRUE(j["summary"]["rows_outside_window"].is_null());
  const AnalysisRun k3 = analyze(kActivity, "", R"({"window": {"start": "2025-01-06", "end": "2025-01-31"}, "privacy": {"min_group_size": 3}})");
  ASSERT_TRUE(k3.report.ok());
  const auto j3 = nlohmann::json::parse(k3.report.value());
  EXPECT_EQ(j3["summary"]["people"], 3);  // P4 only has a February row
  EXPECT_EQ(j3["summary"]["rows_outside_window"], 1);
  EXPECT_EQ(j["summary"]["last_date"], "2025-01-08");
  EXPECT_EQ(count(r.diagnostics, DiagCode::rows_outside_window), 1u);
  const AnalysisRun none = analyze(kActivity, "", R"({"window": {"start": "2026-01-01"}})");
  ASSERT_FALSE(none.report.ok());
  EXPECT_EQ(none.report.error().code(), DiagCode::no_valid_rows);
}

TEST(Dataset, GroupingByMissingAttributeUsesUnassigned) {
  const AnalysisRun r = analyze(kActivity, "", R"({"group_by": ["work_mode"], "privacy": {"min_group_size": 3}})");
  ASSERT_TRUE(r.report.ok());
  const auto j = nlohmann::json::parse(r.report.value());
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["key"]["work_mode"], "(unassigned)");
  EXPECT_EQ(j["groups"][0]["headcount"], 4);
}

TEST(Dataset, ApiMisuseIsAnErrorNotACrash) {
  auto a = Session::create("");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->push("x").error().code(), DiagCode::invalid_argument);
  EXPECT_EQ(a->end_table().error().code(), DiagCode::invalid_argument);
  EXPECT_EQ(a->report().error().code(), DiagCode::invalid_argument);
  auto b = Session::create("");
  ASSERT_TRUE(b->begin_table(TableKind::people).ok());
  EXPECT_EQ(b->begin_table(TableKind::activity).error().code(), DiagCode::invalid_argument);
  EXPECT_EQ(Session::create("{bad json").error().code(), DiagCode::config_invalid_json);
}

// The activity's legacy-proxy sums are kept in millionths (ProxySums); the
// audit reads them in the column's own unit, and only people who gave a value.
TEST(Dataset, ProxyColumnsReadTheSumsInTheirOwnUnit) {
  Dataset ds;
  ds.persons.resize(3);
  ds.persons[0].id = "P1";
  ds.persons[1].id = "P2";
  ds.persons[2].id = "P3";
  ds.activity_proxies.by_person["P1"] = {{2'500'000.0, 2.0}, {100'000.0, 1.0}};  // 2.5 e-mails, 0.1 h
  ds.activity_proxies.by_person["P3"] = {{0.0, 0.0}, {3'000'000.0, 3.0}};
  Config config;
  config.insights.kpi_proxies = {"emails_sent", "Meeting Hours"};
  const std::vector<ProxyColumn> columns = kpi_proxy_columns(ds, config);
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].name, "emails_sent");
  EXPECT_EQ(columns[0].source, "activity");
  EXPECT_EQ(columns[0].values[0], 2.5);
  EXPECT_FALSE(columns[0].values[1].has_value());
  EXPECT_FALSE(columns[0].values[2].has_value());  // no row gave a value
  EXPECT_EQ(columns[1].name, "meeting_hours");
  EXPECT_EQ(columns[1].values[0], 0.1);
  EXPECT_EQ(columns[1].values[2], 3.0);
}

}  // namespace
}  // namespace gapscore
