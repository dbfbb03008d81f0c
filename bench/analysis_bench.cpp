// The Session API: ingest + join, the report (every metric, statistic and
// section, then canonical JSON text), and how the report's cost depends on
// the grouping. Argument = people (54 ≈ 10k activity rows, 540 ≈ 100k).
#include <benchmark/benchmark.h>

#include <string>

#include "bench_data.h"
#include "gapscore/session.h"

namespace gb = gapscore::bench;

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;

std::size_t input_bytes(const gb::Dataset& d) {
  return d.activity.size() + d.people.size() + d.surveys.size() + d.playbook.size();
}

// Creates a Session and streams all four generated tables into it.
gapscore::Session ingest_all(const gb::Dataset& d, const std::string& config, benchmark::State& state) {
  auto created = gapscore::Session::create(config);
  if (!created) {
    state.SkipWithError("config rejected");
    std::abort();
  }
  gapscore::Session a = std::move(created).value();
  // In the session's read order (gapscore::kReadOrder: the activity last).
  const std::pair<gapscore::TableKind, const std::string*> tables[] = {
      {gapscore::TableKind::people, &d.people},
      {gapscore::TableKind::playbook, &d.playbook},
      {gapscore::TableKind::surveys, &d.surveys},
      {gapscore::TableKind::activity, &d.activity}};
  for (const auto& [kind, bytes] : tables) {
    bool ok = static_cast<bool>(a.begin_table(kind));
    for (std::size_t i = 0; ok && i < bytes->size(); i += kChunk) ok = static_cast<bool>(a.push(std::string_view(*bytes).substr(i, kChunk)));
    ok = ok && static_cast<bool>(a.end_table());
    if (!ok) {
      state.SkipWithError("ingest failed");
      std::abort();  // a benchmark that measures a failure is worse than none
    }
  }
  return a;
}

const std::string kByTeam = R"({"group_by":["team"]})";

// CSV bytes of all four tables → report text: what `gapscore analyze` and
// gs.analyze() do.
void BM_AnalyzeEndToEnd(benchmark::State& state) {
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  for (auto _ : state) {
    gapscore::Session a = ingest_all(d, kByTeam, state);
    auto report = a.report();
    if (!report) state.SkipWithError("report failed");
    benchmark::DoNotOptimize(report);
  }
  gb::set_throughput(state, input_bytes(d), d.activity_rows);
}

// Ingest of the four tables plus the join (people attributes onto activity rows).
void BM_IngestAndJoin(benchmark::State& state) {
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  for (auto _ : state) {
    gapscore::Session a = ingest_all(d, kByTeam, state);
    if (!a.join()) state.SkipWithError("join failed");
    benchmark::ClobberMemory();
  }
  gb::set_throughput(state, input_bytes(d), d.activity_rows);
}

// Report only, on an already joined dataset: per-group aggregation, every
// statistic (gaps, bootstrap CIs, uniformity, trends, score), privacy
// suppression and serialization to canonical JSON. The last two are not
// separable through the public API; see docs/performance.md for the profile.
void BM_Report(benchmark::State& state) {
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  gapscore::Session a = ingest_all(d, kByTeam, state);
  if (!a.join()) state.SkipWithError("join failed");
  std::size_t report_bytes = 0;
  for (auto _ : state) {
    auto report = a.report();
    if (!report) state.SkipWithError("report failed");
    report_bytes = report->size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["report_bytes"] = static_cast<double>(report_bytes);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(d.activity_rows) * static_cast<double>(state.iterations()),
                                                benchmark::Counter::kIsRate);
}

// Report cost by grouping: range(1) = 0 (overall only), 1 (team), 2 (team × role).
void BM_ReportGroupBy(benchmark::State& state) {
  static const std::string kConfigs[] = {R"({"group_by":[]})", kByTeam, R"({"group_by":["team","role"]})"};
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  gapscore::Session a = ingest_all(d, kConfigs[state.range(1)], state);
  if (!a.join()) state.SkipWithError("join failed");
  for (auto _ : state) {
    auto report = a.report();
    if (!report) state.SkipWithError("report failed");
    benchmark::DoNotOptimize(report);
  }
}

}  // namespace

BENCHMARK(BM_AnalyzeEndToEnd)->Arg(54)->Arg(540)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestAndJoin)->Arg(54)->Arg(540)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Report)->Arg(54)->Arg(540)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportGroupBy)->ArgsProduct({{540}, {0, 1, 2}})->ArgNames({"people", "grouping"})->Unit(benchmark::kMillisecond);
