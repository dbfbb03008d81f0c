// Deterministic math against 50-digit mpmath references
// (tests/reference/detmath_reference.py).
#include "gapscore/detmath.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_util.h"

namespace gapscore {
namespace {

using testing_util::close;
using testing_util::ulp_distance;

const nlohmann::json& ref() {
  static const nlohmann::json j = testing_util::read_json(testing_util::data_path("reference/detmath_reference.json"));
  return j;
}

template <typename F>
std::int64_t max_ulp(const char* name, F fn) {
  std::int64_t worst = 0;
  for (const auto& c : ref()[name]) {
    const double x = c[0], want = c[1];
    const double got = fn(x);
    const std::int64_t u = ulp_distance(got, want);
    EXPECT_LE(u, 4) << name << "(" << x << ") = " << got << ", want " << want;
    worst = std::max(worst, u);
  }
  return worst;
}

TEST(Detmath, LogWithinTwoUlp) { EXPECT_LE(max_ulp("log", [](double x) { return detmath::log(x); }), 2); }
TEST(Detmath, ExpWithinTwoUlp) { EXPECT_LE(max_ulp("exp", [](double x) { return detmath::exp(x); }), 2); }
TEST(Detmath, Log1pWithinTwoUlp) { EXPECT_LE(max_ulp("log1p", [](double x) { return detmath::log1p(x); }), 2); }
TEST(Detmath, Expm1WithinTwoUlp) { EXPECT_LE(max_ulp("expm1", [](double x) { return detmath::expm1(x); }), 2); }

TEST(Detmath, SpecialValues) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(detmath::log(0.0), -inf);
  EXPECT_TRUE(std::isnan(detmath::log(-1.0)));
  EXPECT_EQ(detmath::log(inf), inf);
  EXPECT_EQ(detmath::log(1.0), 0.0);
  EXPECT_EQ(detmath::exp(0.0), 1.0);
  EXPECT_EQ(detmath::exp(1000.0), inf);
  EXPECT_EQ(detmath::exp(-1000.0), 0.0);
  EXPECT_EQ(detmath::erfc(0.0), 1.0);
  EXPECT_EQ(detmath::erfc(40.0), 0.0);
  EXPECT_EQ(detmath::erfc(-40.0), 2.0);
  EXPECT_TRUE(std::isnan(detmath::lgamma(-1.0)));
  EXPECT_NEAR(detmath::lgamma(1.0), 0.0, 1e-14);
}

// Small x are shifted up to 10 and corrected by log(x(x+1)...), so the
// error is absolute (about 1e-14), not relative, near the roots x = 1, 2.
TEST(Detmath, LgammaAbsoluteErrorTiny) {
  for (const auto& c : ref()["lgamma"]) {
    const double x = c[0], want = c[1];
    EXPECT_TRUE(close(detmath::lgamma(x), want, 4e-15, 1e-14)) << "lgamma(" << x << ")";
  }
}

TEST(Detmath, LgammaHalfDifferenceHasNoCancellation) {
  // lgamma(m) - lgamma(m - 1/2) to near full relative precision even at large m,
  // where the plain difference of two large numbers would lose digits.
  for (const auto& c : ref()["lgamma_half_difference"]) {
    const double m = c[0], want = c[1];
    // Below m = 20 it is the plain difference of two lgamma values (absolute error ~1e-14).
    EXPECT_TRUE(close(detmath::lgamma_half_difference(m), want, 1e-14, m < 20 ? 3e-14 : 1e-15)) << m;
  }
}

TEST(Detmath, ErfcRelativeError) {
  for (const auto& c : ref()["erfc"]) {
    const double x = c[0], want = c[1];
    EXPECT_TRUE(close(detmath::erfc(x), want, 1e-14, 1e-300)) << "erfc(" << x << ")";
  }
}

TEST(Detmath, NormalTail) {
  for (const auto& c : ref()["normal_sf"]) {
    const double z = c[0], want = c[1];
    EXPECT_TRUE(close(detmath::normal_sf(z), want, 2e-14, 1e-300)) << "normal_sf(" << z << ")";
    EXPECT_TRUE(close(detmath::normal_cdf(-z), want, 2e-14, 1e-300)) << "normal_cdf(" << -z << ")";
  }
}

TEST(Detmath, StudentTTailAgainstScipy) {
  for (const auto& c : ref()["student_t_sf"]) {
    const double t = c[0], df = c[1], want = c[2];
    EXPECT_TRUE(close(detmath::student_t_sf(t, df), want, 1e-11, 1e-300)) << "t=" << t << " df=" << df;
  }
}

TEST(Detmath, IncompleteBeta) {
  for (const auto& c : ref()["incomplete_beta"]) {
    const double a = c[0], b = c[1], x = c[2], want = c[3];
    EXPECT_TRUE(close(detmath::regularized_incomplete_beta(a, b, x), want, 1e-11, 1e-300))
        << "I(" << a << "," << b << "," << x << ")";
  }
}

}  // namespace
}  // namespace gapscore
