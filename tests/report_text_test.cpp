// The report's words (issue 21): every text the engine writes for people to
// read names metrics in words and never shows a snake_case identifier or a
// dotted config key. Keys, formulas and ids live in their own fields (method,
// formula, settings, key, code, id, ...), which the UI shows as code. Data
// values (a role "team_lead" as the user wrote it) are the user's own words
// and are exempt. The reports checked: the built-in sample, the sample with
// suppressed groups and a short window (reasons and settings), a rollout, an
// adoption-only report from AI-usage exports and one joined with activity, and
// a 200-team organisation (gapscore generate --teams).
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <set>
#include <sstream>

#include "gapscore/catalog.h"
#include "gapscore/generate.h"
#include "gapscore/session.h"
#include "session_report.h"
#include "test_util.h"

namespace gapscore {
namespace {

using nlohmann::json;

std::string sample(const std::string& file) {
  return testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/" + file);
}
std::string usage_fixture(const std::string& file) { return testing_util::read_file(testing_util::data_path("usage/" + file)); }

// Every cell of the inputs: what the user wrote may appear in texts as is.
void add_cells(const std::string& csv, std::set<std::string>& cells) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // the header: column names are identifiers, not data
  while (std::getline(in, line)) {
    std::string cell;
    std::istringstream row(line);
    while (std::getline(row, cell, ',')) cells.insert(cell);
  }
}

// Fields whose values are identifiers, formulas or data, never running text:
// a field name alone, or "parent.field" when the same name holds text elsewhere
// (work_mode.verdict is a sentence, sufficiency.verdict an enum).
const std::set<std::string>& identifier_fields() {
  static const std::set<std::string> fields = {
      // formulas and config keys, shown in code by the UI
      "method", "formula", "settings", "setting", "pseudonymous_ids", "config",
      // ids and enums
      "id", "kind", "code", "key", "direction", "basis", "effect_size", "format", "outcome", "proxy", "source",
      "table", "column", "section", "protection", "sufficiency.verdict", "status", "segment", "maturity", "tool",
      "identity", "period", "from", "to", "start", "end", "first_date", "last_date", "date", "week", "card",
      "reference", "strata", "replacements", "proxies_not_tracking", "individual_key_attributes", "group_by",
      "suppressed_groups", "treated_groups", "control_groups", "sha256", "version", "generator", "person",
      "mentor", "mentee", "role", "task_type", "work_mode", "team", "metric", "metrics", "name", "format_version",
      "groups", "tools", "apps", "date_format", "encoding", "delimiter", "kpi_proxies", "ledger_id", "files",
      "inputs.format", "trends.metrics", "unit", "columns", "needs", "segments.suppressed", "stage", "attribution",
  };
  return fields;
}

bool is_identifier_field(const std::string& parent, const std::string& field) {
  const auto& f = identifier_fields();
  return f.count(field) || f.count(parent + "." + field);
}

struct Finding {
  std::string path, text, match;
};

// Walks the report; strings under an identifier field (at any depth below it)
// are skipped, every other string is running text.
void scan(const json& j, const std::string& path, const std::string& parent, const std::string& field,
          const std::set<std::string>& data, std::vector<Finding>& out) {
  if (!field.empty() && is_identifier_field(parent, field)) return;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) scan(v, path + "." + k, field, k, data, out);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) scan(j[i], path + "[" + std::to_string(i) + "]", parent, field, data, out);
  } else if (j.is_string()) {
    const std::string s = j.get<std::string>();
    static const std::regex snake(R"(\b[a-z]+_[a-z_]+\b)"), dotted(R"(\b[a-z]+\.[a-z_]+)");
    for (const std::regex* re : {&snake, &dotted})
      for (std::sregex_iterator it(s.begin(), s.end(), *re), end; it != end; ++it)
        if (!data.count(it->str())) out.push_back({path, s, it->str()});
  }
}

std::vector<Finding> findings(const json& report, const std::set<std::string>& data) {
  std::vector<Finding> out;
  scan(report, "", "", "", data, out);
  return out;
}

void expect_words_only(const json& report, const std::set<std::string>& data, const std::string& which) {
  for (const Finding& f : findings(report, data))
    ADD_FAILURE() << which << ": " << f.path << " names \"" << f.match << "\" in running text: " << f.text;
}

struct Inputs {
  std::string activity, people, surveys, playbook;
};

const Inputs& sample_inputs() {
  static const Inputs in{sample("activity.csv"), sample("people.csv"), sample("surveys.csv"), sample("playbook.csv")};
  return in;
}

std::set<std::string> sample_data() {
  std::set<std::string> cells;
  const Inputs& in = sample_inputs();
  for (const std::string* t : {&in.activity, &in.people, &in.surveys, &in.playbook}) add_cells(*t, cells);
  return cells;
}

json sample_report(const json& config) {
  const Inputs& in = sample_inputs();
  // In kReadOrder: the activity last.
  return testing_util::session_report(config, {{TableKind::people, in.people},
                                               {TableKind::playbook, in.playbook},
                                               {TableKind::surveys, in.surveys},
                                               {TableKind::activity, in.activity}});
}

TEST(ReportText, TheSampleReportNamesNoIdentifierInItsTexts) {
  const json r = sample_report({{"group_by", {"team"}}});
  expect_words_only(r, sample_data(), "sample");
  // The KPI audit names its replacements by their catalog labels, and says what
  // "|ρ| below" means.
  for (const json& c : r["insights"]["cards"]) {
    if (c["id"] != "kpi_audit") continue;
    const std::string text = c["text"];
    EXPECT_NE(text.find(metric_label("quality_adjusted_output_per_hour")), std::string::npos) << text;
    EXPECT_NE(text.find("no meaningful relationship"), std::string::npos) << text;
    EXPECT_EQ(c["settings"], json::array({"insights.kpi_min_abs_rho"}));
  }
  // No rollout dates: the reason says so in words, the keys are listed apart.
  EXPECT_EQ(r["insights"]["rollout"]["settings"], json::array({"rollout.dates", "rollout.by"}));
  // "only 0% AI-assisted" reads wrong.
  EXPECT_EQ(r.dump().find("only 0%"), std::string::npos);
}

TEST(ReportText, SuppressedGroupsAndAShortWindowGiveReasonsInWordsAndKeysApart) {
  // Teams of about 25 under a minimum group size of 30: every team is hidden;
  // two weeks are too few days and periods for a verdict.
  const json r = sample_report({{"group_by", {"team", "work_mode"}},
                                {"privacy", {{"min_group_size", 30}, {"min_group_size_extremes", 100}}},
                                {"window", {{"start", "2025-02-03"}, {"end", "2025-02-14"}}}});
  expect_words_only(r, sample_data(), "suppressed");
  bool hidden = false;
  for (const json& g : r["groups"]) hidden = hidden || g["suppressed"].get<bool>();
  EXPECT_TRUE(hidden);
  const json& s = r["overall"]["score"]["sufficiency"];
  EXPECT_EQ(s["verdict"], "too_little_data");
  EXPECT_EQ(s["settings"], json::array({"insights.min_days", "insights.min_periods"}));
  const json& gap = r["overall"]["gap"];
  EXPECT_TRUE(gap["settings"].is_array());
  EXPECT_NE(gap["settings"].dump().find("privacy.min_group_size_extremes"), std::string::npos) << gap.dump();
}

TEST(ReportText, ARolloutReportNamesNoIdentifierInItsTexts) {
  const json r = sample_report({{"group_by", {"team"}},
                                {"rollout", {{"by", "team"}, {"dates", {{"Engineering", "2025-02-05"}, {"Finance", "2025-02-05"}}}}}});
  expect_words_only(r, sample_data(), "rollout");
  EXPECT_FALSE(r["insights"]["rollout"]["estimates"].empty());
}

TEST(ReportText, ARolloutInTheLastWeekGetsNoEstimateAndNoCard) {
  // The sample's last week starts 2025-03-31 (an outside review: one week after a rollout got a card).
  auto rollout_on = [](const char* date) {
    return sample_report({{"group_by", {"team"}}, {"rollout", {{"by", "team"}, {"dates", {{"Engineering", date}, {"Finance", date}}}}}});
  };
  const json late = rollout_on("2025-03-31");
  const json& r = late["insights"]["rollout"];
  EXPECT_TRUE(r["estimates"].empty()) << r.dump();
  EXPECT_EQ(r["reason"], "needs at least 2 weeks of activity before and after the rollout; there is 1 week after it");
  for (const auto& c : late["insights"]["cards"]) EXPECT_NE(c["id"], "rollout") << c.dump();
  // Two weeks after it are enough (insights.min_periods 4: half on each side).
  EXPECT_FALSE(rollout_on("2025-03-24")["insights"]["rollout"]["estimates"].empty());
}

json usage_report(bool with_activity) {
  auto s = Session::create(json{{"group_by", {"team"}}}.dump());
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(s->begin_table(TableKind::people).ok());
  EXPECT_TRUE(s->push(usage_fixture("people.csv")).ok());
  EXPECT_TRUE(s->end_table().ok());
  if (with_activity) {  // the fixtures' people E001-E024, AI tasks for two in three (as tests/usage_test.cpp)
    std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours\n";
    for (int n = 1; n <= 24; ++n) {
      char id[8];
      std::snprintf(id, sizeof id, "E%03d", n);
      csv += std::string(id) + ",2025-03-10,a,10," + std::to_string(n % 3 == 0 ? 0 : 5) + ",8\n";
    }
    EXPECT_TRUE(s->begin_table(TableKind::activity).ok());
    EXPECT_TRUE(s->push(csv).ok());
    EXPECT_TRUE(s->end_table().ok());
  }
  for (const char* f : {"m365_user_detail_2025-03-30.csv", "github_users.ndjson"})
    EXPECT_TRUE(s->add_usage(usage_fixture(f), f).ok()) << f;
  auto r = s->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r.ok() ? json::parse(r.value()) : json();
}

TEST(ReportText, UsageReportsNameNoIdentifierInTheirTexts) {
  std::set<std::string> data = {"github_users"};  // a file name, in the diagnostics of its cut-off last line
  add_cells(usage_fixture("people.csv"), data);
  expect_words_only(usage_report(false), data, "adoption only");
  const json joined = usage_report(true);
  expect_words_only(joined, data, "usage and activity");
  EXPECT_TRUE(joined["usage"]["comparison_with_activity"]["settings"].is_array());
}

// An organisation of 200 teams (gapscore generate --teams): trends leave groups
// out and say so, role guidance finds a recommended task nobody uses AI for.
TEST(ReportText, AReportOf200TeamsNamesNoIdentifierInItsTexts) {
  GenerateOptions o;
  o.people = 2000;
  o.teams = 200;
  o.days = 28;
  const testing_util::OrgTables org = testing_util::generated_tables(o);
  auto s = Session::create(R"({"group_by": ["team"]})");
  ASSERT_TRUE(s.ok());
  std::set<std::string> data;
  for (const auto& [kind, bytes] : {std::pair{TableKind::people, &org.people}, std::pair{TableKind::playbook, &org.playbook},
                                    std::pair{TableKind::surveys, &org.surveys}, std::pair{TableKind::activity, &org.activity}}) {
    add_cells(*bytes, data);
    ASSERT_TRUE(s->begin_table(kind).ok());
    ASSERT_TRUE(s->push(*bytes).ok());
    ASSERT_TRUE(s->end_table().ok());
  }
  auto r = s->report();
  ASSERT_TRUE(r.ok()) << r.error().message();
  const json report = json::parse(r.value());
  EXPECT_EQ(report["groups"].size(), 200u);
  expect_words_only(report, data, "200 teams");
  bool capped = false;
  for (const json& d : report["diagnostics"]["items"])
    if (d["code"] == "trend_groups_capped") {
      capped = true;
      EXPECT_EQ(d["column"], "trends.max_groups");  // the key, apart from the words
    }
  EXPECT_TRUE(capped);
}

// A recommended task with no AI use is "never AI-assisted", one whose share
// rounds to 0% "almost never", not "only 0%".
TEST(ReportText, UnusedRecommendedTasksAreNeverOrAlmostNeverAiAssisted) {
  auto s = Session::create(R"({"group_by": ["team"]})");
  ASSERT_TRUE(s.ok());
  std::string people = "person_id,team,role\n", activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  for (int p = 1; p <= 8; ++p) {
    const std::string id = "P" + std::to_string(p);
    people += id + ",Finance,analyst\n";
    for (int day = 3; day <= 7; ++day) {
      const std::string date = "2025-03-0" + std::to_string(day) + ",";
      activity += id + "," + date + "drafting,10,0,4\n";
      // One AI-assisted review task in 8 x 5 x 100: 0.1%.
      activity += id + "," + date + "review,100," + (p == 1 && day == 3 ? "1" : "0") + ",4\n";
      activity += id + "," + date + "email,10,5,1\n";
    }
  }
  const std::pair<TableKind, std::string> tables[] = {
      {TableKind::people, people},
      {TableKind::playbook, "role,task_type,ai_recommended\nanalyst,drafting,true\nanalyst,review,true\n"
                            "analyst,email,false\n"},
      {TableKind::activity, activity}};
  for (const auto& [kind, text] : tables) {
    ASSERT_TRUE(s->begin_table(kind).ok());
    ASSERT_TRUE(s->push(text).ok());
    ASSERT_TRUE(s->end_table().ok());
  }
  auto r = s->report();
  ASSERT_TRUE(r.ok()) << r.error().message();
  const json report = json::parse(r.value());
  const json& roles = report["insights"]["role_guidance"]["roles"];
  ASSERT_EQ(roles.size(), 1u) << roles;
  EXPECT_EQ(roles[0]["recommendations"],
            json::array({"analyst: drafting is AI-recommended but never AI-assisted",
                         "analyst: review is AI-recommended but almost never AI-assisted"}));
}

// The check itself: a reintroduced key in a text is caught, a key in its own
// field is not, and the user's own values are exempt.
TEST(ReportText, TheCheckCatchesAKeyInATextButNotInItsField) {
  const json bad = {{"insights", {{"rollout", {{"reason", "no rollout dates configured (config.rollout)"}}}}}};
  ASSERT_EQ(findings(bad, {}).size(), 1u);
  EXPECT_EQ(findings(bad, {})[0].match, "config.rollout");
  const json metric = {{"cards", {{{"text", "Use utilization_rate instead."}}}}};
  EXPECT_EQ(findings(metric, {}).size(), 1u);
  const json fine = {{"sufficiency", {{"verdict", "too_little_data"}, {"reason", "too few days"}, {"settings", {"insights.min_days"}}}},
                     {"method", "y ~ ai_user + C(stratum)"},
                     {"text", "team_lead: reports is AI-recommended but never AI-assisted"}};
  EXPECT_TRUE(findings(fine, {"team_lead"}).empty());
}

}  // namespace
}  // namespace gapscore
