#include "insights/insights.h"

#include <algorithm>

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
  std::stable_sort(splits.begin(), splits.end(), [](const UnevenGroup& x, const UnevenGroup& y) { return x.split > y.split; });
  if (splits.size() > static_cast<std::size_t>(config.insights.max_items))
    splits.resize(static_cast<std::size_t>(config.insights.max_items));
  return splits;
}

// One card per role: its least-used recommended task when that is below
// playbook_card_max_utilization, or its riskiest off-playbook AI use; risks first.
void role_cards(const RoleGuidanceResult& rg, const Config& config, std::vector<Card>& cards) {
  std::vector<std::pair<double, Card>> ranked;  // (priority: lower first, card)
  const double limit = config.insights.playbook_card_max_utilization;
  for (const RoleGuidance& g : rg.roles) {
    if (g.status != privacy::CellStatus::shown) continue;
    if (!g.underused.empty() && g.underused.front().utilization_rate < limit)
      ranked.push_back({g.underused.front().utilization_rate, role_guidance_card(g.role, g.recommendations.front())});
    if (!g.risky_off_playbook.empty()) {
      // Recommendations list the underused tasks (below the limit) first, then the risky ones.
      std::size_t first_risky = 0;
      for (const UnderusedTask& t : g.underused) first_risky += t.utilization_rate < limit ? 1 : 0;
      ranked.push_back({-1.0, off_playbook_card(g.role, g.recommendations[first_risky])});
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (std::size_t i = 0; i < ranked.size() && i < static_cast<std::size_t>(config.insights.max_items); ++i)
    cards.push_back(ranked[i].second);
}

void training_cards(const TrainingResult& tr, const analysis::Grouping& grouping, const Config& config,
                    const privacy::KeyLabeller& label, std::vector<Card>& cards) {
  if (!tr.targets.empty()) {
    const TrainingTarget& top = tr.targets.front();
    const std::string name = top.kind == "group" ? group_name(grouping, top.key, label) : "role " + top.key[0];
    cards.push_back(training_target_card(name, top.non_adopter_share, top.rework_creator_share, top.format == "hands_on"));
  }
  const TrainedComparison& t = tr.trained;
  if (t.trained_adoption_rate && t.untrained_adoption_rate)
    cards.push_back(ai_training_card(*t.trained_adoption_rate, *t.untrained_adoption_rate));
  double total_pairs = 0;
  for (const MentoringRole& m : tr.mentoring) total_pairs += m.possible_pairs;
  if (total_pairs > 0) cards.push_back(mentoring_card(total_pairs, config.privacy.individual_results));
}

}  // namespace

Insights compute_insights(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                          const Config& config, const privacy::KeyLabeller& label) {
  Insights out;
  // Personas, with the champion percentile taken within each group (or the whole organisation).
  std::vector<std::vector<std::uint32_t>> groups = a.grouping.members;
  if (groups.empty()) groups.push_back(ds.persons_by_id);
  const std::vector<Persona> personas = assign_personas(a.figures, groups, config);
  out.personas = persona_section(ds, a, plan, personas);

  out.uneven_groups = uneven_groups(a, plan, config);
  if (!out.uneven_groups.empty()) {
    const UnevenGroup& top = out.uneven_groups.front();
    out.cards.push_back(uneven_adoption_card(group_name(a.grouping, a.grouping.keys[top.group], label),
                                             top.leaning_share, top.non_adopter_share));
  }

  // Role guidance, training targets and mentoring share one plan of which roles are shown.
  const RolePlan role_plan = plan_roles(ds, a, config.privacy.min_group_size);
  out.role_guidance = role_guidance(ds, role_plan, config);
  role_cards(out.role_guidance, config, out.cards);

  out.training = training_and_mentoring(ds, a, plan, role_plan, personas, config);
  training_cards(out.training, a.grouping, config, label, out.cards);

  out.success_stories = success_stories(a, plan, config, [&](std::size_t g) {
    return group_name(a.grouping, a.grouping.keys[g], label);
  });
  if (!out.success_stories.empty()) out.cards.push_back(success_story_card(out.success_stories.front().text));

  out.kpi_audit = kpi_audit(a, config);
  for (const std::string& proxy : out.kpi_audit.proxies_not_tracking) out.cards.push_back(kpi_audit_card(proxy, config.insights));

  out.work_mode = work_mode_analysis(ds, a, config);
  if (!out.work_mode.verdict.empty()) out.cards.push_back(work_mode_card(out.work_mode.verdict, out.work_mode.gap_explained));

  out.rollout = rollout_effect(ds, a, config);
  for (const DidEstimate& e : out.rollout.estimates)
    if (e.estimate && e.ci_low && e.ci_high && e.outcome == "quality_adjusted_output_per_hour")
      out.cards.push_back(rollout_card(*e.estimate, *e.ci_low, *e.ci_high));
  return out;
}

}  // namespace gapscore::insights
