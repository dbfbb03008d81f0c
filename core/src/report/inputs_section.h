// Report sections describing what was read: inputs and diagnostics.
#pragma once

#include <vector>

#include "gapscore/diagnostics.h"
#include "gapscore/ingest.h"
#include "report/json_out.h"

namespace gapscore::report {

Json inputs_section(const std::vector<TableSummary>& inputs);
// With redact_people, diagnostics that name a person lose the name (message
// rewritten from the code's description, value withheld).
Json diagnostics_section(const DiagnosticLog& log, bool redact_people = false);
Json diagnostic_json(const Diagnostic& d, bool redact_people = false);

}  // namespace gapscore::report
