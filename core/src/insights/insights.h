// The report's "insights" section: what HR should do about the gap
// (docs/insights.md). Built from the analysis after the privacy plan, so it
// only uses what the report may show.
#pragma once

#include "analysis/run.h"
#include "gapscore/config.h"
#include "gapscore/dataset.h"
#include "privacy/suppression.h"
#include "report/json_out.h"
#include "report/metrics_sections.h"

namespace gapscore::insights {

report::Json insights_section(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                              const Config& config, const report::KeyLabeller& label);

}  // namespace gapscore::insights
