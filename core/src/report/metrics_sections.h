// JSON for the analysis sections: overall, groups, uniformity, trends.
#pragma once

#include "analysis/run.h"
#include "gapscore/dataset.h"
#include "report/json_out.h"

namespace gapscore::report {

Json group_result_json(const analysis::GroupResult& r);
Json gap_json(const analysis::GapResult& g);
Json score_json(const analysis::ScoreResult& s);
Json uniformity_json(const analysis::UniformityStats& u);
Json key_json(const analysis::Grouping& g, std::size_t group);
Json trends_json(const analysis::AnalysisResult& a);
Json unavailable_metrics_json(std::uint32_t available);

// The metrics shown per period in trends.
inline constexpr std::string_view kTrendMetrics[] = {"adoption_rate", "ai_task_share", "time_saved_hours",
                                                     "quality_adjusted_output_per_hour", "error_rate"};

}  // namespace gapscore::report
