// Deterministic elementary and special functions (see gapscore/detmath.h).
//
// Rules that keep every build bit-identical: only + - * /, sqrt, fabs,
// frexp/ldexp/trunc/nearbyint (all exact or correctly rounded), constants
// written out in full, loops with a fixed number of steps or a stopping test
// on values that are themselves computed identically everywhere. Nothing here
// calls libm's log/exp/pow/erfc/lgamma.
#include "base/detmath.h"

#include <array>
#include <cmath>
#include <limits>

namespace gapscore::detmath {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 32 significant bits, so k·kLn2Hi is exact for |k| < 2^21.
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kInvLn2 = 1.4426950408889634;
constexpr double kHalfLog2PiMinusHalf = 0.4189385332046727;  // ln(2π)/2 − 1/2
constexpr double kInvSqrtPi = 0.5641895835477563;            // 1/√π
constexpr double kInvSqrt2Pi = 0.3989422804014327;           // 1/√(2π)
constexpr double kTwoOverSqrtPi = 1.1283791670955126;        // 2/√π
constexpr double kOneMinusEulerGamma = 0.42278433509846713;  // 1 − γ

// ---------------------------------------------------------------- log / exp

// log(m) for m in [√½, √2): with f = m − 1 and s = f/(2 + f),
// log(m) = 2·atanh(s) = f − (f²/2 − s·(f²/2 + R)), R = 2s²(1/3 + s²/5 + ...),
// which keeps the leading term f exact. |s| < 0.1716, so 12 terms of R reach 1e-20.
double log_reduced(double m) {
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double s2 = s * s;
  double p = 1.0 / 25.0;
  for (int k = 11; k >= 1; --k) p = 1.0 / (2.0 * k + 1.0) + s2 * p;
  const double hfsq = 0.5 * f * f;
  return f - (hfsq - s * (hfsq + 2.0 * s2 * p));
}

// e^(x + tail) = p·2^k with p in [0.7, 1.42]: x = k·ln2 + r, |r| <= ln2/2 (+ |tail|),
// then the Taylor series of e^r to r^15/15! (truncation below 1e-18). `tail` is a
// small correction to x (the low part of a double-double argument), added after the
// reduction so that it is not lost in the rounding of x + tail.
double exp_reduced(double x, double tail, int& k) {
  const double kd = std::nearbyint(x * kInvLn2);
  const double r = ((x - kd * kLn2Hi) - kd * kLn2Lo) + tail;
  double p = 1.0;
  for (int n = 15; n >= 1; --n) p = 1.0 + r * p / n;
  k = static_cast<int>(kd);
  return p;
}

// Arguments beyond these give inf / 0 (e^x is above DBL_MAX, or below half the
// smallest subnormal).
constexpr double kExpOverflow = 709.782712893384;
constexpr double kExpUnderflow = -745.1332191019412;

// e^(−c·x²) as p·2^k (c = 1 or ½), with x² carried exactly: hi keeps the top 26
// bits of x, so hi² is exact and x² = hi² + lo·(2hi + lo). Needs c·x² <= 746.
double exp_minus_square(double x, double scale_of_square, int& k) {
  int e = 0;
  const double m = std::frexp(x, &e);
  const double hi = std::ldexp(std::trunc(std::ldexp(m, 26)), e - 26);
  const double lo = x - hi;
  return exp_reduced(-scale_of_square * (hi * hi), -scale_of_square * (lo * (2.0 * hi + lo)), k);
}

// ------------------------------------------------------------- double-double

// a·b = p + e exactly (Dekker; needs no FMA, so it is the same everywhere).
void two_product(double a, double b, double& p, double& e) {
  constexpr double kSplit = 134217729.0;  // 2^27 + 1
  p = a * b;
  const double ca = kSplit * a, cb = kSplit * b;
  const double ahi = ca - (ca - a), alo = a - ahi;
  const double bhi = cb - (cb - b), blo = b - bhi;
  e = ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo;
}

// a + b = s + e exactly (Knuth).
void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  const double bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}

}  // namespace

double log(double x) {
  if (std::isnan(x) || x < 0.0) return kNaN;
  if (x == 0.0) return -kInf;
  if (std::isinf(x)) return kInf;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m·2^e, m in [0.5, 1); exact for subnormals too
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  const double k = e;
  return k * kLn2Hi + (log_reduced(m) + k * kLn2Lo);
}

double log1p(double x) {
  if (std::isnan(x) || x < -1.0) return kNaN;
  if (x == -1.0) return -kInf;
  if (std::isinf(x)) return kInf;
  if (std::fabs(x) < 1e-4) {
    // x − x²/2 + x³/3 − x⁴/4 + x⁵/5: truncation below 1e-21 relative.
    return x * (1.0 - x * (0.5 - x * (1.0 / 3.0 - x * (0.25 - x * 0.2))));
  }
  const double u = 1.0 + x;
  // log(1 + x) = log(u) + log(1 + (1 + x − u)/u): corrects the rounding of 1 + x.
  return log(u) - ((u - 1.0) - x) / u;
}

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > kExpOverflow) return kInf;
  if (x < kExpUnderflow) return 0.0;
  int k = 0;
  const double p = exp_reduced(x, 0.0, k);
  return std::ldexp(p, k);  // exact, or the one rounding into the subnormal range
}

double expm1(double x) {
  if (std::isnan(x)) return x;
  if (std::fabs(x) < 0.5) {
    // Σ x^n/n! for n = 1..20 by Horner; no cancellation for small x.
    double p = 1.0;
    for (int n = 20; n >= 2; --n) p = 1.0 + x * p / n;
    return x * p;
  }
  return exp(x) - 1.0;  // |x| >= 1/2: e^x − 1 loses at most a bit
}

// ------------------------------------------------------------------ lgamma

namespace {

// lgamma(2 + t) for |t| <= 1/2 by its Taylor series at 2,
//   lgamma(2 + t) = (1 − γ)·t + Σ_{k>=2} (−1)^k (ζ(k) − 1)/k · t^k,
// whose terms fall like (t/2)^k; k <= 29 reaches 2^-56 relative at |t| = 1/2.
// It has no cancellation near t = 0, so lgamma keeps its relative accuracy at
// the root x = 2 (and, through lgamma(1 + t) = lgamma(2 + t) − log1p(t), at x = 1).
// Coefficients: (−1)^k (ζ(k) − 1)/k from mpmath at 50 digits, rounded to double.
double lgamma_near_two(double t) {
  static constexpr double c[] = {
      0.3224670334241132,      -0.0673523010531981,    0.020580808427784546,    -0.007385551028673986,
      0.0028905103307415234,   -0.001192753911703261,  0.0005096695247430425,   -0.00022315475845357939,
      9.945751278180853e-05,   -4.492623673813314e-05, 2.050721277567069e-05,   -9.439488275268397e-06,
      4.374866789907488e-06,   -2.039215753801366e-06, 9.55141213040742e-07,    -4.492469198764566e-07,
      2.1207184805554665e-07,  -1.0043224823968099e-07, 4.7698101693639804e-08, -2.2711094608943164e-08,
      1.0838659214896955e-08,  -5.183475041970047e-09, 2.4836745438024785e-09,  -1.1921401405860912e-09,
      5.731367241678862e-10,   -2.7595228851242334e-10, 1.330476437424449e-10,  -6.4229645638381e-11,
  };  // k = 2 .. 29
  constexpr int kTerms = static_cast<int>(sizeof(c) / sizeof(c[0]));
  double p = c[kTerms - 1];
  for (int i = kTerms - 2; i >= 0; --i) p = c[i] + t * p;
  return t * (kOneMinusEulerGamma + t * p);
}

// Stirling series tail S(z) = Σ B_2k / (2k(2k−1) z^(2k−1)), k = 1..8, for z >= 10:
// the first omitted term is below 2e-18.
double stirling_tail(double z) {
  const double z2 = 1.0 / (z * z);
  constexpr double c[] = {1.0 / 12.0,   -1.0 / 360.0,       1.0 / 1260.0, -1.0 / 1680.0,
                          1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0,  -3617.0 / 122400.0};
  double s = c[7];
  for (int i = 6; i >= 0; --i) s = c[i] + z2 * s;
  return s / z;
}

// u − log1p(u) for u > −1, without the cancellation of the plain difference.
// For −1/2 <= u <= 1: with w = u/(2 + u) (|w| <= 1/3), log1p(u) = 2·atanh(w), so
// u − log1p(u) = u·w − 2w³(1/3 + w²/5 + w⁴/7 + ...), both parts of one sign or the
// second at most a ninth of the first. 18 terms reach 9^-18.
double log1p_remainder(double u) {
  if (u < -0.5 || u > 1.0) return u - log1p(u);
  const double w = u / (2.0 + u);
  const double w2 = w * w;
  double p = 1.0 / 37.0;
  for (int k = 17; k >= 1; --k) p = 1.0 / (2.0 * k + 1.0) + w2 * p;  // 1/3 + w²/5 + ...
  return u * w - 2.0 * w * w2 * p;
}

// lgamma(b) − lgamma(a + b) for b >= 10, a > 0, from Stirling's series for both:
//   = b·(u − log1p(u)) + ½·log1p(u) − a·log(a + b) + S(b) − S(a + b),  u = a/b,
// which has none of the cancellation of two large lgamma values.
double log_gamma_ratio(double b, double a) {
  const double u = a / b;
  const double s = a + b;
  return ((b * log1p_remainder(u) + 0.5 * log1p(u)) - a * log(s)) + (stirling_tail(b) - stirling_tail(s));
}

}  // namespace

double lgamma(double x) {
  if (std::isnan(x) || x <= 0.0) return kNaN;
  if (std::isinf(x)) return kInf;
  if (x < 0.5) return (lgamma_near_two(x) - log1p(x)) - log(x);  // Γ(x) = Γ(2 + x)/(x(1 + x))
  if (x < 1.5) {
    const double t = x - 1.0;  // exact
    return lgamma_near_two(t) - log1p(t);  // Γ(1 + t) = Γ(2 + t)/(1 + t)
  }
  if (x < 2.5) return lgamma_near_two(x - 2.0);
  if (x < 12.0) {
    // Γ(x) = (x−1)(x−2)···(y)·Γ(y) with y in [1.5, 2.5): every factor >= 1.5, no
    // cancellation. y − 1 is exact because 1 is a multiple of y's last place.
    double y = x, prod = 1.0;
    while (y >= 2.5) {
      y -= 1.0;
      prod *= y;
    }
    return log(prod) + lgamma_near_two(y - 2.0);
  }
  // Stirling: (x − ½)(ln x − 1) + ln(2π)/2 − ½ + S(x).
  return (x - 0.5) * (log(x) - 1.0) + (kHalfLog2PiMinusHalf + stirling_tail(x));
}

double lgamma_half_difference(double m) {
  if (!(m > 0.5)) return kNaN;
  if (std::isinf(m)) return kInf;
  if (m < 10.5) return lgamma(m) - lgamma(m - 0.5);  // both below 14: absolute error ~1e-15
  return -log_gamma_ratio(m - 0.5, 0.5);
}

// -------------------------------------------------------- erfc and normal tail

namespace {

// Σ_{n>=0} (−1)^n yⁿ/(n!(2n+1)) for 0 <= y <= 0.6: erf(x) = (2/√π)·x·E(x²) and
// Φ(z) − ½ = z/√(2π)·E(z²/2). Terms fall like yⁿ/n!; 21 terms reach 1e-19.
// The coefficients are folded at compile time (correctly rounded divisions).
double erf_series(double y) {
  static constexpr std::array<double, 21> c = [] {
    std::array<double, 21> out{};
    double factorial = 1.0;  // n!·(2n+1) is exact for n <= 20: 20! = 2^18·(odd part < 2^44)
    for (int n = 0; n < 21; ++n) {
      if (n > 0) factorial *= n;
      out[static_cast<std::size_t>(n)] = (n % 2 == 0 ? 1.0 : -1.0) / (factorial * (2.0 * n + 1.0));
    }
    return out;
  }();
  double p = c[20];
  for (int n = 19; n >= 0; --n) p = c[static_cast<std::size_t>(n)] + y * p;
  return p;
}

// A continued fraction 1/(x + a·1/(x + a·2/(x + a·3/(x + ...)))) evaluated from
// the bottom up at a fixed depth, which is numerically stable (all terms positive)
// and needs no stopping test. Laplace's fraction for erfc has a = 1/2,
// erfc(x) = e^(−x²)/√π · F; the Mills ratio of the normal has a = 1,
// P(Z > z) = φ(z) · F. The depth is chosen from x so that the truncation error is
// below 1e-18 relative: it falls like exp(−c·x·√(n/a)), and against a 10× deeper
// evaluation in long double, n = 300·a/x² leaves 4e-18 and 400·a/x² 2e-19 over
// x in [0.75, 40]. The bottom is started at the fraction's own fixed point
// t = x + a(n+1)/t, which speeds convergence up.
double stieltjes_fraction(double x, double a) {
  const double depth = std::nearbyint(360.0 * a / (x * x)) + 12.0;
  const int n_max = static_cast<int>(depth < 4000.0 ? depth : 4000.0);
  const double tail_a = a * (n_max + 1);
  double t = 0.5 * (x + std::sqrt(x * x + 4.0 * tail_a));
  for (int n = n_max; n >= 1; --n) t = x + (a * n) / t;
  return 1.0 / t;
}

// erfc(x) for x >= 0.75 (erfc(x) < 0.29).
double erfc_upper(double x) {
  if (x > 27.3) return 0.0;  // below half the smallest subnormal
  int k = 0;
  const double p = exp_minus_square(x, 1.0, k);
  return std::ldexp(p * (kInvSqrtPi * stieltjes_fraction(x, 0.5)), k);  // one final rounding
}

// P(Z > z) for z >= 1.
double normal_upper(double z) {
  if (z > 38.6) return 0.0;  // below half the smallest subnormal
  int k = 0;
  const double p = exp_minus_square(z, 0.5, k);
  return std::ldexp(p * (kInvSqrt2Pi * stieltjes_fraction(z, 1.0)), k);
}

}  // namespace

double erfc(double x) {
  if (std::isnan(x)) return x;
  // |x| < 3/4: 1 − erf(x) from the series; erf(3/4) = 0.71, so at most ~1.5 bits cancel.
  if (std::fabs(x) < 0.75) return 1.0 - kTwoOverSqrtPi * x * erf_series(x * x);
  if (x < 0.0) return 2.0 - erfc_upper(-x);  // erfc(−x) = 2 − erfc(x), no cancellation
  return erfc_upper(x);
}

// The normal tail works in z itself rather than erfc(z/√2): rounding z/√2 would
// cost a relative error of about z²·2^-53 far out in the tail.
double normal_sf(double z) {
  if (std::isnan(z)) return z;
  if (std::fabs(z) < 1.0) return 0.5 - kInvSqrt2Pi * z * erf_series(0.5 * (z * z));
  if (z < 0.0) return 1.0 - normal_upper(-z);
  return normal_upper(z);
}

double normal_cdf(double z) { return normal_sf(-z); }

// ---------------------------------------------------- incomplete beta, Student t

namespace {

// The continued fraction of I_x(a, b)·a·B(a, b)/(x^a y^b), y = 1 − x (Numerical
// Recipes 6.4; DLMF 8.17.22): 1/g with g = 1 + d₁/(1 + d₂/(1 + d₃/(1 + ...))),
//   d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),   d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
// It converges fast for x < (a+1)/(a+b+2). Evaluated as written, each 1 + d_{2m+1}
// nearly cancels when a is large and x close to 1 (the t distribution with many
// degrees of freedom: 1e-11 relative error at df = 1e6). So this evaluates the
// fraction's odd contraction
//   g = β₀ − α₁/(β₁ − α₂/(β₂ − ...)),  β₀ = 1 + d₁,  β_m = d_{2m} + (1 + d_{2m+1}),  α_m = d_{2m−1}·d_{2m},
// with 1 + d_{2m+1} = N_m / ((a+2m)(a+2m+1)) formed without cancellation: when y is
// the smaller (hence accurately known) of x and y,
//   N_m = a(2m+1−b) + m(3m+2−b) + (a+m)(a+b+m)·y,
// else N_m = (a+2m)(a+2m+1) − (a+m)(a+b+m)·x. Modified Lentz; stops when a step
// changes the value by at most ~1.5 ulp.
double beta_continued_fraction(double a, double b, double x, double y) {
  constexpr double tiny = 1e-300;
  constexpr double kTolerance = 3.0e-16;
  const double ab = a + b;
  const bool use_y = y < x;
  auto one_plus_odd = [&](double m) {  // 1 + d_{2m+1}
    const double den = (a + 2.0 * m) * (a + 2.0 * m + 1.0);
    const double num = use_y ? (a * (2.0 * m + 1.0 - b) + m * (3.0 * m + 2.0 - b)) + (a + m) * (ab + m) * y
                             : den - (a + m) * (ab + m) * x;
    return num / den;
  };
  auto odd = [&](double m) { return -(a + m) * (ab + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0)); };  // d_{2m+1}
  auto even = [&](double m) { return m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)); };        // d_{2m}
  double f = one_plus_odd(0.0);
  if (std::fabs(f) < tiny) f = tiny;
  double c = f, d = 0.0;
  for (int i = 1; i <= 20000; ++i) {
    const double m = i;
    const double d_even = even(m);
    const double alpha = odd(m - 1.0) * d_even;
    const double beta = d_even + one_plus_odd(m);
    d = beta - alpha * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = beta - alpha / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = c * d;
    f *= delta;
    if (std::fabs(delta - 1.0) <= kTolerance) break;
  }
  return 1.0 / f;
}

// x^a·y^b / B(a, b) with y = 1 − x, given accurate log x and log y.
double beta_front_factor(double a, double b, double x, double y, double log_x, double log_y) {
  const double lo = a < b ? a : b, hi = a < b ? b : a;
  if (lo >= 10.0) {
    // Both large: a·log x + b·log y − log B(a, b) is a difference of numbers of size
    // a + b. Stirling's series for the three Γ's and the mean x₀ = a/(a+b) turn it into
    //   −a·r(u) − b·r(v) + ½·log(ab/(2π(a+b))) − (S(a) + S(b) − S(a+b)),
    // r(u) = u − log1p(u), u = (x − x₀)/x₀, v = (y − y₀)/y₀, where the first-order terms
    // a·u + b·v cancel exactly and both remaining terms are small and of one sign.
    // (a+b)·x − a is formed from exact products, from whichever of x and y is smaller
    // (the caller's other one may be its rounded complement).
    double h_s = 0.0;  // (a+b)·x − a = b − (a+b)·y
    double p1, e1, p2, e2, s1, l1, s2, l2;
    if (x <= y) {
      two_product(x, a, p1, e1);
      two_product(x, b, p2, e2);
      two_sum(p1, -a, s1, l1);
      two_sum(s1, p2, s2, l2);
      h_s = s2 + ((l1 + l2) + (e1 + e2));
    } else {
      two_product(y, a, p1, e1);
      two_product(y, b, p2, e2);
      two_sum(p1, -b, s1, l1);
      two_sum(s1, p2, s2, l2);
      h_s = -(s2 + ((l1 + l2) + (e1 + e2)));
    }
    const double s = a + b;
    const double u = h_s / a, v = -h_s / b;
    // Far below the mean (u or v < −1/2) 1 + u = x·(a+b)/a is better taken from log x.
    const double ru = u < -0.5 ? u - (log_x + log1p(b / a)) : log1p_remainder(u);
    const double rv = v < -0.5 ? v - (log_y + log1p(a / b)) : log1p_remainder(v);
    const double exponent = -(a * ru + b * rv) -
                            ((stirling_tail(a) + stirling_tail(b)) - stirling_tail(s));
    return kInvSqrt2Pi * std::sqrt(b * (a / s)) * exp(exponent);
  }
  // log B(a, b): with one parameter large, lgamma(hi) − lgamma(lo + hi) by Stirling
  // (no cancellation); with both below 10 the three values are below 40, or about
  // −ln a for a tiny a, which the other two cannot cancel.
  const double log_beta = hi >= 10.0 ? lgamma(lo) + log_gamma_ratio(hi, lo) : (lgamma(a) + lgamma(b)) - lgamma(a + b);
  return exp((a * log_x + b * log_y) - log_beta);
}

// I_x(a, b) with y = 1 − x and both logs supplied by the caller, each computed the
// accurate way for its case.
double incomplete_beta(double a, double b, double x, double y, double log_x, double log_y) {
  const double front = beta_front_factor(a, b, x, y, log_x, log_y);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x, y) / a;
  return 1.0 - front * beta_continued_fraction(b, a, y, x) / b;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (std::isnan(a) || std::isnan(b) || std::isnan(x) || a <= 0.0 || b <= 0.0 || x < 0.0 || x > 1.0) return kNaN;
  if (std::isinf(a) || std::isinf(b)) return kNaN;
  if (x == 0.0) return 0.0;
  if (x == 1.0) return 1.0;
  const double y = 1.0 - x;  // exact for x >= 1/2
  const double log_y = x <= 0.5 ? log1p(-x) : log(y);
  return incomplete_beta(a, b, x, y, log(x), log_y);
}

double student_t_sf(double t, double df) {
  if (std::isnan(t) || std::isnan(df) || !(df > 0.0)) return kNaN;
  if (std::isinf(df)) return normal_sf(t);
  if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
  // P(T > |t|) = ½·I_x(df/2, ½) with x = df/(df+t²) and y = 1 − x = t²/(df+t²).
  // Both and their logs come from r = df/t² (formed without squaring t, so nothing
  // overflows), so neither x near 1 (small t) nor y near 1 (large t) is rounded away.
  const double at = std::fabs(t);
  const double r = (df / at) / at;
  if (!(r <= 1e300)) return 0.5;  // |t| so small that P(T > t) rounds to ½ (also t = 0)
  const double log_y = -log1p(r);
  const double log_x = r >= 1e-290 ? -log1p(1.0 / r) : (log(df) - 2.0 * log(at)) + log_y;
  const double x = r / (1.0 + r), y = 1.0 / (1.0 + r);
  const double tail = 0.5 * incomplete_beta(0.5 * df, 0.5, x, y, log_x, log_y);
  return t > 0.0 ? tail : 1.0 - tail;
}

}  // namespace gapscore::detmath
