#include "report/insights_json.h"

#include <cmath>

#include "report/metrics_sections.h"
#include "report/privacy_sections.h"

namespace gapscore::report {
namespace {

using namespace gapscore::insights;

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
  return {{"estimate", number_or_null(c.estimate)}, {"se", number_or_null(c.se)}, {"ci_low", number_or_null(c.ci_low)},
          {"ci_high", number_or_null(c.ci_high)}, {"p_value", number_or_null(c.p_value)}};
}

Json reason_json(const std::optional<std::string>& reason) { return reason ? Json(*reason) : Json(nullptr); }

Json labelled_key(const analysis::Grouping& grouping, const std::vector<std::string>& key, const KeyLabeller& label) {
  Json j = Json::object();
  for (std::size_t i = 0; i < grouping.attributes.size(); ++i) j[grouping.attributes[i]] = label(grouping.attributes[i], key[i]);
  return j;
}

Json personas_json(const PersonaSection& s, const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                   const KeyLabeller& label) {
  Json p;
  p["overall"] = s.overall ? persona_json(*s.overall) : suppressed_json(plan.overall, plan.k);
  Json arr = Json::array();
  for (std::size_t g = 0; g < a.grouping.size(); ++g) {
    Json j;
    j["key"] = key_json(a.grouping, g, label);
    if (s.groups[g]) j.update(persona_json(*s.groups[g]));
    else j.update(suppressed_json(plan.groups[g], plan.k));
    arr.push_back(std::move(j));
  }
  p["groups"] = std::move(arr);
  return p;
}

Json uneven_json(const std::vector<UnevenGroup>& groups, const analysis::AnalysisResult& a, const KeyLabeller& label) {
  Json arr = Json::array();
  for (const UnevenGroup& s : groups)
    arr.push_back({{"key", key_json(a.grouping, s.group, label)},
                   {"leaning_on_ai_share", number_or_null(s.leaning_share)},
                   {"non_adopter_share", number_or_null(s.non_adopter_share)},
                   {"within_gini", number_or_null(analysis::metric_value(a.groups[s.group], "within_gini"))}});
  return arr;
}

Json role_guidance_json(const RoleGuidanceResult& rg, int k) {
  Json j;
  j["available"] = rg.available;
  j["reason"] = rg.available ? Json(nullptr) : Json(rg.reason);
  Json roles = Json::array();
  for (const RoleGuidance& g : rg.roles) {
    Json r;
    r["role"] = g.role;
    if (g.status != privacy::CellStatus::shown) {
      r.update(suppressed_json(g.status, k));
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
    roles.push_back(std::move(r));
  }
  j["roles"] = std::move(roles);
  j["roles_not_covered"] = rg.roles_not_covered;
  return j;
}

Json training_json(const TrainingResult& tr, const analysis::AnalysisResult& a, const KeyLabeller& label) {
  Json targets = Json::array();
  for (const TrainingTarget& t : tr.targets) {
    const Json key = t.kind == "group" ? labelled_key(a.grouping, t.key, label) : Json{{"role", t.key[0]}};
    targets.push_back({{"kind", t.kind}, {"key", key}, {"people", count_json(t.people)},
                       {"non_adopter_share", number_or_null(t.non_adopter_share)},
                       {"rework_creator_share", number_or_null(t.rework_creator_share)},
                       {"gap_score", number_or_null(t.gap_score)}, {"need_score", number_or_null(t.need_score)},
                       {"format", t.format}});
  }
  const TrainedComparison& t = tr.trained;
  return {{"targets", std::move(targets)},
          {"ai_trained",
           {{"trained_people", count_json(t.trained_people.value_or(NAN))},
            {"untrained_people", count_json(t.untrained_people.value_or(NAN))},
            {"trained_adoption_rate", number_or_null(t.trained_adoption_rate)},
            {"untrained_adoption_rate", number_or_null(t.untrained_adoption_rate)},
            {"trained_rework_creator_share", number_or_null(t.trained_rework_creator_share)},
            {"untrained_rework_creator_share", number_or_null(t.untrained_rework_creator_share)},
            {"reason", reason_json(t.reason)},
            {"settings", setting_keys(t.settings)}}}};
}

Json mentoring_json(const TrainingResult& tr, const Config& config, int k) {
  Json roles = Json::array();
  for (const MentoringRole& m : tr.mentoring) {
    if (m.status != privacy::CellStatus::shown) {
      Json r = {{"role", m.role}};
      r.update(suppressed_json(m.status, k));
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
  return mentoring;
}

Json success_json(const std::vector<SuccessStory>& stories, const analysis::AnalysisResult& a, const KeyLabeller& label) {
  Json arr = Json::array();
  for (const SuccessStory& s : stories)
    arr.push_back({{"key", labelled_key(a.grouping, s.key, label)}, {"from", s.from_period}, {"to", s.to_period},
                   {"quality_adjusted_output_per_hour_before", number_or_null(s.qaoph_before)},
                   {"quality_adjusted_output_per_hour_after", number_or_null(s.qaoph_after)},
                   {"quality_adjusted_output_per_hour_change", number_or_null(s.qaoph_change)},
                   {"error_rate_before", number_or_null(s.error_rate_before)},
                   {"error_rate_after", number_or_null(s.error_rate_after)},
                   {"error_rate_change", number_or_null(s.error_rate_change)},
                   {"outcome", s.mixed ? "mixed" : "improved"}, {"attribution", attribution_name(s.attribution)},
                   {"text", s.text}});
  return arr;
}

Json kpi_json(const KpiAudit& k, const Config& config) {
  Json pairs = Json::array();
  for (const KpiPair& p : k.pairs)
    pairs.push_back({{"proxy", p.proxy}, {"source", p.source}, {"outcome", p.outcome}, {"rho", number_or_null(p.rho)},
                     {"p_value", number_or_null(p.p_value)}, {"n", count_json(p.n)}, {"tracks_outcome", p.tracks},
                     {"moves_against_outcome", p.against}});
  return {{"min_abs_rho", config.insights.kpi_min_abs_rho}, {"pairs", std::move(pairs)},
          {"proxies_not_tracking", k.proxies_not_tracking}, {"proxies_against_outcomes", k.proxies_against},
          {"replacements", k.replacements},
          {"reason", reason_json(k.reason)}};
}

Json work_mode_json(const WorkModeAnalysis& w) {
  Json modes = Json::array();
  for (const ModeEffect& e : w.modes)
    modes.push_back({{"work_mode", e.mode}, {"people", count_json(e.people)}, {"mean", number_or_null(e.mean)},
                     {"raw_difference", coefficient_json(e.raw)}, {"adjusted_difference", coefficient_json(e.adjusted)}});
  return {{"outcome", w.outcome},
          {"reference", w.reference.empty() ? Json(nullptr) : Json(w.reference)},
          {"people", count_json(w.people)},
          {"people_left_out", count_json(w.people_left_out.value_or(NAN))},
          {"modes", std::move(modes)},
          {"ai_task_share_coefficient", number_or_null(w.ai_task_share_coefficient)},
          {"notes", w.notes},
          {"gap_explained_by_ai_use", w.gap_explained},
          {"verdict", w.verdict.empty() ? Json(nullptr) : Json(w.verdict)},
          {"reason", reason_json(w.reason)}};
}

Json rollout_json(const RolloutEffect& r) {
  Json estimates = Json::array();
  for (const DidEstimate& e : r.estimates)
    estimates.push_back({{"outcome", e.outcome}, {"estimate", number_or_null(e.estimate)}, {"se", number_or_null(e.se)},
                         {"p_value", number_or_null(e.p_value)}, {"ci_low", number_or_null(e.ci_low)},
                         {"ci_high", number_or_null(e.ci_high)}, {"treated_pre_mean", number_or_null(e.treated_pre_mean)},
                         {"observations", count_json(e.observations)}, {"reason", reason_json(e.reason)}});
  return {{"treated_groups", r.treated_groups}, {"control_groups", r.control_groups},
          {"treated_people", count_json(r.treated_people.value_or(NAN))},
          {"control_people", count_json(r.control_people.value_or(NAN))},
          {"estimates", std::move(estimates)}, {"reason", reason_json(r.reason)}, {"settings", setting_keys(r.settings)}};
}

Json cards_json(const std::vector<Card>& cards) {
  Json arr = Json::array();
  for (const Card& c : cards)
    arr.push_back({{"id", c.id}, {"kind", c.kind}, {"title", c.title}, {"text", c.text}, {"settings", setting_keys(c.settings)},
                   {"impact", number_or_null(card_impact(c))}, {"sufficiency", sufficiency_json(c.sufficiency)}});
  return arr;
}

Json headline_json(const Headline& h) {
  const GapReading& g = h.gap;
  return {{"text", h.text},
          {"card", h.card ? Json(*h.card) : Json(nullptr)},
          {"sufficiency", sufficiency_json(h.sufficiency)},
          {"gap",
           {{"direction", g.direction},
            {"basis", g.basis ? Json(*g.basis) : Json(nullptr)},
            {"paradox", h.paradox ? Json(*h.paradox) : Json(nullptr)},
            {"effect_size", g.effect_size ? Json(*g.effect_size) : Json(nullptr)},
            {"text", g.text}}}};
}

}  // namespace

Json insights_json(const insights::Insights& in, const analysis::AnalysisResult& a,
                   const privacy::SuppressionPlan& plan, const Config& config, const KeyLabeller& label) {
  Json out;
  out["personas"] = personas_json(in.personas, a, plan, label);
  out["uneven_groups"] = uneven_json(in.uneven_groups, a, label);
  out["role_guidance"] = role_guidance_json(in.role_guidance, plan.k);
  out["training"] = training_json(in.training, a, label);
  out["mentoring"] = mentoring_json(in.training, config, plan.k);
  out["success_stories"] = success_json(in.success_stories, a, label);
  out["kpi_audit"] = kpi_json(in.kpi_audit, config);
  out["work_mode"] = work_mode_json(in.work_mode);
  out["rollout"] = rollout_json(in.rollout);
  out["cards"] = cards_json(in.cards);
  out["headline"] = headline_json(in.headline);
  return out;
}

}  // namespace gapscore::report
