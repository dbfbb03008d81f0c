// config.rollup_by: teams rolled up into departments (a people-table column
// gapscore does not define). The rollup's figures are the department's own,
// its teams are listed, a team that straddles departments is refused, and no
// shown department minus its shown teams (nor the organisation minus its shown
// departments) leaves 1..k-1 people: the manager who reads the report knows
// which team is in which department.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "gapscore/generate.h"
#include "gapscore/config.h"
#include "gapscore/session.h"
#include "test_util.h"

namespace gapscore {
namespace {

using nlohmann::json;

using Org = testing_util::OrgTables;

Org generated(std::uint32_t people, std::uint32_t teams, std::uint64_t seed) {
  GenerateOptions o;
  o.people = people;
  o.teams = teams;
  o.seed = seed;
  return testing_util::generated_tables(o);
}

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream ss(csv);
  std::string line;
  while (std::getline(ss, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ls(line);
    std::string cell;
    while (std::getline(ls, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string csv_of(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + r[i];
    out += "\n";
  }
  return out;
}

struct Move {
  std::string from, to;
  int people = 0;
};

// Adds a "Division" column (the generator writes its own department column): the department of each team from `department_of`
// (teams not listed go to "Other"), after moving the first `people` of each
// move's `from` team into its `to` team.
std::string with_departments(const std::string& people, const std::map<std::string, std::string>& department_of,
                             std::vector<Move> moves = {}) {
  auto rows = rows_of(people);
  const std::size_t team = static_cast<std::size_t>(std::find(rows[0].begin(), rows[0].end(), "team") - rows[0].begin());
  rows[0].push_back("Division");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    for (Move& m : moves)
      if (m.people > 0 && rows[r][team] == m.from) {
        rows[r][team] = m.to;
        --m.people;
        break;
      }
    const auto it = department_of.find(rows[r][team]);
    rows[r].push_back(it == department_of.end() ? "Other" : it->second);
  }
  return csv_of(rows);
}

Result<json> analyze(const Org& org, const json& config) {
  auto s = Session::create(config.dump());
  if (!s) return std::move(s).error();
  for (auto [kind, bytes] : {std::pair{TableKind::people, &org.people}, std::pair{TableKind::activity, &org.activity}}) {
    if (Status st = s->begin_table(kind); !st) return std::move(st).error();
    if (Status st = s->push(*bytes); !st) return std::move(st).error();
    if (Status st = s->end_table(); !st) return std::move(st).error();
  }
  auto r = s->report();
  if (!r) return std::move(r).error();
  return json::parse(r.value());
}

std::vector<std::string> team_names(const Org& org) {
  auto rows = rows_of(org.people);
  const std::size_t team = static_cast<std::size_t>(std::find(rows[0].begin(), rows[0].end(), "team") - rows[0].begin());
  std::set<std::string> names;
  for (std::size_t r = 1; r < rows.size(); ++r) names.insert(rows[r][team]);
  return {names.begin(), names.end()};
}

double headcount(const json& g) { return g["headcount"].get<double>(); }

TEST(Rollup, DepartmentFiguresAreTheDepartmentsOwnAndListTheirTeams) {
  Org org = generated(300, 12, 3);
  const std::vector<std::string> teams = team_names(org);
  std::map<std::string, std::string> department_of;
  for (std::size_t i = 0; i < teams.size(); ++i) department_of[teams[i]] = i % 3 == 0 ? "Sales" : i % 3 == 1 ? "Eng" : "Ops";
  org.people = with_departments(org.people, department_of);

  auto rolled = analyze(org, {{"rollup_by", "division"}});
  ASSERT_TRUE(rolled.ok()) << rolled.error().message();
  const json& r = rolled.value();
  ASSERT_TRUE(r.contains("rollup"));
  EXPECT_EQ(r["rollup"]["by"], "division");
  const json& departments = r["rollup"]["groups"];
  ASSERT_EQ(departments.size(), 3U);

  // The same people grouped by department directly: the same figures (the
  // bootstrap's seed differs, so its interval is left out).
  auto direct = analyze(org, {{"group_by", {"Division"}}});
  ASSERT_TRUE(direct.ok()) << direct.error().message();
  const json& groups = direct.value()["groups"];
  ASSERT_EQ(groups.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    const json& d = departments[i];
    EXPECT_EQ(d["key"]["division"], groups[i]["key"]["Division"]);
    EXPECT_EQ(d["headcount"], groups[i]["headcount"]);
    EXPECT_EQ(d["activity_rows"], groups[i]["activity_rows"]);
    EXPECT_EQ(d["metrics"], groups[i]["metrics"]) << d["key"];
    // Its teams: indices into the report's groups, each team in its department.
    double people = 0;
    for (const json& index : d["groups"]) {
      const json& team = r["groups"][index.get<std::size_t>()];
      EXPECT_EQ(department_of[team["key"]["team"].get<std::string>()], d["key"]["division"].get<std::string>());
      people += headcount(team);
    }
    EXPECT_EQ(people, headcount(d));
  }
  std::size_t listed = 0;
  for (const json& d : departments) listed += d["groups"].size();
  EXPECT_EQ(listed, r["groups"].size());
}

TEST(Rollup, AHiddenTeamCannotBeWorkedOutFromItsDepartment) {
  const int k = 5;
  std::size_t hidden_teams = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    Org org = generated(120, 4, seed);
    const std::vector<std::string> teams = team_names(org);
    ASSERT_EQ(teams.size(), 4U);
    // Department A: team 0 and "Tiny", 3 people taken from team 0. B: the
    // other teams, one of them cut to 6 people: the cheapest team for the
    // organisation-wide complementary suppression to hide next to Tiny, which
    // leaves A's shown team as A minus Tiny.
    std::map<std::string, std::string> department_of = {
        {teams[0], "A"}, {"Tiny", "A"}, {teams[1], "B"}, {teams[2], "B"}, {teams[3], "B"}};
    org.people = with_departments(org.people, department_of, {{teams[0], "Tiny", 3}, {teams[2], teams[3], 24}});
    auto run = analyze(org, {{"rollup_by", "division"}});
    ASSERT_TRUE(run.ok()) << run.error().message();
    const json& r = run.value();
    const json* tiny = nullptr;
    for (const json& g : r["groups"])
      if (g["key"]["team"] == "Tiny") tiny = &g;
    ASSERT_NE(tiny, nullptr);
    EXPECT_TRUE((*tiny)["suppressed"].get<bool>());
    hidden_teams += (*tiny)["suppressed"].get<bool>();
    // The manager's subtraction: a shown department minus its shown teams.
    double shown_departments = 0;
    for (const json& d : r["rollup"]["groups"]) {
      if (d["suppressed"].get<bool>()) continue;
      shown_departments += headcount(d);
      double rest = headcount(d);
      for (const json& index : d["groups"]) {
        const json& team = r["groups"][index.get<std::size_t>()];
        if (!team["suppressed"].get<bool>()) rest -= headcount(team);
      }
      EXPECT_TRUE(rest == 0 || rest >= k) << "department " << d["key"] << " minus its shown teams leaves " << rest
                                          << " people (seed " << seed << ")";
      // The same subtraction on the two sides of the AI user / non-user gap.
      for (const char* side : {"n_users", "n_non_users"}) {
        if (!d["gap"].is_object() || !d["gap"][side].is_number()) continue;
        double left = d["gap"][side].get<double>();
        for (const json& index : d["groups"]) {
          const json& team = r["groups"][index.get<std::size_t>()];
          if (!team["suppressed"].get<bool>() && team["gap"].is_object() && team["gap"][side].is_number())
            left -= team["gap"][side].get<double>();
        }
        EXPECT_TRUE(left == 0 || left >= k) << "department " << d["key"] << " " << side << " minus its shown teams' leaves "
                                            << left << " (seed " << seed << ")";
      }
    }
    // The organisation minus its shown departments.
    if (!r["overall"]["suppressed"].get<bool>()) {
      const double rest = headcount(r["overall"]) - shown_departments;
      EXPECT_TRUE(rest == 0 || rest >= k) << "the organisation minus its shown departments leaves " << rest;
    }
  }
  EXPECT_EQ(hidden_teams, 3U);
}

TEST(Rollup, ATeamInTwoDepartmentsIsRefusedNamingIt) {
  Org org = generated(100, 4, 5);
  auto rows = rows_of(org.people);
  rows[0].push_back("Division");
  for (std::size_t r = 1; r < rows.size(); ++r) rows[r].push_back(r % 2 ? "North" : "South");
  org.people = csv_of(rows);
  auto run = analyze(org, {{"rollup_by", "division"}});
  ASSERT_FALSE(run.ok());
  const Diagnostic& d = run.error().diagnostics.front();
  EXPECT_EQ(d.column, "rollup_by");
  EXPECT_NE(d.message.find("has people in both \"North\" and \"South\""), std::string::npos) << d.message;
}

TEST(Rollup, UnknownAttributeAndBadCombinationsAreRefused) {
  Org org = generated(60, 2, 1);
  auto run = analyze(org, {{"rollup_by", "region"}});  // no such column
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().diagnostics.front().column, "rollup_by");
  EXPECT_NE(run.error().message().find("people table's other columns"), std::string::npos) << run.error().message();
  for (const json& config : {json{{"rollup_by", "team"}},
                             json{{"rollup_by", "division"}, {"group_by", json::array()}},
                             json{{"rollup_by", "division"}, {"privacy", {{"dp", {{"epsilon", 1}}}}}},
                             json{{"rollup_by", 3}}}) {
    auto c = parse_config(config.dump());
    ASSERT_FALSE(c.ok()) << config;
    EXPECT_EQ(c.error().diagnostics.front().column, "rollup_by") << config;
  }
  auto none = parse_config(R"({"rollup_by": null})");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->rollup_by.empty());
}

TEST(Rollup, ReanalysisRollsUpWithoutReReading) {
  Org org = generated(200, 8, 2);
  const std::vector<std::string> teams = team_names(org);
  std::map<std::string, std::string> department_of;
  for (std::size_t i = 0; i < teams.size(); ++i) department_of[teams[i]] = i < 4 ? "Front" : "Back";
  org.people = with_departments(org.people, department_of);
  auto s = Session::create("{}");
  ASSERT_TRUE(s.ok());
  for (auto [kind, bytes] : {std::pair{TableKind::people, &org.people}, std::pair{TableKind::activity, &org.activity}}) {
    ASSERT_TRUE(s->begin_table(kind).ok());
    ASSERT_TRUE(s->push(*bytes).ok());
    ASSERT_TRUE(s->end_table().ok());
  }
  auto plain = s->report();
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(json::parse(plain.value()).contains("rollup"));
  ASSERT_TRUE(s->configure(R"({"rollup_by": "Division"})").ok());
  auto rolled = s->report();
  ASSERT_TRUE(rolled.ok()) << rolled.error().message();
  EXPECT_EQ(json::parse(rolled.value())["rollup"]["groups"].size(), 2U);
  ASSERT_TRUE(s->configure(R"({"rollup_by": "region"})").ok());
  auto unknown = s->report();
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().diagnostics.front().column, "rollup_by");
  // The refused config is not kept: the session goes on with the last one that made a report.
  auto again = s->report();
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again.value(), rolled.value());
}

}  // namespace
}  // namespace gapscore
