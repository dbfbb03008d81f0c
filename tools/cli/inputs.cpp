#include "inputs.h"

#include <filesystem>
#include <cstdio>

#include "file_io.h"

namespace gapscore::cli {

std::vector<FlagSpec> input_flags() {
  return {
      {"activity", true, false, "activity table (CSV or JSON), required"},
      {"people", true, false, "people table"},
      {"surveys", true, false, "pulse-survey table"},
      {"playbook", true, false, "role playbook table"},
      {"identities", true, false, "maps users named in usage exports to person_id"},
      {"usage", true, true, "AI-usage export (Microsoft 365 / GitHub Copilot); repeat for several files"},
      {"usage-format", true, false, "force the usage format: m365_copilot_csv, m365_copilot_graph_json, "
                                    "github_copilot_users_ndjson, github_copilot_aggregate_json"},
      {"config", true, false, "JSON configuration file"},
      {"group-by", true, false, "comma-separated person attributes (overrides config), e.g. team,role"},
      {"strict", false, false, "fail on the first bad rows instead of skipping them"},
  };
}

namespace {

Diagnostic usage(std::string message) { return make_diagnostic(DiagCode::invalid_argument, std::move(message)); }

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

Result<Session> make_analysis(const ParsedArgs& args) {
  if (!args.has("activity") && !(args.has("people") && args.has("usage")))
    return Error(usage("--activity FILE is required (or --people FILE with --usage FILE for an adoption-only report)"));
  if (auto f = args.get("usage-format"); f && !usage_format_from_name(*f))
    return Error(usage("--usage-format: unknown format \"" + *f + "\""));
  std::string config_text;
  if (auto path = args.get("config")) {
    auto text = read_file(*path);
    if (!text) return std::move(text).error();
    config_text = std::move(text).value();
  }
  auto config = parse_config(config_text);
  if (!config) return std::move(config).error();
  if (auto g = args.get("group-by")) {
    std::vector<std::string> attrs = split_commas(*g);
    for (const std::string& a : attrs) {
      bool known = false;
      for (std::string_view k : groupable_attributes()) known = known || k == a;
      if (!known)
        return Error(usage("--group-by: \"" + a + "\" is not a person attribute (use team, role, work_mode, "
                           "manager_id, ai_trained)"));
    }
    config->group_by = std::move(attrs);
  }
  if (args.has("strict")) config->strict = true;
  return Session::create(std::move(config).value());
}

Status stream_inputs(const ParsedArgs& args, Session& analysis) {
  for (TableKind kind : kReadOrder) {
    const std::string name(table_name(kind));
    const auto path = args.get(name);
    if (!path) continue;
    std::error_code size_error;  // standard input and pipes have no size: no hint
    const auto size = *path == "-" ? 0 : std::filesystem::file_size(*path, size_error);
    if (Status s = analysis.begin_table(kind, *path, InputFormat::detect, size_error ? 0 : size); !s) return s;
    Status s = stream_file(*path, [&](std::string_view chunk) { return analysis.push(chunk); });
    if (!s) return s;
    if (Status e = analysis.end_table(); !e) return e;
  }
  const UsageFormat format = usage_format_from_name(args.get("usage-format").value_or("")).value_or(UsageFormat::detect);
  for (const std::string& path : args.all("usage")) {
    auto bytes = read_file(path);
    if (!bytes) return std::move(bytes).error();
    if (Status s = analysis.add_usage(bytes.value(), path, format); !s) return s;
  }
  return Ok{};
}

int failure_exit_code(DiagCode code) {
  switch (code) {
    case DiagCode::invalid_argument:
    case DiagCode::io_error:
    case DiagCode::config_invalid_json:
    case DiagCode::config_unknown_key:
    case DiagCode::config_invalid_value:
      return 2;
    default:
      return 1;
  }
}

void print_diagnostics(const std::vector<Diagnostic>& items) {
  for (const Diagnostic& d : items)
    std::fprintf(stderr, "%s [%s]: %s\n", severity_name(d.severity), std::string(diag_code_name(d.code)).c_str(),
                 d.message.c_str());
}

}  // namespace gapscore::cli
