// The synthetic organisation behind `gapscore generate`: roles with their
// task types and playbook (roles.cpp), teams with adoption profiles and
// rollout dates (org.cpp), and people with the traits that drive their
// activity (traits.cpp). The table writers (writers.h) only read this model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/prng.h"

namespace gapscore::generate {

// ---- Roles, task types, playbook (roles.cpp) ----

struct TaskSpec {
  const char* name;
  bool ai_recommended;    // the role's playbook says: use AI for this
  double hours_per_task;  // manual time for a person of skill 1
  double value_per_task;  // outcome_value units per task at quality 1
  double cycle_hours;     // elapsed start-to-done of a manual task
};

inline constexpr std::size_t kTasksPerRole = 4;

struct RoleSpec {
  const char* name;
  TaskSpec tasks[kTasksPerRole];
};

// Base teams in creation order; team t is base team t % kBaseTeamCount, and
// its members (all but the lead) have that base team's role.
inline constexpr std::size_t kBaseTeamCount = 8;
const char* base_team_name(std::size_t base);
const char* base_team_department(std::size_t base);
const RoleSpec& member_role(std::size_t base);
const RoleSpec& team_lead_role();

// The planted low-utilization pair: finance analysts rarely use AI for
// reports although the playbook recommends it.
struct LowUtilization {
  const char* role;
  const char* task_type;
  double share_multiplier;  // applied to the person's share on that task
};
inline constexpr LowUtilization kLowUtilization = {"finance_analyst", "reports", 0.1};
inline constexpr std::size_t kLowUtilizationBase = 1;  // the Finance base team
bool is_low_utilization(const RoleSpec& role, const TaskSpec& task);

// ---- Personas and their planted AI effects (traits.cpp) ----

enum class TeamProfile : std::uint8_t { mixed, uniform_high, uneven, uniform_low };
enum class Rollout : std::uint8_t { global, late, never };
enum class Persona : std::uint8_t { non_adopter, developing, heavy_user, rework_creator, champion };
inline constexpr std::size_t kPersonaCount = 5;
enum class Mode : std::uint8_t { onsite, hybrid, remote };
inline constexpr std::size_t kModeCount = 3;

const char* profile_name(TeamProfile p);
const char* rollout_name(Rollout r);
const char* persona_name(Persona p);
const char* mode_name(Mode m);

// How a persona works once AI is rolled out to their team. Shares are shares
// of tasks; "per AI hour" means per hour spent on AI-assisted tasks.
struct PersonaParams {
  double share_lo, share_hi;        // the person's planted share, uniform in [lo, hi)
  double on_playbook_factor;        // share on AI-recommended tasks = share · factor
  double off_playbook_factor;       // share on other tasks = share · factor + add (≤ 0.95)
  double off_playbook_add;
  double ai_time_factor;            // AI-assisted task time / manual time
  double quality_delta;             // quality change on AI-assisted tasks
  double rework_per_ai_hour;        // on AI-recommended tasks
  double rework_per_ai_hour_off;    // on off-playbook tasks
  double error_factor;              // error probability on AI tasks / manual
  double cycle_factor;              // cycle time of AI tasks / manual
  double interactions_lo, interactions_hi;  // AI interactions per AI task
  double sentiment;                 // mean ai_sentiment after rollout (3 before)
  double wellbeing_shift;           // added to the person's wellbeing after rollout
};
const PersonaParams& persona_params(Persona p);

inline constexpr double kManualReworkPerHour = 0.03;  // everyone, on manual work
inline constexpr double kNonAdopterTraceRate = 0.3;   // non-adopters with a trace share (else 0)
inline constexpr double kSentimentBeforeRollout = 3.0;

// Training rate by work mode (remote people are trained less: the confounder
// behind the raw remote gap) and the adoption penalties, both recorded in truth.json.
inline constexpr double kTrainedRate[kModeCount] = {0.80, 0.55, 0.20};
// Added to the non-adopter probability of untrained people, by TeamProfile
// (mixed, uniform_high, uneven, uniform_low).
inline constexpr double kUntrainedNonAdopterShift[4] = {0.35, 0.0, 0.25, 0.1};
inline constexpr double kModeNonAdopterShift[kModeCount] = {0.0, 0.05, 0.30};

// ---- The organisation (org.cpp) ----

struct Team {
  std::string name;
  std::uint8_t base;  // index into the base teams
  TeamProfile profile;
  Rollout rollout;
  std::int32_t rollout_day;  // days since 1970; kNeverDay when not inside the window
  std::uint32_t first_person, person_count;  // the first person is the team lead
  double non_adopter_base;   // mixed teams: team-level adoption propensity
  double rework_weight;      // mixed teams: team-level share of rework creators
};

inline constexpr std::int32_t kNeverDay = INT32_MAX;

struct Person {
  std::uint32_t team;
  std::int32_t hire_day;
  bool is_lead;
  Mode mode;
  bool ai_trained;
  Persona persona;
  std::uint8_t survey_offset;  // workday (mod 20) of the person's monthly pulse answer
  double ai_share;             // planted share of tasks with AI after rollout (before task adjustments)
  double skill;                // speed multiplier, independent of work mode
  double base_quality;
  double base_error_rate;      // manual errors per task
  double interactions_per_ai_task;
  double wellbeing;            // mean wellbeing before any persona shift
};

struct Org {
  std::vector<Team> teams;
  std::vector<Person> people;
  std::int32_t start_day = 0, end_day = 0;  // inclusive
  std::int32_t global_rollout_day = 0, late_rollout_day = 0;
  std::uint32_t id_width = 5;

  const RoleSpec& role_of(const Person& p) const {
    return p.is_lead ? team_lead_role() : member_role(teams[p.team].base);
  }
};

// teams = 0: about 25 people per team; else exactly `teams` teams (1..people).
Org build_org(std::uint32_t people, std::uint32_t teams, std::int32_t start_day, std::uint32_t days, Prng& rng);
void append_person_id(std::string& out, const Org& org, std::size_t person_index);

// ---- Traits and the per-person planted effects (traits.cpp) ----

// Roughly standard normal draws without libm (identical everywhere):
// Irwin–Hall sums of 12 uniforms (person traits) or 4 uniforms, rescaled to
// unit variance (per-row noise, cheaper, bounded at ±3.46).
double normal12(Prng& rng);
double normal4(Prng& rng);
double clamp(double v, double lo, double hi);

Persona draw_persona(const Team& team, Mode mode, bool trained, Prng& rng);
void draw_traits(Person& p, Prng& rng);

// Share of a task type's tasks done with AI once the team is rolled out.
double task_ai_share(const Person& p, const RoleSpec& role, const TaskSpec& task);
double rework_per_ai_hour(const Person& p, const TaskSpec& task);

// Expected relative change after rollout (post / pre − 1) of the person's
// quality-adjusted output per hour, Σtasks·quality / Σ(hours + rework_hours),
// and of their error rate, Σerrors / Σtasks. Exact expectations of the row
// model below (equal expected hours per task type), so the analysis of the
// generated rows should recover them up to noise.
double expected_qaoph_change(const Person& p, const RoleSpec& role);
double expected_error_rate_change(const Person& p, const RoleSpec& role);

}  // namespace gapscore::generate
