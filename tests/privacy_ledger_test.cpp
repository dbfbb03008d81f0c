// The privacy-budget ledger (protection dp, docs/privacy.md): every release
// spends epsilon on its ledger id, and a release past privacy.dp.total_epsilon
// is refused; averaging many runs' noise is then not possible.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gapscore/session.h"
#include "privacy/ledger.h"
#include "test_util.h"

namespace gapscore {
namespace {

using nlohmann::json;

const std::string& people_csv() {
  static const std::string s = testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/people.csv");
  return s;
}
const std::string& activity_csv() {
  static const std::string s = testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/activity.csv");
  return s;
}

Result<Session> read_sample(const json& config) {
  auto s = Session::create(config.dump());
  if (!s) return s;
  for (auto [kind, bytes] : {std::pair{TableKind::people, &people_csv()}, std::pair{TableKind::activity, &activity_csv()}}) {
    EXPECT_TRUE(s->begin_table(kind).ok());
    EXPECT_TRUE(s->push(*bytes).ok());
    EXPECT_TRUE(s->end_table().ok());
  }
  return s;
}

const json kDp = {{"privacy", {{"dp", {{"epsilon", 1}, {"total_epsilon", 3}}}}}};

TEST(PrivacyLedger, RefusesAReleasePastTheBudgetAcrossSessions) {
  std::string ledger;  // what a caller stores between runs (the CLI's --ledger file)
  for (int run = 1; run <= 3; ++run) {
    auto s = read_sample(kDp);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s->set_ledger(ledger).ok());
    auto r = s->report();
    ASSERT_TRUE(r.ok()) << "release " << run << ": " << r.error().message();
    const json l = json::parse(r.value())["privacy"]["differential_privacy"]["ledger"];
    EXPECT_EQ(l["releases"], run);
    EXPECT_DOUBLE_EQ(l["spent_epsilon"].get<double>(), run);
    EXPECT_DOUBLE_EQ(l["remaining_epsilon"].get<double>(), 3 - run);
    ledger = s->ledger();
    ASSERT_FALSE(ledger.empty());
  }
  auto s = read_sample(kDp);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->set_ledger(ledger).ok());
  auto refused = s->report();
  ASSERT_FALSE(refused.ok()) << "a fourth release of epsilon 1 past total_epsilon 3";
  EXPECT_EQ(refused.error().code(), DiagCode::privacy_budget_exhausted);
  EXPECT_EQ(s->ledger(), ledger) << "a refused release spends nothing";
  // Asking for a larger total later does not raise the recorded one.
  json more = kDp;
  more["privacy"]["dp"]["total_epsilon"] = 100;
  auto again = read_sample(more);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(again->set_ledger(ledger).ok());
  EXPECT_EQ(again->report().error().code(), DiagCode::privacy_budget_exhausted);
}

TEST(PrivacyLedger, ReanalysingInOneSessionSpendsToo) {
  auto s = read_sample(kDp);
  ASSERT_TRUE(s.ok());
  for (int run = 1; run <= 3; ++run) {
    ASSERT_TRUE(s->report().ok()) << run;
    ASSERT_TRUE(s->configure(kDp.dump()).ok());
  }
  auto refused = s->report();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), DiagCode::privacy_budget_exhausted);
}

TEST(PrivacyLedger, AnotherLedgerIdHasItsOwnBudgetAndAlteredLedgersAreRefused) {
  privacy::Ledger l;
  ASSERT_TRUE(l.spend("people-digest", 2, 3).ok());
  EXPECT_FALSE(l.spend("people-digest", 2, 3).ok());
  EXPECT_TRUE(l.spend("other", 2, 3).ok());
  auto parsed = privacy::Ledger::parse(l.text());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->text(), l.text());
  for (const char* bad : {"{}", "not json", R"({"gapscore_privacy_ledger": 1, "entries": {"x": {"total_epsilon": -1}}})"}) {
    auto s = read_sample(kDp);
    ASSERT_TRUE(s.ok());
    const Status st = s->set_ledger(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().code(), DiagCode::privacy_ledger_invalid);
  }
}

}  // namespace
}  // namespace gapscore
