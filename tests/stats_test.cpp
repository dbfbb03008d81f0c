// Statistics kernels against scipy/statsmodels reference values
// (tests/reference/stats_reference.py → tests/data/reference/stats_reference.json),
// plus edge cases and the determinism properties that can be checked natively.
#include "stats/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "base/prng.h"
#include "test_util.h"

namespace gapscore {
namespace {

using testing_util::close;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const nlohmann::json& ref() {
  static const nlohmann::json j = testing_util::read_json(testing_util::data_path("reference/stats_reference.json"));
  return j;
}

std::vector<double> vec(const nlohmann::json& a) { return a.get<std::vector<double>>(); }

std::uint64_t bits(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

// Agreement with a reference computed in double by another library: 1e-9
// relative, or 1e-12 absolute for values near 0.
void expect_matches(std::optional<double> got, const nlohmann::json& want, const std::string& what) {
  if (want.is_null()) {
    EXPECT_FALSE(got.has_value()) << what << " should be undefined, got " << got.value_or(0);
    return;
  }
  ASSERT_TRUE(got.has_value()) << what << " should be " << want;
  EXPECT_TRUE(close(*got, want.get<double>(), 1e-9, 1e-12)) << what << ": " << *got << " vs " << want;
}

// ----------------------------------------------------------------- reference

TEST(StatsReference, InequalityMeasures) {
  ASSERT_GE(ref()["one_sample"].size(), 15u);
  for (const auto& c : ref()["one_sample"]) {
    const std::string name = c["name"];
    const auto x = vec(c["x"]);
    expect_matches(stats::gini(x), c["gini"], name + " gini");
    expect_matches(stats::theil_t(x), c["theil_t"], name + " theil_t");
    expect_matches(stats::coefficient_of_variation(x), c["cv"], name + " cv");
  }
}

TEST(StatsReference, QuantilesMatchNumpyBitForBit) {
  for (const auto& c : ref()["one_sample"]) {
    auto x = vec(c["x"]);
    std::sort(x.begin(), x.end());
    for (const auto& qv : c["quantiles"]) {
      const double q = qv[0], want = qv[1];
      EXPECT_EQ(bits(stats::quantile_linear(x, q)), bits(want))
          << c["name"] << " q=" << q << ": " << stats::quantile_linear(x, q) << " vs " << want;
    }
  }
}

TEST(StatsReference, AverageRanksMatchRankdata) {
  for (const auto& c : ref()["one_sample"]) {
    const auto x = vec(c["x"]);
    std::vector<double> ranks(x.size());
    stats::average_ranks(x, ranks);
    EXPECT_EQ(ranks, vec(c["ranks"])) << c["name"];
  }
}

TEST(StatsReference, HedgesG) {
  for (const auto& c : ref()["two_sample"]) {
    const std::string name = c["name"];
    const auto h = stats::hedges_g(vec(c["a"]), vec(c["b"]));
    if (c["hedges"].is_null()) {
      EXPECT_FALSE(h) << name;
      continue;
    }
    ASSERT_TRUE(h) << name;
    const auto& w = c["hedges"];
    EXPECT_EQ(h->df, w["df"].get<int>()) << name;
    EXPECT_TRUE(close(h->cohens_d, w["d"], 1e-9, 1e-12)) << name << " d " << h->cohens_d;
    EXPECT_TRUE(close(h->g, w["g"], 1e-9, 1e-12)) << name << " g " << h->g;
    // J against 50-digit mpmath: the cancellation-free lgamma difference is near full precision.
    EXPECT_TRUE(close(h->correction_j, w["j"], 1e-14)) << name << " J " << h->correction_j << " vs " << w["j"];
  }
}

TEST(StatsReference, WelchGreater) {
  std::size_t compared = 0;
  for (const auto& c : ref()["two_sample"]) {
    const std::string name = c["name"];
    const auto p = stats::welch_greater_p(vec(c["a"]), vec(c["b"]));
    if (c["welch_greater"].is_null()) {
      EXPECT_FALSE(p) << name;
      continue;
    }
    ASSERT_TRUE(p) << name;
    EXPECT_TRUE(close(*p, c["welch_greater"], 1e-9, 1e-300)) << name << " p " << *p << " vs " << c["welch_greater"];
    ++compared;
  }
  EXPECT_GE(compared, 10u);
}

TEST(StatsReference, MannWhitneyU) {
  for (const auto& c : ref()["two_sample"]) {
    const std::string name = c["name"];
    const auto m = stats::mann_whitney_u(vec(c["a"]), vec(c["b"]));
    ASSERT_TRUE(m) << name;
    EXPECT_EQ(m->u, c["mwu"]["u"].get<double>()) << name;  // a sum of half-integers: exact
    EXPECT_TRUE(close(m->p_value, c["mwu"]["p"], 1e-9, 1e-300)) << name << " p " << m->p_value << " vs " << c["mwu"]["p"];
  }
}

TEST(StatsReference, Spearman) {
  for (const auto& c : ref()["spearman"]) {
    const std::string name = c["name"];
    const auto s = stats::spearman(vec(c["x"]), vec(c["y"]));
    if (c["rho"].is_null()) {
      EXPECT_FALSE(s) << name;
      continue;
    }
    ASSERT_TRUE(s) << name;
    const double rho = c["rho"], p = c["p"];
    EXPECT_EQ(s->n, c["x"].size());
    EXPECT_TRUE(close(s->rho, rho, 1e-12, 1e-15)) << name << " rho " << s->rho;
    if (std::fabs(rho) > 1.0 - 1e-12) {
      // Perfect monotone data: scipy's ρ can come out as 1 − 1ulp, which turns p = 0
      // into p ~ 1e-24. Both are "zero" for any reader.
      EXPECT_LT(s->p_value, 1e-15) << name;
      EXPECT_LT(p, 1e-15) << name;
    } else {
      EXPECT_TRUE(close(s->p_value, p, 1e-9, 1e-300)) << name << " p " << s->p_value << " vs " << p;
    }
  }
}

TEST(StatsReference, OlsHc3MatchesStatsmodels) {
  for (const auto& c : ref()["ols"]) {
    const std::string name = c["name"];
    const auto y = vec(c["y"]);
    std::vector<double> x;
    for (const auto& row : c["x"])
      for (double v : row.get<std::vector<double>>()) x.push_back(v);
    const std::size_t k = c["k"];
    auto r = stats::ols_hc3(y, x, k);
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().message();
    EXPECT_EQ(r->n, y.size());
    EXPECT_EQ(r->k, k);
    ASSERT_EQ(r->full_rank, c["full_rank"].get<bool>()) << name;
    if (!r->full_rank) {
      EXPECT_EQ(r->rank, c["rank"].get<std::size_t>()) << name;
      EXPECT_EQ(r->aliased_columns, c["aliased"].get<std::vector<std::size_t>>()) << name;
      EXPECT_TRUE(r->coef.empty() && r->se_hc3.empty() && r->z.empty() && r->p_value.empty()) << name;
      continue;
    }
    EXPECT_EQ(r->rank, k);
    EXPECT_TRUE(r->aliased_columns.empty());
    EXPECT_EQ(r->has_constant, c["has_constant"].get<bool>()) << name;
    EXPECT_TRUE(close(r->r_squared, c["r_squared"], 1e-9, 1e-12)) << name << " R² " << r->r_squared;
    const auto leverage_one = c.value("high_leverage_rows", std::vector<std::size_t>{});
    EXPECT_EQ(r->high_leverage_rows, leverage_one) << name;
    ASSERT_EQ(r->coef.size(), k);
    for (std::size_t j = 0; j < k; ++j) {
      EXPECT_TRUE(close(r->coef[j], c["coef"][j], 1e-9, 1e-12)) << name << " coef " << j << ": " << r->coef[j];
      if (c["se"][j].is_null()) {
        EXPECT_TRUE(std::isnan(r->se_hc3[j]) && std::isnan(r->z[j]) && std::isnan(r->p_value[j])) << name << " " << j;
        continue;
      }
      EXPECT_TRUE(close(r->se_hc3[j], c["se"][j], 1e-9, 1e-12)) << name << " se " << j << ": " << r->se_hc3[j];
      EXPECT_TRUE(close(r->p_value[j], c["p"][j], 1e-9, 1e-300)) << name << " p " << j << ": " << r->p_value[j];
      EXPECT_DOUBLE_EQ(r->z[j], r->coef[j] / r->se_hc3[j]);
    }
  }
}

// scipy's bootstrap and ours draw different random resamples, so the bounds agree
// only statistically. The reference ran scipy 40 times with different seeds and
// records the mean bounds and the spread mc_sd of the runs, which is the
// Monte-Carlo error of one 20000-resample run. Ours is one such run, so
// ours − reference has sd mc_sd·√(1 + 1/40); allow 5 of those.
TEST(StatsReference, BootstrapAgreesWithScipyWithinMonteCarloError) {
  for (const auto& c : ref()["bootstrap"]) {
    const std::string name = c["name"];
    const auto a = vec(c["a"]), b = vec(c["b"]);
    const int resamples = c["n_resamples"];
    const double confidence = c["confidence"];
    const auto ci = stats::bootstrap_mean_difference_ci(a, b, resamples, 42, confidence);
    ASSERT_TRUE(ci) << name;
    const double runs = c["runs"];
    const double tol_low = 5.0 * std::sqrt(1.0 + 1.0 / runs) * c["low_mc_sd"].get<double>();
    const double tol_high = 5.0 * std::sqrt(1.0 + 1.0 / runs) * c["high_mc_sd"].get<double>();
    EXPECT_NEAR(ci->low, c["low"].get<double>(), tol_low) << name;
    EXPECT_NEAR(ci->high, c["high"].get<double>(), tol_high) << name;
    std::printf("%-14s low %.5f vs scipy %.5f (%.1f mc sd)  high %.5f vs %.5f (%.1f mc sd)\n", name.c_str(), ci->low,
                c["low"].get<double>(), std::fabs(ci->low - c["low"].get<double>()) / c["low_mc_sd"].get<double>(),
                ci->high, c["high"].get<double>(),
                std::fabs(ci->high - c["high"].get<double>()) / c["high_mc_sd"].get<double>());
    // Sanity: contains the observed difference, and about as wide as ±1.96 bootstrap SEs.
    const double diff = stats::mean(a) - stats::mean(b);
    EXPECT_TRUE(close(diff, c["observed_difference"], 1e-13)) << name;  // numpy sums pairwise
    EXPECT_LT(ci->low, diff) << name;
    EXPECT_GT(ci->high, diff) << name;
    const double normal_width = 2.0 * 1.959963984540054 * c["standard_error"].get<double>();
    EXPECT_GT(ci->high - ci->low, 0.75 * normal_width) << name;
    EXPECT_LT(ci->high - ci->low, 1.33 * normal_width) << name;
  }
}

// ----------------------------------------------------------------- summation

TEST(Stats, NeumaierSumKeepsLowOrderBits) {
  stats::NeumaierSum s;
  s.add(1e100);
  s.add(1.0);
  s.add(-1e100);
  EXPECT_EQ(s.value(), 1.0);
  const std::vector<double> tenths(10, 0.1);
  EXPECT_EQ(stats::sum(tenths), 1.0);  // a plain loop gives 0.9999999999999999
  EXPECT_EQ(stats::sum(std::vector<double>{}), 0.0);
  EXPECT_EQ(stats::mean(std::vector<double>{}), 0.0);
  EXPECT_DOUBLE_EQ(stats::variance(std::vector<double>{1, 2, 3, 4}, 1), 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(stats::variance(std::vector<double>{1, 2, 3, 4}, 0), 1.25);
  EXPECT_EQ(stats::variance(std::vector<double>{1}, 1), 0.0);
  // Large offset: the two-pass variance does not cancel.
  EXPECT_DOUBLE_EQ(stats::variance(std::vector<double>{1e9 + 1, 1e9 + 2, 1e9 + 3}, 1), 1.0);
}

// ----------------------------------------------------------------- edge cases

TEST(Stats, InequalityEdgeCases) {
  using V = std::vector<double>;
  for (const V& x : {V{}, V{0, 0}, V{-1, 2}, V{1, kNaN}, V{1, kInf}, V{kInf}}) {
    EXPECT_FALSE(stats::gini(x));
    EXPECT_FALSE(stats::theil_t(x));
  }
  EXPECT_FALSE(stats::coefficient_of_variation(V{}));
  EXPECT_FALSE(stats::coefficient_of_variation(V{-1, 1}));  // μ = 0
  EXPECT_FALSE(stats::coefficient_of_variation(V{1, kNaN}));
  EXPECT_FALSE(stats::coefficient_of_variation(V{1e308, 1e308}));  // the sum overflows
  EXPECT_EQ(*stats::gini(V{5.0}), 0.0);
  EXPECT_EQ(*stats::theil_t(V{5.0}), 0.0);
  EXPECT_EQ(*stats::coefficient_of_variation(V{5.0}), 0.0);
  EXPECT_EQ(*stats::gini(V(9, 0.1)), 0.0);
  EXPECT_EQ(*stats::theil_t(V(9, 0.1)), 0.0);  // clamped: rounding of μ could give −1e-17
  // One person holds everything: G = 1 − 1/n, T = ln n.
  EXPECT_DOUBLE_EQ(*stats::gini(V{0, 0, 0, 4}), 0.75);
  EXPECT_NEAR(*stats::theil_t(V{0, 0, 0, 4}), std::log(4.0), 1e-15);
}

TEST(Stats, QuantileAndRankEdgeCases) {
  const std::vector<double> s = {1.0, 2.0, 4.0};
  EXPECT_EQ(stats::quantile_linear(std::vector<double>{}, 0.5), 0.0);
  EXPECT_EQ(stats::quantile_linear(s, -0.1), 1.0);
  EXPECT_EQ(stats::quantile_linear(s, 1.5), 4.0);
  EXPECT_EQ(stats::quantile_linear(s, kNaN), 1.0);
  EXPECT_EQ(stats::quantile_linear(s, 0.5), 2.0);
  EXPECT_EQ(stats::quantile_linear(s, 0.75), 3.0);
  EXPECT_EQ(stats::quantile_linear(std::vector<double>{7.0}, 0.3), 7.0);

  std::vector<double> r(3, -1.0);
  stats::average_ranks(s, std::span<double>(r.data(), 2));  // wrong size: untouched
  EXPECT_EQ(r, std::vector<double>(3, -1.0));
  std::vector<double> with_nan = {3.0, kNaN, 1.0, kNaN, 3.0};
  std::vector<double> rn(5);
  stats::average_ranks(with_nan, rn);
  EXPECT_EQ(rn, (std::vector<double>{2.5, 4.5, 1.0, 4.5, 2.5}));
}

TEST(Stats, TwoSampleEdgeCases) {
  using V = std::vector<double>;
  EXPECT_FALSE(stats::hedges_g(V{1.0}, V{1.0, 2.0}));
  EXPECT_FALSE(stats::hedges_g(V{1.0, 1.0}, V{1.0, 1.0}));  // pooled SD 0
  EXPECT_FALSE(stats::hedges_g(V{1.0, kNaN}, V{1.0, 2.0}));
  EXPECT_FALSE(stats::mann_whitney_u(V{}, V{1.0}));
  EXPECT_FALSE(stats::mann_whitney_u(V{1.0, kInf}, V{1.0}));
  const auto tied = stats::mann_whitney_u(V{1.0, 1.0}, V{1.0});
  ASSERT_TRUE(tied);  // every value tied: U cannot vary, p = 1 (as scipy)
  EXPECT_EQ(tied->u, 1.0);
  EXPECT_EQ(tied->p_value, 1.0);
  // Hedges' J for df = 2: Γ(1)/(1·Γ(½)) = 1/√π.
  const auto h = stats::hedges_g(V{1.0, 2.0}, V{3.0, 5.0});
  ASSERT_TRUE(h);
  EXPECT_EQ(h->df, 2);
  EXPECT_NEAR(h->correction_j, 0.56418958354775628695, 1e-16);
}

TEST(Stats, SpearmanEdgeCases) {
  using V = std::vector<double>;
  EXPECT_FALSE(stats::spearman(V{1, 2}, V{2, 1}));
  EXPECT_FALSE(stats::spearman(V{1, 2, 3}, V{1, 2}));
  EXPECT_FALSE(stats::spearman(V{1, 2, 3}, V{4, 4, 4}));
  EXPECT_FALSE(stats::spearman(V{1, 2, kNaN}, V{1, 2, 3}));
  const auto perfect = stats::spearman(V{1, 2, 3, 4}, V{10, 20, 30, 45});
  ASSERT_TRUE(perfect);
  EXPECT_EQ(perfect->rho, 1.0);
  EXPECT_EQ(perfect->p_value, 0.0);
}

TEST(Stats, BootstrapEdgeCasesAndDeterminism) {
  const std::vector<double> a = {1.0, 2.5, 3.1, 4.7, 2.2}, b = {0.5, 1.1, 0.9, 2.0};
  const auto x = stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 0.95);
  const auto y = stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 0.95);
  const auto z = stats::bootstrap_mean_difference_ci(a, b, 2000, 8, 0.95);
  ASSERT_TRUE(x && y && z);
  EXPECT_EQ(bits(x->low), bits(y->low));
  EXPECT_EQ(bits(x->high), bits(y->high));
  EXPECT_TRUE(x->low != z->low || x->high != z->high);
  EXPECT_LE(x->low, x->high);
  const auto wider = stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 0.99);
  ASSERT_TRUE(wider);
  EXPECT_LE(wider->low, x->low);  // same draws, outer quantiles
  EXPECT_GE(wider->high, x->high);
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci({}, b, 2000, 7, 0.95));
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci(a, b, 0, 7, 0.95));
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 0.0));
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci(a, b, 2000, 7, 1.0));
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci(a, b, 2000, 7, kNaN));
  EXPECT_FALSE(stats::bootstrap_mean_difference_ci(std::vector<double>{1.0, kNaN}, b, 2000, 7, 0.95));
  // A single value per group: every resample is the same, the CI is a point.
  const auto point = stats::bootstrap_mean_difference_ci(std::vector<double>{3.0}, std::vector<double>{1.0}, 50, 1, 0.9);
  ASSERT_TRUE(point);
  EXPECT_EQ(point->low, 2.0);
  EXPECT_EQ(point->high, 2.0);
}

// The analysis runs one bootstrap per group and metric: it has to be cheap.
TEST(Stats, BootstrapOfTwoGroupsOfThreeHundredTakesMilliseconds) {
  Prng rng(3);
  std::vector<double> a(300), b(300);
  for (double& v : a) v = rng.uniform(0.0, 2.0);
  for (double& v : b) v = rng.uniform(0.2, 2.2);
  const auto start = std::chrono::steady_clock::now();
  const auto ci = stats::bootstrap_mean_difference_ci(a, b, 2000, 11, 0.95);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(ci);
  RecordProperty("bootstrap_2000x300x300_ms", std::to_string(ms));
  std::printf("bootstrap 2000 resamples of 300 + 300: %.2f ms\n", ms);
  EXPECT_LT(ms, 500.0);  // ~5 ms in a release build; generous for sanitizer/debug builds
}

TEST(Stats, OlsErrorsAndDegenerateDesigns) {
  const std::vector<double> y = {1, 2, 3};
  EXPECT_FALSE(stats::ols_hc3(y, std::vector<double>{1, 1, 1}, 0).ok());
  const auto wrong_size = stats::ols_hc3(y, std::vector<double>{1, 1}, 1);
  ASSERT_FALSE(wrong_size.ok());
  EXPECT_EQ(wrong_size.error().code(), DiagCode::internal_error);
  EXPECT_FALSE(stats::ols_hc3(std::vector<double>{1, kNaN, 3}, std::vector<double>{1, 1, 1}, 1).ok());
  EXPECT_FALSE(stats::ols_hc3(y, std::vector<double>{1, kInf, 1}, 1).ok());

  // More columns than rows: rank is at most n.
  const auto wide = stats::ols_hc3(std::vector<double>{1, 2}, std::vector<double>{1, 0, 3, 1, 1, 5}, 3);
  ASSERT_TRUE(wide.ok());
  EXPECT_FALSE(wide->full_rank);
  EXPECT_EQ(wide->rank, 2u);
  EXPECT_EQ(wide->aliased_columns, std::vector<std::size_t>{2});

  // n == k: an exact fit, every row has leverage 1, no HC3 error is defined.
  const auto square = stats::ols_hc3(std::vector<double>{1, 3}, std::vector<double>{1, 0, 1, 1}, 2);
  ASSERT_TRUE(square.ok());
  ASSERT_TRUE(square->full_rank);
  EXPECT_EQ(square->high_leverage_rows, (std::vector<std::size_t>{0, 1}));
  EXPECT_NEAR(square->coef[0], 1.0, 1e-15);
  EXPECT_NEAR(square->coef[1], 2.0, 1e-15);
  EXPECT_TRUE(std::isnan(square->se_hc3[0]) && std::isnan(square->se_hc3[1]));

  // Constant response: R² is undefined (TSS = 0).
  const auto flat = stats::ols_hc3(std::vector<double>{2, 2, 2, 2}, std::vector<double>{1, 0, 1, 1, 1, 2, 1, 3}, 2);
  ASSERT_TRUE(flat.ok());
  EXPECT_TRUE(std::isnan(flat->r_squared));
}

TEST(Stats, OlsWithAbsorbedCellsEqualsOneDummyPerCell) {
  // y ~ x + cell dummies, against y and x demeaned within cells with each row's 1/n_cell as absorbed leverage.
  const std::vector<int> cell = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2};
  const std::vector<double> x = {0.1, 0.9, 0.4, 0.3, 0.8, 0.2, 0.7, 0.5, 0.6, 0.05, 0.95, 0.35};
  std::vector<double> y;
  for (std::size_t i = 0; i < x.size(); ++i) y.push_back(1.5 * x[i] + cell[i] + 0.1 * std::sin(7.0 * static_cast<double>(i)));
  std::vector<double> dummies;  // x, then a dummy per cell (no intercept)
  for (std::size_t i = 0; i < x.size(); ++i) {
    dummies.push_back(x[i]);
    for (int c = 0; c < 3; ++c) dummies.push_back(cell[i] == c ? 1.0 : 0.0);
  }
  const auto full = stats::ols_hc3(y, dummies, 4);
  double n[3] = {}, sy[3] = {}, sx[3] = {};
  for (std::size_t i = 0; i < x.size(); ++i) {
    n[cell[i]] += 1;
    sy[cell[i]] += y[i];
    sx[cell[i]] += x[i];
  }
  std::vector<double> yw, xw, absorbed;
  for (std::size_t i = 0; i < x.size(); ++i) {
    yw.push_back(y[i] - sy[cell[i]] / n[cell[i]]);
    xw.push_back(x[i] - sx[cell[i]] / n[cell[i]]);
    absorbed.push_back(1.0 / n[cell[i]]);
  }
  const auto within = stats::ols_hc3(yw, xw, 1, absorbed);
  ASSERT_TRUE(full.ok() && within.ok());
  EXPECT_NEAR(within->coef[0], full->coef[0], 1e-12);
  EXPECT_NEAR(within->se_hc3[0], full->se_hc3[0], 1e-12);
  // Without the absorbed leverage the HC3 error is another (smaller) one: the argument matters.
  const auto plain = stats::ols_hc3(yw, xw, 1);
  ASSERT_TRUE(plain.ok());
  EXPECT_GT(std::fabs(plain->se_hc3[0] - full->se_hc3[0]), 1e-6);
  EXPECT_FALSE(stats::ols_hc3(yw, xw, 1, std::vector<double>{0.5}).ok());
}

TEST(Stats, OlsSingletonCellKeepsOtherStandardErrors) {
  // The last row alone has x2 = 1: its leverage is 1, so HC3 is undefined for the
  // dummy's coefficient, while the intercept is estimated from the other rows only.
  const std::vector<double> y = {1, 2, 3, 4, 10};
  const std::vector<double> x = {1, 0, 1, 0, 1, 0, 1, 0, 1, 1};
  auto r = stats::ols_hc3(y, x, 2);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->full_rank);
  EXPECT_EQ(r->high_leverage_rows, std::vector<std::size_t>{4});
  EXPECT_TRUE(std::isnan(r->se_hc3[1]) && std::isnan(r->p_value[1]));
  EXPECT_NEAR(r->coef[0], 2.5, 1e-14);
  EXPECT_NEAR(r->coef[1], 10 - 2.5, 1e-14);
  // Intercept-only model on rows 0..3: HC3 se² = Σ e²/(1 − 1/4)² / 4² with e = y − 2.5.
  const double se0 = std::sqrt((2.25 + 0.25 + 0.25 + 2.25) / (0.75 * 0.75) / 16.0);
  EXPECT_NEAR(r->se_hc3[0], se0, 1e-14);
}

TEST(Stats, OlsRankDetectionIsScaleFree) {
  // Column 2 = 1e-6 · column 1 + 3e6 · column 0: still aliased however the columns are scaled.
  std::vector<double> x, y;
  for (int i = 0; i < 20; ++i) {
    const double t = i * 0.37;
    x.insert(x.end(), {1.0, t * 1e6, t + 3e6});
    y.push_back(std::sin(t));
  }
  const auto r = stats::ols_hc3(y, x, 3);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->full_rank);
  EXPECT_EQ(r->aliased_columns, std::vector<std::size_t>{2});
}

// ----------------------------------------------------------------- determinism

TEST(Stats, PermutedInputWithTiesGivesIdenticalBits) {
  // Values with many ties, in several orders: gini, theil and cv sum in sorted
  // order and the ranks average ties, so every permutation gives the same bits.
  std::vector<double> x;
  Prng rng(99);
  for (int i = 0; i < 301; ++i) x.push_back(static_cast<double>(rng.below(12)) * 0.1 + (i % 7 == 0 ? 1e-3 : 0.0));
  const auto g = stats::gini(x), t = stats::theil_t(x), v = stats::coefficient_of_variation(x);
  ASSERT_TRUE(g && t && v);
  std::vector<double> base_ranks(x.size());
  stats::average_ranks(x, base_ranks);
  std::vector<std::size_t> perm(x.size());
  std::iota(perm.begin(), perm.end(), std::size_t{0});
  for (int round = 0; round < 5; ++round) {
    // Fisher-Yates with the project PRNG (std::shuffle's algorithm is not portable).
    for (std::size_t i = perm.size() - 1; i > 0; --i) std::swap(perm[i], perm[rng.below(i + 1)]);
    std::vector<double> shuffled(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) shuffled[i] = x[perm[i]];
    EXPECT_EQ(bits(*stats::gini(shuffled)), bits(*g));
    EXPECT_EQ(bits(*stats::theil_t(shuffled)), bits(*t));
    EXPECT_EQ(bits(*stats::coefficient_of_variation(shuffled)), bits(*v));
    std::vector<double> ranks(x.size());
    stats::average_ranks(shuffled, ranks);
    for (std::size_t i = 0; i < x.size(); ++i) EXPECT_EQ(bits(ranks[i]), bits(base_ranks[perm[i]]));
  }
}

// Selection gives the value the sorted data gives, bit for bit, with ties,
// signed zeros and infinities, at every q, and twice over the same (already
// reordered) data, as the bootstrap asks for its two bounds.
TEST(Stats, QuantileBySelectionIsQuantileOfSortedData) {
  Prng rng(5);
  for (const std::size_t n : {1u, 2u, 3u, 10u, 257u, 2000u}) {
    std::vector<double> x(n);
    // Mostly distinct values, and some ties.
    for (double& v : x) v = static_cast<double>(rng.below(rng.below(4) == 0 ? 8 : 1u << 30)) * 0.25 - 5.0;
    if (n > 3) x[1] = -0.0, x[2] = kInf, x[3] = -kInf;
    std::vector<double> sorted = x;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> work = x;
    for (int k = 0; k <= 400; ++k) {
      const double q = k == 400 ? 0.975 : k / 399.0;
      EXPECT_EQ(bits(stats::quantile_linear_select(work, q)), bits(stats::quantile_linear(sorted, q))) << n << " q=" << q;
    }
  }
  std::vector<double> none;
  EXPECT_EQ(stats::quantile_linear_select(none, 0.5), 0.0);
}

// The ranks of large inputs (sorted by bytes, not by comparisons) against
// counting: rank = values below + (values tied + 1) / 2, NaNs last and tied.
TEST(Stats, AverageRanksOfLargeInputsMatchCounting) {
  Prng rng(11);
  for (const std::size_t n : {255u, 256u, 1000u, 3001u}) {
    std::vector<double> x(n);
    for (double& v : x) v = static_cast<double>(rng.below(n / 3)) * (rng.below(2) ? 0.5 : -1.5) + (rng.below(9) == 0 ? 1e9 : 0.0);
    x[0] = -0.0, x[1] = 0.0, x[2] = kInf, x[3] = -kInf, x[4] = kNaN, x[5] = kNaN, x[6] = 1e-300, x[7] = -1e-300;
    std::vector<double> ranks(n);
    stats::average_ranks(x, ranks);
    for (std::size_t i = 0; i < n; ++i) {
      double below = 0, tied_with = 0;
      for (const double v : x) {
        if (std::isnan(x[i])) {
          below += !std::isnan(v);
          tied_with += std::isnan(v);
        } else {
          below += v < x[i];
          tied_with += v == x[i];
        }
      }
      ASSERT_EQ(ranks[i], below + (tied_with + 1) / 2) << "n=" << n << " i=" << i << " x=" << x[i];
    }
  }
}

TEST(Stats, MannWhitneyIgnoresOrderWithinGroups) {
  std::vector<double> a = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}, b = {2, 7, 1, 8, 2, 8, 1, 8};
  const auto m1 = stats::mann_whitney_u(a, b);
  std::reverse(a.begin(), a.end());
  std::rotate(b.begin(), b.begin() + 3, b.end());
  const auto m2 = stats::mann_whitney_u(a, b);
  ASSERT_TRUE(m1 && m2);
  EXPECT_EQ(bits(m1->u), bits(m2->u));
  EXPECT_EQ(bits(m1->p_value), bits(m2->p_value));
}

}  // namespace
}  // namespace gapscore
