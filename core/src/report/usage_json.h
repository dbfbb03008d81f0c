// The report's "usage" section (AI-tool telemetry, docs/usage-exports.md) as JSON.
#pragma once

#include "report/json_out.h"
#include "report/metrics_sections.h"
#include "usage_analysis/usage_analysis.h"

namespace gapscore::report {

Json usage_json(const JoinedUsage& joined, const usage_analysis::UsageAnalysis& ua, const Config& config,
                const KeyLabeller& label);

}  // namespace gapscore::report
