// What a caller hands gapscore: the input tables (CSV or JSON bytes, or typed
// columns), the AI-usage export formats, and the helpers a portal needs before
// it runs anything: recognising a file (sniff), the input schema, and the
// digest the report records for each input.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gapscore {

enum class TableKind : std::uint8_t { activity, people, surveys, playbook, identities };
inline constexpr TableKind kAllTableKinds[] = {TableKind::activity, TableKind::people, TableKind::surveys,
                                                TableKind::playbook, TableKind::identities};
inline constexpr std::size_t kTableKindCount = std::size(kAllTableKinds);

// The order to hand tables to a Session: the activity table last. It is not
// kept as rows but read into per-person state, and that needs the playbook
// (and, to stay small, the people table) while it is read.
inline constexpr TableKind kReadOrder[] = {TableKind::people, TableKind::playbook, TableKind::identities,
                                           TableKind::surveys, TableKind::activity};

std::optional<TableKind> table_kind_from_name(std::string_view name);
std::string_view table_name(TableKind kind);

enum class InputFormat : std::uint8_t { detect, csv, json };

// A column handed over already typed: the npm package's columnar fast path,
// which skips CSV text entirely. Numbers use NaN for missing cells; text uses "".
struct ColumnInput {
  std::string name;  // matched like a CSV header (case-insensitive, config mapping)
  std::variant<std::span<const double>, std::vector<std::string>> values;
};

// The AI-usage export formats (docs/usage-exports.md). New ones are added at
// the end (saved states store the number).
enum class UsageFormat : std::uint8_t {
  detect,
  m365_csv,
  m365_json,
  github_users_ndjson,
  github_aggregate_json,
  viva_person_query,       // Microsoft Viva Insights person query (CSV)
  github_users_report,     // GitHub Copilot users report: {report_start_day, ..., day_totals: [user-days]}
  github_org_report,       // GitHub Copilot organisation/enterprise report: {..., day_totals: [days]}
};

const char* usage_format_name(UsageFormat f);
// "m365_copilot_csv", ... or "detect"/"" → detect; unknown names → nullopt.
std::optional<UsageFormat> usage_format_from_name(std::string_view name);

// What the start of a file is, decided exactly as ingest and the usage readers
// decide: canonical JSON {"format": "csv"|"json"|"usage"|"binary"|"empty"|"unknown",
// "delimiter", "headers": [...], "usage_format", "usage_certain", "byte_order_mark"}.
// Reads at most the first 64 KiB.
std::string sniff_json(std::string_view head);

// The input tables and their columns (name, type, required, range, description)
// as canonical JSON: the single source the npm package and the demo use.
std::string input_schema_json();

// SHA-256 of the bytes as lowercase hex: the digest a report records per input.
std::string sha256_hex(std::string_view bytes);

}  // namespace gapscore
