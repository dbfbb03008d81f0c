// Per-person traits: persona (who adopts AI and how well), planted share,
// skill, quality, error rate, and the expected effects those imply.
#include <algorithm>

#include "generate/org_model.h"

namespace gapscore::generate {

namespace {

// Tuned so that after rollout heavy users gain about +25% quality-adjusted
// output per hour, champions about +40% with rework under 5% of hours,
// developing users a little, and rework creators lose (rework ≥ 20% of
// hours, concentrated on their off-playbook AI use). truth.json reports the
// exact expectations per person (expected_qaoph_change).
constexpr PersonaParams kParams[kPersonaCount] = {
    // non_adopter: 30% of them use AI on a trace of recommended tasks (kNonAdopterTraceRate)
    {.share_lo = 0.01, .share_hi = 0.04, .on_playbook_factor = 1.0, .off_playbook_factor = 0.0,
     .off_playbook_add = 0.0, .ai_time_factor = 0.85, .quality_delta = 0.0, .rework_per_ai_hour = 0.08,
     .rework_per_ai_hour_off = 0.30, .error_factor = 0.9, .cycle_factor = 0.9, .interactions_lo = 1.0,
     .interactions_hi = 2.0, .sentiment = 2.5, .wellbeing_shift = 0.0},
    // developing
    {.share_lo = 0.16, .share_hi = 0.44, .on_playbook_factor = 1.0, .off_playbook_factor = 0.3,
     .off_playbook_add = 0.0, .ai_time_factor = 0.80, .quality_delta = 0.01, .rework_per_ai_hour = 0.07,
     .rework_per_ai_hour_off = 0.30, .error_factor = 0.85, .cycle_factor = 0.85, .interactions_lo = 2.0,
     .interactions_hi = 4.0, .sentiment = 3.3, .wellbeing_shift = 0.0},
    // heavy_user
    {.share_lo = 0.80, .share_hi = 0.97, .on_playbook_factor = 1.0, .off_playbook_factor = 0.5,
     .off_playbook_add = 0.0, .ai_time_factor = 0.75, .quality_delta = 0.03, .rework_per_ai_hour = 0.05,
     .rework_per_ai_hour_off = 0.25, .error_factor = 0.65, .cycle_factor = 0.75, .interactions_lo = 4.0,
     .interactions_hi = 8.0, .sentiment = 4.0, .wellbeing_shift = 0.0},
    // rework_creator: less AI where the playbook recommends it, much more where it does not
    {.share_lo = 0.55, .share_hi = 0.85, .on_playbook_factor = 0.75, .off_playbook_factor = 1.0,
     .off_playbook_add = 0.3, .ai_time_factor = 0.70, .quality_delta = -0.08, .rework_per_ai_hour = 0.40,
     .rework_per_ai_hour_off = 0.80, .error_factor = 1.8, .cycle_factor = 1.1, .interactions_lo = 6.0,
     .interactions_hi = 12.0, .sentiment = 3.4, .wellbeing_shift = -0.5},
    // champion
    {.share_lo = 0.65, .share_hi = 0.90, .on_playbook_factor = 1.0, .off_playbook_factor = 0.1,
     .off_playbook_add = 0.0, .ai_time_factor = 0.62, .quality_delta = 0.06, .rework_per_ai_hour = 0.01,
     .rework_per_ai_hour_off = 0.10, .error_factor = 0.5, .cycle_factor = 0.65, .interactions_lo = 3.0,
     .interactions_hi = 5.0, .sentiment = 4.4, .wellbeing_shift = 0.1},
};

// Picks index i with probability w[i] / Σw.
std::size_t pick(const double (&w)[kPersonaCount], Prng& rng) {
  double total = 0.0;
  for (double x : w) total += x;
  const double u = rng.uniform01() * total;
  double acc = 0.0;
  for (std::size_t i = 0; i < kPersonaCount; ++i) {
    acc += w[i];
    if (u < acc) return i;
  }
  return kPersonaCount - 1;  // u rounded up to total
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

const char* rollout_name(Rollout r) {
  switch (r) {
    case Rollout::global: return "global";
    case Rollout::late: return "late";
    case Rollout::never: return "never";
  }
  return "global";
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

const PersonaParams& persona_params(Persona p) { return kParams[static_cast<std::size_t>(p)]; }

double normal12(Prng& rng) {
  double s = 0.0;
  for (int i = 0; i < 12; ++i) s += rng.uniform01();
  return s - 6.0;
}

double normal4(Prng& rng) {
  const double s = rng.uniform01() + rng.uniform01() + rng.uniform01() + rng.uniform01();
  return (s - 2.0) * 1.7320508075688772;  // variance 4/12 → 1
}

double clamp(double v, double lo, double hi) { return std::max(lo, std::min(hi, v)); }

Persona draw_persona(const Team& team, Mode mode, bool trained, Prng& rng) {
  const auto m = static_cast<std::size_t>(mode);
  // Weights of non_adopter, developing, heavy_user, rework_creator, champion.
  // Work mode and training move people between adopting and not adopting;
  // among adopters the mix is the same for every work mode, so at a given
  // AI share output does not depend on work mode.
  double w[kPersonaCount] = {0, 0, 0, 0, 0};
  double non = 0.0;
  const double untrained_shift = trained ? 0.0 : kUntrainedNonAdopterShift[static_cast<std::size_t>(team.profile)];
  switch (team.profile) {
    case TeamProfile::uniform_high:  // everyone supported alike: no mode or training effect
      w[2] = 0.64, w[3] = 0.04, w[4] = 0.32;
      break;
    case TeamProfile::uneven:  // about half heavy users, half non-adopters
      non = 0.34 + untrained_shift + kModeNonAdopterShift[m];
      w[2] = 0.72, w[3] = 0.08, w[4] = 0.2;
      break;
    case TeamProfile::uniform_low:
      non = 0.8 + untrained_shift + 0.5 * kModeNonAdopterShift[m];
      w[1] = 1.0;
      break;
    case TeamProfile::mixed:
      non = team.non_adopter_base + untrained_shift + kModeNonAdopterShift[m];
      w[1] = 0.35, w[2] = 0.3, w[3] = team.rework_weight, w[4] = 0.18;
      break;
  }
  non = clamp(non, 0.0, 0.95);
  double adopters = 0.0;
  for (double x : w) adopters += x;
  for (double& x : w) x *= (1.0 - non) / adopters;
  w[0] = non;
  return static_cast<Persona>(pick(w, rng));
}

void draw_traits(Person& p, Prng& rng) {
  const PersonaParams& pp = persona_params(p.persona);
  p.skill = clamp(1.0 + 0.05 * normal12(rng), 0.85, 1.15);
  p.base_quality = clamp(0.8 + 0.03 * normal12(rng), 0.7, 0.9);
  p.base_error_rate = clamp(0.06 + 0.015 * normal12(rng), 0.02, 0.12);
  p.wellbeing = clamp(3.6 + 0.3 * normal12(rng), 1.5, 4.8);
  if (p.persona == Persona::non_adopter) {
    p.ai_share = rng.bernoulli(kNonAdopterTraceRate) ? rng.uniform(pp.share_lo, pp.share_hi) : 0.0;
  } else {
    p.ai_share = rng.uniform(pp.share_lo, pp.share_hi);
  }
  p.interactions_per_ai_task = rng.uniform(pp.interactions_lo, pp.interactions_hi);
}

double task_ai_share(const Person& p, const RoleSpec& role, const TaskSpec& task) {
  const PersonaParams& pp = persona_params(p.persona);
  double a = task.ai_recommended ? p.ai_share * pp.on_playbook_factor
                                 : std::min(0.95, p.ai_share * pp.off_playbook_factor + pp.off_playbook_add);
  if (p.persona == Persona::non_adopter && !task.ai_recommended) a = 0.0;
  if (is_low_utilization(role, task)) a *= kLowUtilization.share_multiplier;
  return a;
}

double rework_per_ai_hour(const Person& p, const TaskSpec& task) {
  const PersonaParams& pp = persona_params(p.persona);
  return task.ai_recommended ? pp.rework_per_ai_hour : pp.rework_per_ai_hour_off;
}

// The row model (activity.cpp), in expectation: each task type gets the same
// expected hours H; a task takes t = h/skill·(1 − a·(1 − time_factor)) hours, so
// H/t tasks are done; quality is base + a·delta; rework per hour is the
// AI-hour fraction times the AI rework rate plus the rest times the manual rate.
double expected_qaoph_change(const Person& p, const RoleSpec& role) {
  const PersonaParams& pp = persona_params(p.persona);
  double pre_out = 0.0, post_out = 0.0, post_cost = 0.0;
  for (const TaskSpec& task : role.tasks) {
    const double a = task_ai_share(p, role, task);
    const double time_fraction = 1.0 - a * (1.0 - pp.ai_time_factor);  // post time / pre time per task
    pre_out += p.base_quality / task.hours_per_task;
    post_out += (p.base_quality + a * pp.quality_delta) / (task.hours_per_task * time_fraction);
    const double ai_hours = a * pp.ai_time_factor / time_fraction;  // share of the hours on AI tasks
    post_cost += 1.0 + ai_hours * rework_per_ai_hour(p, task) + (1.0 - ai_hours) * kManualReworkPerHour;
  }
  const double pre_cost = static_cast<double>(kTasksPerRole) * (1.0 + kManualReworkPerHour);
  return (post_out / post_cost) / (pre_out / pre_cost) - 1.0;
}

double expected_error_rate_change(const Person& p, const RoleSpec& role) {
  const PersonaParams& pp = persona_params(p.persona);
  double pre_errors = 0.0, pre_tasks = 0.0, post_errors = 0.0, post_tasks = 0.0;
  for (const TaskSpec& task : role.tasks) {
    const double a = task_ai_share(p, role, task);
    const double pre = 1.0 / task.hours_per_task;  // tasks per hour
    const double post = pre / (1.0 - a * (1.0 - pp.ai_time_factor));
    pre_tasks += pre;
    pre_errors += pre * p.base_error_rate;
    post_tasks += post;
    post_errors += post * p.base_error_rate * (1.0 - a + a * pp.error_factor);
  }
  return (post_errors / post_tasks) / (pre_errors / pre_tasks) - 1.0;
}

}  // namespace gapscore::generate
