// Differential privacy: the noise has the scale the budget promises, the
// budget is reported, clamps bound each person, and fixed seeds reproduce.
#include <gtest/gtest.h>

#include <cmath>

#include "gapscore/session.h"
#include "privacy/dp.h"
#include "test_util.h"

namespace gapscore {
namespace {

TEST(DiscreteLaplace, VarianceAndMeanMatchTheScale) {
  privacy::NoiseSource noise(std::uint64_t{99});
  for (double scale : {0.5, 3.0, 12.0, 250.0}) {
    const int n = 40000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
      const double x = static_cast<double>(privacy::discrete_laplace(noise, scale));
      sum += x;
      sum2 += x * x;
    }
    const double mean = sum / n, var = sum2 / n - mean * mean;
    const double want = privacy::discrete_laplace_variance(scale);
    // Standard error of the sample variance of a Laplace-like variable is about sqrt(5/n)·var.
    EXPECT_NEAR(var, want, 4.0 * std::sqrt(5.0 / n) * want) << "scale " << scale;
    EXPECT_NEAR(mean, 0.0, 4.0 * std::sqrt(want / n)) << "scale " << scale;
  }
}

TEST(DiscreteLaplace, TailsFollowTheGeometricLaw) {
  // P(X = 0) = (1 − q)/(1 + q) with q = exp(−1/scale).
  privacy::NoiseSource noise(std::uint64_t{5});
  const double scale = 2.0, q = std::exp(-1.0 / scale);
  int zeros = 0;
  const int n = 50000;
  for (int i = 0; i < n; ++i) zeros += privacy::discrete_laplace(noise, scale) == 0;
  const double p0 = (1 - q) / (1 + q);
  EXPECT_NEAR(static_cast<double>(zeros) / n, p0, 4.0 * std::sqrt(p0 * (1 - p0) / n));
}

TEST(DiscreteLaplace, SecureSourceWorks) {
  privacy::NoiseSource a(std::nullopt), b(std::nullopt);
  EXPECT_TRUE(a.secure());
  EXPECT_NE(a.next64(), b.next64());
  EXPECT_TRUE(a.ok());
}

nlohmann::json dp_report(const std::string& dp_json, const std::string& group_by = R"(["team"])") {
  auto a = Session::create(R"({"group_by": )" + group_by + R"(, "privacy": {"dp": )" + dp_json + "}}");
  EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message());
  const std::string dir = std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/";
  for (const char* t : {"people", "activity"}) {
    EXPECT_TRUE(a->begin_table(*table_kind_from_name(t)).ok());
    EXPECT_TRUE(a->push(testing_util::read_file(dir + t + ".csv")).ok());
    EXPECT_TRUE(a->end_table().ok());
  }
  auto r = a->report();
  EXPECT_TRUE(r.ok());
  return nlohmann::json::parse(r.value());
}

TEST(DpReport, StatesTheBudgetAndReleasesOnlyNoisyFigures) {
  const auto r = dp_report(R"({"epsilon": 1.5, "seed": 3})");
  const auto& dp = r["privacy"]["differential_privacy"];
  EXPECT_EQ(dp["epsilon"], 1.5);
  EXPECT_EQ(dp["epsilon_spent"], 1.5);
  EXPECT_DOUBLE_EQ(dp["epsilon_per_statistic"].get<double>(), 1.5 / 12);
  EXPECT_TRUE(r["trends"].empty());
  EXPECT_TRUE(r["summary"]["activity_rows"].is_null());
  EXPECT_TRUE(r["inputs"][0]["rows_read"].is_null());
  EXPECT_TRUE(r["overall"]["metrics"]["quality_mean"].is_null());
  EXPECT_TRUE(r["overall"]["gap"]["difference"].is_null());
  EXPECT_FALSE(r["overall"]["metrics"]["adoption_rate"].is_null());
}

TEST(DpReport, FixedSeedReproducesAndSecureNoiseVaries) {
  EXPECT_EQ(dp_report(R"({"seed": 11})"), dp_report(R"({"seed": 11})"));
  const auto a = dp_report("{}"), b = dp_report("{}");
  EXPECT_NE(a["groups"], b["groups"]);  // secure noise: different every run
  EXPECT_EQ(a["privacy"]["differential_privacy"]["noise"], "secure random source");
}

TEST(DpReport, HeadcountNoiseHasThePromisedScale) {
  // Across seeds, the released overall headcount varies around the true 200 with the
  // discrete Laplace variance for sensitivity 1 and epsilon/12.
  const double eps = 6.0;
  double sum = 0, sum2 = 0;
  const int n = 60;
  for (int seed = 0; seed < n; ++seed) {
    const auto r = dp_report(R"({"epsilon": 6, "seed": )" + std::to_string(seed) + "}");
    const double x = r["overall"]["headcount"].get<double>() - 200.0;
    sum += x;
    sum2 += x * x;
  }
  const double var = sum2 / n;
  const double want = privacy::discrete_laplace_variance(12.0 / eps);
  EXPECT_GT(var, want / 3);
  EXPECT_LT(var, want * 3);
  // Unbiased: the mean of n draws lies within 4 standard errors of 0.
  EXPECT_LT(std::fabs(sum / n), 4.0 * std::sqrt(want / n));
}

TEST(DpReport, NoShownGroupHasANoisyHeadcountBelowK) {
  // Team x work mode x role makes many groups of one to four people; their noisy
  // headcounts land near zero, or below it, and must be hidden, not shown as "0 people".
  std::size_t hidden = 0, shown = 0;
  for (int seed = 0; seed < 20; ++seed) {
    const auto r = dp_report(R"({"epsilon": 1, "seed": )" + std::to_string(seed) + "}", R"(["team", "work_mode", "role"])");
    const int k = r["privacy"]["min_group_size"];
    for (const auto& g : r["groups"]) {
      if (g["suppressed"].get<bool>()) {
        ++hidden;
        EXPECT_FALSE(g.contains("headcount"));
        continue;
      }
      ++shown;
      EXPECT_GE(g["headcount"].get<double>(), k) << "seed " << seed << ": " << g["key"].dump();
    }
  }
  EXPECT_GT(hidden, 0u);
  EXPECT_GT(shown, 0u);
}

TEST(DpReport, CannotBeCombinedWithIndividualResults) {
  auto a = Session::create(R"({"privacy": {"dp": {}, "individual_results": true, "salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"}})");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().first().column, "privacy.dp");
}

}  // namespace
}  // namespace gapscore
