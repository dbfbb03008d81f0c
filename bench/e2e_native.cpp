// End-to-end driver for the native engine, run by bench/js/run.mjs once per
// measurement: CSV bytes (already in memory, as the wasm package gets them) →
// full report with group_by team, timed in-process. Prints one JSON line:
//   {"seconds":…, "cpu_seconds":…, "ingest_seconds":…, "report_seconds":…, "report_bytes":…,
//    "rss_baseline_mb":…, "peak_rss_mb":…}
// rss_baseline_mb is the process before it reads its input; peak − baseline is
// what the run needs, input bytes included (as for the JS engines).
// Usage: gapscore_e2e DIR [REPORT_OUT]   (DIR holds activity.csv and optionally
// people.csv, surveys.csv, playbook.csv, as written by `gapscore generate`).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gapscore/session.h"

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;  // the npm wrapper's default chunk

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto secs = [](timeval t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  out.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  return static_cast<bool>(in.read(out.data(), static_cast<std::streamsize>(out.size())));
}

int fail(const std::string& what, const gapscore::Error& e) {
  std::fprintf(stderr, "gapscore_e2e: %s: %s\n", what.c_str(), e.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: gapscore_e2e DIR [REPORT_OUT]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const double rss_baseline = peak_rss_mb();
  struct Input {
    gapscore::TableKind kind;
    std::string bytes;
  };
  std::vector<Input> inputs;
  for (gapscore::TableKind kind : gapscore::kReadOrder) {
    const std::string name(gapscore::table_name(kind));
    std::string bytes;
    if (read_file(dir + "/" + name + ".csv", bytes)) inputs.push_back({kind, std::move(bytes)});
  }
  // kReadOrder puts the activity last (the small tables are read first).
  const bool has_activity = std::any_of(inputs.begin(), inputs.end(),
                                        [](const Input& in) { return in.kind == gapscore::TableKind::activity; });
  if (!has_activity) {
    std::fprintf(stderr, "gapscore_e2e: %s/activity.csv not found\n", dir.c_str());
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  const double cpu0 = cpu_seconds();
  const auto t0 = Clock::now();
  auto analysis = gapscore::Session::create(R"({"group_by":["team"]})");
  if (!analysis) return fail("config", analysis.error());
  for (const Input& in : inputs) {
    if (auto s = analysis->begin_table(in.kind, std::string(gapscore::table_name(in.kind)) + ".csv",
                                       gapscore::InputFormat::detect, in.bytes.size());
        !s)
      return fail("begin_table", s.error());
    for (std::size_t i = 0; i < in.bytes.size(); i += kChunkBytes) {
      if (auto s = analysis->push(std::string_view(in.bytes).substr(i, kChunkBytes)); !s)
        return fail("push", s.error());
    }
    if (auto s = analysis->end_table(); !s) return fail("end_table", s.error());
  }
  const auto t1 = Clock::now();
  auto report = analysis->report();
  if (!report) return fail("report", report.error());
  const auto t2 = Clock::now();
  const double cpu = cpu_seconds() - cpu0;

  if (argc == 3) {
    std::FILE* f = std::fopen(argv[2], "wb");
    if (!f || std::fwrite(report->data(), 1, report->size(), f) != report->size() || std::fclose(f) != 0) {
      std::fprintf(stderr, "gapscore_e2e: cannot write %s\n", argv[2]);
      return 1;
    }
  }
  const auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::printf(
      "{\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"ingest_seconds\":%.6f,\"report_seconds\":%.6f,\"report_bytes\":%zu,"
      "\"rss_baseline_mb\":%.1f,\"peak_rss_mb\":%.1f}\n",
      secs(t2 - t0), cpu, secs(t1 - t0), secs(t2 - t1), report->size(), rss_baseline, peak_rss_mb());
  return 0;
}
