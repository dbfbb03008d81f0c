#include "insights/success.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "base/number_text.h"
#include "base/stable_order.h"

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

// A group's figure over its first and its last half of periods (the middle
// one of an odd count left out): the median period of each, so one odd week
// (a mistyped row) moves neither end. Nullopt when a period lacks it.
std::optional<std::pair<double, double>> halves(const std::vector<const analysis::TrendCell*>& cells, const char* metric) {
  const std::size_t half = cells.size() / 2;
  std::vector<double> early, late;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::optional<double> v = analysis::metric_value(cells[i]->result, metric);
    if (!v) return std::nullopt;
    if (i < half) early.push_back(*v);
    if (i >= cells.size() - half) late.push_back(*v);
  }
  return std::pair{median_of(early), median_of(late)};
}

}  // namespace

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
    const auto [before, after] = *halves(cells, "quality_adjusted_output_per_hour");
    // A rise that rounds to 0% is noise, and a group without AI users is no AI story to copy.
    if (!(before > 0) || after / before - 1.0 < 0.005) continue;
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
             fixed_text(before, 2) + " → " + fixed_text(after, 2) + ")";
    s.mixed = s.error_rate_before && s.error_rate_after && *s.error_rate_after > *s.error_rate_before;
    if (s.error_rate_change)
      s.text += std::string(", errors per task ") + (*s.error_rate_change <= 0 ? "down " : "up ") +
                change_percent(*s.error_rate_change);
    else if (s.mixed)
      s.text += ", errors per task up";
    s.text += ", " + s.from_period + " to " + s.to_period;
    if (s.mixed) s.text += " (mixed: more output, but more errors too)";
    out.push_back(std::move(s));
  }
  stable_sort_by(out, [](const SuccessStory& x, const SuccessStory& y) {
    if (x.mixed != y.mixed) return !x.mixed;
    return x.qaoph_change > y.qaoph_change;
  });
  if (out.size() > static_cast<std::size_t>(config.insights.max_items)) out.resize(static_cast<std::size_t>(config.insights.max_items));
  return out;
}

}  // namespace gapscore::insights
