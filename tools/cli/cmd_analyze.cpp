// gapscore analyze: the full report.
#include <cstdio>
#include <filesystem>
#include <optional>

#include "allocator.h"
#include "commands.h"
#include "file_io.h"
#include "inputs.h"
#include "summary_text.h"

namespace gapscore::cli {

namespace {
constexpr const char* kHelp =
    "usage: gapscore analyze --activity FILE [--people FILE] [--surveys FILE] [--playbook FILE]\n"
    "                        [--usage FILE]... [--identities FILE] [--config FILE] [--group-by team,role]\n"
    "                        [--rollup-by department] [--out FILE] [--format json|summary] [--ledger FILE]\n"
    "       gapscore analyze --people FILE --usage FILE... [--identities FILE]   (adoption-only report)\n"
    "       gapscore analyze --usage PERSON_QUERY.csv [--group-by Organization]   (adoption-only, Viva Insights)\n"
    "\n"
    "Computes the AI productivity gap report. JSON goes to stdout unless --out is given;\n"
    "--format summary prints a short human-readable overview instead.\n"
    "With privacy.protection \"dp\", --ledger FILE keeps the privacy budget across runs: each report\n"
    "spends privacy.dp.epsilon from it and is refused past privacy.dp.total_epsilon (the file is\n"
    "created when missing and updated after each release; keep it where analysts cannot reset it).\n"
    "With \"salt\": \"generate\" the salt made for the run is printed on stderr: keep it secret.\n"
    "Exit code 0 when a report was written, 1 when the inputs cannot be analysed or the privacy\n"
    "budget is spent, 2 for usage errors.\n\n"
    "options:\n";
}

int run_analyze(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = input_flags();
  specs.push_back({"out", true, false, "write the report here instead of stdout"});
  specs.push_back({"format", true, false, "json (default) or summary"});
  specs.push_back({"ledger", true, false, "privacy-budget ledger file (protection dp): read, then updated after the release"});
  std::string err;
  const auto args = parse_args(argv, specs, err);
  if (!args) {
    std::fprintf(stderr, "gapscore analyze: %s\n\n%s%s", err.c_str(), kHelp, flags_help(specs).c_str());
    return 2;
  }
  if (args->help) {
    std::printf("%s%s", kHelp, flags_help(specs).c_str());
    return 0;
  }
  const std::string format = args->get("format").value_or("json");
  if (format != "json" && format != "summary") {
    std::fprintf(stderr, "gapscore analyze: --format must be json or summary\n");
    return 2;
  }
  auto analysis = make_analysis(*args, TableBytes::drop);
  if (!analysis) {
    print_diagnostics(analysis.error().diagnostics);
    return failure_exit_code(analysis.error().code());
  }
  const std::optional<std::string> ledger_path = args->get("ledger");
  if (ledger_path && std::filesystem::exists(*ledger_path)) {
    auto bytes = read_file(*ledger_path);
    Status l = bytes ? analysis->set_ledger(bytes.value()) : Status(std::move(bytes).error());
    if (!l) {
      print_diagnostics(l.error().diagnostics);
      return 2;
    }
  }
  Status s = stream_inputs(*args, *analysis, TableBytes::drop);
  allocator_for_report();
  Result<std::string> report = s ? analysis->report() : Result<std::string>(std::move(s).error());
  // The ledger is written as soon as a release happened, before anything else can fail.
  if (report && ledger_path && !analysis->ledger().empty()) {
    if (Status w = write_output(*ledger_path + ".tmp", analysis->ledger()); !w) {
      print_diagnostics(w.error().diagnostics);
      return 2;
    }
    std::error_code rename_error;
    std::filesystem::rename(*ledger_path + ".tmp", *ledger_path, rename_error);
    if (rename_error) {
      std::fprintf(stderr, "gapscore analyze: cannot write the ledger %s: %s\n", ledger_path->c_str(),
                   rename_error.message().c_str());
      return 2;
    }
  }
  if (!analysis->generated_salt().empty())
    std::fprintf(stderr,
                 "analyze: privacy.salt was generated for this run: %s\n"
                 "         keep it secret; give it as privacy.salt to get the same pseudonyms and cell keys again\n",
                 analysis->generated_salt().c_str());
  if (!report) {
    print_log(analysis->log());
    const int code = failure_exit_code(report.error().code());
    print_unless_logged(report.error(), analysis->log());
    // Strict mode stops reading at its first errors: say so, not "these are all".
    if (report.error().diagnostics.size() >= analysis->log().max_items())
      std::fprintf(stderr, "... stopped at the first %zu errors (strict mode): the rest of the input was not read\n",
                   report.error().diagnostics.size());
    return code;
  }
  const std::string text = format == "json" ? report.value() : summary_text(report.value());
  if (Status w = write_output(args->get("out").value_or("-"), text); !w) {
    print_diagnostics(w.error().diagnostics);
    return 2;
  }
  const DiagnosticLog& log = analysis->log();
  if (log.warnings() > 0)
    std::fprintf(stderr, "analyze: %llu warning(s); see \"diagnostics\" in the report\n",
                 static_cast<unsigned long long>(log.warnings()));
  return 0;
}

}  // namespace gapscore::cli
