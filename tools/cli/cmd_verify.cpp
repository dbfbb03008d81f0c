// gapscore verify: prove that a report is the one its inputs produce.
// The work is gapscore::verify_report (core); this file reads files and prints.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "file_io.h"
#include "gapscore/session.h"
#include "gapscore/verify.h"
#include "inputs.h"
#include "workbook_file.h"

namespace gapscore::cli {

namespace {

// Exit codes differ from the other commands on purpose: 2 is the issue's
// "inputs do not match the digests", so usage errors move to 3.
constexpr int kExitUsage = 3;

constexpr const char* kHelp =
    "usage: gapscore verify --report REPORT.json --activity FILE [--activity FILE ...] [--people FILE] [--surveys FILE]\n"
    "                       [--playbook FILE] [--config FILE] [--salt S | --salt-file FILE] [--json]\n"
    "                       (one flag per table the report lists in inputs[])\n"
    "\n"
    "Checks that REPORT.json is exactly the report these inputs produce: each file's SHA-256\n"
    "against the report's inputs[].sha256, then recomputes the report with the report's own\n"
    "effective config and source names and compares the bytes. Give every table the report\n"
    "lists. The report's salt is not in the report: when config.privacy.salt_given is true,\n"
    "give it with --salt, --salt-file or --config (a config file with privacy.salt).\n"
    "With --config the run is recomputed with that file's config instead of the report's,\n"
    "so a report made with any other configuration is reported as different at /config/...\n"
    "\n"
    "Exit codes (not the other commands' ones):\n"
    "  0  identical: the report is byte for byte what these inputs produce\n"
    "  1  different: the inputs match, the report does not (first differing JSON path and both values printed)\n"
    "  2  inputs differ: a file's SHA-256 is not the report's, or a table the report lacks was given\n"
    "  3  cannot verify: usage error, unreadable file, not a gapscore report, a table the report\n"
    "     lists was not given, report of another gapscore version, salt needed but not given,\n"
    "     differentially private report without a noise seed, or typed-column inputs\n"
    "\n"
    "options:\n";

// One flag per table kind, so every table a report can list can be given.
std::vector<FlagSpec> verify_flags() {
  std::vector<FlagSpec> specs = {
      {"report", true, false, "the report to check (canonical JSON as written by analyze or reportText)"}};
  for (TableKind kind : kAllTableKinds) {
    const std::string name(table_name(kind));
    if (kind == TableKind::activity)
      specs.push_back({name, true, true, "activity table; repeat it for a report made from several files"});
    else
      specs.push_back({name, true, false, name + " table, when the report lists one"});
  }
  const std::vector<FlagSpec> rest = {
      {"config", true, false, "the JSON config the run used (recompute with it; its privacy.salt is used)"},
      {"salt", true, false, "the privacy salt of the run (for reports with salt_given true)"},
      {"salt-file", true, false, "read the salt from this file (one trailing newline is ignored)"},
      {"save-recomputed", true, false, "also write the recomputed report to this file"},
      {"json", false, false, "print the outcome as JSON on stdout"},
      sheet_flag(),
  };
  specs.insert(specs.end(), rest.begin(), rest.end());
  return specs;
}

int invalid_argument(const std::string& message) {
  std::fprintf(stderr, "gapscore verify: %s\n(see gapscore verify --help)\n", message.c_str());
  return kExitUsage;
}

int io_failure(const Error& e) {
  for (const Diagnostic& d : e.diagnostics) std::fprintf(stderr, "gapscore verify: %s\n", d.message.c_str());
  return kExitUsage;
}

std::string outcome_json(const VerifyOutcome& o) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["verdict"] = verify_verdict_name(o.verdict);
  j["exit_code"] = static_cast<int>(o.verdict);
  j["headline"] = o.headline;
  j["messages"] = o.messages;
  Json digests = Json::array();
  for (const DigestCheck& d : o.digests)
    digests.push_back({{"table", std::string(table_name(d.kind))},
                       {"file", d.name},
                       {"source", d.source},
                       {"expected", d.expected},
                       {"actual", d.actual},
                       {"matches", d.matches}});
  j["digests"] = digests;
  if (o.difference)
    j["difference"] = {{"path", o.difference->path},
                       {"report", o.difference->expected},
                       {"recomputed", o.difference->actual},
                       {"byte_offset", o.difference->byte_offset},
                       {"note", o.difference->note}};
  else
    j["difference"] = nullptr;
  j["needs_salt"] = o.needs_salt;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

void print_outcome(const VerifyOutcome& o) {
  for (const DigestCheck& d : o.digests)
    std::printf("  %-9s %s  sha256 %s  %s\n", std::string(table_name(d.kind)).c_str(), d.name.c_str(),
                d.actual.c_str(), d.matches ? "matches" : "DOES NOT MATCH");
  std::printf("%s\n", o.headline.c_str());
  for (const std::string& m : o.messages) std::printf("  %s\n", m.c_str());
  if (o.difference) {
    const ReportDifference& d = *o.difference;
    std::printf("  path:        %s\n", d.path.empty() ? "(top level)" : d.path.c_str());
    std::printf("  report:      %s\n", d.expected.empty() ? "-" : d.expected.c_str());
    std::printf("  recomputed:  %s\n", d.actual.empty() ? "-" : d.actual.c_str());
    std::printf("  first differing byte: %llu\n", static_cast<unsigned long long>(d.byte_offset));
    if (!d.note.empty()) std::printf("  note: %s\n", d.note.c_str());
  }
  if (o.needs_salt) std::printf("  give the salt with --salt, --salt-file or --config (privacy.salt)\n");
}

}  // namespace

int run_verify(const std::vector<std::string>& argv) {
  const std::vector<FlagSpec> specs = verify_flags();
  std::string err;
  const auto args = parse_args(argv, specs, err);
  if (!args) return invalid_argument(err);
  if (args->help) {
    std::printf("%s%s", kHelp, flags_help(specs).c_str());
    return 0;
  }
  if (!args->positional.empty()) return invalid_argument("unexpected argument \"" + args->positional.front() + "\"");
  const auto report_path = args->get("report");
  if (!report_path) return invalid_argument("--report FILE is required");
  if (args->has("salt") && args->has("salt-file")) return invalid_argument("give --salt or --salt-file, not both");

  VerifyOptions options;
  if (auto s = args->get("salt")) options.salt = *s;
  if (auto path = args->get("salt-file")) {
    auto text = read_file(*path);
    if (!text) return io_failure(text.error());
    std::string salt = std::move(text).value();
    if (!salt.empty() && salt.back() == '\n') salt.pop_back();
    if (!salt.empty() && salt.back() == '\r') salt.pop_back();
    options.salt = std::move(salt);
  }
  if (auto path = args->get("config")) {
    auto text = read_file(*path);
    if (!text) return io_failure(text.error());
    auto config = parse_config(text.value());
    if (!config) {
      print_diagnostics(config.error().diagnostics);
      return kExitUsage;
    }
    options.config = std::move(config).value();
  }

  std::vector<VerifyInput> inputs;
  for (TableKind kind : kAllTableKinds) {
    const std::string name(table_name(kind));
    for (const std::string& path : args->all(name)) {
      if (path == "-") return invalid_argument("--" + name + ": inputs are read twice, so standard input cannot be used");
      auto workbook = read_workbook(path, sheet_for(*args, name));
      if (!workbook) return io_failure(workbook.error());
      if (*workbook) {
        auto sheet = std::make_shared<WorkbookSheet>(std::move(**workbook));
        inputs.push_back({kind, path, [sheet](const ByteSink& sink) { return sink(sheet->csv); }, sheet->sha256});
        continue;
      }
      inputs.push_back({kind, path, [p = path](const ByteSink& sink) { return stream_file(p, sink); }, ""});
    }
  }
  if (inputs.empty()) return invalid_argument("give the report's input tables (--activity FILE, ...)");

  auto report = read_file(*report_path);
  if (!report) return io_failure(report.error());

  const VerifyOutcome outcome = verify_report(report.value(), inputs, options);
  if (auto out = args->get("save-recomputed"); out && !outcome.recomputed.empty()) {
    if (Status w = write_output(*out, outcome.recomputed); !w) return io_failure(w.error());
  }
  if (args->has("json")) std::fputs(outcome_json(outcome).c_str(), stdout);
  else print_outcome(outcome);
  return static_cast<int>(outcome.verdict);
}

}  // namespace gapscore::cli
