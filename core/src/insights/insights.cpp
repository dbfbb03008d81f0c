#include "insights/insights.h"

#include <algorithm>
#include <cmath>

#include "insights/kpi_audit.h"
#include "report/privacy_sections.h"
#include "insights/personas.h"
#include "insights/role_guidance.h"
#include "insights/rollout.h"
#include "insights/success.h"
#include "insights/training.h"
#include "insights/work_mode.h"

namespace gapscore::insights {
namespace {

using report::Json;
using report::count_json;
using report::number_or_null;

std::string percent(double share) {
  return std::to_string(static_cast<long long>(std::floor(share * 100.0 + 0.5))) + "%";
}

Json persona_json(const PersonaCounts& c) {
  Json counts = Json::object(), shares = Json::object();
  for (Persona p : kPersonas) {
    const double n = c.counts[static_cast<std::size_t>(p)];
    counts[persona_name(p)] = count_json(n);
    shares[persona_name(p)] = c.people > 0 ? number_or_null(n / c.people) : Json(nullptr);
  }
  return {{"people", count_json(c.people)}, {"counts", counts}, {"shares", shares}};
}

Json coefficient_json(const Coefficient& c) {
  return {{"estimate", number_or_null(c.estimate)}, {"se", number_or_null(c.se)}, {"p_value", number_or_null(c.p_value)}};
}

Json card(std::string id, std::string kind, std::string title, std::string text) {
  return {{"id", std::move(id)}, {"kind", std::move(kind)}, {"title", std::move(title)}, {"text", std::move(text)}};
}

}  // namespace

Json insights_section(const Dataset& ds, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                      const Config& config, const report::KeyLabeller& label) {
  Json out;
  // How a group is named in text: its labelled key values (managers are never named).
  const auto group_name = [&](std::size_t g) {
    std::string name;
    for (std::size_t i = 0; i < a.grouping.attributes.size(); ++i)
      name += (name.empty() ? "" : " / ") + label(a.grouping.attributes[i], a.grouping.keys[g][i]);
    return name;
  };
  Json cards = Json::array();
  // Personas, with the champion percentile taken within each group (or the whole organisation).
  std::vector<std::vector<std::uint32_t>> groups = a.grouping.members;
  if (groups.empty()) groups.push_back(ds.persons_by_id);
  const std::vector<Persona> personas = assign_personas(a.figures, groups, config);
  {
    Json p;
    p["overall"] = plan.overall == privacy::CellStatus::shown
                       ? persona_json(count_personas(ds.persons_by_id, a.figures, personas))
                       : report::suppressed_json(plan.overall, plan.k);
    Json arr = Json::array();
    for (std::size_t g = 0; g < a.grouping.size(); ++g) {
      Json j;
      j["key"] = report::key_json(a.grouping, g, label);
      if (plan.groups[g] != privacy::CellStatus::shown) j.update(report::suppressed_json(plan.groups[g], plan.k));
      else j.update(persona_json(count_personas(a.grouping.members[g], a.figures, personas)));
      arr.push_back(std::move(j));
    }
    p["groups"] = std::move(arr);
    out["personas"] = std::move(p);
  }

  // Uneven adoption: groups split between people who lean on AI (share at least
  // split_min_share over the window) and people who avoid it (below
  // ai_user_min_share). The split is the smaller of the two shares; groups with
  // a split of 35% or more are listed. (The Gini alone cannot tell a split
  // team from a team of mostly non-adopters: both are very unequal.)
  {
    struct Split {
      std::size_t group;
      double heavy, avoid, split;
    };
    std::vector<Split> splits;
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
      const Split s{g, heavy / n, avoid / n, std::min(heavy, avoid) / n};
      if (s.split >= 0.35) splits.push_back(s);
    }
    std::stable_sort(splits.begin(), splits.end(), [](const Split& x, const Split& y) { return x.split > y.split; });
    Json arr = Json::array();
    for (std::size_t i = 0; i < splits.size() && i < static_cast<std::size_t>(config.insights.max_items); ++i) {
      const Split& s = splits[i];
      arr.push_back({{"key", report::key_json(a.grouping, s.group, label)},
                     {"leaning_on_ai_share", number_or_null(s.heavy)},
                     {"non_adopter_share", number_or_null(s.avoid)},
                     {"within_gini", number_or_null(analysis::metric_value(a.groups[s.group], "within_gini"))}});
    }
    out["uneven_groups"] = std::move(arr);
    if (!splits.empty()) {
      const std::string name = group_name(splits.front().group);
      cards.push_back(card("uneven_adoption", "warning", "Uneven AI use in " + name,
                           name + " is split: " + percent(splits.front().heavy) + " use AI for a good part of their tasks while " +
                               percent(splits.front().avoid) + " hardly use it. Pair them up."));
    }
  }

  // Role guidance, training targets and mentoring share one plan of which roles are shown.
  const RolePlan role_plan = plan_roles(ds, a, config.privacy.min_group_size);

  // Role guidance.
  {
    const RoleGuidanceResult rg = role_guidance(ds, role_plan, config);
    std::vector<std::pair<double, Json>> role_cards;  // (priority: lower first, card)
    Json j;
    j["available"] = rg.available;
    j["reason"] = rg.available ? Json(nullptr) : Json(rg.reason);
    Json roles = Json::array();
    for (const RoleGuidance& g : rg.roles) {
      Json r;
      r["role"] = g.role;
      if (g.status != privacy::CellStatus::shown) {
        r.update(report::suppressed_json(g.status, plan.k));
        roles.push_back(std::move(r));
        continue;
      }
      r["suppressed"] = false;
      r["people"] = count_json(g.people);
      Json under = Json::array();
      for (const UnderusedTask& t : g.underused)
        under.push_back({{"task_type", t.task_type}, {"utilization_rate", number_or_null(t.utilization_rate)},
                         {"tasks", count_json(t.tasks)}});
      r["lowest_utilization"] = std::move(under);
      Json risky = Json::array();
      for (const RiskyTask& t : g.risky_off_playbook)
        risky.push_back({{"task_type", t.task_type}, {"ai_share", number_or_null(t.ai_share)},
                         {"ai_rework_rate", number_or_null(t.ai_rework_rate)},
                         {"manual_rework_rate", number_or_null(t.manual_rework_rate)},
                         {"ai_error_rate", number_or_null(t.ai_error_rate)},
                         {"manual_error_rate", number_or_null(t.manual_error_rate)},
                         {"ai_people", count_json(t.ai_people)}});
      r["risky_off_playbook"] = std::move(risky);
      r["recommendations"] = g.recommendations;
      // One card per role: its least-used recommended task, or its riskiest off-playbook AI use.
      if (!g.underused.empty() && g.underused.front().utilization_rate < 0.5)
        role_cards.push_back({g.underused.front().utilization_rate, card("role_guidance", "recommendation",
                                                                          "Playbook: " + g.role, g.recommendations.front())});
      if (!g.risky_off_playbook.empty()) {
        // Recommendations list the underused tasks (below 50%) first, then the risky ones.
        std::size_t first_risky = 0;
        for (const UnderusedTask& t : g.underused) first_risky += t.utilization_rate < 0.5 ? 1 : 0;
        role_cards.push_back({-1.0, card("off_playbook_risk", "warning", "Off-playbook AI use: " + g.role,
                                         g.recommendations[first_risky])});
      }
      roles.push_back(std::move(r));
    }
    j["roles"] = std::move(roles);
    j["roles_not_covered"] = rg.roles_not_covered;
    std::stable_sort(role_cards.begin(), role_cards.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (std::size_t i = 0; i < role_cards.size() && i < static_cast<std::size_t>(config.insights.max_items); ++i)
      cards.push_back(role_cards[i].second);
    out["role_guidance"] = std::move(j);
  }

  // Training targets, trained vs untrained, mentoring.
  {
    const TrainingResult tr = training_and_mentoring(ds, a, plan, role_plan, personas, config);
    Json targets = Json::array();
    for (const TrainingTarget& t : tr.targets) {
      Json key = Json::object();
      if (t.kind == "group") {
        for (std::size_t i = 0; i < a.grouping.attributes.size(); ++i) key[a.grouping.attributes[i]] = label(a.grouping.attributes[i], t.key[i]);
      } else {
        key["role"] = t.key[0];
      }
      targets.push_back({{"kind", t.kind}, {"key", key}, {"people", count_json(t.people)},
                         {"non_adopter_share", number_or_null(t.non_adopter_share)},
                         {"rework_creator_share", number_or_null(t.rework_creator_share)},
                         {"gap_score", number_or_null(t.gap_score)}, {"need_score", number_or_null(t.need_score)},
                         {"format", t.format}});
    }
    if (!tr.targets.empty()) {
      const TrainingTarget& top = tr.targets.front();
      std::string name = "role " + top.key[0];
      if (top.kind == "group") {
        name.clear();
        for (std::size_t i = 0; i < a.grouping.attributes.size(); ++i)
          name += (name.empty() ? "" : " / ") + label(a.grouping.attributes[i], top.key[i]);
      }
      cards.push_back(card("training_target", "action", "Train " + name + " first",
                           name + ": " + percent(top.non_adopter_share) + " non-adopters and " +
                               percent(top.rework_creator_share) + " rework creators. Suggested format: " +
                               (top.format == "hands_on" ? "hands-on AI workshops for non-adopters."
                                                         : "quality practice (review and prompting habits) for rework creators.")));
    }
    const TrainedComparison& t = tr.trained;
    out["training"] = {
        {"targets", std::move(targets)},
        {"ai_trained",
         {{"trained_people", count_json(t.trained_people.value_or(NAN))},
          {"untrained_people", count_json(t.untrained_people.value_or(NAN))},
          {"trained_adoption_rate", number_or_null(t.trained_adoption_rate)},
          {"untrained_adoption_rate", number_or_null(t.untrained_adoption_rate)},
          {"trained_rework_creator_share", number_or_null(t.trained_rework_creator_share)},
          {"untrained_rework_creator_share", number_or_null(t.untrained_rework_creator_share)},
          {"reason", t.reason ? Json(*t.reason) : Json(nullptr)}}}};
    if (t.trained_adoption_rate && t.untrained_adoption_rate)
      cards.push_back(card("ai_training", "finding", "AI training and adoption",
                           "People with AI training: " + percent(*t.trained_adoption_rate) + " use AI; without: " +
                               percent(*t.untrained_adoption_rate) + "."));
    Json roles = Json::array();
    for (const MentoringRole& m : tr.mentoring) {
      if (m.status != privacy::CellStatus::shown) {
        Json r = {{"role", m.role}};
        r.update(report::suppressed_json(m.status, plan.k));
        roles.push_back(std::move(r));
        continue;
      }
      roles.push_back({{"role", m.role}, {"suppressed", false}, {"champions", count_json(m.champions)},
                       {"non_adopters", count_json(m.non_adopters)}, {"possible_pairs", count_json(m.possible_pairs)}});
    }
    Json mentoring = {{"mentees_per_champion", config.insights.mentees_per_champion}, {"roles", std::move(roles)}};
    if (config.privacy.individual_results) {
      Json pairs = Json::array();
      for (const MentoringPair& p : tr.pairs) pairs.push_back({{"role", p.role}, {"mentor", p.mentor}, {"mentee", p.mentee}});
      mentoring["pairs"] = std::move(pairs);
    }
    double total_pairs = 0;
    for (const MentoringRole& m : tr.mentoring) total_pairs += m.possible_pairs;
    if (total_pairs > 0)
      cards.push_back(card("mentoring", "action", "Peer mentoring",
                           std::to_string(static_cast<long long>(total_pairs)) +
                               " champion / non-adopter pairs are possible within roles" +
                               (config.privacy.individual_results ? " (listed under insights.mentoring.pairs)."
                                                                  : "; switch on individual results to see who.")));
    out["mentoring"] = std::move(mentoring);
  }

  // Success stories.
  {
    Json arr = Json::array();
    const std::vector<SuccessStory> stories = success_stories(a, plan, config, group_name);
    for (std::size_t i = 0; i < stories.size(); ++i) {
      const SuccessStory& s = stories[i];
      Json key = Json::object();
      for (std::size_t j = 0; j < a.grouping.attributes.size(); ++j) key[a.grouping.attributes[j]] = label(a.grouping.attributes[j], s.key[j]);
      arr.push_back({{"key", key}, {"from", s.from_period}, {"to", s.to_period},
                     {"quality_adjusted_output_per_hour_before", number_or_null(s.qaoph_before)},
                     {"quality_adjusted_output_per_hour_after", number_or_null(s.qaoph_after)},
                     {"quality_adjusted_output_per_hour_change", number_or_null(s.qaoph_change)},
                     {"error_rate_before", number_or_null(s.error_rate_before)},
                     {"error_rate_after", number_or_null(s.error_rate_after)},
                     {"error_rate_change", number_or_null(s.error_rate_change)}, {"text", s.text}});
      if (i == 0) cards.push_back(card("success_story", "success", "Success story", s.text));
    }
    out["success_stories"] = std::move(arr);
  }

  // KPI audit.
  {
    const KpiAudit k = kpi_audit(a, config);
    Json pairs = Json::array();
    for (const KpiPair& p : k.pairs)
      pairs.push_back({{"proxy", p.proxy}, {"outcome", p.outcome}, {"rho", number_or_null(p.rho)},
                       {"p_value", number_or_null(p.p_value)}, {"n", count_json(p.n)}, {"tracks_outcome", p.tracks}});
    out["kpi_audit"] = {{"min_abs_rho", config.insights.kpi_min_abs_rho}, {"pairs", std::move(pairs)},
                        {"proxies_not_tracking", k.proxies_not_tracking}, {"replacements", k.replacements},
                        {"reason", k.reason ? Json(*k.reason) : Json(nullptr)}};
    for (const std::string& proxy : k.proxies_not_tracking)
      cards.push_back(card("kpi_audit", "finding", "Legacy metric: " + proxy,
                           proxy + " does not track outcomes (|ρ| < " + std::to_string(config.insights.kpi_min_abs_rho).substr(0, 3) +
                               " for value, quality and errors). Use utilization_rate, error_reduction and "
                               "quality_adjusted_output_per_hour instead."));
  }

  // Work mode.
  {
    const WorkModeAnalysis w = work_mode_analysis(ds, a, config);
    Json modes = Json::array();
    for (const ModeEffect& e : w.modes)
      modes.push_back({{"work_mode", e.mode}, {"people", count_json(e.people)}, {"mean", number_or_null(e.mean)},
                       {"raw_difference", coefficient_json(e.raw)}, {"adjusted_difference", coefficient_json(e.adjusted)}});
    out["work_mode"] = {{"outcome", w.outcome},
                        {"reference", w.reference.empty() ? Json(nullptr) : Json(w.reference)},
                        {"people", count_json(w.people)},
                        {"people_left_out", count_json(w.people_left_out)},
                        {"modes", std::move(modes)},
                        {"ai_task_share_coefficient", number_or_null(w.ai_task_share_coefficient)},
                        {"notes", w.notes},
                        {"gap_explained_by_ai_use", w.gap_explained},
                        {"verdict", w.verdict.empty() ? Json(nullptr) : Json(w.verdict)},
                        {"reason", w.reason ? Json(*w.reason) : Json(nullptr)}};
    if (!w.verdict.empty()) cards.push_back(card("work_mode", w.gap_explained ? "finding" : "warning", "Remote work and output", w.verdict));
  }

  // Rollout.
  {
    const RolloutEffect r = rollout_effect(ds, a, config);
    Json estimates = Json::array();
    for (const DidEstimate& e : r.estimates)
      estimates.push_back({{"outcome", e.outcome}, {"estimate", number_or_null(e.estimate)}, {"se", number_or_null(e.se)},
                           {"p_value", number_or_null(e.p_value)}, {"ci_low", number_or_null(e.ci_low)},
                           {"ci_high", number_or_null(e.ci_high)}, {"treated_pre_mean", number_or_null(e.treated_pre_mean)},
                           {"observations", count_json(e.observations)},
                           {"reason", e.reason ? Json(*e.reason) : Json(nullptr)}});
    out["rollout"] = {{"treated_groups", r.treated_groups}, {"control_groups", r.control_groups},
                      {"treated_people", count_json(r.treated_people)}, {"control_people", count_json(r.control_people)},
                      {"estimates", std::move(estimates)}, {"reason", r.reason ? Json(*r.reason) : Json(nullptr)}};
    for (const DidEstimate& e : r.estimates)
      if (e.estimate && e.outcome == "quality_adjusted_output_per_hour")
        cards.push_back(card("rollout", "finding", "Effect of the AI rollout",
                             "After the rollout, quality-adjusted output per hour changed by " +
                                 std::to_string(*e.estimate).substr(0, 6) + " tasks/hour relative to groups without AI (95% CI " +
                                 std::to_string(*e.ci_low).substr(0, 6) + " to " + std::to_string(*e.ci_high).substr(0, 6) + ")."));
  }
  out["cards"] = std::move(cards);
  return out;
}

}  // namespace gapscore::insights
