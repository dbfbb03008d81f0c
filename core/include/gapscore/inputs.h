// What a caller hands gapscore: the input tables (CSV or JSON bytes, or typed
// columns), the AI-usage export formats, and the helpers a portal needs before
// it runs anything: recognising a file (sniff), the input schema, and the
// digest the report records for each input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
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
// The same digest of bytes given in pieces (a file read in chunks).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void update(std::string_view bytes);
  std::string finish_hex();  // then it starts again

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Excel workbooks (.xlsx): one sheet read as CSV text, so that a workbook goes
// through exactly the ingest a CSV file does (same columns, dates, diagnostics,
// and row numbers: CSV row N is the sheet's row N).
//
// An .xlsx is a zip of XML parts. Core reads the zip's directory and the XML;
// the caller inflates the deflated parts, because the inflater differs by
// platform: zlib in the native CLI, DecompressionStream('deflate-raw') in
// browsers and Node (asynchronous, so core asks for parts in steps: see
// workbook_step, which workbook_to_csv and the npm package both run).
// Everything a workbook may expand to, all parts read together: a guard
// against zip bombs (a few KB that inflate to gigabytes).
inline constexpr std::uint64_t kMaxWorkbookExpandedBytes = std::uint64_t{1} << 30;  // 1 GiB

struct ZipEntry {
  std::string name;                // e.g. "xl/worksheets/sheet1.xml"
  std::uint16_t method = 0;        // 0 stored, 8 deflate (others are refused)
  std::uint64_t data_offset = 0;   // where the entry's (compressed) bytes start in the file
  std::uint64_t compressed_size = 0;
  std::uint64_t expanded_size = 0;  // as the directory declares it; inflating must not exceed it
};

// The zip's central directory, checked: entries inside the file, no
// encryption, methods stored or deflate, declared sizes within the limit.
// A legacy .xls or a password-protected workbook (both OLE compound files)
// and a damaged zip fail with workbook_invalid, saying what to do instead.
Result<std::vector<ZipEntry>> zip_entries(std::string_view file);

// The parts every sheet needs besides itself (absent ones are given as "").
inline constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
inline constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";
inline constexpr std::string_view kSharedStringsPart = "xl/sharedStrings.xml";
inline constexpr std::string_view kStylesPart = "xl/styles.xml";

struct SheetLocation {
  std::string name;   // as the workbook lists it
  std::string part;   // its zip entry, e.g. "xl/worksheets/sheet1.xml"
  bool date1904 = false;  // the workbook counts days from 1904 (old Mac Excel)
  std::vector<std::string> all_sheets;  // every sheet's name, in the workbook's order
};

// The sheet called `sheet_name`, or the first sheet when it is empty.
// An unknown name fails listing the sheets there are.
Result<SheetLocation> locate_sheet(std::string_view workbook_xml, std::string_view workbook_rels_xml,
                                   std::string_view sheet_name);

// The sheet as CSV: shared and inline strings as text, booleans as true/false,
// numbers as written, numbers in a date style as YYYY-MM-DD, error cells
// (#N/A) as written. Every row is padded to the header's width; empty rows
// keep their place (a blank line) and empty rows at the end are dropped.
// `source`: the file name, for messages.
Result<std::string> sheet_to_csv(std::string_view sheet_xml, std::string_view shared_strings_xml,
                                 std::string_view styles_xml, bool date1904, std::string_view source = {});

// One step of reading a sheet: the deflated parts still needed (inflate each
// and call again with them added to `parts`), or, when none is, the CSV.
// Stored parts are read from `file` directly. Before asking for a part, the
// declared sizes of everything asked for are checked against
// kMaxWorkbookExpandedBytes; a part given must have its declared size.
struct WorkbookStep {
  std::vector<ZipEntry> need;
  std::string csv;
  std::string sheet;                // the sheet read (known once the workbook part is given)
  std::vector<std::string> sheets;  // all of them, for a picker
};
using WorkbookParts = std::vector<std::pair<std::string, std::string>>;  // entry name, inflated bytes
Result<WorkbookStep> workbook_step(std::string_view file, std::string_view sheet_name, const WorkbookParts& parts,
                                   std::string_view source = {});

// Inflates a raw deflate stream that must expand to exactly `expanded_size` bytes
// (fail when it does not, or would go past it).
using Inflate = std::function<Result<std::string>(std::string_view deflated, std::uint64_t expanded_size)>;

// workbook_step to the end, with a synchronous inflater.
Result<std::string> workbook_to_csv(std::string_view file, std::string_view sheet_name, const Inflate& inflate,
                                    std::string_view source = {});

// A file that starts like a zip (an .xlsx) or an OLE compound file (.xls).
bool looks_like_workbook(std::string_view head);

}  // namespace gapscore
