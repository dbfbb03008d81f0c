// Roles, their task types and the AI playbook. Each role has four task types;
// at least one is recommended for AI and at least one is not.
#include <cstring>

#include "generate/org_model.h"

namespace gapscore::generate {

namespace {

// {task, ai_recommended, manual hours/task, value/task, cycle hours}
const RoleSpec kMemberRoles[kBaseTeamCount] = {
    {"software_engineer",
     {{"coding", true, 2.0, 80, 30}, {"code_review", true, 0.8, 40, 20}, {"documentation", true, 1.2, 30, 40},
      {"meetings", false, 1.0, 10, 4}}},
    {"finance_analyst",
     {{"reports", true, 1.5, 60, 36}, {"reconciliation", false, 1.0, 45, 24}, {"forecasting", true, 2.5, 90, 60},
      {"email", true, 0.3, 5, 6}}},
    {"support_agent",
     {{"tickets", true, 0.5, 20, 12}, {"knowledge_base", true, 1.5, 35, 48}, {"escalations", false, 1.2, 50, 30},
      {"email", true, 0.3, 5, 6}}},
    {"account_executive",
     {{"proposals", true, 2.0, 120, 48}, {"prospecting", true, 0.6, 25, 24}, {"negotiation", false, 1.5, 150, 72},
      {"email", true, 0.3, 5, 6}}},
    {"marketer",
     {{"content", true, 1.8, 55, 40}, {"campaign_analysis", true, 1.5, 60, 30}, {"design", false, 2.0, 50, 48},
      {"email", true, 0.3, 5, 6}}},
    {"counsel",
     {{"contract_review", true, 2.5, 140, 72}, {"research", true, 2.0, 90, 48}, {"negotiation", false, 1.5, 150, 72},
      {"email", true, 0.3, 5, 6}}},
    {"recruiter",
     {{"job_posts", true, 0.8, 25, 24}, {"screening", false, 0.7, 30, 30}, {"scheduling", true, 0.3, 8, 12},
      {"email", true, 0.3, 5, 6}}},
    {"ops_specialist",
     {{"scheduling", true, 0.4, 10, 12}, {"reports", true, 1.5, 55, 36}, {"procurement", false, 1.2, 60, 60},
      {"email", true, 0.3, 5, 6}}},
};

const RoleSpec kTeamLead = {"team_lead",
                            {{"planning", true, 1.5, 70, 24}, {"reviews", false, 1.0, 40, 24},
                             {"meetings", false, 1.0, 10, 4}, {"email", true, 0.3, 5, 6}}};

const char* const kBaseTeamNames[kBaseTeamCount] = {"Engineering", "Finance",   "Customer Support", "Sales",
                                                    "Marketing",   "Legal",     "People Ops",       "Operations"};

// The department each base team sits in (people.csv's department column, for roll-ups).
const char* const kBaseTeamDepartments[kBaseTeamCount] = {"Product", "Corporate", "Customer", "Revenue",
                                                          "Revenue", "Corporate", "Corporate", "Customer"};

}  // namespace

const char* base_team_name(std::size_t base) { return kBaseTeamNames[base % kBaseTeamCount]; }
const char* base_team_department(std::size_t base) { return kBaseTeamDepartments[base % kBaseTeamCount]; }
const RoleSpec& member_role(std::size_t base) { return kMemberRoles[base % kBaseTeamCount]; }
const RoleSpec& team_lead_role() { return kTeamLead; }

bool is_low_utilization(const RoleSpec& role, const TaskSpec& task) {
  return std::strcmp(role.name, kLowUtilization.role) == 0 && std::strcmp(task.name, kLowUtilization.task_type) == 0;
}

}  // namespace gapscore::generate
