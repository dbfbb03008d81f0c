// Organisation structure: about 25 people per team (or the caller's team
// count, people spread evenly), team names cycling
// through the base teams ("Engineering", ..., then "Engineering 2"), the
// planted adoption profiles and rollout dates, and the people in each team.
#include <algorithm>

#include "base/number_text.h"
#include "generate/org_model.h"

namespace gapscore::generate {

namespace {

constexpr std::uint32_t kPeoplePerTeam = 25;

// With four or more teams every planted pattern is present: at least two
// uneven teams, one uniformly high, one uniformly low. Fewer teams are all mixed.
TeamProfile profile_for(std::size_t base, std::size_t n_teams) {
  if (n_teams < 4) return TeamProfile::mixed;
  static constexpr TeamProfile kByBase[kBaseTeamCount] = {
      TeamProfile::uniform_high, TeamProfile::mixed, TeamProfile::uneven, TeamProfile::uniform_low,
      TeamProfile::uneven,       TeamProfile::mixed, TeamProfile::mixed,  TeamProfile::mixed};
  if (n_teams == 4 && base == 1) return TeamProfile::uneven;  // Marketing does not exist yet
  return kByBase[base];
}

// Most teams get AI at the global date, some about two thirds in, and with
// four or more teams at least one never inside the window (the control group).
Rollout rollout_for(std::size_t base, std::size_t n_teams) {
  if (n_teams >= kBaseTeamCount) {
    static constexpr Rollout kByBase[kBaseTeamCount] = {Rollout::global, Rollout::global, Rollout::global,
                                                        Rollout::late,   Rollout::global, Rollout::late,
                                                        Rollout::global, Rollout::never};
    return kByBase[base];
  }
  if (n_teams >= 4) {
    if (base == 3) return Rollout::never;  // Sales, the uniformly low team
    if (base == (n_teams < 6 ? 1U : 5U)) return Rollout::late;
    return Rollout::global;
  }
  return base == 1 ? Rollout::late : Rollout::global;
}

std::uint32_t digits(std::uint64_t v) {
  std::uint32_t d = 1;
  while (v >= 10) v /= 10, ++d;
  return d;
}

}  // namespace

Org build_org(std::uint32_t people, std::uint32_t teams, std::int32_t start_day, std::uint32_t days, Prng& rng) {
  Org org;
  org.start_day = start_day;
  org.end_day = start_day + static_cast<std::int32_t>(days) - 1;
  org.global_rollout_day = start_day + static_cast<std::int32_t>(days / 3);
  org.late_rollout_day = start_day + static_cast<std::int32_t>(2 * static_cast<std::uint64_t>(days) / 3);
  org.id_width = std::max<std::uint32_t>(5, digits(people));

  const std::uint32_t n_teams =
      teams > 0 ? std::min(teams, people) : std::max<std::uint32_t>(1, (people + kPeoplePerTeam / 2) / kPeoplePerTeam);
  org.teams.resize(n_teams);
  for (std::uint32_t t = 0; t < n_teams; ++t) {
    Team& team = org.teams[t];
    team.base = static_cast<std::uint8_t>(t % kBaseTeamCount);
    team.name = base_team_name(team.base);
    if (t >= kBaseTeamCount) {
      team.name += ' ';
      append_int(team.name, t / kBaseTeamCount + 1);
    }
    team.profile = profile_for(team.base, n_teams);
    team.rollout = rollout_for(team.base, n_teams);
    team.rollout_day = team.rollout == Rollout::global ? org.global_rollout_day
                       : team.rollout == Rollout::late ? org.late_rollout_day
                                                       : kNeverDay;
    team.first_person = static_cast<std::uint32_t>(static_cast<std::uint64_t>(t) * people / n_teams);
    team.person_count =
        static_cast<std::uint32_t>(static_cast<std::uint64_t>(t + 1) * people / n_teams) - team.first_person;
    // Mixed teams differ in how readily they adopt and in how many misuse AI.
    team.non_adopter_base = rng.uniform(0.08, 0.28);
    team.rework_weight = rng.uniform(0.08, 0.22);
  }

  org.people.resize(people);
  std::vector<Mode> modes;
  for (std::uint32_t t = 0; t < n_teams; ++t) {
    const Team& team = org.teams[t];
    // Every team has the same work-mode mix (40% onsite, 35% hybrid, 25%
    // remote, shuffled), so mode comparisons are not blurred by team or role.
    modes.assign(team.person_count, Mode::hybrid);
    const auto n = static_cast<std::uint64_t>(team.person_count);
    const auto onsite = static_cast<std::size_t>((n * 40 + 50) / 100), remote = static_cast<std::size_t>((n * 25 + 50) / 100);
    for (std::size_t k = 0; k < onsite; ++k) modes[k] = Mode::onsite;
    for (std::size_t k = 0; k < remote && onsite + k < modes.size(); ++k) modes[modes.size() - 1 - k] = Mode::remote;
    for (std::size_t k = modes.size(); k > 1; --k) std::swap(modes[k - 1], modes[static_cast<std::size_t>(rng.below(k))]);
    for (std::uint32_t k = 0; k < team.person_count; ++k) {
      Person& p = org.people[team.first_person + k];
      p.team = t;
      p.is_lead = k == 0;
      p.mode = modes[k];
      p.ai_trained = rng.bernoulli(kTrainedRate[static_cast<std::size_t>(p.mode)]);
      p.persona = draw_persona(team, p.mode, p.ai_trained, rng);
      draw_traits(p, rng);
      p.hire_day = start_day - 30 - static_cast<std::int32_t>(rng.below(p.is_lead ? 4000 : 2500));
      p.survey_offset = static_cast<std::uint8_t>(rng.below(20));
    }
  }
  return org;
}

void append_person_id(std::string& out, const Org& org, std::size_t person_index) {
  append_padded_id(out, 'P', person_index + 1, org.id_width);
}

}  // namespace gapscore::generate
