// Native-vs-wasm bit parity of gapscore::detmath and gapscore::stats.
//
// Prints one line per evaluation, inputs and outputs as IEEE-754 bit patterns
// in hex, so `diff` of a native run and a wasm run shows any difference in any
// bit. Build and compare (from the repository root):
//
//   (built as target detmath_parity in build/native and build/wasm; tests/js/detmath-parity.test.mjs
//   runs both and compares every line). By hand:
//   SRC="tests/wasm_parity/detmath_parity.cpp core/src/base/detmath.cpp core/src/stats/*.cpp core/src/base/status.cpp"
//   g++ -std=c++20 -O2 -ffp-contract=off -Icore/include -Icore/src -Itests $SRC -o /tmp/parity-native
//   NODE_PATH=/usr/share/nodejs em++ -std=c++20 -O2 -ffp-contract=off -Icore/include -Icore/src -Itests $SRC
//       -sSINGLE_FILE=1 -o /tmp/parity-wasm.cjs
//   /tmp/parity-native > /tmp/parity-native.txt && node /tmp/parity-wasm.cjs > /tmp/parity-wasm.txt
//   diff /tmp/parity-native.txt /tmp/parity-wasm.txt && echo bit-identical
//
// (also with clang++, -O0/-O3, and em++ -Oz: all must print the same lines). NaNs are
// printed as "nan": their sign bit is not specified (x86 makes 0/0 negative, wasm
// positive) and no result depends on it. The last line is the checksum that
// tests/detmath_test.cpp (OutputBitsAreFrozen) expects.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <span>
#include <vector>

#include "base/detmath.h"
#include "base/prng.h"
#include "stats/stats.h"
#include "../detmath_checksum.h"

namespace {

using namespace gapscore;

std::uint64_t bits(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

void hex(double v) {
  if (std::isnan(v)) std::printf(" nan");
  else std::printf(" %016" PRIx64, bits(v));
}

void line1(const char* f, double x, double y) {
  std::printf("%s", f);
  hex(x);
  hex(y);
  std::printf("\n");
}

void line2(const char* f, double a, double b, double y) {
  std::printf("%s", f);
  hex(a);
  hex(b);
  hex(y);
  std::printf("\n");
}

void values(const char* what, std::span<const double> v) {
  std::printf("%s", what);
  for (double d : v) hex(d);
  std::printf("\n");
}

void opt(const char* what, std::optional<double> v) {
  std::printf("%s", what);
  if (v) hex(*v);
  else std::printf(" none");
  std::printf("\n");
}

void detmath_grid() {
  const double inf = std::numeric_limits<double>::infinity();
  const double specials[] = {0.0, -0.0, inf, -inf, 5e-324, 1e-310, 2.2250738585072014e-308, 1.0, -1.0, 0.5, 2.0,
                             709.78, 709.79, -745.1, -746.0, 27.0, 38.0, 1e300, -1e300, 1e-300};
  for (double s : specials) {
    line1("log", s, detmath::log(s));
    line1("log1p", s, detmath::log1p(s));
    line1("exp", s, detmath::exp(s));
    line1("expm1", s, detmath::expm1(s));
    line1("lgamma", s, detmath::lgamma(s));
    line1("erfc", s, detmath::erfc(s));
    line1("normal_sf", s, detmath::normal_sf(s));
    line1("normal_cdf", s, detmath::normal_cdf(s));
  }
  Prng rng(2024);
  for (int i = 0; i < 3000; ++i) {
    const double u = rng.uniform01();
    const double wide = std::ldexp(1.0 + u, static_cast<int>(rng.below(2000)) - 1000);  // 2^-1000 .. 2^1000
    line1("log", wide, detmath::log(wide));
    line1("log1p", wide * 1e-3, detmath::log1p(wide * 1e-3));
    const double x = rng.uniform(-745.0, 709.0);
    line1("exp", x, detmath::exp(x));
    const double small = rng.uniform(-3.0, 3.0);
    line1("expm1", small, detmath::expm1(small));
    line1("log1p", small / 3.1, detmath::log1p(small / 3.1));
    const double g = std::ldexp(1.0 + u, static_cast<int>(rng.below(60)) - 30);  // ~1e-9 .. 1e9
    line1("lgamma", g, detmath::lgamma(g));
    line1("lgamma_half_difference", g + 0.5, detmath::lgamma_half_difference(g + 0.5));
    const double e = rng.uniform(-6.0, 27.0);
    line1("erfc", e, detmath::erfc(e));
    const double z = rng.uniform(-10.0, 38.0);
    line1("normal_sf", z, detmath::normal_sf(z));
    line1("normal_cdf", z, detmath::normal_cdf(z));
    const double t = rng.uniform(-12.0, 40.0);
    const double df = static_cast<double>(1 + rng.below(3000));
    line2("student_t_sf", t, df, detmath::student_t_sf(t, df));
    // One draw per statement: the order in which function arguments are evaluated
    // differs between g++ and clang.
    const double ma = 1.0 + rng.uniform01();
    const double a = std::ldexp(ma, static_cast<int>(rng.below(14)) - 4);
    const double mb = 1.0 + rng.uniform01();
    const double b = std::ldexp(mb, static_cast<int>(rng.below(14)) - 4);
    const double bx = rng.uniform01();
    const double iv[] = {a, b, bx, detmath::regularized_incomplete_beta(a, b, bx)};
    values("ibeta", iv);
  }
}

std::vector<double> sample(Prng& rng, std::size_t n, int kind) {
  std::vector<double> v(n);
  for (double& d : v) {
    switch (kind) {
      case 0: d = rng.uniform01(); break;
      case 1: d = static_cast<double>(rng.below(6)) * 0.25; break;  // many ties, zeros
      default: d = detmath::exp(rng.uniform(-2.0, 3.0)); break;     // skewed
    }
  }
  return v;
}

void stats_cases() {
  Prng rng(77);
  for (int round = 0; round < 30; ++round) {
    const auto n1 = static_cast<std::size_t>(2 + rng.below(400)), n2 = static_cast<std::size_t>(2 + rng.below(300));
    const int kind = round % 3;
    const auto a = sample(rng, n1, kind), b = sample(rng, n2, (kind + 1) % 3);
    opt("gini", stats::gini(a));
    opt("theil_t", stats::theil_t(a));
    opt("cv", stats::coefficient_of_variation(b));
    std::vector<double> sorted = a;
    std::sort(sorted.begin(), sorted.end());
    for (double q : {0.025, 0.1, 0.5, 0.9, 0.975}) line1("quantile", q, stats::quantile_linear(sorted, q));
    std::vector<double> ranks(a.size());
    stats::average_ranks(a, ranks);
    values("ranks", ranks);
    if (const auto h = stats::hedges_g(a, b)) {
      const double hv[] = {h->g, h->cohens_d, h->correction_j, static_cast<double>(h->df)};
      values("hedges", hv);
    }
    if (const auto m = stats::mann_whitney_u(a, b)) {
      const double mv[] = {m->u, m->p_value};
      values("mwu", mv);
    }
    if (const auto ci = stats::bootstrap_mean_difference_ci(a, b, 500, 1000 + round, 0.95)) {
      const double cv[] = {ci->low, ci->high};
      values("bootstrap", cv);
    }
    const std::size_t n = std::min(n1, n2);
    if (const auto s = stats::spearman(std::span(a).first(n), std::span(b).first(n))) {
      const double sv[] = {s->rho, s->p_value};
      values("spearman", sv);
    }
    // OLS: intercept, a dummy, two continuous columns.
    std::vector<double> x, y;
    for (std::size_t i = 0; i < n1; ++i) {
      const double d = (i % 3 == 0) ? 1.0 : 0.0, c = a[i], w = rng.uniform(0.0, 5.0);
      x.insert(x.end(), {1.0, d, c, w});
      y.push_back(1.0 + 0.5 * d + 2.0 * c - 0.1 * w + rng.uniform(-1.0, 1.0) * (1.0 + c));
    }
    const auto r = stats::ols_hc3(y, x, 4);
    if (r.ok() && r->full_rank) {
      values("ols_coef", r->coef);
      values("ols_se", r->se_hc3);
      values("ols_p", r->p_value);
      line1("ols_r2", static_cast<double>(r->rank), r->r_squared);
    }
  }
}

// The checksum tests/detmath_test.cpp (OutputBitsAreFrozen) freezes.
void checksum() {
  const std::uint64_t h = testing_util::detmath_checksum();
  std::printf("detmath checksum %016" PRIx64 "\n", h);
}

}  // namespace

int main() {
  detmath_grid();
  stats_cases();
  checksum();
  return 0;
}
