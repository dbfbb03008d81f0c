// Columnar tables. Numeric columns are flat arrays (no per-cell heap strings);
// text columns are dictionary-encoded. Every column type reserves one value
// for "missing", so optional cells need no separate validity bitmap.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace gapscore {

enum class ColumnType : std::uint8_t { integer, number, date, text, boolean, work_mode };

const char* column_type_name(ColumnType t);

inline constexpr std::int32_t kMissingInt = std::numeric_limits<std::int32_t>::min();
inline constexpr std::uint32_t kMissingCode = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::int8_t kMissingBool = -1;

// NaN marks a missing number. Input text "NaN"/"Inf" is rejected at ingest,
// so a NaN in a column always means "the cell was empty".
inline bool is_missing(double v) { return std::isnan(v); }
inline bool is_missing_int(std::int32_t v) { return v == kMissingInt; }

enum class WorkMode : std::int8_t { missing = -1, onsite = 0, hybrid = 1, remote = 2 };
// The text of a work mode ("" for missing): a view of a literal, so its length
// costs no strlen (the activity reader names a row's inline work mode per row).
constexpr std::string_view work_mode_text(WorkMode m) {
  switch (m) {
    case WorkMode::onsite: return "onsite";
    case WorkMode::hybrid: return "hybrid";
    case WorkMode::remote: return "remote";
    case WorkMode::missing: break;
  }
  return "";
}
// The same text, null-terminated (it views a literal).
inline const char* work_mode_name(WorkMode m) { return work_mode_text(m).data(); }
// The inverse of work_mode_name; missing for any other text.
WorkMode work_mode_from_name(std::string_view name);

// Dictionary-encoded strings: codes index `dictionary`; kMissingCode = empty cell.
struct TextColumn {
  std::vector<std::uint32_t> codes;
  std::vector<std::string> dictionary;

  std::uint32_t intern(std::string_view text);
  // Frees the text -> code lookup once the column is read (intern builds it
  // again if called later): at 50M rows, 20 MB each for the people's and the
  // surveys' person_id.
  void settle();
  std::string_view at(std::size_t row) const {
    const std::uint32_t c = codes[row];
    return c == kMissingCode ? std::string_view() : std::string_view(dictionary[c]);
  }

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
};

using ColumnData = std::variant<std::vector<std::int32_t>,  // integer, date (days since 1970-01-01)
                                std::vector<double>,        // number
                                TextColumn,                 // text
                                std::vector<std::int8_t>>;  // boolean (0/1), work_mode (WorkMode)

struct Column {
  std::string name;       // canonical snake_case name, e.g. "ai_tasks"
  ColumnType type = ColumnType::number;
  bool present = false;   // false when the input had no such column at all
  ColumnData data;

  const std::vector<std::int32_t>& ints() const { return std::get<0>(data); }
  const std::vector<double>& numbers() const { return std::get<1>(data); }
  const TextColumn& text() const { return std::get<2>(data); }
  const std::vector<std::int8_t>& small() const { return std::get<3>(data); }
  std::vector<std::int32_t>& ints() { return std::get<0>(data); }
  std::vector<double>& numbers() { return std::get<1>(data); }
  TextColumn& text() { return std::get<2>(data); }
  std::vector<std::int8_t>& small() { return std::get<3>(data); }
};

struct Table {
  std::string name;                    // activity | people | surveys | playbook
  std::vector<Column> columns;         // in schema order, absent ones with present=false
  std::vector<std::uint32_t> source_rows;  // spreadsheet row number of each kept row
  std::size_t row_count() const { return source_rows.size(); }

  // Index of a column by canonical name; -1 if the schema has none.
  int find(std::string_view canonical_name) const;
  const Column& column(std::string_view canonical_name) const;  // must exist in schema
  Column& column(std::string_view canonical_name);
  bool has(std::string_view canonical_name) const;  // in schema and present in input

  // Keeps only rows whose flag is true, preserving order.
  void keep_rows(const std::vector<bool>& keep);
  // Once read: frees what only reading needs (TextColumn::settle). The people
  // and survey tables live as long as their session.
  void settle();
};

}  // namespace gapscore
