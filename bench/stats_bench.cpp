// Each statistics family in gapscore/stats.h. Sizes: a team (25–300 people),
// an organisation (5k–30k people) where the report uses the kernel on people.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench_data.h"
#include "stats/stats.h"

namespace gb = gapscore::bench;
namespace st = gapscore::stats;

namespace {

void set_items(benchmark::State& state, std::int64_t n) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

// Inequality of AI use: Gini and Theil T (both sort their input).
void BM_Gini(benchmark::State& state) {
  const auto x = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 1);
  for (auto _ : state) benchmark::DoNotOptimize(st::gini(x));
  set_items(state, state.range(0));
}
void BM_TheilT(benchmark::State& state) {
  const auto x = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 1);
  for (auto _ : state) benchmark::DoNotOptimize(st::theil_t(x));
  set_items(state, state.range(0));
}

// Users vs non-users: effect size and rank test, n per sample.
void BM_HedgesG(benchmark::State& state) {
  const auto a = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 2);
  const auto b = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state) benchmark::DoNotOptimize(st::hedges_g(a, b));
  set_items(state, 2 * state.range(0));
}
void BM_MannWhitneyU(benchmark::State& state) {
  const auto a = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 2);
  const auto b = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state) benchmark::DoNotOptimize(st::mann_whitney_u(a, b));
  set_items(state, 2 * state.range(0));
}

// Percentile bootstrap CI with the default 2000 resamples (config bootstrap.resamples).
void BM_BootstrapCi(benchmark::State& state) {
  const auto a = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 2);
  const auto b = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 3);
  for (auto _ : state) benchmark::DoNotOptimize(st::bootstrap_mean_difference_ci(a, b, 2000, 20240229, 0.95));
  set_items(state, 2 * state.range(0));
}

void BM_Spearman(benchmark::State& state) {
  const auto x = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 4);
  auto y = gb::skewed_values(static_cast<std::size_t>(state.range(0)), 5);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] += x[i];  // some correlation
  for (auto _ : state) benchmark::DoNotOptimize(st::spearman(x, y));
  set_items(state, state.range(0));
}

// OLS with HC3 errors: n rows, k = 6 (intercept + 5 regressors).
void BM_OlsHc3(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  constexpr std::size_t k = 6;
  const auto noise = gb::skewed_values(n * k, 6);
  std::vector<double> x(n * k), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i * k] = 1.0;
    double yi = noise[i * k];
    for (std::size_t j = 1; j < k; ++j) {
      x[i * k + j] = noise[i * k + j];
      yi += 0.5 * static_cast<double>(j) * x[i * k + j];
    }
    y[i] = yi;
  }
  for (auto _ : state) {
    auto r = st::ols_hc3(y, x, k);
    if (!r) state.SkipWithError("ols failed");
    benchmark::DoNotOptimize(r);
  }
  set_items(state, state.range(0));
}

}  // namespace

BENCHMARK(BM_Gini)->Arg(300)->Arg(30000);
BENCHMARK(BM_TheilT)->Arg(300)->Arg(30000);
BENCHMARK(BM_HedgesG)->Arg(300)->Arg(15000);
BENCHMARK(BM_MannWhitneyU)->Arg(300)->Arg(15000);
BENCHMARK(BM_BootstrapCi)->Arg(30)->Arg(300)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Spearman)->Arg(300)->Arg(30000);
BENCHMARK(BM_OlsHc3)->Arg(300)->Arg(30000)->Unit(benchmark::kMicrosecond);
