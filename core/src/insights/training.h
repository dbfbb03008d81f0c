// Who needs training (and what kind), whether AI training made a difference,
// and who could mentor whom.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "config/setting_refs.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "insights/personas.h"
#include "insights/role_plan.h"
#include "privacy/suppression.h"

namespace gapscore::insights {

struct TrainingTarget {
  std::string kind;  // "group" or "role"
  std::vector<std::string> key;  // group key values, or {role}
  double people = 0;
  double non_adopter_share = 0, rework_creator_share = 0;
  std::optional<double> gap_score;  // groups only
  double need_score = 0;            // 0-100, docs/insights.md
  std::string format;               // "hands_on" | "quality_practice"
  bool no_ai_use = false;           // nobody did a task with AI (not only: nobody is an AI user)
};

struct TrainedComparison {
  std::optional<double> trained_people, untrained_people;
  std::optional<double> trained_adoption_rate, untrained_adoption_rate;
  std::optional<double> trained_rework_creator_share, untrained_rework_creator_share;
  std::optional<std::string> reason;  // words
  SettingRefs settings = 0;  // the config keys the reason depends on
};

struct MentoringRole {
  std::string role;
  privacy::CellStatus status = privacy::CellStatus::shown;
  double champions = 0, non_adopters = 0, possible_pairs = 0;
};

struct MentoringPair {
  std::string role, mentor, mentee;  // pseudonyms
};

struct TrainingResult {
  std::vector<TrainingTarget> targets;  // highest need first; a team and a role of mostly the same people once
  TrainedComparison trained;            // whole organisation
  std::vector<MentoringRole> mentoring;
  std::vector<MentoringPair> pairs;     // only with individual results
};

// Active people with ai_trained true and false (blank: neither), person indices sorted.
struct TrainedSets {
  std::vector<std::uint32_t> trained, untrained;
};
TrainedSets trained_sets(const Dataset& ds, const analysis::AnalysisResult& a);

// `trained` is the disclosure audit's decision on the two sides (shown together).
TrainingResult training_and_mentoring(const Dataset& ds, const analysis::AnalysisResult& a,
                                      const privacy::SuppressionPlan& plan, const RolePlan& roles,
                                      std::span<const Persona> personas, const Config& config,
                                      privacy::CellStatus trained);

}  // namespace gapscore::insights
