// Which roles role-level insights (guidance, training targets, mentoring) may
// show: one plan shared by all of them, since the report also publishes the
// organisation-wide persona counts that a hidden role could be subtracted from.
#pragma once

#include <map>
#include <string>

#include "analysis/run.h"
#include "dataset/dataset.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

struct RolePlan {
  std::map<std::string, double> people;                    // active people per role (role "" = not given)
  std::map<std::string, privacy::CellStatus> status;       // shown, too_few_people or complementary
  bool shown(const std::string& role) const;
  privacy::CellStatus of(const std::string& role) const;
};

RolePlan plan_roles(const Dataset& ds, const analysis::AnalysisResult& a, int k);

}  // namespace gapscore::insights
