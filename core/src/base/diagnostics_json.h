// Diagnostics as JSON: one shape everywhere (report "diagnostics", validation,
// errors handed to JS), with snake_case keys as the TypeScript types name them.
#pragma once

#include <nlohmann/json.hpp>

#include "gapscore/status.h"

namespace gapscore {

// One diagnostic. `redact_people`: a diagnostic that names a person keeps only
// its table, row and code (reports without individual results).
nlohmann::ordered_json diagnostic_json(const Diagnostic& d, bool redact_people = false);
// Counts per (table, code), totals, and the first max_diagnostics in full.
nlohmann::ordered_json diagnostics_section(const DiagnosticLog& log, bool redact_people = false);

}  // namespace gapscore
