// Report sections shaped by the privacy rules: what was suppressed, the
// privacy settings in force, person-level rows (opt-in), redacted diagnostics.
#pragma once

#include <functional>
#include <string>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "privacy/disclosure_audit.h"
#include "privacy/suppression.h"
#include "report/json_out.h"

namespace gapscore::report {

// `audit` null: no disclosure audit ran (differential privacy).
Json privacy_section(const Config& config, const privacy::SuppressionPlan& plan,
                     const privacy::DisclosureAudit* audit = nullptr);
Json suppressed_json(privacy::CellStatus status, int k);
// Person-level rows (only with privacy.individual_results): pseudonymous ids.
Json individuals_section(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);

}  // namespace gapscore::report
