// The report's "insights" section (docs/insights.md) as JSON.
#pragma once

#include "insights/insights.h"
#include "report/json_out.h"
#include "report/metrics_sections.h"

namespace gapscore::report {

Json insights_json(const insights::Insights& in, const analysis::AnalysisResult& a,
                   const privacy::SuppressionPlan& plan, const Config& config, const KeyLabeller& label);

}  // namespace gapscore::report
