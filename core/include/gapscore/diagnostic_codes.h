// The stable list of diagnostic codes. Codes are part of the public contract
// (JSON reports, the npm package's GapScoreError.code, docs/input-format.md
// "Diagnostic codes"): add new ones at the end of a section, never reuse one.
// A renamed code keeps its old name as a documented alias in the npm package
// for one version (0.2: usage_error became invalid_argument).
#pragma once

#include <cstdint>
#include <string_view>

namespace gapscore {

// X(code, severity when it occurs, what it means)
// "row" severity means: an error in strict mode, a skipped row (warning) in lenient mode.
#define GAPSCORE_DIAGNOSTIC_CODES(X)                                                                \
  /* whole-file problems: the table cannot be read at all */                                      \
  X(io_error, error, "The file could not be read.")                                               \
  X(empty_input, error, "The file is empty (no bytes, or only a byte-order mark and whitespace).") \
  X(binary_input, error, "The file contains NUL bytes or is a binary format (e.g. an Excel workbook); export it as CSV or JSON.") \
  X(invalid_utf8, error, "The file is not valid UTF-8; byte_offset points at the first bad byte.") \
  X(unterminated_quote, error, "A quoted CSV field is never closed; row is where the quote opened.") \
  X(field_too_large, error, "A single field exceeds the maximum field size (1 MiB).")              \
  X(too_many_columns, error, "The header has more than 1024 columns.")                             \
  X(invalid_json, error, "The JSON text is malformed; byte_offset points at the problem.")         \
  X(json_not_array, error, "JSON input must be an array of objects (or an object with a 'rows' array).") \
  X(unknown_format, error, "The file's format could not be recognised; the message names the formats expected.") \
  /* header problems */                                                                            \
  X(missing_column, error, "A required column is absent; the message names the closest header found.") \
  X(duplicate_column, error, "Two headers map to the same column.")                                \
  X(unknown_column, info, "A column that gapscore does not use; it is ignored.")                   \
  X(blank_header, warning, "A header cell is empty; that column is ignored.")                      \
  X(ambiguous_date, error, "A date column's first values fit more than one format (03/01/2025: M/D/YYYY or D/M/YYYY); set config.date_formats.") \
  /* row and cell problems */                                                                      \
  X(ragged_row, row, "A CSV row has a different number of fields than the header.")                \
  X(malformed_quote, row, "A quote appears inside an unquoted field or after a closing quote.")    \
  X(json_row_not_object, row, "An element of the JSON array is not an object.")                    \
  X(json_nested_value, row, "A JSON value is an object or array where a single value is expected.") \
  X(json_repeated_field, row, "A JSON object gives one column twice (the same key, or two keys that name it).") \
  X(missing_value, row, "A required cell is empty.")                                               \
  X(invalid_number, row, "A cell is not a decimal number.")                                        \
  X(invalid_integer, row, "A cell is not a whole number.")                                         \
  X(non_finite, row, "A cell holds NaN or Infinity.")                                              \
  X(invalid_date, row, "A cell is not a calendar date in its column's format (YYYY-MM-DD unless set or detected).")                        \
  X(invalid_bool, row, "A cell is not true/false (also accepted: yes/no, 1/0).")                  \
  X(invalid_enum, row, "A cell is not one of the allowed values (the message lists them).")       \
  X(out_of_range, row, "A value is outside its allowed range (the message gives the range).")      \
  X(ai_tasks_exceed_tasks, row, "ai_tasks is greater than tasks on the same row.")                 \
  X(duplicate_key, row, "A second row for the same key (activity: person_id x date x task_type; people: person_id); the first is kept.") \
  X(duplicate_input, warning, "An activity file given twice (the same SHA-256), by name or inside two saved states; it is read once.") \
  /* cross-table notes */                                                                          \
  X(unknown_person, warning, "A person in activity is missing from the people table; inline attributes are used, else '(unassigned)'.") \
  X(attribute_conflict, warning, "A person's team/role/work_mode differs between rows or tables; the people table wins, else the first row.") \
  X(no_rows, error, "The table has a header but no data rows.")                                    \
  X(no_valid_rows, error, "Every row of the table was skipped; see the other diagnostics. Of several activity files, one with no row to use is a warning when another has rows.")       \
  X(rows_outside_window, info, "Rows outside the configured date window were left out.")          \
  X(diagnostics_truncated, info, "More diagnostics of this kind were found than are listed.")     \
  X(trend_groups_capped, info, "Trends cover only the largest groups (config.trends.max_groups); choose others with config.trends.groups.") \
  X(trend_group_unknown, warning, "A group named in config.trends.groups does not exist in the data; it is ignored.") \
  /* AI-usage exports */                                                                            \
  X(usage_row_skipped, row, "A record of an AI-usage export could not be read (the message says why).") \
  X(usage_truncated_line, warning, "The last line of an NDJSON export is cut off; it is ignored.")  \
  X(usage_unmatched_identity, warning, "Usage records whose user matches nobody in the people table (counted per identity).") \
  X(usage_nothing_joined, warning, "No usage record could be joined to a person: names may be concealed; give an identities table.") \
  /* configuration */                                                                              \
  X(config_invalid_json, error, "The configuration is not valid JSON.")                            \
  X(config_unknown_key, error, "The configuration has a key gapscore does not know (the message suggests the closest).") \
  X(config_invalid_value, error, "A configuration value has the wrong type or is out of range.")  \
  X(config_needs_reread, error, "A setting that decides how inputs are read changed (period, window, columns, ...): read the inputs again.") \
  /* privacy */                                                                                    \
  X(privacy_budget_exhausted, error, "A differentially private release would spend past privacy.dp.total_epsilon on its privacy.ledger_id; it is refused.") \
  X(privacy_ledger_invalid, error, "The privacy-budget ledger given is not one gapscore wrote (or was altered).") \
  X(privacy_not_protected, error, "A section of the report cannot be protected as privacy.protection asks; the run is refused rather than published unprotected.") \
  /* run control */                                                                                \
  X(cancelled, error, "The analysis was cancelled by the caller.")                                 \
  X(invalid_argument, error, "The API or command line was called incorrectly (was usage_error).")       \
  X(internal_error, error, "A bug in gapscore; please report it with the input that caused it.") \
  /* later additions (saved states store a code's index, so new codes go last) */                 \
  X(workbook_invalid, error, "An Excel workbook cannot be read: a damaged zip, a missing part or sheet, too large expanded, or a legacy .xls / password-protected file (save as .xlsx or CSV UTF-8).") \
  X(ambiguous_number, row, "In a ';' file, 1.250 or 1,250 could be 1250 or 1.25: dots or a comma grouping digits in threes are ambiguous.") \
  X(attribute_case_variants, warning, "Group names that differ only in letter case (Alpha, alpha) are separate groups; write them one way.") \
  X(person_id_near_match, warning, "Activity people missing from the people table match an id there when letter case or leading zeros are ignored; ids are compared exactly.") \
  X(looks_windows_1252, error, "The file is not UTF-8 and only ASCII comes before its first bad byte: likely Windows-1252 (Excel's CSV on Windows). config.encodings reads it; the CLI, the npm package and the Python module do so by themselves.") \
  X(read_as_windows_1252, info, "The table was read as Windows-1252 (config.encodings) and converted to UTF-8.") \
  X(utf8_in_windows_1252, warning, "A table read as Windows-1252 has bytes that read as UTF-8 (é as Ã©): a file of it may be UTF-8; save every file as CSV UTF-8.")

enum class DiagCode : std::uint16_t {
#define GAPSCORE_X(code, severity, text) code,
  GAPSCORE_DIAGNOSTIC_CODES(GAPSCORE_X)
#undef GAPSCORE_X
};

// The stable snake_case name of a code, e.g. "missing_column".
std::string_view diag_code_name(DiagCode code);
// The one-line description from the table above.
std::string_view diag_code_description(DiagCode code);
// "error", "warning", "info" or "row" (row: error when strict, skipped row when lenient).
std::string_view diag_code_severity_class(DiagCode code);
// Every code in declaration order (for docs and tests).
std::size_t diag_code_count();
DiagCode diag_code_at(std::size_t index);

}  // namespace gapscore
