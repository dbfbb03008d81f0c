#include "insights/insights.h"

#include <algorithm>
#include <cmath>
#include "base/stable_order.h"

namespace gapscore::insights {
namespace {

// How a group is named in text: its labelled key values (managers are never named).
std::string group_name(const analysis::Grouping& grouping, const std::vector<std::string>& key,
                       const privacy::KeyLabeller& label) {
  std::string name;
  for (std::size_t i = 0; i < grouping.attributes.size(); ++i)
    name += (name.empty() ? "" : " / ") + label(grouping.attributes[i], key[i]);
  return name;
}

PersonaSection persona_section(const Dataset& ds, const analysis::AnalysisResult& a,
                               const privacy::SuppressionPlan& plan, std::span<const Persona> personas) {
  PersonaSection s;
  if (plan.overall == privacy::CellStatus::shown) s.overall = count_personas(ds.persons_by_id, a.figures, personas);
  for (std::size_t g = 0; g < a.grouping.size(); ++g)
    s.groups.push_back(plan.groups[g] == privacy::CellStatus::shown
                           ? std::optional<PersonaCounts>(count_personas(a.grouping.members[g], a.figures, personas))
                           : std::nullopt);
  return s;
}

// Uneven adoption: groups split between people who lean on AI (share at least
// split_min_share over the window) and people who avoid it (below
// ai_user_min_share). The split is the smaller of the two shares; groups whose
// split reaches uneven_min_split are listed. (The Gini alone cannot tell a
// split team from a team of mostly non-adopters: both are very unequal.)
std::vector<UnevenGroup> uneven_groups(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                                       const Config& config) {
  std::vector<UnevenGroup> splits;
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    if (plan.groups[g] != privacy::CellStatus::shown) continue;
    double heavy = 0, avoid = 0, n = 0;
    for (std::uint32_t p : a.grouping.members[g]) {
      const analysis::PersonFigures& f = a.figures[p];
      if (!f.active) continue;
      n += 1;
      const double share = f.ai_task_share.value_or(0.0);
      heavy += share >= config.insights.split_min_share ? 1 : 0;
      avoid += share < config.ai_user_min_share ? 1 : 0;
    }
    if (n == 0) continue;
    const UnevenGroup s{g, heavy / n, avoid / n, std::min(heavy, avoid) / n};
    if (s.split >= config.insights.uneven_min_split) splits.push_back(s);
  }
  stable_sort_by(splits, [](const UnevenGroup& x, const UnevenGroup& y) { return x.split > y.split; });
  if (splits.size() > static_cast<std::size_t>(config.insights.max_items))
    splits.resize(static_cast<std::size_t>(config.insights.max_items));
  return splits;
}

// How much worse off-playbook AI use is than manual work on the same task: the
// rework-rate excess, or the relative error excess, whichever is larger.
double risk_size(const RiskyTask& t) {
  double size = 0;
  if (t.ai_rework_rate && t.manual_rework_rate) size = std::max(size, *t.ai_rework_rate - *t.manual_rework_rate);
  if (t.ai_error_rate && t.manual_error_rate && *t.manual_error_rate > 0)
    size = std::max(size, *t.ai_error_rate / *t.manual_error_rate - 1.0);
  return std::clamp(size, 0.0, 1.0);
}

// The largest significant raw work-mode difference relative to the reference
// mode's mean (0 when none is clear).
double work_mode_size(const WorkModeAnalysis& w) {
  if (w.modes.empty() || !(w.modes.front().mean > 0)) return 0;
  double size = 0;
  for (const ModeEffect& e : w.modes)
    if (e.raw.estimate && e.raw.p_value && *e.raw.p_value < 0.05)
      size = std::max(size, std::fabs(*e.raw.estimate) / w.modes.front().mean);
  return std::clamp(size, 0.0, 1.0);
}

// One card per role: its least-used recommended task when that is below
// playbook_card_max_utilization, or its riskiest off-playbook AI use; risks first.
void role_cards(const RoleGuidanceResult& rg, const Config& config, std::vector<Card>& cards) {
  std::vector<std::pair<double, Card>> ranked;  // (priority: lower first, card)
  const double limit = config.insights.playbook_card_max_utilization;
  for (const RoleGuidance& g : rg.roles) {
    if (g.status != privacy::CellStatus::shown) continue;
    if (!g.underused.empty() && g.underused.front().utilization_rate < limit) {
      Card c = role_guidance_card(g.role, g.recommendations.front());
      c.people = g.underused.front().people;
      c.size = 1.0 - g.underused.front().utilization_rate;
      ranked.push_back({g.underused.front().utilization_rate, std::move(c)});
    }
    if (!g.risky_off_playbook.empty()) {
      // Recommendations list the underused tasks (below the limit) first, then the risky ones.
      std::size_t first_risky = 0;
      for (const UnderusedTask& t : g.underused) first_risky += t.utilization_rate < limit ? 1 : 0;
      Card c = off_playbook_card(g.role, g.recommendations[first_risky]);
      c.people = g.risky_off_playbook.front().ai_people;
      c.size = risk_size(g.risky_off_playbook.front());
      ranked.push_back({-1.0, std::move(c)});
    }
  }
  stable_sort_by(ranked, [](const auto& x, const auto& y) { return x.first < y.first; });
  for (std::size_t i = 0; i < ranked.size() && i < static_cast<std::size_t>(config.insights.max_items); ++i)
    cards.push_back(ranked[i].second);
}

// `ai_users_behind`: the organisation's gap, or the top target team's own, says AI users clearly produce less.
void training_cards(const TrainingResult& tr, const analysis::Grouping& grouping, const Config& config,
                    const privacy::KeyLabeller& label, bool ai_users_behind, std::vector<Card>& cards) {
  if (!tr.targets.empty()) {
    const TrainingTarget& top = tr.targets.front();
    const std::string name = top.kind == "group" ? group_name(grouping, top.key, label) : "role " + top.key[0];
    const bool hands_on = top.format == "hands_on";
    Card c = training_target_card(name, top.people, top.non_adopter_share, top.rework_creator_share, hands_on,
                                  top.no_ai_use, ai_users_behind);
    c.people = top.people;
    c.size = hands_on ? top.non_adopter_share : top.rework_creator_share;
    cards.push_back(std::move(c));
  }
  const TrainedComparison& t = tr.trained;
  if (t.trained_adoption_rate && t.untrained_adoption_rate) {
    Card c = ai_training_card(*t.trained_adoption_rate, *t.untrained_adoption_rate);
    c.people = t.untrained_people.value_or(0);  // the people training would reach
    c.size = std::fabs(*t.trained_adoption_rate - *t.untrained_adoption_rate);
    cards.push_back(std::move(c));
  }
  double total_pairs = 0;
  for (const MentoringRole& m : tr.mentoring) total_pairs += m.possible_pairs;
  if (total_pairs > 0) {
    Card c = mentoring_card(total_pairs, config.privacy.individual_results, config.privacy.min_group_size);
    // Mentoring is a means of closing the adoption gap the training target
    // already counts: half weight, so it ranks below that for the same people.
    c.people = total_pairs;
    c.size = 0.5;
    cards.push_back(std::move(c));
  }
}

}  // namespace

Insights compute_insights(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                          const privacy::DisclosureAudit& audit, const InsightFigures& figures, const Config& config,
                          const privacy::KeyLabeller& label) {
  Insights out;
  out.span = data_span(ds, a, config);
  const Sufficiency span_ok = span_sufficiency(out.span, config);
  // Personas, with the champion percentile taken within each group (or the whole organisation).
  std::vector<std::vector<std::uint32_t>> groups = a.grouping.members;
  if (groups.empty()) groups.push_back(ds.persons_by_id);
  const std::vector<Persona> personas = assign_personas(a.figures, groups, config);
  out.personas = persona_section(ds, a, plan, personas);

  // The organisation's gap, read like with like (shown only when the organisation is).
  std::optional<bool> paradox;
  if (plan.overall == privacy::CellStatus::shown && a.overall.gap) {
    const analysis::GapResult& gap = *a.overall.gap;
    const Sufficiency enough = gap_sufficiency(gap, out.span, config);
    out.gap = read_gap(gap, enough, config.bootstrap.confidence);
    paradox = gap.paradox;
    if (gap.compared) {
      Card c = gap_card(*out.gap);
      // The like-with-like n, unless the audit hid it: the impact (people x size) would tell it.
      const bool adjusted_n = gap.adjusted && gap.adjusted->estimate && !std::isnan(gap.adjusted->n);
      c.people = adjusted_n ? gap.adjusted->n : gap.n_users + gap.n_non_users;
      c.size = out.gap->clear && out.gap->hedges_g ? std::fabs(*out.gap->hedges_g) : 0.0;
      c.sufficiency = enough;
      out.cards.push_back(std::move(c));
    }
  }

  out.uneven_groups = uneven_groups(a, plan, config);
  if (!out.uneven_groups.empty()) {
    const UnevenGroup& top = out.uneven_groups.front();
    Card c = uneven_adoption_card(group_name(a.grouping, a.grouping.keys[top.group], label), top.leaning_share,
                                  top.non_adopter_share, config.insights.split_min_share, config.ai_user_min_share);
    c.people = a.groups[top.group].headcount;
    c.size = top.split;
    out.cards.push_back(std::move(c));
  }

  // Role guidance, training targets and mentoring share one plan of which roles are shown.
  const RolePlan roles = role_plan(audit, figures);
  out.role_guidance = role_guidance(ds, roles, config);
  role_cards(out.role_guidance, config, out.cards);

  out.training = training_and_mentoring(ds, a, plan, roles, personas, config, trained_status(audit, figures));
  // AI users clearly behind, in the organisation or in the team to train first
  // (an outside review: a team whose own gap was large and negative was sent
  // to hands-on AI workshops because the organisation's was not).
  bool ai_users_behind = out.gap && out.gap->clear && out.gap->direction == "ai_users_behind";
  if (!out.training.targets.empty() && out.training.targets.front().kind == "group")
    for (std::size_t g = 0; g < a.grouping.size(); ++g) {
      if (a.grouping.keys[g] != out.training.targets.front().key || plan.groups[g] != privacy::CellStatus::shown ||
          !a.groups[g].gap)
        continue;
      const analysis::GapResult& gap = *a.groups[g].gap;
      const GapReading team = read_gap(gap, gap_sufficiency(gap, out.span, config), config.bootstrap.confidence);
      ai_users_behind = ai_users_behind || (team.clear && team.direction == "ai_users_behind");
    }
  training_cards(out.training, a.grouping, config, label, ai_users_behind, out.cards);
  // The team to train first is judged on its own span of activity, not the file's.
  if (!out.training.targets.empty() && out.training.targets.front().kind == "group")
    for (Card& c : out.cards)
      if (c.id == "training_target") {
        const std::vector<DataSpan> spans = group_spans(ds, a.grouping, config);
        for (std::size_t g = 0; g < a.grouping.size(); ++g)
          if (a.grouping.keys[g] == out.training.targets.front().key) c.sufficiency = both(c.sufficiency, span_sufficiency(spans[g], config));
      }

  out.success_stories = success_stories(a, plan, config, [&](std::size_t g) {
    return group_name(a.grouping, a.grouping.keys[g], label);
  });
  // Only a story that may be AI use's, and whose errors did not rise, makes a success card.
  for (const SuccessStory& s : out.success_stories) {
    if (!card_worthy(s)) continue;
    Card c = success_story_card(s.text);
    for (std::size_t g = 0; g < a.grouping.size(); ++g)
      if (a.grouping.keys[g] == s.key) c.people = a.groups[g].headcount;
    c.size = s.qaoph_change;
    out.cards.push_back(std::move(c));
    break;
  }

  out.kpi_audit = kpi_audit(ds, a, config, shown_kpi_pairs(audit, figures));
  // A measurement note, not a gap between people: size 0, listed after the gaps.
  if (!out.kpi_audit.proxies_not_tracking.empty())
    out.cards.push_back(kpi_audit_card(out.kpi_audit.proxies_not_tracking, out.kpi_audit.outcomes_tested,
                                       out.kpi_audit.replacements, config.insights));
  if (!out.kpi_audit.proxies_against.empty())
    out.cards.push_back(kpi_against_card(out.kpi_audit.proxies_against, out.kpi_audit.pairs, out.kpi_audit.replacements));

  out.work_mode = work_mode_analysis(ds, a, config, shown_work_modes(audit, figures));
  if (!out.work_mode.verdict.empty()) {
    Card c = work_mode_card(out.work_mode.verdict, out.work_mode.gap_explained);
    c.people = out.work_mode.people;
    c.size = work_mode_size(out.work_mode);
    out.cards.push_back(std::move(c));
  }

  out.rollout = rollout_effect(ds, a, config, rollout_status(audit, figures));
  for (const DidEstimate& e : out.rollout.estimates)
    if (e.estimate && e.ci_low && e.ci_high && e.outcome == "quality_adjusted_output_per_hour") {
      Card c = rollout_card(*e.estimate, *e.ci_low, *e.ci_high);
      c.people = out.rollout.treated_people.value_or(0);
      const bool clear = *e.ci_low > 0 || *e.ci_high < 0;
      if (clear && e.treated_pre_mean && *e.treated_pre_mean > 0) c.size = std::fabs(*e.estimate) / *e.treated_pre_mean;
      out.cards.push_back(std::move(c));
    }

  // A card's impact is published (people x size): a count of 1..k-1 people
  // ranks as k, so that the impact never tells a count below min_group_size.
  for (Card& c : out.cards)
    if (c.people > 0 && c.people < config.privacy.min_group_size) c.people = config.privacy.min_group_size;
  // Every finding rests on the whole window: too short a window, too little data.
  for (Card& c : out.cards)
    if (c.sufficiency.ok) c.sufficiency = span_ok;  // (a card's own check already includes the span)
  rank_cards(out.cards);
  GapReading reading = out.gap ? *out.gap : GapReading{};
  if (!out.gap)
    reading.text = "AI users and non-users are not compared: the organisation's figures are hidden because they "
                   "would describe fewer people than the minimum group size.";
  out.headline = make_headline(out.cards, reading, paradox, span_ok);
  return out;
}

}  // namespace gapscore::insights
