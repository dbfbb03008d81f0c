// gapscore metrics / gapscore docs: the catalog and generated reference docs.
#include <cstdio>
#include <string>

#include "commands.h"
#include "gapscore/catalog.h"
#include "gapscore/docs.h"

namespace gapscore::cli {

int run_metrics(const std::vector<std::string>& args) {
  const std::string mode = args.empty() ? "--list" : args[0];
  if (mode == "--help" || mode == "-h") {
    std::printf("usage: gapscore metrics [--list | --json | --markdown]\n\nPrints the metric catalog.\n");
    return 0;
  }
  if (args.size() > 1 || (mode != "--list" && mode != "--json" && mode != "--markdown")) {
    std::fprintf(stderr, "usage: gapscore metrics [--list | --json | --markdown]\n");
    return 2;
  }
  if (mode == "--json") {
    std::fputs(catalog_json().c_str(), stdout);
  } else if (mode == "--markdown") {
    std::fputs(catalog_markdown().c_str(), stdout);
  } else {
    for (const MetricDef& d : metric_catalog())
      std::printf("%-34s %-16s %-20s %s\n", std::string(d.name).c_str(), metric_section_name(d.section),
                  std::string(d.unit).c_str(), std::string(d.formula).c_str());
  }
  return 0;
}

int run_docs(const std::vector<std::string>& args) {
  const char* usage = "usage: gapscore docs input-format|config|metrics\n\nPrints generated reference documentation.\n";
  if (args.size() != 1) {
    std::fputs(usage, stderr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    std::fputs(usage, stdout);
    return 0;
  }
  if (args[0] == "input-format") std::fputs(input_format_markdown().c_str(), stdout);
  else if (args[0] == "config") std::fputs(config_markdown().c_str(), stdout);
  else if (args[0] == "metrics") std::fputs(catalog_markdown().c_str(), stdout);
  else {
    std::fprintf(stderr, "gapscore docs: unknown document '%s'\n%s", args[0].c_str(), usage);
    return 2;
  }
  return 0;
}

}  // namespace gapscore::cli
