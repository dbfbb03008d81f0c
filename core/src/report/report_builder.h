// Assembles the full report from a joined dataset.
#pragma once

#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "gapscore/status.h"
#include "gapscore/status.h"
#include "report/json_out.h"

namespace gapscore::report {

// Fails only when differential privacy is on and no secure random source exists.
// The log is not const: the report notes how trends were bounded.
Result<Json> build_report(const Dataset& ds, const Config& config, DiagnosticLog& log);

}  // namespace gapscore::report
