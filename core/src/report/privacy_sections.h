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
// `ds`: for the individual rows' key attributes (individual results only).
Json privacy_section(const Config& config, const privacy::SuppressionPlan& plan,
                     const privacy::DisclosureAudit* audit = nullptr, const Dataset* ds = nullptr);
Json suppressed_json(privacy::CellStatus status, int k);
// The group_by attributes individual rows carry: the longest prefix whose
// every combination holds at least min_group_size people.
std::vector<std::string> individual_key_attributes(const Dataset& ds, const Config& config);
// Person-level rows (only with privacy.individual_results): pseudonymous ids.
Json individuals_section(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);

}  // namespace gapscore::report
