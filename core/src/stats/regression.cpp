// OLS with HC3 robust standard errors (statsmodels OLS(y, X).fit(cov_type='HC3')).
//
// Choices, and why:
// - Householder QR, not the normal equations: X'X squares the condition number,
//   and dummy-heavy HR designs are often close to collinear.
// - No column pivoting: coefficients stay in the caller's column order. A column
//   whose part orthogonal to the accepted columns is below 1e-10 of its own norm
//   (the sine of its angle to their span) is skipped and reported as aliased.
//   Rank deficiency is then a result (full_rank = false), not an error: the caller
//   knows which column to blame. statsmodels would silently use a pseudo-inverse.
// - HC3 as a sum over rows, Cov = Σᵢ wᵢ vᵢ vᵢᵀ with vᵢ = (X'X)⁻¹xᵢ = R⁻¹R⁻ᵀxᵢ and
//   wᵢ = eᵢ²/(1 − hᵢ)², hᵢ = ‖R⁻ᵀxᵢ‖²: the same sandwich (X'X)⁻¹X'diag(w)X(X'X)⁻¹
//   without forming X'X.
// - A row with leverage 1 (the only member of a category) has eᵢ = 0 and wᵢ = 0/0.
//   vᵢ is the row's influence on β (∂β/∂yᵢ): coefficients it does not move
//   (vᵢⱼ = 0 exactly in theory, below 1e-8 of the largest scaled entry in practice)
//   have a well-defined HC3 limit, which is the sum over the other rows; the ones
//   it moves get NaN. So one singleton category does not hide the AI-use coefficient.
// - Normal p-values 2·P(Z > |z|), statsmodels' default for robust covariances.
// All sums run over rows in input order, so results are the same on every platform.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "base/detmath.h"
#include "stats/stats.h"

namespace gapscore::stats {

namespace {

constexpr double kRankTolerance = 1e-10;
constexpr double kLeverageOneTolerance = 1e-10;
constexpr double kInfluenceTolerance = 1e-8;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Householder QR computed in place on a column-major copy of X. For accepted
// column number r (in `cols`), rows r+1.. of that column hold the reflector
// vector (leading 1 implied) and R's entries sit on and above row r.
struct HouseholderQr {
  std::size_t n = 0, k = 0;
  std::vector<double> a;
  std::vector<std::size_t> cols;  // accepted columns, in order
  std::vector<double> betas;      // reflector scalars, one per accepted column

  double& at(std::size_t i, std::size_t j) { return a[j * n + i]; }
  double at(std::size_t i, std::size_t j) const { return a[j * n + i]; }
  std::size_t rank() const { return cols.size(); }
  double r(std::size_t row, std::size_t col) const { return at(row, cols[col]); }  // R, rank×rank

  // v ← Qᵀv (reflectors in order).
  void apply_qt(std::vector<double>& v) const {
    for (std::size_t r = 0; r < rank(); ++r) {
      const std::size_t c = cols[r];
      double s = v[r];
      for (std::size_t i = r + 1; i < n; ++i) s += at(i, c) * v[i];
      s *= betas[r];
      v[r] -= s;
      for (std::size_t i = r + 1; i < n; ++i) v[i] -= s * at(i, c);
    }
  }

  // Solves R·x = b in place (first rank() entries).
  void solve_r(std::vector<double>& b) const {
    for (std::size_t j = rank(); j-- > 0;) {
      double s = b[j];
      for (std::size_t c = j + 1; c < rank(); ++c) s -= r(j, c) * b[c];
      b[j] = s / r(j, j);
    }
  }

  // Solves Rᵀ·x = b in place.
  void solve_rt(std::vector<double>& b) const {
    for (std::size_t j = 0; j < rank(); ++j) {
      double s = b[j];
      for (std::size_t c = 0; c < j; ++c) s -= r(c, j) * b[c];
      b[j] = s / r(j, j);
    }
  }
};

HouseholderQr factorize(std::span<const double> x, std::size_t n, std::size_t k,
                        std::vector<std::size_t>& aliased) {
  HouseholderQr qr;
  qr.n = n;
  qr.k = k;
  qr.a.resize(n * k);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) qr.at(i, j) = x[i * k + j];
  std::vector<double> col_norm(k);
  for (std::size_t j = 0; j < k; ++j) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += qr.at(i, j) * qr.at(i, j);
    col_norm[j] = std::sqrt(s);
  }
  for (std::size_t j = 0; j < k; ++j) {
    const std::size_t r = qr.rank();
    double norm = 0.0;
    if (r < n) {
      double s = 0.0;
      for (std::size_t i = r; i < n; ++i) s += qr.at(i, j) * qr.at(i, j);
      norm = std::sqrt(s);
    }
    if (!(norm > kRankTolerance * col_norm[j])) {  // also an all-zero column, or no rows left
      aliased.push_back(j);
      continue;
    }
    // Reflector mapping rows r.. of column j onto alpha·e_r, alpha = −sign(a_rj)·norm
    // (the sign that avoids cancellation in v0 = a_rj − alpha).
    const double alpha = qr.at(r, j) > 0.0 ? -norm : norm;
    const double v0 = qr.at(r, j) - alpha;
    double vtv = 1.0;
    for (std::size_t i = r + 1; i < n; ++i) {
      qr.at(i, j) /= v0;  // v scaled so that its first entry is 1
      vtv += qr.at(i, j) * qr.at(i, j);
    }
    const double beta = 2.0 / vtv;
    qr.at(r, j) = alpha;
    for (std::size_t c = j + 1; c < k; ++c) {
      double s = qr.at(r, c);
      for (std::size_t i = r + 1; i < n; ++i) s += qr.at(i, j) * qr.at(i, c);
      s *= beta;
      qr.at(r, c) -= s;
      for (std::size_t i = r + 1; i < n; ++i) qr.at(i, c) -= s * qr.at(i, j);
    }
    qr.cols.push_back(j);
    qr.betas.push_back(beta);
  }
  return qr;
}

Error ols_error(const std::string& what) {
  return Error(make_diagnostic(DiagCode::internal_error, "ols_hc3: " + what));
}

}  // namespace

Result<OlsResult> ols_hc3(std::span<const double> y, std::span<const double> x, std::size_t k,
                          std::span<const double> absorbed_leverage) {
  const std::size_t n = y.size();
  if (k == 0) return ols_error("the design matrix has no columns");
  if (x.size() != n * k)
    return ols_error("the design matrix has " + std::to_string(x.size()) + " values, expected " + std::to_string(n) +
                     " rows x " + std::to_string(k) + " columns");
  if (!absorbed_leverage.empty() && absorbed_leverage.size() != n)
    return ols_error("the absorbed leverages are " + std::to_string(absorbed_leverage.size()) + ", expected " +
                     std::to_string(n));
  if (!all_finite(y)) return ols_error("the response contains NaN or infinity");
  if (!all_finite(x)) return ols_error("the design matrix contains NaN or infinity");

  OlsResult out;
  out.n = n;
  out.k = k;
  const HouseholderQr qr = factorize(x, n, k, out.aliased_columns);
  const std::size_t rank = qr.rank();
  out.rank = rank;
  out.full_rank = rank == k;

  // Constant in the column space: the residual of the all-ones vector after
  // projection is (numerically) zero. Decides the R² definition, as statsmodels.
  {
    std::vector<double> ones(n, 1.0);
    qr.apply_qt(ones);
    double s = 0.0;
    for (std::size_t i = rank; i < n; ++i) s += ones[i] * ones[i];
    out.has_constant = n > 0 && std::sqrt(s) <= kRankTolerance * std::sqrt(static_cast<double>(n));
  }
  NeumaierSum tss;
  {
    const double ybar = out.has_constant ? mean(y) : 0.0;
    for (double v : y) tss.add((v - ybar) * (v - ybar));
  }
  std::vector<double> qty(y.begin(), y.end());
  qr.apply_qt(qty);

  if (!out.full_rank) {
    // The fitted values are still defined; SSR = ‖rows rank.. of Qᵀy‖².
    NeumaierSum ssr;
    for (std::size_t i = rank; i < n; ++i) ssr.add(qty[i] * qty[i]);
    out.r_squared = tss.value() > 0.0 ? 1.0 - ssr.value() / tss.value() : kNaN;
    return out;
  }

  std::vector<double> coef(qty.begin(), qty.begin() + static_cast<std::ptrdiff_t>(k));
  qr.solve_r(coef);

  // One pass over the rows: residual, leverage, influence, HC3 terms.
  std::vector<NeumaierSum> var(k);
  std::vector<double> v(k);
  std::vector<std::vector<double>> singular_influence;  // vᵢ of the leverage-1 rows
  NeumaierSum ssr;
  for (std::size_t i = 0; i < n; ++i) {
    double fit = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      v[j] = x[i * k + j];
      fit += x[i * k + j] * coef[j];
    }
    const double e = y[i] - fit;
    ssr.add(e * e);
    qr.solve_rt(v);  // v = R⁻ᵀxᵢ
    double h = absorbed_leverage.empty() ? 0.0 : absorbed_leverage[i];
    for (double t : v) h += t * t;
    qr.solve_r(v);  // v = R⁻¹R⁻ᵀxᵢ = (X'X)⁻¹xᵢ
    if (h > 1.0 - kLeverageOneTolerance) {
      out.high_leverage_rows.push_back(i);
      singular_influence.push_back(v);
      continue;
    }
    const double w = e * e / ((1.0 - h) * (1.0 - h));
    for (std::size_t j = 0; j < k; ++j) var[j].add(w * v[j] * v[j]);
  }
  out.r_squared = tss.value() > 0.0 ? 1.0 - ssr.value() / tss.value() : kNaN;

  // Coefficients moved by a leverage-1 row. vᵢⱼ·‖Xⱼ‖ does not depend on how
  // column j is scaled, so entries are compared in that form.
  std::vector<bool> undefined(k, false);
  std::vector<double> col_norm(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += x[i * k + j] * x[i * k + j];
    col_norm[j] = std::sqrt(s);
  }
  for (const auto& infl : singular_influence) {
    double largest = 0.0;
    for (std::size_t j = 0; j < k; ++j) largest = std::max(largest, std::fabs(infl[j]) * col_norm[j]);
    for (std::size_t j = 0; j < k; ++j)
      if (std::fabs(infl[j]) * col_norm[j] > kInfluenceTolerance * largest) undefined[j] = true;
  }

  out.coef = coef;
  out.se_hc3.resize(k);
  out.z.resize(k);
  out.p_value.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    if (undefined[j]) {
      out.se_hc3[j] = out.z[j] = out.p_value[j] = kNaN;
      continue;
    }
    const double se = std::sqrt(var[j].value());
    out.se_hc3[j] = se;
    out.z[j] = coef[j] / se;  // an exact fit (se = 0) gives z = ±inf, p = 0 (or NaN, p = 1 when β = 0)
    out.p_value[j] = std::min(1.0, 2.0 * detmath::normal_sf(std::fabs(out.z[j])));
  }
  return out;
}

}  // namespace gapscore::stats
