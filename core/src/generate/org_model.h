// The synthetic organisation: teams with adoption profiles and rollout dates,
// roles with their task types and playbook, and people with the traits that
// drive their activity (persona, work mode, training, skill).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gapscore/prng.h"

namespace gapscore::generate {

struct TaskSpec {
  const char* name;
  bool ai_recommended;
  double hours_per_task;  // manual time for an average person
  double value_per_task;
  double cycle_hours;     // elapsed start-to-done for a manual task
};

struct RoleSpec {
  const char* name;
  TaskSpec tasks[4];
};

enum class TeamProfile : std::uint8_t { mixed, uniform_high, uneven, uniform_low };
enum class Persona : std::uint8_t { non_adopter, developing, heavy_user, rework_creator, champion };
enum class Mode : std::uint8_t { onsite, hybrid, remote };

const char* profile_name(TeamProfile p);
const char* persona_name(Persona p);
const char* mode_name(Mode m);

struct Team {
  std::string name;
  const RoleSpec* member_role;
  TeamProfile profile;
  std::int32_t rollout_day;  // days since 1970; INT32_MAX = not inside the window
  std::uint32_t first_person, person_count;
};

struct Person {
  std::string id;
  std::uint32_t team;
  const RoleSpec* role;
  Mode mode;
  bool ai_trained;
  Persona persona;
  double ai_share;      // share of tasks done with AI once rolled out
  double skill;         // productivity multiplier
  double speed;         // AI task time as a fraction of manual time
  double base_quality;
  double ai_quality_delta;
  double ai_rework_rate;   // rework hours per hour on AI-assisted work
  double base_error_rate, ai_error_rate;
  double interactions_per_ai_task;
  double sentiment, wellbeing;
  std::int32_t hire_day;
  std::uint32_t survey_offset;  // workday of the month the person answers
};

struct Org {
  std::vector<Team> teams;
  std::vector<Person> people;
  std::int32_t start_day = 0, end_day = 0;   // inclusive
  std::int32_t global_rollout_day = 0, late_rollout_day = 0;
};

const std::vector<RoleSpec>& all_roles();
const RoleSpec& team_lead_role();
// The planted low-utilization pair: finance analysts rarely use AI for reports.
inline constexpr const char* kLowUtilizationRole = "finance_analyst";
inline constexpr const char* kLowUtilizationTask = "reports";

Org build_org(std::uint32_t people, std::int32_t start_day, std::uint32_t days, Prng& rng);

// Roughly standard normal, from the sum of 12 uniforms (no libm, identical everywhere).
double normalish(Prng& rng);
double clamp(double v, double lo, double hi);

}  // namespace gapscore::generate
