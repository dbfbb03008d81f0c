// Insight cards: the sentences the report leads with. One function per card
// kind, so each card's wording is written (and tested) in one place. Numbers
// go through base/number_text.h, thresholds come from the config.
#pragma once

#include <optional>
#include <string>

#include "gapscore/config.h"

namespace gapscore::insights {

struct Card {
  std::string id;     // e.g. "uneven_adoption"
  std::string kind;   // finding | warning | recommendation | action | success
  std::string title;
  std::string text;
};

Card uneven_adoption_card(const std::string& group, double leaning_share, double non_adopter_share);
Card role_guidance_card(const std::string& role, const std::string& recommendation);
Card off_playbook_card(const std::string& role, const std::string& recommendation);
Card training_target_card(const std::string& target, double non_adopter_share, double rework_creator_share,
                          bool hands_on);
Card ai_training_card(double trained_adoption_rate, double untrained_adoption_rate);
Card mentoring_card(double possible_pairs, bool individual_results);
Card success_story_card(const std::string& story);
Card kpi_audit_card(const std::string& proxy, const InsightsConfig& config);
Card work_mode_card(const std::string& verdict, bool gap_explained);
Card rollout_card(double estimate, double ci_low, double ci_high);

}  // namespace gapscore::insights
