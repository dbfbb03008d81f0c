#include "base/diagnostics_json.h"

namespace gapscore {

nlohmann::ordered_json diagnostic_json(const Diagnostic& d, bool redact_people) {
  const bool redact = redact_people && d.names_person;
  nlohmann::ordered_json j;
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
  j["table"] = d.table.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.table);
  j["source"] = d.source.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.source);
  j["row"] = d.row == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.row);
  j["column"] = d.column.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.column);
  j["value"] = d.value.empty() || redact ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.value);
  j["byte_offset"] = d.byte_offset == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.byte_offset);
  return j;
}

nlohmann::ordered_json diagnostics_section(const DiagnosticLog& log, bool redact_people) {
  nlohmann::ordered_json j;
  nlohmann::ordered_json counts = nlohmann::ordered_json::array();
  for (const auto& [key, n] : log.counts()) {
    nlohmann::ordered_json c;
    c["table"] = key.first.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(key.first);
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
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const Diagnostic& d : log.items()) items.push_back(diagnostic_json(d, redact_people));
  j["items"] = std::move(items);
  return j;
}

std::string error_json(const Error& e, const DiagnosticLog* context) {
  nlohmann::ordered_json j;
  j["code"] = std::string(diag_code_name(e.code()));
  j["message"] = e.message();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : e.diagnostics) list.push_back(diagnostic_json(d));
  // Then the row-level diagnostics logged so far: "all rows were skipped" is useless without the why.
  if (context)
    for (const Diagnostic& d : context->items()) {
      bool repeated = false;
      for (const Diagnostic& own : e.diagnostics) repeated = repeated || (own.code == d.code && own.message == d.message);
      if (!repeated) list.push_back(diagnostic_json(d));
    }
  j["diagnostics"] = std::move(list);
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gapscore
