// What HR should do about the gap (docs/insights.md), as plain results: the
// report layer turns them into JSON (report/insights_json.cpp). Computed from
// the analysis after the privacy plan, so it only uses what the report may show.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "dataset/dataset.h"
#include "gapscore/config.h"
#include "insights/cards.h"
#include "insights/figures.h"
#include "insights/gap_text.h"
#include "insights/headline.h"
#include "insights/kpi_audit.h"
#include "insights/personas.h"
#include "insights/role_guidance.h"
#include "insights/rollout.h"
#include "insights/success.h"
#include "insights/sufficiency.h"
#include "insights/training.h"
#include "insights/work_mode.h"
#include "privacy/key_labels.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

// A group split between people who lean on AI and people who avoid it.
struct UnevenGroup {
  std::size_t group = 0;
  double leaning_share = 0;      // share of active people with ai_task_share >= split_min_share
  double non_adopter_share = 0;  // share below ai_user_min_share
  double split = 0;              // the smaller of the two
};

struct PersonaSection {
  std::optional<PersonaCounts> overall;              // nullopt when the organisation is hidden
  std::vector<std::optional<PersonaCounts>> groups;  // grouping order; nullopt = hidden group
};

struct Insights {
  PersonaSection personas;
  std::vector<UnevenGroup> uneven_groups;  // largest split first, at most insights.max_items
  RoleGuidanceResult role_guidance;
  TrainingResult training;
  std::vector<SuccessStory> success_stories;
  KpiAudit kpi_audit;
  WorkModeAnalysis work_mode;
  RolloutEffect rollout;
  DataSpan span;                  // the days and periods the activity covers
  std::optional<GapReading> gap;  // the organisation's gap in words (nullopt when the organisation is hidden)
  std::vector<Card> cards;        // ranked: enough data first, then impact (insights/headline.h)
  Headline headline;
};

// `plan` and `audit` (with the insights' own `figures`) are the disclosure
// audit's decisions: every insight shows only what they allow.
Insights compute_insights(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                          const privacy::DisclosureAudit& audit, const InsightFigures& figures, const Config& config,
                          const privacy::KeyLabeller& label);

}  // namespace gapscore::insights
