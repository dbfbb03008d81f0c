// Turns AI-usage exports into adoption, intensity and breadth per group:
// identities joined to people, per-person aggregates over the window, group
// figures with privacy suppression, weekly trends, team aggregates, and the
// comparison with activity-based AI use. The report's "usage" section.
#pragma once

#include "analysis/run.h"
#include "gapscore/config.h"
#include "gapscore/dataset.h"
#include "gapscore/diagnostics.h"
#include "report/json_out.h"
#include "report/metrics_sections.h"
#include "usage/usage_table.h"

namespace gapscore::usage {

// `activity` is null in adoption-only reports.
report::Json usage_section(const Dataset& ds, const UsageData& data, const Config& config, DiagnosticLog& log,
                           const analysis::AnalysisResult* activity, const report::KeyLabeller& label);

// The window the exports cover (for reports without activity dates).
std::pair<std::int32_t, std::int32_t> usage_date_range(const UsageData& data);

}  // namespace gapscore::usage
