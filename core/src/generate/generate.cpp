// Writes the generated organisation as CSV tables plus truth.json.
#include "gapscore/generate.h"

#include <cstring>
#include <limits>
#include <map>

#include "gapscore/date.h"
#include "gapscore/prng.h"
#include "generate/number_text.h"
#include "generate/org_model.h"

namespace gapscore {

const char* generated_file_name(GeneratedFile f) {
  switch (f) {
    case GeneratedFile::activity: return "activity.csv";
    case GeneratedFile::people: return "people.csv";
    case GeneratedFile::surveys: return "surveys.csv";
    case GeneratedFile::playbook: return "playbook.csv";
    case GeneratedFile::truth: return "truth.json";
  }
  return "activity.csv";
}

namespace generate {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;

// Buffers one file's text and hands it to the sink in ~1 MiB chunks.
class ChunkWriter {
 public:
  ChunkWriter(GeneratedFile file, const std::function<Status(GeneratedFile, std::string_view)>& sink)
      : file_(file), sink_(sink) {
    buf_.reserve(kChunk + 4096);
  }
  std::string& buf() { return buf_; }
  Status maybe_flush() { return buf_.size() >= kChunk ? flush() : Status(Ok{}); }
  Status flush() {
    if (buf_.empty()) return Ok{};
    Status s = sink_(file_, buf_);
    buf_.clear();
    return s;
  }

 private:
  GeneratedFile file_;
  const std::function<Status(GeneratedFile, std::string_view)>& sink_;
  std::string buf_;
};

bool is_weekday(std::int32_t day) { return weekday_monday0(day) < 5; }

constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();

Status write_people(const Org& org, ChunkWriter& w) {
  w.buf() = "person_id,team,role,work_mode,manager_id,ai_trained,hire_date\n";
  for (const Person& p : org.people) {
    const Team& t = org.teams[p.team];
    std::string& b = w.buf();
    b += p.id;
    b += ',';
    b += t.name;
    b += ',';
    b += p.role->name;
    b += ',';
    b += mode_name(p.mode);
    b += ',';
    if (&p != &org.people[t.first_person]) b += org.people[t.first_person].id;
    b += p.ai_trained ? ",true," : ",false,";
    b += format_iso_date(p.hire_day);
    b += '\n';
    if (Status s = w.maybe_flush(); !s) return s;
  }
  return w.flush();
}

Status write_playbook(ChunkWriter& w) {
  w.buf() = "role,task_type,ai_recommended\n";
  auto add = [&](const RoleSpec& r) {
    for (const TaskSpec& t : r.tasks) {
      w.buf() += r.name;
      w.buf() += ',';
      w.buf() += t.name;
      w.buf() += t.ai_recommended ? ",true\n" : ",false\n";
    }
  };
  for (const RoleSpec& r : all_roles()) add(r);
  add(team_lead_role());
  return w.flush();
}

// One person's work on one task type on one day.
void append_activity_row(const Org& org, const Person& p, const TaskSpec& task, std::int32_t day, double target_hours,
                         Prng& rng, std::string& b) {
  const Team& team = org.teams[p.team];
  const bool rolled_out = day >= team.rollout_day;
  double share = rolled_out ? p.ai_share : 0.0;
  if (rolled_out && std::strcmp(p.role->name, kLowUtilizationRole) == 0 && std::strcmp(task.name, kLowUtilizationTask) == 0)
    share *= 0.15;  // planted: finance analysts rarely use AI for reports
  if (rolled_out && p.persona == Persona::rework_creator)
    share = clamp(task.ai_recommended ? share * 0.6 : share * 1.4 + 0.2, 0.0, 1.0);  // AI off the playbook
  const double manual_time = task.hours_per_task / p.skill;
  const double expected_time = manual_time * (1.0 - share * (1.0 - p.speed));
  const double expected_tasks = target_hours / expected_time;
  std::int64_t tasks = static_cast<std::int64_t>(expected_tasks + 0.5 + 0.6 * normalish(rng));
  if (tasks < 0) tasks = 0;
  std::int64_t ai_tasks = 0;
  for (std::int64_t i = 0; i < tasks; ++i) ai_tasks += rng.bernoulli(share) ? 1 : 0;
  const double ai_fraction = tasks > 0 ? static_cast<double>(ai_tasks) / static_cast<double>(tasks) : 0.0;
  double hours = tasks > 0 ? (static_cast<double>(tasks - ai_tasks) * manual_time +
                              static_cast<double>(ai_tasks) * manual_time * p.speed) *
                                 clamp(1.0 + 0.05 * normalish(rng), 0.85, 1.15)
                           : target_hours;
  hours = clamp(hours, 0.05, 16.0);
  const double baseline = tasks > 0 ? static_cast<double>(tasks) * manual_time * clamp(1.0 + 0.03 * normalish(rng), 0.9, 1.1)
                                    : hours;
  const double rework_rate = ai_fraction * p.ai_rework_rate + (1.0 - ai_fraction) * 0.03;
  const double rework = hours * clamp(rework_rate * (1.0 + 0.3 * normalish(rng)), 0.0, 1.0);
  const double quality = clamp(p.base_quality + ai_fraction * p.ai_quality_delta + 0.03 * normalish(rng), 0.0, 1.0);
  const double error_p = (1.0 - ai_fraction) * p.base_error_rate + ai_fraction * p.ai_error_rate;
  std::int64_t errors = 0;
  for (std::int64_t i = 0; i < tasks; ++i) errors += rng.bernoulli(error_p) ? 1 : 0;
  const double value = static_cast<double>(tasks) * task.value_per_task * quality * clamp(1.0 + 0.1 * normalish(rng), 0.6, 1.4);
  const double cycle = task.cycle_hours * (1.0 - 0.35 * ai_fraction * (1.0 - p.speed) / 0.5) *
                       clamp(1.0 + 0.15 * normalish(rng), 0.5, 1.6);
  const auto interactions =
      static_cast<std::int64_t>(static_cast<double>(ai_tasks) * p.interactions_per_ai_task + 0.5);

  b += p.id;
  b += ',';
  b += format_iso_date(day);
  b += ',';
  b += task.name;
  b += ',';
  append_int(b, tasks);
  b += ',';
  append_int(b, ai_tasks);
  b += ',';
  append_fixed(b, hours, 2);
  b += ',';
  if (rng.bernoulli(0.8)) append_fixed(b, baseline, 2);  // baseline estimates exist for ~80% of rows
  b += ',';
  append_fixed(b, rework, 2);
  b += ',';
  append_int(b, errors);
  b += ',';
  append_fixed(b, quality, 3);
  b += ',';
  append_fixed(b, value, 2);
  b += ',';
  append_fixed(b, clamp(cycle, 0.5, 500.0), 1);
  b += ',';
  append_int(b, interactions);
  b += '\n';
}

Status write_activity(const Org& org, Prng& rng, ChunkWriter& w) {
  w.buf() =
      "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,errors,quality,outcome_value,"
      "cycle_time_hours,ai_interactions\n";
  for (std::int32_t day = org.start_day; day <= org.end_day; ++day) {
    if (!is_weekday(day)) continue;
    for (const Person& p : org.people) {
      if (rng.bernoulli(0.04)) continue;  // a day off
      // 2-4 of the role's task types, hours split over them (about 8 hours a day for everyone).
      const std::uint32_t count = 2 + static_cast<std::uint32_t>(rng.below(3));
      std::uint32_t order[4] = {0, 1, 2, 3};
      for (std::uint32_t i = 3; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
      double weights[4], total = 0.0;
      for (std::uint32_t i = 0; i < count; ++i) total += weights[i] = rng.uniform(0.5, 1.5);
      const double day_hours = clamp(8.0 + 0.4 * normalish(rng), 6.5, 9.5);
      for (std::uint32_t i = 0; i < count; ++i)
        append_activity_row(org, p, p.role->tasks[order[i]], day, day_hours * weights[i] / total, rng, w.buf());
      if (Status s = w.maybe_flush(); !s) return s;
    }
  }
  return w.flush();
}

Status write_surveys(const Org& org, Prng& rng, ChunkWriter& w) {
  w.buf() = "person_id,date,ai_sentiment,wellbeing\n";
  // Monthly pulse: each person answers on their own workday of every 20-workday cycle.
  std::uint32_t workday = 0;
  for (std::int32_t day = org.start_day; day <= org.end_day; ++day) {
    if (!is_weekday(day)) continue;
    for (const Person& p : org.people) {
      if (workday % 20 != p.survey_offset || !rng.bernoulli(0.85)) continue;
      const bool rolled_out = day >= org.teams[p.team].rollout_day;
      const double sentiment = rolled_out ? p.sentiment : 3.0;
      auto score = [&](double mean) {
        return static_cast<std::int64_t>(clamp(mean + 0.7 * normalish(rng) + 0.5, 1.0, 5.99));
      };
      std::string& b = w.buf();
      b += p.id;
      b += ',';
      b += format_iso_date(day);
      b += ',';
      append_int(b, score(sentiment));
      b += ',';
      append_int(b, score(p.wellbeing));
      b += '\n';
    }
    ++workday;
    if (Status s = w.maybe_flush(); !s) return s;
  }
  return w.flush();
}

void json_string(std::string& b, std::string_view s) {
  b += '"';
  b += s;  // generated names never need escaping
  b += '"';
}

Status write_truth(const Org& org, const GenerateOptions& o, ChunkWriter& w) {
  std::string& b = w.buf();
  b += "{\n  \"generator\": \"gapscore generate\",\n  \"seed\": ";
  append_int(b, static_cast<std::int64_t>(o.seed));
  b += ",\n  \"people\": ";
  append_int(b, static_cast<std::int64_t>(org.people.size()));
  b += ",\n  \"start_date\": \"" + format_iso_date(org.start_day) + "\",\n  \"end_date\": \"" +
       format_iso_date(org.end_day) + "\",\n";
  b += "  \"global_rollout_date\": \"" + format_iso_date(org.global_rollout_day) + "\",\n";
  b += "  \"late_rollout_date\": \"" + format_iso_date(org.late_rollout_day) + "\",\n";
  b += "  \"teams\": [\n";
  for (std::size_t t = 0; t < org.teams.size(); ++t) {
    const Team& team = org.teams[t];
    b += "    {\"team\": ";
    json_string(b, team.name);
    b += ", \"role\": ";
    json_string(b, team.member_role->name);
    b += ", \"profile\": ";
    json_string(b, profile_name(team.profile));
    b += ", \"rollout_date\": ";
    if (team.rollout_day == kNever) b += "null";
    else json_string(b, format_iso_date(team.rollout_day));
    b += ", \"people\": ";
    append_int(b, team.person_count);
    b += t + 1 < org.teams.size() ? "},\n" : "}\n";
  }
  b += "  ],\n";
  b +=
      "  \"planted\": {\n"
      "    \"uneven_teams_profile\": \"uneven\",\n"
      "    \"work_mode_direct_effect\": 0,\n"
      "    \"work_mode_note\": \"remote and untrained people adopt AI less; output depends on AI use, role and skill, "
      "never on work mode itself\",\n"
      "    \"low_utilization\": {\"role\": \"" +
      std::string(kLowUtilizationRole) + "\", \"task_type\": \"" + kLowUtilizationTask +
      "\", \"share_multiplier\": 0.15},\n"
      "    \"rework_creators_use_ai_off_playbook\": true,\n"
      "    \"ai_speed_factor\": {\"developing\": 0.75, \"heavy_user\": 0.6, \"rework_creator\": 0.7, \"champion\": 0.5},\n"
      "    \"ai_quality_delta\": {\"developing\": 0.03, \"heavy_user\": 0.05, \"rework_creator\": -0.12, \"champion\": 0.1},\n"
      "    \"ai_rework_rate\": {\"developing\": 0.06, \"heavy_user\": 0.06, \"rework_creator\": \"0.35-0.5\", \"champion\": 0.015},\n"
      "    \"hours_per_day\": \"8 +/- 0.4 for everyone\"\n"
      "  },\n";
  b += "  \"persons\": [\n";
  for (std::size_t i = 0; i < org.people.size(); ++i) {
    const Person& p = org.people[i];
    b += "    {\"person_id\": ";
    json_string(b, p.id);
    b += ", \"team\": ";
    json_string(b, org.teams[p.team].name);
    b += ", \"persona\": ";
    json_string(b, persona_name(p.persona));
    b += ", \"work_mode\": ";
    json_string(b, mode_name(p.mode));
    b += p.ai_trained ? ", \"ai_trained\": true" : ", \"ai_trained\": false";
    b += ", \"ai_share\": ";
    append_fixed(b, p.ai_share, 4);
    b += i + 1 < org.people.size() ? "},\n" : "}\n";
    if (Status s = w.maybe_flush(); !s) return s;
  }
  w.buf() += "  ]\n}\n";
  return w.flush();
}

}  // namespace
}  // namespace generate

Status generate_dataset(const GenerateOptions& o, const std::function<Status(GeneratedFile, std::string_view)>& sink) {
  auto usage = [](std::string m) { return Error(make_diagnostic(DiagCode::usage_error, std::move(m))); };
  if (o.people < 1 || o.people > 10'000'000) return usage("people must be between 1 and 10000000");
  if (o.days < 1 || o.days > 3660) return usage("days must be between 1 and 3660");
  const auto start = parse_iso_date(o.start_date);
  if (!start) return usage("start must be a date in YYYY-MM-DD form, got \"" + clip_for_diagnostic(o.start_date) + "\"");
  // Independent streams per table, so adding survey rows never shifts activity values.
  std::uint64_t s = o.seed;
  Prng org_rng(splitmix64(s)), activity_rng(splitmix64(s)), survey_rng(splitmix64(s));
  const generate::Org org = generate::build_org(o.people, *start, o.days, org_rng);
  generate::ChunkWriter activity(GeneratedFile::activity, sink), people(GeneratedFile::people, sink),
      surveys(GeneratedFile::surveys, sink), playbook(GeneratedFile::playbook, sink), truth(GeneratedFile::truth, sink);
  if (Status st = generate::write_activity(org, activity_rng, activity); !st) return st;
  if (Status st = generate::write_people(org, people); !st) return st;
  if (Status st = generate::write_surveys(org, survey_rng, surveys); !st) return st;
  if (Status st = generate::write_playbook(playbook); !st) return st;
  return generate::write_truth(org, o, truth);
}

}  // namespace gapscore
