#include "report/usage_json.h"

#include "base/date.h"
#include "metrics/group_inputs.h"
#include "report/privacy_sections.h"
#include "config/setting_refs.h"

namespace gapscore::report {
namespace {

using namespace gapscore::usage_analysis;

Json group_usage_json(const GroupUsage& g, const std::vector<bool>& tools_present, int k) {
  Json m;
  m["population"] = count_json(g.population);
  m["licensed_users"] = count_json(g.licensed);
  m["active_users"] = count_json(g.active);
  m["never_used_users"] = count_json(g.never_used);
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
  // Apps, features, IDEs, models: the share of the group's people who used each,
  // listed from min_group_size users on (fewer would describe a handful of people).
  Json surfaces = Json::object();
  for (const auto& [surface, people] : g.surface_active)
    if (people >= k) surfaces[surface] = number_or_null(metrics::ratio(people, g.population));
  m["surface_adoption"] = std::move(surfaces);
  return m;
}

// The figures over the active users that the audit withheld, with why: only
// those the data would have given (a figure with no data stays plain null).
Json usage_withheld_json(const GroupUsage& g, int k) {
  Json j = Json::object();
  if (g.active_shown) return j;
  const std::string why = privacy::withheld_reason(g.active_status, k);
  if (active_days_share(g)) j["active_days_share"] = why;
  if (apps_per_active_user(g)) j["apps_per_active_user"] = why;
  if (g.counters.has_acceptance && metrics::ratio(g.counters.acceptances, g.counters.generations)) j["acceptance_rate"] = why;
  if (g.counters.has_lines && metrics::ratio(g.counters.lines_accepted, g.counters.lines_suggested))
    j["lines_acceptance_rate"] = why;
  return j;
}

// Segment counts of one row (a group or everyone) with hidden ones null and named.
Json segments_json(const Segments& seg, const SegmentRow& row) {
  if (!seg.window) return nullptr;
  Json j = Json::object();
  Json hidden = Json::array();
  for (std::size_t s = 0; s < kSegmentCount; ++s) {
    const char* name = segment_name(static_cast<Segment>(s));
    const bool shown = row[s].status == privacy::CellStatus::shown;
    j[name] = shown ? count_json(row[s].people) : Json(nullptr);
    if (!shown) hidden.push_back(name);
  }
  j["suppressed"] = std::move(hidden);
  return j;
}

// The adoption-maturity stage from the share of power users among the people.
Json maturity_json(const Segments& seg, const SegmentRow& row, double population, const Config& config) {
  if (!seg.window) return nullptr;
  const SegmentCell& power = row[static_cast<std::size_t>(Segment::power_user)];
  if (power.status != privacy::CellStatus::shown || population <= 0)
    return {{"power_user_share", nullptr}, {"stage", nullptr}};
  const double share = power.people / population;
  return {{"power_user_share", share}, {"stage", maturity_name(maturity_of(share, config.usage.maturity))}};
}

Json segments_window_json(const Segments& seg, const Config& config) {
  if (!seg.window) return nullptr;
  const SegmentWindow& w = *seg.window;
  return {{"first_week", iso_week_label(w.first_week)},
          {"last_week", iso_week_label(w.last_week)},
          {"first_date", format_iso_date(w.first_week)},
          {"last_date", format_iso_date(w.last_week + 6)},
          {"weeks", w.weeks},
          {"weeks_configured", config.usage.segments.weeks},
          {"habit_min_weeks", w.habit_min_weeks}};
}

std::string period_label(std::int32_t start, const Config& config) {
  return config.period == Period::week ? iso_week_label(start) : month_label(start);
}

// Sizes, record counts and date ranges of the exports add up over their users:
// with fewer than k of them they would describe those users (not published).
Json inputs_json(const JoinedUsage& u, bool sizes_shown) {
  Json files = Json::array();
  for (const usage::UsageFileSummary& f : u.files) {
    const bool dated = sizes_shown && (f.rows || f.report_period_days || !f.granularity.empty());
    auto size = [&](std::uint64_t v) { return sizes_shown ? Json(v) : Json(nullptr); };
    files.push_back({{"source", f.source.empty() ? Json(nullptr) : Json(f.source)}, {"format", f.format}, {"bytes", size(f.bytes)},
                     {"sha256", f.sha256}, {"records", size(f.records)}, {"records_skipped", size(f.records_skipped)},
                     {"rows", size(f.rows)}, {"first_date", dated ? Json(format_iso_date(f.first_day)) : Json(nullptr)},
                     {"last_date", dated ? Json(format_iso_date(f.last_day)) : Json(nullptr)},
                     {"report_period_days", f.report_period_days ? Json(f.report_period_days) : Json(nullptr)},
                     {"date_format", f.date_format.empty() ? Json(nullptr) : Json(f.date_format)},
                     {"granularity", f.granularity.empty() ? Json(nullptr) : Json(f.granularity)}});
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
                                            std::to_string(k) + " people"
                                      : "needs at least " + std::to_string(k) + " people in both"},
            {"settings", setting_keys(setting::min_group_size)}};
  Json j = {{"people", count_json(c->people)},
            {"telemetry_adoption_rate", number_or_null(c->telemetry_adoption_rate)},
            {"activity_adoption_rate", number_or_null(c->activity_adoption_rate)},
            {"agreement", number_or_null(c->agreement)},
            {"telemetry_only_share", number_or_null(c->telemetry_only_share)},
            {"activity_only_share", number_or_null(c->activity_only_share)},
            {"reason", nullptr},
            {"settings", Json::array()}};
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
  out["segments_window"] = segments_window_json(ua.segments, config);
  out["overall"] = ua.plan.overall == privacy::CellStatus::shown
                       ? Json({{"suppressed", false},
                               {"metrics", group_usage_json(ua.overall, ua.tools_present, k)},
                               {"segments", segments_json(ua.segments, ua.segments.overall)},
                               {"maturity", maturity_json(ua.segments, ua.segments.overall, ua.overall.population, config)}})
                       : suppressed_json(ua.plan.overall, k);
  if (Json w = usage_withheld_json(ua.overall, k); !w.empty() && ua.plan.overall == privacy::CellStatus::shown)
    out["overall"]["withheld"] = std::move(w);
  Json groups = Json::array();
  for (std::size_t g = 0; g < ua.grouping.size(); ++g) {
    Json j = {{"key", key_json(ua.grouping, g, label)}};
    if (ua.plan.groups[g] != privacy::CellStatus::shown) {
      j.update(suppressed_json(ua.plan.groups[g], k));
    } else {
      j["suppressed"] = false;
      j["metrics"] = group_usage_json(ua.groups[g], ua.tools_present, k);
      j["segments"] = segments_json(ua.segments, ua.segments.groups[g]);
      j["maturity"] = maturity_json(ua.segments, ua.segments.groups[g], ua.groups[g].population, config);
      if (Json w = usage_withheld_json(ua.groups[g], k); !w.empty()) j["withheld"] = std::move(w);
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
