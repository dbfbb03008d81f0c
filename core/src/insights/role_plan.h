// Which roles role-level insights (guidance, training targets, mentoring) may
// show: one plan shared by all of them, decided by the disclosure audit (a
// role is a set of people like a group; a role that is a team minus its lead
// would describe the lead beside the team's figures).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "dataset/dataset.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

struct RolePlan {
  std::map<std::string, double> people;                    // active people per role (role "" = not given)
  std::map<std::string, privacy::CellStatus> status;       // as the disclosure audit decided
  bool shown(const std::string& role) const;
  privacy::CellStatus of(const std::string& role) const;
};

// Active people per role (role "" = not given), person indices sorted.
std::map<std::string, std::vector<std::uint32_t>> role_members(const Dataset& ds, const analysis::AnalysisResult& a);

}  // namespace gapscore::insights
