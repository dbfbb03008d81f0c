// Report sections describing what was read: inputs and diagnostics.
#pragma once

#include <vector>

#include "gapscore/status.h"
#include "ingest/ingest.h"
#include "base/diagnostics_json.h"
#include "report/json_out.h"

namespace gapscore::report {

// sizes_shown false: bytes and row counts are not published (an organisation
// below min_group_size, or differential privacy).
Json inputs_section(const std::vector<TableSummary>& inputs, bool sizes_shown = true);
// With redact_people, diagnostics that name a person lose the name (message
// rewritten from the code's description, value withheld).
using gapscore::diagnostic_json;
using gapscore::diagnostics_section;

}  // namespace gapscore::report
