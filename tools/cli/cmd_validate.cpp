// gapscore validate: ingest only, report every problem.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "file_io.h"
#include "inputs.h"

namespace gapscore::cli {

namespace {
constexpr const char* kHelp =
    "usage: gapscore validate --activity FILE [--people FILE] [--surveys FILE] [--playbook FILE]\n"
    "                         [--config FILE] [--strict] [--json]\n"
    "\n"
    "Reads the tables and prints every problem found (row, column, value).\n"
    "Exit code 0 when every row is usable, 1 when rows would be skipped or optional\n"
    "cells read as empty, a table has a fatal problem (e.g. a missing column)\n"
    "or the people table names fewer than half of the activity's people, 2 for usage\n"
    "errors (bad option or config, a file that cannot be opened).\n\noptions:\n";

// Most of the activity's people missing from the people table: the two files
// use different ids (or it is another organisation's people file), and every
// figure by team or role would be "(unassigned)". A few missing is normal (new
// starters, leavers); more than half is a join that failed.
bool people_mostly_missing(const nlohmann::json& validation) {
  const auto join = validation.value("people_join", nlohmann::json());
  if (!join.is_object()) return false;
  const auto people = join.value("people_in_activity", std::uint64_t{0});
  const auto missing = join.value("missing_from_people_table", std::uint64_t{0});
  if (2 * missing <= people) return false;
  std::fprintf(stderr,
               "validate: %llu of the activity's %llu people are not in the people table; do both tables use the "
               "same person ids?\n",
               static_cast<unsigned long long>(missing), static_cast<unsigned long long>(people));
  return true;
}
}

int run_validate(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = input_flags();
  specs.push_back({"json", false, false, "print the validation result as JSON on stdout"});
  std::string err;
  const auto args = parse_args(argv, specs, err);
  if (!args) {
    std::fprintf(stderr, "gapscore validate: %s\n\n%s%s", err.c_str(), kHelp, flags_help(specs).c_str());
    return 2;
  }
  if (args->help) {
    std::printf("%s%s", kHelp, flags_help(specs).c_str());
    return 0;
  }
  auto analysis = make_analysis(*args, TableBytes::drop);
  if (!analysis) {
    print_diagnostics(analysis.error().diagnostics);
    return failure_exit_code(analysis.error().code());
  }
  Status s = stream_inputs(*args, *analysis, TableBytes::drop);
  if (s) s = analysis->join();
  const DiagnosticLog& log = analysis->log();
  print_log(log);
  const std::string validation = analysis->validation_report();
  if (args->has("json")) (void)write_output("-", validation);
  if (!s) {
    if (failure_exit_code(s.error().code()) == 2) {
      print_diagnostics(s.error().diagnostics);
      return 2;
    }
    print_unless_logged(s.error(), log);
    std::fprintf(stderr, "validate: FAILED (%s)\n", s.error().message().c_str());
    return 1;
  }
  // Row problems skip their row, except an optional cell of the people or survey table: read as empty.
  std::uint64_t problems = 0, skipped = 0;
  for (const auto& [key, n] : log.counts())
    if (diag_code_severity_class(key.second) == "row") problems += n;
  const auto parsed = nlohmann::json::parse(validation, nullptr, false);
  for (const auto& input : parsed.value("inputs", nlohmann::json::array()))
    skipped += input.value("rows_skipped", std::uint64_t{0});
  const bool unmatched = people_mostly_missing(parsed);
  if (problems > skipped)
    std::fprintf(stderr, "validate: %llu optional cell(s) would be read as empty; their rows are kept\n",
                 static_cast<unsigned long long>(problems - skipped));
  if (skipped > 0)
    std::fprintf(stderr, "validate: %llu row problem(s); those rows would be skipped\n",
                 static_cast<unsigned long long>(skipped));
  if (problems > 0 || skipped > 0 || unmatched) return 1;
  std::fprintf(stderr, "validate: OK\n");
  return 0;
}

}  // namespace gapscore::cli
