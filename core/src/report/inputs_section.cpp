#include "report/inputs_section.h"

namespace gapscore::report {

Json inputs_section(const std::vector<TableSummary>& inputs, bool sizes_shown) {
  Json arr = Json::array();
  for (const TableSummary& s : inputs) {
    Json j;
    j["table"] = s.table;
    j["source"] = s.source_name.empty() ? Json(nullptr) : Json(s.source_name);
    j["format"] = s.format;
    auto size = [&](std::uint64_t v) { return sizes_shown ? Json(v) : Json(nullptr); };
    j["bytes"] = size(s.bytes);
    j["sha256"] = s.sha256.empty() ? Json(nullptr) : Json(s.sha256);
    j["rows_read"] = size(s.rows_read);
    j["rows_used"] = size(s.rows_used);
    j["rows_skipped"] = size(s.rows_skipped);
    j["blank_lines"] = size(s.blank_lines);
    j["delimiter"] = s.delimiter.empty() ? Json(nullptr) : Json(s.delimiter);
    j["byte_order_mark"] = s.byte_order_mark;
    j["columns"] = s.columns;
    j["ignored_columns"] = s.ignored_columns;
    arr.push_back(std::move(j));
  }
  return arr;
}

}  // namespace gapscore::report
