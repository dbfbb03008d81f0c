// gapscore: measure the AI productivity gap from activity exports.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "allocator.h"
#include "commands.h"
#include "gapscore/session.h"

namespace {

constexpr const char* kUsage =
    "usage: gapscore <command> [options]\n"
    "\n"
    "commands:\n"
    "  generate   write a synthetic organisation (CSV tables) with planted effects\n"
    "  validate   read input tables and report every problem found (no analysis)\n"
    "  analyze    compute the AI productivity gap report (JSON)\n"
    "  metrics    list the metric catalog (--list, --json, --markdown)\n"
    "  docs       print generated reference docs (input-format, config, metrics)\n"
    "  verify     check that a report is byte for byte what its inputs produce\n"
    "  partial    read inputs into a saved partial state (.gsp; as sensitive as the raw data)\n"
    "  merge      merge partial states into a report (.json) or a merged state (.gsp)\n"
    "\n"
    "Run 'gapscore <command> --help' for a command's options.\n"
    "Exit codes: 0 ok, 1 data errors, 2 usage errors: bad option or config, a file\n"
    "that cannot be opened (verify: 0 identical, 1 different,\n"
    "2 inputs differ from the report's digests, 3 usage errors / cannot verify).\n";

}  // namespace

int main(int argc, char** argv) {
  gapscore::cli::allocator_for_reading();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "--version" || command == "version") {
    std::printf("gapscore %s\n", std::string(gapscore::engine_version()).c_str());
    return 0;
  }
  if (command == "generate") return gapscore::cli::run_generate(args);
  if (command == "validate") return gapscore::cli::run_validate(args);
  if (command == "analyze") return gapscore::cli::run_analyze(args);
  if (command == "metrics") return gapscore::cli::run_metrics(args);
  if (command == "docs") return gapscore::cli::run_docs(args);
  if (command == "verify") return gapscore::cli::run_verify(args);
  if (command == "partial") return gapscore::cli::run_partial(args);
  if (command == "merge") return gapscore::cli::run_merge(args);
  std::fprintf(stderr, "gapscore: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
