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

#include "gapscore/status.h"

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

// xlsx: CSV text that read_xlsx made from a workbook's sheet; it is read as
// CSV and recorded as "xlsx" (give the workbook's own SHA-256 with
// digest_by_caller, so the report's digest is the file's).
enum class InputFormat : std::uint8_t { detect, csv, json, xlsx };

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

// Excel workbooks (.xlsx, docs/input-format.md "Excel workbooks"). A workbook
// is a zip of XML parts. Core reads the zip's directory and the XML (sheets,
// shared strings, styles); inflating the compressed parts is the caller's
// (zlib natively, DecompressionStream('deflate-raw') in JS), so core itself
// needs no zlib and the wasm build stays small. The caller loops:
//   step = read_xlsx(bytes, parts, sheet); while step.need is not empty:
//   inflate each needed part (raw deflate of bytes[offset, offset+compressed_size),
//   at most `size` bytes out) and call again with them added to `parts`.
// The last step holds the sheet as CSV (RFC 4180, comma, LF; row N of the
// sheet is line N), ready for a table (InputFormat::xlsx) or add_usage.
struct XlsxPartRequest {
  std::string name;  // e.g. "xl/worksheets/sheet1.xml"
  std::uint64_t offset = 0, compressed_size = 0, size = 0;
  std::uint32_t crc32 = 0;
};
struct XlsxPart {
  std::string name;
  std::string bytes;  // inflated
};
struct XlsxStep {
  std::vector<XlsxPartRequest> need;  // inflate these and call again
  std::string csv;                    // when `need` is empty
  std::string sheet;                  // the sheet read
  std::vector<std::string> sheets;    // every sheet's name, in workbook order (once known)
};
// `sheet`: a sheet's name, or "" for the first. Errors: unsupported_workbook
// (legacy .xls, encrypted), invalid_workbook (not a zip, truncated, missing
// parts or sheet, larger than kMaxXlsxExpandedBytes when inflated).
inline constexpr std::uint64_t kMaxXlsxExpandedBytes = 256ull << 20;
Result<XlsxStep> read_xlsx(std::string_view workbook, std::span<const XlsxPart> parts, std::string_view sheet = {});
// Whether bytes start like a workbook (zip, or the OLE container of .xls and
// encrypted workbooks): callers route such files to read_xlsx.
bool looks_like_workbook(std::string_view head);

}  // namespace gapscore
