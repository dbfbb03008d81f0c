// Report sections describing what was read: inputs and diagnostics.
#pragma once

#include <vector>

#include "gapscore/diagnostics.h"
#include "gapscore/ingest.h"
#include "report/json_out.h"

namespace gapscore::report {

Json inputs_section(const std::vector<TableSummary>& inputs);
Json diagnostics_section(const DiagnosticLog& log);
Json diagnostic_json(const Diagnostic& d);

}  // namespace gapscore::report
