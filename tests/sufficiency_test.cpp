// Enough data (insights/sufficiency.h): a one-day, 300-row file gets
// too_little_data on its score, its gap and every finding, no verdict in any
// sentence, and reasons in words that give no count of people.
#include <gtest/gtest.h>

#include <regex>

#include "gapscore/session.h"
#include "session_report.h"
#include "test_util.h"

namespace gapscore {
namespace {

using nlohmann::json;

json analyze(const std::string& activity, const json& config = {{"group_by", {"team"}}}) {
  return testing_util::session_report(config, {{TableKind::activity, activity}});
}

// 300 rows on one day: 60 people in 3 teams, 5 rows each; every second person
// uses AI. Large differences, so that only the amount of data stops a verdict.
std::string one_day_file() {
  std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,quality,errors,team\n";
  for (int p = 0; p < 60; ++p)
    for (int r = 0; r < 5; ++r) {
      const bool ai = p % 2 == 0;
      const int tasks = 4 + (p + r) % 3;
      csv += "P" + std::to_string(100 + p) + ",2025-03-03,t" + std::to_string(r) + "," + std::to_string(tasks) + "," +
             (ai ? std::to_string(tasks) : "0") + "," + (ai ? "1.5" : "3") + ",3," + (ai ? "0.2" : "0.1") + ",0." +
             std::to_string(6 + (p + r) % 4) + "," + std::to_string(r % 2) + ",T" + std::to_string(p % 3) + "\n";
    }
  return csv;
}

void expect_too_little(const json& s, const std::string& where) {
  ASSERT_TRUE(s.is_object()) << where;
  EXPECT_EQ(s["verdict"], "too_little_data") << where;
  ASSERT_TRUE(s["reason"].is_string()) << where;
  // Words and the configured thresholds (28 days, 4 weeks), never a count of people.
  const std::string reason = s["reason"];
  const std::regex number("[0-9]+");
  for (std::sregex_iterator it(reason.begin(), reason.end(), number), end; it != end; ++it)
    EXPECT_TRUE(it->str() == "28" || it->str() == "4") << where << ": " << reason;
}

TEST(Sufficiency, OneDayOf300RowsIsTooLittleDataEverywhere) {
  const json r = analyze(one_day_file());
  EXPECT_EQ(r["summary"]["activity_rows"], 300);
  expect_too_little(r["overall"]["score"]["sufficiency"], "overall.score");
  expect_too_little(r["overall"]["gap"]["sufficiency"], "overall.gap");
  for (const json& g : r["groups"]) {
    ASSERT_FALSE(g["suppressed"].get<bool>());
    expect_too_little(g["score"]["sufficiency"], "group score");
    expect_too_little(g["gap"]["sufficiency"], "group gap");
  }
  const json& cards = r["insights"]["cards"];
  ASSERT_FALSE(cards.empty());
  for (const json& c : cards) expect_too_little(c["sufficiency"], "card " + c["id"].get<std::string>());
  // No verdict: the gap is not called a difference in either direction.
  const std::string gap_text = r["overall"]["gap"]["text"];
  EXPECT_EQ(gap_text.rfind("Too little data", 0), 0u) << gap_text;
  EXPECT_EQ(r["overall"]["gap"]["direction"], "not_compared");
  const json& h = r["insights"]["headline"];
  EXPECT_EQ(h["text"].get<std::string>().rfind("Too little data", 0), 0u) << h["text"];
  expect_too_little(h["sufficiency"], "headline");
  EXPECT_EQ(h["gap"]["direction"], "not_compared");
}

// The same rows repeated over five weeks (33 days).
std::string five_week_file() {
  const std::string csv = one_day_file();
  std::string out = csv;
  for (const char* day : {"2025-03-10", "2025-03-17", "2025-03-24", "2025-04-04"}) {
    std::string copy = csv.substr(csv.find('\n') + 1);
    for (std::size_t at; (at = copy.find("2025-03-03")) != std::string::npos;) copy.replace(at, 10, day);
    out += copy;
  }
  return out;
}

TEST(Sufficiency, EnoughDaysAndPeriodsAreOk) {
  // The same people over five weeks: ok (and the thresholds can be lowered for a one-day file).
  const json r = analyze(five_week_file());
  EXPECT_EQ(r["overall"]["score"]["sufficiency"]["verdict"], "ok");
  EXPECT_TRUE(r["overall"]["score"]["sufficiency"]["reason"].is_null());
  EXPECT_EQ(r["overall"]["gap"]["sufficiency"]["verdict"], "ok");
  for (const json& c : r["insights"]["cards"]) EXPECT_EQ(c["sufficiency"]["verdict"], "ok") << c["id"];

  const json lowered = analyze(one_day_file(), {{"group_by", {"team"}}, {"insights", {{"min_days", 1}, {"min_periods", 1}}}});
  EXPECT_EQ(lowered["overall"]["score"]["sufficiency"]["verdict"], "ok");
}

TEST(Sufficiency, TooFewPeopleOnASide) {
  // min_people_per_side above the AI users there are: the gap (and only the gap) lacks data.
  const json r = analyze(five_week_file(), {{"group_by", {"team"}}, {"insights", {{"min_people_per_side", 40}}}});
  EXPECT_EQ(r["overall"]["score"]["sufficiency"]["verdict"], "ok");
  EXPECT_EQ(r["overall"]["gap"]["sufficiency"]["verdict"], "too_little_data");
  // The reason in words, the setting apart.
  const std::string reason = r["overall"]["gap"]["sufficiency"]["reason"];
  EXPECT_NE(reason.find("fewer than 40 AI users or non-users"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("insights."), std::string::npos) << reason;
  EXPECT_EQ(r["overall"]["gap"]["sufficiency"]["settings"], json::array({"insights.min_people_per_side"}));
}

TEST(Sufficiency, MinPeoplePerSideCannotGoBelowMinGroupSize) {
  EXPECT_FALSE(Session::create(R"({"insights": {"min_people_per_side": 3}})").ok());
  EXPECT_TRUE(Session::create(R"({"insights": {"min_people_per_side": 3}, "privacy": {"min_group_size": 3}})").ok());
}

}  // namespace
}  // namespace gapscore
