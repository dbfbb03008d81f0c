// Assembles the full report from a joined dataset.
#pragma once

#include "gapscore/config.h"
#include "gapscore/dataset.h"
#include "gapscore/diagnostics.h"
#include "gapscore/status.h"
#include "report/json_out.h"
#include "usage/usage_table.h"

namespace gapscore::report {

// Fails only when differential privacy is on and no secure random source exists.
// `usage` is null when no AI-usage exports were given. The log is not const:
// joining usage exports adds diagnostics.
Result<Json> build_report(const Dataset& ds, const Config& config, DiagnosticLog& log, const usage::UsageData* usage);

}  // namespace gapscore::report
