#include "metrics/contributors.h"

namespace gapscore::metrics {
namespace {

// Indexed by bit position. The words are only for docs/metrics.md (apart, so
// that a build without the docs drops them).
constexpr const char* kNames[kContributorKinds] = {
    "ai_baseline_rows",
    "ai_rework_rows",
    "manual_rework_rows",
    "rework_rows",
    "quality_rows",
    "ai_quality_rows",
    "manual_quality_rows",
    "value_rows",
    "ai_value_rows",
    "manual_value_rows",
    "error_rows",
    "ai_error_rows",
    "manual_error_rows",
    "cycle_time_rows",
    "ai_cycle_time_rows",
    "manual_cycle_time_rows",
    "interaction_rows",
    "recommended_rows",
    "covered_ai_rows",
    "sentiment_answers",
    "wellbeing_answers",
};

constexpr const char* kWords[kContributorKinds] = {
    "people with AI-assisted rows that have baseline_hours",
    "people with AI-assisted rows that have rework_hours",
    "people with manual rows that have rework_hours",
    "people with rows that have rework_hours",
    "people with rows that have quality",
    "people with AI-assisted rows that have quality",
    "people with manual rows that have quality",
    "people with rows that have outcome_value",
    "people with AI-assisted rows that have outcome_value",
    "people with manual rows that have outcome_value",
    "people with rows that have errors",
    "people with AI-assisted rows that have errors",
    "people with manual rows that have errors",
    "people with rows that have cycle_time_hours",
    "people with AI-assisted rows that have cycle_time_hours",
    "people with manual rows that have cycle_time_hours",
    "people with ai_interactions other than 0",
    "people with tasks on AI-recommended (role, task_type) pairs",
    "people with AI-assisted tasks whose role is in the playbook",
    "people with an ai_sentiment answer",
    "people with a wellbeing answer",
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
  // Columns counted over all rows, AI-assisted rows and manual rows. Each check
  // is a lambda of its own type, not a function pointer, so that it inlines in
  // this -Oz file: this runs for every person and period of a report.
  auto by_class = [&](auto has, Contributor all, Contributor ai, Contributor manual) {
    set(has(s.all), all);
    set(has(s.ai), ai);
    set(has(s.manual), manual);
  };
  by_class([](const RowSums& r) { return has_quality(r); }, quality_rows, ai_quality_rows, manual_quality_rows);
  by_class([](const RowSums& r) { return has_value(r); }, value_rows, ai_value_rows, manual_value_rows);
  by_class([](const RowSums& r) { return has_errors(r); }, error_rows, ai_error_rows, manual_error_rows);
  by_class([](const RowSums& r) { return has_cycle_time(r); }, cycle_time_rows, ai_cycle_time_rows,
           manual_cycle_time_rows);
  set(s.all.interactions != 0, interaction_rows);
  set(s.playbook.recommended_tasks > 0, recommended_rows);
  set(s.playbook.covered_ai_tasks > 0, covered_ai_rows);
  return m;
}

const char* contributor_name(std::uint32_t kind) {
  const int b = bit_of(kind);
  return b < 0 ? "everyone" : kNames[b];
}

std::string contributor_words(std::uint32_t mask) {
  std::string out;
  for (int b = 0; b < kContributorKinds; ++b) {
    if (!(mask & (1u << b))) continue;
    if (!out.empty()) out += "; and ";
    out += kWords[b];
  }
  return out;
}

}  // namespace gapscore::metrics
