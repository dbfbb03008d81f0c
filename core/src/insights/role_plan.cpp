#include "insights/role_plan.h"

#include <vector>

#include "privacy/partition.h"

namespace gapscore::insights {

bool RolePlan::shown(const std::string& role) const { return of(role) == privacy::CellStatus::shown; }

privacy::CellStatus RolePlan::of(const std::string& role) const {
  const auto it = status.find(role);
  return it == status.end() ? privacy::CellStatus::too_few_people : it->second;
}

RolePlan plan_roles(const Dataset& ds, const analysis::AnalysisResult& a, int k) {
  RolePlan plan;
  for (std::size_t p = 0; p < ds.persons.size(); ++p)
    if (a.figures[p].active) plan.people[person_attribute(ds.persons[p], "role")] += 1;
  std::vector<double> sizes;
  for (const auto& [role, n] : plan.people) sizes.push_back(n);  // std::map: role-name order, so ties are stable
  const std::vector<privacy::CellStatus> status = privacy::plan_partition(sizes, k);
  std::size_t i = 0;
  for (const auto& [role, n] : plan.people) plan.status[role] = status[i++];
  return plan;
}

}  // namespace gapscore::insights
