// The insights' figures in the disclosure audit (privacy/disclosure_audit.h):
// the people behind each role, the trained / untrained comparison, the rollout
// arms, the work modes and the KPI pairs. Registered before the audit runs;
// each insight then publishes only what the audit shows (compute_insights).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "dataset/dataset.h"
#include "gapscore/config.h"
#include "insights/role_plan.h"
#include "privacy/disclosure_audit.h"

namespace gapscore::insights {

struct InsightFigures {
  std::map<std::string, std::pair<privacy::FigureId, double>> roles;  // role -> (figure, active people)
  std::optional<privacy::FigureId> trained, untrained;
  std::optional<privacy::FigureId> treated, control;
  std::map<std::string, privacy::FigureId> work_modes;
  std::vector<std::optional<privacy::FigureId>> kpi_pairs;  // kpi_candidates order
};

InsightFigures declare_insight_figures(privacy::DisclosureAudit& audit, const Dataset& ds,
                                       const analysis::AnalysisResult& a, const Config& config);

// After the audit ran: what each insight may show.
RolePlan role_plan(const privacy::DisclosureAudit& audit, const InsightFigures& figures);
privacy::CellStatus trained_status(const privacy::DisclosureAudit& audit, const InsightFigures& figures);
privacy::CellStatus rollout_status(const privacy::DisclosureAudit& audit, const InsightFigures& figures);
std::set<std::string> shown_work_modes(const privacy::DisclosureAudit& audit, const InsightFigures& figures);
std::vector<bool> shown_kpi_pairs(const privacy::DisclosureAudit& audit, const InsightFigures& figures);

}  // namespace gapscore::insights
