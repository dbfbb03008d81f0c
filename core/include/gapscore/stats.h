// Statistics kernels, deterministic across platforms (only detmath
// transcendental functions, fixed summation order). Each is checked against
// scipy/statsmodels values in tests/stats_test.cpp (fixtures written by
// tests/reference/stats_reference.py). Undefined results are nullopt, never NaN.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "gapscore/status.h"

namespace gapscore::stats {

// Compensated summation (Neumaier), in the order values are added.
class NeumaierSum {
 public:
  void add(double v);
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

double sum(std::span<const double> x);
double mean(std::span<const double> x);                  // NaN-free: 0 for empty input
double variance(std::span<const double> x, int ddof);   // 0 when n <= ddof

// Population Gini: Σᵢ Σⱼ |xᵢ − xⱼ| / (2n²μ). nullopt: empty, μ <= 0 or any x < 0.
std::optional<double> gini(std::span<const double> x);
// Theil T: (1/n) Σ (xᵢ/μ) ln(xᵢ/μ), 0·ln0 = 0. nullopt: empty, μ <= 0 or any x < 0.
std::optional<double> theil_t(std::span<const double> x);
// σ/μ with ddof = 0. nullopt: empty or μ == 0.
std::optional<double> coefficient_of_variation(std::span<const double> x);

// Quantile of sorted data by linear interpolation (numpy's default 'linear').
double quantile_linear(std::span<const double> sorted, double q);
// 1-based ranks, ties get the average rank (scipy.stats.rankdata 'average').
void average_ranks(std::span<const double> x, std::span<double> ranks_out);

struct HedgesG {
  double g;
  double cohens_d;
  double correction_j;
  int df;
};
// Exact small-sample factor J = Γ(df/2)/(√(df/2)·Γ((df−1)/2)).
// nullopt: either sample below 2, or pooled SD 0.
std::optional<HedgesG> hedges_g(std::span<const double> a, std::span<const double> b);

struct MannWhitney {
  double u;        // U of sample a
  double p_value;  // two-sided, normal approximation, tie and continuity corrected
};
// As scipy.stats.mannwhitneyu(a, b, method='asymptotic'). nullopt: a sample is empty
// or every value is tied.
std::optional<MannWhitney> mann_whitney_u(std::span<const double> a, std::span<const double> b);

struct MeanDifferenceCi {
  double low;
  double high;
};
// Percentile bootstrap of mean(a) − mean(b), each sample resampled on its own.
// Draws come from gapscore::Prng(seed). nullopt: a sample is empty or resamples < 1.
std::optional<MeanDifferenceCi> bootstrap_mean_difference_ci(std::span<const double> a, std::span<const double> b,
                                                             int resamples, std::uint64_t seed, double confidence);

struct Spearman {
  double rho;
  double p_value;  // two-sided, t distribution with n−2 df (scipy.stats.spearmanr)
  std::size_t n;
};
// nullopt: n < 3, sizes differ, or either side constant.
std::optional<Spearman> spearman(std::span<const double> x, std::span<const double> y);

struct OlsResult {
  std::size_t n = 0, k = 0, rank = 0;
  bool full_rank = false;
  std::vector<double> coef, se_hc3, z, p_value;  // empty unless full_rank
  std::vector<std::size_t> high_leverage_rows;   // h_ii = 1: HC3 undefined (singleton cells)
  double r_squared = 0.0;                        // centred
};
// OLS by Householder QR with HC3 standard errors and normal two-sided p-values,
// like statsmodels OLS(y, X).fit(cov_type='HC3'). X is n×k row-major.
// A rank-deficient X gives full_rank = false (the caller reports it); rows with
// leverage 1 make the HC3 errors undefined (NaN entries, rows listed).
Result<OlsResult> ols_hc3(std::span<const double> y, std::span<const double> x_row_major, std::size_t k);

}  // namespace gapscore::stats
