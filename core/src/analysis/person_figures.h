// Person-level figures derived from a person's sums: AI share, AI-user flag,
// rework rate, quality-adjusted output per hour, and latest survey answers.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "metrics/sums.h"

namespace gapscore::analysis {

struct PersonFigures {
  bool active = false;  // has activity rows in the slice being evaluated
  double tasks = 0;
  double ai_tasks = 0;
  double hours_saved = 0;   // Σ(baseline_hours − hours) over AI-assisted rows with a baseline
  double rework_hours = 0;  // Σrework_hours
  double hours = 0;         // Σhours
  std::optional<double> ai_interactions;  // Σai_interactions (none without the column)
  std::optional<double> outcome_value;    // Σoutcome_value over rows with it
  std::optional<double> quality_mean;     // Σ(quality·tasks)/Σtasks over rows with quality
  std::optional<double> error_rate;       // Σerrors/Σtasks over rows with errors
  std::optional<double> ai_task_share;  // Σai_tasks/Σtasks; none when Σtasks = 0
  bool ai_user = false;
  std::optional<double> rework_rate;  // Σrework/Σhours over rows with rework_hours
  std::optional<double> quality_adjusted_output_per_hour;
  // metrics::Contributor kinds the person is in (rows; survey kinds added by
  // with_survey_kinds): which group figures they stand behind.
  std::uint32_t contributes = 0;
  // Kinds with a row of the person's outside them: a row without rework (or
  // quality, value, errors, cycle time), or for ai_baseline_rows a row that is
  // not AI-assisted with a baseline. A group's hours or tasks less the kind's
  // are these people's (privacy/contributor_figures.cpp).
  std::uint32_t lacks = 0;
};

PersonFigures person_figures(const metrics::Sums& s, const Config& config);

struct SurveyAnswers {
  std::optional<double> sentiment;  // latest answer in the window
  std::optional<double> wellbeing;
};

// Adds the survey kinds (metrics::sentiment_answers, wellbeing_answers) to each person's figures.
void add_survey_kinds(std::span<PersonFigures> figures, std::span<const SurveyAnswers> answers);

// The person index of each survey row (kNoPerson when the id has no
// activity): looked up once per analysis, not once per period.
inline constexpr std::uint32_t kNoPerson = 0xffffffffu;
std::vector<std::uint32_t> survey_row_persons(const Dataset& ds);

// Latest answer per activity person (by person index) dated within [from, to];
// `row_person` is survey_row_persons(ds).
std::vector<SurveyAnswers> latest_survey_answers(const Dataset& ds, std::span<const std::uint32_t> row_person,
                                                 std::optional<std::int32_t> from, std::optional<std::int32_t> to);

}  // namespace gapscore::analysis
