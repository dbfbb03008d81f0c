// Role-based guidance: per role, the AI-recommended tasks with the lowest AI
// use, and off-playbook tasks where AI use comes with rework or errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "insights/role_plan.h"

namespace gapscore::insights {

struct UnderusedTask {
  std::string task_type;
  double utilization_rate;  // Σai_tasks/Σtasks for the role on this task
  double tasks;
  double people;            // people of the role with rows of this task (at least min_group_size)
};

struct RiskyTask {
  std::string task_type;
  double ai_share;
  std::optional<double> ai_rework_rate, manual_rework_rate, ai_error_rate, manual_error_rate;
  double ai_people;
};

struct RoleGuidance {
  std::string role;
  privacy::CellStatus status = privacy::CellStatus::shown;  // hidden roles carry no figures
  double people = 0;
  std::vector<UnderusedTask> underused;
  std::vector<RiskyTask> risky_off_playbook;
  std::vector<std::string> recommendations;  // plain-language sentences
};

struct RoleGuidanceResult {
  bool available = false;  // needs a playbook and roles
  std::string reason;
  std::vector<RoleGuidance> roles;            // roles covered by the playbook, sorted by name
  std::vector<std::string> roles_not_covered; // roles with people but no playbook rows
};

RoleGuidanceResult role_guidance(const Dataset& ds, const RolePlan& roles, const Config& config);

}  // namespace gapscore::insights
