#include "insights/figures.h"

#include <algorithm>

#include "insights/kpi_audit.h"
#include "insights/rollout.h"
#include "insights/training.h"
#include "insights/work_mode.h"
#include "privacy/analysis_figures.h"

namespace gapscore::insights {

using privacy::CellStatus;
using privacy::Keep;

InsightFigures declare_insight_figures(privacy::DisclosureAudit& audit, const Dataset& ds,
                                       const analysis::AnalysisResult& a, const Config& config) {
  InsightFigures f;
  // Roles: guidance, role training targets and mentoring all describe a role's people.
  for (auto& [role, members] : role_members(ds, a)) {
    const double n = static_cast<double>(members.size());
    f.roles[role] = {audit.add({privacy::kPeopleDomain, "roles", std::move(members), Keep::insight}),
                     n};
  }
  TrainedSets t = trained_sets(ds, a);
  f.trained = audit.add({privacy::kPeopleDomain, "ai_trained", std::move(t.trained), Keep::insight});
  f.untrained = audit.add({privacy::kPeopleDomain, "ai_trained", std::move(t.untrained), Keep::insight});
  audit.together(*f.trained, *f.untrained);
  RolloutArms arms = rollout_arms(ds, a, config);
  if (arms.configured) {
    f.treated = audit.add({privacy::kPeopleDomain, "rollout", std::move(arms.treated), Keep::insight});
    f.control = audit.add({privacy::kPeopleDomain, "rollout", std::move(arms.control), Keep::insight});
    audit.together(*f.treated, *f.control);
  }
  // Work modes: means of person-level output, as the gap's sides are.
  std::map<std::string, std::vector<std::uint32_t>> modes;
  for (const WorkModeObservation& o : work_mode_observations(ds, a)) modes[o.mode].push_back(o.person);
  for (auto& [mode, people] : modes) {
    std::sort(people.begin(), people.end());
    f.work_modes[mode] = audit.add({privacy::kQualityDomain, "work_mode", std::move(people), Keep::insight});
  }
  for (KpiCandidate& c : kpi_candidates(ds, a, config)) {
    if (c.people.empty()) {
      f.kpi_pairs.emplace_back();
      continue;
    }
    f.kpi_pairs.push_back(audit.add({"kpi", "", std::move(c.people), Keep::insight}));
  }
  return f;
}

RolePlan role_plan(const privacy::DisclosureAudit& audit, const InsightFigures& figures) {
  RolePlan plan;
  for (const auto& [role, entry] : figures.roles) {
    plan.people[role] = entry.second;
    plan.status[role] = audit.status(entry.first);
  }
  return plan;
}

CellStatus trained_status(const privacy::DisclosureAudit& audit, const InsightFigures& figures) {
  return figures.trained ? audit.status(*figures.trained) : CellStatus::not_published;
}

CellStatus rollout_status(const privacy::DisclosureAudit& audit, const InsightFigures& figures) {
  return figures.treated ? audit.status(*figures.treated) : CellStatus::not_published;
}

std::set<std::string> shown_work_modes(const privacy::DisclosureAudit& audit, const InsightFigures& figures) {
  std::set<std::string> out;
  for (const auto& [mode, id] : figures.work_modes)
    if (audit.shown(id)) out.insert(mode);
  return out;
}

std::vector<bool> shown_kpi_pairs(const privacy::DisclosureAudit& audit, const InsightFigures& figures) {
  std::vector<bool> out;
  for (const auto& id : figures.kpi_pairs) out.push_back(id && audit.shown(*id));
  return out;
}

}  // namespace gapscore::insights
