// activity.csv: one row per person × workday × task type done that day.
// Everyone works about the same hours; what AI changes is how many tasks fit
// in them, their quality, rework and errors (see expected_qaoph_change).
#include "base/date.h"
#include "base/number_text.h"
#include "generate/writers.h"

namespace gapscore::generate {

namespace {

constexpr const char* kHeader =
    "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,errors,quality,outcome_value,"
    "cycle_time_hours,ai_interactions\n";

// Multiplicative noise 1 + sd·z, clamped symmetrically so its mean stays 1.
double noise(Prng& rng, double sd, double max_dev) { return clamp(1.0 + sd * normal4(rng), 1.0 - max_dev, 1.0 + max_dev); }

// One person's work on one task type on one day: `planned_hours` of
// productive time (which sets how many tasks get done) and `logged_hours`
// (planned time plus the day's noise, what the hours column reports), so
// logged hours, about the same for everyone, do not drive output. AI changes
// how many tasks fit in the planned time (stochastic rounding keeps the
// expected count exact), their quality, the rework and the errors.
// Every random draw is its own statement: the order of draws inside one
// expression would be unspecified and could differ between compilers.
void append_row(const Org& org, std::size_t person_index, const RoleSpec& role, const TaskSpec& task,
                const std::string& date, bool rolled_out, double planned_hours, double logged_hours, Prng& rng,
                std::string& b) {
  const Person& p = org.people[person_index];
  const PersonaParams& pp = persona_params(p.persona);
  const double share = rolled_out ? task_ai_share(p, role, task) : 0.0;
  const double manual_time = task.hours_per_task / p.skill;
  const double time_fraction = 1.0 - share * (1.0 - pp.ai_time_factor);  // AI mix time / manual time

  const double expected_tasks = planned_hours / (manual_time * time_fraction);
  const double whole = static_cast<double>(static_cast<std::int64_t>(expected_tasks));
  const bool round_up = rng.bernoulli(expected_tasks - whole);
  const std::int64_t tasks = static_cast<std::int64_t>(whole) + (round_up ? 1 : 0);
  std::int64_t ai_tasks = 0;
  if (share > 0.0)
    for (std::int64_t i = 0; i < tasks; ++i) ai_tasks += rng.bernoulli(share) ? 1 : 0;
  const double ai_fraction = tasks > 0 ? static_cast<double>(ai_tasks) / static_cast<double>(tasks) : 0.0;

  const double hours_noise = noise(rng, 0.05, 0.15);
  const double hours = logged_hours * hours_noise;
  // Of the hours, the part on AI-assisted tasks; and what the same tasks
  // would take by hand (a row with no finished task is work in progress at
  // the planned mix).
  const double done_ai = tasks > 0 ? static_cast<double>(ai_tasks) * pp.ai_time_factor : share * pp.ai_time_factor;
  const double done_all = tasks > 0 ? done_ai + static_cast<double>(tasks - ai_tasks) : time_fraction;
  const double ai_hours = hours * done_ai / done_all;
  const double manual_equivalent =
      tasks > 0 ? static_cast<double>(tasks) / done_all : 1.0 / time_fraction;
  const double baseline_noise = noise(rng, 0.04, 0.15);
  const double baseline = hours * manual_equivalent * baseline_noise;
  const double rework_noise = noise(rng, 0.3, 0.9);
  const double rework =
      (ai_hours * rework_per_ai_hour(p, task) + (hours - ai_hours) * kManualReworkPerHour) * rework_noise;
  const double quality_noise = 0.03 * normal4(rng);
  const double quality = clamp(p.base_quality + ai_fraction * pp.quality_delta + quality_noise, 0.0, 1.0);
  std::int64_t errors = 0;
  const double ai_error_rate = p.base_error_rate * pp.error_factor;
  for (std::int64_t i = 0; i < tasks; ++i) errors += rng.bernoulli(i < ai_tasks ? ai_error_rate : p.base_error_rate) ? 1 : 0;
  const double value_noise = noise(rng, 0.1, 0.3);
  const double value = static_cast<double>(tasks) * task.value_per_task * quality * value_noise;
  const double cycle_noise = noise(rng, 0.15, 0.4);
  const double cycle = task.cycle_hours * (1.0 - ai_fraction * (1.0 - pp.cycle_factor)) * (1.0 + rework / hours) *
                       cycle_noise;
  std::int64_t interactions = 0;
  if (ai_tasks > 0) {
    const double intensity = rng.uniform(0.8, 1.2);
    interactions = static_cast<std::int64_t>(static_cast<double>(ai_tasks) * p.interactions_per_ai_task * intensity + 0.5);
  }
  const bool has_baseline = rng.bernoulli(kBaselinePresentRate);

  append_person_id(b, org, person_index);
  b += ',';
  b += date;
  b += ',';
  b += task.name;
  b += ',';
  append_int(b, tasks);
  b += ',';
  append_int(b, ai_tasks);
  b += ',';
  append_fixed(b, hours, 2);
  b += ',';
  if (has_baseline) append_fixed(b, baseline, 2);
  b += ',';
  append_fixed(b, rework, 2);
  b += ',';
  append_int(b, errors);
  b += ',';
  append_fixed(b, quality, 3);
  b += ',';
  append_fixed(b, value, 2);
  b += ',';
  append_fixed(b, clamp(cycle, 0.1, 1000.0), 1);
  b += ',';
  append_int(b, interactions);
  b += '\n';
}

// Everyone takes one day off in every full 20-workday cycle, on a day that
// differs by person and cycle, so days worked (and hence hours) are the same
// for everyone and cannot track output.
std::uint32_t day_off_slot(std::uint64_t key, std::size_t person, std::uint32_t cycle) {
  std::uint64_t x = key ^ (static_cast<std::uint64_t>(person) * 0x9E3779B97F4A7C15ULL) ^
                    (static_cast<std::uint64_t>(cycle) * 0xC2B2AE3D27D4EB4FULL);
  return static_cast<std::uint32_t>(((splitmix64(x) >> 32) * kDayOffCycleWorkdays) >> 32);
}

}  // namespace

Status write_activity(const Org& org, Prng& rng, ChunkWriter& w) {
  w.buf() = kHeader;
  const std::uint64_t day_off_key = rng.next();
  std::uint32_t total_workdays = 0;
  for (std::int32_t day = org.start_day; day <= org.end_day; ++day) total_workdays += weekday_monday0(day) < 5 ? 1 : 0;
  const std::uint32_t full_cycles = total_workdays / kDayOffCycleWorkdays;
  std::string date;
  std::uint32_t workday = 0;
  for (std::int32_t day = org.start_day; day <= org.end_day; ++day) {
    if (weekday_monday0(day) >= 5) continue;
    date = format_iso_date(day);
    const std::uint32_t cycle = workday / kDayOffCycleWorkdays, slot = workday % kDayOffCycleWorkdays;
    ++workday;
    for (std::size_t i = 0; i < org.people.size(); ++i) {
      const Person& p = org.people[i];
      if (cycle < full_cycles && day_off_slot(day_off_key, i, cycle) == slot) continue;
      const RoleSpec& role = org.role_of(p);
      const bool rolled_out = day >= org.teams[p.team].rollout_day;
      // 2-4 of the role's task types (in the role's order), the day's hours
      // split over them with random weights. Mostly 3-4: the day's mix of
      // short and long tasks moves tasks per hour, and a wilder mix would
      // bury the planted AI effects in noise.
      const std::uint64_t count_draw = rng.below(20);  // 2 types 15%, 3 types 35%, 4 types 50%
      const std::size_t count = count_draw < 3 ? 2 : count_draw < 10 ? 3 : 4;
      std::size_t order[kTasksPerRole] = {0, 1, 2, 3};
      for (std::size_t k = kTasksPerRole - 1; k > 0; --k) std::swap(order[k], order[static_cast<std::size_t>(rng.below(k + 1))]);
      bool chosen[kTasksPerRole] = {false, false, false, false};
      for (std::size_t k = 0; k < count; ++k) chosen[order[k]] = true;
      double weights[kTasksPerRole] = {0, 0, 0, 0}, total = 0.0;
      for (std::size_t k = 0; k < kTasksPerRole; ++k) {
        if (!chosen[k]) continue;
        weights[k] = rng.uniform(0.75, 1.25);
        total += weights[k];
      }
      const double day_hours = clamp(kDayHoursMean + kDayHoursSd * normal4(rng), kDayHoursMin, kDayHoursMax);
      for (std::size_t k = 0; k < kTasksPerRole; ++k) {
        if (!chosen[k]) continue;
        append_row(org, i, role, role.tasks[k], date, rolled_out, kDayHoursMean * weights[k] / total,
                   day_hours * weights[k] / total, rng, w.buf());
        w.count_line();
      }
      if (Status s = w.maybe_flush(); !s) return s;
    }
  }
  return w.flush();
}

}  // namespace gapscore::generate
