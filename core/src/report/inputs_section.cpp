#include "report/inputs_section.h"

namespace gapscore::report {

Json inputs_section(const std::vector<TableSummary>& inputs) {
  Json arr = Json::array();
  for (const TableSummary& s : inputs) {
    Json j;
    j["table"] = s.table;
    j["source"] = s.source_name.empty() ? Json(nullptr) : Json(s.source_name);
    j["format"] = s.format;
    j["bytes"] = s.bytes;
    j["sha256"] = s.sha256.empty() ? Json(nullptr) : Json(s.sha256);
    j["rows_read"] = s.rows_read;
    j["rows_used"] = s.rows_kept;
    j["rows_skipped"] = s.rows_skipped;
    j["blank_lines"] = s.blank_lines;
    j["delimiter"] = s.delimiter.empty() ? Json(nullptr) : Json(s.delimiter);
    j["byte_order_mark"] = s.byte_order_mark;
    j["columns"] = s.columns;
    j["ignored_columns"] = s.ignored_columns;
    arr.push_back(std::move(j));
  }
  return arr;
}

Json diagnostic_json(const Diagnostic& d, bool redact_people) {
  const bool redact = redact_people && d.names_person;
  Json j;
  j["code"] = std::string(diag_code_name(d.code));
  j["severity"] = severity_name(d.severity);
  if (redact) {
    std::string where = d.table;
    if (d.row) where += " row " + std::to_string(d.row);
    j["message"] = where + ": " + std::string(diag_code_description(d.code)) +
                   " (the person is not named in reports; see gapscore validate)";
  } else {
    j["message"] = d.message;
  }
  j["table"] = d.table.empty() ? Json(nullptr) : Json(d.table);
  j["row"] = d.row == 0 ? Json(nullptr) : Json(d.row);
  j["column"] = d.column.empty() ? Json(nullptr) : Json(d.column);
  j["value"] = d.value.empty() || redact ? Json(nullptr) : Json(d.value);
  j["byte_offset"] = d.byte_offset == 0 ? Json(nullptr) : Json(d.byte_offset);
  return j;
}

Json diagnostics_section(const DiagnosticLog& log, bool redact_people) {
  Json j;
  Json counts = Json::array();
  for (const auto& [key, n] : log.counts()) {
    Json c;
    c["table"] = key.first.empty() ? Json(nullptr) : Json(key.first);
    c["code"] = std::string(diag_code_name(key.second));
    c["count"] = n;
    counts.push_back(std::move(c));
  }
  j["total"] = log.total();
  j["errors"] = log.errors();
  j["warnings"] = log.warnings();
  j["counts"] = std::move(counts);
  j["listed"] = log.items().size();
  j["truncated"] = log.truncated();
  Json items = Json::array();
  for (const Diagnostic& d : log.items()) items.push_back(diagnostic_json(d, redact_people));
  j["items"] = std::move(items);
  return j;
}

}  // namespace gapscore::report
