// The fuzzed bytes as an activity CSV read in parallel, two ways, each
// compared with one reader's report and ingest summary (a differential check):
// - by 2-5 readers by person (Shard{i, n}, pushed in small chunks), merged
//   with merge: always byte-identical;
// - by 2-5 readers in byte ranges (Shard::by_bytes, pulled in small chunks),
//   merged with merge_range: byte-identical when every range read and merged.
//   Refusing (a range failed to read, or merge_range said false) is allowed:
//   the CLI then reads the file by person.
#include "fuzz_common.h"
#include "gapscore/inputs.h"

namespace {

// Every diagnostic listed, so that each row number is compared.
constexpr std::string_view kConfig = R"({"bootstrap":{"resamples":100},"max_diagnostics":10000})";

struct Outcome {
  gapscore::Result<std::string> report;
  std::string validation;
};

Outcome outcome(gapscore::Session& s) { return {s.report(), s.validation_report()}; }

bool same(const Outcome& a, const Outcome& b) {
  if (a.validation != b.validation || a.report.ok() != b.report.ok()) return false;
  if (a.report.ok()) return a.report.value() == b.report.value();
  return a.report.error().message() == b.report.error().message();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  const std::string_view text = gapscore_fuzz::as_text(data, size);

  auto one = Session::create(kConfig);
  if (!one) __builtin_trap();
  if (!gapscore_fuzz::add_table(*one, TableKind::activity, text, InputFormat::csv, size)) return 0;
  const Outcome expected = outcome(*one);

  // The split and the chunk size come from the data's size, so that the
  // fuzzer meets every range start by changing the bytes.
  const auto ranges = static_cast<std::uint32_t>(2 + size % 4);
  const std::size_t chunk = 1 + (size * 7) % 61;
  const ChunkSource source = [&](std::uint64_t at, std::string_view& out) -> Status {
    out = at < text.size() ? text.substr(at, chunk) : std::string_view();
    return Ok{};
  };
  // By person: every reader reads every byte and keeps its share of the people.
  std::vector<Session> shards;
  for (std::uint32_t i = 0; i < ranges; ++i) {
    auto s = Session::create(kConfig);
    if (!s) __builtin_trap();
    Status st = s->begin_table(TableKind::activity, "fuzz", InputFormat::csv, size, Shard{i, ranges});
    for (std::size_t at = 0; st && at < text.size(); at += chunk) st = s->push(text.substr(at, chunk));
    if (st) st = s->end_table();
    // The whole reading succeeded, so every shard's must.
    if (!st) __builtin_trap();
    shards.push_back(std::move(s).value());
  }
  for (std::uint32_t i = 1; i < ranges; ++i)
    if (!shards[0].merge(std::move(shards[i]))) __builtin_trap();
  if (!same(outcome(shards[0]), expected)) __builtin_trap();

  const std::string digest = sha256_hex(text);
  std::vector<Session> sessions;
  for (std::uint32_t i = 0; i < ranges; ++i) {
    auto s = Session::create(kConfig);
    if (!s) __builtin_trap();
    Status st = s->begin_table(TableKind::activity, "fuzz", InputFormat::csv, size, Shard{i, ranges, true, size}, true);
    if (st) st = s->pull(source);
    if (st) st = s->end_table(digest);
    gapscore_fuzz::check_error_has_diagnostic(st);
    if (!st) return 0;
    sessions.push_back(std::move(s).value());
  }
  for (std::uint32_t i = 1; i < ranges; ++i) {
    // False is a refusal; an error, when one reader and every range read
    // the file, is a run that fails where one reader's did not.
    auto merged = sessions[0].merge_range(std::move(sessions[i]), source);
    if (!merged) __builtin_trap();
    if (!merged.value()) return 0;
  }
  if (!same(outcome(sessions[0]), expected)) __builtin_trap();
  return 0;
}
