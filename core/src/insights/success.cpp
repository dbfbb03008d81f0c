#include "insights/success.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "stats/stats.h"
#include "base/number_text.h"
#include "base/stable_order.h"
#include "insights/sufficiency.h"

namespace gapscore::insights {
namespace {

// The size of a relative change as a whole percentage (the sentence gives the direction).
std::string change_percent(double change) { return percent_text(std::fabs(change)); }

// The middle value (the mean of the two middle ones for an even count).
double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// A figure's values in the first and in the last half of the cells' periods
// (the middle one of an odd count left out). Nullopt when a period lacks it.
struct HalfValues {
  std::vector<double> early, late;
};
template <class Value>
std::optional<HalfValues> half_values(const std::vector<const analysis::TrendCell*>& cells, Value value) {
  const std::size_t half = cells.size() / 2;
  HalfValues out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::optional<double> v = value(*cells[i]);
    if (!v) return std::nullopt;
    if (i < half) out.early.push_back(*v);
    if (i >= cells.size() - half) out.late.push_back(*v);
  }
  return out;
}

// The median period of each half, so one odd week (a mistyped row) moves neither end.
template <class Value>
std::optional<std::pair<double, double>> halves(const std::vector<const analysis::TrendCell*>& cells, Value value) {
  const std::optional<HalfValues> v = half_values(cells, value);
  if (!v) return std::nullopt;
  return std::pair{median_of(v->early), median_of(v->late)};
}

// Whether the last half's periods sit higher than the first half's beyond
// their period-to-period spread: one-sided Welch t on the periods' values,
// p < 0.05. An outside review saw "up 1%" told of weeks spread 0.92–0.97.
// With fewer than two periods a half has no spread to judge by, and the
// rise stands on the 0.5% floor alone (docs/insights.md says so).
bool rose_beyond_noise(const HalfValues& v) {
  if (v.early.size() < 2) return true;
  const std::optional<double> p = stats::welch_greater_p(v.late, v.early);
  return p && *p < 0.05;
}

std::optional<std::pair<double, double>> halves(const std::vector<const analysis::TrendCell*>& cells, const char* metric) {
  return halves(cells, [&](const analysis::TrendCell& c) { return analysis::metric_value(c.result, metric); });
}

// Whether errors per task changed between the first and the last half of
// the cells' periods by more than chance: given all the errors of both halves,
// each falls in the last half with that half's share of the tasks; two-sided
// p < 0.05 (normal approximation with continuity correction; at least 5
// errors). The medians alone called 6 errors against 4.5 "down 25%" (an
// outside review: the same planted rate, p = 0.55).
bool errors_clearly_changed(const std::vector<const analysis::TrendCell*>& cells) {
  const std::size_t half = cells.size() / 2;
  double early_errors = 0, early_tasks = 0, late_errors = 0, late_tasks = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i < half) early_errors += cells[i]->errors, early_tasks += cells[i]->error_tasks;
    if (i >= cells.size() - half) late_errors += cells[i]->errors, late_tasks += cells[i]->error_tasks;
  }
  const auto p = stats::conditional_rate_p(late_errors, late_tasks, early_errors, early_tasks, true);
  return p && *p < 0.05;
}

// A rise smaller than this rounds to 0% in the text: noise, not a story.
constexpr double kNoiseRise = 0.005;

// Compares the group's AI users with its other people over the periods where
// each side has at least k people with the figure (so that no comparison rests
// on a few people's weeks). Without two such periods, the group's counts say
// which side is too small.
Attribution attribute(const std::vector<const analysis::TrendCell*>& cells, const analysis::GroupResult& group, int k) {
  std::vector<const analysis::TrendCell*> side_by_side;
  for (const analysis::TrendCell* c : cells)
    if (c->ai_users.people >= static_cast<std::uint32_t>(k) && c->non_users.people >= static_cast<std::uint32_t>(k))
      side_by_side.push_back(c);
  if (side_by_side.size() < 2) {
    const double ai_users = analysis::metric_value(group, "ai_users").value_or(0);
    const double others = analysis::metric_value(group, "headcount").value_or(0) - ai_users;
    if (ai_users < k) return Attribution::too_few_ai_users;
    if (others < k) return Attribution::too_few_non_users;
    return Attribution::too_few_side_by_side;
  }
  const auto ai = halves(side_by_side, [](const analysis::TrendCell& c) { return c.ai_users.quality_adjusted_output_per_hour; });
  const auto non = halves(side_by_side, [](const analysis::TrendCell& c) { return c.non_users.quality_adjusted_output_per_hour; });
  if (!ai || !non || !(ai->first > 0) || !(non->first > 0)) return Attribution::too_few_side_by_side;
  const double ai_rise = ai->second / ai->first - 1.0, non_rise = non->second / non->first - 1.0;
  if (!(ai_rise >= kNoiseRise && ai_rise - non_rise >= kNoiseRise)) return Attribution::no_more_among_ai_users;
  // The AI users' lead over the rest (their ratio, period by period) must
  // grow beyond its own period-to-period spread, as the rise itself.
  const auto lead = half_values(side_by_side, [](const analysis::TrendCell& c) -> std::optional<double> {
    const auto ai_v = c.ai_users.quality_adjusted_output_per_hour, non_v = c.non_users.quality_adjusted_output_per_hour;
    if (!ai_v || !non_v || !(*non_v > 0)) return std::nullopt;
    return *ai_v / *non_v;
  });
  return lead && rose_beyond_noise(*lead) ? Attribution::ai_users_rose_more : Attribution::no_more_among_ai_users;
}

std::string attribution_clause(Attribution a) {
  switch (a) {
    case Attribution::ai_users_rose_more: return "; the rise was larger among its AI users than the rest";
    case Attribution::no_more_among_ai_users:
      return "; not clearly larger among its AI users than the rest: not shown to be AI use's";
    case Attribution::too_few_ai_users: return "; too few of its people use AI to tell if AI is behind it";
    case Attribution::too_few_non_users:
      return "; too few of its people work without AI to compare with";
    case Attribution::too_few_side_by_side:
      return "; too few AI users and others active in the same periods to compare";
  }
  return "";
}

// Stories of AI use first, then the undecided ones, then those that are not AI use's.
int attribution_rank(Attribution a) {
  switch (a) {
    case Attribution::ai_users_rose_more: return 0;
    case Attribution::too_few_non_users:
    case Attribution::too_few_side_by_side: return 1;
    case Attribution::too_few_ai_users:
    case Attribution::no_more_among_ai_users: return 2;
  }
  return 2;
}

}  // namespace

std::string_view attribution_name(Attribution a) {
  switch (a) {
    case Attribution::ai_users_rose_more: return "ai_users_rose_more";
    case Attribution::no_more_among_ai_users: return "no_more_among_ai_users";
    case Attribution::too_few_ai_users: return "too_few_ai_users";
    case Attribution::too_few_non_users: return "too_few_non_users";
    case Attribution::too_few_side_by_side: return "too_few_side_by_side";
  }
  return "";
}

bool card_worthy(const SuccessStory& s) { return !s.mixed && attribution_rank(s.attribution) < 2; }

std::vector<SuccessStory> success_stories(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                                          const Config& config,
                                          const std::function<std::string(std::size_t group)>& display_name) {
  std::vector<SuccessStory> out;
  for (std::size_t g = 0; g < a.grouping.size(); ++g) {
    if (plan.groups[g] != privacy::CellStatus::shown) continue;
    std::vector<const analysis::TrendCell*> cells;  // shown periods with the figure, in period order
    for (std::size_t i = 0; i < a.trends.size(); ++i) {
      const analysis::TrendCell& c = a.trends[i];
      if (!c.group || *c.group != g || plan.trends[i] != privacy::CellStatus::shown) continue;
      if (!analysis::metric_value(c.result, "quality_adjusted_output_per_hour")) continue;
      cells.push_back(&c);
    }
    if (cells.size() < 2) continue;
    const auto output = [](const analysis::TrendCell& c) {
      return analysis::metric_value(c.result, "quality_adjusted_output_per_hour");
    };
    const HalfValues values = *half_values(cells, output);
    const double before = median_of(values.early), after = median_of(values.late);
    // A rise that rounds to 0% or stays inside the weeks' own spread is noise,
    // and a group without AI users is no AI story to copy.
    if (!(before > 0) || after / before - 1.0 < kNoiseRise || !rose_beyond_noise(values)) continue;
    if (!(analysis::metric_value(a.groups[g], "ai_users").value_or(0) > 0)) continue;
    SuccessStory s;
    s.key = a.grouping.keys[g];
    s.from_period = cells.front()->period_label;
    s.to_period = cells.back()->period_label;
    s.qaoph_before = before;
    s.qaoph_after = after;
    s.qaoph_change = after / before - 1.0;
    if (const auto errors = halves(cells, "error_rate")) {
      s.error_rate_before = errors->first;
      s.error_rate_after = errors->second;
    }
    if (s.error_rate_before && s.error_rate_after && *s.error_rate_before > 0)
      s.error_rate_change = *s.error_rate_after / *s.error_rate_before - 1.0;
    s.text = display_name(g) + ": quality-adjusted output per hour up " + change_percent(s.qaoph_change) + " (" +
             fixed_text_padded(before, 2) + " → " + fixed_text_padded(after, 2) + ")";
    // Errors are a change only beyond chance: else the medians' difference is not told as one.
    const bool errors_changed = s.error_rate_before && s.error_rate_after && errors_clearly_changed(cells);
    s.mixed = errors_changed && *s.error_rate_after > *s.error_rate_before;
    if (errors_changed && s.error_rate_change)
      s.text += std::string(", errors per task ") + (*s.error_rate_change <= 0 ? "down " : "up ") +
                change_percent(*s.error_rate_change);
    else if (s.mixed)
      s.text += ", errors per task up";
    else if (s.error_rate_before && s.error_rate_after)
      s.text += ", no clear change in errors per task";
    s.text += ", " + s.from_period + " to " + s.to_period;
    if (s.mixed) s.text += " (mixed: more output, but more errors too)";
    s.attribution = attribute(cells, a.groups[g], min_people_per_side(config));
    s.text += attribution_clause(s.attribution);
    out.push_back(std::move(s));
  }
  stable_sort_by(out, [](const SuccessStory& x, const SuccessStory& y) {
    if (x.mixed != y.mixed) return !x.mixed;
    if (attribution_rank(x.attribution) != attribution_rank(y.attribution))
      return attribution_rank(x.attribution) < attribution_rank(y.attribution);
    return x.qaoph_change > y.qaoph_change;
  });
  if (out.size() > static_cast<std::size_t>(config.insights.max_items)) out.resize(static_cast<std::size_t>(config.insights.max_items));
  return out;
}

}  // namespace gapscore::insights
