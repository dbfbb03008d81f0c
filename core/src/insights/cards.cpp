#include "insights/cards.h"

#include <cmath>

#include "insights/kpi_audit.h"

#include "base/number_text.h"
#include "gapscore/catalog.h"
#include "insights/gap_text.h"

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

// "a, b and c" (or "a, b or c").
std::string joined(const std::vector<std::string>& words, const char* last) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i == 0 ? "" : i + 1 == words.size() ? last : ", ") + words[i];
  return out;
}

// How close a rank correlation is, in words (Cohen's 0.1 / 0.3 / 0.5 for r).
const char* link_words(double rho) {
  const double r = std::fabs(rho);
  return r >= 0.5 ? "a strong link" : r >= 0.3 ? "a moderate link" : "a weak link";
}
}  // namespace

Card uneven_adoption_card(const std::string& group, double leaning_share, double non_adopter_share,
                          double split_min_share, double ai_user_min_share) {
  // Both thresholds in the text: "a good part of their tasks" read as the AI-user mark (10%).
  return card("uneven_adoption", "warning", "Uneven AI use in " + group,
              group + " is split: " + percent_text(leaning_share) + " do at least " + percent_text(split_min_share) +
                  " of their tasks with AI, while " + percent_text(non_adopter_share) +
                  " hardly use it (below the AI-user mark of " + percent_text(ai_user_min_share) +
                  " of tasks). Pair them up.");
}

Card role_guidance_card(const std::string& role, const std::string& recommendation) {
  return card("role_guidance", "recommendation", "Playbook: " + role, recommendation);
}

Card off_playbook_card(const std::string& role, const std::string& recommendation) {
  return card("off_playbook_risk", "warning", "Off-playbook AI use: " + role, recommendation);
}

Card training_target_card(const std::string& target, double people, double non_adopter_share,
                          double rework_creator_share, bool hands_on, bool no_ai_use, bool ai_users_behind) {
  const std::string who = target + " (" + fixed_text(people, 0) + " people)";
  std::string sentence;
  // "Not at all" only when nobody did a task with AI: a team where everyone
  // uses AI now and then is made of non-adopters too, but it does use AI.
  if (hands_on && no_ai_use)
    sentence = who + " does not use AI at all; start training there.";
  else if (hands_on && non_adopter_share >= 1.0)
    sentence = who + ": nobody uses AI for more than a few tasks; start training there.";
  else if (hands_on)
    sentence = who + ": " + percent_text(non_adopter_share) + " hardly use AI; start training there.";
  else
    sentence = who + ": " + percent_text(rework_creator_share) + " of people create rework with AI; start quality practice there.";
  // The other share than the sentence gave (it said the non-adopters', or the
  // rework creators'); nothing where nobody uses AI, so nobody creates rework with it.
  const std::string other =
      !hands_on ? percent_text(non_adopter_share) + " hardly use AI. "
      : no_ai_use ? std::string()
                  : percent_text(rework_creator_share) + " of people create rework with AI. ";
  Card c = card("training_target", "action", "Train " + target + " first",
         sentence + " " + other + "Suggested format: " +
             (hands_on && ai_users_behind
                  ? "quality practice (review and prompting habits) before hands-on AI workshops: AI users here "
                    "produce less than non-users, so learn to use AI well before spreading it."
              : hands_on ? "hands-on AI workshops for non-adopters."
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
  Card c = card("mentoring", "action", "Peer mentoring",
                count + " champion / non-adopter pairs are possible within roles" +
                    (individual_results ? " (the pairs are listed with the mentoring figures)."
                                        : "; switch on individual results to see who."));
  c.settings = setting::individual_results;
  return c;
}

Card success_story_card(const std::string& story) { return card("success_story", "success", "Success story", story); }

Card kpi_audit_card(const std::vector<std::string>& proxies, const std::vector<std::string>& outcomes,
                    const std::vector<std::string>& replacements, const InsightsConfig& config) {
  // In plain words: which of the old measures say nothing about results.
  std::vector<std::string> names, delivered, instead;
  for (const std::string& p : proxies) names.push_back(proxy_words(p));
  // Only the outcomes that were tested are named.
  for (const std::string& o : outcomes)
    delivered.push_back(o == "outcome_value" ? "more value" : o == "quality" ? "better quality" : "fewer errors");
  for (const std::string& r : replacements) instead.push_back(metric_label(r));
  const std::string list = joined(names, " and ");
  const bool one = proxies.size() == 1;
  std::string title = one ? "Legacy metric: " + proxy_words(proxies[0]) : "Legacy metrics that do not track outcomes";
  std::string text = (one ? "The old measure " + list + " does" : "The old measures " + list + " do") +
                     " not track outcomes: people who score higher on " + (one ? "it" : "them") + " do not deliver " +
                     joined(delivered, " or ") + " (no meaningful relationship: rank correlation |ρ| below " +
                     fixed_text(config.kpi_min_abs_rho, 3) + ")." +
                     (instead.empty() ? "" : " Measure instead: " + joined(instead, " and ") + ".");
  Card c = card("kpi_audit", "finding", std::move(title), std::move(text));
  c.settings = setting::kpi_min_abs_rho;
  return c;
}

Card kpi_against_card(const std::vector<std::string>& proxies, const std::vector<KpiPair>& pairs,
                      const std::vector<std::string>& replacements) {
  // Each proxy with the outcomes it moves against: "task volume goes with less
  // value (ρ −0.36, a moderate link)".
  std::vector<std::string> clauses, names, instead;
  for (const std::string& proxy : proxies) {
    names.push_back(proxy_words(proxy));
    std::vector<std::string> worse;
    for (const KpiPair& p : pairs)
      if (p.proxy == proxy && p.against && p.rho)
        worse.push_back((p.outcome == "outcome_value" ? "less value" : p.outcome == "quality" ? "lower quality" : "more errors") +
                        std::string(" (ρ ") + signed_text(*p.rho) + ", " + link_words(*p.rho) + ")");
    clauses.push_back("more " + proxy_words(proxy) + " goes with " + joined(worse, " and "));
  }
  for (const std::string& r : replacements) instead.push_back(metric_label(r));
  const bool one = proxies.size() == 1;
  std::string title = one ? "Legacy metric that points the wrong way: " + names[0] : "Legacy metrics that point the wrong way";
  std::string text = "Across people, " + joined(clauses, "; and ") + ". A target on " + (one ? "it" : "them") +
                     " would reward the wrong work (a correlation, not proof of cause)." +
                     (instead.empty() ? "" : " Measure instead: " + joined(instead, " and ") + ".");
  Card c = card("kpi_against", "warning", std::move(title), std::move(text));
  c.settings = setting::kpi_min_abs_rho;
  return c;
}

Card work_mode_card(const std::string& verdict, bool gap_explained) {
  // The verdict is a clause ("no clear raw difference ..."); the card is a sentence.
  std::string text = verdict;
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  if (!text.empty() && text.back() != '.') text += '.';
  return card("work_mode", gap_explained ? "finding" : "warning", "Remote work and output", text);
}

Card gap_card(const GapReading& reading) {
  Card c = card("ai_gap", reading.reversal ? "warning" : "finding",
         reading.reversal ? "AI users vs non-users: the pooled average points the wrong way" : "AI users vs non-users",
         reading.text);
  return c;
}

// A change is told only when its interval excludes 0 (an outside review: "changed by 0.013" with an
// interval of -0.059 to 0.086 read as a result).
Card rollout_card(double estimate, double ci_low, double ci_high) {
  const std::string interval = interval_text(0.95, ci_low, ci_high);
  const bool clear = ci_low > 0 || ci_high < 0;
  return card("rollout", "finding", "Effect of the AI rollout",
              clear ? "After the rollout, quality-adjusted output per hour " + std::string(estimate > 0 ? "rose" : "fell") +
                          " by " + fixed_text(std::fabs(estimate), 2) + " tasks/hour relative to groups without AI (" +
                          interval + ")."
                    : "After the rollout, there is no clear change in quality-adjusted output per hour relative to "
                      "groups without AI (" + signed_text(estimate) + " tasks/hour, " + interval + ").");
}

}  // namespace gapscore::insights
