// The four input tables and their columns: the single definition used by
// ingest, validation, the docs (docs/input-format.md) and the npm types.
#pragma once

#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "gapscore/inputs.h"
#include "model/table.h"

namespace gapscore {


struct ColumnSpec {
  std::string_view name;
  ColumnType type;
  bool required_column;  // the header must have it
  bool required_value;   // every row must fill it
  std::optional<double> min;  // inclusive bounds for numbers and integers
  std::optional<double> max;
  std::string_view description;
};

// A number or integer within the column's bounds (both inclusive; none set: any).
inline bool in_bounds(const ColumnSpec& spec, double v) {
  return !(spec.min && v < *spec.min) && !(spec.max && v > *spec.max);
}

struct TableSchema {
  TableKind kind;
  std::string_view name;
  bool required_table;
  std::span<const ColumnSpec> columns;
  std::string_view description;
};

const TableSchema& schema_for(TableKind kind);

// Header text normalised for matching: trimmed, lower-case ASCII, and runs of
// spaces, hyphens and dots turned into one underscore ("Person ID" -> "person_id").
std::string normalize_header(std::string_view header);

}  // namespace gapscore
