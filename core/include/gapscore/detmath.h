// Deterministic replacements for the libm functions a report depends on.
// glibc and emscripten's musl disagree in the last bits of log/exp/erfc/
// lgamma, which would make native and wasm reports differ. These use only
// + - * / sqrt, frexp and ldexp (all exact or correctly rounded in IEEE 754),
// in a fixed order, so every build gives the same bits.
#pragma once

namespace gapscore::detmath {

double log(double x);     // natural log; log(0) = -inf, log(x<0) = NaN
double log1p(double x);   // log(1 + x), accurate for small x
double exp(double x);
double expm1(double x);   // exp(x) - 1, accurate for small x
double lgamma(double x);  // log|Γ(x)| for x > 0 (NaN otherwise)
// lgamma(m) - lgamma(m - 1/2) for m > 1/2, without the cancellation of the
// plain difference at large m (used by Hedges' J and the t distribution).
double lgamma_half_difference(double m);
double erfc(double x);
double normal_cdf(double z);  // P(Z <= z)
double normal_sf(double z);   // P(Z > z), accurate in the upper tail
// Regularized incomplete beta I_x(a, b), continued fraction (Lentz).
double regularized_incomplete_beta(double a, double b, double x);
double student_t_sf(double t, double df);  // P(T > t) with df degrees of freedom

}  // namespace gapscore::detmath
