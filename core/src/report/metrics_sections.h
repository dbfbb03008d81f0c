// JSON for the analysis sections: overall, groups, uniformity, trends.
#pragma once

#include "analysis/run.h"
#include <functional>
#include <string_view>

#include "dataset/dataset.h"
#include "insights/sufficiency.h"
#include "privacy/key_labels.h"
#include "privacy/suppression.h"
#include "report/json_out.h"

namespace gapscore::report {

// `span` and `config` decide each gap's and score's sufficiency (insights/sufficiency.h).
Json group_result_json(const analysis::GroupResult& r, const insights::DataSpan& span, const Config& config);
Json gap_json(const analysis::GapResult& g, const insights::DataSpan& span, const Config& config);
// gap_direction: the group's gap reading ("ai_users_behind" adds the caveat); "" when there is none.
Json score_json(const analysis::ScoreResult& s, const insights::DataSpan& span, const Config& config,
                std::string_view gap_direction = "");
Json sufficiency_json(const insights::Sufficiency& s);
Json uniformity_json(const analysis::UniformityStats& u);
using privacy::KeyLabeller;
Json key_json(const analysis::Grouping& g, std::size_t group, const KeyLabeller& label);
Json trends_json(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan, const KeyLabeller& label);
Json unavailable_metrics_json(std::uint32_t available);
// The sections an adoption-only report (no activity table) has where the
// activity's figures would be: every metric unavailable, the overall figures
// withheld, no groups, no uniformity, no trends.
void add_adoption_only_sections(Json& report);

using analysis::kTrendMetrics;

}  // namespace gapscore::report
