// The AI-usage export formats gapscore reads (docs/usage-exports.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gapscore {

enum class UsageFormat : std::uint8_t { detect, m365_csv, m365_json, github_users_ndjson, github_aggregate_json };

const char* usage_format_name(UsageFormat f);
// "m365_copilot_csv", ... or "detect"/"" → detect; unknown names → nullopt.
std::optional<UsageFormat> usage_format_from_name(std::string_view name);

}  // namespace gapscore
