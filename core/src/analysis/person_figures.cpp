#include "analysis/person_figures.h"

#include <unordered_map>

#include "metrics/contributors.h"
#include "metrics/group_inputs.h"

namespace gapscore::analysis {

PersonFigures person_figures(const metrics::Sums& s, const Config& config) {
  PersonFigures f;
  f.active = s.all.rows > 0;
  f.tasks = s.all.tasks;
  f.ai_tasks = s.all.ai_tasks;
  f.hours_saved = s.ai.b_baseline - s.ai.b_hours;  // AI-assisted rows only, as time_saved_hours
  f.rework_hours = s.all.rework;
  f.hours = s.all.hours;
  if (s.all.i_rows > 0) f.ai_interactions = s.all.interactions;
  if (s.all.v_rows > 0) f.outcome_value = s.all.v_value;
  f.quality_mean = metrics::ratio(s.all.q_weighted, s.all.q_tasks);
  f.error_rate = metrics::ratio(s.all.errors, s.all.e_tasks);
  f.ai_task_share = metrics::ratio(s.all.ai_tasks, s.all.tasks);
  f.ai_user = f.ai_task_share && *f.ai_task_share >= config.ai_user_min_share;
  f.rework_rate = metrics::ratio(s.all.rework, s.all.r_hours);
  f.quality_adjusted_output_per_hour = metrics::ratio(s.all.q_weighted, s.all.q_cost);
  f.contributes = metrics::row_contributions(s);
  using namespace metrics;
  const auto lacks = [&](std::uint32_t kind, bool outside) { f.lacks |= outside ? kind : 0u; };
  lacks(rework_rows, s.all.r_rows < s.all.rows);
  lacks(value_rows, s.all.v_rows < s.all.rows);
  lacks(quality_rows, s.all.q_tasks < s.all.tasks);
  lacks(error_rows, s.all.e_tasks < s.all.tasks);
  lacks(cycle_time_rows, s.all.c_tasks < s.all.tasks);
  lacks(ai_baseline_rows, s.ai.b_rows < s.all.rows);
  return f;
}

void add_survey_kinds(std::span<PersonFigures> figures, std::span<const SurveyAnswers> answers) {
  for (std::size_t p = 0; p < figures.size() && p < answers.size(); ++p) {
    if (answers[p].sentiment) figures[p].contributes |= metrics::sentiment_answers;
    if (answers[p].wellbeing) figures[p].contributes |= metrics::wellbeing_answers;
  }
}

std::vector<std::uint32_t> survey_row_persons(const Dataset& ds) {
  if (!ds.surveys) return {};
  const Table& sv = *ds.surveys;
  std::unordered_map<std::string_view, std::uint32_t> person_index;
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p) person_index.emplace(ds.persons[p].id, p);
  const TextColumn& pid = sv.column("person_id").text();
  std::vector<std::uint32_t> out(sv.row_count(), kNoPerson);
  for (std::size_t r = 0; r < sv.row_count(); ++r)
    if (const auto it = person_index.find(pid.at(r)); it != person_index.end()) out[r] = it->second;
  return out;
}

std::vector<SurveyAnswers> latest_survey_answers(const Dataset& ds, std::span<const std::uint32_t> row_person,
                                                 std::optional<std::int32_t> from, std::optional<std::int32_t> to) {
  std::vector<SurveyAnswers> out(ds.persons.size());
  if (!ds.surveys) return out;
  const Table& sv = *ds.surveys;
  const std::vector<std::int32_t>& date = sv.column("date").ints();
  const std::vector<std::int32_t>* sentiment = sv.has("ai_sentiment") ? &sv.column("ai_sentiment").ints() : nullptr;
  const std::vector<std::int32_t>* wellbeing = sv.has("wellbeing") ? &sv.column("wellbeing").ints() : nullptr;
  // Latest date per person and item; rows are unique per (person, date) after ingest.
  std::vector<std::int32_t> sentiment_date(ds.persons.size(), kMissingInt), wellbeing_date(ds.persons.size(), kMissingInt);
  for (std::size_t r = 0; r < sv.row_count(); ++r) {
    const std::int32_t d = date[r];
    if ((from && d < *from) || (to && d > *to)) continue;
    const std::uint32_t p = row_person[r];
    if (p == kNoPerson) continue;  // answers from people without activity are not used
    if (sentiment && (*sentiment)[r] != kMissingInt && d > sentiment_date[p]) {
      sentiment_date[p] = d;
      out[p].sentiment = (*sentiment)[r];
    }
    if (wellbeing && (*wellbeing)[r] != kMissingInt && d > wellbeing_date[p]) {
      wellbeing_date[p] = d;
      out[p].wellbeing = (*wellbeing)[r];
    }
  }
  return out;
}

}  // namespace gapscore::analysis
