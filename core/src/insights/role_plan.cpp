#include "insights/role_plan.h"

namespace gapscore::insights {

bool RolePlan::shown(const std::string& role) const { return of(role) == privacy::CellStatus::shown; }

privacy::CellStatus RolePlan::of(const std::string& role) const {
  const auto it = status.find(role);
  return it == status.end() ? privacy::CellStatus::too_few_people : it->second;
}

std::map<std::string, std::vector<std::uint32_t>> role_members(const Dataset& ds, const analysis::AnalysisResult& a) {
  std::map<std::string, std::vector<std::uint32_t>> out;
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p)
    if (a.figures[p].active) out[person_attribute(ds.persons[p], "role")].push_back(p);
  return out;
}

}  // namespace gapscore::insights
