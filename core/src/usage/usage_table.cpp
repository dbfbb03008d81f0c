#include "usage/usage_table.h"

namespace gapscore::usage {

const char* tool_name(Tool t) {
  switch (t) {
    case Tool::m365_copilot: return "m365_copilot";
    case Tool::github_copilot: return "github_copilot";
  }
  return "m365_copilot";
}

const char* usage_format_name(UsageFormat f) {
  switch (f) {
    case UsageFormat::detect: return "detect";
    case UsageFormat::m365_csv: return "m365_copilot_csv";
    case UsageFormat::m365_json: return "m365_copilot_graph_json";
    case UsageFormat::github_users_ndjson: return "github_copilot_users_ndjson";
    case UsageFormat::github_aggregate_json: return "github_copilot_aggregate_json";
  }
  return "detect";
}

}  // namespace gapscore::usage
