// Assembles the full report from a joined dataset.
#pragma once

#include "gapscore/config.h"
#include "gapscore/dataset.h"
#include "gapscore/diagnostics.h"
#include "gapscore/status.h"
#include "report/json_out.h"

namespace gapscore::report {

// Fails only when differential privacy is on and no secure random source exists.
Result<Json> build_report(const Dataset& ds, const Config& config, const DiagnosticLog& log);

}  // namespace gapscore::report
