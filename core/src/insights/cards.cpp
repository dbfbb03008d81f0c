#include "insights/cards.h"

#include "base/number_text.h"

namespace gapscore::insights {

namespace {
Card card(std::string id, std::string kind, std::string title, std::string text) {
  Card c;
  c.id = std::move(id);
  c.kind = std::move(kind);
  c.title = std::move(title);
  c.text = std::move(text);
  return c;
}
}  // namespace

Card uneven_adoption_card(const std::string& group, double leaning_share, double non_adopter_share) {
  return card("uneven_adoption", "warning", "Uneven AI use in " + group,
          group + " is split: " + percent_text(leaning_share) + " use AI for a good part of their tasks while " +
              percent_text(non_adopter_share) + " hardly use it. Pair them up.");
}

Card role_guidance_card(const std::string& role, const std::string& recommendation) {
  return card("role_guidance", "recommendation", "Playbook: " + role, recommendation);
}

Card off_playbook_card(const std::string& role, const std::string& recommendation) {
  return card("off_playbook_risk", "warning", "Off-playbook AI use: " + role, recommendation);
}

Card training_target_card(const std::string& target, double people, double non_adopter_share,
                          double rework_creator_share, bool hands_on) {
  const std::string who = target + " (" + fixed_text(people, 0) + " people)";
  std::string sentence;
  if (hands_on && non_adopter_share >= 1.0)
    sentence = who + " does not use AI at all; start training there.";
  else if (hands_on)
    sentence = who + ": " + percent_text(non_adopter_share) + " hardly use AI; start training there.";
  else
    sentence = who + ": " + percent_text(rework_creator_share) + " of people create rework with AI; start quality practice there.";
  Card c = card("training_target", "action", "Train " + target + " first",
         sentence + " " + percent_text(non_adopter_share) + " non-adopters and " + percent_text(rework_creator_share) +
             " rework creators. Suggested format: " +
             (hands_on ? "hands-on AI workshops for non-adopters."
                       : "quality practice (review and prompting habits) for rework creators."));
  c.headline = sentence;
  return c;
}

Card ai_training_card(double trained_adoption_rate, double untrained_adoption_rate) {
  return card("ai_training", "finding", "AI training and adoption",
          "People with AI training: " + percent_text(trained_adoption_rate) + " use AI; without: " +
              percent_text(untrained_adoption_rate) + ".");
}

Card mentoring_card(double possible_pairs, bool individual_results, int k) {
  const std::string count = possible_pairs < k ? "Fewer than " + std::to_string(k) : fixed_text(possible_pairs, 0);
  return card("mentoring", "action", "Peer mentoring",
          count + " champion / non-adopter pairs are possible within roles" +
              (individual_results ? " (listed under insights.mentoring.pairs)."
                                  : "; switch on individual results to see who."));
}

Card success_story_card(const std::string& story) { return card("success_story", "success", "Success story", story); }

Card kpi_audit_card(const std::string& proxy, const InsightsConfig& config) {
  return card("kpi_audit", "finding", "Legacy metric: " + proxy,
          proxy + " does not track outcomes (|ρ| < " + fixed_text(config.kpi_min_abs_rho, 3) +
              " for value, quality and errors). Use utilization_rate, error_reduction and "
              "quality_adjusted_output_per_hour instead.");
}

Card work_mode_card(const std::string& verdict, bool gap_explained) {
  return card("work_mode", gap_explained ? "finding" : "warning", "Remote work and output", verdict);
}

Card gap_card(const GapReading& reading, bool paradox) {
  Card c = card("ai_gap", paradox ? "warning" : "finding",
         paradox ? "AI users vs non-users: the pooled average points the wrong way" : "AI users vs non-users",
         reading.text);
  return c;
}

Card rollout_card(double estimate, double ci_low, double ci_high) {
  return card("rollout", "finding", "Effect of the AI rollout",
          "After the rollout, quality-adjusted output per hour changed by " + fixed_text(estimate, 3) +
              " tasks/hour relative to groups without AI (95% CI " + fixed_text(ci_low, 3) + " to " +
              fixed_text(ci_high, 3) + ").");
}

}  // namespace gapscore::insights
