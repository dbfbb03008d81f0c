// The adjusted AI user / non-user gap and the paradox flag against statsmodels
// (tests/reference/adjusted_gap_reference.py: ols('y ~ ai_user + C(stratum)')
// .fit(cov_type='HC3')), to 1e-9 relative, on a generated Simpson's-paradox
// organisation, on one without a paradox, and on the built-in sample.
#include <gtest/gtest.h>

#include "analysis/adjusted_gap.h"
#include "gapscore/session.h"
#include "session_report.h"
#include "test_util.h"

namespace gapscore {
namespace {

using nlohmann::json;

json analyze(const std::string& dir, const json& config) {
  const std::string activity = testing_util::read_file(dir + "/activity.csv");
  const std::string people = testing_util::read_file(dir + "/people.csv");
  EXPECT_FALSE(activity.empty() || people.empty()) << dir;
  return testing_util::session_report(config, {{TableKind::activity, activity}, {TableKind::people, people}});
}

void expect_close(const json& got, const json& want, const std::string& what) {
  ASSERT_TRUE(got.is_number()) << what << ": got " << got << ", reference " << want;
  EXPECT_TRUE(testing_util::close(got.get<double>(), want.get<double>(), 1e-9, 1e-300))
      << what << ": " << got << " vs statsmodels " << want;
}

// One gap (overall or a group's) against its reference.
void expect_gap(const json& gap, const json& want, const std::string& where) {
  const json& adj = gap["adjusted"];
  const json& w = want["adjusted"];
  ASSERT_TRUE(adj.is_object()) << where;
  EXPECT_EQ(adj["strata"], w["strata"]) << where;
  if (w["estimate"].is_null()) {
    EXPECT_TRUE(adj["estimate"].is_null()) << where;
    EXPECT_TRUE(adj["se"].is_null()) << where;
    EXPECT_TRUE(adj["n"].is_null()) << where;
    EXPECT_TRUE(adj["reason"].is_string()) << where;
    EXPECT_TRUE(gap["paradox"].is_null()) << where;
    return;
  }
  for (const char* f : {"estimate", "se", "p_value", "ci_low", "ci_high", "hedges_g"})
    expect_close(adj[f], w[f], where + ".adjusted." + f);
  // n is a count of people: the reference's, or null where the privacy audit withholds it.
  EXPECT_TRUE(adj["n"] == w["n"] || adj["n"].is_null()) << where << ": " << adj["n"] << " vs " << w["n"];
  EXPECT_TRUE(adj["reason"].is_null()) << where;
  EXPECT_EQ(adj["effect_size"], std::string(analysis::effect_size_band(w["hedges_g"].get<double>()))) << where;
  expect_close(gap["difference"], want["pooled_difference"], where + ".difference");
  EXPECT_EQ(gap["paradox"], w["paradox"]) << where;
  if (w["paradox"].get<bool>()) {
    // The sentence states the adjusted direction and explains the reversal.
    const std::string text = gap["text"];
    EXPECT_NE(text.find(w["estimate"].get<double>() > 0 ? "more" : "fewer"), std::string::npos) << text;
    EXPECT_NE(text.find("pooled average point the other way"), std::string::npos) << text;
  }
}

class AdjustedGapReference : public ::testing::TestWithParam<std::string> {};

TEST_P(AdjustedGapReference, EstimateHc3SeAndParadoxMatchStatsmodels) {
  const json want = testing_util::read_json(testing_util::data_path("adjusted_gap/" + GetParam() + ".expected.json"));
  const json got = analyze(testing_util::data_path(want["data"]), want["config"]);
  expect_gap(got["overall"]["gap"], want["overall"], "overall");
  ASSERT_EQ(got["groups"].size(), want["groups"].size());
  for (std::size_t i = 0; i < want["groups"].size(); ++i) {
    const json &g = got["groups"][i], &w = want["groups"][i];
    EXPECT_EQ(g["key"], w["key"]);
    ASSERT_FALSE(g["suppressed"].get<bool>()) << w["key"];
    expect_gap(g["gap"], w, "groups[" + std::to_string(i) + "]");
  }
  // Some n is published, so its check above compared something.
  std::size_t n_published = got["overall"]["gap"]["adjusted"]["n"].is_number();
  for (const json& g : got["groups"]) n_published += g["gap"]["adjusted"]["n"].is_number();
  EXPECT_GT(n_published, 0u);
  // The headline carries the adjusted direction.
  const json& h = got["insights"]["headline"]["gap"];
  EXPECT_EQ(h["basis"], "adjusted");
  EXPECT_EQ(h["paradox"], want["overall"]["adjusted"]["paradox"]);
  EXPECT_EQ(h["direction"], want["overall"]["adjusted"]["estimate"].get<double>() > 0 ? "ai_users_ahead" : "ai_users_behind");
}

INSTANTIATE_TEST_SUITE_P(Cases, AdjustedGapReference, ::testing::Values("simpson", "no_paradox", "sample"),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

TEST(AdjustedGapFixtures, SimpsonIsAParadoxAndNoParadoxIsNot) {
  // The fixtures themselves: pooled and within-team signs opposite in one, equal in the other.
  const json simpson = testing_util::read_json(testing_util::data_path("adjusted_gap/simpson.expected.json"));
  EXPECT_LT(simpson["overall"]["pooled_difference"].get<double>(), 0);
  EXPECT_GT(simpson["overall"]["adjusted"]["estimate"].get<double>(), 0);
  EXPECT_TRUE(simpson["overall"]["adjusted"]["paradox"].get<bool>());
  for (const json& g : simpson["groups"])
    if (!g["adjusted"]["estimate"].is_null()) { EXPECT_GT(g["adjusted"]["estimate"].get<double>(), 0) << g["key"]; }
  const json plain = testing_util::read_json(testing_util::data_path("adjusted_gap/no_paradox.expected.json"));
  EXPECT_FALSE(plain["overall"]["adjusted"]["paradox"].get<bool>());
  EXPECT_GT(plain["overall"]["pooled_difference"].get<double>() * plain["overall"]["adjusted"]["estimate"].get<double>(), 0);
}

TEST(AdjustedGap, TheOrganisationsEffectSizeIsOnTheTeamsScale) {
  // Every team's like-with-like gap is large; the organisation's, the same
  // people compared inside the same cells, must not read smaller for the
  // spread between teams (the pooled SD gave 0.56, "medium").
  const json want = testing_util::read_json(testing_util::data_path("adjusted_gap/simpson.expected.json"));
  const json got = analyze(testing_util::data_path(want["data"]), want["config"]);
  std::size_t teams_with_estimate = 0;
  for (const json& g : got["groups"]) {
    if (!g["gap"]["adjusted"]["hedges_g"].is_number()) continue;
    ++teams_with_estimate;
    EXPECT_EQ(g["gap"]["adjusted"]["effect_size"], "large") << g["key"];
  }
  EXPECT_GE(teams_with_estimate, 4u);
  const json& overall = got["overall"]["gap"]["adjusted"];
  EXPECT_EQ(overall["effect_size"], "large") << overall["hedges_g"];
  EXPECT_GT(overall["hedges_g"].get<double>(), 2.0);
}

TEST(AdjustedGap, TooFewPeopleOnASideGiveNoEstimateAndNoParadox) {
  const json got = analyze(testing_util::data_path("adjusted_gap/simpson"),
                           {{"group_by", {"team"}}, {"privacy", {{"min_group_size", 80}, {"min_group_size_extremes", 80}}}});
  const json& gap = got["overall"]["gap"];
  EXPECT_TRUE(gap["adjusted"]["estimate"].is_null());
  EXPECT_TRUE(gap["adjusted"]["reason"].is_string());
  EXPECT_TRUE(gap["paradox"].is_null());
  EXPECT_EQ(gap["direction"], "not_compared");
}

TEST(AdjustedGap, NothingToAdjustForWithoutGroupsOrRoles) {
  // group_by [] and no role column: one cell, so no adjusted estimate (the pooled one stands).
  auto a = Session::create(R"({"group_by": []})");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->begin_table(TableKind::activity).ok());
  ASSERT_TRUE(a->push(testing_util::read_file(testing_util::data_path("adjusted_gap/simpson/activity.csv"))).ok());
  ASSERT_TRUE(a->end_table().ok());
  const json got = json::parse(a->report().value());
  const json& gap = got["overall"]["gap"];
  EXPECT_TRUE(gap["adjusted"]["estimate"].is_null());
  EXPECT_EQ(gap["adjusted"]["strata"], json::array());
  EXPECT_TRUE(gap["paradox"].is_null());
  EXPECT_NE(gap["text"].get<std::string>().find("Pooled over all AI users and non-users"), std::string::npos) << gap["text"];
}

TEST(EffectSize, CohensBands) {
  EXPECT_EQ(analysis::effect_size_band(0.0), "negligible");
  EXPECT_EQ(analysis::effect_size_band(-0.19), "negligible");
  EXPECT_EQ(analysis::effect_size_band(0.2), "small");
  EXPECT_EQ(analysis::effect_size_band(-0.49), "small");
  EXPECT_EQ(analysis::effect_size_band(0.5), "medium");
  EXPECT_EQ(analysis::effect_size_band(-0.8), "large");
}

}  // namespace
}  // namespace gapscore
