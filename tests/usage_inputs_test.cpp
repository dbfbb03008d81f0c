// Real inputs (issue 20): a Viva Insights person query, GitHub Copilot users
// and organisation reports as delivered, usage segments checked against an
// independent pandas implementation (tests/reference/segments_reference.py),
// legacy proxies in the KPI audit, dates as exported, and missing-column
// errors that print the mapping that fixes them. Fixtures:
// tests/data/inputs/make_fixtures.py.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "base/date.h"
#include "gapscore/session.h"
#include "test_util.h"
#include "usage_read.h"
#include "usage/parsers.h"

namespace gapscore {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) { return testing_util::read_file(testing_util::data_path("inputs/" + name)); }

using Read = testing_util::UsageRead;
Read read(const std::string& name, UsageFormat hint = UsageFormat::detect) {
  return testing_util::read_usage(fixture(name), name, hint);
}

// Runs a session: optional activity CSV text, then usage files; the report or the error.
struct Outcome {
  std::optional<json> report;
  std::optional<Error> error;
};

Outcome run(const json& config, const std::string& activity_csv, const std::vector<std::string>& usage_files) {
  Outcome out;
  auto s = Session::create(config.dump());
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  if (!s.ok()) return out;
  if (!activity_csv.empty()) {
    EXPECT_TRUE(s->begin_table(TableKind::activity, "activity.csv").ok());
    if (Status st = s->push(activity_csv); !st) {
      out.error = std::move(st).error();
      return out;
    }
    if (Status st = s->end_table(); !st) {
      out.error = std::move(st).error();
      return out;
    }
  }
  for (const std::string& f : usage_files)
    if (Status st = s->add_usage(fixture(f), f); !st) {
      out.error = std::move(st).error();
      return out;
    }
  auto r = s->report();
  if (!r.ok()) out.error = std::move(r).error();
  else out.report = json::parse(r.value());
  return out;
}

// ---- 1. Viva Insights person query ------------------------------------------

TEST(VivaPersonQuery, DetectedAndReadWithPublishedColumnNames) {
  auto f = usage::detect_usage_format(fixture("viva_person_query.csv"), UsageFormat::detect, "pq.csv");
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(*f, UsageFormat::viva_person_query);
  EXPECT_EQ(usage_format_from_name("viva_person_query"), UsageFormat::viva_person_query);
  Read r = read("viva_person_query.csv");
  ASSERT_TRUE(r.status.ok()) << r.status.error().message();
  const auto& s = r.data.files.at(0);
  EXPECT_EQ(s.format, "viva_person_query");
  EXPECT_EQ(s.date_format, "M/D/YYYY");
  EXPECT_EQ(s.granularity, "week");
  EXPECT_EQ(s.records, 30u * 14u);
  EXPECT_EQ(s.records_skipped, 0u);
  // Sunday 2025-01-05 is the week of Monday 2025-01-06.
  EXPECT_EQ(format_iso_date(s.first_day), "2025-01-06");
  // HR attributes as attributes; collaboration columns (any case) as metrics.
  const usage::PersonRecord& p = r.data.persons.at("P001");
  std::set<std::string> attributes, metrics;
  for (const auto& [name, value] : p.attributes) attributes.insert(name);
  for (const auto& [name, sum] : p.metrics) metrics.insert(name);
  EXPECT_TRUE(attributes.count("Organization"));
  EXPECT_TRUE(attributes.count("FunctionType"));
  EXPECT_TRUE(attributes.count("LevelDesignation"));
  EXPECT_TRUE(metrics.count("collaboration_hours"));  // written Collaboration_Hours
  EXPECT_TRUE(metrics.count("emails_sent"));
  EXPECT_FALSE(metrics.count("total_copilot_actions_taken"));
}

TEST(VivaPersonQuery, FormatOverrideAndBadCopilotValueIsARowDiagnostic) {
  std::string text = fixture("viva_person_query.csv");
  // A Copilot cell that is neither a count nor NA: that row is skipped, with its row number.
  const std::size_t line2 = text.find('\n') + 1;
  const std::string header = text.substr(0, line2);
  const std::size_t line3 = text.find('\n', line2) + 1;
  std::string row = text.substr(line2, line3 - line2);
  const std::string next = text.substr(line3, text.find('\n', line3) + 1 - line3);  // a good row
  const std::size_t at = row.find(",20,10,10,");
  ASSERT_NE(at, std::string::npos) << row;
  row.replace(at, 10, ",lots,10,10,");
  usage::UsageData data;
  DiagnosticLog log;
  // Two rows of one week: 1/5/2025 alone could be 5 January or 1 May.
  const Status ambiguous = usage::read_usage_file(header + row + next, UsageFormat::viva_person_query, "pq.csv", data, log);
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().code(), DiagCode::ambiguous_date);
  EXPECT_NE(ambiguous.error().message().find("date_formats"), std::string::npos) << ambiguous.error().message();
  usage::UsageReadOptions options;
  options.date_format = "M/D/YYYY";  // config.date_formats.usage
  data = usage::UsageData{};
  ASSERT_TRUE(usage::read_usage_file(header + row + next, UsageFormat::viva_person_query, "pq.csv", data, log, options).ok());
  ASSERT_EQ(log.items().size(), 1u);
  EXPECT_EQ(log.items()[0].code, DiagCode::usage_row_skipped);
  EXPECT_EQ(log.items()[0].row, 2u);
  EXPECT_NE(log.items()[0].message.find("Total_Copilot_actions_taken"), std::string::npos) << log.items()[0].message;
}

TEST(VivaPersonQuery, AdoptionOnlyGroupedByOrganizationWithoutPeopleTable) {
  const Outcome r = run({{"group_by", {"Organization"}}}, "", {"viva_person_query.csv"});
  ASSERT_TRUE(r.report) << r.error->message();
  const json& u = (*r.report)["usage"];
  const json want = testing_util::read_json(testing_util::data_path("inputs/segments_expected.json"));
  // NA weeks (not licensed) and 0 weeks (licensed, unused) are kept apart.
  EXPECT_EQ(u["overall"]["metrics"]["population"], 30);
  EXPECT_EQ(u["overall"]["metrics"]["licensed_users"], want["licensed"]);
  EXPECT_EQ(u["overall"]["metrics"]["active_users"], want["active"]);
  EXPECT_EQ(u["overall"]["metrics"]["never_used_users"], 5);
  ASSERT_EQ(u["groups"].size(), 3u);
  for (const json& g : u["groups"]) {
    const std::string org = g["key"]["Organization"];
    ASSERT_TRUE(want["groups"].contains(org)) << org;
    for (const auto& [segment, people] : want["groups"][org].items()) EXPECT_EQ(g["segments"][segment], people) << org << " " << segment;
    EXPECT_TRUE(g["segments"]["suppressed"].empty());
  }
  for (const auto& [segment, people] : want["overall"].items()) EXPECT_EQ(u["overall"]["segments"][segment], people) << segment;
  EXPECT_EQ(u["segments_window"]["weeks"], want["weeks"]);
  EXPECT_EQ(u["segments_window"]["habit_min_weeks"], want["habit_min_weeks"]);
  EXPECT_EQ(u["segments_window"]["first_date"], "2025-01-20");  // Viva week of Sunday 2025-01-19
  // Maturity from the power-user share: 5 of 30 overall, 5 of 10 in Finance.
  EXPECT_EQ(u["overall"]["maturity"]["stage"], "initial_rollout");
  for (const json& g : u["groups"])
    if (g["key"]["Organization"] == "Finance") {
      EXPECT_EQ(g["maturity"]["stage"], "embedding");
    }
  EXPECT_EQ(u["inputs"][0]["date_format"], "M/D/YYYY");
  EXPECT_EQ(u["inputs"][0]["granularity"], "week");
}

TEST(VivaPersonQuery, FewerWeeksUseTheWeeksThereAreAndThresholdsAreConfigurable) {
  // Eight weeks of data (window.end): habit needs ceil(0.75 x 8) = 6 weeks; the
  // people licensed only from week 9 are not licensed at all.
  const Outcome r = run({{"group_by", json::array()}, {"window", {{"end", "2025-03-01"}}}}, "", {"viva_person_query.csv"});
  ASSERT_TRUE(r.report) << r.error->message();
  const json& u = (*r.report)["usage"];
  EXPECT_EQ(u["segments_window"]["weeks"], 8);
  EXPECT_EQ(u["segments_window"]["habit_min_weeks"], 6);
  EXPECT_EQ(u["overall"]["metrics"]["licensed_users"], 25);
  // A lower power threshold moves the habitual users up.
  const Outcome low = run({{"group_by", json::array()}, {"usage", {{"segments", {{"power_min_mean", 2}}}, {"maturity", {{"ramping_up", 0.1}}}}}},
                      "", {"viva_person_query.csv"});
  ASSERT_TRUE(low.report) << low.error->message();
  EXPECT_EQ((*low.report)["usage"]["overall"]["segments"]["power_user"], 10);
  EXPECT_EQ((*low.report)["usage"]["overall"]["segments"]["habitual_user"], 0);
  EXPECT_EQ((*low.report)["usage"]["overall"]["maturity"]["stage"], "ramping_up");
}

TEST(VivaPersonQuery, SmallSegmentCountsAreHiddenSoThatNoneCanBeWorkedOut) {
  // k = 6: every count of 1..5 people is hidden; in each group and overall the
  // hidden counts add up to 0 or at least k people (else the published
  // population would give them away); each segment's hidden group counts too.
  const int k = 6;
  const Outcome r = run({{"group_by", {"Organization"}}, {"privacy", {{"min_group_size", k}}}}, "", {"viva_person_query.csv"});
  ASSERT_TRUE(r.report) << r.error->message();
  const json& u = (*r.report)["usage"];
  const json want = testing_util::read_json(testing_util::data_path("inputs/segments_expected.json"));
  auto check_row = [&](const json& got, const json& truth, const std::string& where) {
    int hidden_people = 0;
    for (const auto& [segment, people] : truth.items()) {
      const int n = people.get<int>();
      if (n >= 1 && n < k) {
        EXPECT_TRUE(got[segment].is_null()) << where << " " << segment;
      }
      if (got[segment].is_null()) {
        hidden_people += n;
      } else {
        EXPECT_EQ(got[segment], people) << where << " " << segment;
      }
    }
    EXPECT_TRUE(hidden_people == 0 || hidden_people >= k) << where << ": " << hidden_people;
  };
  check_row(u["overall"]["segments"], want["overall"], "overall");
  std::map<std::string, int> hidden_in_segment;
  for (const json& g : u["groups"]) {
    const std::string org = g["key"]["Organization"];
    check_row(g["segments"], want["groups"][org], org);
    for (const auto& [segment, people] : want["groups"][org].items())
      if (g["segments"][segment].is_null()) hidden_in_segment[segment] += people.get<int>();
  }
  for (const auto& [segment, people] : hidden_in_segment)
    if (!u["overall"]["segments"][segment].is_null()) {
      EXPECT_TRUE(people == 0 || people >= k) << segment;
    }
  // Finance's 5 power users are hidden, so its stage is not published.
  for (const json& g : u["groups"])
    if (g["key"]["Organization"] == "Finance") {
      EXPECT_TRUE(g["maturity"]["stage"].is_null());
    }
}

TEST(VivaPersonQuery, UnknownGroupByAttributeNamesTheAttributesThereAre) {
  const Outcome r = run({{"group_by", {"Department"}}}, "", {"viva_person_query.csv"});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code(), DiagCode::config_invalid_value);
  EXPECT_NE(r.error->message().find("Organization"), std::string::npos) << r.error->message();
}

// ---- 2. GitHub Copilot reports as delivered --------------------------------

TEST(GitHubReports, PrettyPrintedUsersReportIsReadByItsStructure) {
  auto f = usage::detect_usage_format(fixture("github_users_report_28day.json"), UsageFormat::detect, "r.json");
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(*f, UsageFormat::github_users_report);
  Read r = read("github_users_report_28day.json");
  ASSERT_TRUE(r.status.ok()) << r.status.error().message();
  const json doc = json::parse(fixture("github_users_report_28day.json"));
  const auto& s = r.data.files.at(0);
  EXPECT_EQ(s.format, "github_copilot_users_report");
  EXPECT_EQ(s.records, doc["day_totals"].size());
  EXPECT_EQ(s.records_skipped, 0u);
  EXPECT_EQ(format_iso_date(s.first_day), "2025-03-03");
  EXPECT_EQ(format_iso_date(s.last_day), "2025-03-30");
  // Active = any activity count > 0 or any used_* flag: dev07 only used the CLI; dev08 nothing.
  std::set<std::string> active, surfaces;
  for (const auto& row : r.data.rows)
    if (row.active) active.insert(row.identity), surfaces.insert(row.surface);
  EXPECT_EQ(active, (std::set<std::string>{"dev01", "dev02", "dev03", "dev04", "dev05", "dev06", "dev07"}));
  EXPECT_TRUE(surfaces.count("code_completion"));
  EXPECT_TRUE(surfaces.count("cli"));
  EXPECT_TRUE(surfaces.count("ide:vscode"));
  EXPECT_TRUE(surfaces.count("model:gpt-4.1"));
  // Weekly actions for usage segments.
  EXPECT_FALSE(r.data.actions.empty());
}

TEST(GitHubReports, EnterpriseOneDayAndOrganisationReports) {
  Read one = read("github_users_report_1day.json");
  ASSERT_TRUE(one.status.ok()) << one.status.error().message();
  EXPECT_EQ(one.data.files.at(0).format, "github_copilot_users_report");
  EXPECT_EQ(one.data.files.at(0).records, 3u);
  std::set<std::string> active;
  for (const auto& row : one.data.rows)
    if (row.active) active.insert(row.identity);
  EXPECT_EQ(active, (std::set<std::string>{"dev01", "dev02"}));  // dev02: used_agent only
  auto f = usage::detect_usage_format(fixture("github_org_report.json"), UsageFormat::detect, "o.json");
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(*f, UsageFormat::github_org_report);
  Read org = read("github_org_report.json");
  ASSERT_TRUE(org.status.ok()) << org.status.error().message();
  EXPECT_EQ(org.data.files.at(0).format, "github_copilot_org_report");
  ASSERT_EQ(org.data.aggregates.size(), 7u);
  EXPECT_EQ(org.data.aggregates[0].active_users, 5.0);
  // Sums of the day's fields (code_generation / code_acceptance_activity_count);
  // the lines fields are absent, so they stay 0.
  EXPECT_EQ(org.data.aggregates[0].suggestions, 120.0);
  EXPECT_EQ(org.data.aggregates[6].acceptances, 56.0);
  EXPECT_EQ(org.data.aggregates[0].lines_accepted, 0.0);
  EXPECT_EQ(org.data.files.at(0).first_day, *parse_iso_date("2025-03-24"));
  EXPECT_EQ(org.data.files.at(0).last_day, *parse_iso_date("2025-03-30"));
}

// ---- 4. Legacy proxies in the KPI audit ------------------------------------

TEST(KpiProxies, ActivityEmailsAndMeetingHoursAreAudited) {
  // 200 people; outcome and quality repeat every 8 people, e-mails every 5: independent by construction
  // (Spearman rho 0 with both), and enough people to rule out a relationship (docs/insights.md).
  const int emails[] = {60, 20, 100, 10, 80};
  std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,outcome_value,quality,emails_sent,meeting_hours\n";
  for (int p = 0; p < 200; ++p)
    for (int d = 1; d <= 5; ++d)
      csv += "p" + std::to_string(p) + ",2025-03-0" + std::to_string(d) + ",t,4,2,8," + std::to_string(10 * (p % 8 + 1)) +
             ",0." + std::to_string(p % 8) + "," + std::to_string(emails[p % 5]) + "," + std::to_string(p % 2 + 1) + "\n";
  const Outcome r = run({{"group_by", json::array()}}, csv, {});
  ASSERT_TRUE(r.report) << r.error->message();
  const json& k = (*r.report)["insights"]["kpi_audit"];
  std::set<std::string> proxies;
  for (const json& p : k["pairs"]) {
    proxies.insert(p["proxy"]);
    if (p["proxy"] == "emails_sent") {
      EXPECT_EQ(p["source"], "activity");
    }
  }
  EXPECT_TRUE(proxies.count("emails_sent"));
  EXPECT_TRUE(proxies.count("meeting_hours"));
  bool not_tracking = false;
  for (const json& p : k["proxies_not_tracking"]) not_tracking = not_tracking || p == "emails_sent";
  EXPECT_TRUE(not_tracking) << k.dump();
  bool card = false;
  for (const json& c : (*r.report)["insights"]["cards"])
    card = card || (c["id"] == "kpi_audit" && c["text"].get<std::string>().find("e-mails sent") != std::string::npos);
  EXPECT_TRUE(card) << (*r.report)["insights"]["cards"].dump();
}

TEST(KpiProxies, PersonQueryCollaborationMetricsJoinTheAudit) {
  std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,outcome_value,quality\n";
  for (int p = 1; p <= 12; ++p)
    for (int d = 1; d <= 5; ++d) {
      char id[8];
      std::snprintf(id, sizeof id, "P%03d", p);
      csv += std::string(id) + ",2025-03-0" + std::to_string(d) + ",t,4,2,8," + std::to_string(10 * p) + ",0.5\n";
    }
  const Outcome r = run({{"group_by", json::array()}}, csv, {"viva_person_query.csv"});
  ASSERT_TRUE(r.report) << r.error->message();
  std::set<std::string> from_viva;
  for (const json& p : (*r.report)["insights"]["kpi_audit"]["pairs"])
    if (p["source"] == "viva_person_query") from_viva.insert(p["proxy"]);
  EXPECT_EQ(from_viva, (std::set<std::string>{"collaboration_hours", "meeting_hours", "emails_sent", "chats_sent"}));
}

// ---- 5. Dates as exported --------------------------------------------------

TEST(DatesAsExported, EachFormatIsDetectedAndReadAsTheSameDays) {
  const std::pair<const char*, const char*> cases[] = {
      {"activity_dates_iso_datetime.csv", "iso"},      {"activity_dates_mdy.csv", "M/D/YYYY"},
      {"activity_dates_dmy_dots.csv", "D.M.YYYY"},     {"activity_dates_ymd_slash.csv", "YYYY/M/D"},
      {"activity_dates_excel_serial.csv", "excel_serial"},
  };
  for (const auto& [file, format] : cases) {
    const Outcome r = run({{"group_by", json::array()}}, fixture(file), {});
    ASSERT_TRUE(r.report) << file << ": " << r.error->message();
    const json& in = (*r.report)["inputs"][0];
    EXPECT_EQ(in["date_format"], format) << file;
    EXPECT_EQ(in["rows_skipped"], 0) << file;
    EXPECT_EQ(in["rows_used"], 120) << file;
    EXPECT_EQ((*r.report)["summary"]["first_date"], "2025-03-01") << file;
    EXPECT_EQ((*r.report)["summary"]["last_date"], "2025-03-20") << file;
  }
}

TEST(DatesAsExported, AmbiguousValuesFailNamingTheColumnAndTheFix) {
  const Outcome r = run({{"group_by", json::array()}}, fixture("activity_dates_ambiguous.csv"), {});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code(), DiagCode::ambiguous_date);
  EXPECT_EQ(r.error->first().column, "date");
  EXPECT_NE(r.error->message().find("01/01/2025"), std::string::npos) << r.error->message();
  EXPECT_NE(r.error->message().find("date_formats"), std::string::npos) << r.error->message();
  // Set, it reads: D/M/YYYY makes 02/12/2025 the 2nd of December.
  const Outcome dmy = run({{"group_by", json::array()}, {"date_formats", {{"activity", "D/M/YYYY"}}}},
                      fixture("activity_dates_ambiguous.csv"), {});
  ASSERT_TRUE(dmy.report) << dmy.error->message();
  EXPECT_EQ((*dmy.report)["summary"]["last_date"], "2025-12-02");
  const Outcome mdy = run({{"group_by", json::array()}, {"date_formats", {{"activity", "M/D/YYYY"}}}},
                      fixture("activity_dates_ambiguous.csv"), {});
  ASSERT_TRUE(mdy.report) << mdy.error->message();
  EXPECT_EQ((*mdy.report)["summary"]["last_date"], "2025-02-12");
}

TEST(DatesAsExported, ALaterContradictingValueIsARowDiagnostic) {
  const Outcome r = run({{"group_by", json::array()}}, fixture("activity_dates_contradiction.csv"), {});
  ASSERT_TRUE(r.report) << r.error->message();
  EXPECT_EQ((*r.report)["inputs"][0]["date_format"], "M/D/YYYY");
  // (row counts are withheld: two people are a hidden organisation; the diagnostic says which row)
  bool found = false;
  for (const json& d : (*r.report)["diagnostics"]["items"])
    if (d["code"] == "invalid_date") {
      found = true;
      EXPECT_EQ(d["row"], 4);
      EXPECT_EQ(d["column"], "date");
      EXPECT_EQ(d["value"], "14/3/2025");
    }
  EXPECT_TRUE(found) << (*r.report)["diagnostics"].dump();
}

// ---- 7. Errors that say how to fix -----------------------------------------

TEST(MissingColumn, PrintsTheMappingThatFixesIt) {
  const Outcome r = run({{"group_by", json::array()}}, fixture("activity_employee_id.csv"), {});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code(), DiagCode::missing_column);
  EXPECT_NE(r.error->message().find("closest header found: \"Employee ID\""), std::string::npos) << r.error->message();
  EXPECT_NE(r.error->message().find(R"({"columns":{"activity":{"Employee ID":"person_id"}}})"), std::string::npos)
      << r.error->message();
  // And the mapping works.
  const Outcome fixed = run({{"group_by", json::array()}, {"columns", {{"activity", {{"Employee ID", "person_id"}}}}}},
                        fixture("activity_employee_id.csv"), {});
  EXPECT_TRUE(fixed.report) << fixed.error->message();
}

}  // namespace
}  // namespace gapscore
