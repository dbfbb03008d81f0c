#include "analysis/group_eval.h"

#include "metrics/person_sums.h"

#include <algorithm>
#include <cmath>

#include "stats/stats.h"
#include "metrics/catalog_table.h"

namespace gapscore::analysis {

namespace {

using metrics::CatalogEntry;

GapResult compute_gap(const EvalContext& ctx, std::span<const std::uint32_t> members, std::uint64_t seed) {
  GapResult g;
  if (!(ctx.available & metrics::need_quality)) {
    g.unavailable_reason = "needs the quality column";
    return g;
  }
  std::vector<double> users, non_users;
  for (std::uint32_t p : members) {
    const PersonFigures& f = ctx.figures[p];
    if (!f.active || !f.quality_adjusted_output_per_hour) continue;
    (f.ai_user ? users : non_users).push_back(*f.quality_adjusted_output_per_hour);
  }
  g.n_users = static_cast<double>(users.size());
  g.n_non_users = static_cast<double>(non_users.size());
  // Two on each side for the statistics to exist. Whether a side may be
  // published (min_group_size, and what other figures would reveal with it)
  // is the disclosure audit's decision (privacy/disclosure_audit.h).
  if (users.size() < 2 || non_users.size() < 2) {
    // Publishing needs min_group_size on each side (at least 3): name that, not the 2 the statistics need.
    const std::string k = std::to_string(std::max(2, ctx.config->privacy.min_group_size));
    g.unavailable_reason = "needs at least " + k + " AI users and " + k + " non-users with quality data";
    g.unavailable_settings = setting::min_group_size;
    return g;
  }
  g.mean_users = stats::mean(users);
  g.mean_non_users = stats::mean(non_users);
  g.difference = g.mean_users - g.mean_non_users;
  g.compared = true;
  if (auto h = stats::hedges_g(users, non_users)) g.hedges_g = h->g;
  if (auto u = stats::mann_whitney_u(users, non_users)) {
    g.mann_whitney_u = u->u;
    g.p_value = u->p_value;
  }
  // Percentile bounds of small samples sit near single people's values: they need
  // min_group_size_extremes people on each side.
  const auto k_ext = static_cast<std::size_t>(ctx.config->privacy.min_group_size_extremes);
  if (users.size() < k_ext || non_users.size() < k_ext) {
    g.unavailable_reason = "confidence interval withheld: needs " + std::to_string(k_ext) + " people on each side";
    g.unavailable_settings = setting::min_group_size_extremes;
    return g;
  }
  const BootstrapConfig& b = ctx.config->bootstrap;
  if (auto ci = stats::bootstrap_mean_difference_ci(users, non_users, b.resamples, seed, b.confidence)) {
    g.ci_low = ci->low;
    g.ci_high = ci->high;
  }
  return g;
}

std::uint32_t contributors_of(std::string_view metric) {
  const CatalogEntry* e = metrics::find_entry(metric, MetricSection::group_metric);
  return e ? e->contributors : 0;
}

// The weighted mean of the components that have a value, on 0-100.
std::optional<double> score_value(const std::vector<ScoreComponent>& components) {
  double num = 0, den = 0;
  for (const ScoreComponent& comp : components) {
    if (!comp.value || comp.weight <= 0) continue;
    num += comp.weight * *comp.value;
    den += comp.weight;
  }
  if (den > 0) return 100.0 * num / den;
  return std::nullopt;
}

ScoreResult compute_score(const EvalContext& ctx, const metrics::GroupInputs& in, std::span<const std::uint32_t> members,
                          const std::vector<std::optional<double>>& values) {
  const Config& c = *ctx.config;
  auto value_of = [&](std::string_view name) -> std::optional<double> {
    const auto& names = group_metric_names();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return values[i];
    return std::nullopt;
  };
  ScoreResult s;
  const auto adoption = value_of("adoption_rate");
  s.components.push_back({"adoption_gap", adoption ? std::optional<double>(1.0 - *adoption) : std::nullopt,
                          c.weights.adoption_gap});
  s.components.push_back({"usage_unevenness", in.within_gini, c.weights.usage_unevenness});
  if (ctx.available & metrics::need_rework_hours) {
    double users = 0, reworking = 0;
    for (std::uint32_t p : members) {
      const PersonFigures& f = ctx.figures[p];
      if (!f.active || !f.ai_user) continue;
      users += 1;
      if (f.rework_rate && *f.rework_rate >= c.rework_threshold) reworking += 1;
    }
    s.components.push_back({"effectiveness_gap", metrics::ratio(reworking, users), c.weights.effectiveness_gap});
  }
  if (ctx.available & metrics::need_playbook) {
    const auto util = value_of("utilization_rate");
    s.components.push_back(
        {"playbook_gap", util ? std::optional<double>(1.0 - *util) : std::nullopt, c.weights.playbook_gap});
  }
  if (ctx.available & metrics::need_survey_sentiment) {
    const auto sent = value_of("sentiment_mean");
    s.components.push_back({"sentiment_gap", sent ? std::optional<double>((5.0 - *sent) / 4.0) : std::nullopt,
                            c.weights.sentiment_gap});
  }
  for (ScoreComponent& comp : s.components) comp.contributors = component_contributors(comp.name);
  s.value = score_value(s.components);
  return s;
}

}  // namespace

std::uint32_t component_contributors(std::string_view component) {
  if (component == "playbook_gap") return contributors_of("utilization_rate");
  if (component == "sentiment_gap") return contributors_of("sentiment_mean");
  return 0;
}

const std::vector<std::string_view>& group_metric_names() {
  // Asked for per group and per figure: the list is made once.
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const CatalogEntry& e : metrics::catalog_entries())
      if (e.def.section == MetricSection::group_metric) out.push_back(e.def.name);
    return out;
  }();
  return names;
}

std::optional<double> metric_value(const GroupResult& r, std::string_view name) {
  const auto& names = group_metric_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return r.metrics[i];
  return std::nullopt;
}

void withhold_kinds(GroupResult& r, std::uint32_t kinds, const std::string& reason) {
  std::size_t i = 0;
  bool changed = false;
  for (const CatalogEntry& e : metrics::catalog_entries()) {
    if (e.def.section != MetricSection::group_metric) continue;
    if ((e.contributors & kinds) && r.metrics[i]) {
      r.metrics[i].reset();
      r.withheld.push_back({e.def.name, reason});
    }
    ++i;
  }
  for (ScoreComponent& c : r.score.components)
    if ((c.contributors & kinds) && c.value) {
      c.value.reset();
      r.withheld.push_back({c.name, reason});
      changed = true;
    }
  if (changed) r.score.value = score_value(r.score.components);
}

GroupResult evaluate_group(const EvalContext& ctx, std::span<const std::uint32_t> members,
                           std::optional<std::uint64_t> gap_seed) {
  metrics::Sums sums;
  metrics::GroupInputs in;
  in.sums = &sums;
  std::vector<double> shares;
  double sentiment_sum = 0, sentiment_n = 0, favorable = 0, wellbeing_sum = 0, wellbeing_n = 0;
  for (std::uint32_t p : members) {
    const PersonFigures& f = ctx.figures[p];
    if (!f.active) continue;
    if (ctx.period_sums) ctx.period_sums->add_to(p, sums);
    else sums.add(ctx.person_sums[p]);
    in.headcount += 1;
    if (f.ai_user) in.ai_users += 1;
    if (f.ai_task_share) shares.push_back(*f.ai_task_share);
    if (!ctx.surveys.empty()) {
      const SurveyAnswers& a = ctx.surveys[p];
      if (a.sentiment) {
        sentiment_sum += *a.sentiment;
        sentiment_n += 1;
        favorable += *a.sentiment >= 4 ? 1 : 0;
      }
      if (a.wellbeing) {
        wellbeing_sum += *a.wellbeing;
        wellbeing_n += 1;
      }
    }
  }
  in.within_gini = stats::gini(shares);
  in.sentiment_mean = metrics::ratio(sentiment_sum, sentiment_n);
  in.sentiment_favorable_share = metrics::ratio(favorable, sentiment_n);
  in.wellbeing_mean = metrics::ratio(wellbeing_sum, wellbeing_n);

  GroupResult r;
  r.headcount = in.headcount;
  for (const CatalogEntry& e : metrics::catalog_entries()) {
    if (e.def.section != MetricSection::group_metric) continue;
    const bool possible = (e.needs & ctx.available) == e.needs;
    r.metrics.push_back(possible ? e.compute(in) : std::nullopt);
  }
  if (gap_seed) r.gap = compute_gap(ctx, members, *gap_seed);
  r.score = compute_score(ctx, in, members, r.metrics);
  return r;
}

}  // namespace gapscore::analysis
