// AI-usage exports: each vendor format read as it comes (BOM, CRLF, concealed
// names, cut-off NDJSON, unknown fields), joined to people, and turned into
// adoption, intensity and breadth that match figures computed independently
// (tests/data/usage/make_fixtures.py → expected.json).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "gapscore/session.h"
#include "base/date.h"
#include "test_util.h"
#include "usage_read.h"
#include "usage/parsers.h"

namespace gapscore {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) { return testing_util::read_file(testing_util::data_path("usage/" + name)); }

using Read = testing_util::UsageRead;
Read read(const std::string& name, UsageFormat hint = UsageFormat::detect) {
  return testing_util::read_usage(fixture(name), name, hint);
}

TEST(UsageFormats, DetectedFromContent) {
  const std::pair<const char*, UsageFormat> cases[] = {
      {"m365_user_detail_2025-03-30.csv", UsageFormat::m365_csv},
      {"m365_graph.json", UsageFormat::m365_json},
      {"github_users.ndjson", UsageFormat::github_users_ndjson},
      {"github_team_engineering.json", UsageFormat::github_aggregate_json},
  };
  for (const auto& [file, format] : cases) {
    auto f = usage::detect_usage_format(fixture(file), UsageFormat::detect, file);
    ASSERT_TRUE(f.ok()) << file;
    EXPECT_EQ(*f, format) << file;
  }
  auto bad = usage::detect_usage_format(fixture("bad_not_usage.csv"), UsageFormat::detect, "x.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), DiagCode::unknown_format);
  EXPECT_NE(bad.error().message().find("Microsoft 365 Copilot"), std::string::npos);
  EXPECT_NE(bad.error().message().find("GitHub Copilot"), std::string::npos);
}

TEST(UsageFormats, M365CsvWithBomCrlfAndEmptyDates) {
  Read r = read("m365_user_detail_2025-03-30.csv");
  ASSERT_TRUE(r.status.ok()) << r.status.error().message();
  ASSERT_EQ(r.data.files.size(), 1u);
  const auto& f = r.data.files[0];
  EXPECT_EQ(f.format, "m365_copilot_csv");
  EXPECT_EQ(f.records, 25u);  // 24 people + one contractor
  EXPECT_EQ(f.report_period_days, 30u);
  EXPECT_EQ(format_iso_date(f.first_day), "2025-03-01");
  EXPECT_EQ(format_iso_date(f.last_day), "2025-03-30");
  EXPECT_GT(f.rows, 0u);
  for (const auto& row : r.data.rows) {
    EXPECT_EQ(row.identity.find('\r'), std::string::npos);
    EXPECT_GE(row.day, f.first_day);
    EXPECT_LE(row.day, f.last_day);
    EXPECT_TRUE(std::isnan(row.generations));  // M365 gives dates, not counts: missing, not zero
  }
  EXPECT_EQ(r.log.total(), 0u);
}

TEST(UsageFormats, GraphJsonGivesTheSameKindOfRows) {
  Read r = read("m365_graph.json");
  ASSERT_TRUE(r.status.ok()) << r.status.error().message();
  EXPECT_EQ(r.data.files[0].report_period_days, 7u);
  EXPECT_GT(r.data.rows.size(), 10u);
  EXPECT_EQ(r.data.rows[0].tool, usage::Tool::m365_copilot);
}

TEST(UsageFormats, GithubNdjsonWithCutOffLastLine) {
  Read r = read("github_users.ndjson");
  ASSERT_TRUE(r.status.ok()) << r.status.error().message();
  ASSERT_EQ(r.log.items().size(), 1u);
  EXPECT_EQ(r.log.items()[0].code, DiagCode::usage_truncated_line);
  bool missing_counter = false, feature = false, chat = false;
  for (const auto& row : r.data.rows) {
    missing_counter = missing_counter || (row.identity == "dev-007" && row.surface == "code_completion" && std::isnan(row.generations));
    feature = feature || row.surface == "code_completion";
    chat = chat || row.surface == "chat";
  }
  EXPECT_TRUE(missing_counter);  // absent counters stay missing, never 0
  EXPECT_TRUE(feature);
  EXPECT_TRUE(chat);
}

TEST(UsageFormats, GithubAggregateSumsEditorsModelsLanguages) {
  Read r = read("github_team_engineering.json");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.data.aggregates.size(), 14u);
  EXPECT_EQ(r.data.aggregates[0].suggestions, 150.0);
  EXPECT_EQ(r.data.aggregates[0].acceptances, 40.0);
  EXPECT_EQ(r.data.aggregates[0].active_users, 6.0);
}

TEST(UsageFormats, BadFilesGetClearErrorsOrSkips) {
  Read no_upn = read("bad_m365_no_upn.csv", UsageFormat::m365_csv);
  ASSERT_FALSE(no_upn.status.ok());
  EXPECT_EQ(no_upn.status.error().code(), DiagCode::missing_column);
  EXPECT_NE(no_upn.status.error().message().find("User Principal Name"), std::string::npos);
  Read middle = read("bad_github_middle_line.ndjson");
  ASSERT_TRUE(middle.status.ok());
  ASSERT_EQ(middle.log.items().size(), 1u);
  EXPECT_EQ(middle.log.items()[0].code, DiagCode::usage_row_skipped);
  EXPECT_EQ(middle.log.items()[0].row, 2u);
  EXPECT_NE(middle.log.items()[0].message.find(" record 2: invalid JSON ("), std::string::npos) << middle.log.items()[0].message;
  EXPECT_NE(middle.log.items()[0].message.find("; record skipped"), std::string::npos);
  EXPECT_EQ(middle.data.files[0].records_skipped, 1u);
  Read empty = read("bad_empty.ndjson");
  EXPECT_FALSE(empty.status.ok());
  EXPECT_EQ(empty.status.error().code(), DiagCode::empty_input);
  Read not_usage = read("bad_not_usage.csv");
  EXPECT_EQ(not_usage.status.error().code(), DiagCode::unknown_format);
}

// ---- joined analysis ----

json analyze(const json& config, const std::vector<std::string>& usage_files, bool with_activity = false,
             const std::string& identities = "") {
  auto a = Session::create(config.dump());
  EXPECT_TRUE(a.ok());
  EXPECT_TRUE(a->begin_table(TableKind::people).ok());
  EXPECT_TRUE(a->push(fixture("people.csv")).ok());
  EXPECT_TRUE(a->end_table().ok());
  if (!identities.empty()) {
    EXPECT_TRUE(a->begin_table(TableKind::identities).ok());
    EXPECT_TRUE(a->push(fixture(identities)).ok());
    EXPECT_TRUE(a->end_table().ok());
  }
  if (with_activity) {
    EXPECT_TRUE(a->begin_table(TableKind::activity).ok());
    std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours\n";
    for (int n = 1; n <= 24; ++n) {
      char id[8];
      std::snprintf(id, sizeof id, "E%03d", n);
      csv += std::string(id) + ",2025-03-10,a,10," + std::to_string(n % 3 == 0 ? 0 : 5) + ",8\n";
    }
    EXPECT_TRUE(a->push(csv).ok());
    EXPECT_TRUE(a->end_table().ok());
  }
  for (const std::string& f : usage_files) EXPECT_TRUE(a->add_usage(fixture(f), f).ok()) << f;
  auto r = a->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return json::parse(r.value());
}

void expect_figures(const json& got, const json& want, const std::string& where) {
  for (const auto& [key, value] : want.items()) {
    if (key == "key") continue;
    if (key == "tool_adoption") {
      for (const auto& [tool, rate] : value.items())
        EXPECT_NEAR(got["tool_adoption"][tool].get<double>(), rate.get<double>(), 1e-12) << where << " " << tool;
      continue;
    }
    if (value.is_null()) {
      EXPECT_TRUE(got[key].is_null()) << where << " " << key;
    } else {
      ASSERT_TRUE(got[key].is_number()) << where << " " << key << " = " << got[key];
      EXPECT_NEAR(got[key].get<double>(), value.get<double>(), 1e-12 * std::max(1.0, std::fabs(value.get<double>())))
          << where << " " << key;
    }
  }
}

TEST(UsageAnalysis, AdoptionOnlyReportMatchesIndependentFigures) {
  const json want = testing_util::read_json(testing_util::data_path("usage/expected.json"));
  const json r = analyze(want["config"], want["files"]);
  ASSERT_TRUE(r.contains("usage"));
  const json& u = r["usage"];
  EXPECT_EQ(u["covered_days"], want["covered_days"]);
  EXPECT_EQ(u["identity"]["unmatched"], want["unmatched_identities"]);
  EXPECT_EQ(u["identity"]["matched"], want["matched_identities"]);
  expect_figures(u["overall"]["metrics"], want["overall"], "overall");
  ASSERT_EQ(u["groups"].size(), want["groups"].size());
  for (std::size_t i = 0; i < want["groups"].size(); ++i) {
    EXPECT_EQ(u["groups"][i]["key"], want["groups"][i]["key"]);
    expect_figures(u["groups"][i]["metrics"], want["groups"][i], "group " + std::to_string(i));
  }
  // Adoption-only: the activity sections say why they are empty.
  EXPECT_TRUE(r["overall"]["suppressed"].get<bool>());
  EXPECT_TRUE(r["groups"].empty());
  EXPECT_EQ(r["summary"]["people"], 24);
  // Unevenness across teams and training targets come from telemetry.
  EXPECT_EQ(u["uniformity"]["usage_adoption_rate"]["groups"], 3);
  EXPECT_FALSE(u["training_targets"].empty());
  EXPECT_GE(u["training_targets"][0]["non_adopter_share"].get<double>(), u["training_targets"][1]["non_adopter_share"].get<double>());
  bool unmatched_reported = false;
  for (const auto& d : r["diagnostics"]["items"]) unmatched_reported = unmatched_reported || d["code"] == "usage_unmatched_identity";
  EXPECT_TRUE(unmatched_reported);
}

TEST(UsageAnalysis, ConcealedNamesNeedAnIdentitiesTable) {
  const json config = {{"group_by", {"team"}}, {"privacy", {{"min_group_size", 3}}}};
  const json without = analyze(config, {"m365_concealed_2025-03-30.csv"});
  EXPECT_EQ(without["usage"]["identity"]["matched"], 0);
  bool told = false;
  for (const auto& d : without["diagnostics"]["items"]) told = told || d["code"] == "usage_nothing_joined";
  EXPECT_TRUE(told);
  EXPECT_EQ(without["usage"]["overall"]["metrics"]["active_users"], 0);
  const json with = analyze(config, {"m365_concealed_2025-03-30.csv"}, false, "identities.csv");
  EXPECT_GT(with["usage"]["identity"]["matched"].get<int>(), 10);
  // The same people are active as in the plain export of that month.
  const json plain = analyze(config, {"m365_user_detail_2025-03-30.csv"});
  EXPECT_EQ(with["usage"]["overall"]["metrics"]["active_users"], plain["usage"]["overall"]["metrics"]["active_users"]);
}

TEST(UsageAnalysis, ExportsOverTimeBuildAHistory) {
  const json config = {{"group_by", {"team"}}, {"privacy", {{"min_group_size", 3}}}};
  const json one = analyze(config, {"m365_user_detail_2025-03-30.csv"});
  const json two = analyze(config, {"m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-04-29.csv"});
  EXPECT_EQ(one["usage"]["covered_days"], 30);
  EXPECT_EQ(two["usage"]["covered_days"], 60);
  std::set<std::string> weeks_one, weeks_two;
  for (const auto& t : one["usage"]["trends"]) weeks_one.insert(t["start"].get<std::string>());
  for (const auto& t : two["usage"]["trends"]) weeks_two.insert(t["start"].get<std::string>());
  EXPECT_GT(weeks_two.size(), weeks_one.size());
  // The same file twice counts once.
  const json twice = analyze(config, {"m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-03-30.csv"});
  EXPECT_EQ(twice["usage"]["overall"]["metrics"], one["usage"]["overall"]["metrics"]);
}

TEST(UsageAnalysis, TrendsFollowTheConfiguredPeriod) {
  // The two monthly exports cover 2025-03-01 .. 2025-04-29.
  const std::vector<std::string> files = {"m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-04-29.csv",
                                          "github_team_engineering.json"};
  const json weekly = analyze({{"group_by", {"team"}}, {"privacy", {{"min_group_size", 3}}}}, files);
  const json monthly = analyze({{"group_by", {"team"}}, {"period", "month"}, {"privacy", {{"min_group_size", 3}}}}, files);
  std::map<std::string, double> month_active;  // overall active users per month
  for (const auto& t : monthly["usage"]["trends"]) {
    const std::string label = t["period"];
    EXPECT_EQ(label.size(), 7u) << label;  // "2025-03", not "2025-W09"
    EXPECT_EQ(t["start"].get<std::string>(), label + "-01");
    if (t["key"].is_null() && !t["suppressed"].get<bool>()) month_active[label] = t["active_users"];
  }
  EXPECT_EQ(month_active.size(), 2u);
  EXPECT_TRUE(month_active.count("2025-03") && month_active.count("2025-04"));
  // A month's active people include every week's that starts in it.
  for (const auto& t : weekly["usage"]["trends"]) {
    if (!t["key"].is_null() || t["suppressed"].get<bool>()) continue;
    const std::string month = t["start"].get<std::string>().substr(0, 7);
    if (month_active.count(month)) { EXPECT_GE(month_active[month], t["active_users"].get<double>()) << t["period"]; }
  }
  for (const auto& a : monthly["usage"]["team_aggregates"]) EXPECT_EQ(a["period"].get<std::string>().size(), 7u);
}

TEST(UsageAnalysis, TelemetryIsComparedWithActivity) {
  const json r = analyze({{"group_by", {"team"}}, {"privacy", {{"min_group_size", 3}}}},
                         {"m365_user_detail_2025-03-30.csv", "github_users.ndjson"}, true);
  const json& c = r["usage"]["comparison_with_activity"];
  ASSERT_TRUE(c.is_object());
  EXPECT_EQ(c["people"], 24);
  EXPECT_NEAR(c["activity_adoption_rate"].get<double>(), 16.0 / 24.0, 1e-12);  // 2 of 3 people have AI tasks
  EXPECT_GE(c["agreement"].get<double>(), 0.0);
  EXPECT_LE(c["agreement"].get<double>(), 1.0);
  EXPECT_FALSE(r["groups"].empty());  // with activity the full report is there too
}

TEST(UsageAnalysis, TelemetryIntensityIsRankCorrelatedWithAiTaskShares) {
  // scipy.stats.spearmanr over the same people (make_fixtures.py), with ties in both columns.
  const json want = testing_util::read_json(testing_util::data_path("usage/expected.json"))["intensity_vs_ai_task_share"];
  const json r = analyze({{"group_by", {"team"}}, {"privacy", {{"min_group_size", 3}}}},
                         {"m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-04-29.csv", "github_users.ndjson"}, true);
  const json& got = r["usage"]["comparison_with_activity"]["intensity_vs_ai_task_share"];
  ASSERT_TRUE(got.is_object()) << r["usage"]["comparison_with_activity"].dump();
  EXPECT_EQ(got["people"], want["people"]);
  EXPECT_NEAR(got["spearman_rho"].get<double>(), want["spearman_rho"].get<double>(), 1e-12);
  EXPECT_NEAR(got["p_value"].get<double>(), want["p_value"].get<double>(), 1e-9);
  // Under k people in both, no correlation is published.
  const json small = analyze({{"group_by", {"team"}}, {"privacy", {{"min_group_size", 30}, {"min_group_size_extremes", 30}}}},
                             {"m365_user_detail_2025-03-30.csv", "github_users.ndjson"}, true);
  const json& c = small["usage"]["comparison_with_activity"];
  EXPECT_FALSE(c.contains("intensity_vs_ai_task_share") && c["intensity_vs_ai_task_share"]["spearman_rho"].is_number());
}

TEST(UsageAnalysis, TeamAggregatesAreWeeklyAndSmallWeeksHidden) {
  // 6 active users on weekdays, 2 at weekends: a weekly mean of 34/7 = 4.86.
  const json r = analyze({{"group_by", {"team"}}, {"privacy", {{"min_group_size", 4}}}}, {"github_team_engineering.json"});
  const json& agg = r["usage"]["team_aggregates"];
  ASSERT_EQ(agg.size(), 2u);
  EXPECT_EQ(agg[0]["team"], "github_team_engineering.json");
  ASSERT_FALSE(agg[0]["suppressed"].get<bool>());
  EXPECT_NEAR(agg[0]["mean_daily_active_users"].get<double>(), (6.0 * 5 + 2.0 * 2) / 7, 1e-12);
  // Suggestions per day: python 100+d and go 50; acceptances 30+d and 10 (d = 0..6).
  EXPECT_NEAR(agg[0]["acceptance_rate"].get<double>(), (7 * 40.0 + 21) / (7 * 150.0 + 21), 1e-12);
  const json strict = analyze({{"group_by", {"team"}}, {"privacy", {{"min_group_size", 5}}}}, {"github_team_engineering.json"});
  EXPECT_TRUE(strict["usage"]["team_aggregates"][0]["suppressed"].get<bool>());
}

// The demo's usage sample (three teams of 8) hid Finance's non-users beside
// 0, 0, 0, 0 and a population of 8: a count anyone can work out, marked
// hidden. A count the published totals pin down is published; one that stays
// hidden is never alone in its row (whose population is published) nor, when
// everyone's count of its segment is published, alone in its column.
TEST(UsageSegments, NoHiddenCountIsGivenAwayByItsRowOrColumn) {
  const json r = analyze({{"group_by", {"team"}}},
                         {"m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-04-29.csv", "github_users.ndjson",
                          "github_team_engineering.json"});
  const json& u = r["usage"];
  const char* kSegments[] = {"power_user", "habitual_user", "novice_user", "low_user", "non_user"};
  auto hidden_in = [&](const json& seg) {
    int n = 0;
    for (const char* s : kSegments) n += seg[s].is_null() ? 1 : 0;
    return n;
  };
  ASSERT_TRUE(u["overall"]["segments"].is_object()) << u["overall"];
  EXPECT_NE(hidden_in(u["overall"]["segments"]), 1) << u["overall"]["segments"];
  bool finance = false;
  for (const json& g : u["groups"]) {
    ASSERT_FALSE(g["suppressed"].get<bool>()) << g["key"];  // the column check below needs every group shown
    EXPECT_NE(hidden_in(g["segments"]), 1) << g["key"] << " " << g["segments"];
    if (g["key"]["team"] == "Finance") {
      finance = true;
      EXPECT_EQ(g["segments"]["non_user"], 8) << g["segments"];
      EXPECT_EQ(g["segments"]["suppressed"], json::array()) << g["segments"];
    }
  }
  EXPECT_TRUE(finance);
  for (const char* s : kSegments) {
    if (u["overall"]["segments"][s].is_null()) continue;
    int hidden = 0;
    for (const json& g : u["groups"]) hidden += g["segments"][s].is_null() ? 1 : 0;
    EXPECT_NE(hidden, 1) << s;
  }
}

// A figure over a group's active users that the audit withholds is null and
// named in the group's `withheld`, with why (the demo then shows "hidden", not
// "n/a"); a figure the data do not give is plain null. In the usage sample,
// Sales has 4 active users of 8 (k = 5).
TEST(UsageAnalysis, WithheldFiguresSayWhy) {
  const json r = analyze({{"group_by", {"team"}}},
                         {"m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-04-29.csv", "github_users.ndjson",
                          "github_team_engineering.json"});
  bool sales = false;
  for (const json& g : r["usage"]["groups"]) {
    const json& m = g["metrics"];
    if (g.contains("withheld"))
      for (const auto& [metric, why] : g["withheld"].items()) {
        EXPECT_TRUE(m[metric].is_null()) << g["key"] << " " << metric;
        EXPECT_FALSE(why.get<std::string>().empty());
      }
    if (g["key"]["team"] == "Sales") {
      sales = true;
      ASSERT_EQ(m["active_users"], 4);
      ASSERT_TRUE(g.contains("withheld")) << g;
      EXPECT_EQ(g["withheld"]["active_days_share"], "fewer than 5 people stand behind this figure") << g["withheld"];
      EXPECT_TRUE(g["withheld"].contains("apps_per_active_user")) << g["withheld"];
      EXPECT_FALSE(g["withheld"].contains("acceptance_rate")) << g["withheld"];  // no Copilot code data in Sales
    }
    if (g["key"]["team"] == "Finance") {
      EXPECT_FALSE(g.contains("withheld")) << g;  // 7 active users: shown
      EXPECT_TRUE(m["active_days_share"].is_number()) << m;
    }
  }
  EXPECT_TRUE(sales);
}

TEST(UsageAnalysis, SmallGroupsAreSuppressed) {
  const json r = analyze({{"group_by", {"team", "work_mode"}}}, {"m365_user_detail_2025-03-30.csv"});
  for (const auto& g : r["usage"]["groups"]) {
    EXPECT_TRUE(g["suppressed"].get<bool>());  // 2-3 people per team x work mode, k = 5
    EXPECT_FALSE(g.contains("metrics"));
  }
  for (const auto& t : r["usage"]["trends"])
    if (!t["key"].is_null()) { EXPECT_TRUE(t["suppressed"].get<bool>()); }
}

}  // namespace
}  // namespace gapscore
