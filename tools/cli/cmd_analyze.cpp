// gapscore analyze: the full report.
#include <cstdio>

#include "commands.h"
#include "file_io.h"
#include "inputs.h"
#include "summary_text.h"

namespace gapscore::cli {

namespace {
constexpr const char* kHelp =
    "usage: gapscore analyze --activity FILE [--people FILE] [--surveys FILE] [--playbook FILE]\n"
    "                        [--usage FILE]... [--identities FILE] [--config FILE] [--group-by team,role]\n"
    "                        [--out FILE] [--format json|summary]\n"
    "       gapscore analyze --people FILE --usage FILE... [--identities FILE]   (adoption-only report)\n"
    "       gapscore analyze --usage PERSON_QUERY.csv [--group-by Organization]   (adoption-only, Viva Insights)\n"
    "\n"
    "Computes the AI productivity gap report. JSON goes to stdout unless --out is given;\n"
    "--format summary prints a short human-readable overview instead.\n"
    "Exit code 0 when a report was written, 1 when the inputs cannot be analysed, 2 for usage errors.\n\n"
    "options:\n";
}

int run_analyze(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = input_flags();
  specs.push_back({"out", true, false, "write the report here instead of stdout"});
  specs.push_back({"format", true, false, "json (default) or summary"});
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
  auto analysis = make_analysis(*args);
  if (!analysis) {
    print_diagnostics(analysis.error().diagnostics);
    return failure_exit_code(analysis.error().code());
  }
  Status s = stream_inputs(*args, *analysis);
  Result<std::string> report = s ? analysis->report() : Result<std::string>(std::move(s).error());
  if (!report) {
    print_diagnostics(analysis->log().items());
    const int code = failure_exit_code(report.error().code());
    if (code == 2) print_diagnostics(report.error().diagnostics);
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
