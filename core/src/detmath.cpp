#include "gapscore/detmath.h"

#include <cmath>
#include <limits>

namespace gapscore::detmath {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11.
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLn2 = 0.693147180559945309417232121458;
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kHalfLog2Pi = 0.918938533204672741780329736406;  // ln(2π)/2
constexpr double kLogSqrtPi = 0.572364942924700087071713675677;   // ln(√π) = lgamma(1/2)
constexpr double kInvSqrtPi = 0.564189583547756286948079451561;

// log(m) for m in [√½, √2): 2·atanh(s), s = (m-1)/(m+1), |s| < 0.1716.
double log_reduced(double m) {
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double s2 = s * s;
  // Σ s^(2k)/(2k+1) for k = 1..12, Horner from the smallest term.
  double p = 1.0 / 25.0;
  for (int k = 11; k >= 1; --k) p = 1.0 / (2.0 * k + 1.0) + s2 * p;
  // log(m) = f - f·f/2 + ...; written as 2s + 2s·s2·p with the f-form for accuracy.
  const double hfsq = 0.5 * f * f;
  return f - (hfsq - s * (hfsq + 2.0 * s2 * p));
}

}  // namespace

double log(double x) {
  if (std::isnan(x) || x < 0.0) return kNaN;
  if (x == 0.0) return -kInf;
  if (std::isinf(x)) return kInf;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m·2^e, m in [0.5, 1)
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
  if (std::fabs(x) < 1e-4) {
    // x - x²/2 + x³/3 - x⁴/4 + x⁵/5: error below 1e-21 relative.
    return x * (1.0 - x * (0.5 - x * (1.0 / 3.0 - x * (0.25 - x * 0.2))));
  }
  const double u = 1.0 + x;
  // Correct for the rounding of 1 + x (Goldberg's trick).
  return log(u) - ((u - 1.0) - x) / u;
}

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return kInf;
  if (x < -745.1332191019412) return 0.0;
  // x = k·ln2 + r, |r| <= ln2/2.
  const double kd = std::nearbyint(x / kLn2);
  const double hi = x - kd * kLn2Hi;
  const double lo = kd * kLn2Lo;
  const double r = hi - lo;
  // Taylor series to r^15/15!, |r| < 0.347: truncation below 1e-18.
  double p = 1.0;
  for (int n = 15; n >= 1; --n) p = 1.0 + r * p / n;
  return std::ldexp(p, static_cast<int>(kd));
}

double expm1(double x) {
  if (std::isnan(x)) return x;
  if (std::fabs(x) < 0.5) {
    // Σ x^n/n! for n = 1..20, Horner; no cancellation for small x.
    double p = 1.0;
    for (int n = 20; n >= 2; --n) p = 1.0 + x * p / n;
    return x * p;
  }
  return exp(x) - 1.0;
}

namespace {

// Stirling series tail Σ B_2k / (2k(2k-1) z^(2k-1)), z >= 10.
double stirling_tail(double z) {
  const double z2 = 1.0 / (z * z);
  constexpr double c[] = {1.0 / 12.0,          -1.0 / 360.0,     1.0 / 1260.0,     -1.0 / 1680.0,
                          1.0 / 1188.0,        -691.0 / 360360.0, 1.0 / 156.0,      -3617.0 / 122400.0};
  double s = c[7];
  for (int i = 6; i >= 0; --i) s = c[i] + z2 * s;
  return s / z;
}

}  // namespace

double lgamma(double x) {
  if (std::isnan(x) || x <= 0.0) return kNaN;
  if (std::isinf(x)) return kInf;
  if (x < 1e-300) return -log(x);
  // Shift to z >= 10 with Γ(x) = Γ(x+n) / (x(x+1)...(x+n-1)).
  double z = x, shift = 0.0, prod = 1.0;
  while (z < 10.0) {
    prod *= z;
    z += 1.0;
    if (prod > 1e280) {
      shift += log(prod);
      prod = 1.0;
    }
  }
  shift += log(prod);
  return (z - 0.5) * log(z) - z + kHalfLog2Pi + stirling_tail(z) - shift;
}

double lgamma_half_difference(double m) {
  if (!(m > 0.5)) return kNaN;
  if (m < 20.0) return lgamma(m) - lgamma(m - 0.5);
  // With L = log1p(-1/(2m)), Stirling for both terms gives
  // D = ½ln m - (m-1)·L - ½ + S(m) - S(m-½): no large terms cancel.
  const double L = log1p(-0.5 / m);
  return 0.5 * log(m) + ((-(m - 1.0) * L - 0.5) + (stirling_tail(m) - stirling_tail(m - 0.5)));
}

namespace {

// e^(-x²) with x² split exactly into hi + lo parts (x >= 0): hi keeps the
// top 26 significant bits of x, so hi² is exact in a double.
double exp_minus_square(double x) {
  int e = 0;
  const double m = std::frexp(x, &e);
  const double hi = std::ldexp(std::trunc(std::ldexp(m, 26)), e - 26);
  const double lo = x - hi;
  return exp(-hi * hi) * exp(-(lo * (2.0 * hi + lo)));
}

// erfc for x >= 1.5 by the Laplace continued fraction, modified Lentz.
double erfc_continued_fraction(double x) {
  // erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
  constexpr double tiny = 1e-300;
  double f = x, c = x, d = 0.0;
  for (int n = 1; n < 5000; ++n) {
    const double a = 0.5 * n;
    d = x + a * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = x + a / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = c * d;
    f *= delta;
    if (std::fabs(delta - 1.0) < 1e-17) break;
  }
  return exp_minus_square(x) * kInvSqrtPi / f;
}

// erf for |x| < 1.5: (2/√π)·e^(-x²)·Σ (2x²)^n x / (1·3·...·(2n+1)), all terms positive.
double erf_series(double x) {
  const double x2 = x * x;
  double term = x, sum = x;
  for (int n = 1; n < 200; ++n) {
    term *= 2.0 * x2 / (2.0 * n + 1.0);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return 2.0 * kInvSqrtPi * exp_minus_square(std::fabs(x)) * sum;
}

}  // namespace

double erfc(double x) {
  if (std::isnan(x)) return x;
  if (x < 0.0) return 2.0 - erfc(-x);
  if (x < 1.5) return 1.0 - erf_series(x);
  if (x > 27.3) return 0.0;  // below the smallest subnormal
  return erfc_continued_fraction(x);
}

namespace {

// Upper normal tail for z >= 2.5: φ(z)·R(z) with the Mills ratio continued
// fraction R(z) = 1/(z + 1/(z + 2/(z + 3/(z + ...)))). Working in z itself
// (not z/√2) keeps the rounding of z/√2 out of e^(-z²/2).
double normal_upper_tail(double z) {
  constexpr double tiny = 1e-300;
  double f = z, c = z, d = 0.0;
  for (int n = 1; n < 5000; ++n) {
    d = z + n * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = z + n / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = c * d;
    f *= delta;
    if (std::fabs(delta - 1.0) < 1e-17) break;
  }
  constexpr double kInvSqrt2Pi = 0.398942280401432677939946059934;
  // e^(-z²/2) = (e^(-(z/√2)²)) computed from the exact split of z: z² = hi² + lo(2hi + lo).
  int e = 0;
  const double m = std::frexp(z, &e);
  const double hi = std::ldexp(std::trunc(std::ldexp(m, 26)), e - 26);
  const double lo = z - hi;
  const double density = exp(-0.5 * hi * hi) * exp(-0.5 * (lo * (2.0 * hi + lo)));
  return kInvSqrt2Pi * density / f;
}

}  // namespace

double normal_sf(double z) {
  if (std::isnan(z)) return z;
  if (z > 38.5) return 0.0;
  if (z >= 2.5) return normal_upper_tail(z);
  return 0.5 * erfc(z / kSqrt2);
}

double normal_cdf(double z) { return normal_sf(-z); }

namespace {

// Continued fraction of the incomplete beta (Numerical Recipes betacf), Lentz.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m < 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < 1e-16) break;
  }
  return h;
}

double log_beta(double a, double b) {
  if (b == 0.5) return kLogSqrtPi - lgamma_half_difference(a + 0.5);
  if (a == 0.5) return kLogSqrtPi - lgamma_half_difference(b + 0.5);
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (std::isnan(a) || std::isnan(b) || std::isnan(x) || a <= 0.0 || b <= 0.0 || x < 0.0 || x > 1.0) return kNaN;
  if (x == 0.0) return 0.0;
  if (x == 1.0) return 1.0;
  const double front_log = a * log(x) + b * log1p(-x) - log_beta(a, b);
  if (x < (a + 1.0) / (a + b + 2.0)) return exp(front_log) * beta_continued_fraction(a, b, x) / a;
  return 1.0 - exp(front_log) * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_sf(double t, double df) {
  if (std::isnan(t) || !(df > 0.0)) return kNaN;
  if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
  // P(T > |t|) = ½ I_{df/(df+t²)}(df/2, 1/2); the incomplete beta picks the
  // convergent side of its continued fraction itself.
  const double x = df / (df + t * t);
  const double tail = 0.5 * regularized_incomplete_beta(0.5 * df, 0.5, x);
  return t >= 0 ? tail : 1.0 - tail;
}

}  // namespace gapscore::detmath
