#include "generate/org_model.h"

#include <algorithm>
#include <limits>

namespace gapscore::generate {

namespace {

// name, recommended, hours/task, value/task, cycle hours
const std::vector<RoleSpec> kRoles = {
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

const char* const kTeamNames[] = {"Engineering", "Finance", "Customer Support", "Sales",
                                  "Marketing",   "Legal",   "People Ops",       "Operations"};

double uniform(Prng& rng, double lo, double hi) { return rng.uniform(lo, hi); }

Persona draw_persona(TeamProfile profile, Mode mode, bool trained, Prng& rng) {
  // Probabilities of non_adopter, developing, heavy_user, rework_creator, champion.
  double p[5] = {0, 0, 0, 0, 0};
  switch (profile) {
    case TeamProfile::uniform_high: p[0] = 0.0, p[1] = 0.0, p[2] = 0.65, p[3] = 0.03, p[4] = 0.32; break;
    case TeamProfile::uneven: p[0] = 0.5, p[1] = 0.0, p[2] = 0.3, p[3] = 0.05, p[4] = 0.15; break;
    case TeamProfile::uniform_low: p[0] = 0.72, p[1] = 0.28, p[2] = 0.0, p[3] = 0.0, p[4] = 0.0; break;
    case TeamProfile::mixed: {
      // Untrained and remote people adopt less: the planted work-mode confounder.
      double non = trained ? 0.12 : 0.42;
      if (mode == Mode::remote) non += 0.2;
      if (mode == Mode::hybrid) non += 0.05;
      p[0] = non;
      const double rest = 1.0 - non;
      p[1] = rest * 0.35, p[2] = rest * 0.3, p[3] = rest * 0.17, p[4] = rest * 0.18;
      break;
    }
  }
  if (profile == TeamProfile::uneven && mode == Mode::remote) {  // the same confounder in uneven teams
    p[0] += 0.15;
    p[2] -= 0.1;
    p[4] -= 0.05;
  }
  const double u = rng.uniform01();
  double acc = 0.0;
  Persona persona = Persona::developing;
  for (int i = 0; i < 5; ++i) {
    acc += p[i];
    if (u < acc) {
      persona = static_cast<Persona>(i);
      break;
    }
  }
  // Remote (and somewhat hybrid) people are held back a step in every kind of
  // team: less training and support, not less ability. The work-mode analysis
  // must find that this, not remote work itself, explains their lower output.
  // (Not in the uniformly high team, where everyone got the same support.)
  double held_back = mode == Mode::remote ? 0.4 : mode == Mode::hybrid ? 0.1 : 0.0;
  if (profile == TeamProfile::uniform_high) held_back = 0.0;
  if (rng.bernoulli(held_back)) {
    if (persona == Persona::developing) persona = Persona::non_adopter;
    else if (persona == Persona::heavy_user || persona == Persona::champion) persona = Persona::developing;
  }
  return persona;
}

void set_traits(Person& p, Prng& rng) {
  p.skill = clamp(1.0 + 0.1 * normalish(rng), 0.7, 1.3);
  p.base_quality = clamp(0.8 + 0.04 * normalish(rng), 0.6, 0.95);
  p.base_error_rate = clamp(0.08 + 0.02 * normalish(rng), 0.02, 0.15);
  p.sentiment = 3.0;
  p.wellbeing = clamp(3.6 + 0.4 * normalish(rng), 1.5, 5.0);
  switch (p.persona) {
    case Persona::non_adopter:
      p.ai_share = rng.bernoulli(0.7) ? 0.0 : uniform(rng, 0.01, 0.06);
      p.speed = 0.8, p.ai_quality_delta = 0.0, p.ai_rework_rate = 0.04, p.ai_error_rate = p.base_error_rate;
      p.interactions_per_ai_task = uniform(rng, 1, 2), p.sentiment = 2.3;
      break;
    case Persona::developing:
      p.ai_share = uniform(rng, 0.15, 0.4);
      p.speed = 0.75, p.ai_quality_delta = 0.03, p.ai_rework_rate = 0.06, p.ai_error_rate = p.base_error_rate * 0.8;
      p.interactions_per_ai_task = uniform(rng, 2, 4), p.sentiment = 3.4;
      break;
    case Persona::heavy_user:
      p.ai_share = uniform(rng, 0.62, 0.9);
      p.speed = 0.6, p.ai_quality_delta = 0.05, p.ai_rework_rate = 0.06, p.ai_error_rate = p.base_error_rate * 0.6;
      p.interactions_per_ai_task = uniform(rng, 4, 8), p.sentiment = 4.1;
      break;
    case Persona::rework_creator:
      p.ai_share = uniform(rng, 0.45, 0.85);
      p.speed = 0.7, p.ai_quality_delta = -0.12, p.ai_rework_rate = uniform(rng, 0.35, 0.5),
      p.ai_error_rate = p.base_error_rate * 1.8;
      p.interactions_per_ai_task = uniform(rng, 6, 12), p.sentiment = 3.5;
      p.wellbeing = clamp(p.wellbeing - 0.6, 1.0, 5.0);
      break;
    case Persona::champion:
      p.ai_share = uniform(rng, 0.5, 0.8);
      p.speed = 0.5, p.ai_quality_delta = 0.1, p.ai_rework_rate = 0.015, p.ai_error_rate = p.base_error_rate * 0.45;
      p.interactions_per_ai_task = uniform(rng, 3, 5), p.sentiment = 4.4;
      p.skill = clamp(p.skill + 0.1, 0.8, 1.4);
      break;
  }
}

}  // namespace

const char* profile_name(TeamProfile p) {
  switch (p) {
    case TeamProfile::mixed: return "mixed";
    case TeamProfile::uniform_high: return "uniform_high";
    case TeamProfile::uneven: return "uneven";
    case TeamProfile::uniform_low: return "uniform_low";
  }
  return "mixed";
}

const char* persona_name(Persona p) {
  switch (p) {
    case Persona::non_adopter: return "non_adopter";
    case Persona::developing: return "developing";
    case Persona::heavy_user: return "heavy_user";
    case Persona::rework_creator: return "rework_creator";
    case Persona::champion: return "champion";
  }
  return "developing";
}

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::onsite: return "onsite";
    case Mode::hybrid: return "hybrid";
    case Mode::remote: return "remote";
  }
  return "onsite";
}

const std::vector<RoleSpec>& all_roles() { return kRoles; }
const RoleSpec& team_lead_role() { return kTeamLead; }

double normalish(Prng& rng) {
  double s = 0.0;
  for (int i = 0; i < 12; ++i) s += rng.uniform01();
  return s - 6.0;
}

double clamp(double v, double lo, double hi) { return std::max(lo, std::min(hi, v)); }

Org build_org(std::uint32_t people, std::int32_t start_day, std::uint32_t days, Prng& rng) {
  Org org;
  org.start_day = start_day;
  org.end_day = start_day + static_cast<std::int32_t>(days) - 1;
  org.global_rollout_day = start_day + static_cast<std::int32_t>(days / 3);
  org.late_rollout_day = start_day + static_cast<std::int32_t>(2 * days / 3);
  const std::uint32_t n_teams = std::max(1U, (people + 24) / 25);
  constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
  for (std::uint32_t t = 0; t < n_teams; ++t) {
    Team team;
    const std::uint32_t base = t % 8;
    team.name = kTeamNames[base];
    if (t >= 8) team.name += " " + std::to_string(t / 8 + 1);
    team.member_role = &kRoles[base];
    // Planted profiles (with at least four teams): uniform high, two uneven, uniform low.
    team.profile = TeamProfile::mixed;
    if (n_teams >= 4) {
      if (base == 0) team.profile = TeamProfile::uniform_high;
      if (base == 2 || base == 4) team.profile = TeamProfile::uneven;
      if (base == 3) team.profile = TeamProfile::uniform_low;
    }
    // Rollout: most teams at the global date, some later, the last team never (control group).
    team.rollout_day = org.global_rollout_day;
    if (base == 5 || base == 6) team.rollout_day = org.late_rollout_day;
    if (n_teams >= 4 && t == n_teams - 1) team.rollout_day = kNever;
    team.first_person = t * people / n_teams;
    team.person_count = (t + 1) * people / n_teams - team.first_person;
    org.teams.push_back(std::move(team));
  }
  const std::size_t width = std::max<std::size_t>(5, std::to_string(people).size());
  org.people.resize(people);
  for (std::uint32_t t = 0; t < n_teams; ++t) {
    const Team& team = org.teams[t];
    for (std::uint32_t k = 0; k < team.person_count; ++k) {
      Person& p = org.people[team.first_person + k];
      std::string num = std::to_string(team.first_person + k + 1);
      p.id = "P" + std::string(width - num.size(), '0') + num;
      p.team = t;
      p.role = k == 0 ? &kTeamLead : team.member_role;
      const double u = rng.uniform01();
      p.mode = u < 0.4 ? Mode::onsite : u < 0.75 ? Mode::hybrid : Mode::remote;
      const double trained_p = p.mode == Mode::remote ? 0.35 : p.mode == Mode::hybrid ? 0.55 : 0.7;
      p.ai_trained = rng.bernoulli(trained_p);
      p.persona = draw_persona(team.profile, p.mode, p.ai_trained, rng);
      set_traits(p, rng);
      p.hire_day = start_day - 30 - static_cast<std::int32_t>(rng.below(2500));
      p.survey_offset = static_cast<std::uint32_t>(rng.below(20));
    }
  }
  return org;
}

}  // namespace gapscore::generate
