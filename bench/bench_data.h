// Benchmark inputs made in-process with gapscore::generate_dataset (the same
// bytes as `gapscore generate --people N --seed 1`), cached per size so a
// benchmark's setup cost is paid once. About 187 activity rows per person for
// 90 days: 54 people ≈ 10k rows, 540 ≈ 100k, 5400 ≈ 1M.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gapscore/generate.h"
#include "base/prng.h"

namespace gapscore::bench {

struct Dataset {
  std::string activity, people, surveys, playbook;
  std::string activity_json;  // the activity table as a JSON array of objects
  std::int64_t activity_rows = 0;
};

// The activity CSV as a JSON array: numbers stay numbers, empty cells become null.
// The generator writes no quoted fields, so splitting on ',' is exact.
inline std::string csv_to_json(std::string_view csv) {
  std::string out = "[";
  std::string_view header = csv.substr(0, csv.find('\n'));
  std::vector<std::string_view> names;
  for (std::size_t p = 0; p <= header.size();) {
    const std::size_t q = std::min(header.find(',', p), header.size());
    names.push_back(header.substr(p, q - p));
    p = q + 1;
  }
  std::size_t pos = header.size() + 1;
  bool first_row = true;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    const std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    out += first_row ? "{" : ",{";
    first_row = false;
    std::size_t p = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::size_t q = std::min(line.find(',', p), line.size());
      const std::string_view cell = line.substr(p, q - p);
      p = q + 1;
      if (i > 0) out += ',';
      out += '"';
      out += names[i];
      out += "\":";
      const bool is_text = names[i] == "person_id" || names[i] == "date" || names[i] == "task_type";
      if (cell.empty()) {
        out += "null";
      } else if (is_text) {
        out += '"';
        out += cell;
        out += '"';
      } else {
        out += cell;
      }
    }
    out += '}';
  }
  out += "]";
  return out;
}

inline const Dataset& dataset(std::uint32_t people) {
  static std::map<std::uint32_t, Dataset> cache;
  auto it = cache.find(people);
  if (it != cache.end()) return it->second;
  Dataset d;
  GenerateOptions options;
  options.people = people;
  options.days = 90;
  options.seed = 1;
  Status s = generate_dataset(options, [&](GeneratedFile f, std::string_view chunk) -> Status {
    switch (f) {
      case GeneratedFile::activity: d.activity.append(chunk); break;
      case GeneratedFile::people: d.people.append(chunk); break;
      case GeneratedFile::surveys: d.surveys.append(chunk); break;
      case GeneratedFile::playbook: d.playbook.append(chunk); break;
      case GeneratedFile::truth: break;
    }
    return Ok{};
  });
  if (!s) std::abort();
  for (char c : d.activity) d.activity_rows += c == '\n';
  d.activity_rows -= 1;  // header
  d.activity_json = csv_to_json(d.activity);
  return cache.emplace(people, std::move(d)).first->second;
}

// n values from a skewed, non-negative distribution (like per-person shares).
inline std::vector<double> skewed_values(std::size_t n, std::uint64_t seed) {
  Prng rng(seed);
  std::vector<double> v(n);
  for (double& x : v) {
    const double u = rng.uniform01();
    x = u * u * u * 10.0;
  }
  return v;
}

// Throughput counters shared by the ingest and analysis benchmarks.
inline void set_throughput(benchmark::State& state, std::size_t bytes, std::int64_t rows) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
  // In MB (10^6 bytes) so the column reads directly as MB/s.
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) * 1e-6 * static_cast<double>(state.iterations()),
                                              benchmark::Counter::kIsRate);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows) * static_cast<double>(state.iterations()),
                                                benchmark::Counter::kIsRate);
  state.counters["rows"] = static_cast<double>(rows);
}

}  // namespace gapscore::bench
