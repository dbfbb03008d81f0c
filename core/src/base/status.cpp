#include "gapscore/status.h"

#include <array>

namespace gapscore {
namespace {

struct CodeInfo {
  std::string_view name;
  std::string_view severity_class;
  std::string_view description;
};

constexpr std::array kCodes = {
#define GAPSCORE_X(code, severity, text) CodeInfo{#code, #severity, text},
    GAPSCORE_DIAGNOSTIC_CODES(GAPSCORE_X)
#undef GAPSCORE_X
};

bool is_utf8_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

}  // namespace

std::string_view diag_code_name(DiagCode code) { return kCodes[static_cast<std::size_t>(code)].name; }
std::string_view diag_code_description(DiagCode code) { return kCodes[static_cast<std::size_t>(code)].description; }
std::string_view diag_code_severity_class(DiagCode code) {
  return kCodes[static_cast<std::size_t>(code)].severity_class;
}
std::size_t diag_code_count() { return kCodes.size(); }
DiagCode diag_code_at(std::size_t index) { return static_cast<DiagCode>(index); }

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

std::string clip_for_diagnostic(std::string_view text) {
  if (text.size() <= kMaxDiagnosticValueBytes) return std::string(text);
  std::size_t cut = kMaxDiagnosticValueBytes;
  while (cut > 0 && is_utf8_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";  // U+2026 ellipsis
}

std::string quote_for_diagnostic(std::string_view text) { return "\"" + clip_for_diagnostic(text) + "\""; }

Diagnostic make_diagnostic(DiagCode code, std::string message, std::string table, std::uint64_t row,
                           std::string column, std::string value) {
  Diagnostic d;
  d.code = code;
  const std::string_view cls = diag_code_severity_class(code);
  d.severity = cls == "info" ? Severity::info : cls == "warning" ? Severity::warning : Severity::error;
  d.message = std::move(message);
  d.table = std::move(table);
  d.row = row;
  d.column = std::move(column);
  d.value = clip_for_diagnostic(value);
  return d;
}

}  // namespace gapscore
