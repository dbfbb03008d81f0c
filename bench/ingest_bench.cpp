// Reading input: the raw CSV tokenizer, then CSV and JSON into a typed table.
// Argument = people in the generated organisation (54 ≈ 10k rows, 540 ≈ 100k).
#include <benchmark/benchmark.h>

#include "bench_data.h"
#include "ingest/csv.h"
#include "ingest/ingest.h"

namespace gb = gapscore::bench;

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;  // the npm wrapper's chunk size

// Tokenizing only (RFC 4180 state machine + UTF-8 validation), records discarded.
void BM_CsvReader(benchmark::State& state) {
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  const gapscore::CsvReader::Sink sink = [](const gapscore::CsvRecord& r) -> gapscore::Status {
    benchmark::DoNotOptimize(r.fields.data());
    return gapscore::Ok{};
  };
  for (auto _ : state) {
    gapscore::CsvReader reader({}, "activity");
    for (std::size_t i = 0; i < d.activity.size(); i += kChunk)
      if (!reader.feed(std::string_view(d.activity).substr(i, kChunk), sink)) state.SkipWithError("feed failed");
    if (!reader.finish(sink)) state.SkipWithError("finish failed");
  }
  gb::set_throughput(state, d.activity.size(), d.activity_rows);
}

// CSV bytes → typed, validated columnar activity table (what every report starts with).
void BM_IngestCsv(benchmark::State& state) {
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  gapscore::IngestOptions options;
  options.kind = gapscore::TableKind::activity;
  options.format = gapscore::InputFormat::csv;
  for (auto _ : state) {
    gapscore::DiagnosticLog log;
    gapscore::TableIngestor ingestor(options, log);
    for (std::size_t i = 0; i < d.activity.size(); i += kChunk)
      if (!ingestor.push(std::string_view(d.activity).substr(i, kChunk))) state.SkipWithError("push failed");
    auto table = ingestor.finish();
    if (!table) state.SkipWithError("ingest failed");
    benchmark::DoNotOptimize(table);
  }
  gb::set_throughput(state, d.activity.size(), d.activity_rows);
}

// The same table from a JSON array of objects.
void BM_IngestJson(benchmark::State& state) {
  const gb::Dataset& d = gb::dataset(static_cast<std::uint32_t>(state.range(0)));
  gapscore::IngestOptions options;
  options.kind = gapscore::TableKind::activity;
  options.format = gapscore::InputFormat::json;
  for (auto _ : state) {
    gapscore::DiagnosticLog log;
    auto table = gapscore::ingest_table(d.activity_json, options, log);
    if (!table) state.SkipWithError("ingest failed");
    benchmark::DoNotOptimize(table);
  }
  gb::set_throughput(state, d.activity_json.size(), d.activity_rows);
}

}  // namespace

BENCHMARK(BM_CsvReader)->Arg(54)->Arg(540)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestCsv)->Arg(54)->Arg(540)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestJson)->Arg(54)->Arg(540)->Unit(benchmark::kMillisecond);
