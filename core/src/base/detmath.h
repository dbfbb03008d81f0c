// Deterministic replacements for the libm functions a report depends on.
//
// glibc and emscripten's musl disagree in the last bits of log/exp/erfc/
// lgamma (and -O2 vs -Oz wasm builds can differ too), which would make native
// and wasm reports differ. Everything here uses only + - * /, sqrt (correctly
// rounded in IEEE 754), fabs, frexp/ldexp/trunc/nearbyint (exact) and
// comparisons, in a fixed order, so every build that honours
// -ffp-contract=off and has fast-math optimisation switched off gives the same bits.
//
// Accuracy, measured against 60-digit mpmath values on 1200-4200 points per
// function (tests/reference/detmath_reference.py, tests/detmath_test.cpp, which
// prints the figures and asserts the bounds in brackets):
//   log, log1p, exp, expm1   max 1 ulp from the correctly rounded value  [2 ulp]
//   lgamma                   max rel. error 4.5e-16 on (0, 1e7], roots 1 and 2 included  [1e-14]
//   erfc, normal_sf/cdf      max rel. error 4.4e-16 where the value is > 1e-300  [1e-14]
//   regularized_incomplete_beta  max rel. error 1.5e-13 for a, b in [0.05, 1000]
//                            (2e-14 seen up to a, b = 3e4; 1e-11 at a = b = 1e8)  [1e-12]
//   student_t_sf             max rel. error 2.6e-13 for df in [1, 1e6] (1e-13 up to 1e9)  [1e-12]
// The remaining error of the last two is in far tails (values ~1e-200), where it is
// the relative rounding of an exponent of size a few hundred.
// Special values follow IEEE/C conventions (NaN in, NaN out) unless stated.
#pragma once

namespace gapscore::detmath {

double log(double x);     // natural log; log(±0) = -inf, log(x<0) = NaN, log(inf) = inf; subnormals exact-scaled
double log1p(double x);   // log(1 + x), accurate for small x; log1p(-1) = -inf, x < -1 → NaN
double exp(double x);     // overflow → inf, underflow → subnormal or 0
double expm1(double x);   // exp(x) - 1, accurate for small x

// log Γ(x) for x > 0 (NaN for x <= 0 or NaN; +inf for +inf). Relative error
// stays small at the roots x = 1 and x = 2, where the value goes through 0.
double lgamma(double x);
// lgamma(m) - lgamma(m - 1/2) for m > 1/2 without the cancellation of the
// plain difference at large m (Hedges' J and the t distribution need it).
double lgamma_half_difference(double m);

double erfc(double x);        // 1 - erf(x) on the whole real line
double normal_cdf(double z);  // P(Z <= z), accurate in the lower tail
double normal_sf(double z);   // P(Z > z), accurate in the upper tail

// Regularized incomplete beta I_x(a, b) for a, b > 0, 0 <= x <= 1 (NaN
// otherwise): Numerical Recipes' continued fraction, evaluated with Lentz's
// method on the side of the mean where it converges fast.
double regularized_incomplete_beta(double a, double b, double x);
// Upper tail P(T > t) of Student's t with df > 0 degrees of freedom (NaN for
// df <= 0 or NaN; df = +inf gives the normal tail).
double student_t_sf(double t, double df);

}  // namespace gapscore::detmath
