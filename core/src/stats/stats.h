// Statistics kernels, bit-identical across platforms: transcendental functions
// come only from gapscore::detmath, sums run in a fixed order, nothing depends on
// the order std::sort leaves equal keys in, and random draws come from
// gapscore::Prng. Each kernel is checked against scipy/statsmodels values in
// tests/stats_test.cpp (fixtures written by tests/reference/stats_reference.py).
//
// Undefined results are std::nullopt, never NaN or Inf, unless a comment says
// otherwise. Inputs containing NaN or ±Inf give nullopt (an error for ols_hc3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "gapscore/status.h"

namespace gapscore::stats {

// Compensated summation (Neumaier's variant of Kahan), in the order values are
// added. Error about one rounding of the exact sum for any ordering of signs.
class NeumaierSum {
 public:
  void add(double v);
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

double sum(std::span<const double> x);                // Neumaier, in input order
double mean(std::span<const double> x);               // 0 for empty input
double variance(std::span<const double> x, int ddof); // two-pass; 0 when n <= ddof
bool all_finite(std::span<const double> x);           // no NaN, no ±Inf

// Population Gini coefficient G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2n²μ) (not the n/(n−1)
// sample form), from the sorted data in O(n log n). In [0, 1 − 1/n].
// nullopt: empty, μ <= 0, any x < 0 or non-finite.
std::optional<double> gini(std::span<const double> x);
// Theil T index (1/n) Σ (xᵢ/μ) ln(xᵢ/μ) with 0·ln 0 = 0; equals ln n − H(x/Σx)
// (scipy.stats.entropy). In [0, ln n]. nullopt: empty, μ <= 0, any x < 0 or non-finite.
std::optional<double> theil_t(std::span<const double> x);
// σ/μ with the population σ (ddof = 0); negative when μ < 0, as numpy.
// nullopt: empty, μ == 0, or non-finite input.
std::optional<double> coefficient_of_variation(std::span<const double> x);
// gini, theil_t and coefficient_of_variation sum in sorted order, so any
// permutation of the input gives the same bits.

// Quantile q of ascending `sorted` data, numpy's default method 'linear'
// (Hyndman & Fan type 7), interpolated exactly as numpy does it. q is clamped
// to [0, 1] (NaN counts as 0); empty input gives 0.
double quantile_linear(std::span<const double> sorted, double q);
// The same value for data in any order, found by selection (linear time)
// instead of a sort; reorders x. x must hold no NaN.
double quantile_linear_select(std::span<double> x, double q);

// 1-based ranks with ties given their average rank (scipy.stats.rankdata,
// method='average'), for any order of tied values. ranks_out must have
// x.size() elements, fewer than 2^32 (otherwise nothing is written). NaNs rank after every
// number, tied with each other.
void average_ranks(std::span<const double> x, std::span<double> ranks_out);

struct HedgesG {
  double g;             // J · d
  double cohens_d;      // (mean(a) − mean(b)) / pooled SD, ddof = 1 in each group
  double correction_j;  // exact J = Γ(df/2) / (√(df/2) Γ((df−1)/2))
  int df;               // n₁ + n₂ − 2
};
// nullopt: either sample below 2 values, pooled SD 0, or non-finite input.
std::optional<HedgesG> hedges_g(std::span<const double> a, std::span<const double> b);
// Hedges' exact small-sample factor J for an SD with df degrees of freedom (df > 1).
double hedges_correction(double df);

// One-sided Welch t-test that mean(a) > mean(b), as scipy.stats.ttest_ind(a, b,
// equal_var=False, alternative='greater'): the p-value. With no spread on either
// side the difference decides (0 or 1). nullopt: a sample below 2 values, no
// spread and no difference, or non-finite input.
std::optional<double> welch_greater_p(std::span<const double> a, std::span<const double> b);

struct MannWhitney {
  double u;        // U of sample a = R₁ − n₁(n₁+1)/2
  double p_value;  // two-sided, normal approximation with tie and continuity correction
};
// As scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=True,
// alternative='two-sided') in scipy 1.10. When every value is tied the statistic
// cannot vary and p = 1, as scipy reports. nullopt: a sample is empty or non-finite input.
std::optional<MannWhitney> mann_whitney_u(std::span<const double> a, std::span<const double> b);

// Whether events (errors) fall on side a more often per unit of exposure
// (tasks) than on side b: given all the events, each falls on a with a's share
// of the exposure. p of the normal approximation with continuity correction,
// one-sided (a higher) or two-sided. nullopt with fewer than 5 events or an
// exposure that is not positive.
std::optional<double> conditional_rate_p(double a_events, double a_exposure, double b_events, double b_exposure,
                                         bool two_sided);

struct MeanDifferenceCi {
  double low;
  double high;
};
// Percentile bootstrap CI of mean(a) − mean(b), each sample resampled with
// replacement on its own (stratified), like scipy.stats.bootstrap((a, b),
// method='percentile'). Draws: indices from gapscore::Prng(seed), two unbiased
// 32-bit draws per 64-bit output (Lemire), for each resample all of a first,
// then all of b; the same on every platform. A resample's mean sums its draws
// in four interleaved sums, added in a fixed order. Bounds: quantile_linear of
// the resampled differences at (1 − confidence)/2 and (1 + confidence)/2.
// nullopt: a sample is empty, resamples < 1, confidence not in (0, 1),
// non-finite input, or sums that overflow.
std::optional<MeanDifferenceCi> bootstrap_mean_difference_ci(std::span<const double> a, std::span<const double> b,
                                                             int resamples, std::uint64_t seed, double confidence);

struct Spearman {
  double rho;
  double p_value;  // two-sided, t distribution with n − 2 df (scipy.stats.spearmanr)
  std::size_t n;
};
// nullopt: n < 3, sizes differ, either side constant, or non-finite input.
std::optional<Spearman> spearman(std::span<const double> x, std::span<const double> y);

struct OlsResult {
  std::size_t n = 0, k = 0, rank = 0;
  bool full_rank = false;
  // Empty unless full_rank. Entries of se_hc3/z/p_value are NaN for the
  // coefficients that a high-leverage row moves (see below).
  std::vector<double> coef, se_hc3, z, p_value;
  // Columns (0-based) that are, to 1e-10 relative, linear combinations of
  // earlier columns; rank = k − aliased_columns.size().
  std::vector<std::size_t> aliased_columns;
  // Rows (0-based) with leverage h_ii = 1 (within 1e-10), e.g. the only person
  // in a category: their residual is 0 and the HC3 weight e²/(1−h)² is 0/0.
  std::vector<std::size_t> high_leverage_rows;
  // Whether a constant lies in the column space (explicit column or a full set
  // of dummies), as statsmodels' k_constant decides.
  bool has_constant = false;
  // 1 − SSR/TSS with TSS centred when has_constant, else uncentred (statsmodels).
  // NaN when TSS is 0.
  double r_squared = 0.0;
};
// OLS by Householder QR with HC3 standard errors and normal two-sided p-values,
// as statsmodels OLS(y, X).fit(cov_type='HC3') (use_t=False). X is n×k
// row-major. A rank-deficient X gives full_rank = false with the aliased columns
// listed and no coefficients (the caller reports it). Errors (internal_error):
// k == 0, X not n·k values, or a NaN/Inf in y or X.
//
// `absorbed_leverage` (empty, or one value per row): fixed effects demeaned out
// of y and X beforehand (Frisch-Waugh-Lovell), given as each row's leverage in
// them (1/n of its cell). The coefficients and residuals are the full model's;
// adding it to each row's leverage makes the HC3 errors the full model's too.
// R² is then the within one.
Result<OlsResult> ols_hc3(std::span<const double> y, std::span<const double> x_row_major, std::size_t k,
                          std::span<const double> absorbed_leverage = {});

}  // namespace gapscore::stats
