// Insight cards: the sentences the report leads with. One function per card
// kind, so each card's wording is written (and tested) in one place. Numbers
// go through base/number_text.h, thresholds come from the config.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gapscore/config.h"
#include "insights/gap_text.h"
#include "insights/kpi_audit.h"
#include "insights/sufficiency.h"

namespace gapscore::insights {

struct Card {
  std::string id;     // e.g. "uneven_adoption"
  std::string kind;   // finding | warning | recommendation | action | success
  std::string title;
  std::string text;
  std::string headline;  // the card as one plain sentence (insights.headline); empty = text
  SettingRefs settings = 0;  // config keys the text refers to in words (e.g. individual results)
  // Ranking (insights/headline.h): people affected × size of the gap, size a share 0..1.
  double people = 0, size = 0;
  Sufficiency sufficiency;
};

// split_min_share: what "leaning on AI" means (insights.split_min_share);
// ai_user_min_share: below it, a person hardly uses AI (config.ai_user_min_share).
Card uneven_adoption_card(const std::string& group, double leaning_share, double non_adopter_share,
                          double split_min_share, double ai_user_min_share);
Card role_guidance_card(const std::string& role, const std::string& recommendation);
Card off_playbook_card(const std::string& role, const std::string& recommendation);
Card training_target_card(const std::string& target, double people, double non_adopter_share,
                          double rework_creator_share, bool hands_on, bool no_ai_use, bool ai_users_behind = false);
Card ai_training_card(double trained_adoption_rate, double untrained_adoption_rate);
// Fewer than k pairs are not counted in the text ("fewer than k"): a card names no count below min_group_size.
Card mentoring_card(double possible_pairs, bool individual_results, int k);
Card success_story_card(const std::string& story);
// One card naming every legacy proxy that tracks no outcome, in plain words.
// `outcomes`: what the proxies were tested against (outcome_value, quality,
// error_rate); `replacements`: catalog metrics the inputs can compute.
Card kpi_audit_card(const std::vector<std::string>& proxies, const std::vector<std::string>& outcomes,
                    const std::vector<std::string>& replacements, const InsightsConfig& config);
// One card naming every legacy proxy that moves against an outcome (more of it,
// less value or quality, or more errors) and tracks none, with its ρ in words.
Card kpi_against_card(const std::vector<std::string>& proxies, const std::vector<KpiPair>& pairs,
                      const std::vector<std::string>& replacements);
Card work_mode_card(const std::string& verdict, bool gap_explained);
Card rollout_card(double estimate, double ci_low, double ci_high);
// The organisation's AI user / non-user gap (its sentence from read_gap).
Card gap_card(const GapReading& reading);

}  // namespace gapscore::insights
