#include "report/usage_json.h"

#include "base/date.h"
#include "metrics/group_inputs.h"
#include "report/privacy_sections.h"

namespace gapscore::report {
namespace {

using namespace gapscore::usage_analysis;

Json group_usage_json(const GroupUsage& g, const std::vector<bool>& tools_present) {
  Json m;
  m["population"] = count_json(g.population);
  m["active_users"] = count_json(g.active);
  m["engaged_users"] = count_json(g.engaged);
  m["usage_adoption_rate"] = number_or_null(usage_adoption_rate(g));
  m["non_adopters"] = count_json(g.population - g.active);
  // Figures over the active users only when the audit shows that set.
  const bool a = g.active_shown;
  m["active_days_share"] = a ? number_or_null(active_days_share(g)) : Json(nullptr);
  m["apps_per_active_user"] = a ? number_or_null(apps_per_active_user(g)) : Json(nullptr);
  m["acceptance_rate"] = a && g.counters.has_acceptance
                             ? number_or_null(metrics::ratio(g.counters.acceptances, g.counters.generations))
                             : Json(nullptr);
  m["lines_acceptance_rate"] = a && g.counters.has_lines
                                   ? number_or_null(metrics::ratio(g.counters.lines_accepted, g.counters.lines_suggested))
                                   : Json(nullptr);
  Json tools = Json::object();
  for (int t = 0; t < 2; ++t)
    if (tools_present[static_cast<std::size_t>(t)])
      tools[usage::tool_name(static_cast<usage::Tool>(t))] = number_or_null(metrics::ratio(g.tool_active[t], g.population));
  m["tool_adoption"] = std::move(tools);
  return m;
}

std::string period_label(std::int32_t start, const Config& config) {
  return config.period == Period::week ? iso_week_label(start) : month_label(start);
}

// Sizes, record counts and date ranges of the exports add up over their users:
// with fewer than k of them they would describe those users (not published).
Json inputs_json(const JoinedUsage& u, bool sizes_shown) {
  Json files = Json::array();
  for (const usage::UsageFileSummary& f : u.files) {
    const bool dated = sizes_shown && (f.rows || f.report_period_days);
    auto size = [&](std::uint64_t v) { return sizes_shown ? Json(v) : Json(nullptr); };
    files.push_back({{"source", f.source.empty() ? Json(nullptr) : Json(f.source)}, {"format", f.format}, {"bytes", size(f.bytes)},
                     {"sha256", f.sha256}, {"records", size(f.records)}, {"records_skipped", size(f.records_skipped)},
                     {"rows", size(f.rows)}, {"first_date", dated ? Json(format_iso_date(f.first_day)) : Json(nullptr)},
                     {"last_date", dated ? Json(format_iso_date(f.last_day)) : Json(nullptr)},
                     {"report_period_days", f.report_period_days ? Json(f.report_period_days) : Json(nullptr)}});
  }
  return files;
}

Json trends_json(const UsageAnalysis& ua, const Config& config, const KeyLabeller& label) {
  Json arr = Json::array();
  for (const UsageTrendCell& c : ua.trends) {
    Json j = {{"period", period_label(c.start, config)}, {"start", format_iso_date(c.start)},
              {"key", c.group ? key_json(ua.grouping, *c.group, label) : Json(nullptr)}};
    if (c.status != privacy::CellStatus::shown) {
      j.update(suppressed_json(c.status, ua.plan.k));
    } else {
      j["suppressed"] = false;
      j["active_users"] = count_json(c.active);
      j["usage_adoption_rate"] = number_or_null(metrics::ratio(c.active, c.population));
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

Json team_aggregates_json(const UsageAnalysis& ua, const Config& config) {
  Json arr = Json::array();
  for (const TeamAggregate& t : ua.team_aggregates) {
    Json j = {{"team", t.team}, {"period", period_label(t.start, config)}, {"start", format_iso_date(t.start)},
              {"days", t.days}};
    if (!t.shown) {
      j.update(suppressed_json(privacy::CellStatus::too_few_people, ua.plan.k));
    } else {
      j["suppressed"] = false;
      j["mean_daily_active_users"] = number_or_null(t.mean_active);
      j["mean_daily_engaged_users"] = number_or_null(t.mean_engaged);
      j["acceptance_rate"] = number_or_null(t.acceptance_rate);
      j["lines_acceptance_rate"] = number_or_null(t.lines_acceptance_rate);
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

Json comparison_json(const std::optional<ActivityComparison>& c, int k) {
  if (!c) return nullptr;
  if (!c->enough)
    return {{"people", c->people >= k ? count_json(c->people) : Json(nullptr)},
            {"reason", c->people >= k ? "withheld: beside the organisation's figures it would describe fewer than " +
                                            std::to_string(k) + " people (privacy.min_group_size)"
                                      : "needs at least " + std::to_string(k) + " people in both"}};
  Json j = {{"people", count_json(c->people)},
            {"telemetry_adoption_rate", number_or_null(c->telemetry_adoption_rate)},
            {"activity_adoption_rate", number_or_null(c->activity_adoption_rate)},
            {"agreement", number_or_null(c->agreement)},
            {"telemetry_only_share", number_or_null(c->telemetry_only_share)},
            {"activity_only_share", number_or_null(c->activity_only_share)},
            {"reason", nullptr}};
  j["intensity_vs_ai_task_share"] = {{"people", c->ranked_shown ? count_json(c->rank_people) : Json(nullptr)},
                                     {"spearman_rho", number_or_null(c->spearman_rho)},
                                     {"p_value", number_or_null(c->spearman_p_value)}};
  return j;
}

}  // namespace

Json usage_json(const JoinedUsage& joined, const UsageAnalysis& ua, const Config& config, const KeyLabeller& label) {
  const int k = ua.plan.k;
  Json out;
  const bool counted = ua.people_with_usage_shown;
  out["inputs"] = inputs_json(joined, counted);
  out["identity"] = {{"rule", config.usage.identity},
                     {"identities", counted ? Json(joined.identities) : Json(nullptr)},
                     {"matched", counted ? Json(joined.matched) : Json(nullptr)},
                     {"unmatched", joined.unmatched},
                     {"people_with_usage", counted ? count_json(ua.people_with_usage) : Json(nullptr)}};
  out["covered_days"] = joined.covered_days;
  out["overall"] = ua.plan.overall == privacy::CellStatus::shown
                       ? Json({{"suppressed", false}, {"metrics", group_usage_json(ua.overall, ua.tools_present)}})
                       : suppressed_json(ua.plan.overall, k);
  Json groups = Json::array();
  for (std::size_t g = 0; g < ua.grouping.size(); ++g) {
    Json j = {{"key", key_json(ua.grouping, g, label)}};
    if (ua.plan.groups[g] != privacy::CellStatus::shown) {
      j.update(suppressed_json(ua.plan.groups[g], k));
    } else {
      j["suppressed"] = false;
      j["metrics"] = group_usage_json(ua.groups[g], ua.tools_present);
    }
    groups.push_back(std::move(j));
  }
  out["groups"] = std::move(groups);
  out["uniformity"] = {{"usage_adoption_rate", uniformity_json(ua.adoption)},
                       {"active_days_share", uniformity_json(ua.intensity)},
                       {"apps_per_active_user", uniformity_json(ua.breadth)}};
  out["trends"] = trends_json(ua, config, label);
  out["team_aggregates"] = team_aggregates_json(ua, config);
  Json targets = Json::array();
  for (const UsageTrainingTarget& t : ua.training_targets)
    targets.push_back({{"key", key_json(ua.grouping, t.group, label)}, {"non_adopters", count_json(t.non_adopters)},
                       {"non_adopter_share", number_or_null(t.non_adopter_share)}});
  out["training_targets"] = std::move(targets);
  out["comparison_with_activity"] = comparison_json(ua.comparison, k);
  return out;
}

}  // namespace gapscore::report
