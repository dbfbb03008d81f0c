// gapscore partial / merge: saved partial states (.gsp, docs/partial-state.md),
// so that months, business units or cluster workers read their own files and
// one merge gives the report a single analyze would give.
#include <cstdio>

#include "allocator.h"
#include "commands.h"
#include "file_io.h"
#include "inputs.h"

namespace gapscore::cli {

namespace {

constexpr const char* kSensitive =
    "A partial state holds per-person sums and every person id: it is as sensitive as the\n"
    "raw data. Keep it where you keep the inputs; never publish it. Only a report applies\n"
    "the privacy rules.\n";

constexpr const char* kPartialHelp =
    "usage: gapscore partial --activity FILE [--activity FILE]... [--people FILE] [--surveys FILE]\n"
    "                        [--playbook FILE] [--usage FILE]... [--identities FILE] [--config FILE]\n"
    "                        --out STATE.gsp\n"
    "\n"
    "Reads the inputs and saves what was read as a partial state (per-person state,\n"
    "not a report). 'gapscore merge' adds partial states of other activity files\n"
    "(other months, units, workers) and writes the report: byte-identical to one\n"
    "'gapscore analyze' over all the files. Give every partial the same other tables\n"
    "(people, playbook, ...) and the same reading settings (period, window, mode, columns).\n\n";

constexpr const char* kMergeHelp =
    "usage: gapscore merge A.gsp B.gsp... [--config FILE] [--group-by team,role] --out report.json|merged.gsp\n"
    "\n"
    "Merges partial states (from 'gapscore partial' or an earlier merge). --out picks\n"
    "the output by its extension: .json writes the report, .gsp the merged state (to\n"
    "keep accumulating, e.g. next month). The order of the states does not matter.\n"
    "A file in two states is read once (a duplicate_input warning); states sharing a\n"
    "key (person x date x task type) in different files cannot be merged: analyze\n"
    "those files together. Exit code 0 ok, 1 the states cannot be merged or analysed,\n"
    "2 usage errors.\n\n";

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

int fail(const Error& e) {
  print_diagnostics(e.diagnostics);
  return failure_exit_code(e.code());
}

}  // namespace

int run_partial(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = input_flags();
  specs.push_back({"out", true, false, "the partial state to write (.gsp)"});
  std::string err;
  const auto args = parse_args(argv, specs, err);
  if (!args) {
    std::fprintf(stderr, "gapscore partial: %s\n\n%s%s%s", err.c_str(), kPartialHelp, kSensitive, flags_help(specs).c_str());
    return 2;
  }
  if (args->help) {
    std::printf("%s%s\noptions:\n%s", kPartialHelp, kSensitive, flags_help(specs).c_str());
    return 0;
  }
  const std::string out = args->get("out").value_or("");
  if (!ends_with(out, ".gsp")) {
    std::fprintf(stderr, "gapscore partial: --out STATE.gsp is required (a partial state; see --help)\n");
    return 2;
  }
  if (!args->positional.empty()) {
    std::fprintf(stderr, "gapscore partial: unexpected argument '%s'\n", args->positional.front().c_str());
    return 2;
  }
  auto analysis = make_analysis(*args, TableBytes::keep);
  if (!analysis) return fail(analysis.error());
  if (Status s = stream_inputs(*args, *analysis, TableBytes::keep); !s) {
    print_log(analysis->log());
    return fail(s.error());
  }
  auto state = analysis->save_state();
  if (!state) return fail(state.error());
  if (Status w = write_output(out, state.value()); !w) return fail(w.error());
  return 0;
}

int run_merge(const std::vector<std::string>& argv) {
  const std::vector<FlagSpec> specs = {
      {"config", true, false, "JSON configuration file (its reading settings must match the states')"},
      {"group-by", true, false, "comma-separated person attributes (overrides config), e.g. team,role"},
      {"out", true, false, "report.json (the report) or merged.gsp (a merged state)"},
  };
  std::string err;
  const auto args = parse_args(argv, specs, err);
  if (!args) {
    std::fprintf(stderr, "gapscore merge: %s\n\n%s%s", err.c_str(), kMergeHelp, flags_help(specs).c_str());
    return 2;
  }
  if (args->help) {
    std::printf("%s%s\noptions:\n%s", kMergeHelp, kSensitive, flags_help(specs).c_str());
    return 0;
  }
  const std::string out = args->get("out").value_or("");
  const bool to_state = ends_with(out, ".gsp");
  if (!to_state && !ends_with(out, ".json")) {
    std::fprintf(stderr, "gapscore merge: --out must end in .json (report) or .gsp (merged state)\n");
    return 2;
  }
  if (args->positional.empty()) {
    std::fprintf(stderr, "gapscore merge: give at least one state file (.gsp)\n");
    return 2;
  }
  // The config as analyze builds it (file + --group-by), as JSON for load_state.
  std::string config_text;
  if (auto path = args->get("config")) {
    auto text = read_file(*path);
    if (!text) return fail(text.error());
    config_text = std::move(text).value();
  }
  std::optional<Session> merged;
  for (const std::string& path : args->positional) {
    auto bytes = read_file(path);
    if (!bytes) return fail(bytes.error());
    auto state = Session::load_state(bytes.value(), config_text);
    if (!state) {
      std::fprintf(stderr, "gapscore merge: %s:\n", path.c_str());
      return fail(state.error());
    }
    if (!merged) {
      merged = std::move(state).value();
      continue;
    }
    if (Status s = merged->merge(std::move(state).value()); !s) {
      std::fprintf(stderr, "gapscore merge: %s:\n", path.c_str());
      return fail(s.error());
    }
  }
  if (auto g = args->get("group-by")) {
    Config c = merged->config();
    c.group_by.clear();
    std::string cur;
    for (char ch : *g + ",") {
      if (ch == ',') {
        if (!cur.empty()) c.group_by.push_back(cur);
        cur.clear();
      } else if (ch != ' ') {
        cur.push_back(ch);
      }
    }
    if (Status s = merged->configure(std::move(c)); !s) return fail(s.error());
  }
  allocator_for_report();
  Result<std::string> text = to_state ? merged->save_state() : merged->report();
  if (!text) {
    print_log(merged->log());
    return fail(text.error());
  }
  if (Status w = write_output(out, text.value()); !w) return fail(w.error());
  return 0;
}

}  // namespace gapscore::cli
