// truth.json: the planted ground truth, so tests (and people) can check that
// an analysis of the generated tables finds what was put in. Pretty-printed
// with a fixed key order; numbers use the same exact formatting as the CSVs.
#include "base/date.h"
#include "base/number_text.h"
#include "generate/writers.h"

namespace gapscore::generate {

namespace {

constexpr int kDecimals = 4;

void json_string(std::string& b, std::string_view s) {
  b += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      b += '\\';
      b += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      b += "\\u00";
      b += kHex[(c >> 4) & 0xF];
      b += kHex[c & 0xF];
    } else {
      b += c;
    }
  }
  b += '"';
}

void json_number(std::string& b, double v) { append_fixed(b, v, kDecimals); }

// `"key": ` at the given indent (a new line unless first in its object).
void key(std::string& b, int indent, std::string_view name, bool first = false) {
  b += first ? "\n" : ",\n";
  b.append(static_cast<std::size_t>(indent), ' ');
  json_string(b, name);
  b += ": ";
}

void json_date_or_null(std::string& b, std::int32_t day) {
  if (day == kNeverDay) b += "null";
  else json_string(b, format_iso_date(day));
}

double ratio(double num, double den) { return den > 0.0 ? num / den : 0.0; }

struct GroupStats {
  double people = 0, trained = 0, ai_users = 0, share_sum = 0;
  void add(const Person& p) {
    people += 1;
    trained += p.ai_trained ? 1 : 0;
    ai_users += p.persona != Persona::non_adopter ? 1 : 0;
    share_sum += p.ai_share;
  }
};

void group_object(std::string& b, const GroupStats& g) {
  b += "{\"people\": ";
  json_number(b, g.people);
  b += ", \"ai_trained_share\": ";
  json_number(b, ratio(g.trained, g.people));
  b += ", \"ai_user_share\": ";
  json_number(b, ratio(g.ai_users, g.people));
  b += ", \"mean_planted_ai_share\": ";
  json_number(b, ratio(g.share_sum, g.people));
  b += '}';
}

struct EffectSums {
  double n = 0, qaoph = 0, errors = 0;
};

void mean_or_null(std::string& b, double sum, double n) {
  if (n > 0) json_number(b, sum / n);
  else b += "null";
}

// A JSON array of the names of teams matching `pred`, on one line.
template <typename Pred>
void team_list(std::string& b, const Org& org, Pred pred) {
  b += '[';
  bool first = true;
  for (const Team& t : org.teams) {
    if (!pred(t)) continue;
    if (!first) b += ", ";
    first = false;
    json_string(b, t.name);
  }
  b += ']';
}

void write_header(const Org& org, const GenerateOptions& o, const TableRows& rows, std::string& b) {
  b += '{';
  key(b, 2, "generator", true);
  json_string(b, "gapscore generate");
  key(b, 2, "truth_version");
  b += '1';
  key(b, 2, "options");
  b += "{\"people\": ";
  append_int(b, o.people);
  if (o.teams > 0) {  // only when given, so the default output stays as it was
    b += ", \"teams\": ";
    append_int(b, o.teams);
  }
  b += ", \"days\": ";
  append_int(b, o.days);
  b += ", \"seed\": ";
  json_string(b, std::to_string(o.seed));  // a string: JSON readers may not hold 64-bit integers exactly
  b += ", \"start_date\": ";
  json_string(b, format_iso_date(org.start_day));
  b += '}';
  key(b, 2, "window");
  b += "{\"start_date\": ";
  json_string(b, format_iso_date(org.start_day));
  b += ", \"end_date\": ";
  json_string(b, format_iso_date(org.end_day));
  b += ", \"workdays\": \"Monday-Friday\"}";
  key(b, 2, "rows");
  b += "{\"activity\": ";
  append_int(b, static_cast<std::int64_t>(rows.activity));
  b += ", \"people\": ";
  append_int(b, static_cast<std::int64_t>(rows.people));
  b += ", \"surveys\": ";
  append_int(b, static_cast<std::int64_t>(rows.surveys));
  b += ", \"playbook\": ";
  append_int(b, static_cast<std::int64_t>(rows.playbook));
  b += '}';
}

Status write_teams(const Org& org, ChunkWriter& w) {
  std::string& b = w.buf();
  key(b, 2, "teams");
  b += '[';
  for (std::size_t t = 0; t < org.teams.size(); ++t) {
    const Team& team = org.teams[t];
    std::string& c = w.buf();
    c += t == 0 ? "\n    {\"team\": " : ",\n    {\"team\": ";
    json_string(c, team.name);
    c += ", \"member_role\": ";
    json_string(c, member_role(team.base).name);
    c += ", \"lead\": \"";
    append_person_id(c, org, team.first_person);
    c += '"';
    c += ", \"people\": ";
    append_int(c, team.person_count);
    c += ", \"adoption_profile\": ";
    json_string(c, profile_name(team.profile));
    c += ", \"rollout\": ";
    json_string(c, rollout_name(team.rollout));
    c += ", \"rollout_date\": ";
    json_date_or_null(c, team.rollout_day);
    c += '}';
    if (Status s = w.maybe_flush(); !s) return s;
  }
  w.buf() += "\n  ]";
  return Ok{};
}

void write_planted(const Org& org, ChunkWriter& w) {
  std::string& b = w.buf();
  // Adoption patterns (planted effect 2).
  key(b, 2, "adoption_patterns");
  b += '{';
  key(b, 4, "uneven_teams", true);
  team_list(b, org, [](const Team& t) { return t.profile == TeamProfile::uneven; });
  key(b, 4, "uniform_high_teams");
  team_list(b, org, [](const Team& t) { return t.profile == TeamProfile::uniform_high; });
  key(b, 4, "uniform_low_teams");
  team_list(b, org, [](const Team& t) { return t.profile == TeamProfile::uniform_low; });
  key(b, 4, "note");
  json_string(b,
              "uneven: about half heavy users and half non-adopters; uniform_high: every member an AI user "
              "with a high share; uniform_low: mostly non-adopters, the rest light users; mixed: everything else, "
              "with team-level variation in adoption and in rework creators");
  b += "\n  }";

  // Rollout (planted effect 3).
  key(b, 2, "rollout");
  b += '{';
  key(b, 4, "global_date", true);
  json_string(b, format_iso_date(org.global_rollout_day));
  key(b, 4, "late_date");
  json_string(b, format_iso_date(org.late_rollout_day));
  key(b, 4, "global_teams");
  team_list(b, org, [](const Team& t) { return t.rollout == Rollout::global; });
  key(b, 4, "late_teams");
  team_list(b, org, [](const Team& t) { return t.rollout == Rollout::late; });
  key(b, 4, "control_teams");
  team_list(b, org, [](const Team& t) { return t.rollout == Rollout::never; });
  key(b, 4, "before_rollout");
  json_string(b, "ai_tasks = 0 and ai_interactions = 0 on every row dated before the team's rollout_date");
  b += "\n  }";

  // Personas (planted effect 1) and their parameters.
  double counts[kPersonaCount] = {0, 0, 0, 0, 0};
  EffectSums effects[kPersonaCount];
  EffectSums effective, ai_users;
  GroupStats by_mode[kModeCount], trained, untrained;
  for (const Person& p : org.people) {
    const auto k = static_cast<std::size_t>(p.persona);
    counts[k] += 1;
    by_mode[static_cast<std::size_t>(p.mode)].add(p);
    (p.ai_trained ? trained : untrained).add(p);
    if (org.teams[p.team].rollout == Rollout::never) continue;
    const RoleSpec& role = org.role_of(p);
    const double q = expected_qaoph_change(p, role), e = expected_error_rate_change(p, role);
    effects[k].n += 1, effects[k].qaoph += q, effects[k].errors += e;
    if (p.persona == Persona::heavy_user || p.persona == Persona::champion)
      effective.n += 1, effective.qaoph += q, effective.errors += e;
    if (p.persona != Persona::non_adopter) ai_users.n += 1, ai_users.qaoph += q, ai_users.errors += e;
  }
  key(b, 2, "personas");
  b += '{';
  key(b, 4, "definitions", true);
  b += '{';
  key(b, 6, "non_adopter", true);
  json_string(b, "AI share of tasks about 0 (at most 0.05)");
  key(b, 6, "developing");
  json_string(b, "AI share about 0.1-0.4");
  key(b, 6, "heavy_user");
  json_string(b, "AI share at least 0.6, quality kept or improved");
  key(b, 6, "rework_creator");
  json_string(b, "AI user with rework_hours/hours of at least 0.2 and more errors, AI use concentrated off-playbook");
  key(b, 6, "champion");
  json_string(b, "AI user with rework under 5% of hours and the highest quality-adjusted output per hour gain");
  key(b, 6, "shares_measured");
  json_string(b, "after the team's rollout, Σai_tasks/Σtasks over the person's rows");
  b += "\n    }";
  key(b, 4, "counts");
  b += '{';
  for (std::size_t k = 0; k < kPersonaCount; ++k) {
    key(b, 6, persona_name(static_cast<Persona>(k)), k == 0);
    json_number(b, counts[k]);
  }
  b += "\n    }";
  key(b, 4, "parameters");
  b += '{';
  for (std::size_t k = 0; k < kPersonaCount; ++k) {
    const PersonaParams& pp = persona_params(static_cast<Persona>(k));
    key(b, 6, persona_name(static_cast<Persona>(k)), k == 0);
    b += "{\"planted_share_range\": [";
    json_number(b, k == 0 ? 0.0 : pp.share_lo);  // most non-adopters: exactly 0
    b += ", ";
    json_number(b, pp.share_hi);
    b += "], \"ai_time_factor\": ";
    json_number(b, pp.ai_time_factor);
    b += ", \"quality_delta\": ";
    json_number(b, pp.quality_delta);
    b += ", \"rework_per_ai_hour\": ";
    json_number(b, pp.rework_per_ai_hour);
    b += ", \"rework_per_ai_hour_off_playbook\": ";
    json_number(b, pp.rework_per_ai_hour_off);
    b += ", \"error_factor\": ";
    json_number(b, pp.error_factor);
    b += ", \"ai_sentiment_after_rollout\": ";
    json_number(b, pp.sentiment);
    b += ", \"wellbeing_shift_after_rollout\": ";
    json_number(b, pp.wellbeing_shift);
    b += '}';
  }
  b += "\n    }\n  }";

  // Effect sizes after rollout (planted effect 3).
  key(b, 2, "effects_after_rollout");
  b += '{';
  key(b, 4, "measure", true);
  json_string(b, "per person, after vs before the team's rollout: quality_adjusted_output_per_hour = "
                 "Σ(tasks·quality) / Σ(hours + rework_hours), error_rate = Σerrors / Σtasks; values are "
                 "relative changes (after / before - 1), means over people in teams rolled out inside the window");
  key(b, 4, "quality_adjusted_output_per_hour_change");
  b += "{\"effective_users\": ";
  mean_or_null(b, effective.qaoph, effective.n);
  b += ", \"ai_users\": ";
  mean_or_null(b, ai_users.qaoph, ai_users.n);
  for (std::size_t k = 0; k < kPersonaCount; ++k) {
    b += ", ";
    json_string(b, persona_name(static_cast<Persona>(k)));
    b += ": ";
    mean_or_null(b, effects[k].qaoph, effects[k].n);
  }
  b += '}';
  key(b, 4, "error_rate_change");
  b += "{\"effective_users\": ";
  mean_or_null(b, effective.errors, effective.n);
  b += ", \"ai_users\": ";
  mean_or_null(b, ai_users.errors, ai_users.n);
  for (std::size_t k = 0; k < kPersonaCount; ++k) {
    b += ", ";
    json_string(b, persona_name(static_cast<Persona>(k)));
    b += ": ";
    mean_or_null(b, effects[k].errors, effects[k].n);
  }
  b += '}';
  key(b, 4, "effective_users");
  json_string(b, "heavy_user and champion");
  key(b, 4, "control_teams_change");
  b += '0';
  key(b, 4, "time_trend");
  b += '0';
  b += "\n  }";

  // Work mode (planted effect 4) and training (planted effect 5).
  key(b, 2, "work_mode");
  b += '{';
  key(b, 4, "direct_effect_on_output_per_hour", true);
  b += '0';
  key(b, 4, "explanation");
  json_string(b, "remote people are trained less and adopt AI less; output per hour depends on AI use, role, skill "
                 "and noise, never on work mode itself, so the raw remote gap in quality-adjusted output per hour "
                 "mostly disappears after adjusting for ai_task_share and role");
  key(b, 4, "planted_ai_trained_rate");
  b += '{';
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (m > 0) b += ", ";
    json_string(b, mode_name(static_cast<Mode>(m)));
    b += ": ";
    json_number(b, kTrainedRate[m]);
  }
  b += '}';
  key(b, 4, "planted_non_adopter_probability_shift");
  b += '{';
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (m > 0) b += ", ";
    json_string(b, mode_name(static_cast<Mode>(m)));
    b += ": ";
    json_number(b, kModeNonAdopterShift[m]);
  }
  b += '}';
  key(b, 4, "people_by_mode");
  b += '{';
  for (std::size_t m = 0; m < kModeCount; ++m) {
    key(b, 6, mode_name(static_cast<Mode>(m)), m == 0);
    group_object(b, by_mode[m]);
  }
  b += "\n    }\n  }";
  key(b, 2, "training");
  b += '{';
  key(b, 4, "planted_untrained_non_adopter_probability_shift", true);
  b += '{';
  for (std::size_t k = 0; k < 4; ++k) {
    if (k > 0) b += ", ";
    json_string(b, profile_name(static_cast<TeamProfile>(k)));
    b += ": ";
    json_number(b, kUntrainedNonAdopterShift[k]);
  }
  b += '}';
  key(b, 4, "trained");
  group_object(b, trained);
  key(b, 4, "untrained");
  group_object(b, untrained);
  b += "\n  }";

  // Playbook (planted effect 6).
  key(b, 2, "playbook");
  b += '{';
  key(b, 4, "low_utilization", true);
  b += '[';
  if (org.teams.size() > kLowUtilizationBase) {
    b += "{\"role\": ";
    json_string(b, kLowUtilization.role);
    b += ", \"task_type\": ";
    json_string(b, kLowUtilization.task_type);
    b += ", \"ai_recommended\": true, \"share_multiplier\": ";
    json_number(b, kLowUtilization.share_multiplier);
    b += '}';
  }
  b += ']';
  key(b, 4, "off_playbook_share");
  json_string(b, "share on tasks the role's playbook does not recommend = planted share · factor + add (at most 0.95)");
  key(b, 4, "off_playbook_factor");
  b += '{';
  for (std::size_t k = 1; k < kPersonaCount; ++k) {
    if (k > 1) b += ", ";
    json_string(b, persona_name(static_cast<Persona>(k)));
    b += ": [";
    json_number(b, persona_params(static_cast<Persona>(k)).off_playbook_factor);
    b += ", ";
    json_number(b, persona_params(static_cast<Persona>(k)).off_playbook_add);
    b += ']';
  }
  b += '}';
  key(b, 4, "rework_creators_concentrate_ai_off_playbook");
  b += "true";
  key(b, 4, "off_playbook_ai_rework");
  json_string(b, "AI-assisted hours on off-playbook tasks carry more rework (rework_per_ai_hour_off_playbook)");
  b += "\n  }";

  // Legacy proxies (planted effect 7), surveys (8), optional columns.
  key(b, 2, "legacy_proxies");
  b += "{\"hours_per_workday\": {\"mean\": ";
  json_number(b, kDayHoursMean);
  b += ", \"sd\": ";
  json_number(b, kDayHoursSd);
  b += ", \"min\": ";
  json_number(b, kDayHoursMin);
  b += ", \"max\": ";
  json_number(b, kDayHoursMax);
  b += "}, \"days_off\": \"one per full ";
  append_int(b, kDayOffCycleWorkdays);
  b += "-workday cycle, the same count for everyone\", \"hours_depend_on\": \"nothing (full-time for everyone)\", \"expected_abs_spearman_hours_vs_outcome_below\": 0.2}";
  key(b, 2, "surveys");
  b += "{\"cycle_workdays\": ";
  append_int(b, kSurveyCycleWorkdays);
  b += ", \"response_rate\": ";
  json_number(b, kSurveyResponseRate);
  b += ", \"ai_sentiment_before_rollout\": ";
  json_number(b, kSentimentBeforeRollout);
  b += ", \"note\": \"ai_sentiment after rollout and wellbeing shifts per persona are under personas.parameters\"}";
  key(b, 2, "optional_columns");
  b += "{\"baseline_hours_present_rate\": ";
  json_number(b, kBaselinePresentRate);
  b += '}';
}

}  // namespace

Status write_truth(const Org& org, const GenerateOptions& options, const TableRows& rows, ChunkWriter& w) {
  write_header(org, options, rows, w.buf());
  if (Status s = write_teams(org, w); !s) return s;
  write_planted(org, w);
  key(w.buf(), 2, "persons");
  w.buf() += '[';
  for (std::size_t i = 0; i < org.people.size(); ++i) {
    const Person& p = org.people[i];
    const RoleSpec& role = org.role_of(p);
    std::string& b = w.buf();
    b += i == 0 ? "\n    {\"person_id\": \"" : ",\n    {\"person_id\": \"";
    append_person_id(b, org, i);
    b += "\", \"team\": ";
    json_string(b, org.teams[p.team].name);
    b += ", \"role\": ";
    json_string(b, role.name);
    b += ", \"work_mode\": ";
    json_string(b, mode_name(p.mode));
    b += p.ai_trained ? ", \"ai_trained\": true" : ", \"ai_trained\": false";
    b += ", \"persona\": ";
    json_string(b, persona_name(p.persona));
    b += ", \"planted_ai_share\": ";
    json_number(b, p.ai_share);
    b += ", \"expected_quality_adjusted_output_per_hour_change\": ";
    json_number(b, expected_qaoph_change(p, role));
    b += ", \"expected_error_rate_change\": ";
    json_number(b, expected_error_rate_change(p, role));
    b += '}';
    if (Status s = w.maybe_flush(); !s) return s;
  }
  w.buf() += "\n  ]\n}\n";
  return w.flush();
}

}  // namespace gapscore::generate
