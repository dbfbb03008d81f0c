// Card text (insights/cards.h): one test per card kind (warning,
// recommendation, action, finding, success). Numbers are written through
// base/number_text.h (whole percentages, fixed decimals, never a raw float),
// and thresholds come from the config.
#include <gtest/gtest.h>

#include <regex>

#include "insights/cards.h"

namespace gapscore::insights {
namespace {

// A raw float in running text: 0.30000000000000004, 1e-05, 866.3600000000006.
bool has_raw_float(const std::string& text) {
  static const std::regex raw(R"(\d\.\d{4,}|\de[-+]?\d)");
  return std::regex_search(text, raw);
}

void expect_clean(const Card& c) {
  EXPECT_FALSE(c.id.empty());
  EXPECT_FALSE(c.title.empty());
  EXPECT_FALSE(has_raw_float(c.title)) << c.title;
  EXPECT_FALSE(has_raw_float(c.text)) << c.text;
  EXPECT_EQ(c.text.find("nan"), std::string::npos) << c.text;
}

TEST(CardText, WarningUnevenAdoptionRoundsSharesToWholePercentages) {
  const Card c = uneven_adoption_card("Sales", 0.30000000000000004, 0.4449, 0.3, 0.1);
  EXPECT_EQ(c.kind, "warning");
  EXPECT_EQ(c.title, "Uneven AI use in Sales");
  // Both thresholds named: "a good part of their tasks" was read as the AI-user mark.
  EXPECT_EQ(c.text, "Sales is split: 30% do at least 30% of their tasks with AI, while 44% hardly use it "
                    "(below the AI-user mark of 10% of tasks). Pair them up.");
  expect_clean(c);
}

TEST(CardText, WarningOffPlaybookAndRecommendationRoleGuidanceCarryTheirSentence) {
  const Card off = off_playbook_card("Analyst", "AI use outside the playbook costs rework.");
  EXPECT_EQ(off.kind, "warning");
  EXPECT_EQ(off.id, "off_playbook_risk");
  EXPECT_EQ(off.text, "AI use outside the playbook costs rework.");
  const Card rec = role_guidance_card("Analyst", "Use AI for drafting.");
  EXPECT_EQ(rec.kind, "recommendation");
  EXPECT_EQ(rec.title, "Playbook: Analyst");
  expect_clean(off);
  expect_clean(rec);
}

TEST(CardText, ActionTrainingTargetSaysNoAiAtAllOnlyWhenNobodyUsedAi) {
  const Card none = training_target_card("Operations", 25, 1.0, 0.0, true, true);
  EXPECT_EQ(none.kind, "action");
  EXPECT_EQ(none.headline, "Operations (25 people) does not use AI at all; start training there.");
  EXPECT_EQ(none.text.rfind(none.headline, 0), 0u) << "the text opens with the headline sentence";
  // Everyone a non-adopter, but everyone did a few tasks with AI: not "at all".
  const Card light = training_target_card("Light", 5, 1.0, 0.0, true, false);
  EXPECT_EQ(light.headline, "Light (5 people): nobody uses AI for more than a few tasks; start training there.");
  const Card most = training_target_card("Operations", 25, 0.875, 0.05, true, false);
  EXPECT_EQ(most.headline, "Operations (25 people): 88% hardly use AI; start training there.");
  const Card rework = training_target_card("Support", 12, 0.1, 0.4166, false, false);
  // Where AI users clearly produce less, spreading AI is not the first advice.
  const Card behind = training_target_card("Operations", 25, 0.875, 0.05, true, false, true);
  EXPECT_EQ(behind.text.find("Suggested format: hands-on"), std::string::npos) << behind.text;
  EXPECT_NE(behind.text.find("AI users here produce less than non-users"), std::string::npos) << behind.text;
  expect_clean(behind);
  EXPECT_EQ(rework.headline, "Support (12 people): 42% of people create rework with AI; start quality practice there.");
  EXPECT_NE(rework.text.find("quality practice"), std::string::npos);
  for (const Card& c : {none, light, most, rework}) expect_clean(c);
  // The text adds the share the sentence did not give, and says none twice.
  EXPECT_NE(most.text.find("start training there. 5% of people create rework with AI. Suggested format"), std::string::npos)
      << most.text;
  EXPECT_NE(rework.text.find("start quality practice there. 10% hardly use AI. Suggested format"), std::string::npos)
      << rework.text;
  EXPECT_NE(none.text.find("start training there. Suggested format"), std::string::npos) << none.text;
  const auto times = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(times(most.text, "88%"), 1u) << most.text;
  EXPECT_EQ(times(rework.text, "42%"), 1u) << rework.text;
}

TEST(CardText, ActionMentoringPointsToIndividualResultsOnlyWhenTheyAreOff) {
  const Card off = mentoring_card(7, false, 5);
  EXPECT_EQ(off.kind, "action");
  EXPECT_EQ(off.text.rfind("7 champion / non-adopter pairs", 0), 0u) << off.text;
  EXPECT_NE(off.text.find("switch on individual results"), std::string::npos);
  const Card on = mentoring_card(7, true, 5);
  EXPECT_EQ(on.text.find("switch on"), std::string::npos) << on.text;
  // The setting is named apart, for the UI to link; the text says it in words.
  EXPECT_EQ(setting_keys(off.settings), std::vector<std::string>{"privacy.individual_results"});
  EXPECT_EQ(on.text.find("insights."), std::string::npos) << on.text;
  expect_clean(off);
  expect_clean(on);
}

const std::vector<std::string> kAllOutcomes = {"outcome_value", "quality", "error_rate"};
const std::vector<std::string> kAllReplacements = {"utilization_rate", "error_reduction", "quality_adjusted_output_per_hour"};

TEST(CardText, FindingKpiAuditNamesOnlyWhatWasTestedAndWhatCanBeMeasured) {
  // Tested against errors only, without a playbook: no claim about value or quality, no playbook metric.
  const Card c = kpi_audit_card({"hours"}, {"error_rate"}, {"error_reduction"}, InsightsConfig{});
  EXPECT_NE(c.text.find("do not deliver fewer errors (no meaningful"), std::string::npos) << c.text;
  EXPECT_EQ(c.text.find("value"), std::string::npos) << c.text;
  EXPECT_EQ(c.text.find("playbook"), std::string::npos) << c.text;
  EXPECT_NE(c.text.find("Measure instead: error reduction with AI."), std::string::npos) << c.text;
  expect_clean(c);
}

TEST(CardText, FindingKpiAuditTakesItsThresholdFromTheConfig) {
  InsightsConfig config;
  config.kpi_min_abs_rho = 0.25;
  const Card c = kpi_audit_card({"hours"}, kAllOutcomes, kAllReplacements, config);
  EXPECT_EQ(c.kind, "finding");
  EXPECT_NE(c.text.find("0.25"), std::string::npos) << c.text;
  config.kpi_min_abs_rho = 0.3;
  EXPECT_NE(kpi_audit_card({"hours"}, kAllOutcomes, kAllReplacements, config).text.find("0.3"), std::string::npos);
  expect_clean(c);
}

TEST(CardText, FindingKpiAuditNamesTheOldMeasuresInPlainWords) {
  InsightsConfig config;
  const Card one = kpi_audit_card({"emails_sent"}, kAllOutcomes, kAllReplacements, config);
  EXPECT_EQ(one.title, "Legacy metric: e-mails sent");
  EXPECT_EQ(one.text.rfind("The old measure e-mails sent does not track outcomes", 0), 0u) << one.text;
  const Card many = kpi_audit_card({"hours", "collaboration_hours", "meeting_hours"}, kAllOutcomes, kAllReplacements, config);
  EXPECT_EQ(many.text.rfind("The old measures hours worked, collaboration hours and meeting hours do not track outcomes", 0), 0u)
      << many.text;
  expect_clean(one);
  expect_clean(many);
}

// The statistic with its plain reading, and the replacements by their catalog
// labels, never their report keys; the threshold's key is listed apart.
TEST(CardText, FindingKpiAuditSaysWhatTheCorrelationMeansAndNamesMetricsInWords) {
  InsightsConfig config;
  const Card c = kpi_audit_card({"hours"}, kAllOutcomes, kAllReplacements, config);
  EXPECT_NE(c.text.find("(no meaningful relationship: rank correlation |ρ| below 0.2)"), std::string::npos) << c.text;
  EXPECT_NE(c.text.find("Measure instead: AI use where the playbook recommends it, error reduction with AI and "
                        "quality-adjusted output per hour."),
            std::string::npos)
      << c.text;
  EXPECT_EQ(c.text.find('_'), std::string::npos) << c.text;
  EXPECT_EQ(setting_keys(c.settings), std::vector<std::string>{"insights.kpi_min_abs_rho"});
}

// A proxy that moves against an outcome: the direction and strength in words,
// each outcome it moves against, and that a correlation is not a cause.
TEST(CardText, WarningKpiAgainstSaysWhichWayAndHowStrongly) {
  auto pair = [](const char* proxy, const char* outcome, double rho, bool against) {
    KpiPair p;
    p.proxy = proxy;
    p.outcome = outcome;
    p.rho = rho;
    p.against = against;
    return p;
  };
  const std::vector<KpiPair> pairs = {pair("tasks", "outcome_value", -0.3618, true), pair("tasks", "quality", 0.01, false),
                                      pair("meeting_hours", "error_rate", 0.55, true),
                                      pair("meeting_hours", "quality", -0.21, true)};
  const Card one = kpi_against_card({"tasks"}, pairs, {"error_reduction"});
  EXPECT_EQ(one.kind, "warning");
  EXPECT_EQ(one.title, "Legacy metric that points the wrong way: task volume");
  EXPECT_EQ(one.text,
            "Across people, more task volume goes with less value (ρ −0.36, a moderate link). A target on it would "
            "reward the wrong work (a correlation, not proof of cause). Measure instead: error reduction with AI.");
  const Card two = kpi_against_card({"tasks", "meeting_hours"}, pairs, {});
  EXPECT_EQ(two.title, "Legacy metrics that point the wrong way");
  EXPECT_NE(two.text.find("more meeting hours goes with more errors (ρ +0.55, a strong link) and lower quality "
                          "(ρ −0.21, a weak link)"),
            std::string::npos)
      << two.text;
  EXPECT_EQ(two.text.find("Measure instead"), std::string::npos) << two.text;
  EXPECT_EQ(setting_keys(two.settings), std::vector<std::string>{"insights.kpi_min_abs_rho"});
  expect_clean(one);
  expect_clean(two);
}

TEST(CardText, FindingRolloutAndTrainingWriteFixedDecimals) {
  // An interval that holds 0 is no change to tell (an outside review's case read "changed by 0.013").
  const Card r = rollout_card(0.123456789, -0.0004, 0.2500001);
  EXPECT_EQ(r.kind, "finding");
  EXPECT_NE(r.text.find("there is no clear change in quality-adjusted output per hour"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("(+0.12 tasks/hour, 95% interval about 0 to +0.25)"), std::string::npos) << r.text;
  const Card up = rollout_card(0.123456789, 0.05, 0.2500001);
  EXPECT_NE(up.text.find("rose by 0.12 tasks/hour relative to groups without AI (95% interval +0.05 to +0.25)"),
            std::string::npos)
      << up.text;
  expect_clean(up);
  const Card t = ai_training_card(0.666666, 0.2);
  EXPECT_EQ(t.text, "People with AI training: 67% use AI; without: 20%.");
  expect_clean(r);
  expect_clean(t);
}

TEST(CardText, WorkModeIsAWarningUnlessAiUseExplainsTheGap) {
  EXPECT_EQ(work_mode_card("Remote staff produce less.", false).kind, "warning");
  EXPECT_EQ(work_mode_card("The remote gap is AI use.", true).kind, "finding");
  // The verdict is a clause; the card makes it a sentence.
  EXPECT_EQ(work_mode_card("no clear raw difference between work modes", false).text,
            "No clear raw difference between work modes.");
  EXPECT_EQ(work_mode_card("The remote gap is AI use.", true).text, "The remote gap is AI use.");
}

TEST(CardText, SuccessStoryAndTheGapCard) {
  const Card s = success_story_card("Sales doubled its value per hour.");
  EXPECT_EQ(s.kind, "success");
  EXPECT_EQ(s.text, "Sales doubled its value per hour.");
  GapReading reading;
  reading.text = "Comparing people in the same team, AI users produce 0.14 more quality-adjusted tasks per hour.";
  const Card plain = gap_card(reading);
  EXPECT_EQ(plain.kind, "finding");
  EXPECT_EQ(plain.text, reading.text);
  EXPECT_EQ(plain.title.find("wrong way"), std::string::npos);
  reading.reversal = true;
  const Card paradox = gap_card(reading);
  EXPECT_EQ(paradox.kind, "warning");
  EXPECT_NE(paradox.title.find("points the wrong way"), std::string::npos);
}

}  // namespace
}  // namespace gapscore::insights
