#include "usage/usage_table.h"

namespace gapscore::usage {

const char* tool_name(Tool t) {
  switch (t) {
    case Tool::m365_copilot: return "m365_copilot";
    case Tool::github_copilot: return "github_copilot";
  }
  return "m365_copilot";
}

}  // namespace gapscore::usage

namespace gapscore {

const char* usage_format_name(UsageFormat f) {
  switch (f) {
    case UsageFormat::detect: return "detect";
    case UsageFormat::m365_csv: return "m365_copilot_csv";
    case UsageFormat::m365_json: return "m365_copilot_graph_json";
    case UsageFormat::github_users_ndjson: return "github_copilot_users_ndjson";
    case UsageFormat::github_aggregate_json: return "github_copilot_aggregate_json";
    case UsageFormat::viva_person_query: return "viva_person_query";
    case UsageFormat::github_users_report: return "github_copilot_users_report";
    case UsageFormat::github_org_report: return "github_copilot_org_report";
  }
  return "detect";
}

std::optional<UsageFormat> usage_format_from_name(std::string_view name) {
  for (UsageFormat f : {UsageFormat::detect, UsageFormat::m365_csv, UsageFormat::m365_json, UsageFormat::github_users_ndjson,
                        UsageFormat::github_aggregate_json, UsageFormat::viva_person_query, UsageFormat::github_users_report,
                        UsageFormat::github_org_report})
    if (name == usage_format_name(f)) return f;
  if (name.empty()) return UsageFormat::detect;
  return std::nullopt;
}

}  // namespace gapscore
