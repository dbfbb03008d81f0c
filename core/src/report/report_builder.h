// Assembles the full report from a joined dataset.
#pragma once

#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "gapscore/status.h"
#include "gapscore/status.h"
#include "report/dp_report.h"
#include "report/json_out.h"

namespace gapscore::report {

// Fails when differential privacy is on and no secure random source exists, or
// a section cannot be protected as privacy.protection asks (privacy_not_protected).
// The log is not const: the report notes how trends were bounded.
Result<Json> build_report(const Dataset& ds, const Config& config, DiagnosticLog& log,
                          const LedgerState* ledger = nullptr);

}  // namespace gapscore::report
