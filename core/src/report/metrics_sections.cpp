#include "report/metrics_sections.h"

#include "analysis/adjusted_gap.h"
#include "base/date.h"
#include "insights/gap_text.h"
#include "metrics/catalog_table.h"
#include "report/privacy_sections.h"

namespace gapscore::report {

Json sufficiency_json(const insights::Sufficiency& s) {
  return {{"verdict", insights::verdict_name(s)},
          {"reason", s.ok ? Json(nullptr) : Json(s.reason)},
          {"settings", setting_keys(s.settings)}};
}

namespace {

Json adjusted_json(const analysis::AdjustedGap& a) {
  const bool ok = a.estimate.has_value();
  Json j;
  j["estimate"] = number_or_null(a.estimate);
  j["se"] = number_or_null(a.se);
  j["ci_low"] = number_or_null(a.ci_low);
  j["ci_high"] = number_or_null(a.ci_high);
  j["p_value"] = number_or_null(a.p_value);
  // People kept: both sides reach min_group_size whenever there is an estimate.
  j["n"] = ok ? count_json(a.n) : Json(nullptr);
  j["strata"] = a.strata;
  j["method"] = std::string(analysis::kAdjustedGapMethod);
  j["hedges_g"] = number_or_null(a.hedges_g);
  j["effect_size"] = a.hedges_g ? Json(std::string(analysis::effect_size_band(*a.hedges_g))) : Json(nullptr);
  j["reason"] = a.reason ? Json(*a.reason) : Json(nullptr);
  j["settings"] = setting_keys(a.settings);
  return j;
}

}  // namespace

Json gap_json(const analysis::GapResult& g, const insights::DataSpan& span, const Config& config) {
  const bool ok = g.compared;
  Json j;
  j["n_users"] = count_json(g.n_users);
  j["n_non_users"] = count_json(g.n_non_users);
  j["mean_users"] = ok ? number_or_null(g.mean_users) : Json(nullptr);
  j["mean_non_users"] = ok ? number_or_null(g.mean_non_users) : Json(nullptr);
  j["difference"] = ok ? number_or_null(g.difference) : Json(nullptr);
  j["hedges_g"] = number_or_null(g.hedges_g);
  j["effect_size"] = g.hedges_g ? Json(std::string(analysis::effect_size_band(*g.hedges_g))) : Json(nullptr);
  j["mann_whitney_u"] = number_or_null(g.mann_whitney_u);
  j["p_value"] = number_or_null(g.p_value);
  j["ci_low"] = number_or_null(g.ci_low);
  j["ci_high"] = number_or_null(g.ci_high);
  j["reason"] = g.unavailable_reason ? Json(*g.unavailable_reason) : Json(nullptr);
  j["settings"] = setting_keys(g.unavailable_settings);
  const std::optional<std::string> note = insights::pooled_note(g, config.bootstrap.confidence);
  j["note"] = note ? Json(*note) : Json(nullptr);
  if (g.adjusted) j["adjusted"] = adjusted_json(*g.adjusted);
  else j["adjusted"] = nullptr;
  j["paradox"] = g.paradox ? Json(*g.paradox) : Json(nullptr);
  const insights::Sufficiency enough = insights::gap_sufficiency(g, span, config);
  const insights::GapReading reading = insights::read_gap(g, enough, config.bootstrap.confidence);
  j["direction"] = reading.direction;
  j["text"] = reading.text;
  j["sufficiency"] = sufficiency_json(enough);
  return j;
}

namespace {

// The metrics and score components the disclosure audit hid, with why; a
// trend cell names only what it publishes (its metrics, gap_score's components).
Json withheld_json(const analysis::GroupResult& r, bool trend_cell = false) {
  Json j = Json::object();
  for (const analysis::WithheldMetric& w : r.withheld) {
    if (trend_cell && !analysis::is_trend_metric(w.name) && find_metric(w.name)->section == MetricSection::group_metric)
      continue;
    j[std::string(w.name)] = w.reason;
  }
  return j;
}

}  // namespace

Json score_json(const analysis::ScoreResult& s, const insights::DataSpan& span, const Config& config,
                std::string_view gap_direction) {
  Json j;
  j["value"] = number_or_null(s.value);
  Json comps = Json::object();
  for (const analysis::ScoreComponent& c : s.components)
    comps[std::string(c.name)] = {{"value", number_or_null(c.value)}, {"weight", c.weight}};
  j["components"] = std::move(comps);
  j["sufficiency"] = sufficiency_json(insights::span_sufficiency(span, config));
  // The score counts how AI is used, not what it yields: a group whose AI users
  // clearly produce less can score a small gap (an outside review).
  j["caveat"] = gap_direction == "ai_users_behind"
                    ? Json("AI users here clearly produce less quality-adjusted output per hour than non-users (see the "
                           "gap): the score says how widely and evenly AI is used, not whether it pays off.")
                    : Json(nullptr);
  return j;
}

Json group_result_json(const analysis::GroupResult& r, const insights::DataSpan& span, const Config& config) {
  Json metrics = Json::object();
  const auto& names = analysis::group_metric_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const MetricDef* def = find_metric(names[i]);
    const bool is_count = def && def->unit == "people";
    metrics[std::string(names[i])] = is_count && r.metrics[i] ? count_json(*r.metrics[i]) : number_or_null(r.metrics[i]);
  }
  Json j;
  j["metrics"] = std::move(metrics);
  if (r.gap) j["gap"] = gap_json(*r.gap, span, config);
  const Json* direction = r.gap ? &j["gap"]["direction"] : nullptr;
  j["score"] = score_json(r.score, span, config, direction && direction->is_string() ? direction->get<std::string>() : "");
  if (!r.withheld.empty()) j["withheld"] = withheld_json(r);
  return j;
}

Json uniformity_json(const analysis::UniformityStats& u) {
  Json j;
  j["groups"] = u.groups;
  j["gini"] = number_or_null(u.gini);
  j["theil_t"] = number_or_null(u.theil_t);
  j["cv"] = number_or_null(u.cv);
  j["min"] = number_or_null(u.min);
  j["max"] = number_or_null(u.max);
  return j;
}

Json key_json(const analysis::Grouping& g, std::size_t group, const KeyLabeller& label) {
  Json key = Json::object();
  for (std::size_t a = 0; a < g.attributes.size(); ++a) key[g.attributes[a]] = label(g.attributes[a], g.keys[group][a]);
  return key;
}

Json trends_json(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan, const KeyLabeller& label) {
  Json arr = Json::array();
  for (std::size_t i = 0; i < a.trends.size(); ++i) {
    const analysis::TrendCell& c = a.trends[i];
    Json j;
    j["period"] = c.period_label;
    j["start"] = format_iso_date(c.period_start);
    j["key"] = c.group ? key_json(a.grouping, *c.group, label) : Json(nullptr);
    if (plan.trends[i] != privacy::CellStatus::shown) {
      j.update(suppressed_json(plan.trends[i], plan.k));
      arr.push_back(std::move(j));
      continue;
    }
    j["suppressed"] = false;
    j["headcount"] = count_json(c.result.headcount);
    Json m = Json::object();
    for (std::string_view name : kTrendMetrics) m[std::string(name)] = number_or_null(analysis::metric_value(c.result, name));
    m["gap_score"] = number_or_null(c.result.score.value);
    j["metrics"] = std::move(m);
    if (Json w = withheld_json(c.result, true); !w.empty()) j["withheld"] = std::move(w);
    arr.push_back(std::move(j));
  }
  return arr;
}

Json unavailable_metrics_json(std::uint32_t available) {
  Json arr = Json::array();
  for (const metrics::CatalogEntry& e : metrics::catalog_entries()) {
    if ((e.needs & available) == e.needs) continue;
    arr.push_back({{"metric", std::string(e.def.name)}, {"needs", std::string(e.def.needs)}});
  }
  return arr;
}

void add_adoption_only_sections(Json& report) {
  report["metrics_unavailable"] = unavailable_metrics_json(0);
  report["overall"] = {{"suppressed", true},
                       {"reason", "no activity table: this is an adoption-only report (see the usage section)"}};
  report["groups"] = Json::array();
  report["uniformity"] = {{"across_groups",
                           {{"adoption_rate", uniformity_json(analysis::uniformity_of({}))},
                            {"ai_task_share", uniformity_json(analysis::uniformity_of({}))}}}};
  report["trends"] = Json::array();
}

}  // namespace gapscore::report
