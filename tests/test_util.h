// Small helpers shared by the tests: reading fixture files, ulp distance.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <sys/wait.h>
#include <unistd.h>
#include <utility>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <nlohmann/json.hpp>

#include "gapscore/generate.h"
#include "gapscore/inputs.h"

namespace gapscore::testing_util {

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The folders fresh_temp_dir made, removed when the process exits, so that runs
// of the suite do not pile up in the temp folder. GAPSCORE_KEEP_TEMP=1 keeps
// them, to look at a failed case's files.
inline std::vector<std::filesystem::path>& temp_dirs_removed_at_exit() {
  struct Folders {
    std::vector<std::filesystem::path> list;
    ~Folders() {
      if (std::getenv("GAPSCORE_KEEP_TEMP")) return;
      std::error_code ignored;
      for (const auto& dir : list) std::filesystem::remove_all(dir, ignored);
    }
  };
  static Folders folders;
  return folders.list;
}

// A fresh, empty folder of this process's own: ctest runs each test case as its own process,
// in parallel, so a shared fixed name would let one case delete another's files.
inline std::filesystem::path fresh_temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("gapscore_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  temp_dirs_removed_at_exit().push_back(dir);
  return dir;
}

#ifdef GAPSCORE_CLI_PATH  // defined when the CLI is built
// The gapscore CLI run through the shell, stdout and stderr together. `timeout`
// turns a hang into a failure instead of a stuck suite.
struct CliResult {
  int exit_code = -1;
  bool signalled = false;
  std::string out;
};

inline CliResult run_cli(const std::string& args, int timeout_seconds = 60) {
  const std::string cmd =
      "timeout " + std::to_string(timeout_seconds) + " " + std::string(GAPSCORE_CLI_PATH) + " " + args + " 2>&1";
  CliResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.signalled = WIFSIGNALED(status);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}
#endif

inline nlohmann::json read_json(const std::string& path) { return nlohmann::json::parse(read_file(path)); }

inline std::string data_path(const std::string& relative) { return std::string(GAPSCORE_TEST_DATA_DIR) + "/" + relative; }

// Distance in units in the last place between two finite doubles of the same sign.
inline std::int64_t ulp_distance(double a, double b) {
  if (a == b) return 0;
  std::int64_t ia, ib;
  std::memcpy(&ia, &a, 8);
  std::memcpy(&ib, &b, 8);
  if ((ia < 0) != (ib < 0)) return INT64_MAX;
  return ia > ib ? ia - ib : ib - ia;
}

// |a - b| <= rel·|b| + abs.
inline bool close(double a, double b, double rel, double abs = 0.0) {
  return std::fabs(a - b) <= rel * std::fabs(b) + abs;
}

// An organisation's four tables as bytes in memory.
struct OrgTables {
  std::string activity, people, surveys, playbook;
  // The tables in the order a session reads them (kReadOrder), the activity last.
  std::array<std::pair<TableKind, const std::string*>, 4> in_read_order() const {
    return {{{TableKind::people, &people}, {TableKind::playbook, &playbook}, {TableKind::surveys, &surveys},
             {TableKind::activity, &activity}}};
  }
};

// What `gapscore generate` would write (without the truth file), kept in memory.
inline OrgTables generated_tables(const GenerateOptions& options) {
  OrgTables t;
  const Status s = generate_dataset(options, [&](GeneratedFile f, std::string_view chunk) -> Status {
    switch (f) {
      case GeneratedFile::activity: t.activity += chunk; break;
      case GeneratedFile::people: t.people += chunk; break;
      case GeneratedFile::surveys: t.surveys += chunk; break;
      case GeneratedFile::playbook: t.playbook += chunk; break;
      case GeneratedFile::truth: break;
    }
    return Ok{};
  });
  if (!s.ok()) throw std::runtime_error("generate_dataset failed: " + s.error().message());
  return t;
}

// The demo's built-in sample (web-demo/sample).
inline OrgTables sample_tables() {
  const std::string dir = std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/";
  return {read_file(dir + "activity.csv"), read_file(dir + "people.csv"), read_file(dir + "surveys.csv"),
          read_file(dir + "playbook.csv")};
}

}  // namespace gapscore::testing_util
