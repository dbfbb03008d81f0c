// Deterministic math against 60-digit mpmath references
// (tests/reference/detmath_reference.py → tests/data/reference/detmath_reference.json),
// closed forms, special values, and a checksum of output bits that also pins
// the wasm build (tests/wasm_parity/detmath_parity.cpp prints the same checksum).
#include "base/detmath.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

#include "detmath_checksum.h"
#include "test_util.h"

namespace gapscore {
namespace {

using testing_util::ulp_distance;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const nlohmann::json& ref() {
  static const nlohmann::json j = testing_util::read_json(testing_util::data_path("reference/detmath_reference.json"));
  return j;
}

double relative_error(double got, double want) {
  if (got == want) return 0.0;
  if (std::isnan(got) || std::isnan(want)) return kInf;
  return std::fabs(got - want) / std::fabs(want);
}

void report(const std::string& what, const std::string& value) {
  ::testing::Test::RecordProperty(what, value);
  std::printf("  %-34s %s\n", what.c_str(), value.c_str());
}

// Every reference point within max_ulp; returns the largest distance seen.
template <typename F>
void expect_ulp(const char* name, std::int64_t max_ulp, F fn) {
  const auto& cases = ref()[name];
  ASSERT_GE(cases.size(), 3000u) << name;
  std::int64_t worst = 0;
  double worst_x = 0;
  for (const auto& c : cases) {
    const double x = c[0], want = c[1];
    const double got = fn(x);
    const std::int64_t u = ulp_distance(got, want);
    EXPECT_LE(u, max_ulp) << name << "(" << x << ") = " << got << ", want " << want;
    if (u > worst) worst = u, worst_x = x;
  }
  report(std::string(name) + " max ulp", std::to_string(worst) + " (x = " + std::to_string(worst_x) + ", " +
                                             std::to_string(cases.size()) + " points)");
}

// Relative error within max_rel wherever |reference| > 1e-300 (below that the
// result is subnormal or about to be, and only an absolute bound makes sense).
template <typename F>
void expect_relative(const char* name, double max_rel, F fn) {
  const auto& cases = ref()[name];
  double worst = 0;
  std::size_t checked = 0;
  for (const auto& c : cases) {
    const double want = c.back();
    const double got = fn(c);
    if (std::fabs(want) > 1e-300) {
      const double r = relative_error(got, want);
      EXPECT_LE(r, max_rel) << name << " " << c.dump() << ": got " << got;
      worst = std::max(worst, r);
      ++checked;
    } else {
      EXPECT_LE(std::fabs(got - want), 1e-300) << name << " " << c.dump() << ": got " << got;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g (%zu points)", worst, checked);
  report(std::string(name) + " max relative error", buf);
}

TEST(DetmathReference, LogWithinTwoUlp) { expect_ulp("log", 2, [](double x) { return detmath::log(x); }); }
TEST(DetmathReference, Log1pWithinTwoUlp) { expect_ulp("log1p", 2, [](double x) { return detmath::log1p(x); }); }
TEST(DetmathReference, ExpWithinTwoUlp) { expect_ulp("exp", 2, [](double x) { return detmath::exp(x); }); }
TEST(DetmathReference, Expm1WithinTwoUlp) { expect_ulp("expm1", 2, [](double x) { return detmath::expm1(x); }); }

TEST(DetmathReference, LgammaRelativeErrorIncludingRoots) {
  // Points on (0, 1e7], a quarter of them within 1e-15..0.3 of the roots 1 and 2.
  expect_relative("lgamma", 1e-14, [](const nlohmann::json& c) { return detmath::lgamma(c[0].get<double>()); });
}

TEST(DetmathReference, LgammaHalfDifference) {
  // Below m = 10.5 a plain difference of two lgamma values (absolute error ~1e-15);
  // above, Stirling's series for the difference itself (relative error ~1e-16).
  for (const auto& c : ref()["lgamma_half_difference"]) {
    const double m = c[0], want = c[1];
    EXPECT_TRUE(testing_util::close(detmath::lgamma_half_difference(m), want, 1e-14, m < 10.5 ? 4e-15 : 0.0)) << m;
  }
}

TEST(DetmathReference, ErfcRelativeError) {
  expect_relative("erfc", 1e-14, [](const nlohmann::json& c) { return detmath::erfc(c[0].get<double>()); });
}

TEST(DetmathReference, NormalTailRelativeError) {
  expect_relative("normal_sf", 1e-14, [](const nlohmann::json& c) { return detmath::normal_sf(c[0].get<double>()); });
  for (const auto& c : ref()["normal_sf"]) {
    const double z = c[0];
    EXPECT_EQ(detmath::normal_cdf(-z), detmath::normal_sf(z)) << z;  // defined as the mirror image
  }
}

TEST(DetmathReference, IncompleteBetaRelativeError) {
  expect_relative("incomplete_beta", 1e-12, [](const nlohmann::json& c) {
    return detmath::regularized_incomplete_beta(c[0].get<double>(), c[1].get<double>(), c[2].get<double>());
  });
}

TEST(DetmathReference, StudentTTailRelativeError) {
  // df from 1 to 1e6 (the p-value of Spearman's rho with a million people).
  expect_relative("student_t_sf", 1e-12, [](const nlohmann::json& c) {
    return detmath::student_t_sf(c[0].get<double>(), c[1].get<double>());
  });
}

// ----------------------------------------------------------- closed forms

TEST(Detmath, IncompleteBetaClosedForms) {
  for (double x = 0.01; x < 1.0; x += 0.0371) {
    EXPECT_NEAR(detmath::regularized_incomplete_beta(1.0, 1.0, x), x, 1e-15 * x) << x;
    double x5 = x * x * x * x * x, y7 = 1.0;
    for (int i = 0; i < 7; ++i) y7 *= 1.0 - x;
    EXPECT_TRUE(testing_util::close(detmath::regularized_incomplete_beta(5.0, 1.0, x), x5, 1e-13)) << x;  // x^a
    EXPECT_TRUE(testing_util::close(detmath::regularized_incomplete_beta(1.0, 7.0, x), 1.0 - y7, 1e-13)) << x;
    // I_x(a, b) = 1 − I_{1−x}(b, a)
    const double y = 1.0 - x;
    EXPECT_NEAR(detmath::regularized_incomplete_beta(2.5, 40.0, x) + detmath::regularized_incomplete_beta(40.0, 2.5, y),
                1.0, 1e-14)
        << x;
  }
}

TEST(Detmath, StudentTClosedForms) {
  // df = 1 (Cauchy): P(T > t) = atan(1/t)/π; df = 2: 1/(√(2+t²)·(√(2+t²) + t)).
  // (std::atan here only builds the reference; nothing under test calls libm.)
  for (double t = 1e-6; t < 1e7; t *= 1.7) {
    EXPECT_TRUE(testing_util::close(detmath::student_t_sf(t, 1.0), std::atan(1.0 / t) / 3.14159265358979323846, 1e-13))
        << t;
    const double s = std::sqrt(2.0 + t * t);
    EXPECT_TRUE(testing_util::close(detmath::student_t_sf(t, 2.0), 1.0 / (s * (s + t)), 1e-13)) << t;
    EXPECT_NEAR(detmath::student_t_sf(-t, 7.0), 1.0 - detmath::student_t_sf(t, 7.0), 1e-16);
  }
  EXPECT_EQ(detmath::student_t_sf(0.0, 5.0), 0.5);
  EXPECT_EQ(detmath::student_t_sf(1.3, kInf), detmath::normal_sf(1.3));
}

TEST(Detmath, KnownValues) {
  EXPECT_EQ(detmath::lgamma(1.0), 0.0);  // exactly: the series at 2 has no constant term
  EXPECT_EQ(detmath::lgamma(2.0), 0.0);
  EXPECT_NEAR(detmath::lgamma(0.5), 0.57236494292470008707, 1e-16);  // ln √π
  EXPECT_NEAR(detmath::lgamma(5.0), std::log(24.0), 4e-16);
  EXPECT_LE(ulp_distance(detmath::normal_sf(1.959963984540054), 0.025000000000000012), 1);  // mpmath, 40 digits
  EXPECT_EQ(detmath::erfc(0.0), 1.0);
  EXPECT_EQ(detmath::normal_sf(0.0), 0.5);
  EXPECT_EQ(detmath::exp(0.0), 1.0);
  EXPECT_LE(ulp_distance(detmath::exp(1.0), 2.718281828459045), 1);
  EXPECT_EQ(detmath::log(1.0), 0.0);
  EXPECT_LE(ulp_distance(detmath::log(2.0), 0.6931471805599453), 1);
  for (double x = -5.0; x <= 5.0; x += 0.125) EXPECT_NEAR(detmath::erfc(x) + detmath::erfc(-x), 2.0, 4e-16) << x;
}

TEST(Detmath, SpecialValues) {
  EXPECT_EQ(detmath::log(0.0), -kInf);
  EXPECT_EQ(detmath::log(-0.0), -kInf);
  EXPECT_TRUE(std::isnan(detmath::log(-1.0)));
  EXPECT_TRUE(std::isnan(detmath::log(-kInf)));
  EXPECT_TRUE(std::isnan(detmath::log(kNaN)));
  EXPECT_EQ(detmath::log(kInf), kInf);
  EXPECT_NEAR(detmath::log(4.9406564584124654e-324), -744.44007192138126, 1e-13);  // smallest subnormal

  EXPECT_EQ(detmath::log1p(-1.0), -kInf);
  EXPECT_TRUE(std::isnan(detmath::log1p(-1.5)));
  EXPECT_EQ(detmath::log1p(kInf), kInf);
  EXPECT_EQ(detmath::log1p(0.0), 0.0);
  EXPECT_TRUE(std::signbit(detmath::log1p(-0.0)));

  EXPECT_EQ(detmath::exp(kInf), kInf);
  EXPECT_EQ(detmath::exp(-kInf), 0.0);
  EXPECT_EQ(detmath::exp(710.0), kInf);
  EXPECT_EQ(detmath::exp(-746.0), 0.0);
  EXPECT_EQ(detmath::exp(-745.0), 4.9406564584124654e-324);
  EXPECT_TRUE(std::isnan(detmath::exp(kNaN)));
  EXPECT_EQ(detmath::expm1(-kInf), -1.0);
  EXPECT_EQ(detmath::expm1(kInf), kInf);
  EXPECT_TRUE(std::signbit(detmath::expm1(-0.0)));

  EXPECT_TRUE(std::isnan(detmath::lgamma(0.0)));
  EXPECT_TRUE(std::isnan(detmath::lgamma(-1.0)));
  EXPECT_TRUE(std::isnan(detmath::lgamma(kNaN)));
  EXPECT_EQ(detmath::lgamma(kInf), kInf);
  EXPECT_NEAR(detmath::lgamma(1e-300), 690.77552789821368, 1e-12);  // −ln x
  EXPECT_TRUE(std::isnan(detmath::lgamma_half_difference(0.5)));

  EXPECT_EQ(detmath::erfc(kInf), 0.0);
  EXPECT_EQ(detmath::erfc(-kInf), 2.0);
  EXPECT_EQ(detmath::erfc(40.0), 0.0);
  EXPECT_EQ(detmath::erfc(-40.0), 2.0);
  EXPECT_TRUE(std::isnan(detmath::erfc(kNaN)));
  EXPECT_EQ(detmath::normal_sf(kInf), 0.0);
  EXPECT_EQ(detmath::normal_sf(-kInf), 1.0);
  EXPECT_EQ(detmath::normal_cdf(-kInf), 0.0);
  EXPECT_TRUE(std::isnan(detmath::normal_cdf(kNaN)));

  EXPECT_EQ(detmath::regularized_incomplete_beta(2.0, 3.0, 0.0), 0.0);
  EXPECT_EQ(detmath::regularized_incomplete_beta(2.0, 3.0, 1.0), 1.0);
  EXPECT_TRUE(std::isnan(detmath::regularized_incomplete_beta(0.0, 3.0, 0.5)));
  EXPECT_TRUE(std::isnan(detmath::regularized_incomplete_beta(2.0, -1.0, 0.5)));
  EXPECT_TRUE(std::isnan(detmath::regularized_incomplete_beta(2.0, 3.0, 1.5)));
  EXPECT_TRUE(std::isnan(detmath::regularized_incomplete_beta(kNaN, 3.0, 0.5)));

  EXPECT_EQ(detmath::student_t_sf(kInf, 3.0), 0.0);
  EXPECT_EQ(detmath::student_t_sf(-kInf, 3.0), 1.0);
  EXPECT_EQ(detmath::student_t_sf(1e-200, 3.0), 0.5);
  EXPECT_GT(detmath::student_t_sf(1e200, 1.0), 0.0);  // 1/(π·1e200): t² would overflow
  EXPECT_TRUE(testing_util::close(detmath::student_t_sf(1e200, 1.0), 1.0 / (3.14159265358979323846 * 1e200), 1e-13));
  EXPECT_TRUE(std::isnan(detmath::student_t_sf(1.0, 0.0)));
  EXPECT_TRUE(std::isnan(detmath::student_t_sf(kNaN, 3.0)));
}

// FNV-1a over the bit patterns of every function on a fixed grid. The constant
// was checked against the wasm build (em++ 3.1.6, node): tests/wasm_parity/
// detmath_parity.cpp prints the same checksum. A mismatch here means this build
// computes different bits (e.g. FMA contraction or fast-math optimisation crept in) or an
// algorithm changed; in the latter case re-run the parity check and update it.
TEST(Detmath, OutputBitsAreFrozen) {
  const std::uint64_t h = testing_util::detmath_checksum();
  char hex[32];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  report("detmath checksum", hex);
  EXPECT_STREQ(hex, "338d8a2e3bb49612");
}

}  // namespace
}  // namespace gapscore
