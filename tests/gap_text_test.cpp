// The gap in words (insights/gap_text.h): a reversal is called one only when
// the pooled difference is not negligible and the comparison was made.
#include <gtest/gtest.h>

#include <cmath>

#include "insights/gap_text.h"

namespace gapscore::insights {
namespace {

// A like-with-like gap of +0.21 (clear: p far below 0.05, a medium effect)
// with a pooled difference `pooled` of Hedges' g `pooled_g`.
analysis::GapResult gap_with(double pooled, double pooled_g) {
  analysis::GapResult g;
  g.compared = true;
  g.n_users = g.n_non_users = 50;
  g.difference = pooled;
  g.hedges_g = pooled_g;
  g.ci_low = pooled - 0.06;
  g.ci_high = pooled + 0.06;
  analysis::AdjustedGap adj;
  adj.estimate = 0.21;
  adj.se = 0.01;
  adj.ci_low = 0.19;
  adj.ci_high = 0.23;
  adj.p_value = 1e-50;
  adj.hedges_g = 0.6;
  adj.n = 100;
  adj.strata = {"team"};
  g.adjusted = adj;
  g.paradox = (pooled < 0) != (*adj.estimate < 0);
  return g;
}

TEST(GapText, ANegligiblePooledGapDoesNotPointTheWrongWay) {
  // The outside review's case: pooled −0.0037 (g −0.02), interval −0.06 to +0.06, adjusted +0.21.
  const GapReading r = read_gap(gap_with(-0.0037, -0.02), Sufficiency{}, 0.95);
  EXPECT_FALSE(r.reversal);
  EXPECT_EQ(r.direction, "ai_users_ahead");
  EXPECT_EQ(r.text.find("other way"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("(0)"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("hides this in the pooled average (about 0, a negligible difference)"), std::string::npos) << r.text;
}

TEST(GapText, APooledGapOfSomeSizeTheOtherWayIsAReversal) {
  const GapReading r = read_gap(gap_with(-0.09, -0.35), Sufficiency{}, 0.95);
  EXPECT_TRUE(r.reversal);
  EXPECT_NE(r.text.find("which makes the pooled average point the other way (−0.09)"), std::string::npos) << r.text;
}

TEST(GapText, NoReversalIsClaimedWithTooLittleDataOrWithoutAComparison) {
  Sufficiency short_span;
  short_span.ok = false;
  short_span.reason = "the data cover 24 days; at least 28 are needed";
  const GapReading little = read_gap(gap_with(-0.09, -0.35), short_span, 0.95);
  EXPECT_FALSE(little.reversal);
  EXPECT_EQ(little.direction, "not_compared");
  analysis::GapResult none = gap_with(-0.09, -0.35);
  none.compared = false;
  none.unavailable_reason = "needs at least 5 AI users and 5 non-users with quality data";
  EXPECT_FALSE(read_gap(none, Sufficiency{}, 0.95).reversal);
}

TEST(GapText, NoVerdictWhenAiUseGoesWithTheTeams) {
  // Every team is all AI users or all non-users: the like-with-like comparison has nobody to compare,
  // and the pooled +0.3 (g 0.9) may be the teams' difference, not AI's.
  analysis::GapResult g = gap_with(0.3, 0.9);
  g.adjusted->estimate = g.adjusted->se = g.adjusted->ci_low = g.adjusted->ci_high = g.adjusted->p_value =
      g.adjusted->hedges_g = std::nullopt;
  g.adjusted->n = 0;
  g.adjusted->reason = "needs at least 5 AI users and 5 non-users";
  g.adjusted->confounded = true;
  g.paradox = std::nullopt;
  const GapReading r = read_gap(g, Sufficiency{}, 0.95);
  EXPECT_EQ(r.basis, "pooled");
  EXPECT_FALSE(r.clear);
  EXPECT_EQ(r.direction, "no_clear_difference");
  EXPECT_NE(r.text.find("this may be a difference between teams, not one of AI use"), std::string::npos) << r.text;
  // With people to compare in the same teams but no estimate for another reason, the pooled verdict stands.
  g.adjusted->confounded = false;
  EXPECT_EQ(read_gap(g, Sufficiency{}, 0.95).direction, "ai_users_ahead");
}

TEST(GapText, TheEstimateSaysWhoItLeavesOut) {
  // An outside review's case: one team of three, where AI users do worst, was left out (too few AI users
  // to compare) and the headline spoke for everyone.
  analysis::GapResult g = gap_with(0.2, 0.5);
  g.n_users = 17;
  g.n_non_users = 19;
  g.adjusted->n = 24;
  g.adjusted->strata = {"team", "role"};
  const GapReading r = read_gap(g, Sufficiency{}, 0.95);
  EXPECT_NE(r.text.find("It covers 24 of the 36 people compared: teams with too few AI users or non-users to compare are "
                        "left out."),
            std::string::npos)
      << r.text;
  // n withheld by the privacy audit: words, no count.
  g.adjusted->n = NAN;
  g.adjusted->n_users = 12;
  g.adjusted->n_non_users = 12;
  const GapReading hidden = read_gap(g, Sufficiency{}, 0.95);
  EXPECT_NE(hidden.text.find("Some teams with too few AI users or non-users to compare are left out."), std::string::npos)
      << hidden.text;
  EXPECT_EQ(hidden.text.find("24"), std::string::npos) << hidden.text;
  // Everyone compared: nothing to add.
  g.adjusted->n = 36;
  EXPECT_EQ(read_gap(g, Sufficiency{}, 0.95).text.find("covers"), std::string::npos);
}

TEST(GapText, AWithheldLikeWithLikeComparisonIsSaidToBeWithheld) {
  analysis::GapResult g = gap_with(0.3, 0.9);
  analysis::AdjustedGap withheld;
  withheld.strata = {"role"};
  withheld.withheld = true;
  withheld.reason = "withheld";
  g.adjusted = withheld;
  g.paradox = std::nullopt;
  const GapReading r = read_gap(g, Sufficiency{}, 0.95);
  EXPECT_EQ(r.basis, "pooled");
  EXPECT_EQ(r.text.rfind("Pooled (within the same role: withheld for privacy), ",
                         0),
            0u)
      << r.text;
}

}  // namespace
}  // namespace gapscore::insights
