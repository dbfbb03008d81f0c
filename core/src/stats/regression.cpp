// OLS with HC3 robust standard errors, by Householder QR (no pivoting: the
// design's column order is the caller's, and a rank deficiency is reported
// rather than worked around).
#include <cmath>
#include <limits>
#include <vector>

#include "gapscore/detmath.h"
#include "gapscore/stats.h"

namespace gapscore::stats {

namespace {

// Column-major n×k matrix for the factorisation.
struct Matrix {
  std::size_t n, k;
  std::vector<double> a;
  double& at(std::size_t i, std::size_t j) { return a[j * n + i]; }
  double at(std::size_t i, std::size_t j) const { return a[j * n + i]; }
};

// Solves R·x = b in place (R upper triangular k×k stored in qr's top rows).
void back_substitute(const Matrix& qr, std::size_t k, std::vector<double>& b) {
  for (std::size_t jj = k; jj-- > 0;) {
    double s = b[jj];
    for (std::size_t c = jj + 1; c < k; ++c) s -= qr.at(jj, c) * b[c];
    b[jj] = s / qr.at(jj, jj);
  }
}

// Solves Rᵀ·x = b in place.
void forward_substitute_transposed(const Matrix& qr, std::size_t k, std::vector<double>& b) {
  for (std::size_t jj = 0; jj < k; ++jj) {
    double s = b[jj];
    for (std::size_t c = 0; c < jj; ++c) s -= qr.at(c, jj) * b[c];
    b[jj] = s / qr.at(jj, jj);
  }
}

}  // namespace

Result<OlsResult> ols_hc3(std::span<const double> y, std::span<const double> x, std::size_t k) {
  const std::size_t n = y.size();
  if (k == 0 || x.size() != n * k)
    return Error(make_diagnostic(DiagCode::internal_error, "ols_hc3: design matrix size does not match"));
  OlsResult out;
  out.n = n;
  out.k = k;
  if (n < k) {
    out.rank = n;
    return out;
  }
  Matrix qr{n, k, std::vector<double>(n * k)};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) qr.at(i, j) = x[i * k + j];
  std::vector<double> qty(y.begin(), y.end());
  std::vector<double> betas(k);  // Householder scalars
  double max_diag = 0.0;
  std::size_t rank = 0;
  std::vector<double> col_norm(k);
  for (std::size_t j = 0; j < k; ++j) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += qr.at(i, j) * qr.at(i, j);
    col_norm[j] = std::sqrt(s);
  }
  for (std::size_t j = 0; j < k; ++j) {
    double norm = 0.0;
    for (std::size_t i = j; i < n; ++i) norm += qr.at(i, j) * qr.at(i, j);
    norm = std::sqrt(norm);
    // A column that is (numerically) a combination of earlier ones.
    if (norm <= 1e-10 * std::max(col_norm[j], 1e-300) || norm == 0.0) {
      out.rank = rank;
      return out;
    }
    const double alpha = qr.at(j, j) > 0 ? -norm : norm;
    const double v0 = qr.at(j, j) - alpha;
    // v = (v0, a[j+1..n-1, j]); beta = 2/(vᵀv); stored with v scaled so v0 = 1.
    for (std::size_t i = j + 1; i < n; ++i) qr.at(i, j) /= v0;
    double vtv = 1.0;
    for (std::size_t i = j + 1; i < n; ++i) vtv += qr.at(i, j) * qr.at(i, j);
    betas[j] = 2.0 / vtv;
    qr.at(j, j) = alpha;
    for (std::size_t c = j + 1; c < k; ++c) {
      double s = qr.at(j, c);
      for (std::size_t i = j + 1; i < n; ++i) s += qr.at(i, j) * qr.at(i, c);
      s *= betas[j];
      qr.at(j, c) -= s;
      for (std::size_t i = j + 1; i < n; ++i) qr.at(i, c) -= s * qr.at(i, j);
    }
    double s = qty[j];
    for (std::size_t i = j + 1; i < n; ++i) s += qr.at(i, j) * qty[i];
    s *= betas[j];
    qty[j] -= s;
    for (std::size_t i = j + 1; i < n; ++i) qty[i] -= s * qr.at(i, j);
    max_diag = std::max(max_diag, std::fabs(alpha));
    ++rank;
  }
  out.rank = rank;
  out.full_rank = true;

  std::vector<double> coef(qty.begin(), qty.begin() + static_cast<std::ptrdiff_t>(k));
  back_substitute(qr, k, coef);

  // Residuals, leverages h_i = ‖R⁻ᵀ x_i‖², and the HC3 "meat" Σ wᵢ aᵢ aᵢᵀ with aᵢ = R⁻ᵀ xᵢ.
  std::vector<double> meat(k * k, 0.0), ai(k);
  NeumaierSum ssr, ybar_sum;
  for (double v : y) ybar_sum.add(v);
  const double ybar = ybar_sum.value() / static_cast<double>(n);
  NeumaierSum sst;
  bool undefined_se = false;
  for (std::size_t i = 0; i < n; ++i) {
    double fit = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      ai[j] = x[i * k + j];
      fit += x[i * k + j] * coef[j];
    }
    const double e = y[i] - fit;
    ssr.add(e * e);
    sst.add((y[i] - ybar) * (y[i] - ybar));
    forward_substitute_transposed(qr, k, ai);
    double h = 0.0;
    for (double v : ai) h += v * v;
    if (h > 1.0 - 1e-10) {
      out.high_leverage_rows.push_back(i);
      undefined_se = true;
      continue;
    }
    const double w = e * e / ((1.0 - h) * (1.0 - h));
    for (std::size_t r = 0; r < k; ++r)
      for (std::size_t c = 0; c < k; ++c) meat[r * k + c] += w * ai[r] * ai[c];
  }
  out.r_squared = sst.value() > 0 ? 1.0 - ssr.value() / sst.value() : 0.0;
  // Cov = R⁻¹ · meat · R⁻ᵀ: solve column by column.
  std::vector<double> tmp(k * k), col(k);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t r = 0; r < k; ++r) col[r] = meat[r * k + c];
    back_substitute(qr, k, col);
    for (std::size_t r = 0; r < k; ++r) tmp[r * k + c] = col[r];  // tmp = R⁻¹·meat
  }
  std::vector<double> cov(k * k);
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) col[c] = tmp[r * k + c];
    back_substitute(qr, k, col);  // row r of tmp·R⁻ᵀ = R⁻¹·(row r of tmp)ᵀ
    for (std::size_t c = 0; c < k; ++c) cov[r * k + c] = col[c];
  }
  out.coef = coef;
  out.se_hc3.resize(k);
  out.z.resize(k);
  out.p_value.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double se = undefined_se ? nan : std::sqrt(cov[j * k + j]);
    out.se_hc3[j] = se;
    out.z[j] = undefined_se ? nan : coef[j] / se;
    out.p_value[j] = undefined_se ? nan : std::min(1.0, 2.0 * detmath::normal_sf(std::fabs(out.z[j])));
  }
  (void)max_diag;
  return out;
}

}  // namespace gapscore::stats
