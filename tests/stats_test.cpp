// Statistics kernels against scipy/statsmodels reference values
// (tests/reference/stats_reference.py → tests/data/reference/stats_reference.json).
#include "gapscore/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "test_util.h"

namespace gapscore {
namespace {

using testing_util::close;

const nlohmann::json& ref() {
  static const nlohmann::json j = testing_util::read_json(testing_util::data_path("reference/stats_reference.json"));
  return j;
}

std::vector<double> vec(const nlohmann::json& a) { return a.get<std::vector<double>>(); }

void expect_close_or_null(std::optional<double> got, const nlohmann::json& want, const std::string& what) {
  if (want.is_null()) {
    EXPECT_FALSE(got.has_value()) << what << " should be undefined";
    return;
  }
  ASSERT_TRUE(got.has_value()) << what;
  EXPECT_TRUE(close(*got, want.get<double>(), 1e-9, 1e-12)) << what << ": " << *got << " vs " << want;
}

TEST(Stats, InequalityMeasuresMatchReference) {
  for (const auto& c : ref()["one_sample"]) {
    const std::string name = c["name"];
    const auto x = vec(c["x"]);
    expect_close_or_null(stats::gini(x), c["gini"], name + " gini");
    expect_close_or_null(stats::theil_t(x), c["theil_t"], name + " theil_t");
    expect_close_or_null(stats::coefficient_of_variation(x), c["cv"], name + " cv");
  }
}

TEST(Stats, QuantilesAndRanksMatchNumpyAndScipy) {
  for (const auto& c : ref()["one_sample"]) {
    auto x = vec(c["x"]);
    std::vector<double> ranks(x.size());
    stats::average_ranks(x, ranks);
    EXPECT_EQ(ranks, vec(c["ranks"])) << c["name"];
    std::sort(x.begin(), x.end());
    for (const auto& [q, want] : c["quantiles"].items())
      EXPECT_TRUE(close(stats::quantile_linear(x, std::stod(q)), want.get<double>(), 1e-12, 1e-15)) << c["name"] << " q" << q;
  }
}

TEST(Stats, HedgesGAndMannWhitneyMatchReference) {
  for (const auto& c : ref()["two_sample"]) {
    const std::string name = c["name"];
    const auto a = vec(c["a"]), b = vec(c["b"]);
    const auto h = stats::hedges_g(a, b);
    if (c["hedges"].is_null()) {
      EXPECT_FALSE(h) << name;
    } else {
      ASSERT_TRUE(h) << name;
      EXPECT_TRUE(close(h->g, c["hedges"]["g"], 1e-9, 1e-12)) << name << " g " << h->g;
      EXPECT_TRUE(close(h->correction_j, c["hedges"]["j"], 1e-12)) << name << " J " << h->correction_j;
    }
    const auto m = stats::mann_whitney_u(a, b);
    if (c["mwu"].is_null()) {
      EXPECT_FALSE(m) << name;
    } else {
      ASSERT_TRUE(m) << name;
      EXPECT_TRUE(close(m->u, c["mwu"]["u"], 1e-12)) << name << " U " << m->u;
      EXPECT_TRUE(close(m->p_value, c["mwu"]["p"], 1e-9, 1e-15)) << name << " p " << m->p_value;
    }
  }
}

TEST(Stats, SpearmanMatchesScipy) {
  for (const auto& c : ref()["spearman"]) {
    const auto s = stats::spearman(vec(c["x"]), vec(c["y"]));
    if (c["rho"].is_null()) {
      EXPECT_FALSE(s) << c["name"];
      continue;
    }
    ASSERT_TRUE(s) << c["name"];
    EXPECT_TRUE(close(s->rho, c["rho"], 1e-12, 1e-15)) << c["name"];
    EXPECT_TRUE(close(s->p_value, c["p"], 1e-9, 1e-15)) << c["name"] << " p " << s->p_value << " vs " << c["p"];
  }
}

TEST(Stats, OlsHc3MatchesStatsmodels) {
  for (const auto& c : ref()["ols"]) {
    const std::string name = c["name"];
    const auto y = vec(c["y"]);
    std::vector<double> x;
    for (const auto& row : c["x"])
      for (double v : row.get<std::vector<double>>()) x.push_back(v);
    auto r = stats::ols_hc3(y, x, c["k"]);
    ASSERT_TRUE(r.ok()) << name;
    EXPECT_EQ(r->full_rank, c["full_rank"].get<bool>()) << name;
    if (!r->full_rank) {
      EXPECT_LT(r->rank, r->k);
      EXPECT_TRUE(r->coef.empty());
      continue;
    }
    for (std::size_t j = 0; j < r->k; ++j) {
      EXPECT_TRUE(close(r->coef[j], c["coef"][j], 1e-9, 1e-12)) << name << " coef " << j;
      EXPECT_TRUE(close(r->se_hc3[j], c["se"][j], 1e-9, 1e-12)) << name << " se " << j;
      EXPECT_TRUE(close(r->p_value[j], c["p"][j], 1e-8, 1e-15)) << name << " p " << j;
    }
    EXPECT_TRUE(close(r->r_squared, c["r_squared"], 1e-9)) << name;
  }
}

TEST(Stats, OlsFlagsSingletonCells) {
  // The last row alone has x2 = 1: its leverage is 1, so HC3 is undefined.
  const std::vector<double> y = {1, 2, 3, 4, 10};
  const std::vector<double> x = {1, 0, 1, 0, 1, 0, 1, 0, 1, 1};
  auto r = stats::ols_hc3(y, x, 2);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->full_rank);
  EXPECT_EQ(r->high_leverage_rows, std::vector<std::size_t>{4});
  EXPECT_TRUE(std::isnan(r->se_hc3[1]));
  EXPECT_NEAR(r->coef[1], 10 - 2.5, 1e-12);
}

TEST(Stats, BootstrapAgreesWithScipyWithinMonteCarloError) {
  for (const auto& c : ref()["bootstrap"]) {
    const auto a = vec(c["a"]), b = vec(c["b"]);
    const auto ci = stats::bootstrap_mean_difference_ci(a, b, 20000, 42, 0.95);
    ASSERT_TRUE(ci);
    // Percentile bounds of two independent 20000-draw bootstraps differ by a few
    // percent of the bootstrap standard error; allow 10%.
    const double se = c["standard_error"];
    EXPECT_NEAR(ci->low, c["low"].get<double>(), 0.1 * se) << c["name"];
    EXPECT_NEAR(ci->high, c["high"].get<double>(), 0.1 * se) << c["name"];
    const double diff = stats::mean(a) - stats::mean(b);
    EXPECT_LT(ci->low, diff);
    EXPECT_GT(ci->high, diff);
  }
}

TEST(Stats, BootstrapIsDeterministicPerSeed) {
  const std::vector<double> a = {1.0, 2.5, 3.1, 4.7, 2.2}, b = {0.5, 1.1, 0.9, 2.0};
  const auto x = stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 0.95);
  const auto y = stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 0.95);
  const auto z = stats::bootstrap_mean_difference_ci(a, b, 2000, 8, 0.95);
  ASSERT_TRUE(x && y && z);
  EXPECT_EQ(x->low, y->low);
  EXPECT_EQ(x->high, y->high);
  EXPECT_TRUE(x->low != z->low || x->high != z->high);
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci({}, b, 2000, 7, 0.95));
}

TEST(Stats, OrderOfTiedInputDoesNotChangeResults) {
  std::vector<double> x = {0.3, 0.1, 0.3, 0.7, 0.1, 0.0, 0.7, 0.3};
  const auto g1 = stats::gini(x), t1 = stats::theil_t(x);
  std::vector<double> r1(x.size());
  stats::average_ranks(x, r1);
  std::reverse(x.begin(), x.end());
  std::vector<double> r2(x.size());
  stats::average_ranks(x, r2);
  std::reverse(r2.begin(), r2.end());
  EXPECT_EQ(*g1, *stats::gini(x));  // bit-identical
  EXPECT_EQ(r1, r2);
  EXPECT_TRUE(close(*t1, *stats::theil_t(x), 1e-15));
}

TEST(Stats, EdgeCasesAreUndefinedNotNaN) {
  EXPECT_FALSE(stats::gini(std::vector<double>{}));
  EXPECT_FALSE(stats::gini(std::vector<double>{0, 0}));
  EXPECT_FALSE(stats::gini(std::vector<double>{-1, 2}));
  EXPECT_EQ(*stats::gini(std::vector<double>{5.0}), 0.0);
  EXPECT_FALSE(stats::hedges_g(std::vector<double>{1.0}, std::vector<double>{1.0, 2.0}));
  EXPECT_FALSE(stats::hedges_g(std::vector<double>{1.0, 1.0}, std::vector<double>{1.0, 1.0}));
  EXPECT_FALSE(stats::mann_whitney_u(std::vector<double>{1.0, 1.0}, std::vector<double>{1.0}));
  EXPECT_FALSE(stats::spearman(std::vector<double>{1, 2}, std::vector<double>{2, 1}));
}

}  // namespace
}  // namespace gapscore
