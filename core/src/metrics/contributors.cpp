#include "metrics/contributors.h"

namespace gapscore::metrics {
namespace {

struct KindText {
  const char* name;
  const char* words;
};

// Indexed by bit position.
constexpr KindText kKinds[kContributorKinds] = {
    {"ai_baseline_rows", "people with AI-assisted rows that have baseline_hours"},
    {"ai_rework_rows", "people with AI-assisted rows that have rework_hours"},
    {"manual_rework_rows", "people with manual rows that have rework_hours"},
    {"rework_rows", "people with rows that have rework_hours"},
    {"quality_rows", "people with rows that have quality"},
    {"ai_quality_rows", "people with AI-assisted rows that have quality"},
    {"manual_quality_rows", "people with manual rows that have quality"},
    {"value_rows", "people with rows that have outcome_value"},
    {"ai_value_rows", "people with AI-assisted rows that have outcome_value"},
    {"manual_value_rows", "people with manual rows that have outcome_value"},
    {"error_rows", "people with rows that have errors"},
    {"ai_error_rows", "people with AI-assisted rows that have errors"},
    {"manual_error_rows", "people with manual rows that have errors"},
    {"cycle_time_rows", "people with rows that have cycle_time_hours"},
    {"ai_cycle_time_rows", "people with AI-assisted rows that have cycle_time_hours"},
    {"manual_cycle_time_rows", "people with manual rows that have cycle_time_hours"},
    {"interaction_rows", "people with ai_interactions other than 0"},
    {"recommended_rows", "people with tasks on AI-recommended (role, task_type) pairs"},
    {"covered_ai_rows", "people with AI-assisted tasks whose role is in the playbook"},
    {"sentiment_answers", "people with an ai_sentiment answer"},
    {"wellbeing_answers", "people with a wellbeing answer"},
};

int bit_of(std::uint32_t kind) {
  for (int b = 0; b < kContributorKinds; ++b)
    if (kind == (1u << b)) return b;
  return -1;
}

// Rows of one class with a column filled: a task or an hour counted in its sums.
bool has_quality(const RowSums& r) { return r.q_tasks > 0 || r.q_cost > 0; }
bool has_value(const RowSums& r) { return r.v_rows > 0; }
bool has_errors(const RowSums& r) { return r.e_tasks > 0 || r.errors > 0; }
bool has_cycle_time(const RowSums& r) { return r.c_tasks > 0; }

}  // namespace

std::uint32_t row_contributions(const Sums& s) {
  std::uint32_t m = 0;
  auto set = [&](bool on, Contributor kind) {
    if (on) m |= kind;
  };
  set(s.ai.b_rows > 0, ai_baseline_rows);
  set(s.ai.r_rows > 0, ai_rework_rows);
  set(s.manual.r_rows > 0, manual_rework_rows);
  set(s.all.r_rows > 0, rework_rows);
  set(has_quality(s.all), quality_rows);
  set(has_quality(s.ai), ai_quality_rows);
  set(has_quality(s.manual), manual_quality_rows);
  set(has_value(s.all), value_rows);
  set(has_value(s.ai), ai_value_rows);
  set(has_value(s.manual), manual_value_rows);
  set(has_errors(s.all), error_rows);
  set(has_errors(s.ai), ai_error_rows);
  set(has_errors(s.manual), manual_error_rows);
  set(has_cycle_time(s.all), cycle_time_rows);
  set(has_cycle_time(s.ai), ai_cycle_time_rows);
  set(has_cycle_time(s.manual), manual_cycle_time_rows);
  set(s.all.interactions != 0, interaction_rows);
  set(s.playbook.recommended_tasks > 0, recommended_rows);
  set(s.playbook.covered_ai_tasks > 0, covered_ai_rows);
  return m;
}

const char* contributor_name(std::uint32_t kind) {
  const int b = bit_of(kind);
  return b < 0 ? "everyone" : kKinds[b].name;
}

std::string contributor_words(std::uint32_t mask) {
  std::string out;
  for (int b = 0; b < kContributorKinds; ++b) {
    if (!(mask & (1u << b))) continue;
    if (!out.empty()) out += "; and ";
    out += kKinds[b].words;
  }
  return out;
}

}  // namespace gapscore::metrics
